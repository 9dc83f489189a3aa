//go:build js && wasm

package game

import (
	"fmt"
	"syscall/js"

	"bonemusic/engine"
	"bonemusic/internal/audioio"
)

// decodeSound lets the browser decode the file (Web Audio's
// decodeAudioData): it reads every format the browser plays, runs off the
// page's thread, resamples to the engine's rate on the way, and keeps
// Go's MP3 and Vorbis decoders out of the download. Nothing the browser
// cannot decode gets through: that is audioio's "not a sound" message.
func decodeSound(data []byte, progress func(float64)) ([]float32, error) {
	if len(data) == 0 {
		return nil, audioio.ErrEmpty
	}
	// Web Audio decodes a whole file at once: refuse a long one from its
	// container before it takes the tab's memory.
	if err := audioio.CheckLength(data); err != nil {
		return nil, err
	}
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	ctx := js.Global().Get("OfflineAudioContext").New(1, 1, engine.EngineRate)
	type result struct {
		buf js.Value
		err error
	}
	done := make(chan result, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{buf: args[0]}
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{err: jsError(args)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	ctx.Call("decodeAudioData", arr.Get("buffer")).Call("then", ok, fail)
	progress(0.1)
	r := <-done // the goroutine parks; the page runs on
	if r.err != nil {
		return nil, fmt.Errorf("%w (%v)", audioio.ErrNotAudio, r.err)
	}
	n := r.buf.Get("length").Int()
	if n == 0 {
		return nil, audioio.ErrEmpty
	}
	if n > audioio.MaxSeconds*engine.EngineRate {
		return nil, audioio.ErrTooLarge
	}
	channels := r.buf.Get("numberOfChannels").Int()
	mono := make([]float32, n)
	bytes := make([]byte, 4*min(n, 1<<16))
	for c := range channels {
		ch := r.buf.Call("getChannelData", c)
		for at := 0; at < n; at += len(bytes) / 4 {
			k := min(len(bytes)/4, n-at)
			view := js.Global().Get("Uint8Array").New(ch.Get("buffer"), ch.Get("byteOffset").Int()+4*at, 4*k)
			js.CopyBytesToGo(bytes[:4*k], view)
			for i := range k {
				mono[at+i] += float32frombytes(bytes[4*i:]) / float32(channels)
			}
			progress(0.1 + 0.9*(float64(c)+float64(at+k)/float64(n))/float64(channels))
		}
	}
	return mono, nil
}
