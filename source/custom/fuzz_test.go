package custom

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.csv")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("name;identifiers;birth_date\n\"A \"\"B\"\"\";\"passport:1:ir; :x; crypto-xbt:y\";\"circa 1962; 31/02/1984\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff("list.csv", data)
		ids := map[string]bool{}
		emitted := 0
		rep, err := Parse(context.Background(), source.Input{Name: "fuzz", R: bytes.NewReader(data)}, func(e *entity.Entity) error {
			emitted++
			if !strings.HasPrefix(e.ID, "custom-") || ids[e.ID] {
				t.Fatalf("bad or repeated ID %q", e.ID)
			}
			ids[e.ID] = true
			if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
				t.Fatalf("%s: names %+v", e.ID, e.Names)
			}
			if e.Type == entity.Unknown {
				t.Fatalf("%s: no type", e.ID)
			}
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Fatalf("%s: invalid date %#v", e.ID, d)
				}
			}
			return nil
		})
		if err == nil && emitted+len(rep.Skipped) != rep.Records {
			t.Fatalf("records %d != emitted %d + skipped %d", rep.Records, emitted, len(rep.Skipped))
		}
		for _, p := range rep.Skipped {
			if p.Line < 2 || p.File != "fuzz" || p.Field == "" {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}
