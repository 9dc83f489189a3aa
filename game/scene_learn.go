package game

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/render"
)

// learnPages is how many pages the history lesson has.
const learnPages = 4

// The page the microscope button opens.
const learnWearPage = 2

// learnScene is the lesson for a classroom: four short pages about music on
// the bones, each with a picture — the record's own film, its blank, its
// groove under the microscope (as cut and as it is now), the chart of its
// wear play by play. The words stay within docs/history.md.
type learnScene struct {
	page   int
	says   string
	charts *charts
	film   *upload
	filmJ  *job[*image.NRGBA]
	back   func(a *app) scene
}

func newLearnScene(a *app, page int, back func(a *app) scene) *learnScene {
	return &learnScene{page: page, charts: newCharts(), back: back}
}

func (*learnScene) name() sceneName { return sceneLearn }

// lessonDisc is the record the pictures show: the visitor's, else the demo.
func (a *app) lessonDisc() *engine.Disc {
	if a.studio.disc != nil {
		return a.studio.disc
	}
	return a.demo
}

func (s *learnScene) update(a *app, in *Input) scene {
	m := metricsFor(a.w, a.h)
	_, panel := m.stage()
	d := a.lessonDisc()
	if d != nil {
		s.charts.update(a, d)
		if s.film == nil && s.filmJ == nil {
			film, seed := d.Params.Film, d.Params.Seed
			s.filmJ = startJob(func(func(float64)) (*image.NRGBA, error) { return render.Film(film, seed, thumbPX*2) })
		}
	}
	if im, err, ok := s.filmJ.poll(); ok {
		s.filmJ = nil
		if err == nil {
			s.film = newUpload(im)
		}
	}
	boxes := row(Rect{panel.X, panel.Y + panel.H - m.btnH, panel.W, m.btnH}, 4, m.pad)
	a.ui.add(control{id: "learn:prev", label: a.text.Prev, r: boxes[0], off: s.page == 0})
	a.ui.add(control{id: "learn:next", label: a.text.Next, r: boxes[1], off: s.page == learnPages-1})
	a.ui.add(control{id: "microscope", label: a.text.Microscope, r: boxes[2], on: s.page == learnWearPage})
	a.ui.add(control{id: "back", label: a.text.Back, r: boxes[3]})
	switch {
	case a.ui.pressed(in, "back") || in.Back:
		s.film.dispose()
		return s.back(a)
	case a.ui.pressed(in, "learn:prev"):
		s.page--
	case a.ui.pressed(in, "learn:next"):
		s.page++
	case a.ui.pressed(in, "microscope"):
		s.page = learnWearPage
	}
	s.page = max(0, min(learnPages-1, s.page))
	s.says = a.text.LearnTitles[s.page] + ". " + a.text.LearnTexts[s.page]
	return s
}

func (s *learnScene) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	stage, panel := m.stage()
	v.header(screen, m, a.text)
	var pic *ebiten.Image
	switch s.page {
	case 0:
		pic = s.film.image()
	case 1:
		if d := a.lessonDisc(); d != nil {
			pic = a.blankFor(d.Params)
		}
	case learnWearPage:
		pic = s.charts.image(lessonMicroscope)
	default:
		pic = s.charts.image(lessonFidelity)
	}
	if pic != nil {
		v.picture(screen, pic, stage.Inset(m.pad))
	}
	h := v.paragraph(screen, a.text.LearnTitles[s.page], true, m.px, labelColor, Rect{panel.X, panel.Y, panel.W, 0}, false)
	v.paragraph(screen, a.text.LearnTexts[s.page], false, m.px*4/5, labelColor, Rect{panel.X, panel.Y + h + m.pad/2, panel.W, 0}, false)
}

func (s *learnScene) publish(st *State) { st.Say = s.says }
