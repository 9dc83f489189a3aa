package engine

import (
	"fmt"
	"math"
	"strings"
)

// Response is how a pickup turns stylus motion into sound.
type Response uint8

const (
	ResponseIdeal    Response = iota // displacement → exact inverse cutting curve (laboratory reference)
	ResponseAcoustic                 // soundbox + horn: velocity, band-passed by the mechanism
	ResponseCrystal                  // piezo crystal: displacement (amplitude-responsive), no EQ
	ResponseMagnetic                 // moving magnet/coil: velocity, then the inverse cutting curve
)

// Pickup is a record player: stylus, arm and the mechanism behind it.
type Pickup struct {
	Name        string
	ForceGrams  float64  // tracking force
	TipRadiusUM float64  // spherical tip radius; 0 = point stylus
	TipMassMG   float64  // effective tip mass: the lateral inertia the walls must push
	Abrasion    float64  // tip surface factor on the disc's wear: 1 for polished sapphire and a fresh steel point
	Response    Response // transduction
	PinchLeak   float64  // fraction of vertical (pinch) motion that reaches the output
	RumbleUM    float64  // turntable rumble amplitude at the stylus, µm
	// NeedleHardnessMPa is a steel needle's hardness (it wears during the
	// play, needle.go); 0 for a jewel tip, which does not.
	NeedleHardnessMPa float64
}

// Pickups of the three eras (docs/physics.md). Masses are typical of each kind:
// an acoustic soundbox's needle and lever are heavy, a 1950s crystal
// cartridge light, a modern magnetic one lighter still.
var Pickups = []Pickup{
	{Name: "steel", ForceGrams: 120, TipRadiusUM: 63, TipMassMG: 60, Abrasion: 1,
		Response: ResponseAcoustic, PinchLeak: 0.15, RumbleUM: 0.4, NeedleHardnessMPa: 6000},
	{Name: "crystal", ForceGrams: 28, TipRadiusUM: 63, TipMassMG: 15, Abrasion: 1,
		Response: ResponseCrystal, PinchLeak: 0.08, RumbleUM: 0.25},
	{Name: "magnetic", ForceGrams: 5, TipRadiusUM: 63, TipMassMG: 2, Abrasion: 1,
		Response: ResponseMagnetic, PinchLeak: 0.03, RumbleUM: 0.03},
}

// IdealPickup is a weightless point stylus with the exact inverse cutting
// curve: the laboratory reference the calibration nulls against.
func IdealPickup() Pickup { return Pickup{Name: "ideal", Response: ResponseIdeal} }

// PickupByName finds a pickup by name (case-insensitive; "ideal" too).
func PickupByName(name string) (Pickup, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, p := range Pickups {
		if p.Name == n {
			return p, nil
		}
	}
	if n == "ideal" {
		return IdealPickup(), nil
	}
	return Pickup{}, fmt.Errorf("unknown pickup %q: use steel, crystal or magnetic", name)
}

func (p Pickup) validate() error {
	bad := func(v, lo, hi float64) bool { return !(v >= lo && v <= hi) }
	switch {
	case bad(p.ForceGrams, 0, 300):
		return fmt.Errorf("tracking force %.1f g is outside 0–300 g", p.ForceGrams)
	case bad(p.TipRadiusUM, 0, 150):
		return fmt.Errorf("tip radius %.1f µm is outside 0–150 µm", p.TipRadiusUM)
	case bad(p.TipMassMG, 0, 1000), bad(p.Abrasion, 0, 100), bad(p.PinchLeak, 0, 1), bad(p.RumbleUM, 0, 10),
		bad(p.NeedleHardnessMPa, 0, 20000):
		return fmt.Errorf("pickup %q has an out-of-range parameter", p.Name)
	case p.Response > ResponseMagnetic:
		return fmt.Errorf("pickup %q has unknown response %d", p.Name, p.Response)
	}
	return nil
}

// contactUM is the contact half-length of the tip pressed into one smooth
// wall (contactOn) by the normal force on one 45° wall, F_track/(2·cos 45°)
// ≈ 0.71·F_track, with the disc's stiffness (steel and sapphire are ~100×
// stiffer). Every shipped pickup overloads film (mean Hertz pressure 460,
// 283 and 160 MPa against 120 MPa), so on film the contact is plastic. The
// stylus feels each wall averaged over ±a.
func (p Pickup) contactUM(m Material) float64 {
	if p.ForceGrams <= 0 || p.TipRadiusUM <= 0 {
		return 0
	}
	mp := m.props()
	fN := 0.7071 * p.ForceGrams * 1e-3 * 9.81
	a, _ := contactOn(fN, p.TipRadiusUM*1e-6, mp.contactModulusPa(), mp.hardnessMPa*1e6, 0)
	return a * 1e6
}

// pickupChain builds the playback filter from stylus displacement (µm) to
// output, normalised so a reference-level 1 kHz cut plays at about −6 dBFS.
// Velocity pickups differentiate with a pole-free bilinear differentiator
// merged into the first section.
func pickupChain(p Pickup, ci CutInfo) chain {
	_, inv, scaleUM := cutCurve(ci)
	var c chain
	velocity := false
	switch p.Response {
	case ResponseIdeal:
		c = chain{inv}
	case ResponseMagnetic:
		// velocity then the preamp's inverse curve = displacement·(1/D) with
		// a 20 Hz rumble filter; the cartridge resonance sits near 14 kHz.
		c = chain{inv, highpass1(20), peaking(14000, 1.2, 3), lowpass2(16000, 0.7)}
	case ResponseCrystal:
		// amplitude-responsive: output ∝ displacement, so a constant-velocity
		// cut plays with falling treble, partly lifted by the element's
		// resonance near 3 kHz; bass rolls off with the load, top above 5 kHz.
		c = chain{highpass2(50, 0.7), peaking(3000, 1.5, 6), lowpass2(5500, 0.8)}
	default: // acoustic
		// soundbox diaphragm velocity through a horn: horn cutoff ~200 Hz,
		// diaphragm/soundbox resonances ~1 and ~2.5 kHz, nothing above ~4 kHz
		// (typical of 1920s–30s portable gramophones).
		velocity = true
		c = chain{highpass2(200, 0.8), peaking(1000, 1.2, 4), peaking(2500, 2, 6), lowpass2(4000, 0.9)}
	}
	if velocity {
		// differentiator s → 2fs(1−z⁻¹)/(1+z⁻¹) is unstable as an IIR; use
		// the first difference (exact at low f, −3.9 dB at 10 kHz: inside the
		// horn's own roll-off).
		c = append(chain{{b0: EngineRate, b1: -EngineRate}}, c...)
	}
	// Normalise: the ideal pickup returns the input exactly (at LevelDB 0);
	// the others play a reference-level 1 kHz cut at 0.5 peak.
	fwd, _, _ := cutCurve(ci)
	k := 1 / scaleUM
	if p.Response != ResponseIdeal {
		k = 0.5 / (cmplxAbs(fwd.response(1000)) * scaleUM * cmplxAbs(c.response(1000)))
	}
	c[len(c)-1].b0 *= k
	c[len(c)-1].b1 *= k
	c[len(c)-1].b2 *= k
	return c
}

func cmplxAbs(z complex128) float64 { return math.Hypot(real(z), imag(z)) }
