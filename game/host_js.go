//go:build js && wasm

package game

import "syscall/js"

// hostQueue reads the commands web/embed.js accepted from the embedding
// page (window.bonemusic.commands, strings) and empties it.
type hostQueue struct{}

func (hostQueue) drain() []hostCommand {
	root := js.Global().Get("bonemusic")
	if root.IsUndefined() || root.IsNull() {
		return nil
	}
	arr := root.Get("commands")
	if arr.Type() != js.TypeObject || arr.Length() == 0 {
		return nil
	}
	cmds := make([]hostCommand, 0, arr.Length())
	for i := range arr.Length() {
		if c := arr.Index(i); c.Type() == js.TypeString {
			cmds = append(cmds, hostCommand(c.String()))
		}
	}
	arr.Set("length", 0)
	return cmds
}

// embedOptions takes the embed page's choices (?demo=, ?film=, ?controls=)
// and tells the site's web team on the console what it could not use.
func embedOptions(opt *Options) {
	lookup := queryLookup(pageSearch())
	c, problems := parseEmbedChoices(func(name string) string { v, _ := lookup(name); return v })
	opt.embed = c
	for _, p := range problems {
		js.Global().Get("console").Call("warn", "Bone Music: "+p)
	}
}
