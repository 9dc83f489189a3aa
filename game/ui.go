package game

// control is one button on the screen this tick. Scenes lay their controls
// out afresh every tick (the screen may have turned from portrait to
// landscape) and ask whether one was pressed.
type control struct {
	id    string // stable: own, film:chest, play … (published for tests)
	label string
	r     Rect
	on    bool    // chosen: the current film, pickup or speed
	off   bool    // shown but not available now
	big   bool    // the main action of the screen
	pic   *upload // a picture filling the control under its label (a film)
}

// ui holds this tick's controls and the keyboard focus.
type ui struct {
	controls []control
	focus    string // id of the focused control ("" when none)
	focusSet bool   // the visitor has used the keyboard: show the focus
}

// begin clears the previous tick's controls.
func (u *ui) begin() { u.controls = u.controls[:0] }

// add places a control.
func (u *ui) add(c control) { u.controls = append(u.controls, c) }

// navigate moves the focus with Tab, Shift+Tab and the arrows.
func (u *ui) navigate(in *Input) {
	if !in.Next && !in.Prev || len(u.controls) == 0 {
		return
	}
	u.focusSet = true
	at := -1
	for i, c := range u.controls {
		if c.id == u.focus {
			at = i
		}
	}
	step := 1
	if in.Prev {
		step = len(u.controls) - 1
	}
	for range u.controls {
		switch {
		case at < 0 && in.Prev:
			at = len(u.controls) - 1
		case at < 0:
			at = 0
		default:
			at = (at + step) % len(u.controls)
		}
		if !u.controls[at].off {
			u.focus = u.controls[at].id
			return
		}
	}
}

// pressed reports whether the control id was tapped or activated from the
// keyboard this tick. Controls that are off never are.
func (u *ui) pressed(in *Input, id string) bool {
	for _, c := range u.controls {
		if c.id != id || c.off {
			continue
		}
		if in.TappedIn(c.r) || in.OK && u.focusSet && u.focus == id {
			return true
		}
	}
	return false
}

// labelOf is the label of the control id on the screen ("" when none).
func (u *ui) labelOf(id string) string {
	for _, c := range u.controls {
		if c.id == id {
			return c.label
		}
	}
	return ""
}

// available reports whether the control id is on the screen and not off:
// a keyboard shortcut acts only where its button would.
func (u *ui) available(id string) bool {
	for _, c := range u.controls {
		if c.id == id {
			return !c.off
		}
	}
	return false
}

// onControl reports whether a tap this tick landed on any control: a tap
// on the record itself (not on a button) has its own meaning.
func (u *ui) onControl(p Point) bool {
	for _, c := range u.controls {
		if c.r.Contains(p) {
			return true
		}
	}
	return false
}

// published is the controls in CSS pixels of the page.
func (u *ui) published(dst []Button, scale float64) []Button {
	dst = dst[:0]
	for _, c := range u.controls {
		if c.off {
			continue
		}
		dst = append(dst, Button{ID: c.id, X: c.r.X / scale, Y: c.r.Y / scale, W: c.r.W / scale, H: c.r.H / scale})
	}
	return dst
}

// row lays n controls side by side across r, with gap between them.
func row(r Rect, n int, gap float64) []Rect {
	if n <= 0 {
		return nil
	}
	w := (r.W - gap*float64(n-1)) / float64(n)
	out := make([]Rect, n)
	for i := range out {
		out[i] = Rect{r.X + float64(i)*(w+gap), r.Y, w, r.H}
	}
	return out
}

// grid lays n controls in rows of at most cols across r, rowH high each,
// and returns their boxes and the height used.
func grid(r Rect, n, cols int, rowH, gap float64) ([]Rect, float64) {
	if n <= 0 {
		return nil, 0
	}
	cols = max(1, min(cols, n))
	var out []Rect
	y := r.Y
	for at := 0; at < n; at += cols {
		k := min(cols, n-at)
		// A short last row keeps the full rows' widths, centred.
		w := (r.W - gap*float64(cols-1)) / float64(cols)
		rowW := w*float64(k) + gap*float64(k-1)
		out = append(out, row(Rect{r.X + (r.W-rowW)/2, y, rowW, rowH}, k, gap)...)
		y += rowH + gap
	}
	return out, y - r.Y - gap
}
