package translit

import (
	"slices"
	"strings"
	"sync"
)

// Arabic, Persian and Hebrew news write Korean names syllable by syllable
// with the letters of the script, the vowels as long-vowel letters:
// كيم جونغ أون, کیم جونگ اون, קים ג'ונג און (Kim Jong Un). Romanised as
// Arabic or Hebrew (consonant skeletons, "kym jwngh awn"), such syllables
// are too short to meet the lists' "Kim Jong Un"; read as the Korean
// syllables they transcribe they give it back. KoreanAbjad reads one word
// so: an optional initial consonant (ج j, تش/چ/צ' ch, ك/ک/ק k, غ/گ/ג g...),
// a vowel written with alif, waw or ya (و/ו is o or u, ي/ی/י i or e, ا/א a,
// اي ae, وي oe, يو yo), and an optional final (ن n, نغ/نگ/נג ng, م m, ل l,
// ك k, ب p). Source: the spellings of Korean names in Arabic, Persian
// and Hebrew news, which transcribe their English spelling letter by
// letter, the vowels as long-vowel letters.

// abjadInitials read the consonants that start a syllable, longest first.
var abjadInitials = []struct {
	s   string
	lat []string
}{
	{"تش", []string{"ch"}}, {"چ", []string{"ch"}}, {"צ'", []string{"ch"}}, {"צ׳", []string{"ch"}}, {"ג'", []string{"j"}}, {"ג׳", []string{"j"}},
	{"ج", []string{"j"}}, {"ك", []string{"k"}}, {"ک", []string{"k"}}, {"ق", []string{"k"}}, {"ק", []string{"k"}}, {"כ", []string{"k"}},
	{"غ", []string{"g", "k"}}, {"گ", []string{"g", "k"}}, {"ג", []string{"g", "k"}},
	{"ت", []string{"t"}}, {"ط", []string{"t"}}, {"ט", []string{"t"}}, {"ת", []string{"t"}},
	{"د", []string{"d", "t"}}, {"ד", []string{"d", "t"}},
	{"ب", []string{"b", "p"}}, {"ב", []string{"b", "p"}}, {"پ", []string{"p"}}, {"פ", []string{"p"}},
	{"م", []string{"m"}}, {"מ", []string{"m"}}, {"ن", []string{"n"}}, {"נ", []string{"n"}},
	{"ر", []string{"r"}}, {"ר", []string{"r"}}, {"ل", []string{"r"}}, {"ל", []string{"r"}},
	{"س", []string{"s"}}, {"ס", []string{"s"}}, {"ش", []string{"s"}}, {"ש", []string{"s"}},
	{"ه", []string{"h"}}, {"ح", []string{"h"}}, {"ה", []string{"h"}}, {"ח", []string{"h"}},
	{"ي", []string{"y"}}, {"ی", []string{"y"}}, {"י", []string{"y"}}, {"و", []string{"w"}}, {"ו", []string{"w"}},
	{"أ", nil}, {"إ", nil}, {"آ", nil}, {"ا", nil}, {"ع", nil}, {"א", nil}, {"ע", nil},
}

// abjadVowels read the vowel letters of a syllable, longest first.
var abjadVowels = []struct {
	s   string
	lat []string
}{
	{"يو", []string{"yo", "yu"}}, {"یو", []string{"yo", "yu"}}, {"יו", []string{"yo", "yu"}},
	{"يا", []string{"ya"}}, {"یا", []string{"ya"}}, {"יא", []string{"ya"}},
	{"وا", []string{"wa"}}, {"ווא", []string{"wa"}},
	{"اي", []string{"ae"}}, {"ای", []string{"ae"}}, {"יי", []string{"ae"}},
	{"وي", []string{"oe", "wi"}}, {"وی", []string{"oe", "wi"}}, {"וי", []string{"oe", "wi"}},
	{"و", []string{"o", "u"}}, {"ו", []string{"o", "u"}},
	{"ي", []string{"i", "e"}}, {"ی", []string{"i", "e"}}, {"י", []string{"i", "e"}},
	{"ا", []string{"a"}}, {"א", []string{"a"}}, {"ى", []string{"a"}},
}

