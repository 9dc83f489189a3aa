// Command benchtable is `make bench`: it runs the engine's and renderer's
// benchmarks natively and as WebAssembly under Node, times sox on the same
// kind of work, and prints one table of speed (× real time) and memory.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// benchPackages are the packages benchmarked: the engine's always, the
// renderer's when it is there. Their benchmarks report x-realtime and *MB.
func benchPackages() []string {
	pkgs := []string{"./engine/..."}
	if _, err := os.Stat("render"); err == nil {
		pkgs = append(pkgs, "./render/")
	}
	return pkgs
}

const runTimeout = 20 * time.Minute

func main() {
	if err := run(os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "benchtable: %v\n", err)
		os.Exit(1)
	}
}

func run(stdout, stderr io.Writer) error {
	goBin := goCommand()
	goroot, err := output(goBin, "env", "GOROOT")
	if err != nil {
		return fmt.Errorf("finding GOROOT: %w", err)
	}
	fmt.Fprintln(stderr, "benchtable: native benchmarks…")
	native, nativeErr := goBench(goBin, nil)
	fmt.Fprintln(stderr, "benchtable: wasm benchmarks under Node…")
	wasmEnv := []string{"GOOS=js", "GOARCH=wasm", "PATH=" + filepath.Join(strings.TrimSpace(goroot), "lib", "wasm") + string(os.PathListSeparator) + os.Getenv("PATH")}
	wasm, wasmErr := goBench(goBin, wasmEnv)
	fmt.Fprintln(stderr, "benchtable: sox and the engine on the same 3-minute input…")
	extra := compareWithSox()

	printTable(stdout, native, wasm, nativeErr, wasmErr, extra)
	return nil
}

func goCommand() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

func output(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return string(out), err
}

// goBench runs the benchmarks with extra environment and parses them.
func goBench(goBin string, env []string) (map[string]result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	// -p 1: one package at a time, or their benchmarks share the CPUs.
	args := append([]string{"test", "-p", "1", "-run", "^$", "-bench", ".", "-benchmem"}, benchPackages()...)
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	runErr := cmd.Run()
	results := map[string]result{}
	for _, r := range parseBench(&out) {
		results[r.key()] = r
	}
	if runErr != nil && len(results) == 0 {
		msg := strings.TrimSpace(errOut.String() + out.String())
		if i := strings.IndexByte(msg, '\n'); i > 0 {
			msg = msg[:i]
		}
		return nil, fmt.Errorf("%v: %s", runErr, msg)
	}
	return results, nil
}

// row is one line of the table.
type row struct {
	name, native, wasm, mb string
}

// speed formats a result's speed: × real time where the benchmark reports
// it, else its share of a core for streaming, else time per operation.
func speed(r result, ok bool) string {
	if !ok {
		return "—"
	}
	if v, ok := r.metrics["x-realtime"]; ok {
		return fmt.Sprintf("%.0f×", v)
	}
	if v, ok := r.metrics["%core"]; ok {
		return fmt.Sprintf("%.1f %% of a core", v)
	}
	if v, ok := r.metrics["ns/op"]; ok {
		return fmt.Sprintf("%.0f ms/op", v/1e6)
	}
	return "?"
}

// memory picks the benchmark's own MB or MiB metrics, else allocation per op.
func memory(r result) string {
	var names []string
	for unit := range r.metrics {
		if strings.HasSuffix(unit, "MB") || strings.Contains(unit, "MiB") {
			names = append(names, unit)
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%.1f %s", r.metrics[n], n)
		}
		return strings.Join(parts, ", ")
	}
	if v, ok := r.metrics["B/op"]; ok {
		return fmt.Sprintf("%.1f alloc/op", v/1e6)
	}
	return ""
}

func printTable(w io.Writer, native, wasm map[string]result, nativeErr, wasmErr error, extra []row) {
	keys := map[string]bool{}
	for k := range native {
		keys[k] = true
	}
	for k := range wasm {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "benchmark\tnative × real time\twasm × real time\tMB (native)\n")
	fmt.Fprintf(tw, "---------\t-----------------\t----------------\t-----------\n")
	for _, k := range sorted {
		n, nok := native[k]
		wr, wok := wasm[k]
		mb := memory(n)
		if !nok {
			mb = memory(wr)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k, speed(n, nok), speed(wr, wok), mb)
	}
	for _, r := range extra {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.name, r.native, r.wasm, r.mb)
	}
	tw.Flush()
	if nativeErr != nil {
		fmt.Fprintf(w, "native benchmarks failed: %v\n", nativeErr)
	}
	if wasmErr != nil {
		fmt.Fprintf(w, "wasm benchmarks failed: %v\n", wasmErr)
	}
	fmt.Fprintf(w, "\nnative: %s/%s, %d CPUs, %s. wasm: the same benchmarks under Node (-short lengths where a benchmark picks them).\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Fprintln(w, "× real time = seconds of audio processed per second of wall time; MB = the benchmark's own memory metric, else bytes allocated per op.")
	fmt.Fprintln(w, "per CPU second = per second of the process's user+system time, all its cores together (sox, built with OpenMP, and the engine each use up to two).")
}
