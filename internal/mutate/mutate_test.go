package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Every mutation still finds its text exactly once, and changes it.
func TestMutationsMatchTheCode(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range mutations {
		if seen[m.name] {
			t.Errorf("two mutations are called %q", m.name)
		}
		seen[m.name] = true
		src, err := os.ReadFile(filepath.Join(root, "engine", m.file))
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(src, []byte(m.from)); n != 1 || m.from == m.to {
			t.Errorf("%s: %q occurs %d times in engine/%s", m.name, m.from, n, m.file)
		}
	}
}
