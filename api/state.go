package api

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// state is one loaded and indexed version of the data and what is derived
// from it. It never changes once published; a new version, or a new
// allowlist, is a new state.
type state struct {
	// base screens without the allowlist; sc is base with the allowlist
	// when the allowlist holds decisions (checking an empty one would only
	// cost time).
	base, sc *screen.Screener
	// al is the allowlist, nil without a store. It is safe for concurrent
	// use and grows as decisions are made (POST /v1/decisions).
	al    *store.Allowlist
	text  TextScanner // nil when the server has no text scanner
	snaps []store.Snapshot
	// hashes holds each entity's content hash (store.EntityHash), by ID,
	// for the audit log.
	hashes  map[string]string
	version string
	loaded  time.Time
	lists   ListsReport
	// asOf is, per source, the time its data is from: the publisher's
	// date, else the snapshot's fetch time, else the file's modification
	// time.
	asOf map[string]time.Time
	// entities and names count the indexed entities and names per source.
	entities, names map[string]int
}

// screener returns the screener to use.
func (st *state) screener() *screen.Screener { return st.sc }

// hash returns an entity's content hash.
func (st *state) hash(e *entity.Entity) string {
	if h, ok := st.hashes[e.ID]; ok {
		return h
	}
	return store.EntityHash(e)
}

// snapshotIDs returns the IDs of the snapshots loaded.
func (st *state) snapshotIDs() []int64 { return snapshotIDs(st.snaps) }

// withAllowlist returns a copy of st screening with al (the same index).
func (st *state) withAllowlist(al *store.Allowlist) *state {
	c := *st
	c.al = al
	c.sc = st.base
	if al != nil && al.Len() > 0 {
		c.sc = st.base.WithAllowlist(al)
	}
	return &c
}

// ReloadResult says what a reload did.
type ReloadResult struct {
	// Changed is true when new data was swapped in; false when the data
	// was the same as the data being served.
	Changed bool `json:"changed" doc:"Whether new data was swapped in (false: the data had not changed)."`
	// Version is the data version served after the reload.
	Version string `json:"data_version" doc:"The data version served after the reload."`
	// Entities is the number of entities served after the reload.
	Entities int `json:"entities" doc:"The number of entities served after the reload."`
	// Snapshots are the IDs of the store snapshots served, empty when the
	// data comes from files.
	Snapshots []int64 `json:"snapshots" doc:"The store snapshots served (empty when the data comes from files)."`
	// Seconds is how long the reload took.
	Seconds float64 `json:"seconds" doc:"How long loading and indexing took."`
}

// Reload loads the data (Options.Load) and, when it differs from the data
// being served, indexes it and swaps it in; requests in flight finish on
// the data they started with. The allowlist is read again from the store
// either way. One reload runs at a time; a failed reload leaves the data
// being served in place.
func (s *Server) Reload(ctx context.Context) (ReloadResult, error) {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	start := time.Now()
	res, err := s.reload(ctx)
	res.Seconds = time.Since(start).Seconds()
	switch {
	case err != nil:
		s.metrics.reloads.WithLabelValues("error").Inc()
		s.log.Error("reloading the lists failed; the data being served stays in use", "error", err)
	case res.Changed:
		s.metrics.reloads.WithLabelValues("changed").Inc()
		s.log.Info("new lists loaded and indexed", "version", res.Version, "entities", res.Entities, "seconds", res.Seconds)
		if s.opts.Loaded != nil {
			s.opts.Loaded()
		}
	default:
		s.metrics.reloads.WithLabelValues("unchanged").Inc()
		s.log.Debug("the lists have not changed", "version", res.Version)
	}
	return res, err
}

func (s *Server) reload(ctx context.Context) (ReloadResult, error) {
	cat, snaps, err := s.opts.Load(ctx)
	if err != nil {
		return ReloadResult{}, fmt.Errorf("loading the lists: %w", err)
	}
	if len(cat.Sources) == 0 || cat.Len() == 0 {
		return ReloadResult{}, errors.New("loading the lists: no lists to screen against (no list file was found, or the store is empty)")
	}
	cur := s.state.Load()
	unchanged := cur != nil && cur.version == cat.Version() && slices.Equal(cur.snapshotIDs(), snapshotIDs(snaps))
	next := cur
	if !unchanged {
		if next, err = s.build(ctx, cat, snaps); err != nil {
			return ReloadResult{}, err
		}
	}
	// The allowlist is read and the new state published under alMu, which
	// decisions take too: a decision is either in the store when the
	// allowlist is read, or added to the published state after.
	s.alMu.Lock()
	defer s.alMu.Unlock()
	al, err := s.loadAllowlist(ctx)
	if err != nil {
		if unchanged {
			return resultOf(cur, false), err
		}
		return ReloadResult{}, err
	}
	next = next.withAllowlist(al)
	s.state.Store(next)
	return resultOf(next, !unchanged), nil
}

