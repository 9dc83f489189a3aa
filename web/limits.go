package web

import (
	"net"
	"net/http"
	"time"
)

// Limits protect the server from clients that hold connections without
// using them: idle keep-alives, requests sent a byte at a time, readers
// that take the wasm at a few bytes per second.
type Limits struct {
	// ReadHeader is how long a client has to send its request's headers.
	ReadHeader time.Duration
	// Read is how long a client has to send a whole request (ours are
	// bodiless GETs, so a few seconds is generous).
	Read time.Duration
	// Idle is how long a keep-alive connection may wait for its next request.
	Idle time.Duration
	// WriteStall is how long one chunk of a response may take to leave.
	// A deadline on the whole response could not tell a 13 MB wasm on a
	// slow phone link from a client that stopped reading; a deadline per
	// chunk can: the client must take WriteChunk bytes per WriteStall.
	WriteStall time.Duration
	// MaxConns caps open connections (each costs a file descriptor and
	// about 20 KB). At the cap a new connection displaces the longest idle
	// one, so idle connections can never lock a visitor out.
	MaxConns int
}

// WriteChunk is the most a response writes under one deadline.
const WriteChunk = 32 << 10

// DefaultLimits suit a kiosk or a museum's site. The write limit asks for
// 32 KB per 10 s (3.2 KB/s): a 2G phone link does ten times that, a
// client reading 16 B/s is cut off. 900 connections serve 150 browsers
// at six each and stay under the 1,024 file descriptors many systems give
// a process, with room for the files being sent.
func DefaultLimits() Limits {
	return Limits{
		ReadHeader: 5 * time.Second,
		Read:       10 * time.Second,
		Idle:       30 * time.Second,
		WriteStall: 10 * time.Second,
		MaxConns:   900,
	}
}

// Server is an http.Server held to Limits. It offers only Serve, so no
// way of starting it skips the connection cap.
type Server struct {
	http  *http.Server
	conns *connTable
}

// NewServer serves h within lim.
func NewServer(h http.Handler, lim Limits) *Server {
	conns := newConnTable(lim.MaxConns)
	return &Server{
		http: &http.Server{
			Handler:           stallGuard(h, lim.WriteStall),
			ReadHeaderTimeout: lim.ReadHeader,
			ReadTimeout:       lim.Read,
			IdleTimeout:       lim.Idle,
			ConnState:         conns.setState,
		},
		conns: conns,
	}
}

// Serve accepts connections on ln, at most MaxConns open at once, until
// Close; then it returns http.ErrServerClosed.
func (s *Server) Serve(ln net.Listener) error {
	return s.http.Serve(&cappedListener{Listener: ln, conns: s.conns})
}

// Close closes the listener and every connection.
func (s *Server) Close() error { return s.http.Close() }

// OpenConns is the number of connections open now.
func (s *Server) OpenConns() int { return s.conns.count() }

// stallGuard gives every chunk of a response its own write deadline.
func stallGuard(h http.Handler, stall time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &stallWriter{ResponseWriter: w, rc: http.NewResponseController(w), stall: stall}
		// Also for responses without a body: the deadline of the
		// connection's previous request would otherwise still apply.
		sw.extend()
		h.ServeHTTP(sw, r)
	})
}

type stallWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
}

func (w *stallWriter) extend() { _ = w.rc.SetWriteDeadline(time.Now().Add(w.stall)) }

func (w *stallWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		n := min(len(p), WriteChunk)
		w.extend()
		m, err := w.ResponseWriter.Write(p[:n])
		written += m
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}

// Unwrap lets http.ResponseController reach the connection.
func (w *stallWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
