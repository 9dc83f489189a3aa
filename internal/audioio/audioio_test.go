package audioio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecodeWAVFlavours(t *testing.T) {
	list := chunk("LIST", append([]byte("INFO"), chunk("INAM", []byte("bone\x00"))...))
	tests := []struct {
		name      string
		spec      wavSpec
		tolerance float64 // quantisation step
	}{
		{"8-bit mono", wavSpec{tag: tagPCM, numChannels: 1, rateHz: 8000, bits: 8, frames: 400}, 1.0 / 100},
		{"16-bit stereo", wavSpec{tag: tagPCM, numChannels: 2, rateHz: 44100, bits: 16, frames: 900}, 1e-4},
		{"24-bit mono 96 kHz", wavSpec{tag: tagPCM, numChannels: 1, rateHz: 96000, bits: 24, frames: 900}, 1e-6},
		{"32-bit int", wavSpec{tag: tagPCM, numChannels: 1, rateHz: 48000, bits: 32, frames: 900}, 1e-6},
		{"32-bit float", wavSpec{tag: tagFloat, numChannels: 2, rateHz: 22050, bits: 32, frames: 900}, 1e-7},
		{"64-bit float", wavSpec{tag: tagFloat, numChannels: 3, rateHz: 192000, bits: 64, frames: 900}, 1e-7},
		{"extensible 24-bit 5.1", wavSpec{tag: tagPCM, extensible: true, numChannels: 6, rateHz: 48000, bits: 24, validBits: 20, frames: 500}, 1e-5},
		{"extensible float", wavSpec{tag: tagFloat, extensible: true, numChannels: 2, rateHz: 44100, bits: 32, frames: 500}, 1e-7},
		{"LIST chunk before fmt", wavSpec{tag: tagPCM, numChannels: 1, rateHz: 16000, bits: 16, frames: 333, before: list}, 1e-4},
		{"odd junk chunk before fmt", wavSpec{tag: tagPCM, numChannels: 1, rateHz: 16000, bits: 16, frames: 100, before: chunk("junk", []byte{1, 2, 3})}, 1e-4},
		{"streamed: data size unknown", wavSpec{tag: tagPCM, numChannels: 2, rateHz: 11025, bits: 16, frames: 300, dataSize: -1}, 1e-4},
		{"hostile LIST entry claiming 4 GB", wavSpec{tag: tagPCM, numChannels: 1, rateHz: 8000, bits: 16, frames: 100,
			before: chunk("LIST", append([]byte("INFOINAM"), 0xF0, 0xFF, 0xFF, 0xFF))}, 1e-4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			channels, rateHz, err := Decode(tt.spec.build())
			if err != nil {
				t.Fatal(err)
			}
			if rateHz != tt.spec.rateHz || len(channels) != tt.spec.numChannels {
				t.Fatalf("got %d channels at %d Hz, want %d at %d", len(channels), rateHz, tt.spec.numChannels, tt.spec.rateHz)
			}
			for c, ch := range channels {
				if len(ch) != tt.spec.frames {
					t.Fatalf("channel %d: %d frames, want %d", c, len(ch), tt.spec.frames)
				}
				for f, x := range ch {
					if d := math.Abs(float64(x) - signal(c, f, rateHz)); d > tt.tolerance {
						t.Fatalf("channel %d frame %d: %g, want %g", c, f, x, signal(c, f, rateHz))
					}
				}
			}
		})
	}
}

// Runaway float samples are bounded; samples that are not numbers make the
// file damaged, said in words, rather than cut as holes of silence.
func TestDecodeCleansFloats(t *testing.T) {
	le := binary.LittleEndian
	spec := wavSpec{tag: tagFloat, numChannels: 1, rateHz: 8000, bits: 32, frames: 4}
	data := spec.build()
	pcm := data[len(data)-16:]
	for i, v := range []float32{0.5, 1e30, -1e30, -0.5} {
		le.PutUint32(pcm[4*i:], math.Float32bits(v))
	}
	channels, _, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []float32{0.5, maxSampleMagnitude, -maxSampleMagnitude, -0.5}
	for i, x := range channels[0] {
		if x != want[i] {
			t.Errorf("sample %d = %g, want %g", i, x, want[i])
		}
	}
	for i, v := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))} {
		le.PutUint32(pcm[4*i:], math.Float32bits(v))
	}
	if _, _, err := Decode(data); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "3 of its samples are not numbers") {
		t.Errorf("NaN and infinite samples: %v, want ErrDamaged counting them", err)
	}
}

