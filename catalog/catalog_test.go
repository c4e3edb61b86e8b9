package catalog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
)

const customCSV = "name,type,aliases,birth_date,country,program\n" +
	"Ivan Petrov,person,I. Petrov;Ivan Petroff,1970-01-02,ru,INTERNAL\n" +
	"Acme Trading LLC,organization,,, ,INTERNAL\n"

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFileAndDirectory(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "blocklist.csv", customCSV)
	write(t, dir, "README.txt", "not a list\n")
	for _, path := range []string{p, dir} {
		cat, err := NewLoader(nil).Load(context.Background(), []string{path})
		if err != nil {
			t.Fatalf("Load(%s): %v", path, err)
		}
		if len(cat.Sources) != 1 || cat.Sources[0].Name != "custom" || cat.Sources[0].Format != "custom-csv" {
			t.Fatalf("Load(%s): sources %v", path, cat.Sources)
		}
		s := cat.Sources[0]
		if len(s.Entities) != 2 || s.NameCount() != 4 || len(s.SHA256) != 64 {
			t.Errorf("Load(%s): %d entities, %d names, sha %q", path, len(s.Entities), s.NameCount(), s.SHA256)
		}
		if e, ok := cat.Entity(s.Entities[0].ID); !ok || e.Caption() != "Ivan Petrov" {
			t.Errorf("Entity(%s) = %v, %v", s.Entities[0].ID, e, ok)
		}
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	empty := write(t, dir, "empty.csv", "")
	notList := write(t, dir, "notes.txt", "Dear colleague,\nhere are my notes.\n")
	tests := []struct {
		path string
		want error
	}{
		{empty, source.ErrNotList},
		{notList, source.ErrNotList},
		{filepath.Join(dir, "missing.csv"), os.ErrNotExist},
	}
	for _, tt := range tests {
		_, err := NewLoader(nil).Load(context.Background(), []string{tt.path})
		if err == nil || !errors.Is(err, tt.want) {
			t.Errorf("Load(%s) = %v, want %v", tt.path, err, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), filepath.Base(tt.path)) {
			t.Errorf("error %q does not name the file", err)
		}
	}
	if _, err := NewLoader(nil).Load(context.Background(), []string{t.TempDir()}); err == nil {
		t.Error("Load(empty directory) succeeded; want an error")
	}
}

func TestForcedFormat(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "list.txt", customCSV)
	l := NewLoader(nil)
	l.Format = "custom-csv"
	cat, err := l.Load(context.Background(), []string{p})
	if err != nil || len(cat.Sources) != 1 {
		t.Fatalf("Load with --format: %v", err)
	}
	l.Format = "no-such-format"
	if _, err := l.Load(context.Background(), []string{p}); err == nil || !strings.Contains(err.Error(), "no-such-format") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestDuplicateSourcesAreAnError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.csv", customCSV)
	write(t, dir, "b.csv", customCSV)
	_, err := NewLoader(nil).Load(context.Background(), []string{dir})
	if err == nil || !strings.Contains(err.Error(), `source "custom"`) {
		t.Errorf("two custom lists: %v", err)
	}
}

// TestShippedLists loads every shared list and checks the counts the files
// hold.
func TestShippedLists(t *testing.T) {
	cat, err := NewLoader(nil).Load(context.Background(), []string{shareddata.Lists(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		format   string
		entities int
		records  int
		skipped  int
	}{
		"ofac":        {"ofac-csv", 8976, 8976, 0},
		"un":          {"un-xml", 1003, 1003, 0},
		"uk":          {"uk-ods", 5300, 5302, 2}, // two rows have no name
		"dpl":         {"dpl-tsv", 581, 581, 0},
		"eu_fsf":      {"ftm-json", 6, 7, 0}, // one Address entity
		"us_congress": {"senzing-json", 1317, 1319, 0},
	}
	if len(cat.Sources) != len(want) {
		t.Errorf("%d sources, want %d", len(cat.Sources), len(want))
	}
	for _, s := range cat.Sources {
		w, ok := want[s.Name]
		if !ok {
			t.Errorf("unexpected source %s", s.Name)
			continue
		}
		if s.Format != w.format || len(s.Entities) != w.entities || s.Records != w.records || len(s.Skipped) != w.skipped {
			t.Errorf("%s: format %s, %d entities, %d records, %d skipped; want %+v",
				s.Name, s.Format, len(s.Entities), s.Records, len(s.Skipped), w)
		}
	}
	ofac, _ := cat.Source("ofac")
	if c := ofac.Counts(); c[entity.Person] != 4620 || c[entity.Organization] != 3673 || c[entity.Vessel] != 406 || c[entity.Aircraft] != 277 {
		t.Errorf("ofac counts %v", c)
	}
	if e, ok := cat.Entity("ofac-20157"); !ok || e.Caption() != "KIM, Jong Un" {
		t.Errorf("ofac-20157: %v", e)
	}
}

// BenchmarkLoadAll loads every shipped list (the issue asks for at most one
// second) and reports the heap the loaded catalog holds.
func BenchmarkLoadAll(b *testing.B) {
	dir := shareddata.Lists(b)
	var cat *Catalog
	for b.Loop() {
		var err error
		cat, err = NewLoader(nil).Load(context.Background(), []string{dir})
		if err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(cat.Len()), "entities")
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MiB")
}
