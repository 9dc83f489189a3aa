// Package engine is Bone Music's groove engine: audio becomes physical groove
// geometry in micrometres, a stylus traces that geometry, and every play wears
// it. Pure Go and deterministic: no Ebiten, no syscall/js, seeded or
// position-keyed randomness, the same samples native and in wasm.
//
// Pipeline (one file each):
//
//	cut.go      mono mix, resample (resample.go), cutting characteristic (78 or
//	            RIAA), cutter band limit (linear-phase FIR), level → velocity,
//	            lathe limiter (limiter.go), int16 groove; Hot breaks walls
//	pitch.go    variable pitch: the spiral opens where the groove swings wide
//	trace.go    the stylus: dilation of each wall by a sphere of radius R
//	            (dilate.go: tracing distortion, pinch) + Hertz contact
//	            averaging over ±a (treble and inner-groove loss); wall grain
//	            and defects; ahead.go traces on a second core in bulk plays
//	pickup.go   steel (acoustic, velocity, horn band-pass), crystal (amplitude),
//	            magnetic (velocity + inverse cutting curve), ideal (reference)
//	noise.go    dust and scratches as wall defects, rumble
//	stream.go   Player: a pull stream with wow, variable speed, skips, the
//	            locked groove; Lift applies the wear pass
//	wear.go     wear per cell (cellstats.go): ploughing and Archard wear,
//	            smoothing, wall loss, roughness, tearing; needle.go: the
//	            steel needle wearing flat as it plays; age.go: N plays
//	            without sound
//	fidelity.go segmental SNR after best gain and lag
//	state.go    DiscState snapshot / Restore for the .bone format
//
// Known simplifications:
//   - Wear is kept per 64-sample cell as a Gaussian smoothing variance, a
//     wall height and a roughness, not as a worn copy of the groove (memory);
//     both walls wear alike, and the smoothing is symmetric along the groove.
//   - The stylus is traced in the horizontal plane only: vertical motion is
//     the pinch signal, partly leaked into the output; no tip mass/compliance
//     resonance beyond the pickup filters, no friction heating; only the
//     steel needle wears (a flat that widens its contact); jewel tips
//     (sapphire, diamond) do not wear in a record's life.
//   - Over-cut (Hot) grooves lower the shared wall where they overlap; the
//     stylus does not trace the neighbour's modulation (no groove echo).
//   - Skip direction is a rule (outward throw → repeat, else forward, with
//     skating breaking repeat loops), not a simulation of the arm.
//   - Warp, tone-arm tracking error and the cutter's own distortion are not
//     modelled; the horn and soundbox are a few biquads.
//   - Film numbers (wear coefficient, grain) are tuned to historical accounts
//     ("a handful" of steel plays, "30 to 40" electric plays); no laboratory
//     data on bone records exists. Shellac wear is tuned to GOST 5289-61.
package engine
