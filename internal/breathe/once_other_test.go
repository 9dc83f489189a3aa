//go:build !js

package breathe

// On the desktop, work runs side by side.
const oneAtATime = false
