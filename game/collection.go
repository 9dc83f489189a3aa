package game

import (
	"bytes"
	"errors"
	"image"
	"time"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/internal/shelf"
	"bonemusic/render"
)

// shelfThumbPX is the size of a disc's picture on the shelf.
const shelfThumbPX = 160

// shelfEntry is one saved disc as the shelf shows it.
type shelfEntry struct {
	id      string
	title   string
	film    string
	plays   int
	wear    float64 // mean over the programme: 0 fresh … 1 worn through
	seconds float64
	thumb   *image.NRGBA
}

// collection is the visitor's saved discs. Its store is reached only from
// jobs (a browser's storage answers with promises, and files take time),
// one at a time; the game reads the entries the last job left.
type collection struct {
	open    func() (shelf.Store, error) // the store, opened at first use
	store   shelf.Store
	openErr error
	entries []shelfEntry
	loaded  bool
	work    *job[shelfDone] // the store operation under way
	undo    *deletedDisc    // the last disc deleted, until undone or replaced
	seq     int
	// revs is each disc's revision as this window last took or saved it: a
	// save replaces only that, so another window's save is never undone.
	revs map[string]shelf.Revision
}

// deletedDisc is what Undo puts back.
type deletedDisc struct {
	entry shelfEntry
	data  []byte
	at    int // where it stood on the shelf
}

// shelfDone is what a store job hands back.
type shelfDone struct {
	entries []shelfEntry   // the whole shelf again (nil: unchanged)
	saved   string         // the id a save wrote (or a disc taken off the shelf)
	rev     shelf.Revision // saved's revision
	opened  *engine.Disc   // a disc taken off the shelf
	deleted *deletedDisc
}

// errShelfBusy: one change to the shelf at a time.
var errShelfBusy = errors.New("the shelf is busy: try again in a moment")

func newCollection(open func() (shelf.Store, error)) *collection {
	return &collection{open: open, revs: map[string]shelf.Revision{}}
}

// busy reports whether a store job is under way.
func (c *collection) busy() bool { return c.work != nil }

// start runs op on the store beside the game; an error when another is
// under way or there is no store. op gets the entries the shelf shows now,
// by id, so it need read again only what it changed.
func (c *collection) start(op func(s shelf.Store, known map[string]shelfEntry, progress func(float64)) (shelfDone, error)) error {
	if c.store == nil && c.openErr == nil {
		c.store, c.openErr = c.open()
	}
	switch {
	case c.store == nil:
		return c.openErr
	case c.work != nil:
		return errShelfBusy
	}
	s := c.store
	known := make(map[string]shelfEntry, len(c.entries))
	for _, e := range c.entries {
		known[e.id] = e
	}
	c.work = startJob(func(progress func(float64)) (shelfDone, error) { return op(s, known, progress) })
	return nil
}

// poll takes a finished job's result into the shelf.
func (c *collection) poll() (shelfDone, error, bool) {
	r, err, ok := c.work.poll()
	if !ok {
		return r, nil, false
	}
	c.work = nil
	if r.entries != nil {
		c.entries, c.loaded = r.entries, true
	}
	if r.saved != "" {
		c.revs[r.saved] = r.rev
	}
	if r.deleted != nil {
		c.undo = r.deleted
		delete(c.revs, r.deleted.entry.id)
	}
	if c.undo != nil && r.saved == c.undo.entry.id {
		c.undo = nil // undone
	}
	return r, err, true
}

// refresh reads the whole shelf again.
func (c *collection) refresh() error {
	return c.start(func(s shelf.Store, _ map[string]shelfEntry, progress func(float64)) (shelfDone, error) {
		entries, err := readShelf(s, nil, progress)
		return shelfDone{entries: entries}, err
	})
}

// readShelf lists the shelf and decodes each saved disc into its entry,
// reusing the known ones; a damaged disc is skipped (it stays in the
// store, untouched).
func readShelf(s shelf.Store, known map[string]shelfEntry, progress func(float64)) ([]shelfEntry, error) {
	ids, err := s.List()
	if err != nil {
		return nil, err
	}
	entries := []shelfEntry{}
	for i, id := range ids {
		if e, ok := known[id]; ok {
			entries = append(entries, e)
			continue
		}
		b, _, err := s.Get(id)
		if err == nil {
			if d, err := bonefile.Decode(bytes.NewReader(b)); err == nil {
				entries = append(entries, entryFor(id, d))
			}
		}
		progress(float64(i+1) / float64(len(ids)))
	}
	return entries, nil
}

