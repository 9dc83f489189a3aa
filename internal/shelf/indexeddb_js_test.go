//go:build js && wasm

package shelf

import (
	"errors"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// fakeShelf stands in for web/shelf.js: the same promise API over a Map,
// with a quota that a test may set.
const fakeShelf = `
const m = new Map();
globalThis.bonemusicShelf = {
  quota: Infinity,
  list: async () => [...m.keys()].sort(),
  get: async (id) => m.get(id),
  put: async function (id, bytes) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('not bytes');
    if (bytes.length > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    m.set(id, bytes.slice());
  },
  remove: async (id) => { m.delete(id); },
};`

func installFake(t *testing.T) {
	t.Helper()
	js.Global().Get("Function").New(fakeShelf).Invoke()
	t.Cleanup(func() { js.Global().Delete("bonemusicShelf") })
}

func TestIndexedDBStore(t *testing.T) {
	installFake(t)
	s, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	checkStore(t, s)
}

// A full storage is ErrFull, with words to act on; what was saved stays.
func TestIndexedDBFull(t *testing.T) {
	installFake(t)
	s, _ := Open()
	id := NewID(time.Now(), 0)
	if err := s.Put(id, []byte("old")); err != nil {
		t.Fatal(err)
	}
	js.Global().Get("bonemusicShelf").Set("quota", 10)
	if err := s.Put(id, []byte("a much longer disc")); !errors.Is(err, ErrFull) {
		t.Errorf("over the quota: %v, want ErrFull", err)
	}
	if b, err := s.Get(id); err != nil || string(b) != "old" {
		t.Errorf("after the refused save: %q, %v; want the old disc", b, err)
	}
}

func TestIndexedDBMissing(t *testing.T) {
	if _, err := Open(); err == nil || !strings.Contains(err.Error(), "cannot keep discs") {
		t.Errorf("no IndexedDB: %v", err)
	}
}
