package game

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"bonemusic/engine"
	"bonemusic/lathe"
)

// The machines the lathe scene offers, by button id suffix.
const (
	machineSim    = "sim"    // the simulated grbl lathe, in memory
	machineSerial = "serial" // grbl on a serial port (Web Serial in a browser)
	machineMIDI   = "midi"   // a MIDI-controlled lathe (Web MIDI in a browser)
)

var machines = []string{machineSim, machineSerial, machineMIDI}

// streamLines is how many accepted plan lines the scene shows.
const streamLines = 6

// latheRun is one cut of a disc on a machine, run beside the game: the
// machine's events land here under a lock and the scene reads a snapshot
// each tick. When the spiral starts, the cutter drive goes to the speaker
// at once (from the machine's goroutine), so the sound and the carriage
// start together.
type latheRun struct {
	cancel context.CancelFunc
	sp     *speaker
	after  clocked // what the speaker plays again when the cut ends

	mu    sync.Mutex
	last  lathe.Event
	lines []string // the latest accepted plan lines, oldest first
	drive *lathe.Drive
	done  bool
	err   error
	left  bool // the scene is gone: the speaker is no longer the run's
}

// latheSnapshot is what the scene draws and publishes.
type latheSnapshot struct {
	lathe.Event
	Lines  []string
	Level  float64 // the cutter drive's level, 0–1
	Sample int     // how far the cutter drive has played, disc samples
	Ended  bool    // the run is over: finished, stopped or failed
	Err    error
}

// startLatheRun opens the machine and cuts d on it.
func startLatheRun(machine string, d *engine.Disc, sp *speaker, after clocked) *latheRun {
	ctx, cancel := context.WithCancel(context.Background())
	r := &latheRun{cancel: cancel, sp: sp, after: after}
	r.last.Phase = lathe.Connecting
	go func() {
		m, err := openMachine(machine)
		if err == nil {
			err = m.Cut(ctx, d, func(ev lathe.Event) { r.event(ev, d) })
			m.Close()
		}
		r.finish(err)
	}()
	return r
}

// openMachine opens the chosen machine with the default lathe setup. A
// browser asks the visitor for the port; a desktop takes the first one.
func openMachine(machine string) (lathe.Machine, error) {
	cfg := lathe.DefaultConfig()
	if machine == machineSim {
		return lathe.NewSimulator(cfg, 1), nil
	}
	protocol := lathe.ProtocolGrbl
	if machine == machineMIDI {
		protocol = lathe.ProtocolMIDI
	}
	port := ""
	if runtime.GOOS != "js" {
		ports, err := lathe.ListPorts()
		if err != nil {
			return nil, err
		}
		for _, p := range ports {
			if p.Protocol == protocol && port == "" {
				port = p.Name
			}
		}
		if port == "" {
			return nil, errNoPort
		}
	}
	return lathe.Open(port, protocol, cfg)
}

var errNoPort = errors.New("no lathe is plugged in")

func (r *latheRun) event(ev lathe.Event, d *engine.Disc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ev.Phase == lathe.Cutting && r.drive == nil {
		r.drive = lathe.NewDrive(d)
		if !r.left {
			r.sp.use(r.drive)
		}
	}
	if ev.Line != "" && ev.Done != r.last.Done {
		r.lines = append(r.lines, ev.Line)
		if len(r.lines) > streamLines {
			r.lines = r.lines[1:]
		}
	}
	r.last = ev
}

func (r *latheRun) finish(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done, r.err = true, err
	if r.drive != nil && !r.left {
		r.sp.use(r.after)
	}
}

// stop is the STOP button: the machine stops safely and the run ends.
func (r *latheRun) stop() { r.cancel() }

// leave stops the run and gives the speaker back: the scene is going.
func (r *latheRun) leave() {
	r.cancel()
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.left && r.drive != nil && !r.done {
		r.sp.use(r.after)
	}
	r.left = true
}

func (r *latheRun) snapshot() latheSnapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := latheSnapshot{Event: r.last, Lines: append([]string(nil), r.lines...), Ended: r.done, Err: r.err}
	if r.drive != nil && !r.done {
		s.Level, s.Sample = r.drive.Level(), r.drive.Sample()
	}
	return s
}
