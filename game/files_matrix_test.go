//go:build !js

package game

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/internal/shelf"
)

// badFile is one row of the bad-input matrix: what a visitor brings, and
// the words of the notice that tell them what to do.
type badFile struct {
	name  string
	data  []byte
	words []string // in the English notice, case-insensitive
}

// badFiles is the matrix for the app's front doors. The 2-hour
// sound is real bytes (8 kHz, 8-bit mono, 58 MB): its length is refused
// from the header, before a sample is decoded.
func badFiles(t *testing.T) []badFile {
	le := binary.LittleEndian
	newer := boneFile(t, "from the future")
	le.PutUint16(newer[boneVersionAt:], bonefile.Version+1)
	reseal(newer)
	badSum := boneFile(t, "a letter")
	badSum[len(badSum)-3] ^= 0x40
	claims4GB := boneFile(t, "a letter")
	le.PutUint32(claims4GB[bonePayloadAt:], math.MaxUint32)
	le.PutUint32(claims4GB[boneCompressedAt:], math.MaxUint32)
	reseal(claims4GB)
	const twoHours = 2 * 60 * 60 * 8000
	return []badFile{
		{"empty.wav", nil, []string{"empty", "choose another file"}},
		{"header.wav", goodWAV()[:30], []string{"damaged", "save it again as wav"}},
		{"nochannels.wav", wavFile(1, 0, 44100, 16, pcm16(44100)[:800], -1), []string{"damaged", "save it again as wav"}},
		{"zero-hz.wav", wavFile(1, 1, 0, 16, pcm16(44100)[:800], -1), []string{"0 hz", "convert the sound to 8–192 khz"}},
		{"absurd-rate.wav", wavFile(1, 1, 4_000_000_000, 16, pcm16(44100)[:800], -1), []string{"4000000000 hz", "convert the sound to 8–192 khz"}},
		{"nan.wav", wavFile(3, 1, 44100, 32, float32Samples(0, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))), -1), []string{"damaged", "save it again as wav"}},
		{"picture.wav", pngBytes, []string{"not a sound", "wav, mp3 or ogg vorbis"}},
		{"two-hours.wav", wavFile(1, 1, 8000, 8, make([]byte, twoHours), -1), []string{"too long", "under 15 minutes"}},
		{"future.bone", newer, []string{"newer bone music", "update the app"}},
		{"bad-checksum.bone", badSum, []string{"damaged audio letter", "ask its sender"}},
		{"claims-4GB.bone", claims4GB, []string{"damaged audio letter", "ask its sender"}},
		{"title.bone", withNonUTF8Title(t), []string{"damaged audio letter", "ask its sender"}},
		{"cut-short.bone", boneFile(t, "x")[:100], []string{"damaged audio letter"}},
	}
}

// frontDoor hands a visitor's file to the app the way one platform does.
type frontDoor func(t *testing.T, a *app, name string, data []byte) *Input

// dropOnWindow is the desktop's drop: Ebiten hands the dropped files as a
// folder, readDropped reads them, they arrive as Input.Files.
func dropOnWindow(t *testing.T, _ *app, name string, data []byte) *Input {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return &Input{Files: readDropped(os.DirFS(dir))}
}

// uploadInBrowser is the browser's file input: files_js.go delivers the
// bytes it read (or its refusal) to the inbox, which the game polls.
func uploadInBrowser(_ *testing.T, a *app, name string, data []byte) *Input {
	a.files.deliver(File{Name: name, Data: data})
	return &Input{}
}

// before is what a refused file must leave as it was.
type before struct {
	scene     sceneName
	disc      *engine.Disc
	plays     int
	sound     int
	source    string
	film      string
	shelf     int
	shelfDisk [32]byte
}

func snapshot(t *testing.T, a *app, sc scene, dir string) before {
	t.Helper()
	h := sha256.New()
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(dir, f.Name()))
		h.Write([]byte(f.Name()))
		h.Write(b)
	}
	s := before{scene: sc.name(), disc: a.studio.disc, sound: len(a.studio.sound), source: a.studio.source,
		film: a.studio.film, shelf: len(a.shelf.entries)}
	copy(s.shelfDisk[:], h.Sum(nil))
	if a.studio.disc != nil {
		s.plays = a.studio.disc.Plays()
	}
	return s
}

