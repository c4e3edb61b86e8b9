package dpl

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
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("\"Name\"\t\"Street_Address\"\t\"Effective_Date\"\t\"FR_Citation\"\n\"A (B) \"\"C\"\" A/K/A\"\t\"INMATE 12345-678\"\t\"1/2/2020\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff("dpl.txt", data)
		ids := map[string]bool{}
		emitted := 0
		rep, err := Parse(context.Background(), source.Input{Name: "fuzz", R: bytes.NewReader(data)}, func(e *entity.Entity) error {
			emitted++
			if !strings.HasPrefix(e.ID, "dpl-") || ids[e.ID] {
				t.Fatalf("bad or repeated ID %q", e.ID)
			}
			ids[e.ID] = true
			if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
				t.Fatalf("%s: names %+v", e.ID, e.Names)
			}
			if e.Type != entity.Person && e.Type != entity.Organization {
				t.Fatalf("%s: type %q", e.ID, e.Type)
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
