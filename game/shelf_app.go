package game

import (
	"errors"

	"bonemusic/engine"
	"bonemusic/internal/shelf"
)

// The shelf as the app uses it: the record on the turntable is kept there
// when the visitor saves it, and once kept, again after every play, so the
// shelf always shows its plays and wear. Saves wait for the shelf to be
// free: none is lost to a busy moment.

// keepOnShelf asks for the record on the turntable to be saved to the
// shelf (under its id once it has one); announce tells the visitor when it
// is done.
func (a *app) keepOnShelf(announce bool) {
	if a.studio.disc == nil {
		return
	}
	a.shelfWant, a.shelfAnnounce = a.studio.disc, a.shelfAnnounce || announce
}

// shelfTick runs the shelf's work each tick — a save asked for, once the
// shelf is free, and the end of any job — and returns the scene to show:
// the turntable when a record was taken off the shelf, else cur.
func (a *app) shelfTick(cur scene) scene {
	if d, id := a.shelfWork(); d != nil {
		next := a.playDisc(d)
		a.studio.shelfID = id
		return next
	}
	return cur
}

func (a *app) shelfWork() (*engine.Disc, string) {
	r, err, ok := a.shelf.poll()
	if ok {
		switch {
		case err != nil:
			a.say("%v", err)
			if errors.Is(err, shelf.ErrChanged) && a.shelfSaving == a.studio.disc {
				a.studio.shelfID = "" // the visitor's version stays here; Save keeps it as a new record
			}
			a.shelfSaving = nil
		case r.opened != nil:
			return r.opened, r.saved
		case r.saved != "" && a.shelfSaving != nil:
			if a.shelfSaving == a.studio.disc {
				a.studio.shelfID = r.saved
				if a.shelfSaidSaving {
					a.say(a.text.OnShelf, titleOr(a.studio.disc.Params.Title, a.text.Untitled))
				}
			}
			a.shelfSaving = nil
		}
	}
	if a.shelfWant != nil && !a.shelf.busy() && !a.tt.Busy() {
		if a.shelfWant != a.studio.disc {
			a.shelfWant = nil // the record changed before the save could start
			return nil, ""
		}
		// A copy taken under the turntable's lock, and only of this record
		// on the platter: off it (being aged) it waits until it is back.
		d := a.tt.Snapshot(a.shelfWant, -1)
		if d == nil {
			return nil, ""
		}
		if err := a.shelf.save(d, a.studio.shelfID); err != nil {
			a.say("%v", err)
		} else {
			a.shelfSaving, a.shelfSaidSaving = a.shelfWant, a.shelfAnnounce
		}
		a.shelfWant, a.shelfAnnounce = nil, false
	}
	return nil, ""
}

// titleOr is the title, or the name for a record without one.
func titleOr(title, untitled string) string {
	if title == "" {
		return untitled
	}
	return title
}
