//go:build js && wasm

// Package jsawait awaits JavaScript promises from Go (js/wasm): the browser
// APIs Bone Music uses — Web Serial, Web MIDI, IndexedDB — all answer with
// promises. Every function blocks its goroutine until the browser answers,
// so it must be called from a goroutine of its own, never from inside a
// js.FuncOf callback (an event handler), which holds the page's event loop.
package jsawait

import (
	"fmt"
	"syscall/js"
	"time"
)

// DOMError is a JavaScript exception or promise rejection: a DOMException
// such as NotFoundError or NetworkError, a TypeError, or any thrown value.
type DOMError struct {
	Name    string // "NotFoundError", "NetworkError", "TypeError"…; "" when the value had none
	Message string
}

func (e *DOMError) Error() string {
	switch {
	case e.Name == "":
		return e.Message
	case e.Message == "":
		return e.Name
	}
	return e.Name + ": " + e.Message
}

// ErrorOf is the thrown or rejected JavaScript value v as a *DOMError.
func ErrorOf(v js.Value) *DOMError {
	if IsObject(v) {
		name, msg := v.Get("name"), v.Get("message")
		if name.Type() == js.TypeString || msg.Type() == js.TypeString {
			e := &DOMError{}
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
		return &DOMError{Message: "unknown error"}
	}
	return &DOMError{Message: js.Global().Call("String", v).String()}
}

// ErrorName is the name of a JavaScript error ("NotFoundError"), or "".
func ErrorName(err error) string {
	if e, ok := err.(*DOMError); ok {
		return e.Name
	}
	return ""
}

func IsObject(v js.Value) bool {
	t := v.Type()
	return t == js.TypeObject || t == js.TypeFunction
}

func HasMethod(v js.Value, name string) bool {
	return IsObject(v) && v.Get(name).Type() == js.TypeFunction
}

// Call is v.method(args…) with a JavaScript exception, or a missing method,
// returned as an error instead of a panic.
func Call(v js.Value, method string, args ...any) (r js.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			if je, ok := p.(js.Error); ok {
				err = ErrorOf(je.Value)
			} else {
				err = &DOMError{Message: fmt.Sprint(p)}
			}
			r = js.Undefined()
		}
	}()
	if !HasMethod(v, method) {
		return js.Undefined(), &DOMError{Name: "TypeError", Message: method + " is not a function"}
	}
	return v.Call(method, args...), nil
}

// Settled is how a promise ended: its value, or its rejection as an error.
type Settled struct {
	Value js.Value
	Err   error
}

// Settle returns a channel that gets promise's outcome once it settles.
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
func Settle(promise js.Value) <-chan Settled {
	done := make(chan Settled, 1)
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- Settled{Value: v}
		release()
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- Settled{Err: ErrorOf(v)}
		release()
		return nil
	})
	js.Global().Get("Promise").Call("resolve", promise).Call("then", ok, fail)
	return done
}

// Await blocks until promise settles and returns its value, or its
// rejection as a *DOMError. Call it from a goroutine, never from inside a
// js.FuncOf callback (see Settle).
func Await(promise js.Value) (js.Value, error) {
	r := <-Settle(promise)
	return r.Value, r.Err
}

// AwaitWithin is Await giving up after d: for a browser that might never
// Settle (closing a port whose device hangs).
func AwaitWithin(promise js.Value, d time.Duration) (js.Value, error) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-Settle(promise):
		return r.Value, r.Err
	case <-t.C:
		return js.Undefined(), &DOMError{Name: "TimeoutError", Message: fmt.Sprintf("no answer within %v", d)}
	}
}

// CallAwait is v.method(args…) awaited: a synchronous exception and a
// rejection both come back as the error.
func CallAwait(v js.Value, method string, args ...any) (js.Value, error) {
	p, err := Call(v, method, args...)
	if err != nil {
		return js.Undefined(), err
	}
	return Await(p)
}
