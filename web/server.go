// Package web serves Bone Music's pages: the app's own files from one
// folder, pre-compressed variants when the browser accepts them, and the
// security headers a museum site can embed without weakening its own policy.
// What may be served and with which headers is defined once, in
// bonemusic/internal/site, which also writes the configs for other servers.
package web

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"strings"

	"bonemusic/internal/site"
)

// Handler serves the app's files under dir. For a request of X it sends
// X.br or X.gz instead when that file exists and the browser accepts the
// encoding, with X's content type, so a 13 MB wasm goes over the wire as
// 3 MB. Files are opened through os.Root: no path, symlink or ".." leads
// out of dir. Only the kinds of file the app is made of are served (see
// site.ContentType), never dotfiles, so sources and configs left in dir
// stay private.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, sh := range site.SecurityHeaders() {
			h.Set(sh.Name, sh.Value)
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, status := fileName(r.URL.Path)
		if status != http.StatusOK {
			http.Error(w, http.StatusText(status), status)
			return
		}
		h.Set("Content-Type", site.ContentType(name))
		h.Set("Cache-Control", site.CacheControl(name))
		h.Add("Vary", "Accept-Encoding")

		root, err := os.OpenRoot(dir)
		if err != nil {
			http.Error(w, "the app's folder cannot be opened", http.StatusInternalServerError)
			return
		}
		defer root.Close()
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range site.Encodings() {
			if acceptsEncoding(accept, enc.Token) && serveFile(w, r, root, name, enc) {
				return
			}
		}
		if !serveFile(w, r, root, name, site.Encoding{}) {
			http.NotFound(w, r)
		}
	})
}

// fileName maps a URL path to a file name relative to the folder, or says
// why there is none: a backslash (a path separator on Windows hosts) is a
// bad request; a dotfile or a kind of file the app does not need is absent.
func fileName(urlPath string) (string, int) {
	if strings.ContainsAny(urlPath, "\\\x00") {
		return "", http.StatusBadRequest
	}
	name := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html")
	}
	name = strings.TrimPrefix(name, "/")
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return "", http.StatusNotFound
		}
	}
	if site.ContentType(name) == "" {
		return "", http.StatusNotFound
	}
	return name, http.StatusOK
}

// serveFile serves name plus the encoding's suffix when it is a regular
// file, and reports whether it did.
func serveFile(w http.ResponseWriter, r *http.Request, root *os.Root, name string, enc site.Encoding) bool {
	f, err := root.Open(name + enc.Suffix)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	if enc.Token != "" {
		w = &encodingWriter{ResponseWriter: w, token: enc.Token}
	}
	// Revalidation is cheap with an ETag: a browser that has this file
	// gets 304 and no body. Each encoding is different bytes, so a
	// different tag.
	w.Header().Set("ETag", etag(st, enc.Token))
	http.ServeContent(w, r, name, st.ModTime(), f)
	return true
}

// encodingWriter names the encoding only as the header goes out:
// http.ServeContent sends no Content-Length once it sees one (it fears
// compression on the fly), and without it a browser cannot show progress.
type encodingWriter struct {
	http.ResponseWriter
	token       string
	wroteHeader bool
}

func (w *encodingWriter) WriteHeader(code int) {
	if !w.wroteHeader && (code == http.StatusOK || code == http.StatusPartialContent) {
		w.Header().Set("Content-Encoding", w.token)
	}
	w.wroteHeader = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *encodingWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

func (w *encodingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// etag names a file's version by its size and modification time (hashing
// a 13 MB wasm per request would cost more than sending it to a near client).
func etag(st os.FileInfo, encoding string) string {
	tag := fmt.Sprintf("%x-%x", st.Size(), st.ModTime().UnixNano())
	if encoding != "" {
		tag += "-" + encoding
	}
	return `"` + tag + `"`
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
