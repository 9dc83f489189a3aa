//go:build js && wasm

package game

import "syscall/js"

// files in a browser: a hidden <input type=file> for picking (opened from
// the tick after the visitor's tap, inside the browser's few seconds of
// "user activation"), and downloads through a Blob and an <a download>.
type files struct {
	inbox
	input  js.Value
	onPick js.Func
}

func newFiles() *files {
	f := &files{inbox: newInbox()}
	doc := js.Global().Get("document")
	f.input = doc.Call("createElement", "input")
	f.input.Set("type", "file")
	f.input.Set("hidden", true)
	f.input.Set("id", "bonemusic-file")
	doc.Get("body").Call("appendChild", f.input)
	f.onPick = js.FuncOf(func(this js.Value, args []js.Value) any {
		list := f.input.Get("files")
		if list.Length() == 0 {
			return nil
		}
		file := list.Index(0)
		name := file.Get("name").String()
		f.input.Set("value", "") // the same file may be picked again
		if file.Get("size").Float() > maxDropBytes {
			f.deliver(File{Name: name, Err: errTooBig})
			return nil
		}
		// The callback must not block: the bytes arrive with a promise.
		var then, fail js.Func
		then = js.FuncOf(func(this js.Value, args []js.Value) any {
			arr := js.Global().Get("Uint8Array").New(args[0])
			data := make([]byte, arr.Length())
			js.CopyBytesToGo(data, arr)
			f.deliver(File{Name: name, Data: data})
			then.Release()
			fail.Release()
			return nil
		})
		fail = js.FuncOf(func(this js.Value, args []js.Value) any {
			f.deliver(File{Name: name, Err: jsError(args)})
			then.Release()
			fail.Release()
			return nil
		})
		file.Call("arrayBuffer").Call("then", then, fail)
		return nil
	})
	f.input.Call("addEventListener", "change", f.onPick)
	return f
}

// pick opens the browser's file dialog.
func (f *files) pick(k fileKind) error {
	accept := ".wav,.mp3,.ogg,.oga,audio/wav,audio/mpeg,audio/ogg"
	if k == discFile {
		accept = ".bone"
	}
	f.input.Set("accept", accept)
	f.input.Call("click")
	return nil
}

// save downloads data as name. It returns "" for the place: the browser
// decides where downloads go.
func (f *files) save(name, mime string, data []byte) (string, error) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	opts := js.Global().Get("Object").New()
	opts.Set("type", mime)
	blob := js.Global().Get("Blob").New([]any{arr}, opts)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Set("hidden", true)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The download has its own copy once started; free the URL a little later.
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	js.Global().Call("setTimeout", revoke, 60000)
	return "", nil
}

// jsError turns a rejected promise's reason into a Go error.
func jsError(args []js.Value) error {
	if len(args) == 0 {
		return js.Error{Value: js.ValueOf("unknown error")}
	}
	return js.Error{Value: args[0]}
}
