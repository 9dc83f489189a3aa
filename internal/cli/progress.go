//go:build !js

package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// progress draws one self-overwriting status line on a terminal.
type progress struct {
	w       io.Writer // nil: not a terminal, say nothing
	drawn   bool
	lastLen int
}

func newProgress(stderr io.Writer) *progress {
	if !isTerminal(stderr) {
		return &progress{}
	}
	return &progress{w: stderr}
}

func (p *progress) show(format string, a ...any) {
	if p.w == nil {
		return
	}
	line := fmt.Sprintf(format, a...)
	width := utf8.RuneCountInString(line)
	pad := max(0, p.lastLen-width)
	fmt.Fprintf(p.w, "\r%s%*s", line, pad, "")
	p.drawn, p.lastLen = true, width+pad
}

// done clears the line so the final message starts clean.
func (p *progress) done() {
	if p.w == nil || !p.drawn {
		return
	}
	fmt.Fprintf(p.w, "\r%*s\r", p.lastLen, "")
	p.drawn = false
}
