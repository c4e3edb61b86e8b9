package names

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/translit"
)

func texts(n Name) []string {
	out := make([]string, len(n.Tokens))
	for i, t := range n.Tokens {
		out[i] = t.Text
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		in    string
		typ   entity.Type
		want  string // token texts joined by spaces
		legal string
	}{
		{"KIM, Jong Un", entity.Person, "kim jong un", ""},
		{"Kim Jong-un", entity.Person, "kim jong un", ""},
		{"김정은", entity.Person, "kim jong un", ""},
		{"Сергей Лавров", entity.Person, "sergey lavrov", ""},
		{"Mr. Vladimir PUTIN", entity.Person, "vladimir putin", ""},
		{"Abdulrahman al-Zawahiri", entity.Person, "abd rahman al zawahiri", ""},
		{"Salahuddin", entity.Person, "salah din", ""},
		{"O'Brien", entity.Person, "obrien", ""},
		{"ANGLO-CARIBBEAN CO., LTD.", entity.Organization, "anglo caribbean", "llc"},
		{"ООО «Ромашка»", entity.Organization, "romashka", "llc"},
		{"CECOEX, S.A.", entity.Organization, "cecoex", "jsc"},
		{"华为技术有限公司", entity.Organization, "hua wei ji shu", "llc"},
		{"Государственная корпорация Ростех", entity.Organization, "rostekh", "state"},
		{"Vessel No. 3", entity.Vessel, "vessel no 3", ""},
		{"MV Ocean Star", entity.Vessel, "ocean star", ""},
		{"M/T Adrian Darya", entity.Vessel, "adrian darya", ""},
		{"MV Ocean Star", entity.Unknown, "ocean star", ""},
		{"My Lan", entity.Unknown, "my lan", ""},
		{"MV", entity.Vessel, "mv", ""},
		{"习近平", entity.Person, "xi jin ping", ""},
		{"セルゲイ・ラブロフ", entity.Person, "serugei raburofu", ""},
	}
	for _, tt := range tests {
		n := Analyze(tt.in, tt.typ)
		if got := strings.Join(texts(n), " "); got != tt.want {
			t.Errorf("Analyze(%q) tokens = %q, want %q", tt.in, got, tt.want)
		}
		if got := strings.Join(n.Legal, " "); got != tt.legal {
			t.Errorf("Analyze(%q) legal = %q, want %q", tt.in, got, tt.legal)
		}
	}
}

func TestKinds(t *testing.T) {
	n := Analyze("Haji Mohammad bin Laden Viktorovich J.", entity.Person)
	want := []Kind{Title, Word, Particle, Word, Patronymic, Initial}
	if len(n.Tokens) != len(want) {
		t.Fatalf("tokens %v", texts(n))
	}
	for i, k := range want {
		if n.Tokens[i].Kind != k {
			t.Errorf("%s: kind %v, want %v", n.Tokens[i].Text, n.Tokens[i].Kind, k)
		}
	}
}

// FuzzAnalyze checks the name normaliser on any input: no panic, tokens
// point into the input, keys are ASCII.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"KIM, Jong Un", "김정은", "صدام حسين التكريتي", "ООО «Ромашка»", "S.A.", "a'b", "‘ABD AL-RAHMAN", "习近平主席", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, typ := range []entity.Type{entity.Unknown, entity.Person, entity.Organization} {
			n := Analyze(s, typ)
			for _, tok := range n.Tokens {
				if tok.Start < 0 || tok.End > len(s) || tok.Start > tok.End {
					t.Fatalf("token %q offsets %d..%d outside %d bytes", tok.Text, tok.Start, tok.End, len(s))
				}
				if tok.Text == "" || tok.Key == "" {
					t.Fatalf("empty token in %q: %+v", s, tok)
				}
				for i := 0; i < len(tok.Key); i++ {
					if tok.Key[i] >= utf8.RuneSelf {
						t.Fatalf("key %q not ASCII", tok.Key)
					}
				}
			}
		}
	})
}

func TestAnalyzeSyllables(t *testing.T) {
	n := AnalyzeSyllables("an da ing", entity.Person, translit.Hangul)
	if got := strings.Join(texts(n), " "); got != "an da ing" {
		t.Fatalf("AnalyzeSyllables kept %q, want every syllable", got)
	}
	h := Analyze("김정은", entity.Person)
	r := AnalyzeSyllables("Ким Чен-Ын", entity.Person, translit.Hangul)
	for i, tok := range r.Tokens {
		if tok.Kind != Word || tok.Script != translit.Hangul {
			t.Errorf("token %q: kind %v, script %v, want a Hangul word", tok.Text, tok.Kind, tok.Script)
		}
		if i == 0 && (tok.Text != h.Tokens[0].Text || tok.Key != h.Tokens[0].Key) {
			t.Errorf("token %+v, want the token of 김: %+v", tok, h.Tokens[0])
		}
	}
	if len(r.Tokens) != 3 || r.Tokens[0].Start != 0 || r.Tokens[1].Start == r.Tokens[2].Start {
		t.Errorf("tokens %+v: want one per written word", r.Tokens)
	}
	if l := AnalyzeSyllables("de la Cruz", entity.Person, translit.LatinScript); len(l.Tokens) != 3 || l.Tokens[0].Kind != Particle {
		t.Errorf("AnalyzeSyllables in a script not syllabic: %+v, want Analyze's tokens", l.Tokens)
	}
}