// entryFor describes d, saved as id, for the shelf.
func entryFor(id string, d *engine.Disc) shelfEntry {
	e := shelfEntry{id: id, title: d.Params.Title, film: d.Params.Film, plays: d.Plays(), seconds: d.ProgrammeSeconds()}
	cells := 0
	for i := d.ProgrammeStart(); i < d.ProgrammeEnd(); i += engine.BlockSize {
		e.wear += d.Wear(i)
		cells++
	}
	if cells > 0 {
		e.wear /= float64(cells)
	}
	e.thumb, _ = render.Disc(d, shelfThumbPX) // no picture is no reason to hide the disc
	return e
}

// save writes d (a copy the caller will not touch again) under id, or
// under a new id when id is "".
func (c *collection) save(d *engine.Disc, id string) error {
	if id == "" {
		c.seq++
		id = shelf.NewID(time.Now(), c.seq)
	}
	base := c.revs[id]
	return c.start(func(s shelf.Store, known map[string]shelfEntry, progress func(float64)) (shelfDone, error) {
		var buf bytes.Buffer
		if err := bonefile.Encode(&buf, d); err != nil {
			return shelfDone{}, err
		}
		rev, err := s.Put(id, buf.Bytes(), base)
		if err != nil {
			return shelfDone{}, err
		}
		known[id] = entryFor(id, d)
		entries, err := readShelf(s, known, progress)
		return shelfDone{entries: entries, saved: id, rev: rev}, err
	})
}

// take takes entry i's disc off the shelf.
func (c *collection) take(i int) error {
	if i < 0 || i >= len(c.entries) {
		return nil
	}
	id := c.entries[i].id
	return c.start(func(s shelf.Store, _ map[string]shelfEntry, _ func(float64)) (shelfDone, error) {
		b, rev, err := s.Get(id)
		if err != nil {
			return shelfDone{}, err
		}
		d, err := bonefile.Decode(bytes.NewReader(b))
		return shelfDone{opened: d, saved: id, rev: rev}, err
	})
}

// rename gives entry i a new title: the disc is saved again with it.
func (c *collection) rename(i int, title string) error {
	if i < 0 || i >= len(c.entries) {
		return nil
	}
	id := c.entries[i].id
	return c.start(func(s shelf.Store, known map[string]shelfEntry, progress func(float64)) (shelfDone, error) {
		b, rev, err := s.Get(id)
		if err != nil {
			return shelfDone{}, err
		}
		d, err := bonefile.Decode(bytes.NewReader(b))
		if err != nil {
			return shelfDone{}, err
		}
		d.Params.Title = title
		var buf bytes.Buffer
		if err := bonefile.Encode(&buf, d); err != nil {
			return shelfDone{}, err
		}
		if rev, err = s.Put(id, buf.Bytes(), rev); err != nil {
			return shelfDone{}, err
		}
		e := known[id]
		e.title = title
		known[id] = e
		entries, err := readShelf(s, known, progress)
		return shelfDone{entries: entries, saved: id, rev: rev}, err
	})
}

// remove deletes entry i, keeping its bytes for Undo.
func (c *collection) remove(i int) error {
	if i < 0 || i >= len(c.entries) {
		return nil
	}
	e := c.entries[i]
	return c.start(func(s shelf.Store, known map[string]shelfEntry, progress func(float64)) (shelfDone, error) {
		b, _, err := s.Get(e.id)
		if err != nil {
			return shelfDone{}, err
		}
		if err := s.Remove(e.id); err != nil {
			return shelfDone{}, err
		}
		entries, err := readShelf(s, known, progress)
		return shelfDone{entries: entries, deleted: &deletedDisc{entry: e, data: b, at: i}}, err
	})
}

// restore puts the last deleted disc back under its own id.
func (c *collection) restore() error {
	u := c.undo
	if u == nil {
		return nil
	}
	// c.undo stays until the job has put it back (poll), so a failed
	// restore can be tried again.
	return c.start(func(s shelf.Store, known map[string]shelfEntry, progress func(float64)) (shelfDone, error) {
		rev, err := s.Put(u.entry.id, u.data, shelf.NoRevision)
		if err != nil {
			return shelfDone{}, err
		}
		known[u.entry.id] = u.entry
		entries, err := readShelf(s, known, progress)
		return shelfDone{entries: entries, saved: u.entry.id, rev: rev}, err
	})
}
