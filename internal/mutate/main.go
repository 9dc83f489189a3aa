// Command mutate is `make mutate`: it shows that the engine's physics tests
// can fail. For each mutation — one mechanism of the physics disabled or
// mis-scaled by an exact text replacement in engine/ — it copies the module
// to a temporary folder, applies the change there (the working tree is never
// touched), runs the engine's tests, and reports whether one failed. A
// mutation that survives every test is a gap in the tests; the command exits
// non-zero if any does, or if a mutation's text no longer matches the code
// (so the list cannot rot silently).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	only := flag.String("only", "", "run only the mutations whose name contains this")
	flag.Parse()
	if err := run(os.Stdout, *only); err != nil {
		fmt.Fprintf(os.Stderr, "mutate: %v\n", err)
		os.Exit(1)
	}
}

func run(out io.Writer, only string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	survived, stale := 0, 0
	for _, m := range mutations {
		if only != "" && !strings.Contains(m.name, only) {
			continue
		}
		start := time.Now()
		caught, detail, err := m.try(root)
		switch {
		case err != nil:
			stale++
			fmt.Fprintf(out, "BROKEN    %-34s %v\n", m.name, err)
		case caught:
			fmt.Fprintf(out, "caught    %-34s %5.0fs  %s\n", m.name, time.Since(start).Seconds(), detail)
		default:
			survived++
			fmt.Fprintf(out, "SURVIVED  %-34s %5.0fs\n", m.name, time.Since(start).Seconds())
		}
	}
	if survived > 0 || stale > 0 {
		return fmt.Errorf("%d mutations survived, %d are broken (no longer match or build)", survived, stale)
	}
	return nil
}

// try applies m to a copy of the module and runs the engine's tests there.
// caught reports whether a test failed, detail names the first that did.
func (m mutation) try(root string) (caught bool, detail string, err error) {
	dir, err := os.MkdirTemp("", "bonemusic-mutate-")
	if err != nil {
		return false, "", err
	}
	defer os.RemoveAll(dir)
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := copyFile(filepath.Join(root, f), filepath.Join(dir, f)); err != nil {
			return false, "", err
		}
	}
	if err := copyTree(filepath.Join(root, "engine"), filepath.Join(dir, "engine")); err != nil {
		return false, "", err
	}
	path := filepath.Join(dir, "engine", m.file)
	src, err := os.ReadFile(path)
	if err != nil {
		return false, "", err
	}
	if n := bytes.Count(src, []byte(m.from)); n != 1 {
		return false, "", fmt.Errorf("%s: the text to replace occurs %d times, want once", m.file, n)
	}
	if err := os.WriteFile(path, bytes.Replace(src, []byte(m.from), []byte(m.to), 1), 0o644); err != nil {
		return false, "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	// The determinism golden fails for any change at all: it says nothing
	// about which physics a test checks, so it is left out.
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-failfast", "-skip", "TestDeterminism", "./engine")
	cmd.Dir = dir
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	runErr := cmd.Run()
	if runErr == nil {
		return false, "", nil
	}
	name, ok := firstFailure(buf.String())
	if !ok {
		return false, "", fmt.Errorf("the mutated engine does not build or run: %s", name)
	}
	return true, name, nil
}

// firstFailure is the name of the first failing test; ok is false when no
// test failed (the mutated code did not build, or the run died).
func firstFailure(log string) (name string, ok bool) {
	for _, line := range strings.Split(log, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "--- FAIL:") {
			return strings.Fields(line)[2], true
		}
	}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, ".go:") {
			return strings.TrimSpace(line), false
		}
	}
	return strings.TrimSpace(log), false
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("run inside the bonemusic module")
	}
	return filepath.Dir(mod), nil
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if e.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		return copyFile(p, dst)
	})
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
