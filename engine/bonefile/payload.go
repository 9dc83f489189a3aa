package bonefile

import (
	"fmt"
	"math"
	"runtime"

	"bonemusic/engine"
)

// Payload, versions 1 and 2, in order (strings are a u16 byte count then UTF-8;
// counts are u32; f64/f32 are IEEE 754; every count is checked against its
// cap and the bytes left before anything is allocated):
//
//	params    f64 DiameterMM, RPM, LPI, StartRadiusMM, EndRadiusMM,
//	          EccentricityMM, EccentricityRad; u8 Material; str Film (≤ 32);
//	          u64 Seed; str Title (≤ 512)
//	cut       u8 Characteristic; f64 TurnoverHz, CutterHz, LevelDB; u8 Hot
//	geometry  u32 ProgrammeLen; f64 LateralScaleUM; count n; groove: n int16
//	          samples as order-2 prediction residuals g[i] − (2g[i−1] − g[i−2])
//	          (mod 2^16, g[−1] = g[−2] = 0), in blocks of 4096 with each
//	          block's low bytes before its high bytes (deflate finds far more
//	          repetition in the planes than in interleaved words)
//	wear      count cells; cells × f32 SmoothUM2, then WallUM, then RoughUM
//	marks     count; each u8 Kind, f64 RadiusMM, AngleRad, LengthMM, DepthUM
//	history   count; each str Pickup (≤ 32); f64 RPM, ForceGrams; u64
//	          SamplesTraced; f64 Seconds; u32 Skips; f64 FidelityDB; u32
//	          Frames; f64 SignalRMS, ResidualRMS; (v2) f64 NeedleUM, u8 Aged
//
// Nothing may follow the history.

const (
	maxNameBytes  = 32
	maxTitleBytes = 512
	maxMarks      = 1 << 16 // dust, scratches, skips: thousands on a ruined disc
	maxPlays      = 1 << 20 // far past any disc's life; a kiosk plays ~500 a day
	planeBlock    = 4096
	markBytes     = 1 + 4*8
	playMinBytes  = 2 + 2*8 + 8 + 8 + 4 + 8 + 4 + 2*8 // v1; v2 adds 9
)

// frameTurns bounds the turns outside the programme: the engine's lead-in,
// run-out and locked groove take 5 today; the slack keeps old files
// readable if that grows (Restore checks the exact count).
const frameTurns = 8

// maxProgrammeSamples is the longest programme p's spiral can hold: the
// turns between the start and end radius at this pitch, each SamplesPerRev
// long, and never more than MaxProgrammeSeconds.
func maxProgrammeSamples(p engine.Params) int {
	turns := (p.StartRadiusMM - p.EndRadiusMM) / p.PitchMM()
	return min(int(turns*float64(p.SamplesPerRev()))+1, MaxProgrammeSeconds*engine.EngineRate)
}

// maxGrooveSamples is the longest groove the format admits for p.
func maxGrooveSamples(p engine.Params, programme int) int {
	return frameTurns*p.SamplesPerRev() + programme
}

// encodePayload writes the current version's payload.
func encodePayload(s engine.DiscState) ([]byte, error) {
	w := &writer{buf: make([]byte, 0, 256+2*len(s.Groove)+12*len(s.WallUM)+48*len(s.History))}
	p := s.Params
	for _, v := range []float64{p.DiameterMM, p.RPM, p.LPI, p.StartRadiusMM, p.EndRadiusMM, p.EccentricityMM, p.EccentricityRad} {
		w.f64(v)
	}
	w.u8(uint8(p.Material))
	if err := w.str(p.Film, maxNameBytes, "the film name"); err != nil {
		return nil, err
	}
	w.u64(p.Seed)
	if err := w.str(p.Title, maxTitleBytes, "the title"); err != nil {
		return nil, err
	}

	c := s.Cut
	w.u8(uint8(c.Characteristic))
	w.f64(c.TurnoverHz)
	w.f64(c.CutterHz)
	w.f64(c.LevelDB)
	w.boolean(c.Hot)

	if s.ProgrammeLen > maxProgrammeSamples(p) || len(s.Groove) > maxGrooveSamples(p, s.ProgrammeLen) {
		return nil, fmt.Errorf("the groove is longer than this disc (or %d minutes) holds", MaxProgrammeSeconds/60)
	}
	w.u32(uint32(s.ProgrammeLen))
	w.f64(s.LateralScaleUM)
	w.u32(uint32(len(s.Groove)))
	writeGroove(w, s.Groove)

	if len(s.SmoothUM2) != len(s.WallUM) || len(s.WallUM) != len(s.RoughUM) {
		return nil, fmt.Errorf("wear arrays differ in length")
	}
	w.u32(uint32(len(s.WallUM)))
	w.f32s(s.SmoothUM2)
	w.f32s(s.WallUM)
	w.f32s(s.RoughUM)

	if len(s.Marks) > maxMarks || len(s.History) > maxPlays {
		return nil, fmt.Errorf("%d marks and %d plays are more than a disc file holds", len(s.Marks), len(s.History))
	}
	w.u32(uint32(len(s.Marks)))
	for _, m := range s.Marks {
		w.u8(uint8(m.Kind))
		w.f64(m.RadiusMM)
		w.f64(m.AngleRad)
		w.f64(m.LengthMM)
		w.f64(m.DepthUM)
	}
	w.u32(uint32(len(s.History)))
	for _, h := range s.History {
		if err := w.str(h.Pickup, maxNameBytes, "a pickup name"); err != nil {
			return nil, err
		}
		w.f64(h.RPM)
		w.f64(h.ForceGrams)
		w.u64(uint64(h.SamplesTraced))
		w.f64(h.Seconds)
		w.u32(uint32(h.Skips))
		w.f64(h.FidelityDB)
		w.u32(uint32(h.Frames))
		w.f64(h.SignalRMS)
		w.f64(h.ResidualRMS)
		w.f64(h.NeedleUM)
		w.boolean(h.Aged)
	}
	if len(w.buf) > MaxPayloadBytes {
		return nil, fmt.Errorf("the disc needs %d MB, more than a disc file holds", len(w.buf)>>20)
	}
	return w.buf, nil
}