func resultOf(st *state, changed bool) ReloadResult {
	return ReloadResult{
		Changed: changed, Version: st.version, Entities: st.base.Catalog().Len(), Snapshots: st.snapshotIDs(),
	}
}

func snapshotIDs(snaps []store.Snapshot) []int64 {
	ids := make([]int64, len(snaps))
	for i, s := range snaps {
		ids[i] = s.ID
	}
	return ids
}

// loadAllowlist reads the analysts' decisions from the store (nil
// without a store).
func (s *Server) loadAllowlist(ctx context.Context) (*store.Allowlist, error) {
	if s.opts.Store == nil {
		return nil, nil
	}
	al, err := store.LoadAllowlist(ctx, s.opts.Store)
	if err != nil {
		return nil, err
	}
	return al, nil
}

// build indexes a catalog and derives what the handlers need from it. The
// state has no allowlist yet.
func (s *Server) build(ctx context.Context, cat *catalog.Catalog, snaps []store.Snapshot) (*state, error) {
	base := screen.New(cat)
	st := &state{
		base: base, snaps: snaps, version: cat.Version(), loaded: time.Now(),
		lists: NewListsReport(cat), asOf: map[string]time.Time{},
		entities: map[string]int{}, names: map[string]int{},
	}
	// Content hashes for the audit log, on every core.
	all := cat.All()
	hashes := make([]string, len(all))
	each(ctx, len(all), s.opts.Workers, func(i int) { hashes[i] = store.EntityHash(all[i]) })
	st.hashes = make(map[string]string, len(all))
	for i, e := range all {
		st.hashes[e.ID] = hashes[i]
	}
	bySource := map[string]store.Snapshot{}
	for _, sn := range snaps {
		bySource[sn.Source] = sn
	}
	for _, src := range cat.Sources {
		st.entities[src.Name] = len(src.Entities)
		st.names[src.Name] = src.NameCount()
		if t, ok := asOf(src, bySource); ok {
			st.asOf[src.Name] = t
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.opts.Text != nil {
		ts, err := s.opts.Text(ctx, base)
		if err != nil {
			return nil, fmt.Errorf("building the text scanner: %w", err)
		}
		st.text = ts
	}
	st.sc = base
	return st, nil
}

// asOf returns the time a source's data is from: the publisher's date,
// else the snapshot's fetch time, else the main file's modification time.
func asOf(src *catalog.Source, snaps map[string]store.Snapshot) (time.Time, bool) {
	if t, ok := parsePublished(src.Published); ok {
		return t, true
	}
	if sn, ok := snaps[src.Name]; ok && !sn.FetchedAt.IsZero() {
		return sn.FetchedAt, true
	}
	if src.Path != "" {
		if fi, err := os.Stat(src.Path); err == nil {
			return fi.ModTime(), true
		}
	}
	return time.Time{}, false
}

// parsePublished reads a publisher's date: "2026-02-27", or a time.
func parsePublished(p string) (time.Time, bool) {
	p = strings.TrimSpace(p)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, p); err == nil {
			return t, true
		}
	}
	if len(p) > 10 {
		if t, err := time.Parse(time.DateOnly, p[:10]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// TriggerReload asks for a reload in the background and returns at once;
// requests made while one is pending are coalesced into it.
func (s *Server) TriggerReload() {
	select {
	case s.reloads <- struct{}{}:
	default: // one is pending already
	}
}

// reloadLoop runs the reloads TriggerReload asks for, until Close.
func (s *Server) reloadLoop() {
	for {
		select {
		case <-s.done:
			return
		case <-s.reloads:
			s.Reload(s.bg)
		}
	}
}

// addDecision adds a decision, already in the store, to the allowlist
// being served, switching to a screener that consults the allowlist when
// it was empty.
func (s *Server) addDecision(d store.Decision) {
	s.alMu.Lock()
	defer s.alMu.Unlock()
	cur := s.state.Load()
	if cur == nil || cur.al == nil {
		return
	}
	cur.al.Add(d)
	if cur.sc == cur.base && cur.al.Len() > 0 {
		s.state.Store(cur.withAllowlist(cur.al))
	}
}

// each calls fn(i) for every i in [0, n) on up to workers goroutines,
// which take the next i as they finish one, until ctx is done.
func each(ctx context.Context, n, workers int, fn func(i int)) {
	workers = min(workers, n)
	var next atomic.Int64
	work := func() {
		for ctx.Err() == nil {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			fn(i)
		}
	}
	if workers <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(work)
	}
	wg.Wait()
}

// SnapshotIDs returns the IDs of the store snapshots being served (none
// before the first load, or when the data comes from files).
func (s *Server) SnapshotIDs() []int64 {
	st := s.state.Load()
	if st == nil {
		return nil
	}
	return st.snapshotIDs()
}
