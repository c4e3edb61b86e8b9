package csl

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
	f.Add([]byte("_id,source,name,ids,addresses,type\n1,X (Y),\"A (B) A/K/A C; and D\",\"Passport, 1, IR, 2000-01-01, 2001-01-01; 2, Registration ID; Gender, x\",\"INMATE 12345-678, US\",Vessel\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff("consolidated.csv", data)
		ids := map[string]bool{}
		emitted := 0
		rep, err := Parse(context.Background(), source.Input{Name: "fuzz", R: bytes.NewReader(data)}, func(e *entity.Entity) error {
			emitted++
			if !strings.HasPrefix(e.ID, "csl-") || ids[e.ID] {
				t.Fatalf("bad or repeated ID %q", e.ID)
			}
			ids[e.ID] = true
			if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
				t.Fatalf("%s: names %+v", e.ID, e.Names)
			}
			if e.Type == entity.Unknown {
				t.Fatalf("%s: no type", e.ID)
			}
			if e.Vessel != nil && e.Type != entity.Vessel && e.Type != entity.Aircraft {
				t.Fatalf("%s: craft on a %s", e.ID, e.Type)
			}
			return nil
		})
		if err == nil && emitted+len(rep.Skipped) != rep.Records {
			t.Fatalf("records %d != emitted %d + skipped %d", rep.Records, emitted, len(rep.Skipped))
		}
		for _, p := range rep.Skipped {
			if p.Line < 2 || p.File != "fuzz" {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}
