//go:build js && wasm

package game

import (
	"encoding/json"
	"reflect"
	"slices"
	"syscall/js"
)

// publisher mirrors State onto window.bonemusic.state, an object the loader
// (web/loader.js) creates, under State's json tags, so the page and the
// end-to-end test read the same names the Go type declares. Numbers and
// booleans are set every tick; strings and the button list only when they
// change: each js.ValueOf(string) makes a JS string and a finalized Go
// reference, garbage the GC would otherwise collect 60 times a second on
// the page's one thread.
type publisher struct {
	obj     js.Value
	fields  []publishedField
	strings map[string]string
	buttons []Button
	sent    bool
}

type publishedField struct {
	key   string
	index int
}

func newPublisher() *publisher {
	root := js.Global().Get("bonemusic")
	if root.IsUndefined() || root.IsNull() {
		root = js.Global().Get("Object").New()
		js.Global().Set("bonemusic", root)
	}
	obj := js.Global().Get("Object").New()
	root.Set("state", obj)
	p := &publisher{obj: obj, strings: map[string]string{}}
	t := reflect.TypeFor[State]()
	for i := range t.NumField() {
		if key := jsonKey(t.Field(i)); key != "" {
			p.fields = append(p.fields, publishedField{key, i})
		}
	}
	return p
}

func (p *publisher) publish(s *State) {
	v := reflect.ValueOf(s).Elem()
	for _, f := range p.fields {
		fv := v.Field(f.index)
		switch fv.Kind() {
		case reflect.Int, reflect.Int64:
			p.obj.Set(f.key, fv.Int())
		case reflect.Float64:
			p.obj.Set(f.key, fv.Float())
		case reflect.Bool:
			p.obj.Set(f.key, fv.Bool())
		case reflect.String:
			if last, ok := p.strings[f.key]; !ok || last != fv.String() {
				p.strings[f.key] = fv.String()
				p.obj.Set(f.key, fv.String())
			}
		case reflect.Slice: // the buttons
			if p.sent && slices.Equal(p.buttons, s.Buttons) {
				continue
			}
			p.buttons = slices.Clone(s.Buttons)
			b, err := json.Marshal(s.Buttons)
			if err != nil {
				continue
			}
			p.obj.Set(f.key, js.Global().Get("JSON").Call("parse", string(b)))
		}
	}
	p.sent = true
}

// pageSearch is the page address's query ("?kiosk=1&idle=30"; "" when
// there is no page).
func pageSearch() string {
	loc := js.Global().Get("location")
	if loc.IsUndefined() || loc.IsNull() {
		return ""
	}
	return loc.Get("search").String()
}

// pageOptions takes the page's address parameters (pagequery.go checks
// them) and the visitor's wish for reduced motion.
func pageOptions(opt *Options) {
	parsePageQuery(pageSearch()).apply(opt)
	if mm := js.Global().Get("matchMedia"); mm.Type() == js.TypeFunction {
		opt.Calm = opt.Calm || js.Global().Call("matchMedia", "(prefers-reduced-motion: reduce)").Get("matches").Truthy()
	}
}

// preferredLang is the visitor's language: ?lang= in the page's address
// when the app has it, else navigator.language.
func preferredLang() string {
	if l := parsePageQuery(pageSearch()).Lang; l != "" {
		return l
	}
	nav := js.Global().Get("navigator")
	if nav.IsUndefined() {
		return ""
	}
	return nav.Get("language").String()
}
