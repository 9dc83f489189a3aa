//go:build !js && !windows

package lathe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"bonemusic/lathe/grbl"
)

// These tests run the simulated board on a pseudo-terminal and reach it the
// way a real lathe is reached: through the serial port code.

// onPTY serves board on a pty and returns the port's name and a function
// that stops the board (and waits for it).
func onPTY(t *testing.T, board *grbl.Device, wrap func(io.ReadWriter) io.ReadWriter) (string, func()) {
	t.Helper()
	name, closeFn, err := servePTY(context.Background(), board, wrap)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	var once sync.Once
	stop := func() { once.Do(func() { closeFn() }) }
	t.Cleanup(stop)
	return name, stop
}

type cutLog struct {
	mu     sync.Mutex
	events []Event
}

func (l *cutLog) add(e Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

func (l *cutLog) last() Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.events[len(l.events)-1]
}

// A short disc cut twice through the serial code on a port that stays
// open: every line accepted, the board's receive buffer never overfilled,
// the carriage where the plan ends, the cutter up, no alarm; the phases in
// order.
func TestPTYCutsADisc(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	board := &grbl.Device{Speedup: 20, TravelMM: [3]float64{cfg.TravelMM, 0, 5}, PoweredUp: true}
	name, stop := onPTY(t, board, nil)
	m, err := Open(name, ProtocolGrbl, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	d := disc(t, 8)
	plan, _ := PlanCut(d, cfg)
	if err := m.Cut(context.Background(), d, nil); err != nil {
		t.Fatal(err)
	}
	var log cutLog // a second cut on the port that stayed open
	if err := m.Cut(context.Background(), d, log.add); err != nil {
		t.Fatal(err)
	}
	m.Close()
	stop()
	last := log.last()
	if last.Phase != Finished || last.Done != len(plan.Lines) || board.Overflowed() || board.Alarmed() {
		t.Errorf("last event %+v; overflowed %v, alarmed %v", last, board.Overflowed(), board.Alarmed())
	}
	var phases []Phase
	var radius float64
	for _, e := range log.events {
		if len(phases) == 0 || phases[len(phases)-1] != e.Phase {
			phases = append(phases, e.Phase)
		}
		if e.HasRadius {
			radius = e.RadiusMM
		}
	}
	if want := []Phase{Connecting, Preparing, Cutting, Finished}; fmt.Sprint(phases) != fmt.Sprint(want) {
		t.Errorf("phases %v, want %v", phases, want)
	}
	if end := d.RadiusMM(d.Len() - 1); radius-end > 0.001 || radius-end < -0.001 {
		t.Errorf("the cutter ended at r = %.3f mm, the groove at %.3f", radius, end)
	}
}

// stream sends lines to the board on name through the serial code.
func stream(t *testing.T, name string, lines []string, report func(grbl.Event)) error {
	t.Helper()
	p, err := openSerial(name)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	return grbl.Stream(context.Background(), p, lines, grbl.StreamOptions{}, report)
}

// spiral is n slow turns after the spin-up, the shape of a plan.
func spiral(n int) []string {
	lines := []string{"G21 G90 G94", "M3 S78", "G4 P0.1", "G1 Z-0.06 F60", "G4 P0"}
	for i := 1; i <= n; i++ {
		lines = append(lines, fmt.Sprintf("G1 X-%.3f F19.878", float64(i)*0.254))
	}
	return append(lines, "G0 Z0", "M5", "M2")
}

// Status requests go out and are answered while the board's receive
// buffer and planner are full: realtime bytes skip the queue.
func TestPTYStatusWhileTheQueueIsFull(t *testing.T) {
	t.Parallel()
	board := &grbl.Device{Speedup: 20, TravelMM: [3]float64{100, 0, 5}, PoweredUp: true}
	name, stop := onPTY(t, board, nil)
	var mu sync.Mutex
	full := 0
	err := stream(t, name, spiral(30), func(e grbl.Event) {
		mu.Lock()
		defer mu.Unlock()
		if e.HasStatus && e.Status.Planner == 0 && e.Status.RxFree < 30 {
			full++
		}
	})
	stop()
	if err != nil || full < 3 || board.Overflowed() {
		t.Errorf("err %v; %d status reports with the queue full; overflowed %v", err, full, board.Overflowed())
	}
}

// error:N mid-cut: the stream stops with the line and its meaning, and the
// board gets feed hold, safety door and soft reset, in that order.
func TestPTYErrorStopsSafely(t *testing.T) {
	t.Parallel()
	board := &grbl.Device{Speedup: 10, TravelMM: [3]float64{100, 0, 5}, PoweredUp: true}
	name, stop := onPTY(t, board, nil)
	lines := spiral(30)
	lines[12] = "G7 X-2"
	err := stream(t, name, lines, nil)
	if err == nil || !strings.Contains(err.Error(), "line 13") || !strings.Contains(err.Error(), "unsupported G-code") {
		t.Errorf("got %v", err)
	}
	want := string([]byte{grbl.SoftReset, grbl.FeedHold, grbl.SafetyDoor, grbl.SoftReset})
	for end := time.Now().Add(2 * time.Second); len(board.Realtime()) < len(want) && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond) // the bytes cross the terminal
	}
	stop()
	if got := string(board.Realtime()); got != want {
		t.Errorf("the board got realtime bytes %q, want %q (the reset that asks for a banner, then the safe stop)", got, want)
	}
}

