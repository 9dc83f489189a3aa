package lathe

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gitlab.com/gomidi/midi/v2"
	"gitlab.com/gomidi/midi/v2/drivers"
	"gitlab.com/gomidi/midi/v2/drivers/testdrv"
)

// testOut writes each message to gomidi's test driver, whose input parses
// the bytes as a MIDI stream and hands them on: what a lathe would hear.
type testOut struct {
	out   drivers.Out
	fails int // writes left before the device "goes away"; < 0: never
}

func (o *testOut) Write(b []byte) (int, error) {
	if o.fails == 0 {
		return 0, errors.New("device unplugged")
	}
	o.fails--
	return len(b), o.out.Send(b)
}
func (o *testOut) Close() error { return nil }

// heard is what the test driver's input received, as hex, with the Active
// Sensing bytes counted apart.
type heard struct {
	mu      sync.Mutex
	msgs    []string
	sensing int
}

func (h *heard) list() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.msgs...)
}

func listen(t *testing.T, fails int) (*testOut, *heard) {
	t.Helper()
	drv := testdrv.New(t.Name())
	ins, _ := drv.Ins()
	outs, _ := drv.Outs()
	if err := outs[0].Open(); err != nil {
		t.Fatal(err)
	}
	h := &heard{}
	stop, err := midi.ListenTo(ins[0], func(m midi.Message, _ int32) {
		h.mu.Lock()
		defer h.mu.Unlock()
		if m.Is(midi.ActiveSenseMsg) {
			h.sensing++
			return
		}
		h.msgs = append(h.msgs, fmt.Sprintf("% X", m.Bytes()))
	}, midi.UseSysEx(), midi.UseActiveSense())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return &testOut{out: outs[0], fails: fails}, h
}

// quick is a MIDI machine whose programme seconds pass 20 times faster.
func quick(out *testOut) *midiMachine {
	return &midiMachine{out: out, cfg: DefaultConfig(), timeScale: 0.05}
}

// A short cut sends exactly: platter preset 3 (78 rpm), the lead-in's pitch
// as a 14-bit µm value, the cutter down, MMC Record Strobe to the all-call
// device, the pitch of each turn where it changes, then MMC Stop, cutter
// up, platter off — and Active Sensing between them.
func TestMIDICutSendsTheExactBytes(t *testing.T) {
	out, h := listen(t, -1)
	d := disc(t, 3)
	var phases []Phase
	if err := quick(out).Cut(context.Background(), d, func(e Event) {
		if len(phases) == 0 || phases[len(phases)-1] != e.Phase {
			phases = append(phases, e.Phase)
		}
	}); err != nil {
		t.Fatal(err)
	}
	got := h.list()
	lead := (d.RadiusMM(0) - d.RadiusMM(d.SamplesPerRev())) * 1000 // µm, the lead-in's first turn
	v := int(lead + 0.5)
	want := []string{
		"B0 14 03",
		fmt.Sprintf("B0 15 %02X", v>>7), fmt.Sprintf("B0 35 %02X", v&127),
		"B0 16 00",
		"F0 7F 7F 06 06 F7",
	}
	tail := []string{"F0 7F 7F 06 01 F7", "B0 16 7F", "B0 14 00"}
	if len(got) < len(want)+len(tail) || strings.Join(got[:len(want)], ",") != strings.Join(want, ",") ||
		strings.Join(got[len(got)-3:], ",") != strings.Join(tail, ",") {
		t.Fatalf("heard %q,\nwant it to start %q and end %q", got, want, tail)
	}
	// between: pitch pairs only, and the programme's pitch (254 µm at 100 lpi) among them
	programme := fmt.Sprintf("B0 15 %02X", 254>>7) + "," + fmt.Sprintf("B0 35 %02X", 254&127)
	mid := got[len(want) : len(got)-3]
	if len(mid)%2 != 0 || !strings.Contains(strings.Join(mid, ","), programme) {
		t.Errorf("between start and stop: %q, want pitch pairs including %s", mid, programme)
	}
	for _, m := range mid {
		if !strings.HasPrefix(m, "B0 15 ") && !strings.HasPrefix(m, "B0 35 ") {
			t.Errorf("unexpected message %s mid-cut", m)
		}
	}
	if want := []Phase{Connecting, Preparing, Cutting, Finished}; fmt.Sprint(phases) != fmt.Sprint(want) {
		t.Errorf("phases %v, want %v", phases, want)
	}
	if h.sensing == 0 {
		t.Error("no Active Sensing during the cut")
	}
}

// STOP mid-cut: pause, cutter up, MMC Stop, platter off, at once.
func TestMIDIStopIsSafe(t *testing.T) {
	out, h := listen(t, -1)
	m := &midiMachine{out: out, cfg: DefaultConfig(), timeScale: 1}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(2500*time.Millisecond, cancel) // after the record strobe at 2 s
	start := time.Now()
	err := m.Cut(ctx, disc(t, 10), nil)
	if err == nil || !strings.Contains(err.Error(), "stopped by hand") || time.Since(start) > 3*time.Second {
		t.Fatalf("after %v: %v", time.Since(start), err)
	}
	got := h.list()
	want := []string{"F0 7F 7F 06 09 F7", "B0 16 7F", "F0 7F 7F 06 01 F7", "B0 14 00"}
	if len(got) < 4 || strings.Join(got[len(got)-4:], ",") != strings.Join(want, ",") || !contains(got, "F0 7F 7F 06 06 F7") {
		t.Errorf("heard %q, want the record strobe and then %q", got, want)
	}
}

// An unplugged device is found by the next Active Sensing: an error within
// a second, even in a long turn with nothing else to send.
func TestMIDIDeviceGone(t *testing.T) {
	out, _ := listen(t, 8) // gone after the start of the cut
	m := &midiMachine{out: out, cfg: DefaultConfig(), timeScale: 1}
	start := time.Now()
	err := m.Cut(context.Background(), disc(t, 10), nil)
	if !errors.Is(err, ErrMIDIGone) || time.Since(start) > 3*time.Second {
		t.Errorf("after %v: %v", time.Since(start), err)
	}
}

// A speed no preset has, and a channel MIDI does not have, are refused
// before anything is sent.
func TestMIDIRefuses(t *testing.T) {
	out, h := listen(t, -1)
	d := disc(t, 2)
	d.Params.RPM = 60
	if err := quick(out).Cut(context.Background(), d, nil); err == nil || !strings.Contains(err.Error(), "33⅓, 45 or 78") {
		t.Errorf("60 rpm: %v", err)
	}
	m := quick(out)
	m.cfg.MIDIChannel = 16
	if err := m.Cut(context.Background(), disc(t, 2), nil); err == nil || !strings.Contains(err.Error(), "channel") {
		t.Errorf("channel 17: %v", err)
	}
	if got := h.list(); len(got) != 0 {
		t.Errorf("sent %q before refusing", got)
	}
}
