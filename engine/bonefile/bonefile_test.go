package bonefile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"bonemusic/engine"
	"bonemusic/engine/synth"
)

// testDisc cuts a short burst of noise and tone onto a disc of params p.
func testDisc(t testing.TB, p engine.Params, seconds float64, opt engine.CutOptions) *engine.Disc {
	t.Helper()
	const rateHz = 22050
	n := int(seconds * rateHz)
	mono := make([]float32, n)
	state := uint32(1)
	for i := range mono {
		state = state*1664525 + 1013904223
		noise := float32(state>>8)/(1<<24) - 0.5
		mono[i] = 0.3*float32(math.Sin(2*math.Pi*440*float64(i)/rateHz)) + 0.1*noise
	}
	d, err := engine.Cut([][]float32{mono}, rateHz, p, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fastParams() engine.Params {
	p := engine.DefaultParams()
	p.RPM = 100 // the fewest samples per turn: small test files
	return p
}

func encode(t testing.TB, d *engine.Disc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func play(t testing.TB, d *engine.Disc, pickup string) {
	t.Helper()
	pu, err := engine.PickupByName(pickup)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := engine.PlayAll(d, engine.PlayOptions{Pickup: pu, Noise: true, Seed: 3}, 0); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	shellac := fastParams()
	shellac.Material = engine.MaterialShellac
	titled := fastParams()
	titled.Title = "Рок на костях — rock on bones"
	titled.Film = "skull"
	titled.Seed = math.MaxUint64
	variable := fastParams()
	variable.VariablePitch = true
	tests := []struct {
		name  string
		disc  func() *engine.Disc
		plays []string
	}{
		{"fresh", func() *engine.Disc { return testDisc(t, fastParams(), 0.3, engine.CutOptions{}) }, nil},
		{"played and worn", func() *engine.Disc { return testDisc(t, fastParams(), 0.3, engine.CutOptions{}) }, []string{"steel", "crystal", "magnetic"}},
		{"cut hot", func() *engine.Disc { return testDisc(t, fastParams(), 0.3, engine.CutOptions{Hot: true, LevelDB: 12}) }, []string{"steel"}},
		{"shellac", func() *engine.Disc { return testDisc(t, shellac, 0.2, engine.CutOptions{}) }, nil},
		{"Cyrillic title", func() *engine.Disc { return testDisc(t, titled, 0.1, engine.CutOptions{}) }, nil},
		{"78 rpm default", func() *engine.Disc { return testDisc(t, engine.DefaultParams(), 0.2, engine.CutOptions{}) }, nil},
		{"variable pitch", func() *engine.Disc { return testDisc(t, variable, 1.5, engine.CutOptions{}) }, []string{"steel"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.disc()
			for _, p := range tt.plays {
				play(t, d, p)
			}
			data := encode(t, d)
			got, err := Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.State(), d.State()) {
				t.Fatal("decoded disc differs from the encoded one")
			}
			if again := encode(t, got); !bytes.Equal(again, data) {
				t.Error("re-encoding the decoded disc gives different bytes")
			}
			// The spiral is derived from the groove on load, never stored:
			// it must come back to the bit.
			for i := 0; i < d.Len(); i += 61 {
				if got.RadiusMM(i) != d.RadiusMM(i) || got.PitchAtMM(i) != d.PitchAtMM(i) {
					t.Fatalf("sample %d: radius %v, pitch %v after decoding, %v, %v before",
						i, got.RadiusMM(i), got.PitchAtMM(i), d.RadiusMM(i), d.PitchAtMM(i))
				}
			}
			t.Logf("%d groove samples, %d plays: %d bytes", len(d.State().Groove), d.Plays(), len(data))
		})
	}
}

// Every field of the engine's snapshot must be stored: a new field means a
// new format version (and a reader for the old one).
func TestFormatCoversEngineState(t *testing.T) {
	tests := []struct {
		v      any
		fields int
	}{
		{engine.DiscState{}, 11},
		{engine.Params{}, 12},
		{engine.CutInfo{}, 5},
		{engine.Mark{}, 5},
		{engine.PlayRecord{}, 12},
	}
	for _, tt := range tests {
		if n := reflect.TypeOf(tt.v).NumField(); n != tt.fields {
			t.Errorf("%T has %d fields; bonefile v%d stores %d: extend the format", tt.v, n, Version, tt.fields)
		}
	}
}

// Any single damaged byte anywhere is reported, never decoded into a disc.
func TestEveryByteFlipIsDetected(t *testing.T) {
	data := encode(t, testDisc(t, fastParams(), 0.05, engine.CutOptions{}))
	step := 1
	if testing.Short() || runtime.GOARCH == "wasm" {
		step = 7
	}
	for i := 0; i < len(data); i += step {
		for _, mask := range []byte{0x01, 0x80, 0xFF} {
			bad := bytes.Clone(data)
			bad[i] ^= mask
			if _, err := Decode(bytes.NewReader(bad)); err == nil {
				t.Fatalf("flip 0x%02x at byte %d of %d went undetected", mask, i, len(data))
			}
		}
	}
	for n := 0; n < len(data); n += step {
		if _, err := Decode(bytes.NewReader(data[:n])); err == nil {
			t.Fatalf("file cut to %d of %d bytes was accepted", n, len(data))
		}
	}
	t.Logf("%d-byte file: every flip and truncation rejected", len(data))
}

// frame wraps a raw payload in a valid header, so tests can reach the
// payload parser with hostile content.
func frame(version uint16, payload []byte, declaredLen uint32) []byte {
	var compressed bytes.Buffer
	zw, _ := flate.NewWriter(&compressed, flate.BestSpeed)
	zw.Write(payload)
	zw.Close()
	h := []byte(magic)
	h = binary.LittleEndian.AppendUint16(h, version)
	h = binary.LittleEndian.AppendUint16(h, 0)
	h = binary.LittleEndian.AppendUint32(h, uint32(compressed.Len()))
	h = binary.LittleEndian.AppendUint32(h, declaredLen)
	h = binary.LittleEndian.AppendUint32(h, checksum(h, compressed.Bytes()))
	return append(h, compressed.Bytes()...)
}

// validPayload is the current version's payload of a small disc.
func validPayload(t testing.TB) []byte {
	p, err := encodePayload(testDisc(t, fastParams(), 0.05, engine.CutOptions{}).State())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHostileFiles(t *testing.T) {
	payload := validPayload(t)
	good := frame(Version, payload, uint32(len(payload)))
	withHeader := func(edit func(h []byte)) []byte {
		b := bytes.Clone(good)
		edit(b)
		return b
	}
	// offset of the groove count: params (7 f64 + u8 + str + u64 + str),
	// cut (u8 + 3 f64 + u8), u32, f64
	params := 7*8 + 1 + 2 + len("chest") + 8 + 2
	grooveCount := params + 1 + 3*8 + 1 + 4 + 8
	setU32 := func(at int, v uint32) []byte {
		p := bytes.Clone(payload)
		binary.LittleEndian.PutUint32(p[at:], v)
		return frame(Version, p, uint32(len(p)))
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotBone},
		{"a PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"), ErrNotBone},
		{"magic only", []byte("BONE"), ErrDamaged},
		{"version 0", withHeader(func(h []byte) { h[4] = 0 }), ErrDamaged},
		{"version from the future", withHeader(func(h []byte) { h[4] = 9 }), ErrTooNew},
		{"unknown flag", withHeader(func(h []byte) { h[6] = 2 }), ErrTooNew},
		{"compressed length 4 GB", withHeader(func(h []byte) { binary.LittleEndian.PutUint32(h[8:], math.MaxUint32) }), ErrDamaged},
		{"payload length 4 GB", withHeader(func(h []byte) { binary.LittleEndian.PutUint32(h[12:], math.MaxUint32) }), ErrDamaged},
		{"compressed length 150 MB, 1 KB present", withHeader(func(h []byte) { binary.LittleEndian.PutUint32(h[8:], 150<<20) }), ErrDamaged},
		{"trailing byte", append(bytes.Clone(good), 0), ErrDamaged},
		{"payload longer than declared", frame(Version, payload, uint32(len(payload)-1)), ErrDamaged},
		{"payload shorter than declared", frame(Version, payload, uint32(len(payload)+1)), ErrDamaged},
		{"groove count 4 G", setU32(grooveCount, math.MaxUint32), ErrDamaged},
		{"groove count one short", setU32(grooveCount, binary.LittleEndian.Uint32(payload[grooveCount:])-1), ErrDamaged},
		{"programme length 4 G", setU32(grooveCount-12, math.MaxUint32), ErrDamaged},
		{"extra payload byte", frame(Version, append(bytes.Clone(payload), 0), uint32(len(payload)+1)), ErrDamaged},
		{"title length 64 K", func() []byte {
			p := bytes.Clone(payload)
			binary.LittleEndian.PutUint16(p[params-2:], math.MaxUint16)
			return frame(Version, p, uint32(len(p)))
		}(), ErrDamaged},
		{"NaN diameter", func() []byte {
			p := bytes.Clone(payload)
			binary.LittleEndian.PutUint64(p, math.Float64bits(math.NaN()))
			return frame(Version, p, uint32(len(p)))
		}(), ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Decode(bytes.NewReader(tt.data))
			runtime.ReadMemStats(&after)
			t.Log(err)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
				t.Errorf("decoding allocated %d MB", grew>>20)
			}
		})
	}
}

