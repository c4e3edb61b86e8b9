package text

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
)

// smallScanner is a scanner over a handful of entities written here, for
// tests that need no shared data.
var smallScanner = sync.OnceValue(func() *Scanner {
	person := func(id, src, full, family string, programs ...string) *entity.Entity {
		n := entity.Name{Full: full, Kind: entity.Primary}
		if family != "" {
			n.Parts = &entity.NameParts{Family: family}
		}
		return &entity.Entity{ID: id, Source: src, Type: entity.Person, Names: []entity.Name{n}, Programs: programs}
	}
	party := func(id, src string, t entity.Type, full string, programs ...string) *entity.Entity {
		return &entity.Entity{ID: id, Source: src, Type: t, Names: []entity.Name{{Full: full, Kind: entity.Primary}}, Programs: programs}
	}
	uk := &catalog.Source{Name: "uk", Entities: []*entity.Entity{
		person("uk-RUS0251", "uk", "PUTIN Vladimir Vladimirovich", "PUTIN", "Russia"),
		person("uk-RUS0252", "uk", "Lavrov Sergei Viktorovich", "", "Russia"),
		party("uk-RUS1090", "uk", entity.Organization, "Wagner Group", "Russia"),
		party("uk-RUS2323", "uk", entity.Vessel, "PYTHON", "Russia"),
	}}
	ofac := &catalog.Source{Name: "ofac", Entities: []*entity.Entity{
		person("ofac-20157", "ofac", "KIM, Jong Un", "KIM", "DPRK3"),
		party("ofac-4695", "ofac", entity.Organization, "HAMAS", "SDGT"),
		party("ofac-28934", "ofac", entity.Organization, "WASHINGTON TRADING LTD", "NPWMD"),
	}}
	return New(screen.New(catalog.New([]*catalog.Source{uk, ofac})), Options{})
})

func mentionTexts(res *Result) []string {
	var out []string
	for _, m := range res.Mentions {
		out = append(out, m.Text)
	}
	return out
}

