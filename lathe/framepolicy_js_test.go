//go:build js && wasm

package lathe

import (
	"syscall/js"
	"testing"
)

// withGlobal sets globalThis[name] for the test, and puts back what was there.
func withGlobal(t *testing.T, name string, v any) {
	t.Helper()
	g, object := js.Global(), js.Global().Get("Object")
	old := object.Call("getOwnPropertyDescriptor", g, name)
	object.Call("defineProperty", g, name, map[string]any{"value": v, "configurable": true, "writable": true})
	t.Cleanup(func() {
		if old.IsUndefined() {
			js.Global().Get("Reflect").Call("deleteProperty", g, name)
		} else {
			object.Call("defineProperty", g, name, old)
		}
	})
}

// A frame whose page did not allow serial or midi says the page is why,
// before the browser's own refusal (which reads as the visitor's); the
// APIs work as before where the page allows them, and outside frames.
func TestFramePolicyRefusals(t *testing.T) {
	serial := fakes.Call("serial", js.Global().Get("Array").New(), js.Null())
	midi := fakes.Call("midi", []any{"Lathe MIDI"})
	withNavigator(t, navigator(serial, midi))
	allowed := map[string]bool{}
	policy := js.Global().Get("Object").New()
	allows := js.FuncOf(func(_ js.Value, args []js.Value) any { return allowed[args[0].String()] })
	t.Cleanup(allows.Release)
	policy.Set("allowsFeature", allows)
	withGlobal(t, "document", map[string]any{"featurePolicy": policy})

	// Not a frame: the policy is the page's own business.
	if frameForbids("serial") || frameForbids("midi") {
		t.Fatal("a top-level page counted as a frame")
	}
	withGlobal(t, "parent", js.Global().Get("Object").New())
	if _, err := Open("", ProtocolGrbl, DefaultConfig()); err != errFrameNoSerial {
		t.Errorf("serial in a frame that does not allow it: %v", err)
	}
	if _, err := Open("", ProtocolMIDI, DefaultConfig()); err != errFrameNoMIDI {
		t.Errorf("MIDI in a frame that does not allow it: %v", err)
	}
	allowed["serial"], allowed["midi"] = true, true
	if _, err := Open("", ProtocolGrbl, DefaultConfig()); err == errFrameNoSerial {
		t.Error("serial refused in a frame that allows it")
	}
	if m, err := Open("", ProtocolMIDI, DefaultConfig()); err != nil {
		t.Errorf("MIDI in a frame that allows it: %v", err)
	} else {
		m.Close()
	}
}
