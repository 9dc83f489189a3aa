package dist

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bonemusic/internal/site"
)

// fakeWeb is a web/ folder after `make wasm`, with the things a release
// must leave behind: sources, tests, dotfiles, a symlink, examples.
func fakeWeb(t *testing.T) string {
	t.Helper()
	web := t.TempDir()
	files := map[string]string{
		"index.html": "<!doctype html>", "embed.html": "<!doctype html>", "loader.js": "//", "sw.js": "//",
		"style.css": "", "wasm_exec.js": "//", "server.go": "package web", "e2e_test.go": "package web",
		".brotli-quality": "5", "build.json": `{"old":1}`, "icon-192.png": "stale", "examples/host.html": "<p>",
		"bonemusic.wasm": "\x00asm wasm bytes", "bonemusic.wasm.br": "br", "bonemusic.wasm.gz": "gz",
	}
	for name, body := range files {
		p := filepath.Join(web, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/etc/hostname", filepath.Join(web, "link.js")); err != nil {
		t.Fatal(err)
	}
	// The twins are made after the wasm.
	later := time.Now().Add(time.Second)
	for _, s := range []string{".br", ".gz"} {
		os.Chtimes(filepath.Join(web, "bonemusic.wasm"+s), later, later)
	}
	return web
}

func TestBuildHoldsOnlyWhatThePageNeeds(t *testing.T) {
	web := fakeWeb(t)
	out := filepath.Join(t.TempDir(), "dist")
	info, err := Build(web, out)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := fileHash(filepath.Join(web, "bonemusic.wasm"))
	wasm := site.WasmName(hash)
	wantFiles := []string{wasm, "build.json", "embed.html", "icon-192.png", "icon-512.png", "index.html",
		"loader.js", "manifest.webmanifest", "style.css", "sw.js", "wasm_exec.js"}
	slices.Sort(wantFiles)
	if !slices.Equal(info.Files, wantFiles) {
		t.Errorf("build.json files %v,\nwant %v", info.Files, wantFiles)
	}
	var onDisk []string
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		onDisk = append(onDisk, e.Name())
	}
	wantDisk := append(slices.Clone(wantFiles), wasm+".br", wasm+".gz", site.NginxFile, site.ApacheFile, site.StaticHostFile)
	slices.Sort(wantDisk)
	if !slices.Equal(onDisk, wantDisk) {
		t.Errorf("dist holds %v,\nwant %v", onDisk, wantDisk)
	}
	b, err := os.ReadFile(filepath.Join(out, BuildInfoFile))
	if err != nil {
		t.Fatal(err)
	}
	var read BuildInfo
	if err := json.Unmarshal(b, &read); err != nil {
		t.Fatal(err)
	}
	if read.Wasm != wasm || read.Size != int64(len("\x00asm wasm bytes")) || len(read.Version) != 16 {
		t.Errorf("build.json %+v", read)
	}
	if got, _ := os.ReadFile(filepath.Join(out, wasm+".br")); string(got) != "br" {
		t.Errorf("%s.br holds %q", wasm, got)
	}
	for _, size := range iconSizes {
		f, err := os.Open(filepath.Join(out, iconName(size)))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Errorf("%s: %v, %v", iconName(size), err, img.Bounds())
		}
	}
	var m manifest
	mb, _ := os.ReadFile(filepath.Join(out, ManifestFile))
	if err := json.Unmarshal(mb, &m); err != nil || len(m.Icons) != 2 || m.StartURL == "" {
		t.Errorf("manifest %s: %v", mb, err)
	}

	// A change to any file is a new version; an unchanged rebuild is not.
	again, err := Build(web, out)
	if err != nil || again.Version != info.Version {
		t.Errorf("rebuild: version %q, was %q (%v)", again.Version, info.Version, err)
	}
	killed := filepath.Join(filepath.Dir(out), ".dist.new-123", "half.wasm")
	os.MkdirAll(filepath.Dir(killed), 0o755)
	os.WriteFile(killed, []byte("half"), 0o644)
	os.WriteFile(filepath.Join(web, "loader.js"), []byte("// new"), 0o644)
	changed, err := Build(web, out)
	if err != nil || changed.Version == info.Version {
		t.Errorf("a changed loader.js kept version %q (%v)", changed.Version, err)
	}
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("a killed build's folder is still there (%v)", err)
	}
}

// Build replaces only an earlier build, and only with a whole release.
func TestBuildRefusesWhatItShouldNotTouch(t *testing.T) {
	web := fakeWeb(t)
	notOurs := t.TempDir()
	os.WriteFile(filepath.Join(notOurs, "thesis.txt"), []byte("years of work"), 0o644)
	if _, err := Build(web, notOurs); err == nil || !strings.Contains(err.Error(), "refusing to replace") {
		t.Errorf("building over a folder that is not a build: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(notOurs, "thesis.txt")); string(b) != "years of work" {
		t.Error("the folder was changed")
	}

	out := filepath.Join(t.TempDir(), "dist")
	stale := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(web, "bonemusic.wasm.br"), stale, stale)
	if _, err := Build(web, out); err == nil || !strings.Contains(err.Error(), "make wasm") {
		t.Errorf("a stale .br: %v", err)
	}
	later := time.Now().Add(time.Second)
	os.Chtimes(filepath.Join(web, "bonemusic.wasm.br"), later, later)
	os.Remove(filepath.Join(web, "bonemusic.wasm.gz"))
	if _, err := Build(web, out); err == nil || !strings.Contains(err.Error(), "bonemusic.wasm.gz is missing") {
		t.Errorf("no .gz: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed build left %s behind (%v)", out, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".dist.new-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// Dev completes web/ itself: build.json names bonemusic.wasm.
func TestDevWritesBuildInfoIntoWeb(t *testing.T) {
	web := fakeWeb(t)
	os.Remove(filepath.Join(web, "bonemusic.wasm.br")) // no brotli installed: still fine
	info, err := Dev(web)
	if err != nil {
		t.Fatal(err)
	}
	if info.Wasm != SourceWasm || !slices.Contains(info.Files, "bonemusic.wasm") || !slices.Contains(info.Files, "icon-512.png") {
		t.Errorf("dev build.json %+v", info)
	}
	if slices.Contains(info.Files, "server.go") || slices.Contains(info.Files, "link.js") {
		t.Errorf("dev build.json lists sources or symlinks: %v", info.Files)
	}
}