// An alarm (the board's own travel is shorter than the plan's) stops the
// cut safely, and the alarm stays for the technician to clear.
func TestPTYAlarmIsNotCleared(t *testing.T) {
	t.Parallel()
	board := &grbl.Device{Speedup: 20, TravelMM: [3]float64{2, 0, 5}, PoweredUp: true}
	name, stop := onPTY(t, board, nil)
	m, err := Open(name, ProtocolGrbl, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	err = m.Cut(context.Background(), disc(t, 8), nil)
	m.Close()
	stop()
	if err == nil || !strings.Contains(err.Error(), "alarm 2") || !board.Alarmed() {
		t.Errorf("got %v; board alarmed %v", err, board.Alarmed())
	}
}

// The board's side of the terminal closing mid-cut (a cable pulled, the
// board dead) ends the cut within a second with words to act on.
func TestPTYClosedMidCut(t *testing.T) {
	t.Parallel()
	board := &grbl.Device{Speedup: 1, TravelMM: [3]float64{100, 0, 5}, PoweredUp: true}
	name, stop := onPTY(t, board, nil)
	m, err := Open(name, ProtocolGrbl, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	closed := make(chan time.Time, 1)
	time.AfterFunc(2500*time.Millisecond, func() { closed <- time.Now(); stop() })
	err = m.Cut(context.Background(), disc(t, 30), nil)
	took := time.Since(<-closed)
	t.Logf("the terminal closed mid-cut: Cut returned after %v: %v", took, err)
	if !errors.Is(err, grbl.ErrLinkLost) || took > time.Second {
		t.Errorf("%v after the link closed: %v", took, err)
	}
}

// noisy puts garbage before every few of the board's writes: bytes no
// protocol has, half a status report, and a 3000-byte line.
type noisy struct {
	io.ReadWriter
	writes int
}

func (n *noisy) Write(b []byte) (int, error) {
	n.writes++
	var junk string
	switch n.writes % 7 {
	case 3:
		junk = "\x00\xfe\xff garbage\r\n<Run|MPos:1.0\r\n"
	case 5:
		junk = strings.Repeat("#", 3000) + "\r\n"
	}
	if _, err := n.ReadWriter.Write([]byte(junk)); err != nil {
		return 0, err
	}
	return n.ReadWriter.Write(b)
}

func TestPTYSurvivesGarbage(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	board := &grbl.Device{Speedup: 20, TravelMM: [3]float64{cfg.TravelMM, 0, 5}, PoweredUp: true}
	name, stop := onPTY(t, board, func(rw io.ReadWriter) io.ReadWriter { return &noisy{ReadWriter: rw} })
	m, err := Open(name, ProtocolGrbl, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Cut(context.Background(), disc(t, 6), nil); err != nil {
		t.Error(err)
	}
	stop()
}
