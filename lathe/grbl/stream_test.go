package grbl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// served runs a Device on a pipe; the returned conn is the host's end.
func served(t *testing.T, d *Device) (net.Conn, net.Conn) {
	t.Helper()
	host, dev := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Serve(ctx, dev); close(done) }()
	t.Cleanup(func() { cancel(); host.Close(); dev.Close(); <-done })
	return host, dev
}

// program is n turns of a slow spiral, like a short cut.
func program(n int) []string {
	lines := []string{"G21 G90 G94", "M3 S78", "G1 Z-0.06 F60"}
	for i := 1; i <= n; i++ {
		lines = append(lines, fmt.Sprintf("G1 X-%.3f F19.878", float64(i)*0.254))
	}
	return append(lines, "G0 Z0", "M5", "M2")
}

type events struct {
	mu       sync.Mutex
	list     []Event
	statuses int
}

func (e *events) add(ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, ev)
	if ev.HasStatus {
		e.statuses++
	}
}

func TestStreamCutsAndWaitsForIdle(t *testing.T) {
	d := &Device{Speedup: 300, TravelMM: [3]float64{100, 0, 1}}
	host, _ := served(t, d)
	lines := program(80)
	var ev events
	if err := Stream(context.Background(), host, lines, StreamOptions{PollEvery: 20 * time.Millisecond}, ev.add); err != nil {
		t.Fatal(err)
	}
	last := ev.list[len(ev.list)-1]
	if last.Answered != len(lines) || !last.HasStatus || last.Status.State != "Idle" || d.Overflowed() {
		t.Errorf("last event %+v, overflowed %v", last, d.Overflowed())
	}
	if x := last.Status.MPos[0]; x != -20.32 {
		t.Errorf("ended at X%.3f, want X-20.320", x)
	}
	// the status kept coming while the buffer was full of slow moves
	if ev.statuses < 5 {
		t.Errorf("only %d status reports during the cut", ev.statuses)
	}
}

// An error mid-cut stops the stream at once with the line and what it
// means; the machine gets the safe-stop bytes.
func TestStreamStopsOnError(t *testing.T) {
	host, _ := served(t, &Device{Speedup: 300, TravelMM: [3]float64{100, 0, 1}})
	lines := program(20)
	lines[10] = "G7 X-1" // not a G-code grbl knows
	err := Stream(context.Background(), host, lines, StreamOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "line 11") || !strings.Contains(err.Error(), "unsupported G-code") {
		t.Errorf("got %v", err)
	}
}

// An alarm (here the carriage would leave its travel) stops the stream, and
// the alarm is reported, not cleared.
func TestStreamStopsOnAlarm(t *testing.T) {
	host, _ := served(t, &Device{Speedup: 300, TravelMM: [3]float64{5, 0, 1}})
	err := Stream(context.Background(), host, program(40), StreamOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "alarm 2") {
		t.Errorf("got %v", err)
	}
}

// The STOP button (ctx) stops within a moment, the link closing mid-cut
// stops within a second, and so does a device that falls silent.
func TestStreamStopsWithinASecond(t *testing.T) {
	t.Run("stop button", func(t *testing.T) {
		host, _ := served(t, &Device{Speedup: 1, TravelMM: [3]float64{100, 0, 1}})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		start := time.Now()
		err := Stream(ctx, host, program(200), StreamOptions{}, nil)
		if err == nil || !strings.Contains(err.Error(), "stopped by hand") || time.Since(start) > time.Second {
			t.Errorf("after %v: %v", time.Since(start), err)
		}
	})
	t.Run("link closed", func(t *testing.T) {
		host, dev := served(t, &Device{Speedup: 1, TravelMM: [3]float64{100, 0, 1}})
		time.AfterFunc(300*time.Millisecond, func() { dev.Close() })
		start := time.Now()
		err := Stream(context.Background(), host, program(200), StreamOptions{}, nil)
		if !errors.Is(err, ErrLinkLost) || time.Since(start) > 300*time.Millisecond+time.Second {
			t.Errorf("after %v: %v", time.Since(start), err)
		}
	})
	t.Run("device silent", func(t *testing.T) {
		host, dev := net.Pipe()
		t.Cleanup(func() { host.Close(); dev.Close() })
		go func() { // a banner, then it only swallows bytes
			dev.Write([]byte(banner + "\r\n"))
			io.Copy(io.Discard, dev)
		}()
		start := time.Now()
		err := Stream(context.Background(), host, program(10), StreamOptions{}, nil)
		if !errors.Is(err, ErrLinkLost) || time.Since(start) > time.Second {
			t.Errorf("after %v: %v", time.Since(start), err)
		}
	})
}

