//go:build js && wasm

package lathe

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall/js"
	"time"

	"bonemusic/internal/jsawait"
)

// In a browser the lathe is reached through Web Serial (grbl) and Web MIDI.
// Both are promise-based: every function here awaits promises, so it blocks
// its goroutine until the browser answers. Call them from a goroutine of
// their own, never from inside a js.FuncOf callback (an event handler),
// which holds the page's event loop: the promise could never settle and the
// program would deadlock.

var (
	errNoWebSerial    = errors.New("lathe: this browser cannot reach a serial port (Web Serial): use Chrome or Edge on a computer, or the desktop build")
	errNoWebMIDI      = errors.New("lathe: this browser cannot reach a MIDI device (Web MIDI): use Chrome, Edge or Firefox on a computer, or the desktop build")
	errInsecure       = errors.New("lathe: this page did not come over https, and browsers reach serial ports and MIDI devices only from secure pages: open it over https (or from localhost)")
	errNoActivation   = errors.New("lathe: the browser shows its list of serial ports only straight after a tap or click on the page (and not in a frame that does not allow serial): press the button again")
	errPortBusy       = errors.New("lathe: the serial port would not open: another program or browser tab may be using it (a serial monitor, another sender): close it and try again")
	errPortOpenHere   = errors.New("lathe: the serial port is already open in this page: stop the other connection first")
	errSysExRefused   = errors.New("lathe: the browser was not allowed to send MIDI system-exclusive messages, which a MIDI lathe's start and stop commands (MIDI Machine Control) are: allow MIDI device control for this site (the icon at the left of the address bar) and try again")
	errNoMIDIOutputs  = errors.New("lathe: the browser sees no MIDI output: plug the lathe's MIDI interface in (USB) and try again")
	errSerialLost     = errors.New("the serial port went away: check the USB cable and the lathe's power")
	errSerialClosed   = fmt.Errorf("lathe: the serial port is closed: %w", net.ErrClosed)
	errMIDIPortClosed = fmt.Errorf("lathe: the MIDI output is closed: %w", net.ErrClosed)
)

// serialOptions is grbl's link: 115200 baud, 8N1, no flow control.
var serialOptions = map[string]any{"baudRate": 115200, "dataBits": 8, "parity": "none", "stopBits": 1, "flowControl": "none"}

// closeWait bounds each step of closing a port, in case the browser never
// answers (a device that hangs).
const closeWait = 2 * time.Second

