package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: bonemusic/engine
cpu: Some CPU
BenchmarkCut-2          	       1	 812345678 ns/op	       221.6 x-realtime	        16.20 disc-MiB	        48.30 alloc-MiB/op	123456789 B/op	    1234 allocs/op
BenchmarkStreamBlock-2  	    2000	    512345 ns/op	         0.5123 ms/block	         5.123 %core	    1024 B/op	       2 allocs/op
BenchmarkLogLine shows up in a t.Log
PASS
ok  	bonemusic/engine	12.3s
pkg: bonemusic/render
BenchmarkFilmChest1024 	       5	 212345678 ns/op	 4200000 B/op	      10 allocs/op
`

func TestParseBench(t *testing.T) {
	got := parseBench(strings.NewReader(sample))
	if len(got) != 3 {
		t.Fatalf("parsed %d results, want 3: %+v", len(got), got)
	}
	tests := []struct {
		key, speed, memory string
	}{
		{"engine Cut", "222×", "48.3 alloc-MiB/op, 16.2 disc-MiB"},
		{"engine StreamBlock", "5.1 % of a core", "0.0 alloc/op"},
		{"render FilmChest1024", "212 ms/op", "4.2 alloc/op"},
	}
	for i, tt := range tests {
		if k := got[i].key(); k != tt.key {
			t.Errorf("result %d key %q, want %q", i, k, tt.key)
		}
		if s := speed(got[i], true); s != tt.speed {
			t.Errorf("%s speed %q, want %q", tt.key, s, tt.speed)
		}
		if m := memory(got[i]); m != tt.memory {
			t.Errorf("%s memory %q, want %q", tt.key, m, tt.memory)
		}
	}
}

func TestSoxChainNamesInputAndOutput(t *testing.T) {
	args := soxChain("in.wav", "out.wav")
	joined := strings.Join(args, " ")
	if !strings.Contains(joined, "-m in.wav") || !strings.Contains(joined, "out.wav sinc") {
		t.Errorf("chain %q", joined)
	}
}
