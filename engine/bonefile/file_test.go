//go:build !js

package bonefile

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"bonemusic/engine"
)

func TestWriteFileAtomicReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.bone")
	d := testDisc(t, fastParams(), 0.05, engine.CutOptions{})
	if err := WriteFile(path, d); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	play(t, d, "steel")
	if err := WriteFile(path, d); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.State(), d.State()) {
		t.Error("the saved disc differs from the one in memory")
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("replacing the file changed its permissions to %v", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	d := testDisc(t, fastParams(), 0.05, engine.CutOptions{})
	if err := WriteFile(filepath.Join(dir, "missing", "x.bone"), d); err == nil {
		t.Error("saving into a missing directory succeeded")
	}
	if err := WriteFile(filepath.Join(dir, "x.bone"), nil); err == nil {
		t.Error("saving no disc succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(filepath.Join(dir, "none.bone")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	junk := filepath.Join(dir, "junk.bone")
	os.WriteFile(junk, []byte("hello"), 0o644)
	if _, err := ReadFile(junk); err == nil {
		t.Error("junk accepted")
	}
}
