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
// fake-indexeddb package (npm install -g fake-indexeddb@6.2.8); without
// Node or the package the test is skipped.
func TestShelfJSRevisions(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no Node.js")
	}
	// Where npm -g puts packages beside this node (npm root -g, which
	// takes a second to ask).
	modules := filepath.Join(filepath.Dir(filepath.Dir(node)), "lib", "node_modules")
	if !exists(filepath.Join(modules, "fake-indexeddb")) {
		t.Skip("fake-indexeddb is not installed: npm install -g fake-indexeddb@6.2.8")
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
