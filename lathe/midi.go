package lathe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"bonemusic/engine"

	"gitlab.com/gomidi/midi/v2"
	"gitlab.com/gomidi/midi/v2/mmc"
)

// The control changes a MIDI lathe answers to, all on controllers the MIDI
// specification leaves undefined (docs/lathe.md has the table):
const (
	// CCPlatter sets the platter: 0 stops it, 1–3 run it at a preset.
	CCPlatter = 20
	// CCPitch and CCPitchLSB are the groove pitch in µm per turn, 14 bits
	// (MSB then LSB, the MIDI convention for controllers 0–31 and 32–63).
	CCPitch    = 21
	CCPitchLSB = CCPitch + 32
	// CCCutter lifts the cutter at 64 and above and lowers it below.
	CCCutter = 22
)

// platterPresets are CCPlatter's values 1, 2 and 3.
var platterPresets = [...]float64{engine.RPM33, engine.RPM45, engine.RPM78}

// ErrMIDIGone means the MIDI device stopped taking bytes.
var ErrMIDIGone = errors.New("the MIDI device went away: check the cable and the lathe's power")

// NewMIDI is a lathe driven by MIDI on out (a raw MIDI device, a Web MIDI
// output). MIDI tells the lathe what to do but does not hear back, so the
// machine keeps the time: it presets the platter and pitch, drops the
// cutter, starts the carriage with MMC Record Strobe, sends the pitch of
// every turn as the spiral reaches it, and ends with MMC Stop. Active
// Sensing every 270 ms lets the lathe stop itself if this program dies, and
// a failed write finds an unplugged device within that time. The machine
// owns out and closes it.
func NewMIDI(out io.WriteCloser, cfg Config) Machine {
	return &midiMachine{out: out, cfg: cfg, timeScale: 1}
}

type midiMachine struct {
	out       io.WriteCloser
	cfg       Config
	timeScale float64 // real seconds per programme second; tests shorten it
}

func (m *midiMachine) Close() error { return m.out.Close() }

// midiStep is one message of a cut, due at a time after the start.
type midiStep struct {
	at    float64 // seconds from the first message
	msg   []byte
	words string
	phase Phase // the phase once it is sent
}

const (
	spinUpSeconds = 2 // the platter comes up to speed before the cutter drops
	activeSensing = 0xFE
	senseEvery    = 270 * time.Millisecond // the receiver's timeout is 300 ms
)

func (m *midiMachine) channel() uint8 { return m.cfg.MIDIChannel }

func cc(ch, c, v uint8) []byte { return midi.ControlChange(ch, c, v).Bytes() }

func machineControl(dev uint8, c mmc.Command) []byte {
	return mmc.Message{DeviceID: dev, Command: c}.SysEx()
}

