//go:build js && wasm

package game

import "syscall/js"

// publisher mirrors State onto window.bonemusic.state, an object the loader
// (web/loader.js) creates, so the page and the end-to-end test can read it.
// Strings are sent only when they change: each js.ValueOf(string) makes a
// JS string and a finalized Go reference, garbage the GC would collect
// 60 times a second on the page's one thread.
type publisher struct {
	obj                 js.Value
	scene, notice, lang string
	sent                bool // the strings above have been set once
}

func newPublisher() *publisher {
	root := js.Global().Get("bonemusic")
	if root.IsUndefined() || root.IsNull() {
		root = js.Global().Get("Object").New()
		js.Global().Set("bonemusic", root)
	}
	obj := js.Global().Get("Object").New()
	root.Set("state", obj)
	return &publisher{obj: obj}
}

func (p *publisher) publish(s *State) {
	p.obj.Set("frames", s.Frames)
	p.obj.Set("ticks", s.Ticks)
	p.obj.Set("tps", s.TPS)
	p.obj.Set("fps", s.FPS)
	p.setString("scene", &p.scene, s.Scene)
	p.obj.Set("discAngleDeg", s.DiscAngleDeg)
	p.obj.Set("turnedSec", s.TurnedSec)
	p.obj.Set("audioReady", s.AudioReady)
	p.obj.Set("audioPlaying", s.AudioPlaying)
	p.obj.Set("audioMS", s.AudioMS)
	p.obj.Set("plays", s.Plays)
	p.obj.Set("grooveSample", s.GrooveSample)
	p.setString("notice", &p.notice, s.Notice)
	p.setString("lang", &p.lang, s.Lang)
	p.sent = true
}

func (p *publisher) setString(key string, last *string, v string) {
	if *last == v && p.sent {
		return
	}
	*last = v
	p.obj.Set(key, v)
}

// preferredLang is the visitor's language from navigator.language.
func preferredLang() string {
	nav := js.Global().Get("navigator")
	if nav.IsUndefined() {
		return ""
	}
	return nav.Get("language").String()
}
