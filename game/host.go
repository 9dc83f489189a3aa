package game

// hostCommand is what the exhibition page embedding the app asked for.
// web/embed.js checks who asked and in what shape, and passes only these.
type hostCommand string

const (
	hostPlay     hostCommand = "play"      // play the record on the platter
	hostStop     hostCommand = "stop"      // lift the needle
	hostLoadDemo hostCommand = "load-demo" // back to the demo record on the lightbox
)

// obey carries out the host page's commands of this tick, as far as the
// visitor's work allows: a cut or a recording under way is never thrown
// away for the demo record.
func (g *Game) obey(cmds []hostCommand, in *Input) {
	for _, c := range cmds {
		switch c {
		case hostPlay:
			if g.sound != nil && g.sound.available() && !g.sound.ready() {
				g.a.say("%s", g.a.text.TapToHear) // the page's command is no gesture: it turns silently
			}
			if lb, ok := g.scene.(*lightbox); ok {
				lb.wantPlay = true
			} else if !g.a.tt.Now().NeedleDown {
				in.Keys.PlayPause = true // as the visitor's Space: the scene knows whether it can play now
			}
		case hostStop:
			g.a.tt.Lift()
			if lb, ok := g.scene.(*lightbox); ok {
				lb.wantPlay = false
			}
		case hostLoadDemo:
			if g.interruptible() {
				g.backToLightbox(false)
			}
		}
	}
}

// interruptible reports whether the app may leave the current scene for the
// lightbox without losing the visitor's work.
func (g *Game) interruptible() bool {
	switch g.scene.name() {
	case sceneCut, sceneLathe:
		return false
	case sceneSound:
		if s, ok := g.scene.(*soundScene); ok && s.recording {
			return false
		}
	}
	return true
}

// backToLightbox lifts the needle and shows the demo record, playing it when
// play is set; on the lightbox already, it leaves it as it is.
func (g *Game) backToLightbox(play bool) {
	if g.scene.name() == sceneLightbox {
		return
	}
	g.a.tt.Lift()
	g.a.help = false
	g.scene = newLightbox(play)
}
