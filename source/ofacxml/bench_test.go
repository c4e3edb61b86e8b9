package ofacxml

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// There is no real OFAC XML file in the shared data, so the benchmarks run
// on large documents made by repeating the fixtures' records with new
// identifiers.

var uidRe = regexp.MustCompile(`<uid>(\d+)</uid>`)

// bigClassic repeats the fixture's entries until the document holds n.
func bigClassic(tb testing.TB, n int) []byte {
	data, err := os.ReadFile(classicFixture)
	if err != nil {
		tb.Fatal(err)
	}
	s := string(data)
	start := strings.Index(s, "  <sdnEntry>")
	end := strings.LastIndex(s, "</sdnList>")
	// Leave out the entry without uid: every copy must be emitted.
	entries := regexp.MustCompile(`(?s)  <sdnEntry>\s*<lastName>NO UID.*?</sdnEntry>\n`).ReplaceAllString(s[start:end], "")
	per := strings.Count(entries, "<sdnEntry>")
	var b strings.Builder
	b.WriteString(s[:start])
	for i := 0; i < n/per+1; i++ {
		b.WriteString(uidRe.ReplaceAllString(entries, "<uid>"+strconv.Itoa(i)+"${1}</uid>"))
	}
	b.WriteString(s[end:])
	return []byte(regexp.MustCompile(`<Record_Count>\d+</Record_Count>`).ReplaceAllString(b.String(),
		"<Record_Count>"+strconv.Itoa(per*(n/per+1))+"</Record_Count>"))
}

var (
	partyRefRe = regexp.MustCompile(`"(100\d\d|400\d|99999)"`)
	partyRe    = regexp.MustCompile(`(?s)  <DistinctParties>\n(.*?)  </DistinctParties>`)
	entriesRe  = regexp.MustCompile(`(?s)  <SanctionsEntries>\n(.*?)  </SanctionsEntries>`)
	docsRe     = regexp.MustCompile(`(?s)  <IDRegDocuments>\n(.*?)  </IDRegDocuments>`)
	relsRe     = regexp.MustCompile(`(?s)  <ProfileRelationships>\n(.*?)  </ProfileRelationships>`)
)

// bigAdvanced repeats the fixture's parties, documents, relationships and
// sanctions entries with new identifiers until it holds n parties.
func bigAdvanced(tb testing.TB, n int) []byte {
	data, err := os.ReadFile(advancedFixture)
	if err != nil {
		tb.Fatal(err)
	}
	s := string(data)
	per := strings.Count(s, "<DistinctParty ")
	copies := n/per + 1
	for _, re := range []*regexp.Regexp{partyRe, entriesRe, docsRe, relsRe} {
		m := re.FindStringSubmatchIndex(s)
		body := s[m[2]:m[3]]
		var b strings.Builder
		for i := range copies {
			b.WriteString(partyRefRe.ReplaceAllString(body, `"`+strconv.Itoa(i)+`$1"`))
		}
		s = s[:m[2]] + b.String() + s[m[3]:]
	}
	return []byte(s)
}

func TestBenchmarkInputs(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    source.Parser
		data []byte
		want int
	}{
		{"classic", Parse, bigClassic(t, 100), 102},
		{"advanced", ParseAdvanced, bigAdvanced(t, 100), 104},
	} {
		ents, rep, err := parseAll(t, tc.p, tc.name, bytes.NewReader(tc.data))
		if err != nil || len(ents) != tc.want || len(rep.Skipped) != 0 {
			t.Errorf("%s: %d entities, %d problems (%v), err %v; want %d, none", tc.name, len(ents), len(rep.Skipped), rep.Skipped, err, tc.want)
		}
	}
}

func benchmarkParse(b *testing.B, p source.Parser, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		_, err := p(context.Background(), source.Input{Name: "bench.xml", R: bytes.NewReader(data)}, func(*entity.Entity) error {
			n++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "entities")
}

// BenchmarkParse reads a classic SDN XML document of 10,000 entries.
func BenchmarkParse(b *testing.B) { benchmarkParse(b, Parse, bigClassic(b, 10000)) }

// BenchmarkParseAdvanced reads an Advanced XML document of 10,000 parties.
func BenchmarkParseAdvanced(b *testing.B) { benchmarkParse(b, ParseAdvanced, bigAdvanced(b, 10000)) }
