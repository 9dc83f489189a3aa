package shelf

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// checkStore runs the contract every Store keeps.
func checkStore(t *testing.T, s Store) {
	t.Helper()
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	a, b := NewID(t0, 0), NewID(t0.Add(time.Second), 1)
	if ids, err := s.List(); err != nil || len(ids) != 0 {
		t.Fatalf("a new store lists %v, %v", ids, err)
	}
	if err := s.Put(b, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(a, []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(a, []byte("first, played")); err != nil {
		t.Fatal(err)
	}
	ids, err := s.List()
	if err != nil || len(ids) != 2 || ids[0] != a || ids[1] != b {
		t.Fatalf("list %v, %v; want [%s %s], oldest first", ids, err, a, b)
	}
	if got, err := s.Get(a); err != nil || !bytes.Equal(got, []byte("first, played")) {
		t.Errorf("get %s: %q, %v", a, got, err)
	}
	if err := s.Remove(a); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(a); err != nil {
		t.Errorf("removing twice: %v", err)
	}
	if _, err := s.Get(a); !errors.Is(err, ErrNotFound) {
		t.Errorf("get after remove: %v, want ErrNotFound", err)
	}
	for _, bad := range []string{"", "../etc/passwd", "d1", "x00000000000000000001-000", a + "/x"} {
		if err := s.Put(bad, []byte("x")); err == nil {
			t.Errorf("put under %q was accepted", bad)
		}
		if _, err := s.Get(bad); err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("get %q: %v, want a refusal of the id", bad, err)
		}
	}
}

func TestIDsSortByTime(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	a, b := NewID(t0, 999), NewID(t0.Add(time.Nanosecond), 0)
	if !(a < b) || !validID(a) || !validID(b) {
		t.Errorf("%s, %s", a, b)
	}
}
