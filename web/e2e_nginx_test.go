//go:build !js

package web

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"bonemusic/internal/dist"
	"bonemusic/internal/site"
)

// A museum serves `make dist` with its own web server. Debian's nginx,
// started here on 127.0.0.1 with the snippet dist/ ships, must send what
// the Go server sends, and the app must run from it, online and offline.
func TestE2ENginxServesDist(t *testing.T) {
	nginx := findNginx(t)
	ctx := browser(t, browserOptions{w: pageW, h: pageH})
	start := time.Now()
	out := filepath.Join(t.TempDir(), "dist")
	info, err := dist.Build(".", out)
	if err != nil {
		requireFull(t, "make dist: "+err.Error())
	}
	base, stop := startNginx(t, nginx, out)
	goSrv := httptest.NewServer(Handler(out))
	defer goSrv.Close()
	t.Logf("dist built and nginx started in %v", time.Since(start).Round(time.Millisecond))

	checkServesLikeGo(t, "nginx", base, goSrv.URL, info)
	smokeStart := time.Now()
	smokeIndex(t, ctx, base)
	t.Logf("smoke test against nginx took %v", time.Since(smokeStart).Round(time.Millisecond))
	// and offline: the visit after nginx has stopped, with the network cut
	checkOffline(t, ctx, base, stop)
	t.Logf("whole test %v", time.Since(start).Round(time.Millisecond))
}

// checkServesLikeGo compares what server (at base) sends for every file of
// the dist folder with what the Go server (at goURL) sends for it: types,
// encodings, cache lifetimes and security headers, the wasm's
// pre-compressed twins, and a 404 for the configs.
func checkServesLikeGo(t *testing.T, server, base, goURL string, info dist.BuildInfo) {
	t.Helper()
	for _, name := range append([]string{""}, info.Files...) {
		for _, accept := range []string{"gzip, deflate, br", "gzip", ""} {
			if accept != "" && name != info.Wasm {
				continue
			}
			got := fetchHead(t, base+"/"+name, accept)
			want := fetchHead(t, goURL+"/"+name, accept)
			for _, h := range []string{"Content-Type", "Content-Encoding", "Cache-Control", "Content-Length",
				"Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
				if got.Header.Get(h) != want.Header.Get(h) {
					t.Errorf("/%s (Accept-Encoding %q): %s sends %s %q, the Go server %q", name, accept, server, h, got.Header.Get(h), want.Header.Get(h))
				}
			}
			if got.StatusCode != http.StatusOK {
				t.Errorf("/%s: %s answered %d", name, server, got.StatusCode)
			}
		}
	}
	wasm := fetchHead(t, base+"/"+info.Wasm, "gzip, deflate, br")
	for h, want := range map[string]string{"Content-Type": "application/wasm", "Content-Encoding": "br",
		"Cache-Control": site.CacheImmutable, "Content-Security-Policy": site.ContentSecurityPolicy} {
		if got := wasm.Header.Get(h); got != want {
			t.Errorf("the wasm from %s: %s %q, want %q", server, h, got, want)
		}
	}
	if got := fetchHead(t, base+"/build.json", "").Header.Get("Cache-Control"); got != site.CacheRevalidate {
		t.Errorf("build.json from %s: Cache-Control %q, want %q", server, got, site.CacheRevalidate)
	}
	for _, private := range []string{site.ApacheFile, site.StaticHostFile, site.NginxFile, "server.go"} {
		if code := fetchHead(t, base+"/"+private, "").StatusCode; code != http.StatusNotFound {
			t.Errorf("/%s from %s: %d, want 404", private, server, code)
		}
	}
}

func findNginx(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	requireFull(t, "nginx is not installed: run `make deps` (Debian's nginx-light)")
	return ""
}

// startNginx serves root on a free 127.0.0.1 port with a throwaway config
// that includes the dist snippet, everything nginx writes in a temp folder
// and one process as the current user, so it needs no root. It returns the
// base URL and a function that stops nginx.
func startNginx(t *testing.T, nginx, root string) (string, func()) {
	t.Helper()
	tmp := t.TempDir()
	addr := freeAddr(t)
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  sendfile on;
  server {
    listen %[2]s;
    root %[3]s;
    include %[3]s/%[4]s;
  }
}
`, tmp, addr, root, site.NginxFile)
	confPath := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return startServer(t, "nginx", exec.Command(nginx, "-c", confPath, "-p", tmp, "-e", filepath.Join(tmp, "error.log")),
		addr, filepath.Join(tmp, "error.log"))
}

// freeAddr is a 127.0.0.1 address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer starts a web server's command, which must serve on addr and
// log its errors to errorLog, and returns its base URL once it answers, and
// a function that stops it. It is stopped anyway when the test ends (its
// log shown if the test failed).
func startServer(t *testing.T, name string, cmd *exec.Cmd, addr, errorLog string) (string, func()) {
	t.Helper()
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	stop := sync.OnceFunc(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	t.Cleanup(func() {
		stop()
		if log, _ := os.ReadFile(errorLog); t.Failed() && len(log) > 0 {
			t.Logf("%s error log:\n%s", name, log)
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(10 * time.Second)
	for {
		if resp, err := http.Get(base + "/"); err == nil {
			resp.Body.Close()
			return base, stop
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer on %s within 10 s: %s", name, addr, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fetchHead GETs url (reading the body, so Content-Length is the sent one)
// with the Accept-Encoding given, without decompressing.
func fetchHead(t *testing.T, url, acceptEncoding string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// Every file the pages load is in the release and in build.json's list,
// which the service worker caches for offline use.
func TestDistHoldsEverythingThePagesLoad(t *testing.T) {
	if _, err := os.Stat("bonemusic.wasm"); err != nil {
		requireFull(t, "web/bonemusic.wasm is missing: run `make wasm`")
	}
	out := filepath.Join(t.TempDir(), "dist")
	info, err := dist.Build(".", out)
	if err != nil {
		requireFull(t, "make dist: "+err.Error())
	}
	listed := map[string]bool{}
	for _, f := range info.Files {
		listed[f] = true
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("build.json lists %s, which dist lacks", f)
		}
	}
	for _, page := range []string{"index.html", "embed.html"} {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
			if !listed[m[1]] {
				t.Errorf("%s loads %s, which build.json does not list", page, m[1])
			}
		}
	}
	for _, f := range []string{info.Wasm, "wasm_exec.js", "loader.js", "manifest.webmanifest", "build.json"} {
		if !listed[f] {
			t.Errorf("build.json does not list %s", f)
		}
	}
}
