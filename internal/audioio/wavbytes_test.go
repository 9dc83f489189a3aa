package audioio

import (
	"math"
	"os"
	"testing"
)

// EncodeWAV's bytes decode back to the same sound.
func TestEncodeWAVRoundTrip(t *testing.T) {
	in := make([]float32, 4410)
	for i := range in {
		in[i] = float32(0.5 * math.Sin(float64(i)/7))
	}
	data, err := EncodeWAV(in, 44100, nil)
	if err != nil {
		t.Fatal(err)
	}
	ch, rate, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if rate != 44100 || len(ch) != 1 || len(ch[0]) != len(in) {
		t.Fatalf("decoded %d Hz, %d channels of %d samples; want 44100, 1, %d", rate, len(ch), len(ch[0]), len(in))
	}
	for i, v := range ch[0] {
		if math.Abs(float64(v-in[i])) > 1.0/32767 {
			t.Fatalf("sample %d: %v, want %v", i, v, in[i])
		}
	}
}

// DecodeProgress reports a rising fraction that reaches (about) the end,
// for WAV and for the compressed formats.
func TestDecodeProgressRises(t *testing.T) {
	long := make([]float32, 44100*3)
	wavData, err := EncodeWAV(long, 44100, nil)
	if err != nil {
		t.Fatal(err)
	}
	mp3Data, err := os.ReadFile("testdata/tone_st.mp3")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"wav": wavData, "mp3": mp3Data} {
		var got []float64
		if _, _, err := DecodeProgress(data, func(f float64) { got = append(got, f) }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) < 2 {
			t.Errorf("%s: %d progress reports, want several", name, len(got))
			continue
		}
		for i := 1; i < len(got); i++ {
			if got[i] < got[i-1] {
				t.Errorf("%s: progress fell from %.3f to %.3f", name, got[i-1], got[i])
			}
		}
		if last := got[len(got)-1]; last < 0.9 || last > 1 {
			t.Errorf("%s: progress ended at %.3f, want about 1", name, last)
		}
	}
}