// A port where nothing speaks grbl: a clear message after the banner wait
// and one soft reset, and nothing else sent.
func TestStreamNoGrbl(t *testing.T) {
	host, dev := net.Pipe()
	var sent []byte
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64)
		for {
			n, err := dev.Read(buf)
			sent = append(sent, buf[:n]...)
			if err != nil {
				return
			}
		}
	}()
	err := Stream(context.Background(), host, program(3), StreamOptions{BannerWait: 100 * time.Millisecond}, nil)
	if err == nil || !strings.Contains(err.Error(), "no grbl answered") {
		t.Errorf("got %v", err)
	}
	host.Close()
	<-done
	dev.Close()
	if string(sent) != string([]byte{SoftReset}) {
		t.Errorf("sent %q to a silent port, want only the soft reset that asks for a banner", sent)
	}
}

// A confused device's 5000-byte line is one unknown response, and the
// answers around it still arrive.
func TestEachLineSurvivesOverlongLines(t *testing.T) {
	in := "ok\r\n" + strings.Repeat("x", 5000) + "\r\nok\r\n<Idle|MPos:0.000,0.000,0.000|FS:0,0>\r\n"
	var kinds []Kind
	err := eachLine(strings.NewReader(in), func(l string) bool { kinds = append(kinds, Parse(l).Kind); return true })
	if err != io.EOF || fmt.Sprint(kinds) != fmt.Sprint([]Kind{KindOK, KindUnknown, KindOK, KindStatus}) {
		t.Errorf("kinds %v, err %v", kinds, err)
	}
}

// $ commands (settings and EEPROM writes) go one at a time: each is sent
// when nothing is outstanding, and nothing follows it until its ok.
func TestStreamSendsSettingsAlone(t *testing.T) {
	host, dev := net.Pipe()
	t.Cleanup(func() { host.Close(); dev.Close() })
	type arrival struct {
		line        string
		outstanding int // lines received but not yet answered when it came
	}
	lines := []string{"G21", "G90", "$130=80.000", "G0 X-1", "G0 X-2", "$$", "G0 X-3"}
	arrivals := make(chan arrival, len(lines))
	go func() { // a slow grbl: every line answered 30 ms after it arrives
		dev.Write([]byte(banner + "\r\n"))
		var mu sync.Mutex
		outstanding := 0
		eachLine(dev, func(l string) bool {
			l = strings.TrimSpace(l)
			if l == "" || l == "?" {
				return true
			}
			if strings.HasPrefix(l, "?") { // status queries ride in front of lines
				l = strings.TrimLeft(l, "?")
			}
			mu.Lock()
			arrivals <- arrival{l, outstanding}
			outstanding++
			last := len(arrivals) == cap(arrivals)
			mu.Unlock()
			time.AfterFunc(30*time.Millisecond, func() {
				mu.Lock()
				outstanding--
				mu.Unlock()
				dev.Write([]byte("ok\r\n"))
				if last { // it never reports Idle: end the stream by leaving
					dev.Close()
				}
			})
			return true
		})
	}()
	Stream(context.Background(), host, lines, StreamOptions{PollEvery: time.Hour}, nil)
	close(arrivals)
	var got []arrival
	for a := range arrivals {
		got = append(got, a)
	}
	if len(got) != len(lines) {
		t.Fatalf("the device got %v", got)
	}
	for i, a := range got {
		if isSystem(a.line) || i > 0 && isSystem(got[i-1].line) {
			if a.outstanding != 0 {
				t.Errorf("%q arrived with %d lines unanswered, want none", a.line, a.outstanding)
			}
		}
	}
	if got[1].outstanding == 0 {
		t.Errorf("G90 waited for G21's answer: plain lines should be streamed ahead")
	}
}
