package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/sqlite"
)

// cloneEntity deep-copies an entity through its JSON form.
func cloneEntity(t testing.TB, e *entity.Entity) *entity.Entity {
	t.Helper()
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var c entity.Entity
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// heldBack returns the UN list with part of it held back and altered, as
// an older version of it could have been: 50 of the designations the
// benchmark's positives name are left out, and 20 others altered (aliases
// dropped, names swapped with another designation's, birth dates and
// nationality changed).
func heldBack(t testing.TB, un *catalog.Source) *catalog.Source {
	t.Helper()
	refs := map[string]bool{}
	for _, name := range []string{"positives_un_untreated.csv", "positives_un_treated.csv"} {
		rows := benchRows(t, name)
		for _, r := range rows[1:] {
			if len(r) > 8 && r[8] != "" {
				refs["un-"+r[8]] = true
			}
		}
	}
	targets := slices.Sorted(maps.Keys(refs))
	byID := map[string]*entity.Entity{}
	for _, e := range un.Entities {
		byID[e.ID] = e
	}
	drop := map[string]bool{}
	alter := map[string]int{}
	for i, id := range targets {
		if byID[id] == nil {
			continue
		}
		switch {
		case i%2 == 0 && len(drop) < 50:
			drop[id] = true
		case i%2 == 1 && len(alter) < 20:
			alter[id] = len(alter)
		}
	}
	if len(drop) != 50 || len(alter) != 20 {
		t.Fatalf("held back %d and altered %d designations, want 50 and 20", len(drop), len(alter))
	}
	out := &catalog.Source{Name: un.Name, Format: un.Format, Path: un.Path, Files: un.Files,
		Published: un.Published, SHA256: "held-back-" + un.SHA256, Records: un.Records}
	altered := slices.Sorted(maps.Keys(alter))
	for _, e := range un.Entities {
		if drop[e.ID] {
			continue
		}
		k, ok := alter[e.ID]
		if !ok {
			out.Entities = append(out.Entities, e)
			continue
		}
		// The first alteration that changes the designation, from k's.
		var c *entity.Entity
		for try := range 3 {
			c = cloneEntity(t, e)
			switch (k + try) % 3 {
			case 0: // the aliases were added later
				c.Names = c.Names[:1]
			case 1: // the names were another designation's (a data entry error, since corrected)
				other := byID[altered[(k+1)%len(altered)]]
				c.Names = cloneEntity(t, other).Names
			case 2: // the birth dates and nationality were wrong
				for j := range c.BirthDates {
					c.BirthDates[j].Year -= 25
					if c.BirthDates[j].ToYear != 0 {
						c.BirthDates[j].ToYear -= 25
					}
				}
				c.Nationalities = []string{"is"}
			}
			if c.Hash() != e.Hash() {
				break
			}
		}
		out.Entities = append(out.Entities, c)
	}
	return out
}

type pair struct {
	line   int
	entity string
}

func pairList(m map[pair]bool) string {
	var out []string
	for p := range m {
		out = append(out, fmt.Sprintf("line %d ~ %s", p.line, p.entity))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// fullScreen screens the customers against a whole snapshot and returns
// the (customer, entity) pairs that match.
func fullScreen(t *testing.T, st store.Store, snap store.Snapshot, customers string) map[pair]bool {
	t.Helper()
	srcs, err := store.LoadSources(context.Background(), st, []store.Snapshot{snap})
	if err != nil {
		t.Fatal(err)
	}
	s := screen.New(catalog.New(srcs))
	f, err := os.Open(customers)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	if _, err := Run(context.Background(), s, f, &out, Options{Format: JSONL, ScreenOptions: ScreenOptions{AllMatches: true}}); err != nil {
		t.Fatal(err)
	}
	pairs := map[pair]bool{}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var row OutputRow
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			t.Fatal(err)
		}
		for _, m := range row.Matches {
			pairs[pair{row.Line, m.EntityID}] = true
		}
	}
	return pairs
}

// TestRescreenEquivalence holds delta re-screening to its definition: on
// the shipped UN list and the benchmark's people, the matches a delta
// re-screen reports as new and gone are exactly those a full screen
// against each snapshot gains and loses, both ways (designations added,
// and designations removed), and those it reports as changed are exactly
// the matches kept on a changed designation.
func TestRescreenEquivalence(t *testing.T) {
	ctx := context.Background()
	unScreener(t)
	un := unCat.Sources[0]
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "embargo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var snaps []store.Snapshot
	for _, src := range []*catalog.Source{heldBack(t, un), un, heldBack(t, un)} {
		src.SHA256 += fmt.Sprint(len(snaps)) // the third is a new snapshot, not "unchanged"
		res, err := store.Import(ctx, st, src, store.ImportOptions{MaxDrop: store.DefaultMaxDrop})
		if err != nil {
			t.Fatal(err)
		}
		snaps = append(snaps, res.Snapshot)
	}
	customers := customersCSV(t, 2000)
	full := make([]map[pair]bool, len(snaps))
	for i, s := range snaps {
		full[i] = fullScreen(t, st, s, customers)
	}
	for i, dir := range []string{"designations added back", "designations held back"} {
		t.Run(dir, func(t *testing.T) {
			from, to := snaps[i], snaps[i+1]
			d, err := DeltaFromStore(ctx, st, from.ID, to.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Changed) != 20 || len(d.Added)+len(d.Removed) != 50 {
				t.Fatalf("delta %s, want 50 added or removed and 20 changed", d)
			}
			changed := map[string]bool{}
			for _, c := range d.Changed {
				changed[c.To.ID] = true
			}
			f, err := os.Open(customers)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got := map[EventKind]map[pair]bool{NewMatch: {}, GoneMatch: {}, ChangedMatch: {}}
			var out bytes.Buffer
			sum, err := Rescreen(ctx, d, f, &out, RescreenOptions{Event: func(ev *Event) error {
				got[ev.Kind][pair{ev.Line, ev.EntityID}] = true
				return nil
			}})
			if err != nil {
				t.Fatal(err)
			}
			want := map[EventKind]map[pair]bool{NewMatch: {}, GoneMatch: {}, ChangedMatch: {}}
			for p := range full[i+1] {
				if !full[i][p] {
					want[NewMatch][p] = true
				} else if changed[p.entity] {
					want[ChangedMatch][p] = true
				}
			}
			for p := range full[i] {
				if !full[i+1][p] {
					want[GoneMatch][p] = true
				}
			}
			for _, k := range []EventKind{NewMatch, GoneMatch, ChangedMatch} {
				if pairList(got[k]) != pairList(want[k]) {
					t.Errorf("%s from the delta re-screen:\n%s\nfrom the full screens:\n%s", k, pairList(got[k]), pairList(want[k]))
				}
			}
			if len(want[NewMatch]) == 0 || len(want[GoneMatch]) == 0 {
				t.Errorf("the test data gives %d new and %d gone matches: both must occur", len(want[NewMatch]), len(want[GoneMatch]))
			}
			if sum.NewMatches != int64(len(got[NewMatch])) || sum.Gone != int64(len(got[GoneMatch])) || sum.Changed != int64(len(got[ChangedMatch])) {
				t.Errorf("summary %+v, events %d/%d/%d", sum, len(got[NewMatch]), len(got[GoneMatch]), len(got[ChangedMatch]))
			}
			if lines := bytes.Count(out.Bytes(), []byte("\n")); int64(lines) < 1+sum.NewMatches+sum.Gone+sum.Changed {
				t.Errorf("output has %d lines for %d events", lines, sum.NewMatches+sum.Gone+sum.Changed)
			}
			t.Logf("%s: %s; %d new, %d gone, %d changed", dir, d, len(want[NewMatch]), len(want[GoneMatch]), len(want[ChangedMatch]))
		})
	}
}

func TestDiffEntities(t *testing.T) {
	a := &entity.Entity{ID: "x-1", Source: "x", Type: entity.Person, Names: []entity.Name{{Full: "Ann Lee", Kind: entity.Primary}}}
	b := &entity.Entity{ID: "x-2", Source: "x", Type: entity.Person, Names: []entity.Name{{Full: "Bo Chen", Kind: entity.Primary}}}
	b2 := cloneEntity(t, b)
	b2.BirthDates = []entity.Date{{Year: 1970}}
	c := &entity.Entity{ID: "x-3", Source: "x", Type: entity.Person, Names: []entity.Name{{Full: "Cy Do", Kind: entity.Primary}}}
	d := DiffEntities([]*entity.Entity{a, b}, []*entity.Entity{b2, c})
	if len(d.Added) != 1 || d.Added[0] != c || len(d.Removed) != 1 || d.Removed[0] != a ||
		len(d.Changed) != 1 || d.Changed[0].From != b || d.Changed[0].To != b2 || strings.Join(d.Changed[0].Fields, ",") != "birth_dates" {
		t.Errorf("delta %s: %+v", d, d)
	}
	if d := DiffEntities([]*entity.Entity{a, b}, []*entity.Entity{a, cloneEntity(t, b)}); d.Len() != 0 {
		t.Errorf("no change gives %s", d)
	}
}

func TestRescreenEvents(t *testing.T) {
	// Bo Chen's designation changes its name to Bo Chan: a customer named
	// Bo Chen still matches; Ann Lee is delisted; Cy Do is added.
	mk := func(id, name string) *entity.Entity {
		return &entity.Entity{ID: id, Source: "x", Type: entity.Person, Names: []entity.Name{{Full: name, Kind: entity.Primary}}}
	}
	bo := mk("x-2", "Bo Chen Wei")
	bo2 := mk("x-2", "Bo Chen Wei")
	bo2.BirthDates = []entity.Date{{Year: 1970}}
	d := &Delta{Added: []*entity.Entity{mk("x-3", "Cyrus Dorian Ostrava")}, Removed: []*entity.Entity{mk("x-1", "Annabel Leeford Marsh")},
		Changed: []Changed{{From: bo, To: bo2, Fields: []string{"birth_dates"}}}}
	in := "id,name\n1,Annabel Leeford Marsh\n2,Bo Chen Wei\n3,Cyrus Dorian Ostrava\n4,Dana Evans\n"
	var evs []string
	sum, err := Rescreen(context.Background(), d, strings.NewReader(in), nil, RescreenOptions{Event: func(ev *Event) error {
		evs = append(evs, fmt.Sprintf("%s %s %s %.2f %.2f %s", ev.CustomerID, ev.Kind, ev.EntityID, ev.Score, ev.OldScore, ev.Reason))
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1 match-gone x-1 0.00 1.00 removed from the list (delisted)",
		"2 match-changed x-2 1.00 1.00 designation changed (birth_dates)",
		"3 new-match x-3 1.00 0.00 added to the list",
	}
	if strings.Join(evs, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(evs, "\n"), strings.Join(want, "\n"))
	}
	if sum.Designations != 4 || sum.Rows != 4 || sum.Matched != 2 {
		t.Errorf("summary %+v", sum)
	}
}
