//go:build js && wasm

package lathe

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"net"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"bonemusic/lathe/grbl"

	"gitlab.com/gomidi/midi/v2/mmc"
)

// These tests put fake Web Serial and Web MIDI objects on a fake navigator
// in Node and reach them through Open, as a page reaches the real ones.

// fakesJS builds the fakes: a serial port whose readable stream the test
// feeds (port.feed, port.lose, port.breakLine) and whose writable records
// every byte (port.written) and hands each chunk to port.onwrite; a
// navigator.serial; and a navigator.requestMIDIAccess with outputs that
// record what they are sent.
const fakesJS = `return {
  port(info) {
    const port = new EventTarget();
    port.info = info || {usbVendorId: 0x2341, usbProductId: 0x0043};
    port.written = [];
    port.opened = null;
    port.closed = false;
    port.cancelled = 0;
    port.onwrite = null;
    port.newReadable = () => {
      port.readable = new ReadableStream({
        start(c) { port.ctrl = c; },
        cancel() { port.cancelled++; },
      });
    };
    port.newReadable();
    port.writable = new WritableStream({
      write(chunk) {
        if (!(chunk instanceof Uint8Array)) throw new TypeError("write takes a Uint8Array");
        for (const b of chunk) port.written.push(b);
        if (port.onwrite) port.onwrite(chunk);
      },
    });
    port.getInfo = () => port.info;
    port.open = async (opts) => {
      if (port.opened) throw new DOMException("The port is already open.", "InvalidStateError");
      port.opened = opts;
    };
    port.close = async () => {
      if (port.readable.locked || port.writable.locked) throw new TypeError("Cannot cancel a locked stream");
      port.closed = true;
    };
    port.feed = (chunk) => { try { port.ctrl.enqueue(chunk); return true; } catch (e) { return false; } };
    port.end = () => port.ctrl.close();
    port.lose = () => port.ctrl.error(new DOMException("The device has been lost.", "NetworkError"));
    port.breakLine = () => { port.ctrl.error(new DOMException("Break received", "BreakError")); port.newReadable(); };
    return port;
  },
  serial(granted, next) {
    const serial = {requests: 0, reject: "", granted, next};
    serial.getPorts = async () => serial.granted.slice();
    serial.requestPort = async () => {
      serial.requests++;
      if (serial.reject) throw new DOMException("No port selected by the user.", serial.reject);
      return serial.next;
    };
    return serial;
  },
  midi(names) {
    const outputs = new Map();
    names.forEach((name, i) => outputs.set("out" + i, {
      id: "out" + i, name, state: "connected", sent: [], typed: true, closed: false,
      send(data) {
        if (this.state === "disconnected") throw new DOMException("Port is disconnected.", "InvalidStateError");
        this.typed = this.typed && data instanceof Uint8Array;
        this.sent.push(Array.from(data));
      },
      async close() { this.closed = true; },
    }));
    const midi = {asked: null, reject: "", access: {inputs: new Map(), outputs, sysexEnabled: true}};
    midi.request = async (opts) => {
      midi.asked = opts;
      if (midi.reject) throw new DOMException("Permission denied.", midi.reject);
      return midi.access;
    };
    return midi;
  },
};`

var fakes = js.Global().Get("Function").New(fakesJS).Invoke()

// withNavigator makes nav the page's navigator for the test.
func withNavigator(t *testing.T, nav js.Value) {
	t.Helper()
	g, object := js.Global(), js.Global().Get("Object")
	old := object.Call("getOwnPropertyDescriptor", g, "navigator")
	object.Call("defineProperty", g, "navigator", map[string]any{"value": nav, "configurable": true, "writable": true})
	t.Cleanup(func() {
		if old.IsUndefined() {
			js.Global().Get("Reflect").Call("deleteProperty", g, "navigator")
		} else {
			object.Call("defineProperty", g, "navigator", old)
		}
	})
}

// navigator is a fake navigator with serial and MIDI (either may be null).
func navigator(serial, midi js.Value) js.Value {
	nav := js.Global().Get("Object").New()
	if !serial.IsNull() {
		nav.Set("serial", serial)
	}
	if !midi.IsNull() {
		nav.Set("requestMIDIAccess", midi.Get("request"))
	}
	return nav
}