// The tail counts (wear cells, marks, plays) are capped before allocation.
func TestHostileCounts(t *testing.T) {
	payload := validPayload(t)
	s, err := decodePayload(Version, payload)
	if err != nil {
		t.Fatal(err)
	}
	// The marks count follows the wear cells; the plays count is last.
	marksAt := len(payload) - 4 - len(s.Marks)*markBytes - 4
	playsAt := len(payload) - 4
	for _, at := range []int{marksAt, playsAt} {
		for _, v := range []uint32{math.MaxUint32, maxMarks + 1, 1000} {
			p := bytes.Clone(payload)
			binary.LittleEndian.PutUint32(p[at:], v)
			if _, err := decodePayload(Version, p); err == nil {
				t.Errorf("count %d at byte %d accepted", v, at)
			}
		}
	}
}

func TestEncodeRefusesNil(t *testing.T) {
	if err := Encode(&bytes.Buffer{}, nil); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}

// musicDisc cuts three minutes of the synthesised boogie: real music
// compresses unlike test noise.
func musicDisc(b *testing.B) *engine.Disc {
	music, err := synth.Tune("boogie", engine.EngineRate, 180, 1)
	if err != nil {
		b.Fatal(err)
	}
	d, err := engine.Cut([][]float32{music}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func BenchmarkEncode3Minutes(b *testing.B) {
	d := musicDisc(b)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Encode(&buf, d); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1e6, "file-MB")
}

func BenchmarkDecode3Minutes(b *testing.B) {
	data := encode(b, musicDisc(b))
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/1e6, "file-MB")
}

