package translit

import (
	"slices"
	"strings"
	"testing"
)

func TestKoreanAbjad(t *testing.T) {
	tests := []struct {
		word string
		want string // among the readings
	}{
		{"كيم", "kim"}, {"جونغ", "jong"}, {"أون", "un"}, {"يو", "yo"}, {"تشوي", "choe"},
		{"ريونغ", "ryong"}, {"هاي", "hae"}, {"بيونغ", "pyong"}, {"تشول", "chol"},
		{"کیم", "kim"}, {"جونگ", "jong"}, {"اون", "un"},
		{"קים", "kim"}, {"ג'ונג", "jong"}, {"און", "un"},
		{"كِيم", "kim"}, // vowel marks are ignored
	}
	for _, tc := range tests {
		if got := KoreanAbjad(tc.word); !slices.Contains(got, tc.want) {
			t.Errorf("KoreanAbjad(%q) = %q, want %q among them", tc.word, got, tc.want)
		}
	}
	for _, w := range []string{"لافروف", "فلاديمير", "الكرملين", "Kim", "Ким", "", "وزير"} {
		if got := KoreanAbjad(w); got != nil {
			t.Errorf("KoreanAbjad(%q) = %q, want nil", w, got)
		}
	}
}

func TestLooksKoreanAbjad(t *testing.T) {
	for name, want := range map[string]bool{
		"كيم جونغ أون": true, "کیم جونگ اون": true, "קים ג'ונג און": true, "ري بيونغ تشول": true,
		"سيرغي لافروف": false, "فلاديمير بوتين": false, "كيم": false, "قال سون هي": false,
	} {
		if got := LooksKoreanAbjad(strings.Fields(name)); got != want {
			t.Errorf("LooksKoreanAbjad(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestGreekLoan(t *testing.T) {
	for word, want := range map[string][]string{
		"Βλαντιμίρ": {"vladimir"}, "Μπάιντεν": {"baiden"}, "Γιονγκ": {"yong", "jong"},
		"Ντμίτρι": nil, // ELOT already writes d at the start
		"Τσίπρας": nil, "Lavrov": nil,
	} {
		if got := GreekLoan(word); !slices.Equal(got, want) {
			t.Errorf("GreekLoan(%q) = %q, want %q", word, got, want)
		}
	}
}
