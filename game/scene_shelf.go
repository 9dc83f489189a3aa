package game

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
)

// shelfScene is the visitor's collection: the saved records with their
// pictures, play counts and wear. A tap chooses a record, a second tap
// plays it; the chosen one can be renamed or deleted, and Undo brings the
// last deleted record back.
type shelfScene struct {
	chosen  int // index into the shelf's entries (-1: none)
	page    int
	thumbs  map[string]*upload
	editing bool
	draft   []rune
	back    func(a *app) scene // where Back goes
}

// maxTitleRunes keeps a title within what a disc file holds (512 bytes).
const maxTitleRunes = 120

func newShelfScene(a *app, back func(a *app) scene) *shelfScene {
	if err := a.shelf.refresh(); err != nil && err != errShelfBusy {
		a.say("%v", err)
	}
	return &shelfScene{chosen: -1, thumbs: map[string]*upload{}, back: back}
}

func (*shelfScene) name() sceneName { return sceneShelf }

// perPage is how many records one page of the shelf shows.
func shelfGrid(m metrics) (cols, rows int) {
	if m.portrait {
		return 2, 3
	}
	return 4, 2
}

func (s *shelfScene) update(a *app, in *Input) scene {
	m := metricsFor(a.w, a.h)
	entries := a.shelf.entries
	if s.chosen >= len(entries) {
		s.chosen = -1
	}
	if s.editing {
		return s.edit(a, in)
	}
	s.layout(a, m, entries)
	switch {
	case a.ui.pressed(in, "back") || in.Back:
		s.drop()
		return s.back(a)
	case a.ui.pressed(in, "rename"):
		s.editing, s.draft = true, []rune(entries[s.chosen].title)
	case a.ui.pressed(in, "delete"):
		if err := a.shelf.remove(s.chosen); err != nil {
			a.say("%v", err)
		} else {
			a.say(a.text.Deleted, titleOr(entries[s.chosen].title, a.text.Untitled))
			s.chosen = -1
		}
	case a.ui.pressed(in, "undo"):
		if err := a.shelf.restore(); err != nil {
			a.say("%v", err)
		}
	case a.ui.pressed(in, "shelf:more"):
		s.page++
	case a.ui.pressed(in, "shelf:less"):
		s.page--
	}
	for i := range entries {
		if !a.ui.pressed(in, "open:"+strconv.Itoa(i)) {
			continue
		}
		if s.chosen != i {
			s.chosen = i
			continue
		}
		if err := a.shelf.take(i); err != nil {
			a.say("%v", err)
		}
	}
	return s
}

// edit is the rename field: typed characters join the title, Backspace
// erases, Enter keeps it, Esc leaves it as it was.
func (s *shelfScene) edit(a *app, in *Input) scene {
	a.typing = true
	for _, r := range in.Chars {
		if len(s.draft) < maxTitleRunes && r >= ' ' && utf8.ValidRune(r) {
			s.draft = append(s.draft, r)
		}
	}
	switch {
	case in.Erase:
		if len(s.draft) > 0 {
			s.draft = s.draft[:len(s.draft)-1]
		}
	case in.Back:
		s.editing = false
	case in.OK:
		s.editing = false
		if err := a.shelf.rename(s.chosen, strings.TrimSpace(string(s.draft))); err != nil {
			a.say("%v", err)
		}
	}
	return s
}

func (s *shelfScene) layout(a *app, m metrics, entries []shelfEntry) {
	cols, rows := shelfGrid(m)
	per := cols * rows
	s.page = max(0, min(s.page, (len(entries)-1)/per))
	top := m.headerH() + float64(m.px)*1.6
	bar := Rect{m.pad, m.h - m.btnH - m.pad, m.w - 2*m.pad, m.btnH}
	area := Rect{m.pad, top, m.w - 2*m.pad, bar.Y - top - m.pad}
	cardH := area.H/float64(rows) - m.pad
	caption := float64(m.px) * 1.3
	boxes, _ := grid(area, per, cols, cardH, m.pad)
	busy := a.shelf.busy()
	for k := 0; k < per; k++ {
		i := s.page*per + k
		if i >= len(entries) {
			break
		}
		e := entries[i]
		if s.thumbs[e.id] == nil && e.thumb != nil {
			s.thumbs[e.id] = newUpload(e.thumb)
		}
		r := boxes[k]
		r.H -= caption
		a.ui.add(control{id: "open:" + strconv.Itoa(i), label: titleOr(e.title, a.text.Untitled), r: r, on: i == s.chosen, off: busy, pic: s.thumbs[e.id]})
	}
	ids := []string{"rename", "delete", "undo"}
	labels := []string{a.text.Rename, a.text.Delete, a.text.Undo}
	if len(entries) > per {
		ids, labels = append(ids, "shelf:less", "shelf:more"), append(labels, a.text.ShelfLess, a.text.ShelfMore)
	}
	ids, labels = append(ids, "back"), append(labels, a.text.Back)
	btns := row(bar, len(ids), m.pad)
	for i, id := range ids {
		off := busy
		switch id {
		case "rename", "delete":
			off = off || s.chosen < 0
		case "undo":
			off = off || a.shelf.undo == nil
		case "shelf:less":
			off = s.page == 0
		case "shelf:more":
			off = (s.page+1)*per >= len(entries)
		case "back":
			off = false
		}
		a.ui.add(control{id: id, label: labels[i], r: btns[i], off: off})
	}
}

func (s *shelfScene) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	v.header(screen, m, a.text)
	entries := a.shelf.entries
	title := fmt.Sprintf(a.text.ShelfTitle, len(entries))
	switch {
	case s.editing:
		title = a.text.RenameHint + string(s.draft) + "▌"
	case a.shelf.loaded && len(entries) == 0:
		title = a.text.ShelfEmpty
	case len(entries) > 0:
		title += " · " + a.text.ShelfHint
	}
	v.paragraph(screen, title, s.editing, m.px*4/5, labelColor, Rect{m.pad, m.headerH(), m.w - 2*m.pad, 0}, false)
	for _, c := range a.ui.controls {
		i, err := strconv.Atoi(strings.TrimPrefix(c.id, "open:"))
		if err != nil || !strings.HasPrefix(c.id, "open:") || i >= len(entries) {
			continue
		}
		e := entries[i]
		caption := fmt.Sprintf(a.text.ShelfCard, e.plays, int(math.Round(e.wear*100)))
		v.label(screen, caption, false, m.px*3/4, dimColor, c.r.X+c.r.W/2, c.r.Y+c.r.H+float64(m.px)*0.2, true)
	}
}

// drop frees the pictures on the GPU.
func (s *shelfScene) drop() {
	for id, u := range s.thumbs {
		u.dispose()
		delete(s.thumbs, id)
	}
}

func (s *shelfScene) publish(st *State) {}
