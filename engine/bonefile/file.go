//go:build !js

package bonefile

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"bonemusic/engine"
	"bonemusic/internal/atomicfile"
)

// ReadFile opens and decodes the disc file at path, and removes what
// killed saves of it left beside it.
func ReadFile(path string) (*engine.Disc, error) {
	atomicfile.CleanStaleOf(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return d, nil
}

// WriteFile saves d to path atomically (internal/atomicfile): a crash or
// power cut leaves either the old disc or the new one, never half of each.
// A kiosk runs for days; this is what keeps its collection. It takes the
// file's save lock, so it waits for another process's edit of the same
// disc (a play) to finish rather than be undone by it.
func WriteFile(path string, d *engine.Disc) error {
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, buf.Bytes(), atomicfile.KeepMode(path, 0o644)); err != nil {
		return fmt.Errorf("bonefile: %w", err)
	}
	return nil
}

// IsDiscFile reports whether path holds a disc file (by its magic, damaged
// or not): commands refuse to replace one with anything else.
func IsDiscFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(magic))
	n, _ := io.ReadFull(f, head)
	return n == len(magic) && string(head) == magic
}
