// Command serve serves a Bone Music build folder (dist/, made by `make
// dist`) for development and kiosks, held to web.DefaultLimits:
//
//	go run ./web/serve [-addr 127.0.0.1:8080] [-dir dist]
//	go run ./web/serve -check [-addr 127.0.0.1:8080]
//
// -check only says whether the address is free, so `make serve` can say so
// before it spends a minute building.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"bonemusic/web"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("dir", "dist", "build folder with index.html and build.json (make dist)")
	check := flag.Bool("check", false, "only check that the address is free")
	flag.Parse()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		portInUse(os.Stderr, *addr, err)
		os.Exit(1)
	}
	if *check {
		ln.Close()
		return
	}
	if _, err := os.Stat(filepath.Join(*dir, "build.json")); err != nil {
		fmt.Fprintf(os.Stderr, "serve: %s has no build.json: run `make dist` first (or `make serve`)\n", *dir)
		os.Exit(1)
	}
	fmt.Printf("Bone Music is being served from %s: open http://%s/\n", *dir, ln.Addr())
	srv := web.NewServer(web.Handler(*dir), web.DefaultLimits())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// portInUse tells the visitor how to pick another address, suggesting the
// next free port on the same host.
func portInUse(w io.Writer, addr string, err error) {
	host, port, splitErr := net.SplitHostPort(addr)
	if splitErr != nil {
		fmt.Fprintf(w, "serve: %q is not an address like 127.0.0.1:8080; run: make serve ADDR=127.0.0.1:8080\n", addr)
		return
	}
	if !errors.Is(err, syscall.EADDRINUSE) {
		fmt.Fprintf(w, "serve: cannot listen on %s (%v); pick another address: make serve ADDR=127.0.0.1:8080\n", addr, err)
		return
	}
	suggestion := "another port"
	if next := freePortAfter(host, port); next != "" {
		suggestion = net.JoinHostPort(host, next)
	}
	fmt.Fprintf(w, "serve: port %s is in use; run: make serve ADDR=%s\n", port, suggestion)
}

// freePortAfter finds a free port among the next few after port.
func freePortAfter(host, port string) string {
	p, err := strconv.Atoi(port)
	if err != nil {
		return ""
	}
	for q := p + 1; q <= p+20 && q < 65536; q++ {
		if ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(q))); err == nil {
			ln.Close()
			return strconv.Itoa(q)
		}
	}
	return ""
}
