package audioio

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A WAV too long to decode is refused from its header, before the rest of
// the file is read. The file is 2 hours of 8 kHz 8-bit mono (58 MB, under
// the file-size limit, so only the length can refuse it), made sparse so
// it costs no disk; the read must allocate far less than the file.
func TestLongWAVRefusedFromItsHeader(t *testing.T) {
	const rateHz, seconds = 8000, 2 * 3600
	spec := wavSpec{tag: tagPCM, numChannels: 1, rateHz: rateHz, bits: 8, frames: 1, dataSize: rateHz * seconds}
	header := spec.build()
	path := filepath.Join(t.TempDir(), "two hours.wav")
	if err := os.WriteFile(path, header, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, int64(len(header)-1+rateHz*seconds)); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := ReadFile(path)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "120.0 minutes") {
		t.Errorf("2-hour WAV: %v, want ErrTooLarge saying it is 120 minutes", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing it allocated %d MB; the header alone decides", alloc>>20)
	}
}
