//go:build !js

package lathe

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"go.bug.st/serial"
)

// rawMIDIGlob is where Linux puts ALSA's raw MIDI devices: plain byte
// streams, so MIDI needs no cgo.
const rawMIDIGlob = "/dev/snd/midiC*D*"

// ListPorts lists the serial ports (for grbl) and raw MIDI devices.
func ListPorts() ([]PortInfo, error) {
	var out []PortInfo
	names, err := serial.GetPortsList()
	if err != nil {
		return nil, fmt.Errorf("lathe: listing serial ports: %w", err)
	}
	slices.Sort(names)
	for _, n := range names {
		out = append(out, PortInfo{Name: n, Protocol: ProtocolGrbl})
	}
	midi, _ := filepath.Glob(rawMIDIGlob) // a bad pattern is the only error
	for _, n := range midi {
		out = append(out, PortInfo{Name: n, Protocol: ProtocolMIDI})
	}
	return out, nil
}

// PortPresent reports whether name is still there: after a lost link it
// tells an unplugged cable from a board that stopped answering.
func PortPresent(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// Open connects to the lathe on port with protocol.
func Open(port, protocol string, cfg Config) (Machine, error) {
	if err := checkProtocol(protocol); err != nil {
		return nil, err
	}
	if protocol == ProtocolMIDI {
		f, err := os.OpenFile(port, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("lathe: opening the MIDI device %s: %w", port, err)
		}
		return NewMIDI(f, cfg), nil
	}
	p, err := openSerial(port)
	if err != nil {
		return nil, err
	}
	return NewGrbl(p, cfg), nil
}

// openSerial opens a grbl board's port: 115200 8N1.
func openSerial(port string) (serial.Port, error) {
	p, err := serial.Open(port, &serial.Mode{BaudRate: 115200, DataBits: 8, Parity: serial.NoParity, StopBits: serial.OneStopBit})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("lathe: there is no port %s: plug the lathe in, or see bonemusic lathe --list", port)
	}
	if err != nil {
		var pe *serial.PortError
		if errors.As(err, &pe) {
			switch pe.Code() {
			case serial.PortBusy:
				return nil, fmt.Errorf("lathe: %s is in use by another program: close it (a serial monitor, another sender)", port)
			case serial.PermissionDenied:
				return nil, fmt.Errorf("lathe: no permission to open %s: add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again", port)
			case serial.PortNotFound:
				return nil, fmt.Errorf("lathe: there is no port %s: plug the lathe in, or see bonemusic lathe --list", port)
			}
		}
		return nil, fmt.Errorf("lathe: opening %s: %w", port, err)
	}
	return p, nil
}