// abjadFinals read the consonants that end a syllable, longest first.
var abjadFinals = []struct {
	s   string
	lat string
}{
	{"نغ", "ng"}, {"نگ", "ng"}, {"נג", "ng"},
	{"ن", "n"}, {"נ", "n"}, {"ן", "n"}, {"م", "m"}, {"מ", "m"}, {"ם", "m"},
	{"ل", "l"}, {"ל", "l"}, {"ك", "k"}, {"ک", "k"}, {"ק", "k"}, {"ך", "k"},
	{"ب", "p"}, {"پ", "p"}, {"פ", "p"}, {"ף", "p"}, {"ت", "t"}, {"ת", "t"}, {"ه", ""}, {"ה", ""},
}

// maxAbjadReadings bounds the readings of one syllable.
const maxAbjadReadings = 4

// KoreanAbjad returns the romanisations an Arabic, Persian or Hebrew word
// may have as one syllable of a Korean name, likeliest first (at most
// four), or nil when it does not read as one syllable.
func KoreanAbjad(word string) []string {
	if s := WordScript(word); s != Arabic && s != Hebrew {
		return nil
	}
	w := stripAbjadMarks(word)
	var out []string
	for _, ini := range abjadInitials {
		rest, ok := strings.CutPrefix(w, ini.s)
		if !ok {
			continue
		}
		for _, v := range abjadVowels {
			tail, ok := strings.CutPrefix(rest, v.s)
			if !ok {
				continue
			}
			fin, ok := abjadFinal(tail)
			if !ok {
				continue
			}
			heads := ini.lat
			if heads == nil {
				heads = []string{""}
			}
			for _, h := range heads {
				for _, vl := range v.lat {
					out = appendNew(out, h+vl+fin)
				}
			}
		}
		if len(out) > 0 {
			break // the longest initial that reads
		}
	}
	if len(out) > maxAbjadReadings {
		out = out[:maxAbjadReadings]
	}
	return out
}

// abjadFinal reads what is left after the vowel: nothing, or one final.
func abjadFinal(tail string) (string, bool) {
	if tail == "" {
		return "", true
	}
	for _, f := range abjadFinals {
		if tail == f.s {
			return f.lat, true
		}
	}
	return "", false
}

// stripAbjadMarks removes the vowel marks, tatweel and joiners of a word.
func stripAbjadMarks(w string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r == 0x200C, r == 0x200D,
			r >= 0x05B0 && r <= 0x05C7 && r != 0x05BE && r != 0x05F3:
			return -1
		}
		return r
	}, w)
}

// appendNew appends s to out unless out has it already.
func appendNew(out []string, s string) []string {
	if slices.Contains(out, s) {
		return out
	}
	return append(out, s)
}

// koreanFamilyLatin returns the romanisations of the common Korean family
// names (koreanSurnames, McCune–Reischauer and Revised Romanization) and
// their usual passport spellings.
var koreanFamilyLatin = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, r := range koreanSurnames {
		for _, s := range []string{string(appendHangulMR(nil, []rune{r})), string(appendHangulRR(nil, []rune{r}))} {
			m[s] = true
		}
	}
	for _, s := range []string{"lee", "li", "park", "choi", "moon", "yoon", "kang", "shin", "jung", "chung", "cho", "oh", "yoo", "han", "song", "hong"} {
		m[s] = true
	}
	return m
})

// LooksKoreanAbjad reports whether a name's words, written in Arabic,
// Persian or Hebrew letters, have the shape of a Korean name: two to four
// words, each one syllable (KoreanAbjad), the first a common Korean family
// name (كيم جونغ أون; not سيرغي لافروف).
func LooksKoreanAbjad(words []string) bool {
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for i, w := range words {
		rs := KoreanAbjad(w)
		if rs == nil {
			return false
		}
		if i == 0 {
			family := false
			for _, r := range rs {
				family = family || koreanFamilyLatin()[r]
			}
			if !family {
				return false
			}
		}
	}
	return true
}

// LooksKoreanSyllables reports whether a name's words are the syllables
// of a Korean name written in a script other than Hangul: Russian
// Cyrillic (LooksKoreanCyrillic) or an abjad (LooksKoreanAbjad).
func LooksKoreanSyllables(words []string) bool {
	return LooksKoreanCyrillic(words) || LooksKoreanAbjad(words)
}

// KoreanSyllable returns the romanisations of a word read as one syllable
// of a Korean name written in Cyrillic or an abjad, or nil.
func KoreanSyllable(word string) []string {
	switch WordScript(word) {
	case Cyrillic:
		return KoreanCyrillic(word)
	case Arabic, Hebrew:
		return KoreanAbjad(word)
	}
	return nil
}
