package main

// mutation replaces the text from (which must occur exactly once) with to in
// engine/file: one mechanism of the physics broken.
type mutation struct{ name, file, from, to string }

// mutations are the mechanisms a physics test must notice when they break.
// Keep them to one exact replacement each; TestMutationsMatchTheCode checks
// that every one still finds its text.
var mutations = []mutation{
	// the stylus
	{"tracing: no dilation", "trace.go", "n := min(int(R/h), maxHalf*dilOver)", "n := 0 * min(int(R/h), maxHalf*dilOver)"},
	{"footprint twice as long", "pickup.go", "return a * 1e6", "return 2 * a * 1e6"},
	{"contact never plastic", "wear.go", "if pE > hard {", "if false {"},
	{"no pinch leak", "trace.go", "t.cOut[s] = t.cMid[s] + t.pinchLeak*t.cPin[s]", "t.cOut[s] = t.cMid[s]"},
	// the pickups
	{"all pickups magnetic", "pickup.go", "switch p.Response {", "switch ResponseMagnetic {"},
	{"magnetic without inverse curve", "pickup.go", "c = chain{inv, highpass1(20),", "c = chain{highpass1(20),"},
	{"gramophone without horn", "pickup.go", "c = chain{highpass2(200, 0.8), ", "c = chain{"},
	{"crystal without bass load", "pickup.go", "c = chain{highpass2(50, 0.7), ", "c = chain{"},
	// wear
	{"no wear smoothing", "wear.go", "+2*smoothGain*total*a*1e6", "+0"},
	{"no wall loss", "wear.go", "float64(d.wallUM[b])-total))", "float64(d.wallUM[b])-0))"},
	{"no roughening", "wear.go", "+c.m.roughGain*total*tear", "+0"},
	{"film never tears", "wear.go", "tear += (lost / t) * (lost / t)", "tear += 0 * lost"},
	{"no dynamic load", "wear.go", "F := c.fS + c.mass*accRMS", "F := c.fS + 0*accRMS"},
	{"no local severity", "wear.go", "rel2 := rel * rel", "rel2 := 1 + 0*rel"},
	{"no chatter", "wear.go", "chatter := 1 / (1 - u)", "chatter := 1.0"},
	{"wear ignores smoothing's effect on curvature", "cellstats.go", "att = math.Exp(-0.5 * x * x * s2)", "att = 1 + 0*x"},
	{"film wear ×10", "material.go", "wearK: 3.2e-3,", "wearK: 3.2e-2,"},
	{"film wear ÷10", "material.go", "wearK: 3.2e-3,", "wearK: 3.2e-4,"},
	{"shellac never wears", "material.go", "wearK: 2.8e-4,", "wearK: 0,"},
	{"vinyl wear ×100", "material.go", "wearK: 2.0e-6,", "wearK: 2.0e-4,"},
	{"film depth even", "cut.go", "return 1 + depthWander*v", "return 1"},
	// the steel needle
	{"steel needle never wears", "needle.go", "return n.hard > 0 && n.k > 0 && n.fN > 0 && n.r > 0", "return false"},
	{"reused needle fits", "needle.go", "n.misfit = 1 + startFlatUM/misfitUM", "n.misfit = 1"},
	// failure and noise
	{"no mistracking", "stream.go", "if lim := p.holdLim; math.Abs(a) > lim {", "if lim := p.holdLim; math.Abs(a) > 1e9*lim {"},
	{"never skips", "stream.go", "if math.Abs(thrown) <= float64(d.wallUM[b])-0.7071*p.opt.Pickup.TipRadiusUM {", "if thrown == thrown {"},
	{"walls never lose grip", "wear.go", "return math.Max(0, math.Min(1, (float64(d.wallUM[b])-0.7071*tipUM)/fresh))", "return 1"},
	{"skips cost nothing", "fidelity.go", "sum -= 10", "sum += 35"},
	{"no crackle", "trace.go", "if k.crackle > 0 {", "if false {"},
	{"no wall grain", "trace.go", "if k.grain > 0 {", "if false {"},
	{"no dust or scratches", "trace.go", "l, r = t.ev.apply(j, l, r, d)", "_ = d"},
	{"no wow", "stream.go", "return 1 + ecc/r*math.Cos(th-d.Params.EccentricityRad)", "return 1 + 0*ecc/r*th"},
	{"no rumble", "stream.go", "y += p.rum.next()", "_ = p.rum"},
}
