package grbl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ErrLinkLost means the device stopped answering or the link closed.
var ErrLinkLost = errors.New("the lathe stopped answering: check the cable and the board's power")

// ErrNoGrbl means nothing on the port answered like grbl.
var ErrNoGrbl = errors.New("no grbl answered on this port: check the port, the baud rate (115200) and that the board runs grbl 1.1")

// Event reports a stream's progress to whoever shows it.
type Event struct {
	Answered, Total int    // lines accepted so far, of all
	Status          Status // the latest status report (valid when HasStatus)
	HasStatus       bool
	Note            string // a message from the device, or what a stop did
}

// StreamOptions are the timings of a stream; zero values take the defaults.
type StreamOptions struct {
	PollEvery   time.Duration // status requests; 200 ms (5 Hz)
	LinkTimeout time.Duration // silence that counts as a lost link; 500 ms
	BannerWait  time.Duration // how long to wait for the banner; 2 s
}

func (o StreamOptions) withDefaults() StreamOptions {
	if o.PollEvery <= 0 {
		o.PollEvery = 200 * time.Millisecond
	}
	if o.LinkTimeout <= 0 {
		o.LinkTimeout = 500 * time.Millisecond
	}
	if o.BannerWait <= 0 {
		o.BannerWait = 2 * time.Second
	}
	return o
}

// Conn is a link to a grbl board. One goroutine reads the board's lines
// for the link's whole life, so streams may follow one another on a port
// that stays open (a second cut); it ends when the link fails or closes.
type Conn struct {
	rw        io.ReadWriter
	responses chan Response
	dead      chan struct{} // closed when reading failed; err says why
	err       error
}

// NewConn starts reading rw. Close rw to end the connection.
func NewConn(rw io.ReadWriter) *Conn {
	c := &Conn{rw: rw, responses: make(chan Response, 64), dead: make(chan struct{})}
	go func() {
		c.err = eachLine(rw, func(line string) bool {
			c.responses <- Parse(line)
			return true
		})
		close(c.dead)
	}()
	return c
}

// Stream is NewConn(rw).Stream: one stream on a link used once.
func Stream(ctx context.Context, rw io.ReadWriter, lines []string, opt StreamOptions, report func(Event)) error {
	return NewConn(rw).Stream(ctx, lines, opt, report)
}

