package dist

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"bonemusic/internal/site"
)

// Names of the files the builder makes rather than copies.
const (
	SourceWasm   = "bonemusic.wasm"
	ManifestFile = "manifest.webmanifest"
)

// iconSizes are the icon sizes in pixels: 192 for home screens, 512 for
// splash screens (the two sizes browsers require for an installable app).
var iconSizes = [...]int{192, 512}

func iconName(size int) string { return "icon-" + itoa(size) + ".png" }

// generated reports whether name is made by the builder (or by `make wasm`
// in web/), so it is never copied from web/ as a page file.
func generated(name string) bool {
	if name == BuildInfoFile || name == ManifestFile || strings.HasPrefix(name, SourceWasm) {
		return true
	}
	for _, s := range iconSizes {
		if name == iconName(s) {
			return true
		}
	}
	return false
}

// pageFiles lists web's own files the app is made of: the top-level
// regular files a server may serve (site.ContentType), sorted. Sources,
// tests, dotfiles, symlinks and subfolders (examples) are left out.
func pageFiles(web string) ([]string, error) {
	entries, err := os.ReadDir(web)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || site.ContentType(name) == "" || generated(name) {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// manifest is the web app manifest: the name and icons a phone or a
// kiosk browser shows when the app is installed.
type manifest struct {
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

// pageBackground is the page's colour in style.css, so the splash screen
// does not flash another.
const pageBackground = "#07090c"

// writeAppFiles draws the icons and writes the manifest into dir and
// returns their names.
func writeAppFiles(dir string) ([]string, error) {
	m := manifest{
		Name:            "Bone Music",
		ShortName:       "Bone Music",
		Description:     "Cut your own sound onto a virtual X-ray film record and hear it wear out, play by play.",
		StartURL:        "./index.html",
		Scope:           "./",
		Display:         "standalone",
		BackgroundColor: pageBackground,
		ThemeColor:      pageBackground,
	}
	names := []string{ManifestFile}
	for _, size := range iconSizes {
		name := iconName(size)
		if err := writeIcon(filepath.Join(dir, name), size); err != nil {
			return nil, err
		}
		// The drawing keeps to the middle 80 %, so a launcher may crop
		// it to a circle or a rounded square ("maskable").
		m.Icons = append(m.Icons, manifestIcon{Src: name, Sizes: itoa(size) + "x" + itoa(size), Type: "image/png", Purpose: "any maskable"})
		names = append(names, name)
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return names, os.WriteFile(filepath.Join(dir, ManifestFile), append(b, '\n'), 0o644)
}
