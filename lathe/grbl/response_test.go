package grbl

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		line string
		want Response
	}{
		{"ok", Response{Kind: KindOK}},
		{"ok\r", Response{Kind: KindOK}},
		{"error:11", Response{Kind: KindError, Code: 11}},
		{"ALARM:1", Response{Kind: KindAlarm, Code: 1}},
		{"[MSG:Reset to continue]", Response{Kind: KindMessage, Text: "Reset to continue"}},
		{"[VER:1.1h.20190825:]", Response{Kind: KindFeedback, Text: "VER:1.1h.20190825:"}},
		{"[OPT:V,15,128]", Response{Kind: KindFeedback, Text: "OPT:V,15,128"}},
		{"Grbl 1.1h ['$' for help]", Response{Kind: KindBanner, Text: "Grbl 1.1h ['$' for help]"}},
		{"<Idle|MPos:0.000,0.000,0.000|FS:0,0>", Response{Kind: KindStatus, Status: Status{
			State: "Idle", SubState: -1, HasMPos: true, Planner: -1, RxFree: -1}}},
		{"<Run|MPos:-12.500,0.000,-0.060|Bf:15,128|FS:2.0,0|WCO:0.000,0.000,0.000>", Response{Kind: KindStatus, Status: Status{
			State: "Run", SubState: -1, MPos: [3]float64{-12.5, 0, -0.06}, HasMPos: true, Feed: 2, Planner: 15, RxFree: 128}}},
		{"<Hold:1|WPos:1,2,3|F:500>", Response{Kind: KindStatus, Status: Status{
			State: "Hold", SubState: 1, WPos: [3]float64{1, 2, 3}, HasWPos: true, Feed: 500, Planner: -1, RxFree: -1}}},
		{"<Door:0|MPos:0,0,0|FS:0,0|Pn:D>", Response{Kind: KindStatus, Status: Status{
			State: "Door", SubState: 0, HasMPos: true, Planner: -1, RxFree: -1}}},
		// malformed lines of known kinds are unknown, never half-read
		{"error:", Response{Kind: KindUnknown, Text: "error:"}},
		{"error:0", Response{Kind: KindUnknown, Text: "error:0"}},
		{"ALARM:x", Response{Kind: KindUnknown, Text: "ALARM:x"}},
		{"<Dancing|MPos:0,0,0>", Response{Kind: KindUnknown, Text: "<Dancing|MPos:0,0,0>"}},
		{"<Idle|MPos:0,0>", Response{Kind: KindUnknown, Text: "<Idle|MPos:0,0>"}},
		{"<Idle|MPos:NaN,0,0>", Response{Kind: KindUnknown, Text: "<Idle|MPos:NaN,0,0>"}},
		{"<Idle|FS>", Response{Kind: KindUnknown, Text: "<Idle|FS>"}},
		{"okay", Response{Kind: KindUnknown, Text: "okay"}},
		{"", Response{Kind: KindUnknown}},
	}
	for _, tt := range tests {
		if got := Parse(tt.line); got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

// A line far longer than any grbl sends is kept short in the report.
func TestParseLongNoise(t *testing.T) {
	r := Parse(strings.Repeat("\x00garbage", 10000))
	if r.Kind != KindUnknown || len(r.Text) > maxResponseBytes {
		t.Errorf("long noise: kind %v, %d bytes of text", r.Kind, len(r.Text))
	}
}

// Every grbl 1.1 error and alarm code has a text of ours, and an unknown
// code says it is unknown.
func TestCodeTexts(t *testing.T) {
	for n := 1; n <= 38; n++ {
		if n == 18 || n == 19 { // unused by grbl 1.1
			continue
		}
		if strings.HasPrefix(ErrorText(n), "unknown") {
			t.Errorf("error %d has no text", n)
		}
	}
	for n := 1; n <= 9; n++ {
		if strings.HasPrefix(AlarmText(n), "unknown") {
			t.Errorf("alarm %d has no text", n)
		}
	}
	if !strings.Contains(ErrorText(99), "unknown error 99") || !strings.Contains(AlarmText(10), "unknown alarm 10") {
		t.Error("unknown codes are not reported as unknown")
	}
	if s := Parse("ALARM:1").String(); !strings.Contains(s, "hard limit") {
		t.Errorf("alarm 1 reads %q", s)
	}
}