func TestDecodeCompressed(t *testing.T) {
	tests := []struct {
		file        string
		numChannels int
		rateHz      int
	}{
		{"tone_mono.mp3", 1, 16000},
		{"tone_id3.mp3", 1, 16000},
		{"tone_st.mp3", 2, 22050},
		{"tone_mono.ogg", 1, 8000},
		{"tone_st.ogg", 2, 11025},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			channels, rateHz, err := ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(channels) != tt.numChannels || rateHz != tt.rateHz {
				t.Fatalf("got %d channels at %d Hz, want %d at %d", len(channels), rateHz, tt.numChannels, tt.rateHz)
			}
			// 0.15 s of tone; encoders add up to a few frames of padding.
			if s := float64(len(channels[0])) / float64(rateHz); s < 0.12 || s > 0.5 {
				t.Errorf("%.3f s, want about 0.15", s)
			}
			// The first channel is a 440 Hz sine: count its rising zero crossings.
			ch := channels[0]
			mid := ch[len(ch)/4 : len(ch)*3/4]
			crossings := 0
			for i := 1; i < len(mid); i++ {
				if mid[i-1] < 0 && mid[i] >= 0 {
					crossings++
				}
			}
			if hz := float64(crossings) * float64(rateHz) / float64(len(mid)); math.Abs(hz-440) > 40 {
				t.Errorf("tone measures %.0f Hz, want 440", hz)
			}
		})
	}
}

