package main

import (
	"slices"
	"testing"
	"time"
)

// Every decoder of outside bytes keeps its fuzz target, and make fuzz finds
// them all (a target lost in a rename would silently stop being fuzzed).
func TestFindsTheTargets(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	found, err := findTargets(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []target{
		{"internal/audioio", "FuzzDecode"}, {"engine/bonefile", "FuzzDecode"}, {"engine/bonefile", "FuzzDecodePayload"},
		{"lathe/grbl", "FuzzParse"}, {"lathe/grbl", "FuzzLines"}, {"internal/shelf", "FuzzValidID"},
		{"game", "FuzzOpenFile"}, {"game", "FuzzShelfRecord"}, {"game", "FuzzPageQuery"}, {"game", "FuzzShownName"},
	} {
		if !slices.Contains(found, want) {
			t.Errorf("%v not found among %v", want, found)
		}
	}
}

func TestParseReport(t *testing.T) {
	o := parseReport(`fuzz: elapsed: 0s, gathering baseline coverage: 0/13 completed
fuzz: elapsed: 3s, execs: 2011 (670/sec), new interesting: 1 (total: 14)
fuzz: elapsed: 6s, execs: 4385 (791/sec), new interesting: 2 (total: 15)
--- FAIL: FuzzX (6.02s)
    --- FAIL: FuzzX (0.00s)
        x_test.go:9: boom
    Failing input written to testdata/fuzz/FuzzX/0123abcd
`)
	if o.elapsed != 6*time.Second || o.execs != 4385 || o.newCorpus != 2 || o.detail != "x_test.go:9: boom" {
		t.Errorf("%+v", o)
	}
}
