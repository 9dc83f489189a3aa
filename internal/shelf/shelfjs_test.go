//go:build !js

package shelf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// web/shelf.js itself, as two tabs over one IndexedDB, under Node with the
// fake-indexeddb package, which `make deps` installs into .cache/node (or
// npm install -g fake-indexeddb@6.2.8). Without them the test is skipped,
// except under `make test` (BONEMUSIC_FULL_TEST=1), where it fails.
func TestShelfJSRevisions(t *testing.T) {
	skip := t.Skip
	if os.Getenv("BONEMUSIC_FULL_TEST") == "1" {
		skip = t.Fatal
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("no Node.js: install it (Debian: apt-get install nodejs)")
		return
	}
	// The project's own copy first, then where npm -g puts packages
	// beside this node (npm root -g, which takes a second to ask).
	var modules string
	for _, dir := range []string{
		filepath.Join("..", "..", ".cache", "node", "node_modules"),
		filepath.Join(filepath.Dir(filepath.Dir(node)), "lib", "node_modules"),
	} {
		if exists(filepath.Join(dir, "fake-indexeddb")) {
			modules, _ = filepath.Abs(dir)
			break
		}
	}
	if modules == "" {
		skip("fake-indexeddb is not installed: run `make deps`")
		return
	}
	cmd := exec.Command(node, filepath.Join("testdata", "shelfjs_test.cjs"), filepath.Join("..", "..", "web", "shelf.js"))
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("%v\n%s", err, out)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
