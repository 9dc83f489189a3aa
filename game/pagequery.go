package game

import (
	"errors"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// pageQuery is what a page's address may ask of the app: ?kiosk=1 for an
// exhibition's machine, ?idle=SECONDS to shorten a kiosk's return to the
// lightbox (tests, a technician trying it), ?lang=ru. Anyone can type an
// address, so every value is checked here, in plain Go that the tests and
// the fuzzer reach; publish_js.go only hands over location.search.
type pageQuery struct {
	Kiosk     bool
	IdleTicks int64  // 0: the kiosk's default
	Lang      string // "en", "ru", or "" for the browser's own language
}

// maxIdleSec caps ?idle: a day is longer than any exhibition's day, and a
// bigger number would overflow the tick count (platform-dependently).
const maxIdleSec = 24 * 60 * 60

// parsePageQuery reads a location.search string ("?kiosk=1&idle=30"). A
// value it does not understand is ignored, so the app starts as if it were
// not there; a repeated name counts once, first value first, as
// URLSearchParams.get does.
func parsePageQuery(search string) pageQuery {
	first := queryLookup(search)
	var q pageQuery
	if v, ok := first("kiosk"); ok {
		q.Kiosk = kioskWanted(v)
	}
	if v, ok := first("idle"); ok {
		q.IdleTicks = idleTicks(v)
	}
	if v, ok := first("lang"); ok {
		q.Lang = knownLang(v)
	}
	return q
}

// queryLookup reads a location.search string into a lookup of each name's
// first value, as URLSearchParams.get does; a bad escape drops only its own
// pair.
func queryLookup(search string) func(name string) (string, bool) {
	values, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	return func(name string) (string, bool) {
		v, ok := values[name]
		if !ok || len(v) == 0 {
			return "", false
		}
		return v[0], true
	}
}

// kioskWanted: ?kiosk alone or with a yes of any common spelling.
func kioskWanted(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "1", "true", "yes", "on":
		return true
	}
	return false
}

// idleTicks is ?idle=SECONDS as game ticks (see [IdleTicks]).
func idleTicks(v string) int64 {
	sec, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) { // out of range is ±Inf: bounded below
		return 0
	}
	return IdleTicks(sec)
}

// IdleTicks is a kiosk's idle time of sec seconds as game ticks, for
// [Options.IdleTicks]: 0 (the default) for anything that is not a positive
// number, at most a day.
func IdleTicks(sec float64) int64 {
	if math.IsNaN(sec) || sec <= 0 {
		return 0
	}
	return int64(math.Min(sec, maxIdleSec) * 60)
}

// knownLang is the language locale names when the app has its text ("en",
// "ru"); "" otherwise, so the visitor's own language decides.
func knownLang(locale string) string {
	l := strings.ToLower(strings.TrimSpace(locale))
	for lang := range texts {
		if l == lang || strings.HasPrefix(l, lang+"-") || strings.HasPrefix(l, lang+"_") {
			return lang
		}
	}
	return ""
}

// apply sets the options the address asked for; it never turns one off.
func (q pageQuery) apply(opt *Options) {
	opt.Kiosk = opt.Kiosk || q.Kiosk
	if q.IdleTicks > 0 {
		opt.IdleTicks = q.IdleTicks
	}
}
