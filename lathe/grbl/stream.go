package grbl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
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

// Stream sends lines to a grbl on rw and waits until the machine is idle
// again. It waits for the banner (and, when none comes — a board without
// auto-reset, a port already open — asks for one with a soft reset), then
// streams with character counting while it polls the status at 5 Hz.
//
// On an error or alarm from the device, a silent or closed link, or ctx
// ending (the STOP button), it stops the machine safely — feed hold, then
// the safety door (the cutter lifts, the spindle stops), then a soft reset
// — and returns what happened in words a technician can act on. It never
// clears an alarm or resumes by itself. report, if not nil, gets progress.
func Stream(ctx context.Context, rw io.ReadWriter, lines []string, opt StreamOptions, report func(Event)) error {
	opt = opt.withDefaults()
	if report == nil {
		report = func(Event) {}
	}
	for i, l := range lines {
		if len(l)+1 > MaxLineBytes {
			return fmt.Errorf("grbl: line %d is %d bytes, over grbl's %d: nothing was sent", i+1, len(l)+1, MaxLineBytes)
		}
	}
	responses := make(chan Response, 64)
	readErr := make(chan error, 1)
	done := make(chan struct{})
	defer close(done) // the reader stops handing over lines once Stream returns
	go func() {
		err := eachLine(rw, func(line string) bool {
			select {
			case responses <- Parse(line):
				return true
			case <-done:
				return false
			}
		})
		readErr <- err
	}()
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

	if err := awaitBanner(ctx, responses, readErr, write, opt.BannerWait); err != nil {
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
			if err := write([]byte(lines[next] + "\n")); err != nil {
				return stop(err)
			}
			w.Sent(len(lines[next]) + 1)
			next++
		}
		select {
		case <-ctx.Done():
			return stop(fmt.Errorf("stopped by hand after %d of %d lines", answered, len(lines)))
		case err := <-readErr:
			return stop(fmt.Errorf("%w (%v)", ErrLinkLost, err))
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

// awaitBanner waits for grbl's banner, asking for one with a soft reset
// when none comes.
func awaitBanner(ctx context.Context, responses <-chan Response, readErr <-chan error, write func([]byte) error, wait time.Duration) error {
	for attempt := 0; attempt < 2; attempt++ {
		timer := time.NewTimer(wait)
		for waiting := true; waiting; {
			select {
			case <-ctx.Done():
				timer.Stop()
				return fmt.Errorf("stopped by hand while connecting")
			case err := <-readErr:
				timer.Stop()
				return fmt.Errorf("%w (%v)", ErrLinkLost, err)
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
