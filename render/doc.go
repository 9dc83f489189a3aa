// Package render draws everything the visitor looks at that is not Ebiten UI:
// the procedural X-ray films, the cut bone disc, the groove under a
// microscope, visible wear and the teaching charts. It reads engine data and
// never changes it, uses only fogleman/gg, golang.org/x/image and gonum (no
// Ebiten), and is deterministic: the same inputs give the same pixels, so it
// is tested natively and under GOOS=js GOARCH=wasm against golden images.
//
// No photograph or copyrighted picture is used: every radiograph is built
// from simple anatomical shapes (film_*.go) projected the way X-rays are —
// overlapping tissue adds, hollow bones show bright cortical margins — and
// then "developed" through a film characteristic curve.
//
// Entry points:
//
//	Film(name, seed, px)            a whole 35 cm film held up to the light
//	Blank(params, px)               the disc cut from it, not yet grooved
//	Disc(disc, px), DiscPNG(w, …)   the cut disc as it is now (export: 2400 px)
//	Cache                           keeps film+cut per (params, size) for redraws
//	Cache.DiscUnlit + Sheen         for a spinning disc: rotate one, not the other
//	NewGeometry(params, px)         mm ↔ px, groove centre and spindle hole
//	Microscope(disc, i, mm, w, h)   a few mm of groove, as cut and now
//	FidelityChart, SpectrumChart    the teaching charts, "en" or "ru"
//
// Every function returns an error rather than panicking on bad input;
// image sizes are capped at MaxSizePX.
//
// Developer tools (tests that only run with a flag):
//
//	go test ./render -run Golden -update                # rewrite testdata/*.png
//	go test ./render -run TestContactSheet -sheet $PWD/docs/films.png
//	go test ./render -run TestPreview -preview /tmp/out # large previews
package render