// Stream sends lines to the grbl on the connection and waits until the machine is idle
// again. It waits for the banner (and, when none comes — a board without
// auto-reset, a port already open — asks for one with a soft reset), then
// streams with character counting while it polls the status at 5 Hz.
//
// On an error or alarm from the device, a silent or closed link, or ctx
// ending (the STOP button), it stops the machine safely — feed hold, then
// the safety door (the cutter lifts, the spindle stops), then a soft reset
// — and returns what happened in words a technician can act on. It never
// clears an alarm or resumes by itself. report, if not nil, gets progress.
func (c *Conn) Stream(ctx context.Context, lines []string, opt StreamOptions, report func(Event)) error {
	opt = opt.withDefaults()
	if report == nil {
		report = func(Event) {}
	}
	for i, l := range lines {
		if len(l)+1 > MaxLineBytes {
			return fmt.Errorf("grbl: line %d is %d bytes, over grbl's %d: nothing was sent", i+1, len(l)+1, MaxLineBytes)
		}
	}
	for drained := false; !drained; { // what the board said between streams is stale
		select {
		case <-c.responses:
		default:
			drained = true
		}
	}
	rw, responses := c.rw, c.responses
	lost := func() error { return fmt.Errorf("%w (%v)", ErrLinkLost, c.err) }
	write := func(b []byte) error {
		if _, err := rw.Write(b); err != nil {
			return fmt.Errorf("%w (%v)", ErrLinkLost, err)
		}
		return nil
	}
	stop := func(why error) error {
		for _, b := range []byte{FeedHold, SafetyDoor, SoftReset} {
			rw.Write([]byte{b}) // best effort: the link may be gone
		}
		report(Event{Note: "stopped: feed hold, cutter up, reset"})
		return why
	}

	if err := awaitBanner(ctx, responses, c.dead, lost, write, opt.BannerWait); err != nil {
		if errors.Is(err, ErrNoGrbl) {
			return err // not grbl: send it nothing more
		}
		return stop(err) // a STOP while connecting: the board may still be moving
	}
	report(Event{Total: len(lines), Note: "grbl answered"})

	w := NewWindow(RxBufferBytes)
	next, answered := 0, 0
	poll := time.NewTicker(opt.PollEvery)
	defer poll.Stop()
	lastHeard := time.Now()
	ev := Event{Total: len(lines)}
	for {
		for next < len(lines) && w.Fits(len(lines[next])+1) {
			// A $ command (settings, EEPROM writes) goes alone: sent once
			// everything before it is answered, and answered before more.
			if w.Pending() > 0 && (isSystem(lines[next]) || next > 0 && isSystem(lines[next-1])) {
				break
			}
			if err := write([]byte(lines[next] + "\n")); err != nil {
				return stop(err)
			}
			w.Sent(len(lines[next]) + 1)
			next++
		}
		select {
		case <-ctx.Done():
			return stop(fmt.Errorf("stopped by hand after %d of %d lines", answered, len(lines)))
		case <-c.dead:
			return stop(lost())
		case r := <-responses:
			lastHeard = time.Now()
			switch r.Kind {
			case KindOK:
				if err := w.Answered(); err != nil {
					return stop(err)
				}
				answered++
				ev.Answered = answered
				report(ev)
			case KindError:
				n := answered + 1
				return stop(fmt.Errorf("the lathe refused line %d (%q): %s", n, lines[n-1], ErrorText(r.Code)))
			case KindAlarm:
				return stop(fmt.Errorf("the lathe raised alarm %d: %s", r.Code, AlarmText(r.Code)))
			case KindStatus:
				ev.Status, ev.HasStatus = r.Status, true
				report(ev)
				if answered == len(lines) && r.Status.State == "Idle" {
					return nil
				}
			case KindMessage:
				report(Event{Answered: answered, Total: len(lines), Note: r.Text})
			case KindBanner:
				return stop(errors.New("the lathe reset itself during the cut: check its power supply"))
			}
		case <-poll.C:
			if time.Since(lastHeard) > opt.LinkTimeout+opt.PollEvery {
				return stop(ErrLinkLost)
			}
			if err := write([]byte{StatusQuery}); err != nil {
				return stop(err)
			}
		}
	}
}

// isSystem reports whether line is a $ command, which grbl wants sent and
// answered one at a time (an EEPROM write stalls its serial input).
func isSystem(line string) bool { return strings.HasPrefix(strings.TrimSpace(line), "$") }

// awaitBanner waits for grbl's banner, asking for one with a soft reset
// when none comes.
func awaitBanner(ctx context.Context, responses <-chan Response, dead <-chan struct{}, lost func() error, write func([]byte) error, wait time.Duration) error {
	for attempt := 0; attempt < 2; attempt++ {
		timer := time.NewTimer(wait)
		for waiting := true; waiting; {
			select {
			case <-ctx.Done():
				timer.Stop()
				return fmt.Errorf("stopped by hand while connecting")
			case <-dead:
				timer.Stop()
				return lost()
			case r := <-responses:
				if r.Kind == KindBanner {
					timer.Stop()
					return nil
				}
			case <-timer.C:
				waiting = false
			}
		}
		if attempt == 0 { // no banner yet: ask for one
			if err := write([]byte{SoftReset}); err != nil {
				return err
			}
		}
	}
	return ErrNoGrbl
}

// eachLine hands each line read from r to f until f returns false or r
// fails (io.EOF when it ends). A line longer than a response can be is
// noise from a confused device: its start is handed on (Parse calls it
// unknown) and the rest skipped, so the link survives it.
func eachLine(r io.Reader, f func(string) bool) error {
	br := bufio.NewReaderSize(r, 512)
	for {
		chunk, err := br.ReadSlice('\n')
		line := string(chunk)
		for err == bufio.ErrBufferFull { // over-long: skip to its end
			chunk, err = br.ReadSlice('\n')
		}
		if err != nil {
			return err
		}
		if !f(line) {
			return nil
		}
	}
}
