// Package cputime measures the CPU time the process has used, for
// benchmarks on a machine shared with other jobs: CPU time, unlike wall
// time, does not depend on what else the machine is running.
package cputime

import (
	"testing"
	"time"
)

// Used returns the CPU time (user and system) the process has used so
// far, 0 where the system does not say (see Measured).
func Used() time.Duration { return used() }

// Measured reports whether Used measures anything on this system.
const Measured = measured

// Report starts measuring for b and returns a function that reports the
// CPU time per operation since then as the metric "cpu-ms/op"; call it
// when the timed loop is done (defer cputime.Report(b)()). Where CPU time
// is not measured it reports nothing.
func Report(b *testing.B) func() {
	if !Measured {
		return func() {}
	}
	start := Used()
	return func() {
		b.ReportMetric(float64((Used()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
