package batch

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
)

// EventKind says how a customer's matches changed.
type EventKind string

// Event kinds.
const (
	// NewMatch: the customer matches a designation that was added, or that
	// changed and did not match before.
	NewMatch EventKind = "new-match"
	// GoneMatch: the customer matched a designation that was removed
	// (delisted), or that changed and no longer matches.
	GoneMatch EventKind = "match-gone"
	// ChangedMatch: the customer matched a designation that changed, and
	// still matches it: the analyst may want to look at the new content.
	ChangedMatch EventKind = "match-changed"
)

// Event is one change in a customer's matches.
type Event struct {
	Kind EventKind `json:"kind"`
	// CustomerID, Line and Name identify the customer record.
	CustomerID string `json:"id"`
	Line       int    `json:"line"`
	Name       string `json:"name"`
	// EntityID, ListedName and Source identify the designation; for a
	// removed one, as it was.
	EntityID   string `json:"entity_id"`
	ListedName string `json:"listed_name"`
	Source     string `json:"source"`
	// MatchedName is the listed name that matched (now, or before for
	// GoneMatch).
	MatchedName string `json:"matched_name"`
	// Score is the score against the designation now (0 when it was
	// removed or no listed name comes close); OldScore the score before (0
	// when it was added or no listed name came close).
	Score    float64 `json:"score"`
	OldScore float64 `json:"old_score"`
	// Reason says what changed: "added to the list", "designation changed
	// (names, birth_dates)", "removed from the list (delisted)".
	Reason string `json:"reason"`
	// Explanation explains the match (now, or before for GoneMatch).
	Explanation []string `json:"explanation"`
}

// RescreenOptions say how to re-screen customers against a Delta.
type RescreenOptions struct {
	// Threshold is the score from which a result is a match; 0 means
	// screen.DefaultThreshold.
	Threshold float64
	// Lists keeps only the designations of these sources (empty: all).
	Lists []string
	// Type is the type of the records that do not give one.
	Type string
	// Read says how to read the customer file.
	Read ReadOptions
	// Format is the output format, CSV or JSONL ("" means CSV).
	Format string
	// Workers is how many records are screened at once; 0 means one per
	// CPU.
	Workers int
	// Start, Progress and Skipped are as in Options.
	Start    func(*Reader) error
	Progress func(Status)
	Skipped  func(*RowError)
	// Event, when set, is called for each event, in input order; an error
	// stops the re-screen.
	Event func(*Event) error
}

// RescreenSummary counts what a re-screen found.
type RescreenSummary struct {
	Status
	// Designations is the number of designations screened against (added
	// and changed ones as they are, removed and changed ones as they
	// were).
	Designations int `json:"designations"`
	// NewMatches, Gone and Changed count the events of each kind.
	NewMatches int64 `json:"new_matches"`
	Gone       int64 `json:"gone"`
	Changed    int64 `json:"changed"`
}

// String describes the summary in one line.
func (s RescreenSummary) String() string {
	return fmt.Sprintf("%s new potential match(es), %s match(es) gone, %s matched designation(s) changed; %s",
		Count(s.NewMatches), Count(s.Gone), Count(s.Changed), s.Summary())
}

// side says which version of the lists an entity of the delta index is
// from.
type side uint8

const (
	before side = iota
	after
)

// deltaScreener screens customers against both versions of the changed
// designations at once: one small index holds the added and changed
// designations as they are and the removed and changed ones as they were
// (under other IDs), so that each customer's name is analysed once and
// looked up once. Most customers share no name part with the few
// designations that changed, and the index's key lookup rules them out
// before anything is scored.
type deltaScreener struct {
	s      *screen.Screener
	origin map[*entity.Entity]deltaEntity
	reason map[string]string // entity ID → what changed
	opt    ScreenOptions
}

type deltaEntity struct {
	side side
	e    *entity.Entity // as in the delta
}

func newDeltaScreener(d *Delta, opt RescreenOptions) (*deltaScreener, error) {
	ds := &deltaScreener{origin: map[*entity.Entity]deltaEntity{}, reason: map[string]string{},
		opt: ScreenOptions{Threshold: opt.Threshold, Type: opt.Type}}
	if ds.opt.Threshold == 0 {
		ds.opt.Threshold = screen.DefaultThreshold
	}
	if ds.opt.Threshold < 0 || ds.opt.Threshold > 1 {
		return nil, fmt.Errorf("threshold %v is not between 0 and 1", ds.opt.Threshold)
	}
	if opt.Type != "" {
		t, ok := entity.ParseType(opt.Type)
		if !ok {
			return nil, fmt.Errorf("type %q is not one of person, organization, vessel, aircraft", opt.Type)
		}
		ds.opt.Type = string(t)
	}
	keep := func(e *entity.Entity) bool { return len(opt.Lists) == 0 || slices.Contains(opt.Lists, e.Source) }
	bySource := map[string]*catalog.Source{}
	add := func(e *entity.Entity, sd side) {
		if !keep(e) {
			return
		}
		c := *e // a copy: the catalog may rename it, and the two versions share an ID
		if sd == before {
			c.ID = "before:" + e.ID
		}
		src := bySource[e.Source]
		if src == nil {
			src = &catalog.Source{Name: e.Source}
			bySource[e.Source] = src
		}
		src.Entities = append(src.Entities, &c)
		ds.origin[&c] = deltaEntity{sd, e}
	}
	for _, e := range d.Added {
		add(e, after)
		ds.reason[e.ID] = "added to the list"
	}
	for _, e := range d.Removed {
		add(e, before)
		ds.reason[e.ID] = "removed from the list (delisted)"
	}
	for _, c := range d.Changed {
		add(c.From, before)
		add(c.To, after)
		ds.reason[c.To.ID] = "designation changed (" + strings.Join(c.Fields, ", ") + ")"
	}
	srcs := make([]*catalog.Source, 0, len(bySource))
	for _, s := range bySource {
		srcs = append(srcs, s)
	}
	ds.s = screen.New(catalog.New(srcs))
	return ds, nil
}

