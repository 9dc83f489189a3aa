// Command serve serves Bone Music's web/ directory for development and
// kiosks: go run ./web/serve [-addr 127.0.0.1:8080] [-dir web]
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"bonemusic/web"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("dir", "web", "directory with index.html and bonemusic.wasm")
	flag.Parse()

	if _, err := os.Stat(filepath.Join(*dir, "bonemusic.wasm")); err != nil {
		fmt.Fprintf(os.Stderr, "serve: %s has no bonemusic.wasm: run `make wasm` first\n", *dir)
		os.Exit(1)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "serve: %v (is another server on that port? try -addr 127.0.0.1:8081)\n", err)
		os.Exit(1)
	}
	fmt.Printf("Bone Music is being served: open http://%s/\n", ln.Addr())
	srv := &http.Server{Handler: web.Handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
