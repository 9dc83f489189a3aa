//go:build js && wasm

package game

// RunAudioProbeIfRequested does nothing in a browser: Web Audio is always
// there, it only waits for the visitor's first gesture.
func RunAudioProbeIfRequested() {}

func probeAudio() <-chan error {
	ok := make(chan error, 1)
	ok <- nil
	return ok
}
