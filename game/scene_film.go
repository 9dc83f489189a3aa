package game

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/render"
)

const (
	thumbPX   = 192 // a film in the strip
	previewPX = 768 // the chosen film, large
	// The bootlegger's two steps, seconds: scissors round the disc, then
	// the cigarette through the middle.
	scissorsSec = 1.6
	burnSec     = 1.1
)

// filmScene shows the six films as a strip on the lightbox. Tapping one
// shows it large while scissors cut the disc out of it and a cigarette
// burns the hole; then the visitor brings a sound.
type filmScene struct {
	thumbs   []*upload // one per engine.Films, nil until drawn
	drawing  *job[[]*image.NRGBA]
	preview  *upload
	previewJ *job[*image.NRGBA]
	shown    string // film the preview is of
	shownAt  uint64 // seed the preview is of
	cutAt    int64  // tick the scissors started; 0 before a choice
}

func newFilmScene(a *app) *filmScene {
	if a.studio.film == "" {
		a.studio.film = engine.Films[0]
	}
	if a.studio.seed == 0 {
		a.studio.seed = uint64(a.tick)*2654435761 + 1
	}
	return &filmScene{thumbs: make([]*upload, len(engine.Films))}
}

func (*filmScene) name() sceneName { return sceneFilm }

func (s *filmScene) update(a *app, in *Input) scene {
	m := metricsFor(a.w, a.h)
	s.layout(a, m)
	if s.drawing == nil && s.thumbs[0] == nil {
		seed := a.studio.seed
		s.drawing = startJob(func(progress func(float64)) ([]*image.NRGBA, error) {
			var out []*image.NRGBA
			for i, f := range engine.Films {
				im, err := render.Film(f, seed, thumbPX)
				if err != nil {
					return nil, err
				}
				out = append(out, im)
				progress(float64(i+1) / float64(len(engine.Films)))
			}
			return out, nil
		})
	}
	if ims, err, ok := s.drawing.poll(); ok {
		s.drawing = nil
		if err != nil {
			a.say("%v", err)
		}
		s.dropThumbs()
		for i, im := range ims {
			s.thumbs[i] = newUpload(im)
		}
	}
	s.updatePreview(a)

	if s.cutAt > 0 {
		// The animation runs its course; the disc's look is drawn meanwhile.
		if (a.calm || float64(a.tick-s.cutAt)/60 >= scissorsSec+burnSec) && s.previewJ == nil { // reduced motion: no scissors show
			return newSoundScene(a)
		}
		if a.ui.pressed(in, "back") || in.Back {
			s.cutAt = 0
		}
		return s
	}
	switch {
	case a.ui.pressed(in, "back") || in.Back:
		return newLightbox(false)
	case a.ui.pressed(in, "another-film"):
		a.studio.seed = a.studio.seed*6364136223846793005 + 1442695040888963407
		s.dropThumbs()
	}
	for _, f := range engine.Films {
		if a.ui.pressed(in, "film:"+f) {
			a.studio.film = f
			s.cutAt = a.tick
		}
	}
	return s
}

func (s *filmScene) dropThumbs() {
	for i, t := range s.thumbs {
		t.dispose()
		s.thumbs[i] = nil
	}
}

// updatePreview keeps the large picture in step with the chosen film.
func (s *filmScene) updatePreview(a *app) {
	if im, err, ok := s.previewJ.poll(); ok {
		s.previewJ = nil
		if err == nil {
			s.preview.dispose()
			s.preview = newUpload(im)
		}
	}
	if s.previewJ == nil && (s.shown != a.studio.film || s.shownAt != a.studio.seed) {
		film, seed := a.studio.film, a.studio.seed
		s.shown, s.shownAt = film, seed
		s.previewJ = startJob(func(func(float64)) (*image.NRGBA, error) { return render.Film(film, seed, previewPX) })
	}
}