// seedFile reads a fuzz seed file of FuzzDecode.
func seedFile(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzDecode", name))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(raw), "\n", 3)
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "[]byte(") {
		t.Fatalf("%s is not a fuzz seed file", name)
	}
	data, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Files of the older version still open: version 1 (written before plays
// kept the needle's wear) with its history, its plays unaged with fresh
// needles, at a constant pitch.
func TestReadsOldVersions(t *testing.T) {
	for _, name := range []string{"v1_played_disc", "v1_fresh_disc"} {
		data := seedFile(t, name)
		if v := binary.LittleEndian.Uint16([]byte(data)[4:]); v != 1 {
			t.Fatalf("%s is a version %d file, want 1", name, v)
		}
		d, err := Decode(strings.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.Params.VariablePitch || d.MinPitchMM() != d.Params.PitchMM() {
			t.Errorf("%s: variable pitch %v, closest turns %.4f mm", name, d.Params.VariablePitch, d.MinPitchMM())
		}
		if name == "v1_played_disc" {
			h := d.History()
			if len(h) != 1 || h[0].Aged || h[0].NeedleUM != 0 || h[0].Pickup != "crystal" {
				t.Errorf("version 1 history: %+v", h)
			}
		}
	}
}

// A variable-pitch disc says so in the header's flags, so a constant-pitch
// disc's file is byte for byte what older builds write and read, and they
// refuse a variable-pitch one as too new.
func TestVariablePitchIsAHeaderFlag(t *testing.T) {
	vp := fastParams()
	vp.VariablePitch = true
	data := encode(t, testDisc(t, vp, 0.3, engine.CutOptions{}))
	if f := binary.LittleEndian.Uint16(data[6:]); f != flagVariablePitch {
		t.Errorf("flags %#x, want %#x", f, flagVariablePitch)
	}
	if f := binary.LittleEndian.Uint16(encode(t, testDisc(t, fastParams(), 0.3, engine.CutOptions{}))[6:]); f != 0 {
		t.Errorf("a constant-pitch disc has flags %#x, want 0", f)
	}
}
