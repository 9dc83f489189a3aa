// Package site is the one definition of how Bone Music's files are served:
// which files a server may hand out, their content types, cache lifetimes and
// security headers. web.Handler serves by it, and the nginx, Apache and
// static-host configs that `make dist` writes are generated from it, so the
// development server and a museum's web server cannot drift apart.
package site

import (
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
)

// ContentSecurityPolicy allows only our own files. 'wasm-unsafe-eval' lets
// WebAssembly compile; blob: is needed for scripts and workers because
// Ebiten's audio (oto's driver_js.go) loads its AudioWorklet from a Blob URL.
// frame-ancestors * because exhibition sites embed embed.html in an iframe.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval' blob:; " +
	"worker-src 'self' blob:; " +
	"style-src 'self'; " +
	"img-src 'self' data: blob:; " +
	"media-src 'self' blob:; " +
	"connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors *"

// PermissionsPolicy lets the app (and only the app's own origin) ask for the
// devices later features use; the embedding page grants them with allow=.
const PermissionsPolicy = "microphone=(self), midi=(self), serial=(self), fullscreen=(self), autoplay=(self)"

// Cache lifetimes. A content-hashed file never changes under its name, so a
// browser may keep it a year without asking; everything else is revalidated
// on every load, so a new release never mixes with a cached old loader.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
)

// Header is one response header.
type Header struct{ Name, Value string }

// SecurityHeaders are sent with every response, errors included.
func SecurityHeaders() []Header {
	return []Header{
		{"Content-Security-Policy", ContentSecurityPolicy},
		{"Permissions-Policy", PermissionsPolicy},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
	}
}

// contentTypes lists every kind of file the app is made of. It is also the
// allow-list: a server hands out no file whose extension is missing here, so
// a Go source, a config or a backup left in the folder stays private.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".wasm":        "application/wasm",
	".png":         "image/png",
	".svg":         "image/svg+xml",
	".woff2":       "font/woff2",
	".wav":         "audio/wav",
}

// ContentType is the type of a servable file, or "" when the file is not one
// the app needs and must not be served.
func ContentType(name string) string {
	return contentTypes[strings.ToLower(path.Ext(name))]
}

// Extensions are the servable extensions, sorted, for config generators.
func Extensions() []string {
	return slices.Sorted(maps.Keys(contentTypes))
}

// Encoding is a pre-compressed twin of a file: X.br beside X.
type Encoding struct{ Suffix, Token string }

// Encodings in order of preference.
func Encodings() []Encoding { return []Encoding{{".br", "br"}, {".gz", "gzip"}} }

// HashLen is the number of hex digits of a content hash in a file name.
const HashLen = 16

// hashedWasm matches the wasm's release name, bonemusic.<hash>.wasm.
var hashedWasm = regexp.MustCompile(`\.[0-9a-f]{16}\.wasm$`)

// HashedWasmPattern is hashedWasm for configs (PCRE and nginx alike).
const HashedWasmPattern = `\.[0-9a-f]{16}\.wasm`

// WasmName is the release name of a wasm whose content hash is hash.
func WasmName(hash string) string { return "bonemusic." + hash[:HashLen] + ".wasm" }

// CacheControl is the Cache-Control for the file name (without an encoding
// suffix).
func CacheControl(name string) string {
	if hashedWasm.MatchString(name) {
		return CacheImmutable
	}
	return CacheRevalidate
}
