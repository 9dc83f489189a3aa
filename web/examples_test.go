package web

import (
	"os"
	"strings"
	"testing"
)

// The example host page is what museums copy: it must work under a strict
// Content-Security-Policy (no inline script or style), and its iframe ask
// only for what the demo record needs.
func TestExampleHostPage(t *testing.T) {
	b, err := os.ReadFile("examples/host.html")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if inlineCode.MatchString(s) {
		t.Error("examples/host.html has inline script or style")
	}
	if n := strings.Count(s, `allow="`); n != 1 || !strings.Contains(s, `allow="autoplay; fullscreen"`) {
		t.Error(`the example's iframe should ask only for allow="autoplay; fullscreen"`)
	}
}
