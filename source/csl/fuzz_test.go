package csl

import (
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

func FuzzParse(f *testing.F) {
	sourcetest.AddFiles(f, "testdata/*.csv")
	f.Add([]byte("_id,source,name,ids,addresses,type\n1,X (Y),\"A (B) A/K/A C; and D\",\"Passport, 1, IR, 2000-01-01, 2001-01-01; 2, Registration ID; Gender, x\",\"INMATE 12345-678, US\",Vessel\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff("consolidated.csv", data)
		sourcetest.FuzzRows(t, Parse, data, "csl-", func(t *testing.T, e *entity.Entity) {
			if e.Type == entity.Unknown {
				t.Fatalf("%s: no type", e.ID)
			}
			if e.Vessel != nil && e.Type != entity.Vessel && e.Type != entity.Aircraft {
				t.Fatalf("%s: craft on a %s", e.ID, e.Type)
			}
		}, nil)
	})
}