func uint8Array(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

func goBytes(arr js.Value) []byte {
	b := make([]byte, arr.Length())
	for i := range b {
		b[i] = byte(arr.Index(i).Int())
	}
	return b
}

// openFakeSerial opens a fresh fake port through Open and the browser's
// (fake) list, and returns the port and the connection.
func openFakeSerial(t *testing.T) (js.Value, *serialConn) {
	t.Helper()
	port := fakes.Call("port")
	withNavigator(t, navigator(fakes.Call("serial", js.Global().Get("Array").New(), port), js.Null()))
	m, err := Open("", ProtocolGrbl, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return port, m.(*grblMachine).rw.(*serialConn)
}

// within runs f and fails the test if it takes longer than d.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s took more than %v", what, d)
	}
}

// Chunks of 300, 1 and 1000 bytes come out, in order and all of them,
// through Reads of 64 bytes; the port was opened at 115200 8N1.
func TestWebSerialReadKeepsEveryByte(t *testing.T) {
	port, s := openFakeSerial(t)
	o := port.Get("opened")
	if o.Get("baudRate").Int() != 115200 || o.Get("dataBits").Int() != 8 || o.Get("parity").String() != "none" || o.Get("stopBits").Int() != 1 {
		t.Errorf("opened with %s", js.Global().Get("JSON").Call("stringify", o))
	}
	var want []byte
	for i, n := range []int{300, 1, 1000} {
		chunk := make([]byte, n)
		for j := range chunk {
			chunk[j] = byte(len(want) + j + i)
		}
		want = append(want, chunk...)
		port.Call("feed", uint8Array(chunk))
	}
	var got []byte
	buf := make([]byte, 64)
	within(t, 2*time.Second, "reading", func() {
		for len(got) < len(want) {
			n, err := s.Read(buf)
			if err != nil {
				t.Errorf("after %d bytes: %v", len(got), err)
				return
			}
			got = append(got, buf[:n]...)
		}
	})
	if !bytes.Equal(got, want) {
		t.Errorf("read %d bytes, not the %d sent in order", len(got), len(want))
	}
	port.Call("end")
	if n, err := s.Read(buf); n != 0 || err != io.EOF {
		t.Errorf("at the stream's end: %d, %v; want io.EOF", n, err)
	}
}

