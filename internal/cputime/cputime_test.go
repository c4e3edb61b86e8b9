package cputime

import (
	"testing"
	"time"
)

func TestUsedGrowsWithWork(t *testing.T) {
	if !Measured {
		t.Skip("CPU time is not measured on this system")
	}
	start := Used()
	// Spin until the clock the kernel keeps per process has moved on.
	deadline := time.Now().Add(2 * time.Second)
	for Used() == start && time.Now().Before(deadline) {
		for i := 0; i < 1_000_000; i++ {
			_ = i * i
		}
	}
	if Used() <= start {
		t.Errorf("Used() did not grow: %v", Used())
	}
}

func BenchmarkReport(b *testing.B) {
	defer Report(b)()
	for b.Loop() {
		_ = Used()
	}
}
