//go:build js && wasm

package lathe

import (
	"errors"
	"fmt"
	"io"
	"net"
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
	if frameForbids("serial") {
		return js.Undefined(), errFrameNoSerial
	}
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
