package engine

import (
	"runtime"
	"testing"
)

// Benchmarks report speed as a ratio to real time ("x-realtime") and memory
// in MB, so `go test -bench . ./engine` builds the performance table.

var benchSrc []float32

func benchProgramme(b *testing.B, seconds float64) []float32 {
	if len(benchSrc) != int(seconds*EngineRate) {
		benchSrc = testProgramme(seconds, 0, 7)
	}
	return benchSrc
}

func benchSeconds() float64 {
	if testing.Short() {
		return 60
	}
	return 180
}

// BenchmarkCut cuts a 3-minute side (1 minute with -short / wasm).
func BenchmarkCut(b *testing.B) {
	secs := benchSeconds()
	src := benchProgramme(b, secs)
	p := DefaultParams()
	var d *Disc
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		d, err = Cut([][]float32{src}, EngineRate, p, CutOptions{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu := cpuSeconds() - cpu0
	runtime.ReadMemStats(&after)
	b.ReportMetric(secs/(b.Elapsed().Seconds()/float64(b.N)), "x-realtime")
	if cpu > 0 {
		b.ReportMetric(secs/(cpu/float64(b.N)), "x-realtime-cpu")
	}
	b.ReportMetric(float64(d.MemoryBytes())/(1<<20), "disc-MiB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MiB/op")
}

// BenchmarkPlayWear plays the side of a fresh disc through with the
// crystal pickup and noise, then applies the wear pass.
func BenchmarkPlayWear(b *testing.B) {
	secs := benchSeconds()
	src := benchProgramme(b, secs)
	fresh, err := Cut([][]float32{src}, EngineRate, DefaultParams(), CutOptions{})
	if err != nil {
		b.Fatal(err)
	}
	pk, _ := PickupByName("crystal")
	cpu0 := cpuSeconds()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := fresh.Clone()
		b.StartTimer()
		out, _, err := PlayAll(d, PlayOptions{Pickup: pk, Noise: true, Seed: 1}, 0)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.StopTimer()
	cpu := cpuSeconds() - cpu0
	audio := float64(n) / EngineRate
	b.ReportMetric(audio/(b.Elapsed().Seconds()/float64(b.N)), "x-realtime")
	if cpu > 0 {
		b.ReportMetric(audio/(cpu/float64(b.N)), "x-realtime-cpu")
	}
}

// BenchmarkStreamBlock reads one 10 ms block in real-time streaming.
func BenchmarkStreamBlock(b *testing.B) {
	src := benchProgramme(b, benchSeconds())
	d, err := Cut([][]float32{src}, EngineRate, DefaultParams(), CutOptions{})
	if err != nil {
		b.Fatal(err)
	}
	pk, _ := PickupByName("steel")
	pl, err := NewPlayer(d, PlayOptions{Pickup: pk, Noise: true, Seed: 1, Start: d.ProgrammeStart()})
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]float32, EngineRate/100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pl.Read(buf); err != nil {
			b.Fatal(err)
		}
	}
	perBlock := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perBlock*1e3, "ms/block")
	b.ReportMetric(perBlock/0.010*100, "%core")
}

// BenchmarkAge ages a 3-minute side (1 minute with -short / wasm) by ten
// plays with the steel needle: wear without sound, fidelity from excerpts.
func BenchmarkAge(b *testing.B) {
	secs := benchSeconds()
	src := benchProgramme(b, secs)
	d0, err := Cut([][]float32{src}, EngineRate, DefaultParams(), CutOptions{})
	if err != nil {
		b.Fatal(err)
	}
	pk, _ := PickupByName("steel")
	const plays = 10
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := d0.Clone()
		b.StartTimer()
		if _, err := Age(d, PlayOptions{Pickup: pk, Noise: true, Seed: 1}, plays, nil); err != nil {
			b.Fatal(err)
		}
	}
	perPlay := b.Elapsed().Seconds() / float64(b.N*plays)
	b.ReportMetric(1/perPlay, "plays/s")
	b.ReportMetric(secs/perPlay, "x-realtime")
}