// TestDecodeSoxWAV checks the WAV reader against files a real tool wrote.
func TestDecodeSoxWAV(t *testing.T) {
	if _, err := exec.LookPath("sox"); err != nil {
		t.Skip("sox not installed")
	}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"-b", "24", "-c", "3", "-e", "signed-integer"},
		{"-b", "32", "-c", "1", "-e", "floating-point"},
		{"-b", "64", "-c", "2", "-e", "floating-point"},
		{"-b", "8", "-c", "1", "-e", "unsigned-integer"},
	} {
		path := filepath.Join(dir, "x.wav")
		cmd := append(append([]string{"-n", "-r", "32000"}, args...), path, "synth", "0.1", "sine", "1000", "vol", "0.5")
		if out, err := exec.Command("sox", cmd...).CombinedOutput(); err != nil {
			t.Fatalf("sox %v: %v\n%s", cmd, err, out)
		}
		channels, rateHz, err := ReadFile(path)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		var peak float32
		for _, x := range channels[0] {
			peak = max(peak, x)
		}
		if rateHz != 32000 || len(channels[0]) != 3200 || math.Abs(float64(peak)-0.5) > 0.02 {
			t.Errorf("%v: %d Hz, %d frames, peak %.3f; want 32000 Hz, 3200 frames, peak 0.5", args, rateHz, len(channels[0]), peak)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	hugeFmt := []byte("RIFF\x00\x00\x00\x00WAVEfmt \xF0\xFF\xFF\xFF")
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotAudio},
		{"text", []byte("Dear Anna, I am sending you this letter on a bone."), ErrNotAudio},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotAudio},
		{"FLAC", []byte("fLaC\x00\x00\x00\x22"), ErrNotAudio},
		{"Ogg Opus", append([]byte("OggS\x00\x02"), append(make([]byte, 22), "OpusHead"...)...), ErrNotAudio},
		{"RIFF header only", []byte("RIFF\x04\x00\x00\x00WAVE"), ErrDamaged},
		{"fmt claiming 4 GB", hugeFmt, ErrDamaged},
		{"A-law WAV", func() []byte {
			d := wavSpec{tag: tagPCM, numChannels: 1, rateHz: 8000, bits: 8, frames: 10}.build()
			binary.LittleEndian.PutUint16(d[20:], 6)
			return d
		}(), ErrNotAudio},
		{"block align that does not add up", func() []byte {
			d := wavSpec{tag: tagPCM, numChannels: 2, rateHz: 8000, bits: 16, frames: 10}.build()
			binary.LittleEndian.PutUint16(d[32:], 3)
			return d
		}(), ErrDamaged},
		{"MPEG 2.5 MP3", func() []byte { d, _ := os.ReadFile("testdata/tone_mpeg25.mp3"); return d }(), ErrNotAudio},
		{"MP3 sync then garbage", []byte{0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0}, ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(tt.data)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDecodeRefusesRates(t *testing.T) {
	for _, rateHz := range []int{4000, 384000} {
		_, _, err := Decode(wavSpec{tag: tagPCM, numChannels: 1, rateHz: rateHz, bits: 16, frames: 10}.build())
		if err == nil {
			t.Errorf("%d Hz accepted", rateHz)
		}
	}
}

func TestCheckSize(t *testing.T) {
	tests := []struct {
		frames           int64
		channels, rateHz int
		wantErr          bool
	}{
		{44100 * 180, 2, 44100, false},
		{44100 * MaxSeconds, 1, 44100, false},
		{44100*MaxSeconds + 44100, 1, 44100, true}, // 15 min 1 s
		{48000 * 600, 2, 48000, true},              // 10 min stereo at 48 kHz: 230 MB decoded
		{100, 0, 44100, true},
		{100, MaxChannels + 1, 44100, true},
		{100, 1, 7999, true},
	}
	for _, tt := range tests {
		err := checkSize(tt.frames, tt.channels, tt.rateHz)
		if (err != nil) != tt.wantErr {
			t.Errorf("checkSize(%d, %d, %d) = %v, want error %v", tt.frames, tt.channels, tt.rateHz, err, tt.wantErr)
		}
	}
}

func TestTooLongWAVIsRefusedWithMessage(t *testing.T) {
	spec := wavSpec{tag: tagPCM, numChannels: 1, rateHz: 8000, bits: 8, frames: 8000 * (MaxSeconds + 60)}
	_, _, err := Decode(spec.build())
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestWriteWAVRoundTrip(t *testing.T) {
	in := []float32{0, 0.5, -0.5, 1, -1, 2, -2, float32(math.NaN()), 0.25}
	want := []float32{0, 0.5, -0.5, 1, -1, 1, -1, 0, 0.25}
	path := filepath.Join(t.TempDir(), "out.wav")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteWAV(f, in, 22050); err != nil {
		t.Fatal(err)
	}
	f.Close()
	channels, rateHz, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if rateHz != 22050 || len(channels) != 1 || len(channels[0]) != len(in) {
		t.Fatalf("got %d channels, %d frames at %d Hz", len(channels), len(channels[0]), rateHz)
	}
	for i, x := range channels[0] {
		if math.Abs(float64(x-want[i])) > 1.0/32767 {
			t.Errorf("sample %d = %g, want %g", i, x, want[i])
		}
	}
	if err := WriteWAV(&seekBuffer{}, in, 1000); err == nil {
		t.Error("WriteWAV at 1000 Hz accepted")
	}
}

func TestEmptyWAV(t *testing.T) {
	var sb seekBuffer
	if err := WriteWAV(&sb, nil, 8000); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Decode(sb.data); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty WAV: err = %v, want ErrEmpty", err)
	}
}

func TestWriteWAVInMemory(t *testing.T) {
	var sb seekBuffer
	if err := WriteWAV(&sb, []float32{0.1, 0.2}, 8000); err != nil {
		t.Fatal(err)
	}
	channels, _, err := Decode(sb.data)
	if err != nil || len(channels[0]) != 2 {
		t.Fatalf("decode of written WAV: %v, %v", channels, err)
	}
	if !bytes.HasPrefix(sb.data, []byte("RIFF")) {
		t.Error("no RIFF header")
	}
}