// designations returns the number of designations indexed.
func (ds *deltaScreener) designations() int { return len(ds.origin) }

// hitScore is one version's result for a designation.
type hitScore struct {
	score float64
	match bool
	hit   int // index in hits
}

// screen returns the events of one customer, sorted by entity ID.
//
// Most customers share no name part with the few designations indexed. A
// first search with the name, type and identifiers only (what retrieves
// candidates) and no score floor finds that out without reading the
// record's birth date and countries; only a customer with a candidate is
// screened again with them, for its scores.
func (ds *deltaScreener) screen(rec Record) ([]Event, error) {
	if rec.Name == "" && len(rec.Identifiers) == 0 {
		return nil, &RowError{Seq: rec.Seq, Line: rec.Line, ID: rec.ID, Err: errNoName}
	}
	probe := Record{Name: rec.Name, Type: rec.Type, Identifiers: rec.Identifiers}
	req, _, _ := request(&probe, &ds.opt)
	prep, err := ds.s.Prepare(req)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), screen.ErrBadRequest.Error()+": ")
		return nil, &RowError{Seq: rec.Seq, Line: rec.Line, ID: rec.ID, Err: errors.New(msg)}
	}
	prep.Options.Limit, prep.Options.MinScore = 0, 0
	if len(ds.s.Hits(prep)) == 0 {
		return nil, nil
	}
	req, _, err = request(&rec, &ds.opt)
	if err != nil {
		return nil, &RowError{Seq: rec.Seq, Line: rec.Line, ID: rec.ID, Err: err}
	}
	if prep, err = ds.s.Prepare(req); err != nil {
		return nil, &RowError{Seq: rec.Seq, Line: rec.Line, ID: rec.ID, Err: err}
	}
	prep.Options.Limit = 0
	hits := ds.s.Hits(prep)
	if len(hits) == 0 {
		return nil, nil
	}
	var was, now map[string]hitScore
	for i := range hits {
		h := &hits[i]
		o := ds.origin[h.Entity]
		score := screen.Round(h.Score)
		hs := hitScore{score, score >= prep.Req.Threshold, i}
		if o.side == before {
			if was == nil {
				was = map[string]hitScore{}
			}
			was[o.e.ID] = hs
		} else {
			if now == nil {
				now = map[string]hitScore{}
			}
			now[o.e.ID] = hs
		}
	}
	var events []Event
	event := func(kind EventKind, id string, use hitScore) {
		h := &hits[use.hit]
		o := ds.origin[h.Entity]
		ev := Event{Kind: kind, CustomerID: rec.ID, Line: rec.Line, Name: rec.Name,
			EntityID: o.e.ID, ListedName: o.e.Caption(), Source: o.e.Source,
			Score: now[id].score, OldScore: was[id].score, Reason: ds.reason[id],
			Explanation: h.Explain(prep.Query)}
		if h.Name >= 0 {
			ev.MatchedName = h.Entity.Names[h.Name].Full
		}
		if kind == GoneMatch && strings.HasPrefix(ev.Reason, "designation changed") {
			ev.Reason += ": no longer matches"
		}
		events = append(events, ev)
	}
	for id, n := range now {
		if !n.match {
			continue
		}
		if w, ok := was[id]; ok && w.match {
			event(ChangedMatch, id, n)
		} else {
			event(NewMatch, id, n)
		}
	}
	for id, w := range was {
		if w.match && !now[id].match {
			event(GoneMatch, id, w)
		}
	}
	slices.SortFunc(events, func(a, b Event) int { return cmp.Or(cmp.Compare(a.EntityID, b.EntityID), cmp.Compare(a.Kind, b.Kind)) })
	return events, nil
}

