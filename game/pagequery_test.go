package game

import (
	"strings"
	"testing"
)

// Whatever is typed into the address, the app starts with sane options:
// values it does not understand count as absent, numbers are bounded.
func TestParsePageQuery(t *testing.T) {
	long := strings.Repeat("9", 100_000)
	for _, c := range []struct {
		search string
		want   pageQuery
	}{
		{"", pageQuery{}},
		{"?kiosk=1&idle=3&lang=ru", pageQuery{Kiosk: true, IdleTicks: 180, Lang: "ru"}},
		{"kiosk=true", pageQuery{Kiosk: true}}, // no leading ?
		{"?kiosk=yes", pageQuery{Kiosk: true}},
		{"?kiosk", pageQuery{Kiosk: true}},
		{"?kiosk=0", pageQuery{}},
		{"?kiosk=no", pageQuery{}},
		{"?kiosk=maybe", pageQuery{}},
		{"?idle=-5", pageQuery{}},
		{"?idle=0", pageQuery{}},
		{"?idle=NaN", pageQuery{}},
		{"?idle=-Inf", pageQuery{}},
		{"?idle=abc", pageQuery{}},
		{"?idle=", pageQuery{}},
		{"?idle=1e99", pageQuery{IdleTicks: maxIdleSec * 60}}, // was int64 overflow: negative, or forever
		{"?idle=Inf", pageQuery{IdleTicks: maxIdleSec * 60}},
		{"?idle=" + long, pageQuery{IdleTicks: maxIdleSec * 60}},
		{"?idle=0.5", pageQuery{IdleTicks: 30}},
		{"?lang=xx", pageQuery{}},
		{"?lang=RU-ru", pageQuery{Lang: "ru"}},
		{"?lang=en_GB", pageQuery{Lang: "en"}},
		{"?lang=russian", pageQuery{}},
		{"?lang=" + strings.Repeat("ru", 50_000), pageQuery{}},
		{"?lang=ru&lang=en", pageQuery{Lang: "ru"}}, // the first, as URLSearchParams.get
		{"?idle=abc&idle=5", pageQuery{}},
		{"?kiosk=0&kiosk=1", pageQuery{}},
		{"?kiosk=%zz&idle=2", pageQuery{IdleTicks: 120}}, // a bad escape costs only its own pair
		{"?lang=%72%75", pageQuery{Lang: "ru"}},
		{"?&&==&kiosk=1", pageQuery{Kiosk: true}},
	} {
		if got := parsePageQuery(c.search); got != c.want {
			t.Errorf("parsePageQuery(%.40q) = %+v, want %+v", c.search, got, c.want)
		}
	}
}

// The address adds options; it never takes back the command line's.
func TestPageQueryApply(t *testing.T) {
	opt := Options{Kiosk: true, IdleTicks: 600}
	parsePageQuery("?kiosk=0&idle=-1").apply(&opt)
	if !opt.Kiosk || opt.IdleTicks != 600 {
		t.Errorf("after a refusing address: %+v", opt)
	}
	parsePageQuery("?idle=2").apply(&opt)
	if opt.IdleTicks != 120 {
		t.Errorf("idle=2 gave %d ticks", opt.IdleTicks)
	}
}

// FuzzPageQuery: no address makes the parser panic or hand out an idle
// time outside 0…a day or a language the app has no words for.
func FuzzPageQuery(f *testing.F) {
	for _, s := range []string{"", "?kiosk=1&idle=3&lang=ru", "?idle=1e99", "?idle=NaN", "?lang=xx&lang=ru", "?%zz", "?idle=-0", "?idle=0x1p62"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, search string) {
		q := parsePageQuery(search)
		if q.IdleTicks < 0 || q.IdleTicks > maxIdleSec*60 {
			t.Fatalf("idle %d ticks from %q", q.IdleTicks, search)
		}
		if _, ok := texts[q.Lang]; q.Lang != "" && !ok {
			t.Fatalf("language %q from %q", q.Lang, search)
		}
	})
}