// appWithRecord is an app in lang with a record on the turntable and one
// on the shelf in dir: what a refused file must not disturb.
func appWithRecord(t *testing.T, lang string) (*app, scene, string) {
	t.Helper()
	a := newApp(lang)
	a.w, a.h = 960, 540
	dir := testShelfDir()
	store, err := shelf.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Put(shelf.NewID(time.Now(), 0), boneFile(t, "kept"), shelf.NoRevision); err != nil {
		t.Fatal(err)
	}
	a.shelf = newCollection(func() (shelf.Store, error) { return store, nil })
	a.shelf.refresh()
	d, err := engine.Cut([][]float32{make([]float32, engine.EngineRate)}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a.studio.sound, a.studio.source, a.studio.film = make([]float32, 1000), "demo:waltz", d.Params.Film
	var sc scene = a.playDisc(d)
	a.notice = ""
	sc = until(t, a, sc, "the shelf to be read", func(scene) bool { return !a.shelf.busy() && len(a.shelf.entries) == 1 })
	return a, sc, dir
}

// bringFile takes the file through door and ticks the game (as Update
// does: files first, then the scene) until the file is read, and returns
// the notice the visitor sees and the scene.
func bringFile(t *testing.T, a *app, sc scene, door frontDoor, name string, data []byte) (string, scene) {
	t.Helper()
	in := door(t, a, name, data)
	for end := time.Now().Add(20 * time.Second); ; in = new(Input) {
		a.tick++
		a.ui.begin()
		sc = a.shelfTick(sc)
		if next := openFiles(a, in, sc); next != nil {
			sc = next
		}
		sc = sc.update(a, &Input{})
		if a.opening == nil && a.notice != "" {
			return a.currentNotice(), sc
		}
		if time.Now().After(end) {
			t.Fatalf("%s: no notice 20 s after it was brought (busy %q)", name, a.busy)
		}
		time.Sleep(time.Millisecond)
	}
}

// testFrontDoor runs the matrix through door: each file is refused with a
// notice a visitor can act on, in English and in Russian, and nothing —
// scene, record, sound, shelf — changes.
func testFrontDoor(t *testing.T, door frontDoor) {
	for _, c := range badFiles(t) {
		t.Run(c.name, func(t *testing.T) {
			for _, lang := range []string{"en", "ru"} {
				a, sc, dir := appWithRecord(t, lang)
				was := snapshot(t, a, sc, dir)
				notice, sc := bringFile(t, a, sc, door, c.name, c.data)
				if now := snapshot(t, a, sc, dir); now != was {
					t.Errorf("%s: the refused file changed the app:\n was %+v\n now %+v", lang, was, now)
				}
				if !strings.Contains(notice, c.name) {
					t.Errorf("%s: the notice does not name the file: %q", lang, notice)
				}
				if a.busy != "" {
					t.Errorf("%s: still busy %q after the notice", lang, a.busy)
				}
				if lang == "ru" {
					if !strings.ContainsFunc(notice, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
						t.Errorf("ru: the notice is not in Russian: %q", notice)
					}
					continue
				}
				for _, w := range c.words {
					if !strings.Contains(strings.ToLower(notice), w) {
						t.Errorf("en: notice %q lacks %q", notice, w)
					}
				}
			}
		})
	}
}

func TestDesktopDropRefusesBadFiles(t *testing.T) { testFrontDoor(t, dropOnWindow) }

func TestBrowserUploadRefusesBadFiles(t *testing.T) { testFrontDoor(t, uploadInBrowser) }

// A file over the size limit is refused from its size, unread: on the
// desktop from the file's metadata (a sparse file: no bytes written), in
// the browser from File.size (files_js.go delivers errTooBig).
func TestOversizedFileRefusedUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.wav")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(maxDropBytes + 1)
	f.Close()
	for door, file := range map[string]File{"desktop": readFile(path), "browser": {Name: "huge.wav", Err: errTooBig}} {
		if file.Data != nil {
			t.Fatalf("%s: %d bytes read", door, len(file.Data))
		}
		for _, lang := range []string{"en", "ru"} {
			a, sc, dir := appWithRecord(t, lang)
			was := snapshot(t, a, sc, dir)
			a.files.deliver(file)
			notice, sc := bringFile(t, a, sc, uploadInBrowser, file.Name, nil)
			if now := snapshot(t, a, sc, dir); now != was {
				t.Errorf("%s %s: the app changed: was %+v now %+v", door, lang, was, now)
			}
			if lang == "en" && !strings.Contains(notice, "over 200 MB") {
				t.Errorf("%s: notice %q", door, notice)
			}
			if lang == "ru" && !strings.Contains(notice, "200 МБ") {
				t.Errorf("%s ru: notice %q", door, notice)
			}
		}
	}
}

// A file's name is quoted safely: no control or direction characters, no
// bytes that are not UTF-8, and a long one is shortened keeping its end.
func TestShownName(t *testing.T) {
	for name, want := range map[string]string{
		"song.wav":                        "song.wav",
		"a\nb\tc\x00.wav":                 "a b c .wav",
		"evil\u202egnp.wav":               "evil gnp.wav",
		"bad\xffbyte.wav":                 "bad\uFFFDbyte.wav",
		strings.Repeat("x", 300) + ".wav": strings.Repeat("x", 35) + "…" + "xxxxxxxx.wav",
	} {
		if got := shownName(name); got != want {
			t.Errorf("shownName(%.40q) = %q, want %q", name, got, want)
		}
	}
}

// FuzzShownName: whatever a name holds, the quote is valid UTF-8, short,
// and free of control and direction characters.
func FuzzShownName(f *testing.F) {
	for _, s := range []string{"song.wav", "a\nb", "evil\u202egnp.wav", "\xff\xfe", strings.Repeat("я", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := shownName(name)
		if !utf8.ValidString(got) || len([]rune(got)) > maxShownName {
			t.Fatalf("shownName(%q) = %q", name, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
				t.Fatalf("shownName(%q) keeps %U", name, r)
			}
		}
	})
}
