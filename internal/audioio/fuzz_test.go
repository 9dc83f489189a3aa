package audioio

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Decode: it must never panic, and what
// it accepts must be sane. The seed corpus in testdata/fuzz/FuzzDecode runs
// with every `go test`; regenerate it with BONEMUSIC_WRITE_SEEDS=1.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		channels, rateHz, err := Decode(data)
		if err != nil {
			return
		}
		if rateHz < MinRateHz || rateHz > MaxRateHz {
			t.Fatalf("accepted rate %d Hz", rateHz)
		}
		if len(channels) < 1 || len(channels) > MaxChannels {
			t.Fatalf("accepted %d channels", len(channels))
		}
		for _, ch := range channels {
			if len(ch) != len(channels[0]) {
				t.Fatal("channels differ in length")
			}
			for _, x := range ch {
				if math.IsNaN(float64(x)) || math.Abs(float64(x)) > maxSampleMagnitude {
					t.Fatalf("sample %g escaped cleaning", x)
				}
			}
		}
	})
}

// fuzzSeeds are small inputs of every kind Decode meets: each WAV flavour,
// the compressed formats, and the broken and hostile cases.
func fuzzSeeds(t *testing.T) map[string][]byte {
	seeds := map[string][]byte{}
	tiny := func(tag uint16, channels, bits int, extensible bool) []byte {
		return wavSpec{tag: tag, extensible: extensible, numChannels: channels, rateHz: 8000, bits: bits, frames: 6}.build()
	}
	seeds["wav_pcm8"] = tiny(tagPCM, 1, 8, false)
	seeds["wav_pcm16_stereo"] = tiny(tagPCM, 2, 16, false)
	seeds["wav_pcm24"] = tiny(tagPCM, 1, 24, false)
	seeds["wav_pcm32"] = tiny(tagPCM, 1, 32, false)
	seeds["wav_float32"] = tiny(tagFloat, 1, 32, false)
	seeds["wav_float64"] = tiny(tagFloat, 2, 64, false)
	seeds["wav_extensible24"] = tiny(tagPCM, 3, 24, true)
	seeds["wav_extensible_float"] = tiny(tagFloat, 1, 32, true)
	seeds["wav_list_before_fmt"] = wavSpec{tag: tagPCM, numChannels: 1, rateHz: 8000, bits: 16, frames: 4,
		before: chunk("LIST", []byte("INFOINAM\x04\x00\x00\x00bone"))}.build()
	whole := tiny(tagPCM, 1, 16, false)
	seeds["wav_truncated"] = whole[:len(whole)-5]
	seeds["wav_huge_fmt"] = []byte("RIFF\x00\x00\x00\x00WAVEfmt \xF0\xFF\xFF\xFF\x01\x00")
	seeds["wav_huge_data"] = append(append([]byte{}, whole[:40]...), 0xF0, 0xFF, 0xFF, 0xFF, 1, 2)
	for _, name := range []string{"tone_mono.mp3", "tone_st.mp3", "tone_mpeg25.mp3", "tone_mono.ogg"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		seeds[name] = data
	}
	seeds["mp3_two_headers"] = []byte{0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0}
	seeds["ogg_opus"] = append([]byte("OggS\x00\x02"), append(make([]byte, 22), "OpusHead"...)...)
	seeds["text"] = []byte("not a sound")
	return seeds
}

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("BONEMUSIC_WRITE_SEEDS") == "" {
		t.Skip("set BONEMUSIC_WRITE_SEEDS=1 to regenerate testdata/fuzz/FuzzDecode")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range fuzzSeeds(t) {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
