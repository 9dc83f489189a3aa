//go:build js && wasm

package lathe

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"syscall/js"

	"bonemusic/internal/jsawait"
)

// midiAllowed is set once the browser has granted MIDI access in this
// page: asking again then shows no prompt.
var midiAllowed atomic.Bool

// midiAccess asks for MIDI with system-exclusive messages (MMC is SysEx).
func midiAccess() (js.Value, error) {
	if frameForbids("midi") {
		return js.Undefined(), errFrameNoMIDI
	}
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
