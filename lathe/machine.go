package lathe

import (
	"context"

	"bonemusic/engine"
)

// Machine is a lathe that cuts discs: grbl over a serial port ([NewGrbl]),
// a MIDI-controlled lathe ([NewMIDI]) or the simulator ([NewSimulator]).
// The app draws its lathe from the events alone, so it cannot tell the
// simulator from hardware.
type Machine interface {
	// Cut plans d for the machine, cuts it and returns once the cutter is
	// lifted and the carriage has stopped. Ending ctx is the STOP button:
	// it works at any moment, including while connecting, and leaves the
	// machine stopped safely (cutter up, platter off). A stop, a refusal,
	// an alarm or a lost link returns an error to show as it is. report, if
	// not nil, gets the progress; it is called from Cut's goroutine or one
	// of its helpers, never after Cut returns.
	Cut(ctx context.Context, d *engine.Disc, report func(Event)) error
	// Close releases the port.
	Close() error
}

// Phase is where a cut is.
type Phase uint8

const (
	Connecting Phase = iota // waiting for the machine to answer
	Preparing               // platter spinning up, cutter dropping
	Cutting                 // the spiral: the cutter audio plays from the disc's first sample
	Finished                // cutter lifted, platter stopped
	Stopped                 // stopped before the end: see the error
)

func (p Phase) String() string {
	switch p {
	case Connecting:
		return "connecting"
	case Preparing:
		return "preparing"
	case Cutting:
		return "cutting"
	case Finished:
		return "finished"
	case Stopped:
		return "stopped"
	}
	return "unknown"
}

// Event is a cut's progress, the same from every kind of machine.
type Event struct {
	Phase       Phase
	Done, Total int    // plan steps the machine has accepted, of all
	Line        string // the latest step accepted: a G-code line, or a MIDI message in words
	State       string // the machine's own state ("Run", "Hold:0", "Alarm"), when it reports one
	RadiusMM    float64
	HasRadius   bool   // RadiusMM is the cutter's radius on the disc, as the machine reports it
	Note        string // a message from the machine, or what a stop did
}
