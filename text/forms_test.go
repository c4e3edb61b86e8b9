package text

import (
	"slices"
	"testing"

	"github.com/embargo/embargo/translit"
)

func TestWordForms(t *testing.T) {
	tests := []struct {
		word   string
		script translit.Script
		want   string // one of the forms
	}{
		{"Дмитрия", translit.Cyrillic, "Дмитрий"},
		{"Сергея", translit.Cyrillic, "Сергей"},
		{"Медведева", translit.Cyrillic, "Медведев"},
		{"Путиным", translit.Cyrillic, "Путин"},
		{"Лаврову", translit.Cyrillic, "Лавров"},
		{"Захаровой", translit.Cyrillic, "Захарова"},
		{"Марии", translit.Cyrillic, "Мария"},
		{"Эльвиры", translit.Cyrillic, "Эльвира"},
		{"Путінові", translit.Cyrillic, "Путін"},
		{"Захаровою", translit.Cyrillic, "Захарова"},
		{"ПУТИНА", translit.Cyrillic, "ПУТИН"},
		// The declined last syllable of a Korean name (Ким Чен Ыном).
		{"Ыном", translit.Cyrillic, "Ын"},
		{"Ына", translit.Cyrillic, "Ын"},
		{"ЫНУ", translit.Cyrillic, "ЫН"},
		{"Ира", translit.Cyrillic, "Ир"},
		{"Putins", translit.LatinScript, "Putin"},
		{"Putin's", translit.LatinScript, "Putin"},
		{"Rusya'nın", translit.LatinScript, "Rusya"},
		{"Ławrowa", translit.LatinScript, "Ławrow"},
		{"Putinowi", translit.LatinScript, "Putin"},
		{"Zacharowej", translit.LatinScript, "Zacharowa"},
		{"푸틴은", translit.Hangul, "푸틴"},
		{"김정은이", translit.Hangul, "김정은"},
		{"메드베데프에게", translit.Hangul, "메드베데프"},
		{"وبوتين", translit.Arabic, "بوتين"},
		{"لإيران", translit.Arabic, "إيران"},
	}
	for _, tc := range tests {
		got := wordForms(tc.word, tc.script, nil)
		if !slices.Contains(got, tc.want) {
			t.Errorf("wordForms(%q) = %q, want %q among them", tc.word, got, tc.want)
		}
		if len(got) > maxForms {
			t.Errorf("wordForms(%q) gives %d forms", tc.word, len(got))
		}
	}
	// Nothing shorter than a stem but a Korean syllable, and nothing for
	// words that are not inflected in these ways (a Korean syllable ending
	// in a vowel is not declined: Ли is not the genitive of Ла).
	for _, w := range []string{"Ким", "Kim", "Iran", "김정", "Ли", "Хэ", "Джу"} {
		for _, f := range wordForms(w, translit.ScriptOf([]rune(w)[0]), nil) {
			if len([]rune(f)) < minStem {
				t.Errorf("wordForms(%q) gives the stub %q", w, f)
			}
		}
	}
}
