// Package shelf keeps the visitor's collection of discs: each saved disc is
// its .bone bytes under an id. The desktop keeps them as files in the
// user's data folder, each saved atomically (internal/atomicfile); a browser
// keeps them in IndexedDB, where every save is one transaction. Either way
// a save interrupted at any moment — a kill, a closed tab, a power cut —
// leaves the old disc or the new one, never half of either.
//
// Two app windows or two browser tabs may save the same disc: every save
// names the revision it replaces, and the store refuses it (ErrChanged)
// when another window saved or removed the disc meanwhile, so neither
// window's plays silently undo the other's. The check and the write are
// one step: under the file's lock on the desktop, in one readwrite
// transaction in the browser.
//
// Stores are safe for one goroutine at a time; the app drives its shelf
// from one job at a time.
package shelf

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Store is a collection of saved discs.
type Store interface {
	// List is the ids of the saved discs, oldest first.
	List() ([]string, error)
	// Get is the bytes saved under id and their revision.
	Get(id string) ([]byte, Revision, error)
	// Put saves data under id, replacing the revision base (NoRevision:
	// nothing is saved under id yet), and returns the new revision; when
	// base is no longer what is saved, it saves nothing: ErrChanged.
	Put(id string, data []byte, base Revision) (Revision, error)
	// Remove deletes id; removing what is not there is no error.
	Remove(id string) error
}

// ErrNotFound means nothing is saved under an id.
var ErrNotFound = errors.New("shelf: no such disc")

// Revision names one saved version of a disc.
type Revision string

// NoRevision is the base of a save under an id where nothing is saved.
const NoRevision Revision = ""

// ErrChanged means another window saved or removed the disc since this one
// read it; this save was refused and nothing was written. The window keeps
// its own version in memory.
var ErrChanged = errors.New("this record was changed or removed in another window while it was open here, so this version was not saved over it; press Save to shelf to keep it as a new record")

// ErrFull means the storage refused the save for want of room; the discs
// already saved are untouched.
var ErrFull = errors.New("the storage for saved discs is full: delete a disc from the shelf to make room (everything saved so far is kept)")

// NewID is an id for a new disc: the time it was first saved, so ids sort
// oldest first, with seq to tell apart two saves in one clock tick.
func NewID(now time.Time, seq int) string {
	return fmt.Sprintf("d%020d-%03d", now.UnixNano(), seq%1000)
}

// validID reports whether id is one NewID could have made: the only names
// a store reads or writes, so no id reaches outside its folder.
func validID(id string) bool {
	num, seq, ok := strings.Cut(strings.TrimPrefix(id, "d"), "-")
	if !strings.HasPrefix(id, "d") || !ok || len(num) != 20 || len(seq) != 3 {
		return false
	}
	_, err1 := strconv.ParseUint(num, 10, 64)
	_, err2 := strconv.ParseUint(seq, 10, 16)
	return err1 == nil && err2 == nil
}

func checkID(id string) error {
	if !validID(id) {
		return fmt.Errorf("shelf: %q is not a disc id", id)
	}
	return nil
}
