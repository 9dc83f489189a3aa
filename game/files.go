package game

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
)

// fileKind says what a file picker should offer.
type fileKind uint8

const (
	soundFile fileKind = iota // WAV, MP3, Ogg Vorbis
	discFile                  // a .bone audio letter
)

// errNoPicker is returned where no file dialog exists (a desktop without
// zenity or kdialog): the visitor drops the file instead.
var errNoPicker = errors.New("no file dialog on this system")

var errTooBig = fmt.Errorf("the file is over %d MB", maxDropBytes>>20)

// inbox is where a file dialog (or a browser's file input) delivers the
// file the visitor picked; the game polls it each tick.
type inbox chan File

func newInbox() inbox { return make(inbox, 1) }

// deliver hands a file over without blocking: one pick at a time, and a
// second before the first is read is dropped.
func (in inbox) deliver(f File) {
	select {
	case in <- f:
	default:
	}
}

// poll returns a delivered file, if any.
func (in inbox) poll() (File, bool) {
	select {
	case f := <-in:
		return f, true
	default:
		return File{}, false
	}
}

// pickFile asks the visitor for a file; it arrives later, through openFiles.
func (a *app) pickFile(k fileKind) {
	if a.kiosk {
		a.say("%s", a.text.KioskNoFiles)
		return
	}
	if err := a.files.pick(k); err != nil {
		a.say("%s", a.text.NoPicker)
	}
}

// save offers data as a file: a download in a browser, a file in the
// visitor's music folder on the desktop. It tells the visitor where.
func (a *app) save(name, mime string, data []byte, err error) {
	if err != nil {
		a.say("%v", err)
		return
	}
	where, err := a.files.save(name, mime, data)
	if err != nil {
		a.say("%v", err)
		return
	}
	a.exported = name
	if where == "" {
		a.say(a.text.Downloaded, name)
	} else {
		a.say(a.text.Saved, where)
	}
}

// readFile reads a file named on the command line.
func readFile(path string) File {
	f := File{Name: filepath.Base(path)}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		f.Err = err
	case info.Size() > maxDropBytes:
		f.Err = errTooBig
	default:
		f.Data, f.Err = os.ReadFile(path)
	}
	return f
}

// opened is a file made ready: a disc to play, or a sound to cut.
type opened struct {
	name  string
	disc  *engine.Disc
	sound []float32 // mono at engine.EngineRate
}

// openFiles starts reading the first file the visitor dropped or picked and,
// once it is read, takes the visitor where it belongs: a disc onto the
// turntable, a sound to the sound scene. A file that is neither is
// explained and changes nothing. It returns the next scene, or nil to stay.
func openFiles(a *app, in *Input, cur scene) scene {
	if f, ok := a.files.poll(); ok {
		in.Files = append(in.Files, f)
	}
	if len(in.Files) > 0 && cur.name() == sceneCut {
		a.say("%s", a.text.OneCut) // the lathe is busy: nothing changes
		return nil
	}
	if len(in.Files) > 0 && a.opening == nil {
		f := in.Files[0]
		if f.Err != nil {
			a.say("%s", a.fileProblem(f.Name, f.Err))
			return nil
		}
		a.busy = a.text.Decoding
		a.opening = startJob(func(progress func(float64)) (opened, error) { return openFile(f, progress) })
	}
	o, err, ok := a.opening.poll()
	if !ok {
		return nil
	}
	a.opening, a.busy = nil, ""
	if err != nil {
		a.say("%s", a.fileProblem(o.name, err))
		return nil
	}
	if o.disc != nil {
		next := a.playDisc(o.disc)
		a.keepOnShelf(true) // a letter received joins the collection
		return next
	}
	if cur.name() == sceneCut {
		return nil // the visitor started a cut while the file was read: keep it
	}
	a.studio.sound, a.studio.source = o.sound, "file"
	if a.studio.film == "" {
		a.studio.film, a.studio.seed = engine.Films[0], uint64(a.tick)
	}
	a.trimToSide()
	if cur.name() == sceneSound {
		return nil
	}
	return newSoundScene(a)
}

// openFile reads a .bone disc or decodes a sound to mono at the engine's rate.
func openFile(f File, progress func(float64)) (opened, error) {
	o := opened{name: f.Name}
	if len(f.Data) == 0 {
		return o, errEmptyFile
	}
	if bytes.HasPrefix(f.Data, []byte("BONE")) {
		r := &progressReader{data: f.Data, progress: progress}
		d, err := bonefile.Decode(r)
		o.disc = d
		return o, err
	}
	sound, err := decodeSound(f.Data, progress)
	o.sound = sound
	return o, err
}

// trimToSide cuts a sound longer than the side to the side's length and
// tells the visitor so.
func (a *app) trimToSide() {
	capSamples := int(a.studio.capacitySec() * engine.EngineRate)
	if len(a.studio.sound) <= capSamples {
		return
	}
	a.say(a.text.TooLong, clock(float64(len(a.studio.sound))/engine.EngineRate), clock(a.studio.capacitySec()), clock(a.studio.capacitySec()))
	a.studio.sound = a.studio.sound[:capSamples]
}

// clock formats seconds as m:ss.
func clock(sec float64) string {
	s := int(sec + 0.5)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// progressReader reports how much of data has been read: decoding a disc
// reads its bytes a few kilobytes at a time, and each report lets a
// browser page breathe.
type progressReader struct {
	data     []byte
	at       int
	progress func(float64)
}

func (r *progressReader) Read(p []byte) (int, error) {
	if r.at >= len(r.data) {
		return 0, io.EOF
	}
	n := copy(p, r.data[r.at:])
	r.at += n
	r.progress(float64(r.at) / float64(len(r.data)))
	return n, nil
}