func (s *filmScene) layout(a *app, m metrics) {
	_, panel := m.stage()
	y := panel.Y
	if !m.portrait {
		y += float64(m.px) * 5 // room for the title and hint
	}
	const cols = 3
	rows := float64((len(engine.Films) + cols - 1) / cols)
	room := panel.Y + panel.H - y - m.btnH - m.pad // under the thumbnails: the buttons
	thumbH := math.Min((panel.W-float64(cols-1)*m.pad)/float64(cols)*0.8, (room-(rows-1)*m.pad)/rows)
	boxes, used := grid(Rect{panel.X, y, panel.W, 0}, len(engine.Films), cols, thumbH, m.pad)
	for i, f := range engine.Films {
		a.ui.add(control{id: "film:" + f, label: a.text.Films[f], r: boxes[i], on: f == a.studio.film, off: s.cutAt > 0, pic: s.thumbs[i]})
	}
	y += used + m.pad
	btns := row(Rect{panel.X, y, panel.W, m.btnH}, 2, m.pad)
	a.ui.add(control{id: "back", label: a.text.Back, r: btns[0]})
	a.ui.add(control{id: "another-film", label: a.text.AnotherFilm, r: btns[1], off: s.cutAt > 0})
}

func (s *filmScene) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	stage, panel := m.stage()
	if img := s.preview.image(); img != nil {
		v.picture(screen, img, stage.Inset(m.pad))
	}
	if s.cutAt > 0 {
		s.drawCutting(a, v, screen, stage.Inset(m.pad), m)
	}
	v.header(screen, m, a.text)
	if !m.portrait {
		h := v.paragraph(screen, a.text.FilmTitle, true, m.px, labelColor, Rect{panel.X, panel.Y, panel.W, 0}, false)
		v.paragraph(screen, a.text.FilmHint, false, m.px*4/5, dimColor, Rect{panel.X, panel.Y + h + 4, panel.W, 0}, false)
	}
}

// drawCutting draws the scissors going round the disc's edge, then the
// cigarette's glow burning the hole a little off the centre.
func (s *filmScene) drawCutting(a *app, v *view, screen *ebiten.Image, r Rect, m metrics) {
	p := a.studio.params()
	side := math.Min(r.W, r.H)
	pxPerMM := side / render.FilmMM
	c := r.Center()
	rad := p.DiameterMM / 2 * pxPerMM
	t := float64(a.tick-s.cutAt) / 60
	f := math.Min(1, t/scissorsSec)
	start := -math.Pi / 2
	w := math.Max(2, side/300)
	v.arc(screen, c.X, c.Y, rad-w/2, rad+w/2, start, start+2*math.Pi*f, color.RGBA{0xff, 0xf0, 0xc8, 0xff})
	if f < 1 {
		ang := start + 2*math.Pi*f
		x, y := c.X+rad*math.Cos(ang), c.Y+rad*math.Sin(ang)
		v.drawScissors(screen, x, y, ang+math.Pi/2, side/18)
		v.paragraph(screen, a.text.Scissors, false, m.px, labelColor, Rect{r.X, r.Y + r.H - float64(m.px)*2, r.W, 0}, true)
		return
	}
	b := math.Min(1, (t-scissorsSec)/burnSec)
	hx := c.X + p.EccentricityMM*math.Cos(p.EccentricityRad)*pxPerMM
	hy := c.Y + p.EccentricityMM*math.Sin(p.EccentricityRad)*pxPerMM
	glow := 3.5 * pxPerMM * (0.4 + 0.6*b)
	v.disk(screen, hx, hy, glow*1.8, color.RGBA{0xff, 0x70, 0x20, uint8(90 * (1 - b*0.5))})
	v.disk(screen, hx, hy, glow, color.RGBA{0x20, 0x10, 0x08, 0xff})
	v.ring(screen, hx, hy, glow, math.Max(1.5, pxPerMM), color.RGBA{0xff, 0x9a, 0x30, 0xff})
	v.paragraph(screen, a.text.Burning, false, m.px, labelColor, Rect{r.X, r.Y + r.H - float64(m.px)*2, r.W, 0}, true)
}

// drawScissors draws a small pair of open scissors at x, y pointing along ang.
func (v *view) drawScissors(screen *ebiten.Image, x, y, ang, size float64) {
	blade := color.RGBA{0xd8, 0xdc, 0xe2, 0xff}
	handle := color.RGBA{0xc0, 0x30, 0x28, 0xff}
	for _, open := range []float64{-0.35, 0.35} {
		a := ang + open
		tx, ty := x+size*math.Cos(a), y+size*math.Sin(a)
		hx, hy := x-size*0.6*math.Cos(a-2*open), y-size*0.6*math.Sin(a-2*open)
		v.line(screen, x, y, tx, ty, size/7, blade)
		v.ring(screen, hx, hy, size/4, size/10, handle)
	}
}

func (*filmScene) publish(*State) {}