// TestMentionRules checks the rules that keep running text from reading
// like a list of names: surnames alone, common names, words of the
// language, ships' names, longer proper names.
func TestMentionRules(t *testing.T) {
	sc := smallScanner()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"two people", "Vladimir Putin met Sergei Lavrov in Moscow.", []string{"Vladimir Putin", "Sergei Lavrov"}},
		{"title before the name", "President Vladimir Putin spoke.", []string{"Vladimir Putin"}},
		{"initial", "Vladimir V. Putin spoke.", []string{"Vladimir V. Putin"}},
		{"surname alone, no full mention", "Putin spoke to the press.", nil},
		{"surname linked to the full mention", "Vladimir Putin arrived. Later, Putin's aides left.", []string{"Vladimir Putin", "Putin's"}},
		{"headline before the full mention", "Lavrov in Pyongyang\n\nSergei Lavrov arrived on Tuesday.", []string{"Lavrov", "Sergei Lavrov"}},
		{"a common surname is never linked", "Kim Jong Un arrived. Kim said nothing, and Kim's aide neither.", []string{"Kim Jong Un"}},
		{"a common name alone", "Kim was there.", nil},
		{"organisation", "Hamas said on Monday it would talk.", []string{"Hamas"}},
		{"organisation in capitals", "HAMAS said on Monday it would talk.", []string{"HAMAS"}},
		{"a word of the language", "Hamas said... the hamas of the crowd.", nil},
		{"listed name with more parts", "Washington said on Monday it would talk.", nil},
		{"part of a longer person's name", "Richard Wagner composed operas.", nil},
		{"organisation with its designation", "Fighters of the Wagner Group left.", []string{"Wagner Group"}},
		{"designation in another language", "Des combattants du groupe Wagner sont partis.", []string{"groupe Wagner"}},
		{"ship in lower case", "The tanker Python sailed.", nil},
		{"ship in capitals", "The tanker PYTHON sailed.", []string{"PYTHON"}},
		{"sentence boundary", "He met Vladimir. Putin was not there.", nil},
		{"comma", "Vladimir, Putin and others.", nil},
		{"hyphenated", "Kim Jong-un arrived.", []string{"Kim Jong-un"}},
		{"line-wrapped name", "He met Vladimir\nPutin yesterday.", []string{"Vladimir\nPutin"}},
		{"blank line", "He met Vladimir\n\nPutin yesterday.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := sc.Scan(context.Background(), tc.text, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, tc.text, res)
			if got := mentionTexts(res); !slices.Equal(got, tc.want) {
				t.Errorf("Scan(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestLinkedMentionPointsAtTheFullMention(t *testing.T) {
	res, err := smallScanner().Scan(context.Background(), "Sergei Lavrov met Vladimir Putin. Lavrov then left; Putin stayed.", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Lavrov": "Sergei Lavrov", "Putin": "Vladimir Putin"}
	n := 0
	for _, m := range res.Mentions {
		if m.LinkedTo == nil {
			continue
		}
		n++
		full := res.Mentions[*m.LinkedTo]
		if want[m.Text] != full.Text || full.Entity != m.Entity || m.Score != full.Score {
			t.Errorf("%q linked to %q (%s, %v), want %q", m.Text, full.Text, full.Entity.ID, full.Score, want[m.Text])
		}
		if len(m.Explanation) < 2 {
			t.Errorf("%q: explanation %q does not say what it refers to", m.Text, m.Explanation)
		}
	}
	if n != 2 {
		t.Errorf("%d linked mentions, want 2: %q", n, mentionTexts(res))
	}
}

func TestJurisdictionsOfTheLoadedPrograms(t *testing.T) {
	// The small catalog's programs target Russia (uk Russia) and North
	// Korea (ofac DPRK3); SDGT and NPWMD target no country.
	res, err := smallScanner().Scan(context.Background(),
		"Russia and North Korea trade; South Korea and Iran watch. Россией и Северной Кореей.", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range res.Jurisdictions {
		got = append(got, j.Text+":"+j.Country)
		if len(j.Programs) != 1 {
			t.Errorf("%s: programs %v", j.Text, j.Programs)
		}
	}
	want := []string{"Russia:ru", "North Korea:kp", "Россией:ru", "Северной Кореей:kp"}
	if !slices.Equal(got, want) {
		t.Errorf("jurisdictions %q, want %q", got, want)
	}
}

func TestScanArguments(t *testing.T) {
	sc := smallScanner()
	for _, th := range []float64{-0.1, 1.5, math.NaN()} {
		if _, err := sc.Scan(context.Background(), "Vladimir Putin", th); !errors.Is(err, ErrBadThreshold) {
			t.Errorf("threshold %v: error %v, want ErrBadThreshold", th, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sc.Scan(ctx, "Vladimir Putin", 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled scan: error %v", err)
	}
	res, err := sc.Scan(context.Background(), "", 0)
	if err != nil || res.Mentions == nil || res.Jurisdictions == nil || len(res.Mentions)+len(res.Jurisdictions) > 0 {
		t.Errorf("empty text: %+v, %v; want empty (non-nil) lists", res, err)
	}
	// A higher threshold keeps fewer mentions.
	res, err = sc.Scan(context.Background(), "Vladimir Putin and Sergei Lavrov", 0.98)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Mentions {
		if m.Score < 0.98 {
			t.Errorf("mention %q scores %v below the threshold", m.Text, m.Score)
		}
	}
}

func TestEmptyCatalog(t *testing.T) {
	sc := New(screen.New(catalog.New(nil)), Options{})
	res, err := sc.Scan(context.Background(), "Vladimir Putin visited Russia and North Korea.", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Mentions) != 0 || len(res.Jurisdictions) != 0 {
		t.Errorf("empty catalog found %+v", res)
	}
}

// TestConcurrentScans runs scans in parallel on one scanner (run with
// -race): the scanner and its caches are shared.
func TestConcurrentScans(t *testing.T) {
	sc := smallScanner()
	texts := []string{
		"Vladimir Putin met Sergei Lavrov. Putin left.",
		"Kim Jong Un and HAMAS; Russia and North Korea.",
		"Владимир Путин встретился с Сергеем Лавровым.",
	}
	want := make([][]string, len(texts))
	for i, s := range texts {
		res, err := sc.Scan(context.Background(), s, 0)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = mentionTexts(res)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 20 {
				i := (g + k) % len(texts)
				res, err := sc.Scan(context.Background(), texts[i], 0)
				if err != nil {
					t.Error(err)
					return
				}
				if got := mentionTexts(res); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent scan of %q: %q, want %q", texts[i], got, want[i])
				}
			}
		})
	}
	wg.Wait()
}
