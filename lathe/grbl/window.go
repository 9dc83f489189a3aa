package grbl

import "fmt"

// Window is grbl's character-counting flow control: a line may be sent
// while the bytes of the lines not yet answered, plus its own, fit the
// device's receive buffer. Each "ok" or "error" answers the oldest line
// and frees its bytes. It streams far faster than send-and-wait, and the
// buffer never overflows (an overflow loses bytes silently). Not safe for
// concurrent use.
type Window struct {
	capacity int
	inFlight []int // byte counts of the unanswered lines, oldest first
	used     int
}

// NewWindow is the flow control for a receive buffer of capacity bytes.
func NewWindow(capacity int) *Window { return &Window{capacity: capacity} }

// Fits reports whether a line of n bytes (newline included) may be sent now.
func (w *Window) Fits(n int) bool { return w.used+n <= w.capacity }

// Sent records a line of n bytes sent. It refuses a line that does not fit
// or could never fit.
func (w *Window) Sent(n int) error {
	if n < 1 || n > MaxLineBytes {
		return fmt.Errorf("grbl: a %d-byte line cannot be sent (1–%d bytes with its newline)", n, MaxLineBytes)
	}
	if !w.Fits(n) {
		return fmt.Errorf("grbl: a %d-byte line does not fit the %d bytes left in the receive buffer", n, w.capacity-w.used)
	}
	w.inFlight = append(w.inFlight, n)
	w.used += n
	return nil
}

// Answered frees the oldest line's bytes when an ok or error arrives. An
// answer with no line outstanding is an error: the device and the sender
// disagree, and the stream must stop.
func (w *Window) Answered() error {
	if len(w.inFlight) == 0 {
		return fmt.Errorf("grbl: an answer arrived for no line sent")
	}
	w.used -= w.inFlight[0]
	w.inFlight = w.inFlight[1:]
	return nil
}

// Pending is the number of lines sent and not yet answered.
func (w *Window) Pending() int { return len(w.inFlight) }

// Used is the receive-buffer bytes the unanswered lines occupy.
func (w *Window) Used() int { return w.used }

// Reset forgets every line in flight (after a soft reset, grbl empties its buffer).
func (w *Window) Reset() { w.inFlight, w.used = w.inFlight[:0], 0 }
