//go:build !js

package game

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bonemusic/internal/shelf"
)

// FuzzOpenFile: whatever bytes a visitor drops or uploads, openFile never
// panics, gives a disc or a sound or an error and never two of them, a sound
// it gives is finite, and the notice for an error is a sentence of the
// visitor's language, never empty. Seeds (the bad-input matrix and good
// files of each kind) live in testdata/fuzz/FuzzOpenFile and run with every
// `go test`; regenerate them with BONEMUSIC_WRITE_SEEDS=1.
func FuzzOpenFile(f *testing.F) {
	en, ru := &app{text: texts["en"]}, &app{text: texts["ru"]}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := openFile(File{Name: "x", Data: data}, func(float64) {})
		if err != nil {
			if o.disc != nil || o.sound != nil {
				t.Fatalf("an error (%v) and a result", err)
			}
			for _, a := range []*app{en, ru} {
				if msg := a.fileProblem("x", err); !strings.Contains(msg, "x") || len(msg) < 20 {
					t.Fatalf("notice %q for %v", msg, err)
				}
			}
			return
		}
		if (o.disc == nil) == (o.sound == nil) {
			t.Fatalf("disc %v and %d samples", o.disc != nil, len(o.sound))
		}
		for i, x := range o.sound {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				t.Fatalf("sample %d is %v", i, x)
			}
		}
	})
}

// memStore is a shelf.Store in memory whose records are whatever a test
// puts there: a browser's IndexedDB can hold anything another tab, an
// older build or a curious visitor's console wrote.
type memStore map[string][]byte

func (m memStore) List() ([]string, error) {
	var ids []string
	for id := range m {
		ids = append(ids, id)
	}
	return ids, nil
}

func (m memStore) Get(id string) ([]byte, shelf.Revision, error) {
	b, ok := m[id]
	if !ok {
		return nil, shelf.NoRevision, shelf.ErrNotFound
	}
	return b, "1", nil
}

func (m memStore) Put(id string, b []byte, _ shelf.Revision) (shelf.Revision, error) {
	m[id] = b
	return "1", nil
}

func (m memStore) Remove(id string) error { delete(m, id); return nil }

// FuzzShelfRecord: a stored record of any bytes never panics the shelf's
// reading; a damaged one is left out of the shelf (and left in the store),
// a good one is listed with its title.
func FuzzShelfRecord(f *testing.F) {
	good := boneFile(f, "kept")
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Add(withNonUTF8Title(f))
	f.Fuzz(func(t *testing.T, record []byte) {
		id := shelf.NewID(time.Unix(1, 0), 1)
		store := memStore{id: record}
		entries, err := readShelf(store, nil, func(float64) {})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) > 1 || len(entries) == 1 && entries[0].id != id {
			t.Fatalf("entries %+v from one record", entries)
		}
		if len(store[id]) != len(record) {
			t.Fatal("reading the shelf changed the record")
		}
	})
}

// TestWriteOpenFileSeeds writes the bad-input matrix and a good file of
// each kind as FuzzOpenFile's seed corpus (the 2-hour sound is left out: its
// 58 MB would bloat the repository; its header-only cousin goes in).
func TestWriteOpenFileSeeds(t *testing.T) {
	if os.Getenv("BONEMUSIC_WRITE_SEEDS") == "" {
		t.Skip("set BONEMUSIC_WRITE_SEEDS=1 to regenerate testdata/fuzz/FuzzOpenFile")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzOpenFile")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seeds := map[string][]byte{
		"good.wav":         wavFile(1, 1, 8000, 16, pcm16(8000)[:400], -1),
		"good.bone":        boneFile(t, "a letter"),
		"nan.wav":          wavFile(3, 1, 8000, 32, float32Samples(0.5, float32(math.NaN()), float32(math.Inf(-1))), -1),
		"two-hours-header": wavFile(1, 1, 8000, 8, make([]byte, 64), 2*60*60*8000),
	}
	for _, c := range badFiles(t) {
		if len(c.data) < 1<<20 {
			seeds[c.name] = c.data
		}
	}
	for name, data := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(name, ".", "_")), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
