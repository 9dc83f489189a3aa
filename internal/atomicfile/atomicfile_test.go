package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteReplacesWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "disc.bone")
	if err := WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half-way leaves the old file and no temporary.
	boom := errors.New("disk full")
	err := Write(path, 0o644, func(f *os.File) error {
		f.Write([]byte("half of the ne"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("after a failed write the file holds %q, want the old %q", got, "old")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder after a failed write, want 1 (no temporary left)", len(entries))
	}
	if err := WriteFile(path, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(got) != "new" || info.Mode().Perm() != 0o600 {
		t.Errorf("file holds %q with mode %v, want %q with 0600", got, info.Mode().Perm(), "new")
	}
}

// A killed save's temporary file is removed on the next clean, once it is
// older than a save in another process could be; the files themselves stay.
func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "disc.bone")
	if err := WriteFile(path, []byte("disc"), 0o644); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".disc.bone.tmp-123")
	fresh := filepath.Join(dir, ".disc.bone.tmp-456")
	os.WriteFile(stale, []byte("half"), 0o600)
	os.WriteFile(fresh, []byte("half"), 0o600)
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(stale, old, old)
	if n := CleanStale(dir, time.Hour); n != 1 {
		t.Errorf("removed %d files, want the one stale temporary", n)
	}
	for _, p := range []string{path, fresh} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary is still there")
	}
}
