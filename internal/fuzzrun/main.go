// Command fuzzrun is `make fuzz`: it finds every `go test -fuzz` target in
// the module (the Fuzz functions of the test files a native build
// compiles), runs each for the same time, one after another, and prints a
// table of target, time, executions and new crashers. A crasher is the
// input file Go writes under the package's testdata/fuzz/<target>/: commit
// it and it runs as a regression seed with every `go test`. The command
// exits non-zero if any target found one.
//
//	go run ./internal/fuzzrun [-fuzztime 60s] [-only Name] [-parallel 1]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/build"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	fuzzTime := flag.Duration("fuzztime", envDuration("FUZZTIME", 60*time.Second), "how long each target runs (env FUZZTIME)")
	only := flag.String("only", "", "run only the targets whose package or name contains this")
	// One worker by default: the fuzzer otherwise takes every core, and
	// this machine is shared with builds and browsers.
	parallel := flag.Int("parallel", 1, "fuzzing workers per target")
	flag.Parse()
	if err := run(os.Stdout, *fuzzTime, *only, *parallel); err != nil {
		fmt.Fprintf(os.Stderr, "fuzzrun: %v\n", err)
		os.Exit(1)
	}
}

// target is one Fuzz function: its package folder relative to the module
// root ("internal/audioio") and its name.
type target struct {
	pkg, name string
}

func (t target) String() string { return t.pkg + "." + t.name }

// outcome is what one target's run reports.
type outcome struct {
	elapsed          time.Duration
	execs, newCorpus int64
	crashers         []string // files the run added under testdata/fuzz/<name>
	failed           bool     // go test failed (a crasher, or the seeds already fail)
	detail           string   // the first failure line
}

func run(out io.Writer, fuzzTime time.Duration, only string, parallel int) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	targets, err := findTargets(root)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%-40s %8s %12s %8s %10s  %s\n", "target", "time", "execs", "execs/s", "new corpus", "new crashers")
	bad := 0
	for _, t := range targets {
		if only != "" && !strings.Contains(t.String(), only) {
			continue
		}
		o := fuzz(root, t, fuzzTime, parallel)
		crash := "0"
		if len(o.crashers) > 0 || o.failed {
			bad++
			crash = fmt.Sprintf("%d %s %s", len(o.crashers), strings.Join(o.crashers, " "), o.detail)
		}
		rate := 0.0
		if o.elapsed > 0 {
			rate = float64(o.execs) / o.elapsed.Seconds()
		}
		fmt.Fprintf(out, "%-40s %7.0fs %12d %8.0f %10d  %s\n", t, o.elapsed.Seconds(), o.execs, rate, o.newCorpus, crash)
	}
	if bad > 0 {
		return fmt.Errorf("%d targets failed: commit each crasher file as a regression seed and fix what it shows", bad)
	}
	return nil
}

// fuzzFunc matches the declaration of a fuzz target.
var fuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w*)\(\w+ \*testing\.F\)`)

// findTargets lists the fuzz targets of the test files a native build of
// each package compiles (a js-only test file's targets cannot run here).
func findTargets(root string) ([]target, error) {
	var targets []target
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		if ok, err := build.Default.MatchFile(dir, d.Name()); err != nil || !ok {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, dir)
		for _, m := range fuzzFunc.FindAllSubmatch(src, -1) {
			targets = append(targets, target{pkg: filepath.ToSlash(rel), name: string(m[1])})
		}
		return nil
	})
	slices.SortFunc(targets, func(a, b target) int { return strings.Compare(a.String(), b.String()) })
	return targets, err
}

// fuzz runs one target and reads its report.
func fuzz(root string, t target, fuzzTime time.Duration, parallel int) outcome {
	corpus := filepath.Join(root, filepath.FromSlash(t.pkg), "testdata", "fuzz", t.name)
	had := listFiles(corpus)
	cmd := exec.Command("go", "test", "-run", "^$", "-fuzz", "^"+t.name+"$", "-fuzztime", fuzzTime.String(),
		"-parallel", strconv.Itoa(parallel), "-timeout", (fuzzTime + 10*time.Minute).String(), "./"+t.pkg)
	cmd.Dir = root
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	start := time.Now()
	err := cmd.Run()
	o := parseReport(buf.String())
	if o.elapsed == 0 {
		o.elapsed = time.Since(start)
	}
	o.failed = err != nil
	for _, f := range listFiles(corpus) {
		if !slices.Contains(had, f) {
			o.crashers = append(o.crashers, filepath.ToSlash(filepath.Join(t.pkg, "testdata", "fuzz", t.name, f)))
		}
	}
	return o
}

// progressLine is the fuzzer's periodic report, e.g.
// "fuzz: elapsed: 60s, execs: 123456 (2057/sec), new interesting: 3 (total: 40)".
var progressLine = regexp.MustCompile(`fuzz: elapsed: (\w+), execs: (\d+) \(\d+/sec\)(?:, new interesting: (\d+))?`)

// failureLine is where a failing run says why: a test's message or a panic.
var failureLine = regexp.MustCompile(`^\s*(\w+_test\.go:\d+: |panic: )`)

// parseReport takes the last progress line of a fuzzing run, and the first
// line saying why it failed, if it did.
func parseReport(text string) outcome {
	var o outcome
	for _, line := range strings.Split(text, "\n") {
		if m := progressLine.FindStringSubmatch(line); m != nil {
			o.elapsed, _ = time.ParseDuration(m[1])
			o.execs, _ = strconv.ParseInt(m[2], 10, 64)
			o.newCorpus, _ = strconv.ParseInt(m[3], 10, 64)
		}
		if o.detail == "" && failureLine.MatchString(line) {
			o.detail = strings.TrimSpace(line)
		}
	}
	return o
}

func listFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// moduleRoot is the folder holding go.mod, from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working folder")
		}
		dir = parent
	}
}

// envDuration is the duration in the environment variable name ("30s"),
// or def when it is unset or unreadable.
func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}
