package game

import "testing"

func TestControlsPressedByTapAndKeyboard(t *testing.T) {
	var u ui
	u.add(control{id: "a", r: Rect{0, 0, 100, 40}})
	u.add(control{id: "b", r: Rect{0, 50, 100, 40}, off: true})
	u.add(control{id: "c", r: Rect{0, 100, 100, 40}})

	tap := &Input{Taps: []Point{{50, 120}}}
	if u.pressed(tap, "a") || !u.pressed(tap, "c") {
		t.Error("a tap at (50,120) must press c and only c")
	}
	if u.pressed(&Input{Taps: []Point{{50, 60}}}, "b") {
		t.Error("a control that is off was pressed")
	}
	// Enter does nothing until the keyboard has focused something.
	if u.pressed(&Input{OK: true}, "a") {
		t.Error("Enter pressed a control nobody focused")
	}
	u.navigate(&Input{Next: true})
	u.navigate(&Input{Next: true}) // skips b, which is off
	if u.focus != "c" {
		t.Fatalf("focus %q after two Tabs, want c", u.focus)
	}
	u.navigate(&Input{Next: true})
	if u.focus != "a" {
		t.Errorf("focus %q after wrapping, want a", u.focus)
	}
	u.navigate(&Input{Prev: true})
	if !u.pressed(&Input{OK: true}, "c") {
		t.Error("Enter did not press the focused control")
	}
	pub := u.published(nil, 2)
	if len(pub) != 2 || pub[1] != (Button{ID: "c", X: 0, Y: 50, W: 50, H: 20}) {
		t.Errorf("published %+v, want a and c in CSS pixels", pub)
	}
}

func TestGridCentresTheLastRow(t *testing.T) {
	boxes, h := grid(Rect{0, 0, 300, 100}, 5, 3, 20, 10)
	if len(boxes) != 5 || h != 50 {
		t.Fatalf("%d boxes, %.0f high; want 5 and 50", len(boxes), h)
	}
	if boxes[3].Y != 30 || boxes[3].X != 300.0/2-boxes[3].W-5 {
		t.Errorf("last row starts at %+v, want centred", boxes[3])
	}
}

// The label of a control on the screen, for a screen reader.
func TestLabelOf(t *testing.T) {
	var u ui
	u.add(control{id: "play", label: "▶ Play"})
	if got := u.labelOf("play"); got != "▶ Play" {
		t.Errorf("labelOf(play) = %q", got)
	}
	if got := u.labelOf("gone"); got != "" {
		t.Errorf("labelOf(gone) = %q", got)
	}
}
