//go:build !js

package breathe

// Do runs work.
func Do(work func()) { work() }

// Point does nothing off the browser.
func Point() {}