// ListPorts lists the serial ports this page was already granted (for
// grbl; a port is granted when the visitor picks it in the browser's list,
// see Open) and the MIDI outputs (for a MIDI lathe). Asking for MIDI may
// show the browser's permission prompt the first time. An API the browser
// lacks, or a refused permission, leaves its ports out; the error comes
// only when neither kind could be listed, and says why for each. Call it
// from a goroutine, never from a JavaScript callback.
func ListPorts() ([]PortInfo, error) {
	var out []PortInfo
	var errs []error
	if serial, err := webSerial(); err != nil {
		errs = append(errs, err)
	} else if ports, err := grantedPorts(serial); err != nil {
		errs = append(errs, err)
	} else {
		for _, p := range ports {
			out = append(out, PortInfo{Name: p.name, Protocol: ProtocolGrbl})
		}
	}
	if access, err := midiAccess(); err != nil {
		errs = append(errs, err)
	} else {
		for _, o := range midiOutputs(access) {
			out = append(out, PortInfo{Name: o.Get("name").String(), Protocol: ProtocolMIDI})
		}
	}
	if len(out) == 0 && len(errs) == 2 {
		if errs[0] == errInsecure && errs[1] == errInsecure {
			return nil, errInsecure
		}
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// PortPresent reports whether name is still there: after a lost link it
// tells an unplugged cable from a board that stopped answering. It looks
// among the granted serial ports that are connected and, if this page was
// already allowed MIDI (it never prompts), the connected MIDI outputs. ""
// (a port chosen in the browser's list) is any of them. Call it from a
// goroutine, never from a JavaScript callback.
func PortPresent(name string) bool {
	if serial, err := webSerial(); err == nil {
		ports, _ := grantedPorts(serial)
		for _, p := range ports {
			if name == "" || p.name == name {
				return true
			}
		}
	}
	if !midiAllowed.Load() {
		return false
	}
	access, err := midiAccess()
	if err != nil {
		return false
	}
	for _, o := range midiOutputs(access) {
		if (name == "" || o.Get("name").String() == name) && o.Get("state").String() != "disconnected" {
			return true
		}
	}
	return false
}

// Open connects to the lathe on port with protocol.
//
// grbl: a port is a serial port the visitor chooses in the browser's own
// list (navigator.serial.requestPort), unless port names one ListPorts
// found (granted earlier), which opens without asking. The browser shows
// its list only within its transient user activation, a few seconds after
// a tap or click on the page: call Open soon after the visitor's tap, with
// nothing slow in between. The port opens at 115200 8N1. A visitor who
// closes the list gets "no port was chosen".
//
// midi: asks for MIDI access with system-exclusive messages, which MIDI
// Machine Control needs (the browser may ask the visitor), and takes the
// output named port, or the first output when port is "".
//
// Open blocks until the browser answers: call it from a goroutine, never
// from inside a JavaScript callback.
func Open(port, protocol string, cfg Config) (Machine, error) {
	if err := checkProtocol(protocol); err != nil {
		return nil, err
	}
	if protocol == ProtocolMIDI {
		w, err := openWebMIDI(port)
		if err != nil {
			return nil, err
		}
		return NewMIDI(w, cfg), nil
	}
	rw, err := openWebSerial(port)
	if err != nil {
		return nil, err
	}
	return NewGrbl(rw, cfg), nil
}

// unavailable is notThere, or errInsecure on a page the browser does not
// trust (plain http): browsers hide both APIs there.
func unavailable(notThere error) error {
	if sc := js.Global().Get("isSecureContext"); sc.Type() == js.TypeBoolean && !sc.Bool() {
		return errInsecure
	}
	return notThere
}

// --- Web Serial ---

// webSerial is navigator.serial, or why the page cannot have it.
func webSerial() (js.Value, error) {
	if nav := js.Global().Get("navigator"); jsawait.IsObject(nav) {
		if serial := nav.Get("serial"); jsawait.HasMethod(serial, "requestPort") {
			return serial, nil
		}
	}
	return js.Undefined(), unavailable(errNoWebSerial)
}

type grantedPort struct {
	name string
	port js.Value
}

// grantedPorts are the serial ports this page may open without asking,
// connected now, with names for ListPorts.
func grantedPorts(serial js.Value) ([]grantedPort, error) {
	arr, err := jsawait.CallAwait(serial, "getPorts")
	if err != nil {
		return nil, fmt.Errorf("lathe: listing serial ports: %v", err)
	}
	var out []grantedPort
	seen := map[string]int{}
	for i := 0; i < arr.Length(); i++ {
		p := arr.Index(i)
		if c := p.Get("connected"); c.Type() == js.TypeBoolean && !c.Bool() {
			continue
		}
		info, _ := jsawait.Call(p, "getInfo")
		name := serialName(info)
		if seen[name]++; seen[name] > 1 {
			name = fmt.Sprintf("%s #%d", name, seen[name])
		}
		out = append(out, grantedPort{name, p})
	}
	return out, nil
}

// usbMakers name the USB vendors of the usual grbl boards and their
// USB-serial chips.
var usbMakers = map[int]string{
	0x2341: "Arduino", 0x2a03: "Arduino", 0x1a86: "CH340", 0x0403: "FTDI", 0x10c4: "CP210x",
}

// serialName names a port from port.getInfo(): "Arduino serial (USB
// 2341:0043)". Browsers give ports no other name.
func serialName(info js.Value) string {
	if !jsawait.IsObject(info) {
		return "serial port"
	}
	vid, pid := info.Get("usbVendorId"), info.Get("usbProductId")
	if vid.Type() == js.TypeNumber {
		id := fmt.Sprintf("USB %04x", vid.Int())
		if pid.Type() == js.TypeNumber {
			id += fmt.Sprintf(":%04x", pid.Int())
		}
		if maker, ok := usbMakers[vid.Int()]; ok {
			return maker + " serial (" + id + ")"
		}
		return "serial port (" + id + ")"
	}
	if bt := info.Get("bluetoothServiceClassId"); !bt.IsUndefined() && !bt.IsNull() {
		return "Bluetooth serial port"
	}
	return "serial port"
}

// openWebSerial opens name if it is a granted port, or else the port the
// visitor chooses in the browser's list, at 115200 8N1.
func openWebSerial(name string) (io.ReadWriteCloser, error) {
	serial, err := webSerial()
	if err != nil {
		return nil, err
	}
	var port js.Value
	if name != "" { // "" goes straight to the list, inside the user activation
		ports, _ := grantedPorts(serial)
		for _, p := range ports {
			if p.name == name {
				port = p.port
				break
			}
		}
	}
	if !jsawait.IsObject(port) {
		port, err = jsawait.CallAwait(serial, "requestPort")
		if err != nil {
			switch jsawait.ErrorName(err) {
			case "NotFoundError", "AbortError":
				return nil, ErrNoPortChosen
			case "SecurityError", "NotAllowedError":
				return nil, errNoActivation
			}
			return nil, fmt.Errorf("lathe: choosing a serial port: %v", err)
		}
		if !jsawait.IsObject(port) {
			return nil, ErrNoPortChosen
		}
	}
	if _, err := jsawait.CallAwait(port, "open", serialOptions); err != nil {
		switch jsawait.ErrorName(err) {
		case "NetworkError":
			return nil, errPortBusy
		case "InvalidStateError":
			return nil, errPortOpenHere
		}
		return nil, fmt.Errorf("lathe: opening the serial port: %v", err)
	}
	s, err := newSerialConn(port)
	if err != nil {
		jsawait.CallAwait(port, "close")
		return nil, err
	}
	return s, nil
}

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

// --- Web MIDI ---

// midiAllowed is set once the browser has granted MIDI access in this
// page: asking again then shows no prompt.
var midiAllowed atomic.Bool

// midiAccess asks for MIDI with system-exclusive messages (MMC is SysEx).
func midiAccess() (js.Value, error) {
	nav := js.Global().Get("navigator")
	if !jsawait.HasMethod(nav, "requestMIDIAccess") {
		return js.Undefined(), unavailable(errNoWebMIDI)
	}
	access, err := jsawait.CallAwait(nav, "requestMIDIAccess", map[string]any{"sysex": true})
	if err != nil {
		switch jsawait.ErrorName(err) {
		case "NotAllowedError", "SecurityError":
			return js.Undefined(), errSysExRefused
		case "NotSupportedError":
			return js.Undefined(), errNoWebMIDI
		}
		return js.Undefined(), fmt.Errorf("lathe: the browser would not open MIDI (Web MIDI): %v", err)
	}
	if !jsawait.IsObject(access) || !jsawait.IsObject(access.Get("outputs")) {
		return js.Undefined(), errors.New("lathe: the browser's MIDI access has no outputs")
	}
	midiAllowed.Store(true)
	return access, nil
}

// midiOutputs are access.outputs (a map-like MIDIOutputMap) in its order.
func midiOutputs(access js.Value) []js.Value {
	values, err := jsawait.Call(access.Get("outputs"), "values")
	if err != nil {
		return nil
	}
	arr, err := jsawait.Call(js.Global().Get("Array"), "from", values)
	if err != nil {
		return nil
	}
	out := make([]js.Value, arr.Length())
	for i := range out {
		out[i] = arr.Index(i)
	}
	return out
}

func openWebMIDI(name string) (io.WriteCloser, error) {
	access, err := midiAccess()
	if err != nil {
		return nil, err
	}
	outs := midiOutputs(access)
	if len(outs) == 0 {
		return nil, errNoMIDIOutputs
	}
	if name == "" {
		return &midiOut{out: outs[0], name: outs[0].Get("name").String()}, nil
	}
	var names []string
	for _, o := range outs {
		n := o.Get("name").String()
		if n == name {
			return &midiOut{out: o, name: n}, nil
		}
		names = append(names, fmt.Sprintf("%q", n))
	}
	return nil, fmt.Errorf("lathe: there is no MIDI output %q; the browser sees %s", name, strings.Join(names, ", "))
}

// midiOut is a Web MIDI output as an io.WriteCloser: each Write is one
// whole MIDI message (Web MIDI refuses a message cut in two), sent at once.
type midiOut struct {
	out    js.Value
	name   string
	mu     sync.Mutex
	closed bool
}

func (m *midiOut) Write(b []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return 0, errMIDIPortClosed
	}
	if len(b) == 0 {
		return 0, nil
	}
	if m.out.Get("state").String() == "disconnected" {
		return 0, fmt.Errorf("lathe: the MIDI output %q is disconnected", m.name)
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	if _, err := jsawait.Call(m.out, "send", arr); err != nil {
		return 0, fmt.Errorf("lathe: sending to the MIDI output %q: %v", m.name, err)
	}
	return len(b), nil
}

// Close closes the output; calling it again does nothing.
func (m *midiOut) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	m.mu.Unlock()
	if p, err := jsawait.Call(m.out, "close"); err == nil {
		jsawait.AwaitWithin(p, closeWait) // nothing to do if it fails: the output is unused from now on
	}
	return nil
}
