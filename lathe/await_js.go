//go:build js && wasm

package lathe

import (
	"fmt"
	"syscall/js"
	"time"
)

// domError is a JavaScript exception or promise rejection: a DOMException
// such as NotFoundError or NetworkError, a TypeError, or any thrown value.
type domError struct {
	Name    string // "NotFoundError", "NetworkError", "TypeError"…; "" when the value had none
	Message string
}

func (e *domError) Error() string {
	switch {
	case e.Name == "":
		return e.Message
	case e.Message == "":
		return e.Name
	}
	return e.Name + ": " + e.Message
}

// errorOf is the thrown or rejected JavaScript value v as a *domError.
func errorOf(v js.Value) *domError {
	if isObject(v) {
		name, msg := v.Get("name"), v.Get("message")
		if name.Type() == js.TypeString || msg.Type() == js.TypeString {
			e := &domError{}
			if name.Type() == js.TypeString {
				e.Name = name.String()
			}
			if msg.Type() == js.TypeString {
				e.Message = msg.String()
			}
			return e
		}
	}
	if v.IsUndefined() {
		return &domError{Message: "unknown error"}
	}
	return &domError{Message: js.Global().Call("String", v).String()}
}

// errorName is the name of a JavaScript error ("NotFoundError"), or "".
func errorName(err error) string {
	if e, ok := err.(*domError); ok {
		return e.Name
	}
	return ""
}

func isObject(v js.Value) bool {
	t := v.Type()
	return t == js.TypeObject || t == js.TypeFunction
}

func hasMethod(v js.Value, name string) bool {
	return isObject(v) && v.Get(name).Type() == js.TypeFunction
}

// jsCall is v.method(args…) with a JavaScript exception, or a missing method,
// returned as an error instead of a panic.
func jsCall(v js.Value, method string, args ...any) (r js.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			if je, ok := p.(js.Error); ok {
				err = errorOf(je.Value)
			} else {
				err = &domError{Message: fmt.Sprint(p)}
			}
			r = js.Undefined()
		}
	}()
	if !hasMethod(v, method) {
		return js.Undefined(), &domError{Name: "TypeError", Message: method + " is not a function"}
	}
	return v.Call(method, args...), nil
}

// settled is how a promise ended: its value, or its rejection as an error.
type settled struct {
	v   js.Value
	err error
}

// settle returns a channel that gets promise's outcome once it settles.
// A value that is not a promise settles at once with itself. The two
// callbacks release themselves when one of them runs, so a caller may stop
// waiting (a Close, a timeout) without leaking them or leaving a released
// function for JavaScript to call; they leak only if the promise never
// settles.
//
// Receiving from the channel blocks the goroutine until JavaScript's event
// loop settles the promise, so it must be done from a goroutine of its own,
// never from inside a js.FuncOf callback: a callback holds the event loop,
// and the program would deadlock.
func settle(promise js.Value) <-chan settled {
	done := make(chan settled, 1)
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- settled{v: v}
		release()
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- settled{err: errorOf(v)}
		release()
		return nil
	})
	js.Global().Get("Promise").Call("resolve", promise).Call("then", ok, fail)
	return done
}

// await blocks until promise settles and returns its value, or its
// rejection as a *domError. Call it from a goroutine, never from inside a
// js.FuncOf callback (see settle).
func await(promise js.Value) (js.Value, error) {
	r := <-settle(promise)
	return r.v, r.err
}

// awaitWithin is await giving up after d: for a browser that might never
// settle (closing a port whose device hangs).
func awaitWithin(promise js.Value, d time.Duration) (js.Value, error) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-settle(promise):
		return r.v, r.err
	case <-t.C:
		return js.Undefined(), &domError{Name: "TimeoutError", Message: fmt.Sprintf("no answer within %v", d)}
	}
}

// jsCallAwait is v.method(args…) awaited: a synchronous exception and a
// rejection both come back as the error.
func jsCallAwait(v js.Value, method string, args ...any) (js.Value, error) {
	p, err := jsCall(v, method, args...)
	if err != nil {
		return js.Undefined(), err
	}
	return await(p)
}
