// Package soak holds what the soak tests share: they run only under
// `make soak`, which sets BONEMUSIC_SOAK=1, and their length can be
// changed from the environment for a quicker look.
package soak

import (
	"os"
	"strconv"
	"testing"
)

// Env turns the soak tests on when it is "1"; `make test` leaves it unset.
const Env = "BONEMUSIC_SOAK"

// Require skips t unless the soak is on.
func Require(t testing.TB) {
	t.Helper()
	if os.Getenv(Env) != "1" {
		t.Skip("a soak test: make soak runs it (" + Env + "=1)")
	}
}

// Count is the positive number in the environment variable name, or def
// when it is unset; anything else fails t with a message saying what to set.
func Count(t testing.TB, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive whole number (or unset it for %d)", name, s, def)
	}
	return n
}
