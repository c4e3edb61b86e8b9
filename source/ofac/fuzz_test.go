package ofac

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

// FuzzParse feeds arbitrary main and companion files to Parse. It must not
// panic, must fail only with ErrNotList or ErrTruncated, and every entity
// it emits must be well formed.
func FuzzParse(f *testing.F) {
	read := func(n string) []byte { return sourcetest.ReadFixture(f, "set/"+n) }
	sdn, add, alt, com := read("sdn.csv"), read("add.csv"), read("alt.csv"), read("sdn_comments.csv")
	f.Add(sdn, add, alt, com)
	f.Add(sdn, []byte(nil), []byte(nil), []byte(nil))
	f.Add(sdn[:len(sdn)/2], add[:len(add)/2], alt, com)
	f.Add([]byte("1,\"A, B\",\"individual\",\"X] [Y\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1970; Passport 1 (Iran) issued 2010; a.k.a. ''Q''\"\r\n\x1a"),
		[]byte("1,1,\"s\",\"c\",\"Iran\",-0- \r\n"), []byte("1,1,\"fka\",\"C, D\",-0- \r\n"), []byte("1,\"; POB (x\"\r\n"))
	f.Fuzz(func(t *testing.T, sdn, add, alt, com []byte) {
		Sniff("sdn.csv", sdn)
		companions := map[string][]byte{"add.csv": add, "alt.csv": alt, "sdn_comments.csv": com}
		in := source.Input{
			Name: "sdn.csv",
			R:    bytes.NewReader(sdn),
			Open: func(name string) (io.ReadCloser, error) {
				b, ok := companions[name]
				if !ok || b == nil {
					return nil, fs.ErrNotExist
				}
				return io.NopCloser(bytes.NewReader(b)), nil
			},
		}
		seen := map[string]bool{}
		rep, err := Parse(context.Background(), in, func(e *entity.Entity) error {
			checkEntity(t, e)
			if seen[e.ID] {
				t.Fatalf("entity %s emitted twice", e.ID)
			}
			seen[e.ID] = true
			return nil
		})
		if err != nil && !errors.Is(err, source.ErrNotList) && !errors.Is(err, source.ErrTruncated) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		if err == nil && rep.Records < len(seen) {
			t.Fatalf("Records = %d < %d entities", rep.Records, len(seen))
		}
		for _, p := range rep.Skipped {
			if p.File == "" || p.Line < 1 || p.Err == nil {
				t.Fatalf("incomplete problem %#v", p)
			}
		}
	})
}

// checkEntity fails t if e is not a well-formed OFAC entity.
func checkEntity(t *testing.T, e *entity.Entity) {
	t.Helper()
	ent, ok := strings.CutPrefix(e.ID, "ofac-")
	if _, num := entNum(ent); !ok || !num || e.Source != "ofac" || !reflect.DeepEqual(e.SourceIDs, []string{ent}) {
		t.Fatalf("bad identity %q %q %v", e.ID, e.Source, e.SourceIDs)
	}
	if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
		t.Fatalf("%s: bad names %#v", e.ID, e.Names)
	}
	for _, n := range e.Names {
		if n.Full == "" || n.Full != entity.CleanSpace(n.Full) {
			t.Fatalf("%s: unclean name %q", e.ID, n.Full)
		}
	}
	for _, d := range e.BirthDates {
		if !d.Valid() {
			t.Fatalf("%s: invalid date %#v", e.ID, d)
		}
	}
	for _, id := range e.Identifiers {
		if id.Value == "" || id.Type == "" {
			t.Fatalf("%s: empty identifier %#v", e.ID, id)
		}
	}
	for _, c := range e.AllCountries() {
		if c == "" || strings.ToLower(c) != c {
			t.Fatalf("%s: bad country %q", e.ID, c)
		}
	}
	again := *e
	again.Normalize()
	if !reflect.DeepEqual(&again, e) {
		t.Fatalf("%s: not normalized", e.ID)
	}
	if _, err := json.Marshal(e); err != nil {
		t.Fatalf("%s: %v", e.ID, err)
	}
}
