package batch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func numbered(n int) string {
	var b strings.Builder
	b.WriteString("id,name\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,Name %d\n", i, i)
	}
	return b.String()
}

// TestPipelineBounded holds the pipeline to its memory bound: while the
// first record is stuck in a worker, the others go on only until the
// chunks in flight are used up, and then everything comes out in order.
func TestPipelineBounded(t *testing.T) {
	const n, workers = 5000, 2
	rd, err := NewReader(strings.NewReader(numbered(n)), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var processed atomic.Int64
	process := func(_ int, it *item[int64]) {
		if it.rec.Seq == 0 {
			<-release
		}
		it.out = it.rec.Seq
		processed.Add(1)
	}
	var got []int64
	emit := func(c *chunk[int64]) error {
		for _, it := range c.items {
			got = append(got, it.out)
		}
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- pipeline(context.Background(), rd, workers, 0, process, emit) }()
	bound := int64(workers * 4 * chunkSize)
	var last int64 = -1
	for p := processed.Load(); p != last; p = processed.Load() {
		last = p
		time.Sleep(50 * time.Millisecond)
	}
	if last > bound || last == 0 {
		t.Errorf("%d records processed while the first was stuck, want some and at most %d", last, bound)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d records emitted, want %d", len(got), n)
	}
	for i, seq := range got {
		if seq != int64(i) {
			t.Fatalf("record %d emitted at position %d", seq, i)
		}
	}
}

// TestPipelineSkipAndErrors checks that records before skip are left out,
// malformed ones pass through in order, and an emit error stops the run.
func TestPipelineSkipAndErrors(t *testing.T) {
	in := numbered(300) + "x\n" + "301,Last\n"
	rd, err := NewReader(strings.NewReader(in), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	var bad []int
	err = pipeline(context.Background(), rd, 3, 100, func(_ int, it *item[struct{}]) {}, func(c *chunk[struct{}]) error {
		for _, it := range c.items {
			var re *RowError
			if errors.As(it.err, &re) {
				bad = append(bad, re.Line)
				seqs = append(seqs, re.Seq)
				continue
			}
			seqs = append(seqs, it.rec.Seq)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seqs) != 202 || seqs[0] != 100 || seqs[len(seqs)-1] != 301 || len(bad) != 1 || bad[0] != 302 {
		t.Errorf("seqs %d..%d (%d), malformed lines %v", seqs[0], seqs[len(seqs)-1], len(seqs), bad)
	}
	rd, _ = NewReader(strings.NewReader(numbered(5000)), ReadOptions{})
	stop := errors.New("stop")
	calls := 0
	err = pipeline(context.Background(), rd, 2, 0, func(_ int, it *item[struct{}]) {}, func(c *chunk[struct{}]) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Errorf("emit error: %v after %d calls", err, calls)
	}
}
