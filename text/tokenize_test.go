package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/embargo/embargo/translit"
)

// tok describes a word as the tests write it: its text and the flags that
// matter.
func describe(s string, ws []word) []string {
	var out []string
	for _, w := range ws {
		d := s[w.start:w.end]
		for _, f := range []struct {
			f    wordFlags
			mark string
		}{{wBreak, "|"}, {wSentence, "^"}, {wHyphen, "-"}, {wUpper, "U"}, {wAllUpper, "A"}, {wLower, "l"},
			{wUncased, "n"}, {wDigit, "9"}, {wApostrophe, "'"}, {wClitic, "c"}, {wInitial, "i"}, {wKatakana, "k"}} {
			if w.flags.has(f.f) {
				d += f.mark
			}
		}
		out = append(out, d)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"O ministro, Serguei Lavrov, chegou.", []string{"O|^U", "ministrol", "Serguei|U", "LavrovU", "chegou|l"}},
		{"Kim Jong-un à Rússia", []string{"Kim|^U", "JongU", "un-l", "àl", "RússiaU"}},
		{"Putin's aides; Rusya'nın", []string{"Putin's|^U'", "aidesl", "Rusya'nın|U'"}},
		{"l'Iran et d'Ivoire", []string{"l|^lc", "IranU", "etl", "dlc", "IvoireU"}},
		{"Vladimir V. Putin. Then", []string{"Vladimir|^U", "VUi", "PutinU", "Then|^U"}},
		{"KIM JONG UN\nsaid", []string{"KIM|^UA", "JONGUA", "UNUA", "saidl"}},
		{"one\n\ntwo", []string{"one|^l", "two|^l"}},
		{"习近平主席和Putin", []string{"习近平主席和|^n", "PutinU"}},
		{"김정은은 북한을", []string{"김정은은|^n", "북한을n"}},
		{"وبوتين، وإيران", []string{"وبوتين|^n", "وإيران|n"}},
		{"1.000 contêineres", []string{"1|^9", "000|^9", "contêineresl"}},
		{"Jong - un", []string{"Jong|^U", "un|l"}},
		{"a\xffb", []string{"a|^l", "b|l"}},
		{"弗拉基米尔·普京", []string{"弗拉基米尔|^n", "普京n"}},
		// Katakana runs are words apart from hiragana and Chinese
		// characters; ・ ＝ ゠ keep the parts of a name together.
		{"ロシアのセルゲイ・ラブロフ外相は", []string{"ロシア|^nk", "のn", "セルゲイnk", "ラブロフnk", "外相n", "はn"}},
		{"ジャン＝ポール「テロ」ゲート", []string{"ジャン|^nk", "ポールnk", "テロ|nk", "ゲート|nk"}},
		{"ｾﾙｹﾞｲ･ﾗﾌﾞﾛﾌ、ウラジーミル", []string{"ｾﾙｹﾞｲ|^nk", "ﾗﾌﾞﾛﾌnk", "ウラジーミル|nk"}},
		{"नरेंद्र मोदी", []string{"नरेंद्र|^n", "मोदीn"}},
	}
	for _, tc := range tests {
		got := describe(tc.in, tokenize(tc.in, nil))
		if !slices.Equal(got, tc.want) {
			t.Errorf("tokenize(%q) =\n %q\nwant\n %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenizeScripts(t *testing.T) {
	ws := tokenize("Путин Putin 푸틴 普京 بوتين", nil)
	var got []translit.Script
	for _, w := range ws {
		got = append(got, w.script)
	}
	want := []translit.Script{translit.Cyrillic, translit.LatinScript, translit.Hangul, translit.Han, translit.Arabic}
	if !slices.Equal(got, want) {
		t.Errorf("scripts %v, want %v", got, want)
	}
}

// checkWords checks the tokeniser's invariants: words in order, not
// overlapping, within the text, on rune boundaries, never empty.
func checkWords(t *testing.T, s string, ws []word) {
	t.Helper()
	// Rune boundaries as ranging over the string decodes it (an invalid
	// byte is a rune of its own).
	bound := map[int]bool{len(s): true}
	for i := range s {
		bound[i] = true
	}
	prev := 0
	for _, w := range ws {
		if w.start < prev || w.end <= w.start || w.end > len(s) {
			t.Fatalf("word [%d,%d) after %d in %d bytes: %q", w.start, w.end, prev, len(s), s)
		}
		if !bound[w.start] || !bound[w.end] {
			t.Fatalf("word [%d,%d) not on rune boundaries in %q", w.start, w.end, s)
		}
		if !utf8.ValidString(s[w.start:w.end]) {
			t.Fatalf("word [%d,%d) holds invalid UTF-8 in %q", w.start, w.end, s)
		}
		prev = w.end
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"O ministro Serguei Lavrov", "Kim Jong-un", "l'Iran", "Дмитрия Медведева", "김정은은",
		"习近平主席", "وبوتين", "a\xffb\xc3", "V. Putin", strings.Repeat("a", 600), "\u0301\u200d-'", "ロシアのセルゲイ・ラブロフ外相はｾﾙｹﾞｲ＝ﾗﾌﾞﾛﾌ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkWords(t, s, tokenize(s, nil))
	})
}
