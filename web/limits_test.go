//go:build unix

package web

import (
	"bufio"
	"crypto/rand"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// One client on 127.0.0.1 holds 2,000 idle connections (half after a
// request, half that never send one) and 50 more reading the wasm at 16 B/s,
// while a visitor on a slow but honest link downloads. A new visitor must
// still be answered within 1 s, the server must hold no more connections
// than its cap, the 16 B/s readers must be cut off, the honest one not.
func TestServerSurvivesIdleAndSlowClients(t *testing.T) {
	idle := 2000
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err == nil && rl.Cur < uint64(2*idle+600) {
		idle = int(rl.Cur-600) / 2 // both ends are in this process
		if idle < 200 {
			t.Skipf("only %d file descriptors: too few for the test", rl.Cur)
		}
	}
	const slowReaders = 50
	dir := t.TempDir()
	writeRandom(t, filepath.Join(dir, "big.wasm"), 8<<20) // more than socket buffers hold
	writeRandom(t, filepath.Join(dir, "mid.wasm"), 512<<10)
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits()
	lim.WriteStall = time.Second // the default's 10 s would make the test slow
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(Handler(dir), lim)
	go srv.Serve(ln)
	defer srv.Close()
	addr := ln.Addr().String()

	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	start := time.Now()
	for i := range idle {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("idle connection %d: %v", i, err)
		}
		conns = append(conns, c)
		if i%2 == 0 { // a keep-alive after one request
			io.WriteString(c, "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
			if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
	}
	t.Logf("%d idle connections opened in %v; the server holds %d (cap %d)", idle, time.Since(start).Round(time.Millisecond), srv.OpenConns(), lim.MaxConns)

	var done sync.WaitGroup
	stop := make(chan struct{})
	defer func() { close(stop); done.Wait() }()
	for range slowReaders {
		c := dialSmallWindow(t, addr)
		conns = append(conns, c)
		io.WriteString(c, "GET /big.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
		done.Add(1)
		go func() { // 16 bytes a second
			defer done.Done()
			buf := make([]byte, 16)
			for {
				select {
				case <-stop:
					return
				case <-time.After(time.Second):
				}
				if _, err := c.Read(buf); err != nil {
					return
				}
			}
		}()
	}
	honest := make(chan error, 1)
	go func() { honest <- throttledGet("http://"+addr+"/mid.wasm", 128<<10, 512<<10) }()
	waitFor(t, 3*time.Second, "the slow readers' requests to arrive", func() bool { return srv.conns.busyCount() >= slowReaders })

	worst := time.Duration(0)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
	for range 5 {
		t0 := time.Now()
		resp, err := client.Get("http://" + addr + "/index.html")
		if err != nil {
			t.Fatalf("a new visitor during the attack: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		worst = max(worst, time.Since(t0))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("a new visitor during the attack: status %d", resp.StatusCode)
		}
	}
	t.Logf("a new visitor during the attack: slowest of 5 answers %v", worst.Round(time.Microsecond))
	if worst > time.Second {
		t.Errorf("a new visitor waited %v, want ≤ 1 s", worst)
	}
	if n := srv.OpenConns(); n > lim.MaxConns {
		t.Errorf("the server holds %d connections, cap %d", n, lim.MaxConns)
	}
	t0 := time.Now()
	waitFor(t, 5*lim.WriteStall, "the 16 B/s readers to be cut off", func() bool { return srv.conns.busyCount() <= 1 })
	t.Logf("the %d slow readers were cut off %v after the check (write stall limit %v)", slowReaders, time.Since(t0).Round(10*time.Millisecond), lim.WriteStall)
	if err := <-honest; err != nil {
		t.Errorf("a visitor reading 128 KB/s: %v", err)
	}
}

func writeRandom(t *testing.T, name string, n int) {
	t.Helper()
	b := make([]byte, n)
	rand.Read(b)
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// dialSmallWindow connects with a 4 KB receive buffer, so the kernel cannot
// take the whole response on the slow reader's behalf.
func dialSmallWindow(t *testing.T, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		var err error
		rc.Control(func(fd uintptr) { err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		return err
	}}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// throttledGet downloads url at about rate bytes per second and checks it
// gets want bytes.
func throttledGet(url string, rate, want int) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	got, buf := 0, make([]byte, rate/10)
	for {
		n, err := io.ReadFull(resp.Body, buf)
		got += n
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got != want {
		return io.ErrUnexpectedEOF
	}
	return nil
}

func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
