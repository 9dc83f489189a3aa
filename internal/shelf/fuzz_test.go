package shelf

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzValidID: the ids a store lists come from outside (a folder anyone can
// write into, an IndexedDB any script of the page's origin can fill), and an
// id becomes a file name. Whatever validID accepts has NewID's shape and
// names a file inside the store's folder, never beside or above it.
func FuzzValidID(f *testing.F) {
	for _, s := range []string{NewID(time.Unix(0, 1), 7), "d00000000000000000001-001", "../etc/passwd", "d/../../x-001",
		"d00000000000000000001-00\x00", "d-1", "d+0000000000000000001-001", "d18446744073709551616-001", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if !validID(id) {
			if checkID(id) == nil {
				t.Fatalf("checkID accepts %q, validID does not", id)
			}
			return
		}
		if len(id) != len(NewID(time.Unix(0, 0), 0)) || strings.ContainsAny(id, `/\:.`+"\x00") {
			t.Fatalf("accepted id %q", id)
		}
		dir := filepath.Join("shelf", "folder")
		if p := filepath.Join(dir, id+".bone"); filepath.Dir(p) != dir {
			t.Fatalf("id %q names %s, outside %s", id, p, dir)
		}
	})
}
