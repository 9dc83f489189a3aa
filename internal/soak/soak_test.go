package soak

import "testing"

func TestCount(t *testing.T) {
	for _, c := range []struct {
		env  string
		want int
	}{{"", 1000}, {"20", 20}, {"1", 1}} {
		t.Setenv("BONEMUSIC_SOAK_TEST_COUNT", c.env)
		if got := Count(t, "BONEMUSIC_SOAK_TEST_COUNT", 1000); got != c.want {
			t.Errorf("Count with %q = %d, want %d", c.env, got, c.want)
		}
	}
}

// A bad count stops the test with a message, never runs a soak of 0 or -5.
func TestCountRefusesBadNumbers(t *testing.T) {
	for _, env := range []string{"0", "-5", "many", "1e3"} {
		fake := &fatalRecorder{TB: t}
		t.Setenv("BONEMUSIC_SOAK_TEST_COUNT", env)
		func() {
			defer func() { recover() }() // fatalRecorder stops like Fatal does
			Count(fake, "BONEMUSIC_SOAK_TEST_COUNT", 1000)
		}()
		if fake.msg == "" {
			t.Errorf("Count accepted %q", env)
		}
	}
}

// fatalRecorder keeps Fatalf's message and stops the caller with a panic.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = format
	panic("fatal")
}

func (f *fatalRecorder) Helper() {}
