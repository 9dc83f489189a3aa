package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Many edits of one counter at once, each a read-modify-write, add up: the
// lock runs them one after the other.
func TestEditsDoNotLoseUpdates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "count")
	if err := WriteFile(path, []byte("0"), 0o644); err != nil {
		t.Fatal(err)
	}
	const editors, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, editors*each)
	for range editors {
		wg.Go(func() {
			for range each {
				errs <- increment(path)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != strconv.Itoa(editors*each) {
		t.Errorf("count %s after %d increments", got, editors*each)
	}
	assertOnly(t, filepath.Dir(path), "count")
}

func increment(path string) error {
	e, err := BeginEdit(path, nil)
	if err != nil {
		return err
	}
	defer e.Close()
	f, err := e.Open()
	if err != nil {
		return err
	}
	b, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(string(b))
	return e.Replace(0o644, func(f *os.File) error {
		_, err := f.WriteString(strconv.Itoa(n + 1))
		return err
	})
}

// A writer that does not lock (an older build, another tool) and replaces
// or rewrites the file during an edit is not silently undone: the edit's
// Replace fails with ErrChanged and the other writer's file stays.
func TestEditDetectsWriterThatDidNotLock(t *testing.T) {
	for name, other := range map[string]func(path string) error{
		"replaced": func(path string) error { return replace(path, 0o644, writeString("theirs")) },
		"rewritten in place": func(path string) error {
			time.Sleep(10 * time.Millisecond) // a coarse clock would hide the change of mtime
			return os.WriteFile(path, []byte("theirs"), 0o644)
		},
		"removed": os.Remove,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "disc.bone")
			WriteFile(path, []byte("ours"), 0o644)
			e, err := BeginEdit(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			f, err := e.Open()
			if err != nil {
				t.Fatal(err)
			}
			f.Close()
			if err := other(path); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(path)
			err = e.Replace(0o644, writeString("ours, edited"))
			if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), "disc.bone") {
				t.Errorf("Replace after another writer: %v, want ErrChanged naming the file", err)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Errorf("the other writer's file became %q", after)
			}
		})
	}
}

// A second editor waits for the first and is told so once.
func TestSecondEditWaits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "disc.bone")
	first, err := BeginEdit(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan struct{}, 2)
	done := make(chan error)
	go func() {
		e, err := BeginEdit(path, func() { waited <- struct{}{} })
		if err == nil {
			err = e.Close()
		}
		done <- err
	}()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		t.Fatal("the second edit was not told it waits")
	}
	select {
	case <-done:
		t.Fatal("the second edit did not wait for the first")
	case <-time.After(50 * time.Millisecond):
	}
	first.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(waited) != 0 {
		t.Error("told more than once")
	}
	assertOnly(t, filepath.Dir(path)) // no lock file left behind
}

// Errors name the file being saved, never a temporary file.
func TestErrorsNameNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "disc.bone")
	err := Write(path, 0o644, func(f *os.File) error {
		f.Close() // the next write fails with the temporary file's name
		_, err := f.Write([]byte("x"))
		return err
	})
	if err == nil || strings.Contains(err.Error(), tempMark) || !strings.Contains(err.Error(), "saving disc.bone") {
		t.Errorf("error %q: want one naming disc.bone and no temporary file", err)
	}
	assertOnly(t, dir)
}

// A save cleans what killed saves of the same file left, once stale.
func TestSaveCleansStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "disc.bone")
	stale := filepath.Join(dir, ".disc.bone"+tempMark+"123")
	os.WriteFile(stale, []byte("half"), 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	if err := WriteFile(path, []byte("disc"), 0o644); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "disc.bone")
}

func writeString(s string) func(*os.File) error {
	return func(f *os.File) error {
		_, err := f.WriteString(s)
		return err
	}
}

// assertOnly checks dir holds exactly names.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// An edit that found no file refuses to save over one made meanwhile.
func TestEditOfMissingFileDetectsACreation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "disc.bone")
	e, err := BeginEdit(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if _, err := e.Open(); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open of a missing file: %v", err)
	}
	os.WriteFile(path, []byte("theirs"), 0o644)
	if err := e.Replace(0o644, writeString("ours")); !errors.Is(err, ErrChanged) {
		t.Errorf("Replace over a file made meanwhile: %v, want ErrChanged", err)
	}
}

// CleanStale removes a lock file a killed edit left, but never one held.
func TestCleanStaleLocks(t *testing.T) {
	dir := t.TempDir()
	held, left := filepath.Join(dir, "held.bone"), filepath.Join(dir, "left.bone")
	e, err := BeginEdit(held, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	os.WriteFile(lockPath(left), nil, 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(lockPath(left), old, old)
	os.Chtimes(lockPath(held), old, old)
	if n := CleanStale(dir, time.Minute); n != 1 {
		t.Errorf("removed %d files, want the one lock nobody holds", n)
	}
	assertOnly(t, dir, ".held.bone.lock")
}
