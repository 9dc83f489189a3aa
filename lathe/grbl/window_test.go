package grbl

import (
	"math/rand/v2"
	"testing"
)

// Streaming random lines against a device that answers in order: the bytes
// in flight never exceed the buffer, every line is answered once, and the
// window admits a line exactly when it fits.
func TestWindowNeverOverfills(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	w := NewWindow(RxBufferBytes)
	var device []int // the line lengths the device holds, oldest first
	sent, answered := 0, 0
	for step := 0; step < 100000; step++ {
		n := 1 + rng.IntN(MaxLineBytes)
		if rng.IntN(3) > 0 && w.Fits(n) {
			if err := w.Sent(n); err != nil {
				t.Fatal(err)
			}
			device = append(device, n)
			sent++
		} else if len(device) > 0 {
			device = device[1:]
			if err := w.Answered(); err != nil {
				t.Fatal(err)
			}
			answered++
		}
		held := 0
		for _, b := range device {
			held += b
		}
		if held != w.Used() || held > RxBufferBytes || w.Pending() != len(device) {
			t.Fatalf("step %d: device holds %d bytes in %d lines, window says %d in %d", step, held, len(device), w.Used(), w.Pending())
		}
	}
	if sent < 1000 || answered < 1000 {
		t.Fatalf("only %d sent, %d answered", sent, answered)
	}
}

func TestWindowRefuses(t *testing.T) {
	w := NewWindow(RxBufferBytes)
	if err := w.Sent(MaxLineBytes + 1); err == nil {
		t.Error("an 81-byte line was accepted")
	}
	if err := w.Sent(0); err == nil {
		t.Error("an empty line was accepted")
	}
	if err := w.Answered(); err == nil {
		t.Error("an answer with nothing in flight was accepted")
	}
	for w.Fits(MaxLineBytes) {
		if err := w.Sent(MaxLineBytes); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Sent(MaxLineBytes); err == nil {
		t.Error("a line that does not fit was accepted")
	}
	w.Reset()
	if w.Used() != 0 || w.Pending() != 0 || !w.Fits(MaxLineBytes) {
		t.Error("Reset left lines in flight")
	}
}