// midiSchedule is the cut of d as timed MIDI messages.
func (m *midiMachine) midiSchedule(d *engine.Disc) ([]midiStep, error) {
	if _, err := PlanCut(d, m.cfg); err != nil { // the same refusals as grbl
		return nil, err
	}
	preset := 0
	for i, rpm := range platterPresets {
		if math.Abs(d.Params.RPM-rpm) < 0.5 {
			preset = i + 1
		}
	}
	if m.cfg.MIDIChannel > 15 {
		return nil, fmt.Errorf("lathe: MIDI has channels 1–16, not %d", int(m.cfg.MIDIChannel)+1)
	}
	if m.cfg.MIDIDeviceID > 127 {
		return nil, fmt.Errorf("lathe: a MIDI device ID is 0–127, not %d", m.cfg.MIDIDeviceID)
	}
	if preset == 0 {
		return nil, fmt.Errorf("lathe: a MIDI lathe runs at 33⅓, 45 or 78 rpm, not %.2f", d.Params.RPM)
	}
	ch, dev := m.channel(), m.cfg.MIDIDeviceID
	var steps []midiStep
	add := func(at float64, msg []byte, words string, ph Phase) {
		steps = append(steps, midiStep{at, msg, words, ph})
	}
	pitch := func(at, um float64, ph Phase) {
		v := uint16(math.Min(math.Round(um), 1<<14-1))
		add(at, cc(ch, CCPitch, uint8(v>>7)), fmt.Sprintf("pitch %d µm per turn", v), ph)
		add(at, cc(ch, CCPitchLSB, uint8(v&127)), "", ph)
	}
	add(0, cc(ch, CCPlatter, uint8(preset)), fmt.Sprintf("platter at %.4g rpm", platterPresets[preset-1]), Preparing)
	at := turnStarts(d)
	turnUM := func(k int) float64 { // the pitch of turn k, from the engine's own spiral
		if k+1 >= len(at) {
			return 0 // the locked groove
		}
		return (d.RadiusMM(at[k]) - d.RadiusMM(at[k+1])) * 1000 * float64(d.SamplesPerRev()) / float64(at[k+1]-at[k])
	}
	pitch(0, turnUM(0), Preparing)
	add(spinUpSeconds, cc(ch, CCCutter, 0), "cutter down", Preparing)
	add(spinUpSeconds, machineControl(dev, mmc.RecordStrobeCmd), "MMC Record Strobe: the spiral starts", Cutting)
	last := math.Round(turnUM(0))
	for k := 1; k < len(at); k++ {
		if um := math.Round(turnUM(k)); um != last {
			pitch(spinUpSeconds+float64(at[k])/engine.EngineRate, um, Cutting)
			last = um
		}
	}
	end := spinUpSeconds + float64(d.Len())/engine.EngineRate
	add(end, machineControl(dev, mmc.StopCmd), "MMC Stop", Cutting)
	add(end, cc(ch, CCCutter, 127), "cutter up", Cutting)
	add(end, cc(ch, CCPlatter, 0), "platter stopped", Cutting)
	return steps, nil
}

// midiSafeStop is what a stop sends: hold the carriage, lift the cutter,
// stop the transport and the platter.
func (m *midiMachine) midiSafeStop() [][]byte {
	ch, dev := m.channel(), m.cfg.MIDIDeviceID
	return [][]byte{machineControl(dev, mmc.PauseCmd), cc(ch, CCCutter, 127), machineControl(dev, mmc.StopCmd), cc(ch, CCPlatter, 0)}
}

func (m *midiMachine) Cut(ctx context.Context, d *engine.Disc, report func(Event)) error {
	if report == nil {
		report = func(Event) {}
	}
	steps, err := m.midiSchedule(d)
	if err != nil {
		return err
	}
	ev := Event{Phase: Connecting, Total: len(steps)}
	report(ev)
	stop := func(why error) error {
		for _, b := range m.midiSafeStop() {
			m.out.Write(b) // best effort: the device may be gone
		}
		ev.Phase, ev.Note = Stopped, why.Error()
		report(ev)
		return why
	}
	write := func(b []byte) error {
		if _, err := m.out.Write(b); err != nil {
			return fmt.Errorf("%w (%v)", ErrMIDIGone, err)
		}
		return nil
	}
	start := time.Now()
	sense := time.NewTicker(senseEvery)
	defer sense.Stop()
	for i := 0; i < len(steps); {
		due := start.Add(time.Duration(steps[i].at * m.timeScale * float64(time.Second)))
		if wait := time.Until(due); wait > 0 {
			timer := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				timer.Stop()
				return stop(fmt.Errorf("stopped by hand after %d of %d messages", ev.Done, ev.Total))
			case <-sense.C:
				timer.Stop()
				if err := write([]byte{activeSensing}); err != nil {
					return stop(err)
				}
				continue
			case <-timer.C:
			}
		}
		if ctx.Err() != nil {
			return stop(fmt.Errorf("stopped by hand after %d of %d messages", ev.Done, ev.Total))
		}
		s := steps[i]
		if err := write(s.msg); err != nil {
			return stop(err)
		}
		i++
		ev.Done, ev.Phase = i, s.phase
		if s.words != "" {
			ev.Line = s.words
		}
		report(ev)
	}
	ev.Phase, ev.Note = Finished, "cut finished: cutter up, platter stopped"
	report(ev)
	return nil
}
