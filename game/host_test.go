//go:build !js

package game

import "testing"

// The embedding page's commands: play and stop work the demo record,
// load-demo goes back to it, but never throws away a cut or a recording.
func TestHostCommands(t *testing.T) {
	a := newTestApp()
	lb := newLightbox(false)
	g := &Game{a: a, scene: lb}

	g.obey([]hostCommand{hostPlay}, &Input{})
	if !lb.wantPlay {
		t.Error("play did not ask the lightbox to play the demo")
	}
	g.obey([]hostCommand{hostStop}, &Input{})
	if lb.wantPlay {
		t.Error("stop left the lightbox wanting to play (its attract loop would drop the needle again)")
	}
	g.obey([]hostCommand{"eject", ""}, &Input{}) // embed.js passes only known ones; anything else is ignored
	if g.scene != lb {
		t.Error("an unknown command changed the scene")
	}

	for _, tc := range []struct {
		from     scene
		lightbox bool
		why      string
	}{
		{newFilmScene(a), true, "choosing a film is not work to keep"},
		{newSoundScene(a), true, "nothing is being recorded"},
		{&soundScene{recording: true}, false, "a recording under way must be kept"},
		{&cutScene{}, false, "a cut under way must be kept"},
		{&latheScene{}, false, "a lathe cutting must not be left"},
	} {
		g.scene = tc.from
		g.obey([]hostCommand{hostLoadDemo}, &Input{})
		if got := g.scene.name() == sceneLightbox; got != tc.lightbox {
			t.Errorf("load-demo from %v: on the lightbox %v, want %v (%s)", tc.from.name(), got, tc.lightbox, tc.why)
		}
	}
}

// Off the lightbox, play is the visitor's Space: the scene decides whether
// it can play now.
func TestHostPlayElsewhereIsPlayPause(t *testing.T) {
	g := &Game{a: newTestApp(), scene: newFilmScene(newTestApp())}
	in := &Input{}
	g.obey([]hostCommand{hostPlay}, in)
	if !in.Keys.PlayPause {
		t.Error("play off the lightbox did not become play/pause")
	}
}

// controls=minimal shows the demo record with no buttons to leave it.
func TestMinimalEmbedHasNoButtons(t *testing.T) {
	a := newTestApp()
	a.embed.minimal = true
	tick(a, newLightbox(false), &Input{})
	if len(a.ui.controls) != 0 {
		t.Errorf("a minimal embed shows %d controls, want none", len(a.ui.controls))
	}
	b := newTestApp()
	tick(b, newLightbox(false), &Input{})
	if len(b.ui.controls) == 0 {
		t.Error("the full lightbox shows no controls: the test does not see them")
	}
}
