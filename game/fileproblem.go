package game

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"bonemusic/engine/bonefile"
	"bonemusic/internal/audioio"
)

// errEmptyFile is a file of no bytes at all: both front doors say so
// before a decoder sees it (the browser's decoder and ours would name it
// differently).
var errEmptyFile = errors.New("the file is empty")

// fileProblem is what the visitor reads when the file name could not be
// opened: in their language, what is wrong and what to do about it. The
// decoders' own words are English; the sentinels they wrap pick the
// sentence, and only an error none of them names shows its own text.
func (a *app) fileProblem(name string, err error) string {
	tx, n := a.text, shownName(name)
	var rate audioio.RateError
	switch {
	case errors.Is(err, errEmptyFile), errors.Is(err, audioio.ErrEmpty):
		return fmt.Sprintf(tx.FileEmpty, n)
	case errors.Is(err, errTooBig):
		return fmt.Sprintf(tx.FileTooBig, n, maxDropBytes>>20)
	case errors.Is(err, audioio.ErrTooLarge):
		return fmt.Sprintf(tx.FileTooLong, n)
	case errors.Is(err, audioio.ErrNotAudio), errors.Is(err, bonefile.ErrNotBone):
		return fmt.Sprintf(tx.FileNotSound, n)
	case errors.As(err, &rate):
		return fmt.Sprintf(tx.FileRate, n, rate.Hz)
	case errors.Is(err, audioio.ErrDamaged):
		return fmt.Sprintf(tx.FileDamaged, n)
	case errors.Is(err, bonefile.ErrTooNew):
		return fmt.Sprintf(tx.LetterTooNew, n)
	case errors.Is(err, bonefile.ErrDamaged):
		return fmt.Sprintf(tx.LetterDamaged, n)
	}
	return fmt.Sprintf(tx.FileUnreadable, n, err)
}

// maxShownName is how much of a file's name a notice quotes.
const maxShownName = 48

// shownName is a file's name as a notice quotes it: a name comes from the
// visitor's disk or browser, so control and direction-changing characters
// (which could make the notice lie about what follows) become spaces, bytes
// that are not UTF-8 become U+FFFD, and a long name is shortened in the
// middle, keeping the extension.
func shownName(name string) string {
	clean := []rune(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || unicode.In(r, unicode.Zl, unicode.Zp) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(name, "\uFFFD")))
	if len(clean) <= maxShownName {
		return string(clean)
	}
	const tail = 12
	return string(clean[:maxShownName-tail-1]) + "…" + string(clean[len(clean)-tail:])
}
