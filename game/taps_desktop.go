//go:build !js

package game

// tapQueue has nothing to add on the desktop: Ebiten polls the window's
// events every tick, and readInput turns releases into taps.
type tapQueue struct{}

func (tapQueue) platformTaps() bool          { return false }
func (tapQueue) drain(scale float64) []Point { return nil }
