package main

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// result is one benchmark line of `go test -bench` output.
type result struct {
	pkg     string             // import path, e.g. bonemusic/engine
	name    string             // without "Benchmark" and the -GOMAXPROCS suffix
	metrics map[string]float64 // unit → value: ns/op, B/op, x-realtime, disc-MB…
}

var procsSuffix = regexp.MustCompile(`-\d+$`)

// parseBench reads `go test -bench` output: "pkg:" lines set the package,
// "Benchmark…" lines carry an iteration count then value–unit pairs, which
// is where b.ReportMetric's custom units appear.
func parseBench(r io.Reader) []result {
	var out []result
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(fields[1]); err != nil {
			continue // a log line that happens to start with "Benchmark"
		}
		res := result{
			pkg:     pkg,
			name:    procsSuffix.ReplaceAllString(strings.TrimPrefix(fields[0], "Benchmark"), ""),
			metrics: map[string]float64{},
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				break
			}
			res.metrics[fields[i+1]] = v
		}
		out = append(out, res)
	}
	return out
}

// key names a benchmark across runs: package tail plus name.
func (r result) key() string {
	tail := r.pkg
	if i := strings.Index(tail, "/"); i >= 0 {
		tail = tail[i+1:]
	}
	return tail + " " + r.name
}
