// Package storetest is the test suite every store.Store implementation
// passes: store/sqlite and store/postgres run it against a fresh store
// each (Run), and both run the crash test (CrashParent, CrashChild), which
// kills a process writing audit records and checks that every record it
// had acknowledged is there.
package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/store"
)

// Opener returns a new, empty store for one test; the suite closes it.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite, each test on a new store from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"ImportThenLoadLatestGivesTheSameEntities", testImportLoad},
		{"IdenticalReimportMakesNoSnapshot", testIdentical},
		{"NewListBecomesCurrentAndOldStaysForDiff", testNewVersion},
		{"CountDropIsRejectedAndRecordedOnce", testCountDrop},
		{"ForceAcceptsACountDrop", testForce},
		{"ListWithoutEntitiesIsRejected", testEmpty},
		{"WrongFormatIsRejected", testWrongFormat},
		{"OlderListIsRejected", testOlder},
		{"DeltaAppliesToTheCurrentSnapshot", testDelta},
		{"DeltaWithoutFullListFails", testDeltaWithoutBase},
		{"RecordRejectedKeepsTheCurrentSnapshot", testRecordRejected},
		{"DiffReportsAddedRemovedAndChangedFields", testDiff},
		{"DiffLatestComparesTheLastTwoGoodSnapshots", testDiffLatest},
		{"DiffRefusesTwoSources", testDiffTwoSources},
		{"ValidatorsAreRememberedAndReplaced", testValidators},
		{"AuditRecordsRoundTrip", testAudit},
		{"AuditScanSinceAndConcurrentAppends", testAuditConcurrent},
		{"DecideAllowlistsUntilTheDesignationChanges", testDecide},
		{"DecideTakesTheHashFromTheSnapshotWhenTheRecordHasNone", testDecideFallbackHash},
		{"DecideRejectsBadRequests", testDecideErrors},
		{"AuditExportsAsJSONLinesAndCSV", testExport},
		{"MissingThingsAreNotFound", testNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { st.Close() })
			tt.fn(t, st)
		})
	}
}

// Person returns a person entity of the given source with a primary name
// and programs, normalised as parsers emit them.
func Person(src, id, name string, programs ...string) *entity.Entity {
	e := &entity.Entity{
		ID: src + "-" + id, Source: src, SourceIDs: []string{id}, Type: entity.Person,
		Names:    []entity.Name{{Full: name, Kind: entity.Primary}},
		Programs: programs,
	}
	e.Normalize()
	return e
}

// Source returns a loaded source of the given entities, with a checksum
// made from their content and the publisher's date, so that different
// lists have different checksums and equal ones the same.
func Source(name, format, published string, ents ...*entity.Entity) *catalog.Source {
	var b strings.Builder
	for _, e := range ents {
		b.WriteString(store.EntityHash(e))
	}
	b.WriteString(published)
	sum := sha256.Sum256([]byte(b.String()))
	return &catalog.Source{
		Name: name, Format: format, Path: "/lists/" + name + ".txt", Files: []string{"/lists/" + name + ".txt"},
		Published: published, SHA256: hex.EncodeToString(sum[:]), Records: len(ents), Entities: ents,
	}
}

func src(name, format, published string, ents ...*entity.Entity) *catalog.Source {
	return Source(name, format, published, ents...)
}

func people(src string, n int) []*entity.Entity {
	out := make([]*entity.Entity, n)
	for i := range out {
		out[i] = Person(src, fmt.Sprint(1000+i), fmt.Sprintf("PERSON %d", i), "SDGT")
	}
	return out
}

func ctx(t *testing.T) context.Context { return t.Context() }

func mustImport(t *testing.T, st store.Store, s *catalog.Source, opt store.ImportOptions) store.ImportResult {
	t.Helper()
	res, err := store.Import(ctx(t), st, s, opt)
	if err != nil {
		t.Fatalf("Import(%s): %v", s.Name, err)
	}
	return res
}

func defaults() store.ImportOptions { return store.ImportOptions{MaxDrop: store.DefaultMaxDrop} }

func hashes(ents []*entity.Entity) []string {
	out := make([]string, len(ents))
	for i, e := range ents {
		out[i] = e.ID + " " + store.EntityHash(e)
	}
	slices.Sort(out)
	return out
}

