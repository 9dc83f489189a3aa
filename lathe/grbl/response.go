package grbl

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says what a line from the device is.
type Kind uint8

const (
	KindUnknown  Kind = iota // anything else (noise, a line from another firmware)
	KindOK                   // "ok": the oldest line sent was accepted
	KindError                // "error:N": the oldest line sent was refused
	KindAlarm                // "ALARM:N": the machine stopped and locked itself
	KindStatus               // "<…>": a status report, the answer to '?'
	KindMessage              // "[MSG:…]": a message from the firmware
	KindFeedback             // "[VER:…]", "[OPT:…]", "[GC:…]" and other bracketed feedback
	KindBanner               // "Grbl 1.1h ['$' for help]": after power-up or a soft reset
)

// Response is one parsed line from the device.
type Response struct {
	Kind   Kind
	Code   int    // KindError and KindAlarm
	Text   string // KindMessage, KindFeedback, KindBanner, KindUnknown: the line's content
	Status Status // KindStatus
}

// Status is a status report.
type Status struct {
	State    string     // Idle, Run, Hold, Jog, Alarm, Door, Check, Home, Sleep
	SubState int        // Hold:N, Door:N (-1 when absent)
	MPos     [3]float64 // machine position, mm (valid when HasMPos)
	HasMPos  bool
	WPos     [3]float64 // work position, mm (valid when HasWPos)
	HasWPos  bool
	Feed     float64 // mm/min
	Spindle  float64 // rpm (FS:)
	Planner  int     // free planner blocks (Bf:), -1 when absent
	RxFree   int     // free receive-buffer bytes (Bf:), -1 when absent
}

// maxResponseBytes bounds what Parse looks at: a real grbl line is at most
// about 100 bytes; anything longer is noise and is reported as unknown.
const maxResponseBytes = 256

// Parse reads one line from the device (without its line ending). It never
// fails: a line it does not recognise is KindUnknown with the text kept,
// so a caller can show it; a malformed report of a known kind is
// KindUnknown too.
func Parse(line string) Response {
	line = strings.TrimRight(line, "\r\n")
	if len(line) > maxResponseBytes {
		return Response{Kind: KindUnknown, Text: line[:maxResponseBytes]}
	}
	unknown := Response{Kind: KindUnknown, Text: line}
	switch {
	case line == "ok":
		return Response{Kind: KindOK}
	case strings.HasPrefix(line, "error:"):
		n, ok := code(line[len("error:"):])
		if !ok {
			return unknown
		}
		return Response{Kind: KindError, Code: n}
	case strings.HasPrefix(line, "ALARM:"):
		n, ok := code(line[len("ALARM:"):])
		if !ok {
			return unknown
		}
		return Response{Kind: KindAlarm, Code: n}
	case strings.HasPrefix(line, "<") && strings.HasSuffix(line, ">"):
		st, ok := parseStatus(line[1 : len(line)-1])
		if !ok {
			return unknown
		}
		return Response{Kind: KindStatus, Status: st}
	case strings.HasPrefix(line, "[MSG:") && strings.HasSuffix(line, "]"):
		return Response{Kind: KindMessage, Text: line[len("[MSG:") : len(line)-1]}
	case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
		return Response{Kind: KindFeedback, Text: line[1 : len(line)-1]}
	case strings.HasPrefix(line, "Grbl ") && strings.Contains(line, "['$' for help]"):
		return Response{Kind: KindBanner, Text: line}
	}
	return unknown
}

// code reads the number of an error or alarm: 1–255.
func code(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 255 {
		return 0, false
	}
	return n, true
}

// parseStatus reads "State|Field:v,v|…".
func parseStatus(s string) (Status, bool) {
	fields := strings.Split(s, "|")
	st := Status{SubState: -1, Planner: -1, RxFree: -1}
	state, sub, hasSub := strings.Cut(fields[0], ":")
	if !validState(state) {
		return Status{}, false
	}
	st.State = state
	if hasSub {
		n, err := strconv.Atoi(sub)
		if err != nil || n < 0 || n > 9 {
			return Status{}, false
		}
		st.SubState = n
	}
	for _, f := range fields[1:] {
		name, value, ok := strings.Cut(f, ":")
		if !ok {
			return Status{}, false
		}
		switch name {
		case "MPos":
			if st.MPos, ok = triple(value); !ok {
				return Status{}, false
			}
			st.HasMPos = true
		case "WPos":
			if st.WPos, ok = triple(value); !ok {
				return Status{}, false
			}
			st.HasWPos = true
		case "FS":
			v, ok := numbers(value, 2)
			if !ok {
				return Status{}, false
			}
			st.Feed, st.Spindle = v[0], v[1]
		case "F":
			v, ok := numbers(value, 1)
			if !ok {
				return Status{}, false
			}
			st.Feed = v[0]
		case "Bf":
			v, ok := numbers(value, 2)
			if !ok || v[0] < 0 || v[1] < 0 || v[0] > 255 || v[1] > 1<<16 {
				return Status{}, false
			}
			st.Planner, st.RxFree = int(v[0]), int(v[1])
		}
		// WCO, Ov, Pn, Ln, A and fields of later versions: not needed
		// to drive a lathe, and ignored rather than refused.
	}
	return st, true
}

func validState(s string) bool {
	switch s {
	case "Idle", "Run", "Hold", "Jog", "Alarm", "Door", "Check", "Home", "Sleep":
		return true
	}
	return false
}

func triple(s string) ([3]float64, bool) {
	v, ok := numbers(s, 3)
	if !ok {
		return [3]float64{}, false
	}
	return [3]float64{v[0], v[1], v[2]}, true
}

// numbers reads exactly n comma-separated finite numbers.
func numbers(s string, n int) ([]float64, bool) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v != v || v > 1e9 || v < -1e9 {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// String is the response as a person would want it in a log.
func (r Response) String() string {
	switch r.Kind {
	case KindOK:
		return "ok"
	case KindError:
		return fmt.Sprintf("error %d: %s", r.Code, ErrorText(r.Code))
	case KindAlarm:
		return fmt.Sprintf("alarm %d: %s", r.Code, AlarmText(r.Code))
	case KindStatus:
		s := r.Status.State
		if r.Status.SubState >= 0 {
			s += fmt.Sprintf(":%d", r.Status.SubState)
		}
		if r.Status.HasMPos {
			s += fmt.Sprintf(" at X%.3f Y%.3f Z%.3f", r.Status.MPos[0], r.Status.MPos[1], r.Status.MPos[2])
		}
		return s
	case KindMessage:
		return "message: " + r.Text
	}
	return r.Text
}
