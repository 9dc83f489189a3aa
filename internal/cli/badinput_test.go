//go:build !js

package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputMatrix is the CLI's front door against every bad input the
// project knows: each case exits non-zero with one line a visitor can act
// on (the words asserted), and leaves every file in the folder as it was.
func TestBadInputMatrix(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	mustRun(t, "demo", "-o", at("tune.wav"), "--tune", "march", "--seconds", "1")
	mustRun(t, "cut", at("tune.wav"), "-o", at("disc.bone"), "--rpm", "78")
	good, _ := os.ReadFile(at("disc.bone"))
	write := func(name string, b []byte) { os.WriteFile(at(name), b, 0o644) }

	write("empty.wav", nil)
	write("empty.bone", nil)
	write("truncated.wav", wavHeader(1, 8000, 16, 100)[:20])
	write("zero-channels.wav", wavHeader(0, 8000, 16, 0))
	write("zero-hz.wav", append(wavHeader(1, 0, 16, 8), make([]byte, 8)...))
	write("absurd-rate.wav", append(wavHeader(1, math.MaxUint32, 16, 8), make([]byte, 8)...))
	nan := wavFloatHeader(4)
	for _, v := range []float32{float32(math.NaN()), float32(math.Inf(1)), 0, 0} {
		nan = binary.LittleEndian.AppendUint32(nan, math.Float32bits(v))
	}
	write("nan.wav", nan)
	write("picture.wav", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"))
	// Two hours of 8 kHz 8-bit mono, sparse: a header claiming it and the
	// length to match, costing no disk.
	write("two-hours.wav", wavHeader(1, 8000, 8, 2*3600*8000))
	os.Truncate(at("two-hours.wav"), 44+2*3600*8000)
	newer := append([]byte(nil), good...)
	binary.LittleEndian.PutUint16(newer[4:], 99)
	write("newer.bone", newer)
	badSum := append([]byte(nil), good...)
	badSum[len(badSum)-3] ^= 0x10
	write("bad-checksum.bone", badSum)
	huge := append([]byte(nil), good[:20]...)
	binary.LittleEndian.PutUint32(huge[8:], math.MaxUint32)
	binary.LittleEndian.PutUint32(huge[12:], math.MaxUint32)
	write("claims-4GB.bone", huge)
	write("picture.png", []byte("\x89PNG\r\n\x1a\n"))
	os.Symlink(at("disc.bone"), at("link.bone"))
	os.Link(at("tune.wav"), at("hardlink.wav"))

	type tc struct {
		args []string
		want []string // words the one line must hold
	}
	cut := func(in string, want ...string) tc { return tc{[]string{"cut", at(in), "-o", at("new.bone")}, want} }
	var cases []tc
	cases = append(cases,
		cut("empty.wav", "not a WAV, MP3 or Ogg Vorbis"),
		cut("truncated.wav", "damaged", "format header"),
		cut("zero-channels.wav", "damaged", "0 channels"),
		cut("zero-hz.wav", "0 Hz", "convert the sound to 8–192 kHz"),
		cut("absurd-rate.wav", "4294967295 Hz", "convert the sound to 8–192 kHz"),
		cut("nan.wav", "damaged", "not numbers", "export it again"),
		cut("picture.wav", "not a WAV, MP3 or Ogg Vorbis"),
		cut("two-hours.wav", "too long", "120.0 minutes", "trim it"),
		tc{[]string{"cut", at("tune.wav"), "-o", at("new.bone"), "--title", "caf\xe9"}, []string{"title", "not UTF-8"}},
		tc{[]string{"cut", at("tune.wav"), "-o", at("new.bone"), "--title", strings.Repeat("я", 35_000)}, []string{"title", "70000 bytes", "at most 512"}},
		tc{[]string{"cut", at("tune.wav"), "-o", at("tune.wav")}, []string{"also the file being read", "choose another name"}},
		tc{[]string{"cut", at("hardlink.wav"), "-o", at("tune.wav")}, []string{"also the file being read"}},
		tc{[]string{"render", at("disc.bone"), "-o", at("disc.bone")}, []string{"also the file being read", "choose another name"}},
		tc{[]string{"render", at("link.bone"), "-o", at("disc.bone")}, []string{"also the file being read"}},
		tc{[]string{"render", at("disc.bone"), "-o", at("newer.bone")}, []string{"is a disc", "lose the disc and its history"}},
		tc{[]string{"play", at("disc.bone"), "-o", at("link.bone")}, []string{"also the file being read"}},
		tc{[]string{"play", at("disc.bone"), "-o", at("bad-checksum.bone")}, []string{"is a disc", "a sound"}},
		tc{[]string{"demo", "-o", at("disc.bone")}, []string{"is a disc", "choose another name"}},
	)
	for _, disc := range []struct{ file, want string }{
		{"empty.bone", "not a Bone Music disc file"},
		{"picture.png", "not a Bone Music disc file"},
		{"newer.bone", "newer Bone Music; update the app"},
		{"bad-checksum.bone", "damaged: checksum mismatch"},
		{"claims-4GB.bone", "more than any disc holds"},
	} {
		cases = append(cases,
			tc{[]string{"play", at(disc.file), "-o", at("out.wav")}, []string{disc.file, disc.want}},
			tc{[]string{"render", at(disc.file), "-o", at("out.png")}, []string{disc.file, disc.want}},
			tc{[]string{"info", at(disc.file)}, []string{disc.file, disc.want}},
			tc{[]string{"lathe", at(disc.file), "--dry-run"}, []string{disc.file, disc.want}},
		)
	}
	for _, c := range cases {
		before := hashFolder(t, dir)
		code, stdout, stderr := run(t, c.args...)
		name := strings.Join(c.args, " ")
		name = strings.ReplaceAll(name, dir+string(filepath.Separator), "")
		if len(name) > 80 {
			name = name[:80] + "…"
		}
		if code == 0 {
			t.Errorf("%s: exit 0, stdout %q", name, stdout)
		}
		first, _, _ := strings.Cut(stderr, "\n")
		for _, w := range c.want {
			if !strings.Contains(first, w) {
				t.Errorf("%s: %q does not say %q", name, first, w)
			}
		}
		if strings.Contains(stderr, ".tmp-") || strings.Contains(stderr, "panic") {
			t.Errorf("%s: %q", name, stderr)
		}
		if after := hashFolder(t, dir); after != before {
			t.Errorf("%s changed the folder:\nbefore %s\nafter  %s", name, before, after)
		}
	}
}

// hashFolder describes every file in dir by name and content hash.
func hashFolder(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Name())
		if info, err := e.Info(); err == nil && info.Size() > 1<<20 {
			fmt.Fprintf(&b, ":%d ", info.Size()) // the sparse 2-hour file: its size is enough
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		fmt.Fprintf(&b, ":%x ", sha256.Sum256(data))
	}
	return b.String()
}

// wavHeader is a 44-byte PCM WAV header declaring dataBytes of sound.
func wavHeader(channels, rateHz uint32, bits uint16, dataBytes uint32) []byte {
	le := binary.LittleEndian
	h := le.AppendUint32([]byte("RIFF"), 36+dataBytes)
	h = append(h, "WAVEfmt "...)
	h = le.AppendUint32(h, 16)
	h = le.AppendUint16(h, 1)
	h = le.AppendUint16(h, uint16(channels))
	h = le.AppendUint32(h, rateHz)
	h = le.AppendUint32(h, rateHz*channels*uint32(bits)/8)
	h = le.AppendUint16(h, uint16(channels)*bits/8)
	h = le.AppendUint16(h, bits)
	h = append(h, "data"...)
	return le.AppendUint32(h, dataBytes)
}

// wavFloatHeader is a mono 8 kHz 32-bit float WAV header for frames.
func wavFloatHeader(frames uint32) []byte {
	h := wavHeader(1, 8000, 32, 4*frames)
	binary.LittleEndian.PutUint16(h[20:], 3)
	return h
}
