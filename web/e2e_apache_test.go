//go:build !js

package web

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"bonemusic/internal/dist"
)

// A museum on Apache copies dist/ with its .htaccess. Debian's Apache,
// started here on 127.0.0.1 with only the overrides the museum guide asks
// the host for (FileInfo and Indexes), must send what the Go server sends.
func TestApacheServesDist(t *testing.T) {
	apache := findApache(t)
	if _, err := os.Stat("bonemusic.wasm"); err != nil {
		requireFull(t, "web/bonemusic.wasm is missing: run `make wasm`")
	}
	// Apache started as root serves as "nobody": the folder must be
	// readable by all, which a test's temp folder is not.
	root, err := os.MkdirTemp("", "bonemusic-apache-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "dist")
	info, err := dist.Build(".", out)
	if err != nil {
		requireFull(t, "make dist: "+err.Error())
	}
	base := startApache(t, apache, out)
	goSrv := httptest.NewServer(Handler(out))
	defer goSrv.Close()
	checkServesLikeGo(t, "Apache", base, goSrv.URL, info)
}

func findApache(t *testing.T) string {
	t.Helper()
	// Debian's binary: the config below names Debian's module folder.
	if _, err := os.Stat("/usr/sbin/apache2"); err == nil {
		return "/usr/sbin/apache2"
	}
	requireFull(t, "Apache is not installed: run `make deps` (Debian's apache2-bin)")
	return ""
}

// startApache serves root on a free 127.0.0.1 port with a throwaway config
// loading only the modules the .htaccess names (and what Apache needs to
// run), everything Apache writes in a temp folder. It returns the base URL;
// Apache is stopped when the test ends.
func startApache(t *testing.T, apache, root string) string {
	t.Helper()
	tmp := t.TempDir()
	addr := freeAddr(t)
	const modules = "/usr/lib/apache2/modules"
	conf := fmt.Sprintf(`ServerRoot %[1]s
ServerName 127.0.0.1
Listen %[2]s
PidFile %[1]s/httpd.pid
ErrorLog %[1]s/error.log
LogLevel warn
DefaultRuntimeDir %[1]s
Mutex file:%[1]s default
LoadModule mpm_event_module %[4]s/mod_mpm_event.so
LoadModule authz_core_module %[4]s/mod_authz_core.so
LoadModule dir_module %[4]s/mod_dir.so
LoadModule mime_module %[4]s/mod_mime.so
LoadModule headers_module %[4]s/mod_headers.so
LoadModule rewrite_module %[4]s/mod_rewrite.so
TypesConfig /dev/null
DocumentRoot %[3]s
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory %[3]s>
    AllowOverride FileInfo Indexes
    Require all granted
</Directory>
`, tmp, addr, root, modules)
	confPath := filepath.Join(tmp, "httpd.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	// -X: one process in the foreground.
	base, _ := startServer(t, "Apache", exec.Command(apache, "-X", "-f", confPath), addr, filepath.Join(tmp, "error.log"))
	return base
}
