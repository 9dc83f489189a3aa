package game

import "github.com/hajimehoshi/ebiten/v2"

// sceneName names a scene for the published state.
type sceneName uint8

const (
	sceneLightbox  sceneName = iota // the demo record on the lightbox
	sceneFilm                       // choosing the X-ray
	sceneSound                      // bringing a sound: microphone, file or tune
	sceneCut                        // the lathe cutting it
	sceneTurntable                  // playing the visitor's record, wearing it
	sceneLathe                      // cutting it on a real (or simulated) lathe
	sceneShelf                      // the collection of saved records
	sceneLearn                      // the history lesson, with the record's pictures
)

var sceneNames = [...]string{"lightbox", "film", "sound", "cut", "turntable", "lathe", "shelf", "learn"}

func (s sceneName) String() string {
	if int(s) < len(sceneNames) {
		return sceneNames[s]
	}
	return "unknown"
}

// scene is one screen of the app. Each tick the game hands the current scene
// the input; the scene lays out its controls (a.ui), acts, and returns the
// scene to show next: itself to stay. A transition is that value, nothing
// else. Scenes hold no Ebiten state but what they draw, so their update can
// be tested without a window.
type scene interface {
	name() sceneName
	update(a *app, in *Input) scene
	draw(a *app, v *view, screen *ebiten.Image)
	// publish fills the state fields that belong to the scene (progress of
	// its work); the game fills the rest.
	publish(s *State)
}
