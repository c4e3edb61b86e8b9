package custom

import (
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

func FuzzParse(f *testing.F) {
	sourcetest.AddFiles(f, "testdata/*.csv")
	f.Add([]byte("name;identifiers;birth_date\n\"A \"\"B\"\"\";\"passport:1:ir; :x; crypto-xbt:y\";\"circa 1962; 31/02/1984\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff("list.csv", data)
		sourcetest.FuzzRows(t, Parse, data, "custom-", func(t *testing.T, e *entity.Entity) {
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Fatalf("%s: invalid date %#v", e.ID, d)
				}
			}
		}, func(p source.Problem) bool { return p.Field != "" })
	})
}
