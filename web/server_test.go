package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func serveDir(t *testing.T, files map[string]string) http.Handler {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Handler(dir)
}

func get(h http.Handler, path, acceptEncoding string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestServesPrecompressedWasm(t *testing.T) {
	h := serveDir(t, map[string]string{
		"app.wasm": "raw", "app.wasm.gz": "gzipped", "app.wasm.br": "brotli",
		"index.html": "<!doctype html>",
	})
	tests := []struct {
		accept, wantBody, wantEncoding string
	}{
		{"gzip, deflate, br", "brotli", "br"},
		{"gzip", "gzipped", "gzip"},
		{"br;q=0, gzip", "gzipped", "gzip"},
		{"", "raw", ""},
		{"identity", "raw", ""},
	}
	for _, tt := range tests {
		rec := get(h, "/app.wasm", tt.accept)
		if rec.Code != http.StatusOK {
			t.Fatalf("%q: status %d", tt.accept, rec.Code)
		}
		if got := rec.Body.String(); got != tt.wantBody {
			t.Errorf("Accept-Encoding %q: body %q, want %q", tt.accept, got, tt.wantBody)
		}
		if got := rec.Header().Get("Content-Encoding"); got != tt.wantEncoding {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tt.accept, got, tt.wantEncoding)
		}
		if got := rec.Header().Get("Content-Type"); got != "application/wasm" {
			t.Errorf("Content-Type %q, want application/wasm (needed for streaming compilation)", got)
		}
		if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Error("no Vary: Accept-Encoding: caches would mix encodings")
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := serveDir(t, map[string]string{"index.html": "<!doctype html>"})
	rec := get(h, "/", "")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("/ gave %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, banned := range []string{"unsafe-inline", "'unsafe-eval'", "*.", "http:", "https:"} {
		if strings.Contains(csp, banned) {
			t.Errorf("CSP %q allows %q", csp, banned)
		}
	}
	if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no X-Content-Type-Options: nosniff")
	}
}

func TestRefusesEscapesAndOddRequests(t *testing.T) {
	h := serveDir(t, map[string]string{"index.html": "ok", "sub/x.js": "x"})
	for _, p := range []string{"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/nope.html", "/sub"} {
		if rec := get(h, p, ""); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, rec.Code)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/index.html", strings.NewReader("x"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", rec.Code)
	}
	body, _ := io.ReadAll(get(h, "/sub/x.js", "").Body)
	if string(body) != "x" {
		t.Errorf("GET /sub/x.js = %q", body)
	}
}

// inlineCode finds script or style in the page itself: <script> without src,
// <style>, style="" and on…="" handler attributes.
var inlineCode = regexp.MustCompile(`<script>|<style|\sstyle=|\son[a-z]+=`)

// The real pages load no inline script or style, which the CSP would block.
func TestPagesNeedNoInlineCode(t *testing.T) {
	for _, page := range []string{"index.html", "embed.html"} {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if inlineCode.MatchString(s) {
			t.Errorf("%s has inline script or style", page)
		}
		for _, want := range []string{`src="wasm_exec.js"`, `src="loader.js"`, `id="progress"`, `rel="manifest" href="manifest.webmanifest"`, `rel="icon" href="icon-192.png"`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}

// The handler serves only the app's files: no dotfiles, no sources, nothing
// a symlink points to outside the folder, no path with a backslash.
func TestServesOnlyTheAppsFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.js")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"index.html": "ok", "app.js": "app", ".hidden.js": "dot", ".git/HEAD.json": "git",
		"server.go": "package web", "notes.txt": "private", `sub\x.js`: "backslash", "sub/y.js": "y",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out.js")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("app.js", filepath.Join(dir, "alias.js")); err != nil {
		t.Fatal(err)
	}
	h := Handler(dir)
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/index.html", http.StatusOK},
		{"/sub/y.js", http.StatusOK},
		{"/alias.js", http.StatusOK}, // a symlink inside the folder is fine
		{"/.hidden.js", http.StatusNotFound},
		{"/.git/HEAD.json", http.StatusNotFound},
		{"/server.go", http.StatusNotFound},
		{"/notes.txt", http.StatusNotFound},
		{"/out.js", http.StatusNotFound},
		{"/sub%5Cx.js", http.StatusBadRequest},
		{"/sub%5C..%5C..%5Cx.js", http.StatusBadRequest},
	} {
		rec := get(h, tt.path, "")
		if rec.Code != tt.want {
			t.Errorf("GET %s: status %d (%q), want %d", tt.path, rec.Code, rec.Body.String(), tt.want)
		}
		if rec.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no CSP on a %d", tt.path, rec.Code)
		}
	}
}

// web/ itself holds the Go sources and tests: they must not be served.
func TestWebFolderKeepsItsSources(t *testing.T) {
	h := Handler(".")
	for _, p := range []string{"/server.go", "/e2e_test.go", "/serve/main.go"} {
		if rec := get(h, p, ""); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, rec.Code)
		}
	}
	if rec := get(h, "/loader.js", ""); rec.Code != http.StatusOK {
		t.Errorf("GET /loader.js: status %d", rec.Code)
	}
}

// A browser revalidates with If-None-Match and gets 304 without the body;
// each encoding is its own version.
func TestETagRevalidation(t *testing.T) {
	h := serveDir(t, map[string]string{"app.wasm": "raw", "app.wasm.br": "brotli", "index.html": "x"})
	raw, br := get(h, "/app.wasm", ""), get(h, "/app.wasm", "br")
	tagRaw, tagBr := raw.Header().Get("ETag"), br.Header().Get("ETag")
	if tagRaw == "" || tagBr == "" || tagRaw == tagBr {
		t.Fatalf("ETags raw %q, br %q: want two different tags", tagRaw, tagBr)
	}
	req := httptest.NewRequest(http.MethodGet, "/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	req.Header.Set("If-None-Match", tagBr)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match with the current tag: status %d, %d bytes; want 304 and none", rec.Code, rec.Body.Len())
	}
}

// A content-hashed wasm is kept a year; everything else is revalidated.
func TestCacheLifetimes(t *testing.T) {
	h := serveDir(t, map[string]string{"bonemusic.0123456789abcdef.wasm": "w", "bonemusic.wasm": "w", "index.html": "x", "build.json": "{}"})
	for p, want := range map[string]string{
		"/bonemusic.0123456789abcdef.wasm": "public, max-age=31536000, immutable",
		"/bonemusic.wasm":                  "no-cache",
		"/":                                "no-cache",
		"/build.json":                      "no-cache",
	} {
		if got := get(h, p, "").Header().Get("Cache-Control"); got != want {
			t.Errorf("GET %s: Cache-Control %q, want %q", p, got, want)
		}
	}
}

// A pre-compressed file is sent with its length, so the browser can show
// the download's progress.
func TestPrecompressedHasContentLength(t *testing.T) {
	h := serveDir(t, map[string]string{"app.wasm": "raw bytes", "app.wasm.br": "brotli"})
	rec := get(h, "/app.wasm", "br")
	if rec.Header().Get("Content-Encoding") != "br" || rec.Header().Get("Content-Length") != "6" {
		t.Errorf("Content-Encoding %q, Content-Length %q; want br and 6",
			rec.Header().Get("Content-Encoding"), rec.Header().Get("Content-Length"))
	}
}
