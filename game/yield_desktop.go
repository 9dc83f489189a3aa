//go:build !js

package game

// breather does nothing on the desktop: background goroutines run on their
// own threads there and never hold up a frame.
type breather struct{}

func (*breather) breathe() {}
