//go:build !js

package game

import (
	"errors"
	"sync"

	"github.com/jfreymuth/pulse"
)

// mic on the desktop records from PulseAudio (or PipeWire's PulseAudio
// server) with the pure-Go client oto already brings, so the desktop build
// stays free of cgo.
type mic struct {
	capture
	mu      sync.Mutex
	status  micStatus
	err     error
	client  *pulse.Client
	stream  *pulse.RecordStream
	sources []*pulse.Source
	device  int
}

func newMic() *mic { return &mic{} }

// start connects to the sound server and records from the chosen source.
// Connecting can take a moment, so it happens beside the game.
func (m *mic) start() {
	m.mu.Lock()
	if m.status == micAsking || m.status == micOn {
		m.mu.Unlock()
		return
	}
	m.status, m.err = micAsking, nil
	m.mu.Unlock()
	m.reset()
	go func() {
		err := m.open()
		m.mu.Lock()
		defer m.mu.Unlock()
		switch {
		case errors.Is(err, errNoMic):
			m.status = micMissing
		case err != nil:
			m.status, m.err = micFailed, err
		default:
			m.status = micOn
		}
	}()
}

var errNoMic = errors.New("no microphone")

func (m *mic) open() error {
	if m.client == nil {
		c, err := pulse.NewClient(pulse.ClientApplicationName("Bone Music"))
		if err != nil {
			return err
		}
		m.client = c
	}
	sources, err := m.client.ListSources()
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return errNoMic
	}
	m.mu.Lock()
	first := m.sources == nil
	m.sources = sources
	m.mu.Unlock()
	if first { // start with the server's default input
		if def, err := m.client.DefaultSource(); err == nil {
			for i, s := range sources {
				if s.ID() == def.ID() {
					m.mu.Lock()
					m.device = i
					m.mu.Unlock()
				}
			}
		}
	}
	m.mu.Lock()
	if m.device >= len(sources) {
		m.device = 0
	}
	src := sources[m.device]
	m.mu.Unlock()
	const rate = 44100
	stream, err := m.client.NewRecord(pulse.Float32Writer(func(p []float32) (int, error) {
		m.put(p, rate)
		return len(p), nil
	}), pulse.RecordSource(src), pulse.RecordMono, pulse.RecordSampleRate(rate), pulse.RecordBufferFragmentSize(rate/20*4))
	if err != nil {
		return err
	}
	stream.Start()
	m.mu.Lock()
	m.stream = stream
	m.mu.Unlock()
	return nil
}

func (m *mic) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stream != nil {
		m.stream.Stop()
		m.stream.Close()
		m.stream = nil
	}
	if m.status == micOn || m.status == micAsking {
		m.status = micIdle
	}
}

func (m *mic) state() (micStatus, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.status, m.err
}

// devices names the inputs the sound server offers.
func (m *mic) devices() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, len(m.sources))
	for i, s := range m.sources {
		names[i] = s.Name()
	}
	return names
}

// nextDevice switches to the next input (the next start uses it).
func (m *mic) nextDevice() {
	m.mu.Lock()
	if len(m.sources) > 0 {
		m.device = (m.device + 1) % len(m.sources)
	}
	m.mu.Unlock()
}

// deviceIndex is the input in use.
func (m *mic) deviceIndex() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.device
}
