package engine

// materialProps are the mechanical numbers of a disc material.
//
// Shellac and vinyl values follow handbook figures for the compounds. The
// film numbers are for cellulose acetate film base; no wear measurement of a
// bone record is published, so wearK for film is TUNED to the historical
// accounts quoted in docs/physics.md ("a handful" of steel-needle plays, "30 to
// 40" with an electric pickup — Stephen Coates), not measured.
type materialProps struct {
	depthUM     float64 // groove depth; a 90° cutter makes the top width twice this
	modulusGPa  float64 // Young's modulus E (Hertz contact)
	poisson     float64
	hardnessMPa float64 // indentation hardness H (Archard)
	wearK       float64 // Archard wear coefficient for a polished sapphire tip
	grainUM     float64 // rms wall roughness of a fresh groove (hiss)
	roughGain   float64 // roughness added per µm of wall removed
	needleK     float64 // Archard coefficient of a steel needle against it (abrasiveness)
	tearUM      float64 // wall loss at which tearing doubles the roughening; 0 = wears smooth
}

func (m Material) props() materialProps {
	switch m {
	case MaterialShellac:
		// Shellac compound: shellac binder with mineral filler, stiff and hard;
		// the filler makes it noisy. GOST 5289-61 calibrates its wear.
		return materialProps{depthUM: 75, modulusGPa: 6, poisson: 0.3, hardnessMPa: 350,
			wearK: 2.8e-4, grainUM: 0.06, roughGain: 0.001, needleK: 1e-4}
	case MaterialVinyl:
		// PVC/PVA copolymer: tough, plasticised, quiet.
		return materialProps{depthUM: 70, modulusGPa: 3.2, poisson: 0.38, hardnessMPa: 150,
			wearK: 2.0e-6, grainUM: 0.01, roughGain: 0.01, needleK: 1e-6}
	}
	// Cellulose acetate X-ray film, grooves cut shallow into a 0.2 mm base.
	return materialProps{depthUM: 60, modulusGPa: 2.5, poisson: 0.35, hardnessMPa: 120,
		wearK: 3.2e-3, grainUM: 0.03, roughGain: 0.008, needleK: 1e-5, tearUM: 6}
}

// contactModulusPa is the disc's contact modulus E* = E/(1−ν²): steel and
// sapphire tips are ~100× stiffer, so the disc alone sets it.
func (m materialProps) contactModulusPa() float64 {
	return m.modulusGPa * 1e9 / (1 - m.poisson*m.poisson)
}
