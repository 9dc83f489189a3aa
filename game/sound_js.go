//go:build js && wasm

package game

import "time"

// playerBuffer is generous in a browser: Ebiten feeds the AudioWorklet from
// the page's one thread, which a slow frame (software WebGL, a busy laptop)
// holds for tens of milliseconds.
const playerBuffer = 250 * time.Millisecond

// RunAudioProbeIfRequested does nothing in a browser: Web Audio is always
// there, it only waits for the visitor's first gesture.
func RunAudioProbeIfRequested() {}

func probeAudio() <-chan error {
	ok := make(chan error, 1)
	ok <- nil
	return ok
}
