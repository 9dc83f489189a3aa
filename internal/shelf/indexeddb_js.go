//go:build js && wasm

package shelf

import (
	"errors"
	"fmt"
	"syscall/js"

	"bonemusic/internal/jsawait"
)

// idbStore is the page's IndexedDB, through web/shelf.js (window.
// bonemusicShelf), which runs every put in one transaction of its own.
// Its calls await promises: make them from a goroutine, never from inside a
// JavaScript callback.
type idbStore struct{ api js.Value }

var errNoStorage = errors.New("this browser cannot keep discs for this page (IndexedDB is unavailable: a private window may block it); discs can still be exported as .bone files")

// Open is the page's collection.
func Open() (Store, error) {
	api := js.Global().Get("bonemusicShelf")
	if !jsawait.HasMethod(api, "put") {
		return nil, errNoStorage
	}
	return &idbStore{api}, nil
}

// storageError turns the browser's refusals into words to act on.
func storageError(err error) error {
	switch jsawait.ErrorName(err) {
	case "":
		return err
	case "QuotaExceededError":
		return ErrFull
	case "ConflictError": // web/shelf.js: the revision check in the transaction
		return ErrChanged
	case "InvalidStateError", "UnknownError", "NotFoundError", "SecurityError":
		return fmt.Errorf("%w (%v)", errNoStorage, err)
	}
	return fmt.Errorf("the browser's storage failed: %w", err)
}

func (s *idbStore) List() ([]string, error) {
	v, err := jsawait.CallAwait(s.api, "list")
	if err != nil {
		return nil, storageError(err)
	}
	ids := make([]string, 0, v.Length())
	for i := range v.Length() {
		if id := v.Index(i).String(); validID(id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// Get reads the record {bytes, rev} web/shelf.js keeps under id.
func (s *idbStore) Get(id string) ([]byte, Revision, error) {
	if err := checkID(id); err != nil {
		return nil, NoRevision, err
	}
	v, err := jsawait.CallAwait(s.api, "get", id)
	if err != nil {
		return nil, NoRevision, storageError(err)
	}
	if !jsawait.IsObject(v) {
		return nil, NoRevision, ErrNotFound
	}
	bytes := v.Get("bytes")
	b := make([]byte, bytes.Get("byteLength").Int())
	js.CopyBytesToGo(b, js.Global().Get("Uint8Array").New(bytes.Get("buffer"), bytes.Get("byteOffset"), bytes.Get("byteLength")))
	return b, Revision(v.Get("rev").String()), nil
}

// Put hands base to web/shelf.js, which checks it and writes in one
// readwrite transaction: two tabs cannot both pass the check.
func (s *idbStore) Put(id string, data []byte, base Revision) (Revision, error) {
	if err := checkID(id); err != nil {
		return NoRevision, err
	}
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	rev, err := jsawait.CallAwait(s.api, "put", id, arr, string(base))
	if err != nil {
		return NoRevision, storageError(err)
	}
	return Revision(rev.String()), nil
}

func (s *idbStore) Remove(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if _, err := jsawait.CallAwait(s.api, "remove", id); err != nil {
		return storageError(err)
	}
	return nil
}
