package bonefile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"bonemusic/engine"
)

// FuzzDecode: no input may panic Decode, and whatever it accepts must
// re-encode and decode to the same disc. Seeds live in
// testdata/fuzz/FuzzDecode and run with every `go test`.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, d); err != nil {
			t.Fatalf("accepted disc does not re-encode: %v", err)
		}
		if _, err := Decode(&buf); err != nil {
			t.Fatalf("re-encoded disc does not decode: %v", err)
		}
	})
}

// FuzzDecodePayload goes past the checksum, which random mutations almost
// never satisfy, straight to the payload parser and the engine's Restore.
func FuzzDecodePayload(f *testing.F) {
	f.Fuzz(func(t *testing.T, payload []byte) {
		s, err := decodePayload(Version, payload)
		if err != nil {
			return
		}
		engine.Restore(s) // must not panic; errors are fine
	})
}

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("BONEMUSIC_WRITE_SEEDS") == "" {
		t.Skip("set BONEMUSIC_WRITE_SEEDS=1 to regenerate testdata/fuzz")
	}
	// One played disc keeps a history and worn cells in the corpus; the
	// variants start from a fresh disc, which compresses to a quarter.
	played := testDisc(t, fastParams(), 0.01, engine.CutOptions{})
	play(t, played, "crystal")
	d := testDisc(t, fastParams(), 0.01, engine.CutOptions{})
	valid := encode(t, d)
	vp := fastParams()
	vp.VariablePitch = true
	payload, err := encodePayload(d.State())
	if err != nil {
		t.Fatal(err)
	}
	badSum := bytes.Clone(valid)
	badSum[16] ^= 0x55
	hugeLengths := bytes.Clone(valid[:headerSize])
	binary.LittleEndian.PutUint32(hugeLengths[8:], math.MaxUint32)
	binary.LittleEndian.PutUint32(hugeLengths[12:], math.MaxUint32)
	hugeGroove := bytes.Clone(payload)
	binary.LittleEndian.PutUint32(hugeGroove[7*8+1+2+5+8+2+1+3*8+1+4+8:], math.MaxUint32)
	seeds := map[string]map[string][]byte{
		"FuzzDecode": {
			"valid_played_disc":         encode(t, played),
			"valid_fresh_disc":          valid,
			"valid_variable_pitch_disc": encode(t, testDisc(t, vp, 0.3, engine.CutOptions{})),
			"truncated":                 valid[:len(valid)/2],
			"header_only":               valid[:headerSize],
			"bad_checksum":              badSum,
			"huge_lengths":              hugeLengths,
			"huge_groove_count":         frame(Version, hugeGroove, uint32(len(hugeGroove))),
			"future_version":            frame(7, nil, 0),
			"not_a_disc":                []byte("RIFF\x24\x00\x00\x00WAVEfmt "),
			"payload_too_long":          frame(Version, payload, uint32(len(payload)-3)),
		},
		// A whole payload is ~300 KB raw; its head (parameters, cut, the
		// groove's start) is where the parser's decisions are.
		"FuzzDecodePayload": {
			"head":              payload[:1024],
			"huge_groove_count": hugeGroove[:1024],
		},
	}
	for target, files := range seeds {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
