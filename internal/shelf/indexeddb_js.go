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

func (s *idbStore) Get(id string) ([]byte, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	v, err := jsawait.CallAwait(s.api, "get", id)
	if err != nil {
		return nil, storageError(err)
	}
	if !jsawait.IsObject(v) {
		return nil, ErrNotFound
	}
	b := make([]byte, v.Get("byteLength").Int())
	js.CopyBytesToGo(b, js.Global().Get("Uint8Array").New(v.Get("buffer"), v.Get("byteOffset"), v.Get("byteLength")))
	return b, nil
}

func (s *idbStore) Put(id string, data []byte) error {
	if err := checkID(id); err != nil {
		return err
	}
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	if _, err := jsawait.CallAwait(s.api, "put", id, arr); err != nil {
		return storageError(err)
	}
	return nil
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
