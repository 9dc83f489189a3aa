package render

import "testing"

func benchFilm(b *testing.B, name string) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Film(name, 1, 1024); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFilmChest1024(b *testing.B)  { benchFilm(b, "chest") }
func BenchmarkFilmSkull1024(b *testing.B)  { benchFilm(b, "skull") }
func BenchmarkFilmHands1024(b *testing.B)  { benchFilm(b, "hands") }
func BenchmarkFilmSpine1024(b *testing.B)  { benchFilm(b, "spine") }
func BenchmarkFilmPelvis1024(b *testing.B) { benchFilm(b, "pelvis") }
func BenchmarkFilmKnee1024(b *testing.B)   { benchFilm(b, "knee") }

// BenchmarkDiscBase1024 is the budget the game cares about: film and disc
// base image (cut, hole) for a 1024 px disc, nothing cached (< 300 ms).
func BenchmarkDiscBase1024(b *testing.B) {
	p := testDisc(b).Params
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Blank(p, 1024); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDisc1024Cached is a redraw after a play: surface cached,
// grooves, wear and marks redone.
func BenchmarkDisc1024Cached(b *testing.B) {
	d := testDisc(b)
	var c Cache
	if _, err := c.Disc(d, 1024); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Disc(d, 1024); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDisc1024(b *testing.B) {
	d := testDisc(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Disc(d, 1024); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMicroscope800x400(b *testing.B) {
	d := testDisc(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Microscope(d, d.ProgrammeStart()+44100, 2, 800, 400); err != nil {
			b.Fatal(err)
		}
	}
}
