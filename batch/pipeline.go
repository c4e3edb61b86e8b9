package batch

import (
	"context"
	"errors"
	"io"
	"sync"
)

// chunkSize is how many records travel together from the reader to a
// worker and to the writer: enough to make channel traffic negligible when
// screening a record is cheap (delta re-screening), few enough to keep the
// reorder buffer small.
const chunkSize = 64

// item is one record on its way through the pipeline.
type item[T any] struct {
	rec Record
	err error // a *RowError: the record is skipped
	out T
}

// chunk is a run of consecutive records.
type chunk[T any] struct {
	seq   int64 // chunks are numbered in input order
	items []item[T]
}

// pipeline reads records from rd, leaving out those before skip (already
// done by an interrupted run), processes them on workers goroutines
// (process gets the worker's number, 0 to workers-1), and
// hands them to emit in input order, a chunk at a time, on the calling
// goroutine. Memory stays flat whatever the input's size: at most four
// chunks per worker are read and not yet emitted, and the reorder buffer
// holds only those.
//
// emit must not keep pointers into the chunk's items: the chunk is
// reused once emit returns.
//
// When ctx is cancelled or emit fails, reading stops, the chunks not yet
// emitted are dropped, and pipeline returns the error at once: every chunk
// emit accepted was complete. Workers may then still be finishing their
// chunk, and the reader a read (of a terminal, say), in the background.
func pipeline[T any](ctx context.Context, rd *Reader, workers int, skip int64, process func(worker int, it *item[T]), emit func(*chunk[T]) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers = max(workers, 1)
	inflight := workers * 4
	sem := make(chan struct{}, inflight)
	jobs := make(chan *chunk[T], inflight)
	results := make(chan *chunk[T], inflight)
	free := make(chan *chunk[T], inflight) // emitted chunks, for the reader to reuse

	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		var seq int64
		c := &chunk[T]{items: make([]item[T], 0, chunkSize)}
		send := func() bool {
			if len(c.items) == 0 {
				return true
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			c.seq = seq
			seq++
			jobs <- c // never blocks: jobs holds as many chunks as sem
			select {
			case c = <-free:
				c.items = c.items[:0]
			default:
				c = &chunk[T]{items: make([]item[T], 0, chunkSize)}
			}
			return true
		}
		for ctx.Err() == nil {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				send()
				return
			}
			var re *RowError
			switch {
			case errors.As(err, &re):
				if re.Seq < skip {
					continue
				}
			case err != nil:
				readErr <- err
				cancel()
				return
			case rec.Seq < skip:
				continue
			}
			c.items = append(c.items, item[T]{rec: rec, err: err})
			if len(c.items) == chunkSize && !send() {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for c := range jobs {
				for i := range c.items {
					if ctx.Err() != nil {
						break
					}
					if c.items[i].err == nil {
						process(w, &c.items[i])
					}
				}
				results <- c
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int64]*chunk[T]{}
	var next int64
	for {
		var c *chunk[T]
		var ok bool
		select {
		case c, ok = <-results:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			select {
			case err := <-readErr:
				return err
			default:
			}
			return context.Cause(ctx)
		}
		if !ok {
			return nil // every chunk was emitted
		}
		pending[c.seq] = c
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := emit(c); err != nil {
				return err // the deferred cancel stops the rest
			}
			clear(c.items) // drop what the items hold before reuse
			select {
			case free <- c:
			default:
			}
			<-sem
		}
	}
}
