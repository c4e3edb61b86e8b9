package ofacxml

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// parseAll runs a parser over r and collects what it emits.
func parseAll(t testing.TB, p source.Parser, name string, r io.Reader) ([]*entity.Entity, source.Report, error) {
	t.Helper()
	var out []*entity.Entity
	rep, err := p(context.Background(), source.Input{Name: name, R: r}, func(e *entity.Entity) error {
		out = append(out, e)
		return nil
	})
	return out, rep, err
}

// parseFile parses a fixture, failing the test on error.
func parseFile(t testing.TB, p source.Parser, path string) ([]*entity.Entity, source.Report) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ents, rep, err := parseAll(t, p, path, f)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return ents, rep
}

func parseString(t testing.TB, p source.Parser, doc string) ([]*entity.Entity, source.Report, error) {
	t.Helper()
	return parseAll(t, p, "test.xml", strings.NewReader(doc))
}

// diffEntity reports every field in which got differs from want.
func diffEntity(t *testing.T, got, want *entity.Entity) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: not emitted", want.ID)
		return
	}
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := 0; i < gv.NumField(); i++ {
		name := gv.Type().Field(i).Name
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: %s\n got: %s\nwant: %s", want.ID, name, show(g), show(w))
		}
	}
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// checkInvariants asserts what every emitted entity must satisfy.
func checkInvariants(t testing.TB, e *entity.Entity) {
	t.Helper()
	if e.ID == "" || !strings.HasPrefix(e.ID, "ofac-") || e.Source != "ofac" {
		t.Fatalf("bad identity: %q %q", e.ID, e.Source)
	}
	if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
		t.Fatalf("%s: no primary name: %+v", e.ID, e.Names)
	}
	for _, n := range e.Names[1:] {
		if n.Kind == entity.Primary || n.Full == "" {
			t.Fatalf("%s: bad alias %+v", e.ID, n)
		}
	}
	for _, d := range e.BirthDates {
		if !d.Valid() {
			t.Fatalf("%s: invalid date %+v", e.ID, d)
		}
	}
	for _, c := range e.AllCountries() {
		if len(c) != 2 || strings.ToLower(c) != c {
			t.Fatalf("%s: country %q is not a lower-case ISO code", e.ID, c)
		}
	}
	for _, id := range e.Identifiers {
		if id.Value == "" || id.Type == "" {
			t.Fatalf("%s: empty identifier %+v", e.ID, id)
		}
	}
}
