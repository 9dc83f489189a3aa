//go:build !js

package web

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"bonemusic/game"
)

// watchJS feeds the states (JSON, argv[2]) one by one to embed-events.js's
// watcher and prints the events of each as JSON.
const watchJS = `globalThis.self = globalThis;
require(process.argv[1]);
const watch = self.boneEmbedEvents.watcher();
console.log(JSON.stringify(JSON.parse(process.argv[2]).map((s) => watch(s))));`

// embedEvent is one event as embed-events.js makes it.
type embedEvent struct {
	Type       string  `json:"type"`
	Plays      int     `json:"plays"`
	FidelityDB float64 `json:"fidelityDB"`
	Film       string  `json:"film"`
	Lathe      bool    `json:"lathe"`
	Code       string  `json:"code"`
	Message    string  `json:"message"`
}

// The events an embedding page gets are the right transitions of the
// published state, each once.
func TestEmbedEvents(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		requireFull(t, "no Node.js found: run `make deps`")
	}
	rest := game.State{Scene: "lightbox", Arm: "rest"}
	playing := rest
	playing.Arm = "playing"
	lifted := rest // the needle lifted: the play counted, its fidelity not yet published
	lifted.Arm, lifted.Plays = "raising", 1
	scored := lifted
	scored.FidelityDB = 17.5

	cutting := game.State{Scene: "cut", Film: "skull"}
	cut := game.State{Scene: "turntable", Film: "skull", Source: "demo:waltz", RecordedSec: 12}
	lathe := game.State{Scene: "lathe", LathePhase: "cutting"}
	latheDone := lathe
	latheDone.LathePhase = "finished"
	noticed := rest
	noticed.Notice = "The lathe stopped: the cable"
	otherRecord := rest // a record with plays of its own put on the platter: no play of ours ended
	otherRecord.Plays = 7

	for _, tc := range []struct {
		name   string
		states []game.State
		want   [][]string // event types per state
	}{
		{"a play, its end and fidelity", []game.State{rest, playing, playing, lifted, scored, scored}, [][]string{nil, {"play-started"}, nil, nil, {"play-ended"}, nil}},
		{"a cut on screen", []game.State{cutting, cutting, cut, cut}, [][]string{nil, nil, {"cut-finished"}, nil}},
		{"a cut on a lathe", []game.State{lathe, latheDone, latheDone}, [][]string{nil, {"cut-finished"}, nil}},
		{"a notice, once", []game.State{rest, noticed, noticed, rest}, [][]string{nil, {"error"}, nil, nil}},
		{"another record is no play", []game.State{rest, otherRecord, otherRecord}, [][]string{nil, nil, nil}},
		{"the first state is no transition", []game.State{playing, playing}, [][]string{nil, nil}},
	} {
		states, _ := json.Marshal(tc.states)
		script, _ := filepath.Abs("embed-events.js")
		out, err := exec.Command(node, "-e", watchJS, script, string(states)).Output()
		if err != nil {
			t.Fatalf("%s: node: %v", tc.name, err)
		}
		var got [][]embedEvent
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v in %s", tc.name, err, out)
		}
		for i, want := range tc.want {
			var types []string
			for _, e := range got[i] {
				types = append(types, e.Type)
			}
			if len(types) != len(want) || (len(want) > 0 && types[0] != want[0]) {
				t.Errorf("%s, state %d: events %v, want %v", tc.name, i, types, want)
			}
		}
		switch tc.name {
		case "a play, its end and fidelity":
			if e := got[4][0]; e.Plays != 1 || e.FidelityDB != 17.5 {
				t.Errorf("play-ended %+v, want plays 1 and the fidelity published after the lift (17.5 dB)", e)
			}
		case "a cut on screen":
			if e := got[2][0]; e.Film != "skull" || e.Lathe {
				t.Errorf("cut-finished %+v, want the skull film, not on a lathe", e)
			}
		case "a cut on a lathe":
			if !got[1][0].Lathe {
				t.Error("cut-finished on the lathe does not say so")
			}
		case "a notice, once":
			if e := got[1][0]; e.Code != "notice" || e.Message != noticed.Notice {
				t.Errorf("error %+v, want the notice", e)
			}
		}
	}
}
