package text

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/embargo/embargo/translit"
)

// Word forms: what an inflected or suffixed word of the text may be the
// form of, as its language writes names. A name in running text takes
// the case endings of Russian ("Дмитрия Медведева", "Путиным"), Ukrainian,
// Polish or Czech ("Putina", "Ławrowem"), the genitive -s of German
// ("Putins"), English 's, Turkish suffixes after an apostrophe
// ("Rusya'nın"), Korean particles written onto the word ("푸틴은") and the
// Arabic conjunctions and prepositions written onto it ("وبوتين"). The
// scanner looks every form up and lets the scorer compare the best one; a
// wrong form costs a lookup, never a match, since the scorer still judges
// the whole name.

// maxForms bounds the forms of one word.
const maxForms = 8

// minStem is the fewest letters a stem keeps.
const minStem = 3

// stemRule replaces a word ending with each of its replacements.
type stemRule struct {
	end  string
	repl []string
}

// cyrillicRules are the case endings of Russian, Ukrainian and Belarusian
// nouns, names and adjectives, longest first, with the nominative endings
// they replace: Дмитрия → Дмитрий, Сергея → Сергей, Путина → Путин,
// Лаврову → Лавров, Путиным → Путин, Захаровой → Захарова, Марии → Мария,
// Эльвиры → Эльвира, Путінові → Путін (uk), Захаровою → Захарова (uk).
// Sources: the declension tables of Russian and Ukrainian grammars for
// masculine nouns in a consonant, -й and -ь, feminine nouns in -а and -я
// (-ия), and surnames in -ов/-ев/-ин and -ова/-ева/-ина.
var cyrillicRules = []stemRule{
	{"ого", []string{"ий", "ой", "ый"}}, {"его", []string{"ий"}},
	{"ому", []string{"ий", "ой", "ый"}}, {"ему", []string{"ий"}},
	{"ими", []string{"ий"}}, {"ыми", []string{"ый"}},
	{"ией", []string{"ия"}}, {"ією", []string{"ія"}},
	{"ові", []string{""}}, {"еві", []string{""}}, {"єві", []string{""}},
	{"ами", []string{"", "а"}}, {"ями", []string{"я", "й"}},
	{"ой", []string{"а", "ой", "ый"}}, {"ей", []string{"я", "а"}},
	{"ою", []string{"а"}}, {"ею", []string{"я", "а"}}, {"єю", []string{"я"}},
	{"ої", []string{"а"}}, {"ій", []string{"а", "ій"}},
	{"ым", []string{"", "ый"}}, {"им", []string{"", "ий"}},
	{"ом", []string{""}}, {"ем", []string{"", "й", "ь"}}, {"ём", []string{"", "й", "ь"}}, {"єм", []string{"й"}},
	{"ую", []string{"ая"}}, {"юю", []string{"яя"}},
	{"ии", []string{"ия", "ий"}}, {"ию", []string{"ия"}}, {"ие", []string{"ия"}},
	{"ії", []string{"ія"}}, {"ію", []string{"ія"}},
	{"а", []string{"", "а"}}, {"я", []string{"й", "ь", ""}},
	{"у", []string{"", "а"}}, {"ю", []string{"й", "ь", "я"}},
	{"е", []string{"", "а"}}, {"і", []string{"", "а", "я"}}, {"ї", []string{"я"}},
	{"ы", []string{"а", ""}}, {"и", []string{"а", "я", "ь", "й"}},
}

// latinRules are the case endings of names in the Latin-script languages
// that inflect them (Polish, Czech, Slovak, Slovene, Croatian,
// Lithuanian, Latvian) and the German genitive -s: Putina → Putin,
// Ławrowowi → Ławrow, Putinem → Putin, Zacharowej → Zacharowa, Zacharovou
// → Zacharova, Putins → Putin.
var latinRules = []stemRule{
	{"owi", []string{""}}, {"ovi", []string{""}}, {"ewi", []string{""}},
	{"ową", []string{"owa"}}, {"ovou", []string{"ova"}}, {"owej", []string{"owa"}}, {"ové", []string{"ova"}},
	{"em", []string{""}}, {"om", []string{""}}, {"ie", []string{""}},
	{"ej", []string{"a"}}, {"ou", []string{"a"}}, {"ą", []string{"a"}}, {"ę", []string{"a"}},
	{"as", []string{""}}, {"ui", []string{""}}, {"s", []string{""}},
	{"a", []string{""}}, {"u", []string{""}}, {"y", []string{"a"}},
}

// hangulParticles are the Korean case and topic particles written onto a
// name, longest first. Source: the particle (조사) lists of Korean
// grammars.
var hangulParticles = []string{
	"으로부터", "에게서", "로부터", "이라고", "께서는", "께서", "에게", "한테", "에서", "으로", "라고", "이며", "이다",
	"까지", "부터", "보다", "처럼", "마저", "조차", "와의", "과의", "에는", "에도", "은", "는", "이", "가", "을", "를",
	"의", "에", "와", "과", "도", "로", "만", "님", "씨",
}

