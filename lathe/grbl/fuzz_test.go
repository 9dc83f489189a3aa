package grbl

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzParse: no line from a device — garbage, a half-received report, noise
// on the wire — may panic Parse or produce a response outside its kinds,
// and what it accepts as a status has finite numbers.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"ok", "error:23", "ALARM:9", "<Run|MPos:1,2,3|Bf:15,128|FS:2,0>",
		"<Hold:0|WPos:-1.5,0,0|F:10>", "[MSG:Caution: Unlocked]", "Grbl 1.1h ['$' for help]", "<Idle|MPos:1e308,0,0>", "\xff\xfe<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r := Parse(line)
		if r.Kind > KindBanner {
			t.Fatalf("kind %d", r.Kind)
		}
		if len(r.Text) > maxResponseBytes {
			t.Fatalf("%d bytes of text kept", len(r.Text))
		}
		if r.Kind == KindStatus {
			for _, v := range append(r.Status.MPos[:], append(r.Status.WPos[:], r.Status.Feed, r.Status.Spindle)...) {
				if v != v || v > 1e9 || v < -1e9 {
					t.Fatalf("status number %v from %q", v, line)
				}
			}
		}
		_ = strings.TrimSpace(r.String())
	})
}

// FuzzLines: any byte stream from a serial port — a different firmware, a
// wrong baud rate, a line with no end — is split into lines no longer than
// the reader's buffer, each parsed without panic, and the stream's end is
// reported.
func FuzzLines(f *testing.F) {
	for _, s := range []string{"ok\r\nok\r\n", "Grbl 1.1h ['$' for help]\r\n<Idle|MPos:0,0,0|FS:0,0>\r\nerror:9\r\n",
		strings.Repeat("x", 2000) + "\nok\n", "\x00\xff\r\r\n", "ok"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 0
		err := eachLine(bytes.NewReader(data), func(line string) bool {
			if len(line) > 512 {
				t.Fatalf("a line of %d bytes handed on", len(line))
			}
			lines++
			Parse(line)
			return true
		})
		if !errors.Is(err, io.EOF) {
			t.Fatalf("stream end reported as %v", err)
		}
		if lines > bytes.Count(data, []byte("\n")) {
			t.Fatalf("%d lines from %d newlines", lines, bytes.Count(data, []byte("\n")))
		}
	})
}