// Writes reach the port intact, and one goes through while another
// goroutine waits in Read, as grbl.Stream does.
func TestWebSerialWrites(t *testing.T) {
	port, s := openFakeSerial(t)
	read := make(chan string, 1)
	go func() {
		buf := make([]byte, 64)
		n, err := s.Read(buf)
		read <- string(buf[:n]) + errString(err)
	}()
	big := bytes.Repeat([]byte("G1 X-0.254 F19.878\n"), 60)
	var want []byte
	within(t, 2*time.Second, "writing", func() {
		for _, b := range [][]byte{[]byte("$I\n"), {grbl.StatusQuery}, {0x18}, big} {
			if n, err := s.Write(b); n != len(b) || err != nil {
				t.Errorf("Write: %d, %v", n, err)
			}
			want = append(want, b...)
		}
	})
	if got := goBytes(port.Get("written")); !bytes.Equal(got, want) {
		t.Errorf("the port got %d bytes, want the %d written:\n%q", len(got), len(want), got[:min(len(got), 40)])
	}
	port.Call("feed", uint8Array([]byte("ok\r\n")))
	select {
	case got := <-read:
		if got != "ok\r\n" {
			t.Errorf("read %q", got)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the waiting Read never returned")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return " error: " + err.Error()
}

// Close ends a Read that waits for bytes, cancels the reader, releases
// both streams (the fake port refuses to close while they are locked) and
// closes the port; a second Close is harmless, and the port is unusable.
func TestWebSerialClose(t *testing.T) {
	port, s := openFakeSerial(t)
	readErr := make(chan error, 1)
	go func() {
		_, err := s.Read(make([]byte, 64))
		readErr <- err
	}()
	time.Sleep(20 * time.Millisecond) // the Read is waiting on the browser
	within(t, time.Second, "Close", func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	select {
	case err := <-readErr:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("the pending Read returned %v, want net.ErrClosed", err)
		}
	case <-time.After(time.Second):
		t.Fatal("Close did not end the pending Read")
	}
	if !port.Get("closed").Bool() || port.Get("cancelled").Int() != 1 {
		t.Errorf("port closed %v, reader cancelled %d times", port.Get("closed"), port.Get("cancelled").Int())
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Write([]byte("?")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	if _, err := s.Read(make([]byte, 8)); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Read after Close: %v", err)
	}
}

// A port lost mid-read (the stream errors with NetworkError) fails the
// waiting Read with words to act on, after the bytes that came before.
func TestWebSerialLost(t *testing.T) {
	port, s := openFakeSerial(t)
	port.Call("feed", uint8Array([]byte("ok\r\n")))
	buf := make([]byte, 64)
	if n, err := s.Read(buf); string(buf[:n]) != "ok\r\n" || err != nil {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
	readErr := make(chan error, 1)
	go func() { _, err := s.Read(buf); readErr <- err }()
	time.Sleep(10 * time.Millisecond)
	port.Call("lose")
	select {
	case err := <-readErr:
		if !errors.Is(err, errSerialLost) || !strings.Contains(err.Error(), "USB cable") {
			t.Errorf("got %v", err)
		}
	case <-time.After(time.Second):
		t.Fatal("a lost port left Read waiting")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close of a lost port: %v", err)
	}
}

// The disconnect event ends a waiting Read, and the Writes after it.
func TestWebSerialDisconnectEvent(t *testing.T) {
	port, s := openFakeSerial(t)
	readErr := make(chan error, 1)
	go func() { _, err := s.Read(make([]byte, 8)); readErr <- err }()
	time.Sleep(10 * time.Millisecond)
	port.Call("dispatchEvent", js.Global().Get("Event").New("disconnect"))
	select {
	case err := <-readErr:
		if !errors.Is(err, errSerialLost) {
			t.Errorf("Read got %v", err)
		}
	case <-time.After(time.Second):
		t.Fatal("the disconnect event left Read waiting")
	}
	if _, err := s.Write([]byte("?")); !errors.Is(err, errSerialLost) {
		t.Errorf("Write got %v", err)
	}
}

// A break on the line (a non-fatal error: the port offers a new stream)
// loses nothing after it: reading goes on from the new stream.
func TestWebSerialReadsOnAfterABreak(t *testing.T) {
	port, s := openFakeSerial(t)
	port.Call("feed", uint8Array([]byte("ab")))
	buf := make([]byte, 64)
	if n, _ := s.Read(buf); string(buf[:n]) != "ab" {
		t.Fatalf("read %q", buf[:n])
	}
	port.Call("breakLine")
	port.Call("feed", uint8Array([]byte("cd")))
	within(t, time.Second, "reading after a break", func() {
		if n, err := s.Read(buf); string(buf[:n]) != "cd" || err != nil {
			t.Errorf("read %q, %v", buf[:n], err)
		}
	})
}

// Browsers without Web Serial, or without either API, say which browser
// to use; the visitor closing the list is "no port was chosen"; a list
// asked for too long after the tap says to press again.
func TestWebSerialRefusals(t *testing.T) {
	withNavigator(t, navigator(js.Null(), js.Null()))
	if _, err := Open("", ProtocolGrbl, DefaultConfig()); err == nil || !strings.Contains(err.Error(), "cannot reach a serial port (Web Serial): use Chrome or Edge") {
		t.Errorf("without Web Serial: %v", err)
	}
	if _, err := ListPorts(); err == nil || !strings.Contains(err.Error(), "Web Serial") || !strings.Contains(err.Error(), "Web MIDI") {
		t.Errorf("ListPorts without either API: %v", err)
	}
	if PortPresent("") {
		t.Error("a port is present without the APIs")
	}
	js.Global().Get("Reflect").Call("deleteProperty", js.Global(), "navigator")
	if _, err := Open("", ProtocolGrbl, DefaultConfig()); err != errNoWebSerial {
		t.Errorf("without a navigator: %v", err)
	}
	if _, err := Open("", "modbus", DefaultConfig()); err == nil || !strings.Contains(err.Error(), "no protocol") {
		t.Errorf("an unknown protocol: %v", err)
	}

	serial := fakes.Call("serial", js.Global().Get("Array").New(), js.Null())
	withNavigator(t, navigator(serial, js.Null()))
	for name, want := range map[string]string{"NotFoundError": "no port was chosen", "SecurityError": "after a tap or click"} {
		serial.Set("reject", name)
		if _, err := Open("", ProtocolGrbl, DefaultConfig()); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("requestPort rejected with %s: %v, want %q", name, err, want)
		}
	}
	serial.Set("reject", "")
	port := fakes.Call("port")
	port.Set("opened", true) // open in another connection of this page
	serial.Set("next", port)
	if _, err := Open("", ProtocolGrbl, DefaultConfig()); err != errPortOpenHere {
		t.Errorf("a port already open: %v", err)
	}
}

// ListPorts names the granted serial ports by their USB ids and the MIDI
// outputs by their names; PortPresent finds them; a granted port opens by
// its name without showing the browser's list.
func TestWebListPorts(t *testing.T) {
	arduino := fakes.Call("port")
	same := fakes.Call("port")
	ch340 := fakes.Call("port", map[string]any{"usbVendorId": 0x1a86, "usbProductId": 0x7523})
	unplugged := fakes.Call("port", map[string]any{"usbVendorId": 0x0403, "usbProductId": 0x6001})
	unplugged.Set("connected", false)
	serial := fakes.Call("serial", []any{arduino, same, ch340, unplugged}, js.Null())
	midi := fakes.Call("midi", []any{"Lathe MIDI", "Synth"})
	withNavigator(t, navigator(serial, midi))
	ports, err := ListPorts()
	if err != nil {
		t.Fatal(err)
	}
	want := []PortInfo{
		{"Arduino serial (USB 2341:0043)", ProtocolGrbl},
		{"Arduino serial (USB 2341:0043) #2", ProtocolGrbl},
		{"CH340 serial (USB 1a86:7523)", ProtocolGrbl},
		{"Lathe MIDI", ProtocolMIDI},
		{"Synth", ProtocolMIDI},
	}
	if len(ports) != len(want) {
		t.Fatalf("ListPorts: %v, want %v", ports, want)
	}
	for i := range want {
		if ports[i] != want[i] {
			t.Errorf("port %d: %+v, want %+v", i, ports[i], want[i])
		}
		if !PortPresent(want[i].Name) {
			t.Errorf("%q is not present", want[i].Name)
		}
	}
	if !midi.Get("asked").Get("sysex").Bool() {
		t.Error("MIDI access was asked for without sysex")
	}
	if PortPresent("FTDI serial (USB 0403:6001)") || PortPresent("/dev/ttyUSB0") {
		t.Error("an unplugged or unknown port is present")
	}
	m, err := Open("CH340 serial (USB 1a86:7523)", ProtocolGrbl, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if serial.Get("requests").Int() != 0 || ch340.Get("opened").IsNull() {
		t.Errorf("%d requests for the list; the CH340 opened: %v", serial.Get("requests").Int(), !ch340.Get("opened").IsNull())
	}
}

// The MIDI output gets each Write as one message, as a Uint8Array, byte
// for byte; Open takes the named output or the first.
func TestWebMIDI(t *testing.T) {
	midi := fakes.Call("midi", []any{"Lathe MIDI", "Synth"})
	withNavigator(t, navigator(js.Null(), midi))
	m, err := Open("Synth", ProtocolMIDI, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	w := m.(*midiMachine).out
	msgs := [][]byte{
		machineControl(0x7F, mmc.RecordStrobeCmd), // MMC Record Strobe, all-call: F0 7F 7F 06 06 F7
		cc(0, CCPitch, 1),
		{activeSensing},
	}
	for _, b := range msgs {
		if n, err := w.Write(b); n != len(b) || err != nil {
			t.Errorf("Write % X: %d, %v", b, n, err)
		}
	}
	synth := midi.Get("access").Get("outputs").Call("get", "out1")
	sent := synth.Get("sent")
	if sent.Length() != len(msgs) || !synth.Get("typed").Bool() {
		t.Fatalf("sent %d messages (as Uint8Array: %v), want %d", sent.Length(), synth.Get("typed").Bool(), len(msgs))
	}
	for i, want := range msgs {
		if got := goBytes(sent.Index(i)); !bytes.Equal(got, want) {
			t.Errorf("message %d: % X, want % X", i, got, want)
		}
	}
	if want := []byte{0xF0, 0x7F, 0x7F, 0x06, 0x06, 0xF7}; !bytes.Equal(msgs[0], want) {
		t.Errorf("MMC Record Strobe is % X, want % X", msgs[0], want)
	}
	if err := m.Close(); err != nil || !synth.Get("closed").Bool() {
		t.Errorf("Close: %v; output closed %v", err, synth.Get("closed"))
	}
	if err := m.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := w.Write([]byte{activeSensing}); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}

	m, err = Open("", ProtocolMIDI, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	first := midi.Get("access").Get("outputs").Call("get", "out0")
	first.Set("state", "disconnected")
	if _, err := m.(*midiMachine).out.Write([]byte{activeSensing}); err == nil || !strings.Contains(err.Error(), `"Lathe MIDI" is disconnected`) {
		t.Errorf("Write to an unplugged first output: %v", err)
	}
	m.Close()
}

// Without Web MIDI, with SysEx refused, with no outputs or not the one
// named, Open says so.
func TestWebMIDIRefusals(t *testing.T) {
	withNavigator(t, navigator(js.Null(), js.Null()))
	if _, err := Open("", ProtocolMIDI, DefaultConfig()); err == nil || !strings.Contains(err.Error(), "cannot reach a MIDI device (Web MIDI)") {
		t.Errorf("without Web MIDI: %v", err)
	}
	midi := fakes.Call("midi", []any{"Lathe MIDI"})
	withNavigator(t, navigator(js.Null(), midi))
	midi.Set("reject", "NotAllowedError")
	if _, err := Open("", ProtocolMIDI, DefaultConfig()); err == nil || !strings.Contains(err.Error(), "system-exclusive") {
		t.Errorf("SysEx refused: %v", err)
	}
	midi.Set("reject", "")
	if _, err := Open("Drum Machine", ProtocolMIDI, DefaultConfig()); err == nil || !strings.Contains(err.Error(), `no MIDI output "Drum Machine"; the browser sees "Lathe MIDI"`) {
		t.Errorf("an unknown output: %v", err)
	}
	withNavigator(t, navigator(js.Null(), fakes.Call("midi", []any{})))
	if _, err := Open("", ProtocolMIDI, DefaultConfig()); err != errNoMIDIOutputs {
		t.Errorf("no outputs: %v", err)
	}
}

// A whole cut through Open and the Web Serial code, to the simulated grbl
// board behind the fake port: every line accepted, the board's buffer
// never overfilled, the carriage where the plan ends.
func TestWebSerialCutsADisc(t *testing.T) {
	port, s := openFakeSerial(t)
	cfg := DefaultConfig()
	board := &grbl.Device{Speedup: 2000, TravelMM: [3]float64{cfg.TravelMM, 0, 1}}

	// What the page writes reaches the board through a queue: the port's
	// callback must not block, the board reads when it reads.
	fromHost, toBoard := io.Pipe()
	var mu sync.Mutex
	var queue [][]byte
	wake := make(chan struct{}, 1)
	onwrite := js.FuncOf(func(_ js.Value, args []js.Value) any {
		b := make([]byte, args[0].Length())
		js.CopyBytesToGo(b, args[0])
		mu.Lock()
		queue = append(queue, b)
		mu.Unlock()
		select {
		case wake <- struct{}{}:
		default:
		}
		return nil
	})
	defer onwrite.Release()
	port.Set("onwrite", onwrite)
	ctx, powerOff := context.WithCancel(context.Background())
	go func() {
		for {
			select {
			case <-wake:
			case <-ctx.Done():
				return
			}
			mu.Lock()
			q := queue
			queue = nil
			mu.Unlock()
			for _, b := range q {
				if _, err := toBoard.Write(b); err != nil {
					return
				}
			}
		}
	}()
	served := make(chan struct{})
	go func() { board.Serve(ctx, boardSide{fromHost, port}); close(served) }()
	defer func() { powerOff(); fromHost.Close(); <-served }()

	d := disc(t, 5)
	plan, _ := PlanCut(d, cfg)
	m := NewGrbl(s, cfg).(*grblMachine)
	m.opt = grbl.StreamOptions{PollEvery: 10 * time.Millisecond}
	var last Event
	if err := m.Cut(context.Background(), d, func(e Event) { last = e }); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Error(err)
	}
	if last.Phase != Finished || last.Done != len(plan.Lines) || board.Overflowed() || board.Alarmed() {
		t.Errorf("last event %+v; overflowed %v, alarmed %v", last, board.Overflowed(), board.Alarmed())
	}
	if end := cfg.HomeRadiusMM + plan.EndX; !last.HasRadius || math.Abs(last.RadiusMM-end) > 0.001 {
		t.Errorf("the cutter ended at r = %.3f mm, the plan at %.3f", last.RadiusMM, end)
	}
}

// boardSide is the board's end of the fake port: it reads what the page
// wrote and feeds its answers to the port's readable stream.
type boardSide struct {
	io.Reader
	port js.Value
}

func (b boardSide) Write(p []byte) (int, error) {
	if !b.port.Call("feed", uint8Array(p)).Bool() {
		return 0, io.ErrClosedPipe // the page closed the port
	}
	return len(p), nil
}
