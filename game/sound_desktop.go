//go:build !js

package game

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/ebitengine/oto/v3"
)

// Ebiten opens the sound device on its first update, and when that fails
// (no sound card, no PulseAudio, no ALSA) RunGame returns the error and the
// app would die. oto allows one context per process, so we cannot try first
// and then hand the device to Ebiten; instead a child process (this same
// binary) tries, and the game creates its audio context only if the child
// succeeded. A kiosk without speakers then still shows the turning record.

const probeEnv = "BONEMUSIC_AUDIO_PROBE"

// playerBuffer is short on the desktop, where Ebiten feeds the device from
// its own thread: the record's picture and its sound stay together.
const playerBuffer = 100 * time.Millisecond

// probeTimeout bounds a hanging sound server; the game starts silent meanwhile.
const probeTimeout = 5 * time.Second

// RunAudioProbeIfRequested must be called first thing in main (and TestMain):
// in the probe child it opens the device, reports, and exits.
func RunAudioProbeIfRequested() {
	if os.Getenv(probeEnv) != "1" {
		return
	}
	ctx, ready, err := oto.NewContext(&oto.NewContextOptions{SampleRate: sampleRate, ChannelCount: 2, Format: oto.FormatFloat32LE})
	if err == nil {
		<-ready
		err = ctx.Err()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(0)
}

// probeAudio reports on the returned channel whether a sound device can be
// opened: nil, or an error to show as a notice.
func probeAudio() <-chan error {
	result := make(chan error, 1)
	go func() {
		self, err := os.Executable()
		if err != nil {
			result <- fmt.Errorf("audio probe: %w", err)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, self)
		cmd.Env = append(os.Environ(), probeEnv+"=1")
		out, err := cmd.CombinedOutput()
		switch {
		case ctx.Err() != nil:
			result <- errors.New("audio probe: the sound system did not answer")
		case err != nil:
			result <- fmt.Errorf("audio probe: %s", strings.TrimSpace(string(out)))
		default:
			result <- nil
		}
	}()
	return result
}
