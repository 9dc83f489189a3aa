// Package dist makes the folder a museum's web server serves: the app's
// pages, the wasm under a content-hashed name with its brotli and gzip
// twins, a web app manifest with icons drawn here, build.json, and
// ready-made configs for nginx, Apache and static hosts (from
// bonemusic/internal/site, like the Go server's own headers).
package dist

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// BuildInfo is build.json, which the loader reads to find the wasm and the
// service worker reads to know what to cache and when a release is new.
type BuildInfo struct {
	// Version is a hash of every file in Files: a new release, a new
	// version, so an offline cache is replaced as a whole.
	Version string `json:"version"`
	// Wasm is the wasm's file name.
	Wasm string `json:"wasm"`
	// Size is the wasm's uncompressed size in bytes (the download's
	// Content-Length is the compressed one).
	Size int64 `json:"size"`
	// Files is everything the app needs to run offline, relative to the
	// folder, build.json included.
	Files []string `json:"files"`
}

// BuildInfoFile is build.json's name.
const BuildInfoFile = "build.json"

// writeBuildInfo hashes files (names relative to dir) into the version and
// writes build.json to dir.
func writeBuildInfo(dir, wasm string, files []string) (BuildInfo, error) {
	st, err := os.Stat(filepath.Join(dir, wasm))
	if err != nil {
		return BuildInfo{}, err
	}
	files = append([]string{BuildInfoFile}, files...)
	sort.Strings(files)
	version := sha256.New()
	for _, name := range files {
		if name == BuildInfoFile {
			continue
		}
		sum, err := fileHash(filepath.Join(dir, name))
		if err != nil {
			return BuildInfo{}, err
		}
		fmt.Fprintf(version, "%s\x00%s\n", name, sum)
	}
	info := BuildInfo{
		Version: hex.EncodeToString(version.Sum(nil))[:16],
		Wasm:    wasm,
		Size:    st.Size(),
		Files:   files,
	}
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return BuildInfo{}, err
	}
	return info, os.WriteFile(filepath.Join(dir, BuildInfoFile), append(b, '\n'), 0o644)
}

// fileHash is the hex SHA-256 of a file's content.
func fileHash(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
