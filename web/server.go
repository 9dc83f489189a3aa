// Package web serves Bone Music's pages: the static files in this directory,
// pre-compressed variants when the browser accepts them, and the security
// headers a museum site can embed without weakening its own policy.
package web

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
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

// encodings are tried in order of preference: file suffix and token.
var encodings = []struct{ suffix, token string }{{".br", "br"}, {".gz", "gzip"}}

// Handler serves the files under dir. For a request of X it sends X.br or
// X.gz instead when that file exists and the browser accepts the encoding,
// with X's content type, so a 13 MB wasm goes over the wire as 3 MB.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("Permissions-Policy", PermissionsPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		// Revalidate every time: a new build must never mix with a cached old
		// wasm_exec.js; ETag/Last-Modified keep revalidation cheap.
		h.Set("Cache-Control", "no-cache")

		file := filepath.Join(dir, filepath.FromSlash(name))
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			h.Set("Content-Type", ct)
		}
		if path.Ext(name) == ".wasm" {
			h.Set("Content-Type", "application/wasm")
		}
		h.Add("Vary", "Accept-Encoding")
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range encodings {
			if !acceptsEncoding(accept, enc.token) {
				continue
			}
			if f, err := os.Open(file + enc.suffix); err == nil {
				defer f.Close()
				if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
					h.Set("Content-Encoding", enc.token)
					http.ServeContent(w, r, name, st.ModTime(), f)
					return
				}
			}
		}
		f, err := os.Open(file)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || !st.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// acceptsEncoding reports whether an Accept-Encoding header accepts token
// (present and not refused with q=0).
func acceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), token) {
			continue
		}
		for _, p := range fields[1:] {
			p = strings.ReplaceAll(p, " ", "")
			if p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000" {
				return false
			}
		}
		return true
	}
	return false
}
