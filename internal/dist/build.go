package dist

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"bonemusic/internal/site"
)

// Build makes the folder out from web (after `make wasm`): out is replaced
// as a whole, so a server never sees half a release. It refuses to
// replace a folder that is not an earlier build.
func Build(web, out string) (BuildInfo, error) {
	wasmHash, err := checkWasm(web, true)
	if err != nil {
		return BuildInfo{}, err
	}
	if err := checkReplaceable(out); err != nil {
		return BuildInfo{}, err
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return BuildInfo{}, err
	}
	// A build that was killed left its temporary folder: clear it first.
	tmpPrefix := "." + filepath.Base(out) + ".new-"
	stale, _ := filepath.Glob(filepath.Join(parent, tmpPrefix+"*"))
	for _, dir := range stale {
		os.RemoveAll(dir)
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix)
	if err != nil {
		return BuildInfo{}, err
	}
	defer os.RemoveAll(tmp) // only left when something failed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return BuildInfo{}, err
	}
	info, err := fill(web, tmp, wasmHash)
	if err != nil {
		return BuildInfo{}, err
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return BuildInfo{}, err
	}
	if err := os.Rename(tmp, out); err != nil {
		return BuildInfo{}, err
	}
	return info, os.RemoveAll(old)
}

// fill writes a whole release into the empty folder dir.
func fill(web, dir, wasmHash string) (BuildInfo, error) {
	pages, err := pageFiles(web)
	if err != nil {
		return BuildInfo{}, err
	}
	for _, name := range pages {
		if err := copyFile(filepath.Join(web, name), filepath.Join(dir, name)); err != nil {
			return BuildInfo{}, err
		}
	}
	wasm := site.WasmName(wasmHash)
	for _, suffix := range []string{"", ".br", ".gz"} {
		if err := copyFile(filepath.Join(web, SourceWasm+suffix), filepath.Join(dir, wasm+suffix)); err != nil {
			return BuildInfo{}, err
		}
	}
	app, err := writeAppFiles(dir)
	if err != nil {
		return BuildInfo{}, err
	}
	files := append(append(append([]string{}, pages...), wasm), app...)
	info, err := writeBuildInfo(dir, wasm, files)
	if err != nil {
		return BuildInfo{}, err
	}
	configs := map[string]string{
		site.NginxFile:      site.Nginx(),
		site.ApacheFile:     site.Apache(),
		site.StaticHostFile: site.StaticHost(info.Files),
	}
	for name, text := range configs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return BuildInfo{}, err
		}
	}
	return info, nil
}

// Dev writes build.json, the manifest and the icons into web itself, so
// the pages also run from the source folder (the browser tests serve it).
func Dev(web string) (BuildInfo, error) {
	if _, err := checkWasm(web, false); err != nil {
		return BuildInfo{}, err
	}
	pages, err := pageFiles(web)
	if err != nil {
		return BuildInfo{}, err
	}
	app, err := writeAppFiles(web)
	if err != nil {
		return BuildInfo{}, err
	}
	return writeBuildInfo(web, SourceWasm, append(append(pages, SourceWasm), app...))
}

// checkWasm makes sure the wasm is there, and with twins both its
// compressed twins, current; it returns the wasm's content hash. A release
// needs the twins (the server configs send them); web/ works without.
func checkWasm(web string, twins bool) (string, error) {
	wasm := filepath.Join(web, SourceWasm)
	st, err := os.Stat(wasm)
	if err != nil {
		return "", fmt.Errorf("%s is missing: run `make wasm` first", wasm)
	}
	for _, suffix := range []string{".br", ".gz"} {
		if !twins {
			break
		}
		twin, err := os.Stat(wasm + suffix)
		if err != nil || twin.ModTime().Before(st.ModTime()) {
			return "", fmt.Errorf("%s%s is missing or older than the wasm: run `make wasm` (with brotli installed: `make deps`)", wasm, suffix)
		}
	}
	return fileHash(wasm)
}

// checkReplaceable refuses to replace anything but nothing, an empty
// folder, or an earlier build (it has build.json).
func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, BuildInfoFile)); err != nil {
		return fmt.Errorf("%s is not an earlier build (no %s): refusing to replace it; pick another folder", out, BuildInfoFile)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
