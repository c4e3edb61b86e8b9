package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/embargo/embargo/fetch"
)

// progressInterval is how often plain progress lines are written.
const progressInterval = 5 * time.Second

// progress returns how downloads are shown on w: a bar per download with
// bytes and rate on a terminal, else a plain line every few seconds. The
// returned function waits for the bars to be drawn for the last time; call
// it when the downloads are over.
func (a *app) progress(ctx context.Context, w io.Writer) (fetch.Progress, func()) {
	if isTerminal(w) {
		p := mpb.NewWithContext(ctx, mpb.WithOutput(w), mpb.WithWidth(40), mpb.WithRefreshRate(150*time.Millisecond))
		return &barProgress{p: p}, p.Wait
	}
	return &lineProgress{w: w, every: progressInterval}, func() {}
}

// barProgress draws an mpb bar per download.
type barProgress struct{ p *mpb.Progress }

// Start implements fetch.Progress.
func (b *barProgress) Start(label string, total int64) fetch.Tracker {
	counters := decor.Counters(decor.SizeB1024(0), "% .1f / % .1f")
	if total < 0 {
		counters = decor.Current(decor.SizeB1024(0), "% .1f")
	}
	bar := b.p.AddBar(max(total, 0),
		mpb.PrependDecorators(
			decor.Name(label, decor.WC{C: decor.DindentRight | decor.DextraSpace}),
			decor.OnAbort(decor.OnComplete(counters, "done"), "failed"),
		),
		mpb.AppendDecorators(decor.EwmaSpeed(decor.SizeB1024(0), "% .1f", 30)),
	)
	return &barTracker{bar: bar, last: time.Now(), unknown: total < 0}
}

type barTracker struct {
	mu      sync.Mutex
	bar     *mpb.Bar
	last    time.Time
	n       int64
	unknown bool
}

func (t *barTracker) Add(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.n += int64(n)
	if t.unknown {
		t.bar.SetTotal(t.n+1, false) // keep the bar open until Done
	}
	t.bar.EwmaIncrBy(n, now.Sub(t.last))
	t.last = now
}

func (t *barTracker) Done(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		t.bar.Abort(false)
		return
	}
	t.bar.SetTotal(-1, true)
}

// lineProgress writes "un consolidated.xml: 1.2 MiB of 1.9 MiB, 0.4
// MiB/s" every few seconds while a download runs, and a line when it ends.
type lineProgress struct {
	w     io.Writer
	every time.Duration
	mu    sync.Mutex // serialises lines of concurrent downloads
}

// Start implements fetch.Progress.
func (p *lineProgress) Start(label string, total int64) fetch.Tracker {
	t := &lineTracker{p: p, label: label, total: total, start: time.Now(), stop: make(chan struct{})}
	go t.tick()
	return t
}

func (p *lineProgress) printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, format, args...)
}

type lineTracker struct {
	p      *lineProgress
	label  string
	total  int64
	start  time.Time
	mu     sync.Mutex
	n      int64
	stop   chan struct{}
	closed bool
}

func (t *lineTracker) tick() {
	tk := time.NewTicker(t.p.every)
	defer tk.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-tk.C:
			t.mu.Lock()
			n := t.n
			t.mu.Unlock()
			of := ""
			if t.total >= 0 {
				of = " of " + fetch.Size(t.total)
			}
			t.p.printf("%s: %s%s, %s/s\n", t.label, fetch.Size(n), of, fetch.Size(rate(n, time.Since(t.start))))
		}
	}
}

func rate(n int64, d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(float64(n) / d.Seconds())
}

func (t *lineTracker) Add(n int) {
	t.mu.Lock()
	t.n += int64(n)
	t.mu.Unlock()
}

func (t *lineTracker) Done(err error) {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return
	}
	t.closed = true
	n := t.n
	t.mu.Unlock()
	close(t.stop)
	took := time.Since(t.start)
	if err != nil {
		t.p.printf("%s: failed after %s: %v\n", t.label, fetch.Size(n), err)
		return
	}
	t.p.printf("%s: %s in %s, %s/s\n", t.label, fetch.Size(n), roundDuration(took), fetch.Size(rate(n, took)))
}

// roundDuration rounds d for people: 3.2s, 45ms.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}
