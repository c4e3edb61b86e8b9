package ofacxml

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

func addSeeds(f *testing.F, files ...string) {
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"", "<", "<sdnList", "<sdnList>", "<sdnList></sdnList>", "<sdnList><sdnEntry><uid>1</uid><lastName>A</lastName></sdnEntry>",
		"<Sanctions><DistinctParties><DistinctParty FixedRef=\"1\"><Profile ID=\"1\"/></DistinctParty></DistinctParties></Sanctions>",
		"<sdnList><sdnEntry><uid>1</uid><lastName>A</lastName></sdnEntry><sdnEntry><uid>1</uid></sdnList>",
		"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><sdnList>&a;</sdnList>",
	} {
		f.Add([]byte(s))
	}
}

// fuzzParse runs a parser and checks what any input must give: no panic,
// only list-level errors, and entities that satisfy the model's rules.
func fuzzParse(t *testing.T, p source.Parser, data []byte) {
	seen := map[string]bool{}
	_, err := p(context.Background(), source.Input{Name: "fuzz.xml", R: bytes.NewReader(data)}, func(e *entity.Entity) error {
		checkInvariants(t, e)
		if seen[e.ID] {
			t.Fatalf("%s emitted twice", e.ID)
		}
		seen[e.ID] = true
		return nil
	})
	if err != nil && !errors.Is(err, source.ErrNotList) && !errors.Is(err, source.ErrTruncated) {
		t.Fatalf("unexpected error kind: %v", err)
	}
	Sniff("fuzz.xml", data)
	SniffAdvanced("fuzz.xml", data)
}

func FuzzParse(f *testing.F) {
	addSeeds(f, classicFixture, "testdata/consolidated.xml")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, Parse, data) })
}

func FuzzParseAdvanced(f *testing.F) {
	addSeeds(f, advancedFixture, "testdata/advanced_edge.xml")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, ParseAdvanced, data) })
}
