// Package sourcetest holds what the parsers' tests share: reading a
// fixture, running a parser and collecting what it emits, the checks of
// the parser contract every format must keep (refuse other files, stop on
// the emit callback's error, honour a cancelled context), and the body of
// the fuzz targets of the CSV list parsers.
package sourcetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// ReadFixture returns the content of testdata/name.
func ReadFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Collect runs p over data, read as the file name, and returns what it
// emits, in order, with its report and error.
func Collect(tb testing.TB, p source.Parser, name string, data []byte) ([]*entity.Entity, source.Report, error) {
	tb.Helper()
	var out []*entity.Entity
	rep, err := p(context.Background(), source.Input{Name: name, R: bytes.NewReader(data)}, func(e *entity.Entity) error {
		out = append(out, e)
		return nil
	})
	return out, rep, err
}

// CollectByID runs p over data, read as the file name, and returns the
// entities it emits by ID and their IDs in order, with its report and
// error. An ID emitted twice is an error of tb.
func CollectByID(tb testing.TB, p source.Parser, name string, data []byte) (map[string]*entity.Entity, []string, source.Report, error) {
	tb.Helper()
	byID := map[string]*entity.Entity{}
	var order []string
	rep, err := p(context.Background(), source.Input{Name: name, R: bytes.NewReader(data)}, func(e *entity.Entity) error {
		if _, dup := byID[e.ID]; dup {
			tb.Errorf("entity %s emitted twice", e.ID)
		}
		byID[e.ID] = e
		order = append(order, e.ID)
		return nil
	})
	return byID, order, rep, err
}

// ByID maps entities by ID (the last one wins for a repeated ID).
func ByID(es []*entity.Entity) map[string]*entity.Entity {
	m := make(map[string]*entity.Entity, len(es))
	for _, e := range es {
		m[e.ID] = e
	}
	return m
}

// HasRemark checks that one line of e's Remarks is line.
func HasRemark(t *testing.T, e *entity.Entity, line string) {
	t.Helper()
	for _, l := range strings.Split(e.Remarks, "\n") {
		if l == line {
			return
		}
	}
	t.Errorf("remarks lack %q:\n%s", line, e.Remarks)
}

// RejectsOtherFiles checks that p refuses each of files, by name, with an
// error that wraps source.ErrNotList and names the file.
func RejectsOtherFiles(t *testing.T, p source.Parser, files map[string]string) {
	t.Helper()
	for name, in := range files {
		_, _, err := Collect(t, p, name, []byte(in))
		if !errors.Is(err, source.ErrNotList) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want ErrNotList naming the file", name, err)
		}
	}
}

// StopsOnEmitError checks that p, reading in, stops at the first entity
// when the emit callback fails, and returns the callback's error.
func StopsOnEmitError(t *testing.T, p source.Parser, in source.Input) {
	t.Helper()
	stop := errors.New("stop")
	n := 0
	_, err := p(context.Background(), in, func(*entity.Entity) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err = %v after %d entities, want stop after 1", err, n)
	}
}

// HonoursCancellation checks that p, reading in with a context cancelled
// already, fails with context.Canceled. Parsers check the context every
// so many records, so in should hold a few thousand.
func HonoursCancellation(t *testing.T, p source.Parser, in source.Input) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p(ctx, in, func(*entity.Entity) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// AddFiles adds the files matching pattern as seeds of f.
func AddFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzRows is the body of the fuzz target of a parser of lists with one
// row per entity and a header line (source/csl, source/custom,
// source/dpl): whatever the input, every entity has an ID with prefix
// that no other entity has and a primary name first, and passes check
// (nil for none); when the parse succeeds, every record read is an
// entity or a Problem; every Problem names the file "fuzz" and a line
// after the header, and passes checkProblem (nil for none).
func FuzzRows(t *testing.T, p source.Parser, data []byte, prefix string,
	check func(*testing.T, *entity.Entity), checkProblem func(source.Problem) bool) {
	ids := map[string]bool{}
	emitted := 0
	rep, err := p(context.Background(), source.Input{Name: "fuzz", R: bytes.NewReader(data)}, func(e *entity.Entity) error {
		emitted++
		if !strings.HasPrefix(e.ID, prefix) || ids[e.ID] {
			t.Fatalf("bad or repeated ID %q", e.ID)
		}
		ids[e.ID] = true
		if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
			t.Fatalf("%s: names %+v", e.ID, e.Names)
		}
		if check != nil {
			check(t, e)
		}
		return nil
	})
	if err == nil && emitted+len(rep.Skipped) != rep.Records {
		t.Fatalf("records %d != emitted %d + skipped %d", rep.Records, emitted, len(rep.Skipped))
	}
	for _, pr := range rep.Skipped {
		if pr.Line < 2 || pr.File != "fuzz" || checkProblem != nil && !checkProblem(pr) {
			t.Fatalf("problem %+v", pr)
		}
	}
}

// ByName returns the first of es whose caption (primary name) is name,
// or nil.
func ByName(es []*entity.Entity, name string) *entity.Entity {
	for _, e := range es {
		if e.Caption() == name {
			return e
		}
	}
	return nil
}

// IDStrings renders e's identifiers as "type|value|country|currency|note",
// for comparing them in tests.
func IDStrings(e *entity.Entity) []string {
	var out []string
	for _, id := range e.Identifiers {
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s", id.Type, id.Value, id.Country, id.Currency, id.Note))
	}
	return out
}

// Eq checks that got is want (reflect.DeepEqual); what names the value.
func Eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

// Dates renders e's dates of birth as strings.
func Dates(e *entity.Entity) []string {
	var out []string
	for _, d := range e.BirthDates {
		out = append(out, d.String())
	}
	return out
}

// Fails checks that p fails on data, read as the file name, with an
// error that wraps want and names the file.
func Fails(t *testing.T, p source.Parser, name string, data []byte, want error) {
	t.Helper()
	_, _, _, err := CollectByID(t, p, name, data)
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	if !strings.Contains(err.Error(), name) {
		t.Errorf("error %q does not name the file", err)
	}
}

// CancelledBeforeAnyEntity checks that p, reading in with a context
// cancelled already, fails with context.Canceled before it emits
// anything.
func CancelledBeforeAnyEntity(t *testing.T, p source.Parser, in source.Input) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p(ctx, in, func(*entity.Entity) error { t.Error("entity emitted after cancellation"); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
