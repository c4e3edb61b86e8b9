package sqlite_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/sqlite"
	"github.com/embargo/embargo/store/storetest"
)

// TestShippedListsRoundTrip imports every shipped list and checks that the
// catalog loaded back from the store is the one loaded from the files:
// same sources, same version, every entity with the same content.
func TestShippedListsRoundTrip(t *testing.T) {
	srcs := storetest.LoadShipped(t)
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.ImportAll(t, st, srcs)
	direct := catalog.New(srcs)
	cat, snaps, err := store.LoadLatest(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) != len(direct.Sources) || cat.Version() != direct.Version() || cat.Len() != direct.Len() {
		t.Fatalf("from the store: %d sources, version %s, %d entities; from the files: %d, %s, %d",
			len(snaps), cat.Version(), cat.Len(), len(direct.Sources), direct.Version(), direct.Len())
	}
	for _, want := range direct.All() {
		got, ok := cat.Entity(want.ID)
		if !ok {
			t.Errorf("entity %s is missing from the store", want.ID)
			continue
		}
		if store.EntityHash(got) != store.EntityHash(want) {
			t.Errorf("entity %s changed on its way through the store: fields %v", want.ID, store.ChangedFields(want, got))
		}
	}
	for i, s := range cat.Sources {
		d := direct.Sources[i]
		if s.Name != d.Name || s.Published != d.Published || len(s.Skipped) != len(d.Skipped) || s.Records != d.Records ||
			!slices.Equal(s.Files, d.Files) {
			t.Errorf("source %s: from the store %+v, from the files %+v", s.Name, s, d)
		}
		t.Logf("%s: %d entities, published %q, %d skipped", s.Name, len(s.Entities), s.Published, len(s.Skipped))
	}
	// Importing the same files again changes nothing.
	for _, s := range srcs {
		res, err := store.Import(t.Context(), st, s, store.ImportOptions{MaxDrop: store.DefaultMaxDrop})
		if err != nil || res.Outcome != store.Unchanged {
			t.Errorf("re-import of %s: %v, %v", s.Name, res.Outcome, err)
		}
	}
}

// BenchmarkLoadLatest loads the whole shipped set back from the store (the
// work of every command that runs without --data).
func BenchmarkLoadLatest(b *testing.B) {
	st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), sqlite.FileName))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	storetest.ImportAll(b, st, storetest.LoadShipped(b))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		cat, _, err := store.LoadLatest(b.Context(), st)
		if err != nil {
			b.Fatal(err)
		}
		n = cat.Len()
	}
	b.ReportMetric(float64(n), "entities")
}

// BenchmarkImport stores the whole shipped set as new snapshots.
func BenchmarkImport(b *testing.B) {
	srcs := storetest.LoadShipped(b)
	st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), sqlite.FileName))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		for _, s := range srcs {
			s.SHA256 = s.SHA256[:60] + string(rune('a'+i%6)) + "bcd" // a new list each time
			if _, err := store.Import(b.Context(), st, s, store.ImportOptions{Force: true}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAudit appends one screening record per durable commit, as a
// server does for each request.
func BenchmarkAudit(b *testing.B) {
	st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), sqlite.FileName))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q := []byte(`{"name":"Vladimir Putin","birth_date":"1952-10-07","country":"ru"}`)
	b.ReportAllocs()
	for b.Loop() {
		r := &store.AuditRecord{Kind: store.KindScreen, Query: q, DataVersion: "ofac:8142ae3da34c,un:1f0c",
			Results: []store.AuditResult{{EntityID: "uk-RUS0251", Score: 0.98, Match: true, Hash: "h"}}}
		if err := store.Audit(b.Context(), st, r); err != nil {
			b.Fatal(err)
		}
	}
}
