package dpl

import (
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

func FuzzParse(f *testing.F) {
	sourcetest.AddFiles(f, "testdata/*.txt")
	f.Add([]byte("\"Name\"\t\"Street_Address\"\t\"Effective_Date\"\t\"FR_Citation\"\n\"A (B) \"\"C\"\" A/K/A\"\t\"INMATE 12345-678\"\t\"1/2/2020\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff("dpl.txt", data)
		sourcetest.FuzzRows(t, Parse, data, "dpl-", func(t *testing.T, e *entity.Entity) {
			if e.Type != entity.Person && e.Type != entity.Organization {
				t.Fatalf("%s: type %q", e.ID, e.Type)
			}
		}, nil)
	})
}
