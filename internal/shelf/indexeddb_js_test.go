//go:build js && wasm

package shelf

import (
	"errors"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// fakeShelf stands in for web/shelf.js: the same promise API and revision
// check over a Map, with a quota that a test may set.
const fakeShelf = `
const m = new Map();
globalThis.bonemusicShelf = {
  quota: Infinity,
  list: async () => [...m.keys()].sort(),
  get: async (id) => m.get(id),
  put: async function (id, bytes, base) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('not bytes');
    if (typeof base !== 'string') throw new TypeError('no base revision');
    if (bytes.length > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    const cur = m.has(id) ? m.get(id).rev : '';
    if (cur !== base) throw new DOMException('changed', 'ConflictError');
    const rev = String(Number(cur) + 1);
    m.set(id, { bytes: bytes.slice(), rev });
    return rev;
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
	rev, err := s.Put(id, []byte("old"), NoRevision)
	if err != nil {
		t.Fatal(err)
	}
	js.Global().Get("bonemusicShelf").Set("quota", 10)
	if _, err := s.Put(id, []byte("a much longer disc"), rev); !errors.Is(err, ErrFull) {
		t.Errorf("over the quota: %v, want ErrFull", err)
	}
	if b, _, err := s.Get(id); err != nil || string(b) != "old" {
		t.Errorf("after the refused save: %q, %v; want the old disc", b, err)
	}
}

// Two tabs share the page's IndexedDB: the second save of a disc both
// opened is ErrChanged.
func TestIndexedDBTwoTabs(t *testing.T) {
	installFake(t)
	one, _ := Open()
	two, _ := Open()
	checkTwoWindows(t, one, two)
}

func TestIndexedDBMissing(t *testing.T) {
	if _, err := Open(); err == nil || !strings.Contains(err.Error(), "cannot keep discs") {
		t.Errorf("no IndexedDB: %v", err)
	}
}
