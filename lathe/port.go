package lathe

import (
	"errors"
	"fmt"
)

// ErrNoPortChosen is the visitor closing the browser's port list without
// choosing: not a fault, nothing was opened.
var ErrNoPortChosen = errors.New("lathe: no port was chosen: choose the lathe's port in the browser's list (plug the lathe in first if it is not there)")

// The protocols a lathe may speak.
const (
	ProtocolGrbl = "grbl" // grbl 1.1 over a serial port, 115200 8N1
	ProtocolMIDI = "midi" // MIDI Machine Control and control changes
)

// PortInfo is a port a lathe may be on.
type PortInfo struct {
	Name     string // what Open takes: /dev/ttyUSB0, COM3, /dev/snd/midiC1D0
	Protocol string // the protocol such a port usually speaks
}

func checkProtocol(protocol string) error {
	switch protocol {
	case ProtocolGrbl, ProtocolMIDI:
		return nil
	}
	return fmt.Errorf("lathe: no protocol %q: use %s or %s", protocol, ProtocolGrbl, ProtocolMIDI)
}
