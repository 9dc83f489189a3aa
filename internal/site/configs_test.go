package site

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// Every nginx location that sets headers must set all of them: nginx drops
// the outer add_header lines in a location that has its own.
func TestNginxLocationsCarryEveryHeader(t *testing.T) {
	conf := Nginx()
	blocks := regexp.MustCompile(`(?s)location [^{]*\{(.*?)\n\}`).FindAllStringSubmatch(conf, -1)
	withHeaders := 0
	for _, b := range blocks {
		if !strings.Contains(b[1], "add_header") {
			continue
		}
		withHeaders++
		for _, h := range SecurityHeaders() {
			if want := fmt.Sprintf("add_header %s %s always;", h.Name, nginxQuote(h.Value)); !strings.Contains(b[1], want) {
				t.Errorf("nginx location %q lacks %s", b[0][:40], want)
			}
		}
		if !strings.Contains(b[1], "add_header Cache-Control") {
			t.Errorf("nginx location %q sets no Cache-Control", b[0][:40])
		}
	}
	if withHeaders != 4 { // /, the wasm, and its two twins
		t.Errorf("%d nginx locations set headers, want 4:\n%s", withHeaders, conf)
	}
}

// The three configs say what the Go server does: the same headers, the
// same types for every kind of file, the same cache lifetimes.
func TestConfigsAgreeWithTheDefinition(t *testing.T) {
	wasm := WasmName("0123456789abcdef0123")
	files := []string{"index.html", "loader.js", wasm}
	nginx, apache, static := Nginx(), Apache(), StaticHost(files)
	if !strings.Contains(static, "\n/*\n") {
		t.Fatal("_headers has no /* rule for every file")
	}
	for _, h := range SecurityHeaders() {
		if want := fmt.Sprintf("Header always set %s %s\n", h.Name, apacheQuote(h.Value)); !strings.Contains(apache, want) {
			t.Errorf(".htaccess lacks %q", want)
		}
		if want := fmt.Sprintf("  %s: %s\n", h.Name, h.Value); !strings.Contains(static, want) {
			t.Errorf("_headers lacks %q", want)
		}
	}
	for _, ext := range Extensions() {
		mt := mediaType(ContentType("x" + ext))
		if want := fmt.Sprintf("    %s %s;\n", mt, ext[1:]); !strings.Contains(nginx, want) {
			t.Errorf("nginx types lack %q", want)
		}
		if want := fmt.Sprintf("AddType %s %s\n", mt, ext); !strings.Contains(apache, want) {
			t.Errorf(".htaccess lacks %q", want)
		}
	}
	hashed := regexp.MustCompile(HashedWasmPattern + "$")
	if !hashed.MatchString(wasm) || CacheControl(wasm) != CacheImmutable {
		t.Fatalf("%s: pattern match %v, Cache-Control %q", wasm, hashed.MatchString(wasm), CacheControl(wasm))
	}
	for _, plain := range []string{"bonemusic.wasm", "index.html", "build.json", "sw.js"} {
		if hashed.MatchString(plain) || CacheControl(plain) != CacheRevalidate {
			t.Errorf("%s would be cached for a year", plain)
		}
	}
	for _, f := range files {
		if want := fmt.Sprintf("/%s\n", f); !strings.Contains(static, want) {
			t.Errorf("_headers does not list %s", f)
		}
		rule := static[strings.Index(static, "/"+f+"\n"):]
		if want := "Cache-Control: " + CacheControl(f); !strings.Contains(strings.SplitN(rule, "\n/", 2)[0], want) {
			t.Errorf("_headers gives %s no %q", f, want)
		}
	}
	if !strings.Contains(apache, fmt.Sprintf("Header always set Cache-Control %s", apacheQuote(CacheImmutable))) ||
		!strings.Contains(nginx, fmt.Sprintf("add_header Cache-Control %s always;", nginxQuote(CacheImmutable))) {
		t.Error("a config lacks the year-long cache for the hashed wasm")
	}
}

// Only the kinds of file the app is made of are servable.
func TestContentTypeIsAnAllowList(t *testing.T) {
	for name, want := range map[string]string{
		"a.wasm": "application/wasm", "INDEX.HTML": "text/html; charset=utf-8", "m.webmanifest": "application/manifest+json",
		"server.go": "", "notes.txt": "", "_headers": "", ".htaccess": "", "bonemusic.nginx.conf": "", "x.wasm.br": "",
	} {
		if got := ContentType(name); got != want {
			t.Errorf("ContentType(%q) = %q, want %q", name, got, want)
		}
	}
}
