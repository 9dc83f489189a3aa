//go:build js && wasm

package game

import (
	"errors"
	"syscall/js"
)

// mic in a browser drives window.bonemusic.mic (web/mic.js), which asks for
// permission, runs the capture worklet and queues float blocks; the game
// takes them each tick.
type mic struct {
	capture
	js  js.Value
	buf []byte
}

func newMic() *mic {
	m := &mic{}
	if root := js.Global().Get("bonemusic"); !root.IsUndefined() {
		m.js = root.Get("mic")
	}
	return m
}

func (m *mic) ok() bool { return !m.js.IsUndefined() && !m.js.IsNull() }

func (m *mic) start() {
	if !m.ok() {
		return
	}
	m.reset()
	m.js.Call("start")
}

func (m *mic) stop() {
	if m.ok() {
		m.js.Call("stop")
	}
}

func (m *mic) state() (micStatus, error) {
	if !m.ok() {
		return micFailed, errors.New("the page's microphone script (mic.js) is missing")
	}
	switch m.js.Get("status").String() {
	case "asking":
		return micAsking, nil
	case "on":
		return micOn, nil
	case "denied":
		return micDenied, nil
	case "not-here":
		return micNotHere, nil
	case "missing":
		return micMissing, nil
	case "failed":
		return micFailed, errors.New(m.js.Get("error").String())
	}
	return micIdle, nil
}

// take appends what was captured since the last call, at the engine's rate.
func (m *mic) take(dst []float32) []float32 {
	if m.ok() {
		m.pull()
	}
	return m.capture.take(dst)
}

// pull moves the queued blocks into the shared capture.
func (m *mic) pull() {
	arr := m.js.Call("take")
	n := arr.Get("length").Int()
	if n == 0 {
		return
	}
	bytes := js.Global().Get("Uint8Array").New(arr.Get("buffer"), arr.Get("byteOffset"), n*4)
	if cap(m.buf) < n*4 {
		m.buf = make([]byte, n*4)
	}
	m.buf = m.buf[:n*4]
	js.CopyBytesToGo(m.buf, bytes)
	samples := make([]float32, n)
	for i := range samples {
		samples[i] = float32frombytes(m.buf[4*i:])
	}
	m.put(samples, m.js.Get("rate").Int())
}

func (m *mic) devices() []string {
	if !m.ok() {
		return nil
	}
	list := m.js.Get("devices")
	names := make([]string, list.Length())
	for i := range names {
		names[i] = list.Index(i).Get("label").String()
	}
	return names
}

// nextDevice switches to the next input; the next start uses it.
func (m *mic) nextDevice() {
	list := m.js.Get("devices")
	if !m.ok() || list.Length() == 0 {
		return
	}
	i := (m.deviceIndex() + 1) % list.Length()
	m.js.Set("device", list.Index(i).Get("id"))
}

func (m *mic) deviceIndex() int {
	if !m.ok() {
		return 0
	}
	list, cur := m.js.Get("devices"), m.js.Get("device").String()
	for i := range list.Length() {
		if list.Index(i).Get("id").String() == cur {
			return i
		}
	}
	return 0
}
