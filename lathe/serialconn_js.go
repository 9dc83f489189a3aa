//go:build js && wasm

package lathe

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"syscall/js"

	"bonemusic/internal/jsawait"
)

// serialConn is an open Web Serial port as an io.ReadWriteCloser. One Read
// and one Write may run at once, from different goroutines (grbl.Stream
// reads in one and writes in another). Every method blocks until the
// browser answers: call them from goroutines, never from inside a
// JavaScript callback.
type serialConn struct {
	port js.Value

	rmu  sync.Mutex // one Read at a time; guards rest and rerr
	rest []byte     // the part of the last chunk the caller had no room for
	rerr error      // the stream's end (io.EOF) or failure, once seen

	wmu  sync.Mutex // one Write at a time; guards werr
	werr error

	mu       sync.Mutex // guards the reader and writer against Close
	readable js.Value   // the stream reader reads from
	reader   js.Value   // its ReadableStreamDefaultReader
	writer   js.Value   // port.writable's WritableStreamDefaultWriter

	closed    chan struct{} // closed by Close
	closeOnce sync.Once

	gone     chan struct{} // closed by the port's disconnect event
	goneOnce sync.Once
	broken   atomic.Bool // a Read or Write found the port lost
	onGone   js.Func
	listens  bool // onGone was added to the port
}

func newSerialConn(port js.Value) (*serialConn, error) {
	readable, writable := port.Get("readable"), port.Get("writable")
	if !jsawait.IsObject(readable) || !jsawait.IsObject(writable) {
		return nil, errors.New("lathe: the serial port opened without its streams: unplug the lathe, plug it in and try again")
	}
	reader, err := jsawait.Call(readable, "getReader")
	if err != nil {
		return nil, fmt.Errorf("lathe: reading the serial port: %v", err)
	}
	writer, err := jsawait.Call(writable, "getWriter")
	if err != nil {
		jsawait.Call(reader, "releaseLock")
		return nil, fmt.Errorf("lathe: writing to the serial port: %v", err)
	}
	s := &serialConn{port: port, readable: readable, reader: reader, writer: writer,
		closed: make(chan struct{}), gone: make(chan struct{})}
	if jsawait.HasMethod(port, "addEventListener") {
		s.onGone = js.FuncOf(func(js.Value, []js.Value) any {
			s.goneOnce.Do(func() { close(s.gone) })
			return nil
		})
		jsawait.Call(port, "addEventListener", "disconnect", s.onGone)
		s.listens = true
	}
	return s, nil
}

// lost is the error of a port that went away, remembered for Close.
func (s *serialConn) lost(cause error) error {
	s.broken.Store(true)
	return fmt.Errorf("lathe: %w (%v)", errSerialLost, cause)
}

var errDisconnected = &jsawait.DOMError{Name: "NetworkError", Message: "the port was disconnected"}

// Read returns the bytes the port has received, waiting for some. A chunk
// from the browser larger than p is kept, and handed out by the next Reads.
// It returns io.EOF when the port's stream ends, an error wrapping
// errSerialLost when the port is lost, and net.ErrClosed after Close.
func (s *serialConn) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	for {
		if len(s.rest) > 0 {
			n := copy(p, s.rest)
			s.rest = s.rest[n:]
			return n, nil
		}
		if s.rerr != nil {
			return 0, s.rerr
		}
		s.mu.Lock()
		select {
		case <-s.closed:
			s.mu.Unlock()
			return 0, errSerialClosed
		default:
		}
		promise, err := jsawait.Call(s.reader, "read")
		s.mu.Unlock()
		if err != nil {
			s.rerr = s.lost(err)
			continue
		}
		var r jsawait.Settled
		select {
		case r = <-jsawait.Settle(promise):
		case <-s.closed:
			return 0, errSerialClosed // Close cancels the reader: the read settles as done
		case <-s.gone:
			s.rerr = s.lost(errDisconnected)
			continue
		}
		if r.Err != nil {
			if !s.readAgain(r.Err) {
				s.rerr = s.lost(r.Err)
			}
			continue
		}
		if r.Value.Get("done").Truthy() {
			s.rerr = io.EOF
			continue
		}
		chunk := r.Value.Get("value")
		if !jsawait.IsObject(chunk) || chunk.Length() == 0 {
			continue
		}
		buf := make([]byte, chunk.Length())
		js.CopyBytesToGo(buf, chunk)
		s.rest = buf
	}
}

// readAgain recovers from the errors Web Serial calls non-fatal — a break,
// a framing or parity error, a buffer overrun, which lose some bytes but
// not the port — by reading from the new stream the port then offers.
func (s *serialConn) readAgain(err error) bool {
	switch jsawait.ErrorName(err) {
	case "BreakError", "BufferOverrunError", "FramingError", "ParityError":
	default:
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.closed:
		return false
	default:
	}
	readable := s.port.Get("readable")
	if !jsawait.IsObject(readable) || readable.Equal(s.readable) {
		return false
	}
	reader, rerr := jsawait.Call(readable, "getReader")
	if rerr != nil {
		return false
	}
	jsawait.Call(s.reader, "releaseLock")
	s.readable, s.reader = readable, reader
	return true
}

// Write sends p and returns once the browser has taken all of it.
func (s *serialConn) Write(p []byte) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.werr != nil {
		return 0, s.werr
	}
	select {
	case <-s.closed:
		return 0, errSerialClosed
	case <-s.gone:
		s.werr = s.lost(errDisconnected)
		return 0, s.werr
	default:
	}
	if len(p) == 0 {
		return 0, nil
	}
	arr := js.Global().Get("Uint8Array").New(len(p))
	js.CopyBytesToJS(arr, p)
	s.mu.Lock()
	promise, err := jsawait.Call(s.writer, "write", arr)
	s.mu.Unlock()
	if err != nil {
		s.werr = s.lost(err)
		return 0, s.werr
	}
	select {
	case r := <-jsawait.Settle(promise):
		if r.Err != nil {
			s.werr = s.lost(r.Err)
			return 0, s.werr
		}
		return len(p), nil
	case <-s.closed:
		return 0, errSerialClosed
	case <-s.gone:
		s.werr = s.lost(errDisconnected)
		return 0, s.werr
	}
}

// Close cancels the reader (a Read waiting for bytes returns), releases the
// streams and closes the port. Calling it again does nothing.
func (s *serialConn) Close() error {
	var err error
	s.closeOnce.Do(func() { err = s.shut() })
	return err
}

func (s *serialConn) shut() error {
	s.mu.Lock()
	close(s.closed)
	reader, writer := s.reader, s.writer
	s.mu.Unlock()
	if s.listens {
		jsawait.Call(s.port, "removeEventListener", "disconnect", s.onGone)
		s.onGone.Release()
	}
	if p, err := jsawait.Call(reader, "cancel"); err == nil {
		jsawait.AwaitWithin(p, closeWait) // a lost port's stream has already failed: nothing to cancel
	}
	jsawait.Call(reader, "releaseLock")
	jsawait.Call(writer, "releaseLock") // the port's close flushes and closes the writable
	p, err := jsawait.Call(s.port, "close")
	if err == nil {
		_, err = jsawait.AwaitWithin(p, closeWait)
	}
	select {
	case <-s.gone:
		return nil // an unplugged port cannot close cleanly; there is nothing left to do
	default:
	}
	if err != nil && !s.broken.Load() {
		return fmt.Errorf("lathe: closing the serial port: %v", err)
	}
	return nil
}
