package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"bonemusic/engine"
	"bonemusic/engine/synth"
	"bonemusic/internal/audioio"
)

const compareSeconds = 180

// soxChain is sox's nearest equivalent of one play through the engine:
// pink noise mixed in (film hiss), a steep 8192-tap band limit like the
// stylus footprint at the outer groove (40 Hz–4 kHz), and shelving EQ like
// a pickup's response. The engine does far more (groove geometry, tracing,
// wear), so sox marks how fast plain filtering and noise can go.
func soxChain(in, out string) []string {
	noise := fmt.Sprintf("|sox -n -r %d -c 1 -p synth %d pinknoise vol 0.03", engine.EngineRate, compareSeconds)
	return []string{"-G", "-m", in, noise, out,
		"sinc", "-n", "8192", "40-4000", "bass", "-3", "300", "treble", "-3", "2500"}
}

// compareWithSox times sox and the engine on the same synthesised 3 minutes
// of boogie-woogie.
func compareWithSox() []row {
	dir, err := os.MkdirTemp("", "benchtable-")
	if err != nil {
		return []row{{name: "sox comparison", native: "failed: " + err.Error()}}
	}
	defer os.RemoveAll(dir)
	input, err := synth.Tune("boogie", engine.EngineRate, compareSeconds, 1)
	if err != nil {
		return []row{{name: "sox comparison", native: "failed: " + err.Error()}}
	}
	in := filepath.Join(dir, "in.wav")
	if err := writeWAV(in, input); err != nil {
		return []row{{name: "sox comparison", native: "failed: " + err.Error()}}
	}
	return []row{engineRow(input), soxRow(in, filepath.Join(dir, "out.wav"))}
}

func writeWAV(path string, mono []float32) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := audioio.WriteWAV(f, mono, engine.EngineRate); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func soxRow(in, out string) row {
	r := row{name: "sox band-limit + noise, same input", wasm: "—"}
	if _, err := exec.LookPath("sox"); err != nil {
		r.native = "sox not installed: apt-get install sox"
		return r
	}
	cmd := exec.Command("sox", soxChain(in, out)...)
	start := time.Now()
	msg, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	if err != nil {
		r.native = fmt.Sprintf("sox failed: %v %s", err, firstLine(string(msg)))
		return r
	}
	r.native = speeds(elapsed.Seconds(), (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds())
	if kb := maxRSSKB(cmd.ProcessState); kb > 0 {
		r.mb = fmt.Sprintf("%.1f peak RSS", float64(kb)/1024)
	}
	return r
}

// engineRow cuts and plays (crystal pickup, noise, wear) the same input in
// this process, the engine's side of the sox comparison.
func engineRow(input []float32) row {
	r := row{name: "engine cut + play + wear, same input", wasm: "—"}
	pickup, err := engine.PickupByName("crystal")
	if err != nil {
		r.native = "failed: " + err.Error()
		return r
	}
	start, cpu0 := time.Now(), selfCPUSeconds()
	d, err := engine.Cut([][]float32{input}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err == nil {
		_, _, err = engine.PlayAll(d, engine.PlayOptions{Pickup: pickup, Noise: true, Seed: 1}, 0)
	}
	elapsed, cpu := time.Since(start), selfCPUSeconds()-cpu0
	if err != nil {
		r.native = "failed: " + err.Error()
		return r
	}
	r.native = speeds(elapsed.Seconds(), cpu)
	r.mb = fmt.Sprintf("%.1f disc-MB", float64(d.MemoryBytes())/1e6)
	return r
}

// speeds is the comparison's speed by wall time and by CPU time: both sox
// and the engine use more than one core, so the two say different things.
func speeds(wallSeconds, cpuSeconds float64) string {
	s := fmt.Sprintf("%.0f×", compareSeconds/wallSeconds)
	if cpuSeconds > 0 {
		s += fmt.Sprintf(" (%.0f× per CPU second)", compareSeconds/cpuSeconds)
	}
	return s
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i]
		}
	}
	return s
}