// arabicProclitics are the conjunctions and prepositions Arabic writes onto
// the next word: wa- and fa- (and), bi- (with, by), li- (for), ka- (as).
var arabicProclitics = []rune{'و', 'ف', 'ب', 'ل', 'ك'}

// wordForms appends to dst the forms of the word s, written in script sc,
// other than s itself.
func wordForms(s string, sc translit.Script, dst []string) []string {
	switch sc {
	case translit.Cyrillic:
		dst = stems(s, cyrillicRules, dst)
		dst = syllableStems(s, dst)
	case translit.LatinScript:
		if a := apostropheForm(s); a != "" {
			dst = appendForm(dst, s, a)
		}
		if utf8.RuneCountInString(s) >= 5 {
			dst = stems(s, latinRules, dst)
		}
	case translit.Hangul:
		for _, p := range hangulParticles {
			if strings.HasSuffix(s, p) && utf8.RuneCountInString(s)-utf8.RuneCountInString(p) >= 2 {
				dst = appendForm(dst, s, s[:len(s)-len(p)])
			}
		}
	case translit.Arabic:
		rs := []rune(s)
		for k := 0; k < 2 && len(rs) > 4; k++ {
			if !isProclitic(rs[0]) || k == 1 && rs[0] == 'و' {
				break
			}
			rs = rs[1:]
			dst = appendForm(dst, s, string(rs))
		}
	}
	return dst
}

// apostropheForm returns the word without a suffix written after an
// apostrophe (Putin's, Rusya'nın, Lavrov'un), or "".
func apostropheForm(s string) string {
	i := strings.LastIndexAny(s, "'’ʼ`´")
	if i <= 0 {
		return ""
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	if rest := s[i+n:]; utf8.RuneCountInString(rest) <= 4 && isLowerWord(rest) {
		return s[:i]
	}
	return ""
}

func isProclitic(r rune) bool {
	for _, p := range arabicProclitics {
		if r == p {
			return true
		}
	}
	return false
}

// stems applies rules to s: every rule whose ending s has (compared in
// lower case) gives a form per replacement, keeping at least minStem
// letters.
func stems(s string, rules []stemRule, dst []string) []string {
	n := utf8.RuneCountInString(s)
	lower := strings.ToLower(s)
	for _, r := range rules {
		if len(dst) >= maxForms {
			break
		}
		if !strings.HasSuffix(lower, r.end) {
			continue
		}
		en := utf8.RuneCountInString(r.end)
		if n-en < minStem {
			continue
		}
		// Cut the original at the same rune count, keeping its case.
		cut := len(s)
		for k := 0; k < en; k++ {
			_, sz := utf8.DecodeLastRuneInString(s[:cut])
			cut -= sz
		}
		stem := s[:cut]
		for _, rep := range r.repl {
			if rep == r.end {
				continue
			}
			if isAllUpper(stem) {
				rep = strings.ToUpper(rep)
			}
			dst = appendForm(dst, s, stem+rep)
		}
	}
	return dst
}

// syllableStems appends the forms of s whose stems are too short for
// stems but are syllables of a Korean name written in Russian
// (translit.KoreanCyrillic): Russian declines the last syllable of "Ким
// Чен Ын" like a noun ending in a consonant (Ким Чен Ына, Ким Чен Ыном,
// Ким Чен Ира); a syllable ending in a vowel (Хэ, Ли) is not declined.
func syllableStems(s string, dst []string) []string {
	n := utf8.RuneCountInString(s)
	lower := strings.ToLower(s)
	for _, r := range cyrillicRules {
		en := utf8.RuneCountInString(r.end)
		if !strings.HasSuffix(lower, r.end) || n-en >= minStem || n-en < 1 || !slices.Contains(r.repl, "") {
			continue
		}
		cut := len(s)
		for k := 0; k < en; k++ {
			_, sz := utf8.DecodeLastRuneInString(s[:cut])
			cut -= sz
		}
		last, _ := utf8.DecodeLastRuneInString(s[:cut])
		if stem := s[:cut]; !strings.ContainsRune("аеёиоуыэюяАЕЁИОУЫЭЮЯ", last) && translit.KoreanCyrillic(stem) != nil {
			dst = appendForm(dst, s, stem)
		}
	}
	return dst
}

// appendForm appends f unless it is s or already there.
func appendForm(dst []string, s, f string) []string {
	if f == s || f == "" || len(dst) >= maxForms {
		return dst
	}
	for _, have := range dst {
		if have == f {
			return dst
		}
	}
	return append(dst, f)
}

func isLowerWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return s != ""
}

func isAllUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}