// Rescreen screens the customers read from in against what changed in
// the lists (d), and reports, in input order, the customers who now match
// a designation that was added or changed (NewMatch), those whose match
// went away because the designation was removed or changed (GoneMatch),
// and those who still match a changed designation (ChangedMatch). The
// events are written to out (CSV or JSONL, as opt.Format says; nil writes
// nothing) and passed to opt.Event.
//
// The result is the same as screening every customer against the whole
// lists before and after and comparing the matches, for a fraction of the
// work: only the designations in d are indexed, both versions of each, and
// a customer whose name shares no part with them is ruled out by the
// index's key lookup.
//
// It is the call `embargo serve` makes after each pull for the registered
// customer files, with the delta of DiffEntities(old.All(), new.All()).
func Rescreen(ctx context.Context, d *Delta, in io.Reader, out io.Writer, opt RescreenOptions) (RescreenSummary, error) {
	var sum RescreenSummary
	format, err := OutputFormat(opt.Format, "")
	if err != nil {
		return sum, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// One small index per worker: building one takes a millisecond, and
	// workers that share none share no cache either.
	dss := make([]*deltaScreener, workers)
	for i := range dss {
		if dss[i], err = newDeltaScreener(d, opt); err != nil {
			return sum, err
		}
	}
	sum.Designations = dss[0].designations()
	rd, err := NewReader(in, opt.Read)
	if err != nil {
		return sum, err
	}
	if opt.Start != nil {
		if err := opt.Start(rd); err != nil {
			return sum, err
		}
	}
	var ew eventWriter
	if out != nil {
		ew = newEventWriter(format, out)
		if err := ew.header(); err != nil {
			return sum, fmt.Errorf("writing the output: %w", err)
		}
	}
	start := time.Now()
	lastFlush := start
	process := func(w int, it *item[[]Event]) {
		if sum.Designations == 0 {
			return
		}
		it.out, it.err = dss[w].screen(it.rec)
	}
	emit := func(c *chunk[[]Event]) error {
		for i := range c.items {
			it := &c.items[i]
			sum.Rows++
			if it.err != nil {
				sum.Skipped++
				var re *RowError
				if opt.Skipped != nil && errors.As(it.err, &re) {
					opt.Skipped(re)
				}
				continue
			}
			sum.Screened++
			matched := false
			for j := range it.out {
				ev := &it.out[j]
				switch ev.Kind {
				case NewMatch:
					sum.NewMatches++
					matched = true
				case GoneMatch:
					sum.Gone++
				case ChangedMatch:
					sum.Changed++
					matched = true
				}
				if ew != nil {
					if err := ew.write(ev); err != nil {
						return fmt.Errorf("writing the output: %w", err)
					}
				}
				if opt.Event != nil {
					if err := opt.Event(ev); err != nil {
						return err
					}
				}
			}
			if matched {
				sum.Matched++
			}
		}
		sum.Elapsed = time.Since(start)
		if opt.Progress != nil {
			opt.Progress(sum.Status)
		}
		if ew != nil && time.Since(lastFlush) > time.Second {
			lastFlush = time.Now()
			if err := ew.flush(); err != nil {
				return fmt.Errorf("writing the output: %w", err)
			}
		}
		return nil
	}
	err = pipeline(ctx, rd, workers, 0, process, emit)
	if ew != nil {
		if ferr := ew.flush(); err == nil && ferr != nil {
			err = fmt.Errorf("writing the output: %w", ferr)
		}
	}
	sum.Elapsed = time.Since(start)
	sum.Done = true
	if opt.Progress != nil {
		opt.Progress(sum.Status)
	}
	if err != nil {
		return sum, interrupted(err, sum.Status, false)
	}
	return sum, nil
}

// EventColumns are the columns of Rescreen's CSV output.
var EventColumns = []string{"kind", "id", "line", "name", "entity_id", "listed_name", "matched_name", "source",
	"score", "old_score", "reason", "explanation"}

type eventWriter interface {
	header() error
	write(ev *Event) error
	flush() error
}

func newEventWriter(format string, w io.Writer) eventWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	if format == JSONL {
		return &jsonlEvents{w: bw}
	}
	return &csvEvents{w: csv.NewWriter(bw), bw: bw}
}

type csvEvents struct {
	w  *csv.Writer
	bw *bufio.Writer
}

func (c *csvEvents) header() error { return c.w.Write(EventColumns) }

func (c *csvEvents) write(ev *Event) error {
	return c.w.Write([]string{string(ev.Kind), ev.CustomerID, strconv.Itoa(ev.Line), ev.Name, ev.EntityID,
		ev.ListedName, ev.MatchedName, ev.Source, strconv.FormatFloat(ev.Score, 'f', 3, 64),
		strconv.FormatFloat(ev.OldScore, 'f', 3, 64), ev.Reason, strings.Join(ev.Explanation, "; ")})
}

func (c *csvEvents) flush() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

type jsonlEvents struct{ w *bufio.Writer }

func (j *jsonlEvents) header() error { return nil }

func (j *jsonlEvents) write(ev *Event) error {
	b, err := marshalLine(ev)
	if err != nil {
		return err
	}
	_, err = j.w.Write(b)
	return err
}

func (j *jsonlEvents) flush() error { return j.w.Flush() }
