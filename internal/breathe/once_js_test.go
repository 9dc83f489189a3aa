//go:build js

package breathe

// In a browser, work takes turns.
const oneAtATime = true
