// Package gcfit sets the garbage collector's pace for a process that holds
// a large index for a long time.
//
// Go's collector lets the heap grow to twice the live heap by default
// (GOGC=100) before it collects. A process holding a million-entity index
// (1.4 GiB live) would then grow to nearly 3 GiB resident under load,
// although each search leaves only a few tens of kilobytes of garbage. Fit
// bounds that growth: the heap may grow by Headroom beyond what is live,
// or by a quarter of it for very large heaps, and by the default 100% for
// small ones.
package gcfit

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Headroom is how much the heap may grow beyond the live heap between
// collections, for heaps larger than it.
const Headroom = 384 << 20

// MinPercent is the lowest GOGC Fit sets: below it, collections would
// take a large share of the CPU.
const MinPercent = 25

// Fit collects garbage, measures the live heap and sets GOGC so that the
// heap grows by at most Headroom (and by at least MinPercent). It does
// nothing when $GOGC is set: the operator's choice stands. It returns the
// live heap in bytes and the percentage in force. Call it once the
// long-lived data (lists, index) is loaded, and again after a reload.
func Fit() (live uint64, percent int) {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		live = s[0].Value.Uint64()
	}
	if os.Getenv("GOGC") != "" {
		percent = debug.SetGCPercent(-1)
		debug.SetGCPercent(percent)
		return live, percent
	}
	percent = Percent(live)
	debug.SetGCPercent(percent)
	return live, percent
}

// Percent is the GOGC Fit sets for a live heap of the given size.
func Percent(live uint64) int {
	if live <= Headroom {
		return 100
	}
	return max(MinPercent, int(100*Headroom/live))
}
