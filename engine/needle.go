package engine

import "math"

// A steel gramophone needle is softer than the abrasive it plays against
// and wears within one side: Archard's law again, with the disc's
// abrasiveness k_n and the needle's hardness, V = k_n·F·L/H_n. The volume
// worn off a sphere of radius R is a cap, V ≈ π·c⁴/(4R), so the flat's
// radius grows as c = (4R·V/π)^¼: fast at first, then slower. The flat
// widens the footprint that averages the wall (a duller sound), and the
// load rides on its edges, which scrape like a chisel (edgeUM): the wear
// grows with the flat. A needle used again
// starts the next play with its flat: worn edges that fit no groove, so a
// reused needle wears the record far faster (docs/physics.md, "The steel
// needle"). Jewel tips (sapphire, diamond) do not wear in a record's life.
const (
	edgeUM   = 30 // flat radius that doubles the wear by the chisel's edges (tuned)
	misfitUM = 10 // a carried-over flat that doubles it again: its edges meet the new groove askew (tuned)
)

type needle struct {
	r, fN, k, hard float64 // tip radius m, load N, disc abrasiveness, needle hardness Pa
	slidM          float64 // sliding length that made the flat, m
	misfit         float64 // wear factor of a flat worn in an earlier play
}

// newNeedle is the pickup's needle on this disc, fresh or (startFlatUM > 0)
// carrying a flat from earlier plays.
func newNeedle(d *Disc, pk Pickup, startFlatUM float64) needle {
	n := needle{r: pk.TipRadiusUM * 1e-6, fN: 0.7071 * pk.ForceGrams * 1e-3 * 9.81,
		k: d.Params.Material.props().needleK, hard: pk.NeedleHardnessMPa * 1e6, misfit: 1}
	if !n.wears() || !(startFlatUM > 0) {
		return n
	}
	c := startFlatUM * 1e-6
	v := math.Pi * c * c * c * c / (4 * n.r)
	n.slidM = v * n.hard / (n.k * n.fN)
	n.misfit = 1 + startFlatUM/misfitUM
	return n
}

func (n *needle) wears() bool { return n.hard > 0 && n.k > 0 && n.fN > 0 && n.r > 0 }

// slide adds a sliding length, m.
func (n *needle) slide(m float64) {
	if n.wears() {
		n.slidM += m
	}
}

// flatM is the radius of the worn flat, m.
func (n *needle) flatM() float64 {
	if !n.wears() || n.slidM <= 0 {
		return 0
	}
	v := n.k * n.fN * n.slidM / n.hard
	return math.Sqrt(math.Sqrt(4 * n.r * v / math.Pi))
}

// edge is the wear factor of the chisel's edges now.
func (n *needle) edge() float64 { return n.misfit * (1 + n.flatM()*1e6/edgeUM) }
