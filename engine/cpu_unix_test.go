//go:build unix

package engine

import "syscall"

// cpuSeconds is the process's user+system CPU time: the benchmarks report
// speed per CPU second too, because wall time on a shared machine is noisy.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
