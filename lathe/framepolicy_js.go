//go:build js && wasm

package lathe

import (
	"errors"
	"syscall/js"

	"bonemusic/internal/jsawait"
)

// In a frame whose page left serial or midi out of the iframe's allow=, the
// browser refuses the API as if the visitor had: the visitor is told the
// page is the reason, and what still works, rather than sent to settings
// that cannot change it.
var (
	errFrameNoSerial = errors.New(`lathe: the page showing Bone Music does not let it reach a USB lathe (its iframe lacks allow="serial"): cut on the simulated lathe, or open Bone Music in a tab of its own`)
	errFrameNoMIDI   = errors.New(`lathe: the page showing Bone Music does not let it reach a MIDI lathe (its iframe lacks allow="midi"): cut on the simulated lathe, or open Bone Music in a tab of its own`)
)

// frameForbids reports whether the page is a frame its parent does not
// allow feature. Only Chromium says (document.featurePolicy), and Web
// Serial and Web MIDI are Chromium's: elsewhere the API's own refusal
// speaks.
func frameForbids(feature string) bool {
	g := js.Global()
	if parent := g.Get("parent"); !jsawait.IsObject(parent) || parent.Equal(g) {
		return false
	}
	doc := g.Get("document")
	if !jsawait.IsObject(doc) {
		return false
	}
	for _, name := range []string{"featurePolicy", "permissionsPolicy"} {
		if policy := doc.Get(name); jsawait.HasMethod(policy, "allowsFeature") {
			return !policy.Call("allowsFeature", feature).Truthy()
		}
	}
	return false
}