// writeGroove stores each sample as its error against the straight line
// through the two before it (a fixed order-2 predictor, as in FLAC), in
// uint16 arithmetic so it inverts exactly. The groove is oversampled audio:
// the errors are small, and deflate packs them 20 % tighter than first
// differences.
func writeGroove(w *writer, groove []int16) {
	var prev1, prev2 uint16
	residuals := make([]uint16, planeBlock)
	for start := 0; start < len(groove); start += planeBlock {
		block := groove[start:min(start+planeBlock, len(groove))]
		for i, g := range block {
			residuals[i] = uint16(g) - (2*prev1 - prev2)
			prev2, prev1 = prev1, uint16(g)
		}
		for _, r := range residuals[:len(block)] {
			w.u8(uint8(r))
		}
		for _, r := range residuals[:len(block)] {
			w.u8(uint8(r >> 8))
		}
		if start%(64*planeBlock) == 0 {
			runtime.Gosched() // see yieldEvery
		}
	}
}

func readGroove(r *reader, n int) []int16 {
	b := r.take(2 * n) // count() has already checked the bytes are there
	if b == nil {
		return nil
	}
	groove := make([]int16, n)
	var prev1, prev2 uint16
	for start := 0; start < n; start += planeBlock {
		size := min(planeBlock, n-start)
		lo, hi := b[2*start:2*start+size], b[2*start+size:2*start+2*size]
		for i := range size {
			g := uint16(lo[i]) | uint16(hi[i])<<8 + (2*prev1 - prev2)
			groove[start+i] = int16(g)
			prev2, prev1 = prev1, g
		}
		if start%(64*planeBlock) == 0 {
			runtime.Gosched() // see yieldEvery
		}
	}
	return groove
}

// decodePayload reads a version 1 or 2 payload.
func decodePayload(version uint16, payload []byte) (engine.DiscState, error) {
	if version < 1 || version > Version {
		return engine.DiscState{}, fmt.Errorf("format version %d has no reader", version)
	}
	r := &reader{buf: payload}
	s := engine.DiscState{Version: engine.StateVersion}
	p := &s.Params
	for _, v := range []*float64{&p.DiameterMM, &p.RPM, &p.LPI, &p.StartRadiusMM, &p.EndRadiusMM, &p.EccentricityMM, &p.EccentricityRad} {
		*v = r.f64()
	}
	p.Material = engine.Material(r.u8())
	p.Film = r.str(maxNameBytes, "the film name")
	p.Seed = r.u64()
	p.Title = r.str(maxTitleBytes, "the title")
	if r.err != nil {
		return s, r.err
	}
	// Validate before SamplesPerRev: the groove cap depends on the speed.
	if err := p.Validate(); err != nil {
		return s, err
	}

	s.Cut.Characteristic = engine.Characteristic(r.u8())
	s.Cut.TurnoverHz = r.f64()
	s.Cut.CutterHz = r.f64()
	s.Cut.LevelDB = r.f64()
	s.Cut.Hot = r.boolean()

	progLen := int64(r.u32())
	if maxProg := maxProgrammeSamples(*p); progLen > int64(maxProg) {
		r.fail("a programme of %d samples is longer than the %d this disc holds", progLen, maxProg)
	}
	s.ProgrammeLen = int(progLen)
	s.LateralScaleUM = r.f64()
	grooveLen := r.count(maxGrooveSamples(*p, s.ProgrammeLen), 2, "groove samples")
	s.Groove = readGroove(r, grooveLen)

	cells := r.count(grooveLen/engine.BlockSize+1, 12, "wear cells")
	s.SmoothUM2 = r.f32s(cells)
	s.WallUM = r.f32s(cells)
	s.RoughUM = r.f32s(cells)

	marks := r.count(maxMarks, markBytes, "marks")
	for range marks {
		s.Marks = append(s.Marks, engine.Mark{
			Kind: engine.MarkKind(r.u8()), RadiusMM: r.f64(), AngleRad: r.f64(), LengthMM: r.f64(), DepthUM: r.f64(),
		})
	}
	playBytes := playMinBytes
	if version >= 2 {
		playBytes += 9
	}
	plays := r.count(maxPlays, playBytes, "plays")
	for range plays {
		h := engine.PlayRecord{Pickup: r.str(maxNameBytes, "a pickup name")}
		h.RPM = r.f64()
		h.ForceGrams = r.f64()
		traced := r.u64()
		if traced > math.MaxInt64 {
			r.fail("a play traced %d samples", traced)
		}
		h.SamplesTraced = int64(traced)
		h.Seconds = r.f64()
		h.Skips = int(r.u32())
		h.FidelityDB = r.f64()
		h.Frames = int(r.u32())
		h.SignalRMS = r.f64()
		h.ResidualRMS = r.f64()
		if version >= 2 {
			h.NeedleUM = r.f64()
			h.Aged = r.boolean()
		}
		s.History = append(s.History, h)
	}
	if r.err == nil && len(r.buf) > 0 {
		r.fail("%d unexpected bytes after the play history", len(r.buf))
	}
	return s, r.err
}
