package grbl

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// link runs a Device on a pipe (served) and returns the host's end and a
// channel of the parsed lines the device sends.
func link(t *testing.T, d *Device) (net.Conn, <-chan Response) {
	t.Helper()
	host, _ := served(t, d)
	lines := make(chan Response, 1024)
	go func() {
		sc := bufio.NewScanner(host)
		for sc.Scan() {
			lines <- Parse(sc.Text())
		}
		close(lines)
	}()
	return host, lines
}

// next waits for the next response of one of the kinds (others are skipped).
func next(t *testing.T, lines <-chan Response, kinds ...Kind) Response {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case r, ok := <-lines:
			if !ok {
				t.Fatal("the device hung up")
			}
			for _, k := range kinds {
				if r.Kind == k {
					return r
				}
			}
		case <-timeout:
			t.Fatalf("no %v from the device within 5 s", kinds)
		}
	}
}

func send(t *testing.T, c net.Conn, s string) {
	t.Helper()
	if _, err := c.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

func status(t *testing.T, c net.Conn, lines <-chan Response) Status {
	t.Helper()
	send(t, c, "?")
	return next(t, lines, KindStatus).Status
}

func TestDeviceGreetsAndAnswers(t *testing.T) {
	c, lines := link(t, &Device{})
	next(t, lines, KindBanner)
	send(t, c, "$I\n")
	if r := next(t, lines, KindFeedback); r.Text != "VER:1.1h.20190825:" {
		t.Errorf("$I: %q", r.Text)
	}
	if r := next(t, lines, KindFeedback); r.Text != "OPT:V,15,128" {
		t.Errorf("$I: %q", r.Text)
	}
	next(t, lines, KindOK)
	send(t, c, "G1 X-1\n") // no feed rate yet
	if r := next(t, lines, KindOK, KindError); r.Kind != KindError || r.Code != 22 {
		t.Errorf("G1 without F: %v", r)
	}
	send(t, c, strings.Repeat("G1", 45)+"\n")
	if r := next(t, lines, KindOK, KindError); r.Kind != KindError || r.Code != 11 {
		t.Errorf("a 91-byte line: %v", r)
	}
}

// Streamed with character counting, a program never overfills the buffer,
// every line is answered in order, and the carriage ends where it was sent.
func TestDeviceStreamsWithinItsBuffer(t *testing.T) {
	d := &Device{Speedup: 200, TravelMM: [3]float64{100, 0, 5}}
	c, lines := link(t, d)
	next(t, lines, KindBanner)
	var prog []string
	prog = append(prog, "G21 G90", "G1 Z-0.05 F60")
	for i := 1; i <= 60; i++ {
		prog = append(prog, fmt.Sprintf("G1 X-%.3f F1200", float64(i)*0.254))
	}
	prog = append(prog, "G0 Z0", "M2")
	w := NewWindow(RxBufferBytes)
	answered := 0
	for _, l := range prog {
		for !w.Fits(len(l) + 1) {
			if r := next(t, lines, KindOK, KindError, KindAlarm); r.Kind != KindOK {
				t.Fatalf("answer %d: %v", answered+1, r)
			}
			w.Answered()
			answered++
		}
		w.Sent(len(l) + 1)
		send(t, c, l+"\n")
	}
	for w.Pending() > 0 {
		if r := next(t, lines, KindOK, KindError, KindAlarm); r.Kind != KindOK {
			t.Fatalf("answer %d: %v", answered+1, r)
		}
		w.Answered()
		answered++
	}
	if answered != len(prog) || d.Overflowed() {
		t.Errorf("%d of %d lines answered, overflowed %v", answered, len(prog), d.Overflowed())
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		st := status(t, c, lines)
		if st.State == "Idle" {
			if st.MPos[0] != -15.24 || st.MPos[2] != 0 {
				t.Errorf("ended at %v, want X-15.24 Z0", st.MPos)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %s at %v", st.State, st.MPos)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A careless sender that does not count characters overfills it; the
// simulator notices, as the tests of the real sender need it to.
func TestDeviceNoticesOverflow(t *testing.T) {
	d := &Device{Speedup: 1}
	c, lines := link(t, d)
	next(t, lines, KindBanner)
	send(t, c, "G1 X-1 F1\n") // a slow move keeps the planner busy
	for i := 0; i < 20; i++ {
		send(t, c, "G4 P10\n")
	}
	time.Sleep(50 * time.Millisecond)
	// the planner holds 15 blocks; the rest wait in the 128-byte buffer
	send(t, c, strings.Repeat("G4 P10\n", 30))
	time.Sleep(50 * time.Millisecond)
	if st := status(t, c, lines); st.RxFree != 0 || !d.Overflowed() {
		t.Errorf("receive buffer has %d bytes free, overflowed %v; want it full and overflowed", st.RxFree, d.Overflowed())
	}
}

// Leaving the travel raises alarm 2; G-code is then refused (error:9) until
// $X, and nothing clears the alarm by itself.
func TestDeviceSoftLimitAlarm(t *testing.T) {
	c, lines := link(t, &Device{Speedup: 100, TravelMM: [3]float64{50, 0, 5}})
	next(t, lines, KindBanner)
	send(t, c, "G1 X-60 F600\n")
	if r := next(t, lines, KindAlarm); r.Code != 2 {
		t.Errorf("alarm %d, want 2", r.Code)
	}
	next(t, lines, KindOK)
	send(t, c, "G1 X-10 F600\n")
	if r := next(t, lines, KindOK, KindError); r.Kind != KindError || r.Code != 9 {
		t.Errorf("G-code in alarm: %v", r)
	}
	if st := status(t, c, lines); st.State != "Alarm" {
		t.Errorf("state %s, want Alarm", st.State)
	}
	send(t, c, "$X\n")
	next(t, lines, KindOK)
	if st := status(t, c, lines); st.State != "Idle" {
		t.Errorf("after $X: %s", st.State)
	}
}

// Feed hold stops the carriage where it is, cycle start resumes it; a soft
// reset while moving loses the position: banner, then alarm 3.
func TestDeviceRealtimeBytes(t *testing.T) {
	c, lines := link(t, &Device{Speedup: 1, TravelMM: [3]float64{100, 0, 5}})
	next(t, lines, KindBanner)
	send(t, c, "G1 X-50 F600\n") // 10 mm/s: five seconds
	next(t, lines, KindOK)
	time.Sleep(100 * time.Millisecond)
	send(t, c, string(FeedHold))
	time.Sleep(50 * time.Millisecond)
	a := status(t, c, lines)
	time.Sleep(100 * time.Millisecond)
	b := status(t, c, lines)
	if a.State != "Hold" || a.SubState != 0 || a.MPos != b.MPos || a.MPos[0] >= 0 {
		t.Errorf("feed hold: %+v then %+v", a, b)
	}
	send(t, c, string(CycleStart))
	time.Sleep(100 * time.Millisecond)
	if r := status(t, c, lines); r.State != "Run" || r.MPos[0] >= b.MPos[0] {
		t.Errorf("after cycle start: %+v", r)
	}
	send(t, c, string(SoftReset))
	next(t, lines, KindBanner)
	if r := next(t, lines, KindAlarm); r.Code != 3 {
		t.Errorf("reset while moving: alarm %d, want 3", r.Code)
	}
}

// A dwell waits for the motion before it and is answered when it ends, as
// grbl's G4 is: its ok tells the sender the machine got there.
func TestDeviceAnswersADwellWhenItEnds(t *testing.T) {
	c, lines := link(t, &Device{Speedup: 10, TravelMM: [3]float64{100, 0, 5}})
	next(t, lines, KindBanner)
	send(t, c, "G1 X-5 F600\nG4 P0.2\n") // 0.5 s of motion, 0.2 s of dwell: 70 ms here
	next(t, lines, KindOK)
	start := time.Now()
	next(t, lines, KindOK)
	if took := time.Since(start); took < 50*time.Millisecond {
		t.Errorf("the dwell was answered after %v, before the motion and the dwell ended", took)
	}
	if st := status(t, c, lines); st.MPos[0] != -5 {
		t.Errorf("at the dwell's answer the carriage is at %v, want X-5", st.MPos)
	}
	send(t, c, "G1 X-10\nM5\n") // the spindle stops once the carriage is there
	next(t, lines, KindOK)
	next(t, lines, KindOK)
	if st := status(t, c, lines); st.MPos[0] != -10 || st.State != "Idle" {
		t.Errorf("at M5's answer: %+v", st)
	}
}