func testImportLoad(t *testing.T, st store.Store) {
	ofac := people("ofac", 600) // more than one frame of the blob
	ofac[0].BirthDates = []entity.Date{{Year: 1984, Month: 1, Day: 8}, {Year: 1962, Circa: true}}
	ofac[0].Names = append(ofac[0].Names, entity.Name{Full: "Ким Чен Ын", Kind: entity.Alias, Script: true, Lang: "ru"},
		entity.Name{Full: "KIM Jong-un", Kind: entity.Alias, Parts: &entity.NameParts{Given: "Jong-un", Family: "KIM"}})
	ofac[0].Identifiers = []entity.Identifier{{Type: "passport", Value: "PS381420", Country: "kp"}}
	ofac[0].Nationalities = []string{"kp"}
	ofac[0].Countries = []string{"cn"}
	ofac[0].Addresses = []entity.Address{{Full: "Pyongyang, North Korea", City: "Pyongyang", Country: "kp"}}
	ofac[0].Remarks = "Secondary sanctions risk."
	ofac[1].Type = entity.Vessel
	ofac[1].Vessel = &entity.Craft{Flag: "ir", Kind: "Crude Oil Tanker"}
	un := []*entity.Entity{Person("un", "KPi.066", "KIM JONG UN", "KPi")}

	s := src("ofac", "ofac-csv", "2021-07-07", ofac...)
	s.Skipped = []source.Problem{{File: "sdn.csv", Line: 12, Record: "123", Field: "dob", Err: errors.New("bad date")}}
	s.Records = len(ofac) + 1
	now := time.Date(2026, 2, 27, 10, 11, 12, 123456789, time.UTC)
	res := mustImport(t, st, s, store.ImportOptions{MaxDrop: 0.2, Origin: "import:/lists/ofac", Now: func() time.Time { return now }})
	if res.Outcome != store.Added || res.Snapshot.ID == 0 || res.Previous != nil {
		t.Fatalf("first import: %+v", res)
	}
	mustImport(t, st, src("un", "un-xml", "2026-02-27", un...), defaults())

	cat, snaps, err := store.LoadLatest(ctx(t), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) != 2 || snaps[0].Source != "ofac" || snaps[1].Source != "un" {
		t.Fatalf("LoadLatest snapshots = %+v, want ofac and un", snaps)
	}
	got := snaps[0]
	want := store.Snapshot{
		ID: res.Snapshot.ID, Source: "ofac", Format: "ofac-csv", FetchedAt: now.Truncate(time.Microsecond),
		Published: "2021-07-07", SHA256: s.SHA256, Entities: 600, Records: 601, Skipped: 1,
		Problems: []store.Problem{{File: "sdn.csv", Line: 12, Record: "123", Field: "dob", Err: "bad date"}},
		Files:    []string{"/lists/ofac.txt"}, Origin: "import:/lists/ofac", Status: store.Good,
	}
	if !equalJSON(got, want) || !got.FetchedAt.Equal(want.FetchedAt) || !slices.Equal(got.Problems, want.Problems) {
		t.Errorf("snapshot =\n%+v\nwant\n%+v", got, want)
	}
	if cat.Len() != 601 {
		t.Errorf("catalog has %d entities, want 601", cat.Len())
	}
	os, ok := cat.Source("ofac")
	if !ok {
		t.Fatal("no ofac source in the catalog")
	}
	if !slices.Equal(hashes(os.Entities), hashes(ofac)) {
		t.Errorf("loaded entities differ from the imported ones")
	}
	if os.SHA256 != s.SHA256 || os.Published != "2021-07-07" || os.Format != "ofac-csv" || len(os.Skipped) != 1 ||
		os.Skipped[0].Error() != "sdn.csv:12: record 123: field dob: bad date" {
		t.Errorf("loaded source metadata: %+v", os)
	}
	for i, e := range os.Entities { // file order is kept
		if e.ID != ofac[i].ID {
			t.Fatalf("entity %d is %s, want %s", i, e.ID, ofac[i].ID)
		}
	}
	k, _ := cat.Entity("ofac-1000")
	if k.Names[1].Full != "Ким Чен Ын" || !k.Names[1].Script || k.Names[2].Parts.Family != "KIM" ||
		k.BirthDates[1] != (entity.Date{Year: 1962, Circa: true}) || k.Identifiers[0].Value != "PS381420" {
		t.Errorf("entity fields were not kept: %+v", k)
	}
	if v, _ := cat.Entity("ofac-1001"); v.Vessel == nil || v.Vessel.Flag != "ir" {
		t.Errorf("vessel particulars were not kept: %+v", v)
	}
	refs, err := st.Refs(ctx(t), res.Snapshot.ID)
	if err != nil || len(refs) != 600 {
		t.Fatalf("Refs = %d rows, %v", len(refs), err)
	}
	r, err := st.Ref(ctx(t), res.Snapshot.ID, "ofac-1000")
	if err != nil || r.Hash != store.EntityHash(ofac[0]) || r.Name != "PERSON 0" {
		t.Errorf("Ref = %+v, %v", r, err)
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func testIdentical(t *testing.T, st store.Store) {
	ents := people("ofac", 10)
	first := mustImport(t, st, src("ofac", "ofac-csv", "2021-07-07", ents...), defaults())
	again := mustImport(t, st, src("ofac", "ofac-csv", "2021-07-07", people("ofac", 10)...), defaults())
	if again.Outcome != store.Unchanged || again.Snapshot.ID != first.Snapshot.ID {
		t.Errorf("re-import of the same list: %+v, want unchanged snapshot %d", again, first.Snapshot.ID)
	}
	all, err := st.Snapshots(ctx(t), store.SnapshotQuery{})
	if err != nil || len(all) != 1 {
		t.Errorf("Snapshots = %d, %v; want 1", len(all), err)
	}
}

func testNewVersion(t *testing.T, st store.Store) {
	first := mustImport(t, st, src("ofac", "ofac-csv", "2021-07-07", people("ofac", 10)...), defaults())
	second := mustImport(t, st, src("ofac", "ofac-csv", "2021-07-08", people("ofac", 9)...), defaults()) // -10%: allowed
	if second.Outcome != store.Added || second.Previous == nil || second.Previous.ID != first.Snapshot.ID ||
		second.Snapshot.ID <= first.Snapshot.ID {
		t.Fatalf("second import: %+v", second)
	}
	latest, err := st.Latest(ctx(t))
	if err != nil || len(latest) != 1 || latest[0].ID != second.Snapshot.ID {
		t.Fatalf("Latest = %+v, %v; want snapshot %d", latest, err, second.Snapshot.ID)
	}
	all, err := st.Snapshots(ctx(t), store.SnapshotQuery{Source: "ofac"})
	if err != nil || len(all) != 2 || all[0].ID != second.Snapshot.ID {
		t.Fatalf("Snapshots newest first = %+v, %v", all, err)
	}
}

func testCountDrop(t *testing.T, st store.Store) {
	good := mustImport(t, st, src("ofac", "ofac-csv", "2021-07-07", people("ofac", 10)...), defaults())
	bad := src("ofac", "ofac-csv", "2021-07-08", people("ofac", 7)...) // -30%
	res, err := store.Import(ctx(t), st, bad, defaults())
	var rej *store.RejectedError
	if !errors.Is(err, store.ErrRejected) || !errors.As(err, &rej) {
		t.Fatalf("Import of a list 30%% smaller: %v, want a rejection", err)
	}
	if res.Outcome != store.RejectedOutcome || rej.Snapshot.Status != store.Rejected || rej.Snapshot.ID == 0 ||
		!strings.Contains(rej.Reason, "fell from 10") || !strings.Contains(err.Error(), "ofac") {
		t.Errorf("rejection: %+v; %v", res, err)
	}
	cat, snaps, err := store.LoadLatest(ctx(t), st)
	if err != nil || len(snaps) != 1 || snaps[0].ID != good.Snapshot.ID || cat.Len() != 10 {
		t.Fatalf("after a rejection the current snapshot must stay: %+v, %v", snaps, err)
	}
	// The same list again is not recorded twice.
	_, err2 := store.Import(ctx(t), st, src("ofac", "ofac-csv", "2021-07-08", people("ofac", 7)...), defaults())
	if !errors.As(err2, &rej) || rej.Snapshot.ID != res.Snapshot.ID {
		t.Errorf("second rejection of the same list: %v, want snapshot %d again", err2, res.Snapshot.ID)
	}
	rejected, err := st.Snapshots(ctx(t), store.SnapshotQuery{Source: "ofac", Status: store.Rejected})
	if err != nil || len(rejected) != 1 || rejected[0].Entities != 7 || rejected[0].Reason == "" {
		t.Errorf("rejected snapshots: %+v, %v", rejected, err)
	}
	// The rejected list's entities are kept, for a diff that shows what went.
	d, err := store.Diff(ctx(t), st, good.Snapshot.ID, rejected[0].ID)
	if err != nil || len(d.Removed) != 3 {
		t.Errorf("diff with the rejected snapshot: %+v, %v", d, err)
	}
}

func testForce(t *testing.T, st store.Store) {
	mustImport(t, st, src("ofac", "ofac-csv", "2021-07-07", people("ofac", 10)...), defaults())
	opt := defaults()
	opt.Force = true
	res := mustImport(t, st, src("ofac", "ofac-csv", "2021-07-06", people("ofac", 2)...), opt)
	if res.Outcome != store.Added || res.Snapshot.Entities != 2 {
		t.Errorf("forced import: %+v", res)
	}
	// A bigger list is never a problem.
	mustImport(t, st, src("ofac", "ofac-csv", "2021-07-08", people("ofac", 50)...), defaults())
}

func testEmpty(t *testing.T, st store.Store) {
	for _, force := range []bool{false, true} {
		_, err := store.Import(ctx(t), st, src("un", "un-xml", "", nil...), store.ImportOptions{Force: force})
		if !errors.Is(err, store.ErrRejected) || !strings.Contains(err.Error(), "no entities") {
			t.Errorf("Import of an empty list (force %v): %v, want a rejection", force, err)
		}
	}
	if latest, _ := st.Latest(ctx(t)); len(latest) != 0 {
		t.Errorf("an empty list became current: %+v", latest)
	}
}

func testWrongFormat(t *testing.T, st store.Store) {
	opt := defaults()
	opt.Formats = []string{"un-xml"}
	opt.Force = true
	_, err := store.Import(ctx(t), st, src("un", "custom-csv", "", people("un", 3)...), opt)
	if !errors.Is(err, store.ErrRejected) || !strings.Contains(err.Error(), "expected un-xml") {
		t.Errorf("Import in the wrong format: %v", err)
	}
}

func testOlder(t *testing.T, st store.Store) {
	mustImport(t, st, src("un", "un-xml", "2026-02-27", people("un", 3)...), defaults())
	_, err := store.Import(ctx(t), st, src("un", "un-xml", "2025-01-01", people("un", 4)...), defaults())
	if !errors.Is(err, store.ErrRejected) || !strings.Contains(err.Error(), "before the current snapshot") {
		t.Errorf("Import of an older list: %v", err)
	}
}

func testDelta(t *testing.T, st store.Store) {
	base := people("os", 5)
	mustImport(t, st, src("sanctions", "ftm-json", "2024-01-01", base...), defaults())
	changed := Person("os", "1001", "PERSON 1", "SDGT", "IRGC")
	added := Person("os", "2000", "NEW PERSON", "RUSSIA")
	delta := src("sanctions", "ftm-delta-json", "2024-01-02", changed, added)
	delta.Deleted = []string{"os-1003"}
	res := mustImport(t, st, delta, defaults())
	if res.Outcome != store.Added || res.Snapshot.Format != "ftm-json" || res.Snapshot.Entities != 5 ||
		res.Snapshot.Published != "2024-01-02" {
		t.Fatalf("delta import: %+v", res.Snapshot)
	}
	cat, _, err := store.LoadLatest(ctx(t), st)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"os-1000": true, "os-1001": true, "os-1003": false, "os-2000": true} {
		if _, ok := cat.Entity(id); ok != want {
			t.Errorf("after the delta, %s present = %v, want %v", id, ok, want)
		}
	}
	if e, _ := cat.Entity("os-1001"); !slices.Contains(e.Programs, "IRGC") {
		t.Errorf("modified entity not updated: %+v", e)
	}
}

func testDeltaWithoutBase(t *testing.T, st store.Store) {
	_, err := store.Import(ctx(t), st, src("sanctions", "ftm-delta-json", "", people("os", 2)...), defaults())
	if err == nil || !strings.Contains(err.Error(), "delta") {
		t.Errorf("delta with no full list: %v", err)
	}
}

func testRecordRejected(t *testing.T, st store.Store) {
	good := mustImport(t, st, src("eu", "eu-xml", "", people("eu", 3)...), defaults())
	for range 2 {
		snap, err := store.RecordRejected(ctx(t), st, store.Snapshot{Source: "eu", Format: "eu-xml", SHA256: "abc",
			Origin: "https://example.org/eu.xml", Reason: "not a list: text/html"})
		if err != nil || snap.ID == 0 || snap.Status != store.Rejected {
			t.Fatalf("RecordRejected: %+v, %v", snap, err)
		}
	}
	all, _ := st.Snapshots(ctx(t), store.SnapshotQuery{Source: "eu"})
	if len(all) != 2 {
		t.Errorf("the same rejection twice makes %d snapshots, want 2 (good + one rejected)", len(all))
	}
	latest, _ := st.Latest(ctx(t))
	if len(latest) != 1 || latest[0].ID != good.Snapshot.ID {
		t.Errorf("Latest after a rejection = %+v", latest)
	}
}

func testDiff(t *testing.T, st store.Store) {
	a := people("ofac", 4)
	b := people("ofac", 4)
	b = slices.Delete(b, 0, 1)                                              // ofac-1000 removed
	b = append(b, Person("ofac", "2000", "ADDED PERSON", "RUSSIA-EO14024")) // added
	b[0].Programs = append(b[0].Programs, "DPRK3")                          // ofac-1001: programs
	b[0].Normalize()
	b[1].Names = append(b[1].Names, entity.Name{Full: "AKA", Kind: entity.Alias}) // ofac-1002: names, birth dates
	b[1].BirthDates = []entity.Date{{Year: 1970}}
	first := mustImport(t, st, src("ofac", "ofac-csv", "1", a...), defaults())
	second := mustImport(t, st, src("ofac", "ofac-csv", "2", b...), defaults())
	d, err := store.Diff(ctx(t), st, first.Snapshot.ID, second.Snapshot.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := &store.SourceDiff{
		Source: "ofac", From: first.Snapshot, To: second.Snapshot,
		Added:   []store.EntitySummary{{ID: "ofac-2000", Name: "ADDED PERSON"}},
		Removed: []store.EntitySummary{{ID: "ofac-1000", Name: "PERSON 0"}},
		Changed: []store.Change{
			{ID: "ofac-1001", Name: "PERSON 1", Fields: []string{"programs"}},
			{ID: "ofac-1002", Name: "PERSON 2", Fields: []string{"names", "birth_dates"}},
		},
		Unchanged: 1,
	}
	d.From.FetchedAt, d.To.FetchedAt = want.From.FetchedAt, want.To.FetchedAt
	if !equalJSON(d, want) {
		g, _ := json.MarshalIndent(d, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("Diff =\n%s\nwant\n%s", g, w)
	}
	same, err := store.Diff(ctx(t), st, second.Snapshot.ID, second.Snapshot.ID)
	if err != nil || !same.Empty() || same.Unchanged != 4 {
		t.Errorf("Diff of a snapshot with itself: %+v, %v", same, err)
	}
}

func testDiffLatest(t *testing.T, st store.Store) {
	mustImport(t, st, src("ofac", "ofac-csv", "1", people("ofac", 4)...), defaults())
	mustImport(t, st, src("un", "un-xml", "1", people("un", 4)...), defaults())
	mid := mustImport(t, st, src("ofac", "ofac-csv", "2", people("ofac", 5)...), defaults())
	// A rejected snapshot is not one of "the last two good".
	store.Import(ctx(t), st, src("ofac", "ofac-csv", "3", people("ofac", 1)...), defaults())
	last := mustImport(t, st, src("ofac", "ofac-csv", "4", people("ofac", 6)...), defaults())
	ds, err := store.DiffLatest(ctx(t), st, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Source != "ofac" || ds[0].From.ID != mid.Snapshot.ID || ds[0].To.ID != last.Snapshot.ID ||
		len(ds[0].Added) != 1 || ds[0].Added[0].ID != "ofac-1005" {
		t.Errorf("DiffLatest = %+v", ds)
	}
	if _, err := store.DiffLatest(ctx(t), st, "un"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DiffLatest of a source with one snapshot: %v, want ErrNotFound", err)
	}
}

func testDiffTwoSources(t *testing.T, st store.Store) {
	a := mustImport(t, st, src("ofac", "ofac-csv", "1", people("ofac", 1)...), defaults())
	b := mustImport(t, st, src("un", "un-xml", "1", people("un", 1)...), defaults())
	if _, err := store.Diff(ctx(t), st, a.Snapshot.ID, b.Snapshot.ID); err == nil {
		t.Error("Diff of two sources' snapshots succeeded")
	}
}

func testValidators(t *testing.T, st store.Store) {
	const u = "https://example.org/sdn.csv"
	if _, err := st.Validators(ctx(t), u); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Validators of an unknown URL: %v", err)
	}
	v := store.Validators{URL: u, ETag: `"abc"`, LastModified: "Wed, 07 Jul 2021 10:00:00 GMT", SHA256: "s1"}
	if err := st.SetValidators(ctx(t), v); err != nil {
		t.Fatal(err)
	}
	v.ETag, v.SHA256 = `W/"def"`, "s2"
	if err := st.SetValidators(ctx(t), v); err != nil {
		t.Fatal(err)
	}
	got, err := st.Validators(ctx(t), u)
	if err != nil || got.ETag != `W/"def"` || got.SHA256 != "s2" || got.LastModified != v.LastModified || got.Updated.IsZero() {
		t.Errorf("Validators = %+v, %v", got, err)
	}
}

func screenRecord(name, birth, country string, results ...store.AuditResult) *store.AuditRecord {
	q, _ := json.Marshal(map[string]string{"name": name, "birth_date": birth, "country": country})
	return &store.AuditRecord{Kind: store.KindScreen, Query: q, DataVersion: "ofac:abc", Results: results}
}

func testAudit(t *testing.T, st store.Store) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 999999999, time.UTC)
	r := screenRecord("Vladimir PUTIN", "7 Oct 1952", "Russia",
		store.AuditResult{EntityID: "uk-RUS0251", Name: "PUTIN Vladimir", Score: 0.97, Match: true, Hash: "h1"},
		store.AuditResult{EntityID: "ofac-1", Score: 0.6})
	r.Time = at
	r.Caller = "key-17"
	r.Snapshots = []int64{3, 5}
	if err := store.Audit(ctx(t), st, r); err != nil {
		t.Fatal(err)
	}
	if r.ID == 0 || r.Fingerprint != "putin vladimir|1952-10-07|ru" {
		t.Errorf("after Audit: ID %d, fingerprint %q", r.ID, r.Fingerprint)
	}
	got, err := st.AuditRecord(ctx(t), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Time.Equal(at.Truncate(time.Microsecond)) || got.Caller != "key-17" || got.Kind != "screen" ||
		!slices.Equal(got.Snapshots, []int64{3, 5}) || len(got.Results) != 2 || got.Results[0] != r.Results[0] ||
		got.DataVersion != "ofac:abc" || !json.Valid(got.Query) || got.Fingerprint != r.Fingerprint {
		t.Errorf("AuditRecord = %+v", got)
	}
	cli := &store.AuditRecord{Kind: store.KindText, Query: json.RawMessage(`"some news text"`)}
	if err := store.Audit(ctx(t), st, cli); err != nil {
		t.Fatal(err)
	}
	if cli.Caller != "cli" || cli.Fingerprint != "" || cli.ID <= r.ID {
		t.Errorf("text record: %+v", cli)
	}
	for _, bad := range []*store.AuditRecord{{Query: json.RawMessage(`{}`)}, {Kind: "screen", Query: json.RawMessage(`{`)}} {
		if err := store.Audit(ctx(t), st, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Audit(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
}

func testAuditConcurrent(t *testing.T, st store.Store) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 5 {
				recs := []*store.AuditRecord{screenRecord(fmt.Sprintf("name %d %d", g, i), "", "")}
				recs[0].Time = t0.Add(time.Duration(g*10+i) * time.Hour)
				if err := store.Audit(context.Background(), st, recs...); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	batch := []*store.AuditRecord{screenRecord("a", "", ""), screenRecord("b", "", ""), screenRecord("c", "", "")}
	for _, r := range batch {
		r.Kind = store.KindBatch
		r.Time = t0.Add(1000 * time.Hour)
	}
	if err := store.Audit(ctx(t), st, batch...); err != nil {
		t.Fatal(err)
	}
	if batch[0].ID == 0 || batch[1].ID != batch[0].ID+1 || batch[2].ID != batch[1].ID+1 {
		t.Errorf("batch IDs: %d %d %d", batch[0].ID, batch[1].ID, batch[2].ID)
	}
	n, last := 0, int64(0)
	err := st.ScanAudit(ctx(t), t0.Add(40*time.Hour), func(r store.AuditRecord) error {
		if r.ID <= last {
			t.Errorf("ScanAudit out of order: %d after %d", r.ID, last)
		}
		last = r.ID
		n++
		return nil
	})
	// Goroutines 4 to 7 wrote at hours 40 to 74: 20 records, and the batch 3.
	if err != nil || n != 20+3 {
		t.Errorf("ScanAudit since hour 40 gave %d records, %v; want 23", n, err)
	}
	stop := errors.New("stop")
	if err := st.ScanAudit(ctx(t), time.Time{}, func(store.AuditRecord) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("ScanAudit did not return fn's error: %v", err)
	}
}

func testDecide(t *testing.T, st store.Store) {
	r := screenRecord("Sergey Lavrov", "1950-03-21", "ru",
		store.AuditResult{EntityID: "uk-RUS0252", Score: 0.95, Match: true, Hash: "h-lavrov-v1"},
		store.AuditResult{EntityID: "ofac-999", Score: 0.75, Match: true, Hash: "h-other-v1"})
	if err := store.Audit(ctx(t), st, r); err != nil {
		t.Fatal(err)
	}
	fp, err := store.Decide(ctx(t), st, store.DecisionRequest{AuditID: r.ID, EntityID: "ofac-999",
		Decision: store.FalsePositive, Note: " different person, born 1981 ", By: "analyst-1"})
	if err != nil {
		t.Fatal(err)
	}
	if fp.ID == 0 || fp.Fingerprint != "lavrov sergey|1950-03-21|ru" || fp.EntityHash != "h-other-v1" ||
		fp.Note != "different person, born 1981" || fp.By != "analyst-1" || fp.Time.IsZero() {
		t.Errorf("decision = %+v", fp)
	}
	if _, err := store.Decide(ctx(t), st, store.DecisionRequest{AuditID: r.ID, EntityID: "uk-RUS0252", Decision: "true_match"}); err != nil {
		t.Fatal(err)
	}
	al, err := store.LoadAllowlist(ctx(t), st)
	if err != nil {
		t.Fatal(err)
	}
	// The same query, written differently, for the same designation.
	same := store.Fingerprint("LAVROV,  Sergéy", "21 Mar 1950", "Russia")
	tests := []struct {
		name                 string
		fp, entityID, hash   string
		wantOK, wantFalsePos bool
	}{
		{"same query and designation", same, "ofac-999", "h-other-v1", true, true},
		{"designation changed", same, "ofac-999", "h-other-v2", false, false},
		{"another entity", same, "ofac-1000", "h-other-v1", false, false},
		{"another birth date", store.Fingerprint("Sergey Lavrov", "1981", "ru"), "ofac-999", "h-other-v1", false, false},
		{"confirmed match is returned but is no false positive", same, "uk-RUS0252", "h-lavrov-v1", true, false},
	}
	for _, tt := range tests {
		d, ok := al.Lookup(tt.fp, tt.entityID, tt.hash)
		if ok != tt.wantOK || al.FalsePositive(tt.fp, tt.entityID, tt.hash) != tt.wantFalsePos {
			t.Errorf("%s: Lookup = %+v, %v", tt.name, d, ok)
		}
	}
	// A later decision replaces an earlier one on the same key.
	if _, err := store.Decide(ctx(t), st, store.DecisionRequest{AuditID: r.ID, EntityID: "ofac-999", Decision: store.TrueMatch}); err != nil {
		t.Fatal(err)
	}
	al, _ = store.LoadAllowlist(ctx(t), st)
	if al.FalsePositive(same, "ofac-999", "h-other-v1") || al.Len() != 2 {
		t.Errorf("after a true-match decision the entity is still allowlisted (len %d)", al.Len())
	}
}

func testDecideFallbackHash(t *testing.T, st store.Store) {
	e := Person("un", "QDi.017", "OSAMA BIN LADEN", "QDi")
	snap := mustImport(t, st, src("un", "un-xml", "1", e), defaults())
	r := screenRecord("Usama bin Laden", "", "", store.AuditResult{EntityID: "un-QDi.017", Score: 0.9, Match: true})
	r.Snapshots = []int64{snap.Snapshot.ID}
	if err := store.Audit(ctx(t), st, r); err != nil {
		t.Fatal(err)
	}
	d, err := store.Decide(ctx(t), st, store.DecisionRequest{AuditID: r.ID, EntityID: "un-QDi.017", Decision: store.TrueMatch})
	if err != nil || d.EntityHash != store.EntityHash(e) {
		t.Errorf("Decide = %+v, %v; want the hash from snapshot %d", d, err, snap.Snapshot.ID)
	}
}

func testDecideErrors(t *testing.T, st store.Store) {
	r := screenRecord("x", "", "", store.AuditResult{EntityID: "ofac-1", Hash: "h"})
	if err := store.Audit(ctx(t), st, r); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  store.DecisionRequest
		want error
	}{
		{"unknown record", store.DecisionRequest{AuditID: r.ID + 100, EntityID: "ofac-1", Decision: store.TrueMatch}, store.ErrNotFound},
		{"entity not in the results", store.DecisionRequest{AuditID: r.ID, EntityID: "ofac-2", Decision: store.TrueMatch}, store.ErrNotFound},
		{"unknown verdict", store.DecisionRequest{AuditID: r.ID, EntityID: "ofac-1", Decision: "maybe"}, store.ErrInvalid},
		{"no entity", store.DecisionRequest{AuditID: r.ID, Decision: store.TrueMatch}, store.ErrInvalid},
	}
	for _, tt := range tests {
		if _, err := store.Decide(ctx(t), st, tt.req); !errors.Is(err, tt.want) {
			t.Errorf("%s: Decide = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func testExport(t *testing.T, st store.Store) {
	old := screenRecord("old", "", "")
	old.Time = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	r := screenRecord("Kim Jong Un", "1984", "kp", store.AuditResult{EntityID: "ofac-1", Score: 1, Match: true, Hash: "h"})
	r.Time = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r.Snapshots = []int64{1, 2}
	if err := store.Audit(ctx(t), st, old, r); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Decide(ctx(t), st, store.DecisionRequest{AuditID: r.ID, EntityID: "ofac-1", Decision: store.TrueMatch, Note: "confirmed"}); err != nil {
		t.Fatal(err)
	}
	since := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	var jl bytes.Buffer
	if err := store.WriteAuditJSONL(ctx(t), st, &jl, since); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(jl.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("JSONL export has %d lines, want 1:\n%s", len(lines), jl.String())
	}
	var got store.ExportedRecord
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != r.ID || len(got.Decisions) != 1 || got.Decisions[0].Note != "confirmed" || got.Results[0].EntityID != "ofac-1" {
		t.Errorf("exported record: %+v", got)
	}
	var cb bytes.Buffer
	if err := store.WriteAuditCSV(ctx(t), st, &cb, time.Time{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cb).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], store.AuditCSVColumns()) {
		t.Fatalf("CSV export: %q", rows)
	}
	row := rows[2]
	if row[0] != fmt.Sprint(r.ID) || row[1] != "2026-01-01T00:00:00Z" || row[2] != "cli" || row[5] != "jong kim un|1984|kp" ||
		row[7] != "1 2" || row[8] != "1" || !strings.Contains(row[10], "true-match") {
		t.Errorf("CSV row: %q", row)
	}
}

func testNotFound(t *testing.T, st store.Store) {
	if _, err := st.Snapshot(ctx(t), 42); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Snapshot: %v", err)
	}
	if _, err := st.Blob(ctx(t), 42); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Blob: %v", err)
	}
	if _, err := st.Ref(ctx(t), 42, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Ref: %v", err)
	}
	if _, err := st.AuditRecord(ctx(t), 42); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AuditRecord: %v", err)
	}
	if _, err := store.Diff(ctx(t), st, 1, 2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Diff: %v", err)
	}
	cat, snaps, err := store.LoadLatest(ctx(t), st)
	if err != nil || len(snaps) != 0 || cat.Len() != 0 {
		t.Errorf("LoadLatest of an empty store: %v, %v, %v", cat, snaps, err)
	}
}

// LoadShipped loads every list shipped in the shared data (skipping tb
// when the data is absent).
func LoadShipped(tb testing.TB) []*catalog.Source {
	tb.Helper()
	srcs, err := catalog.NewLoader(nil).LoadSources(tb.Context(), []string{shareddata.Lists(tb)})
	if err != nil {
		tb.Fatal(err)
	}
	return srcs
}

// ImportAll imports srcs into st with the default safeguards.
func ImportAll(tb testing.TB, st store.Store, srcs []*catalog.Source) {
	tb.Helper()
	for _, s := range srcs {
		if _, err := store.Import(tb.Context(), st, s, store.ImportOptions{MaxDrop: store.DefaultMaxDrop}); err != nil {
			tb.Fatal(err)
		}
	}
}
