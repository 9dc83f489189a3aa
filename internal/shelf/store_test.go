package shelf

import (
	"bytes"
	"errors"
	"strings"
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
	if _, err := s.Put(b, []byte("second"), NoRevision); err != nil {
		t.Fatal(err)
	}
	ra, err := s.Put(a, []byte("first"), NoRevision)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(a, []byte("first, again"), NoRevision); !errors.Is(err, ErrChanged) {
		t.Errorf("a second new save under one id: %v, want ErrChanged", err)
	}
	if _, got, err := s.Get(a); err != nil || got != ra {
		t.Errorf("get %s: revision %q, %v; the save returned %q", a, got, err, ra)
	}
	ra2, err := s.Put(a, []byte("first, played"), ra)
	if err != nil || ra2 == ra {
		t.Fatalf("save over %q: %q, %v", ra, ra2, err)
	}
	if _, err := s.Put(a, []byte("first, played elsewhere"), ra); !errors.Is(err, ErrChanged) {
		t.Errorf("a save over a replaced revision: %v, want ErrChanged", err)
	}
	ids, err := s.List()
	if err != nil || len(ids) != 2 || ids[0] != a || ids[1] != b {
		t.Fatalf("list %v, %v; want [%s %s], oldest first", ids, err, a, b)
	}
	if got, rev, err := s.Get(a); err != nil || !bytes.Equal(got, []byte("first, played")) || rev != ra2 {
		t.Errorf("get %s: %q (%q), %v", a, got, rev, err)
	}
	if err := s.Remove(a); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(a); err != nil {
		t.Errorf("removing twice: %v", err)
	}
	if _, err := s.Put(a, []byte("first, played again"), ra2); !errors.Is(err, ErrChanged) {
		t.Errorf("a save over a removed disc: %v, want ErrChanged", err)
	}
	if _, _, err := s.Get(a); !errors.Is(err, ErrNotFound) {
		t.Errorf("get after remove: %v, want ErrNotFound", err)
	}
	for _, bad := range []string{"", "../etc/passwd", "d1", "x00000000000000000001-000", a + "/x"} {
		if _, err := s.Put(bad, []byte("x"), NoRevision); err == nil {
			t.Errorf("put under %q was accepted", bad)
		}
		if _, _, err := s.Get(bad); err == nil || errors.Is(err, ErrNotFound) {
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

// checkTwoWindows runs the contract for two stores on one collection (two
// app windows, two tabs): both read a disc, both play it, the second save
// is refused with words to act on, and the first window's disc stays.
func checkTwoWindows(t *testing.T, one, two Store) {
	t.Helper()
	id := NewID(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), 0)
	if _, err := one.Put(id, []byte("cut"), NoRevision); err != nil {
		t.Fatal(err)
	}
	_, r1, err1 := one.Get(id)
	_, r2, err2 := two.Get(id)
	if err1 != nil || err2 != nil || r1 != r2 {
		t.Fatalf("both windows read %q, %q (%v, %v)", r1, r2, err1, err2)
	}
	if _, err := one.Put(id, []byte("cut, played in window one"), r1); err != nil {
		t.Fatal(err)
	}
	_, err := two.Put(id, []byte("cut, played in window two"), r2)
	if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), "another window") {
		t.Errorf("window two's save over window one's: %v, want ErrChanged", err)
	}
	if got, _, _ := two.Get(id); string(got) != "cut, played in window one" {
		t.Errorf("the shelf holds %q, want window one's save", got)
	}
}
