package translit

// Latin script: diacritics are dropped by Unicode compatibility
// decomposition (NFKD) with the combining marks removed, plus the letters
// that do not decompose, expanded as sanctions lists and ICAO 9303
// (machine-readable passports, appendix on transliteration) write them:
// ß ss, æ ae, œ oe, ø o, đ d, ð d, þ th, ł l, ı i, ħ h, ŧ t, ŋ ng, ə a.
// German ä ö ü become a o u, not ae oe ue: the matcher handles those.

import (
	"unicode"

	"github.com/mozillazg/go-unidecode/table"
	"golang.org/x/text/unicode/norm"
)

const (
	foldLo1, foldHi1 = 0x00C0, 0x0250 // Latin-1 Supplement, Extended-A, Extended-B
	foldLo2, foldHi2 = 0x1E00, 0x1F00 // Latin Extended Additional (Vietnamese...)
)

// latinFoldTable holds the folded form of the precomposed Latin letters;
// built once at start-up from the Unicode decompositions and never
// modified.
type latinFoldTable struct {
	a [foldHi1 - foldLo1]string
	b [foldHi2 - foldLo2]string
}

var latinFolds = buildLatinFolds()

// latinExpansions are the letters without a decomposition to ASCII.
var latinExpansions = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ǿ': "o", 'Ǿ': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'þ': "th", 'Þ': "th", 'ł': "l", 'Ł': "l", 'ı': "i", 'ħ': "h", 'Ħ': "h",
	'ŧ': "t", 'Ŧ': "t", 'ŋ': "ng", 'Ŋ': "ng", 'ĸ': "k", 'ſ': "s", 'ƒ': "f", 'Ƒ': "f",
	'ƀ': "b", 'Ɓ': "b", 'ɓ': "b", 'Ƈ': "c", 'ƈ': "c", 'Ɗ': "d", 'ɗ': "d", 'Ƙ': "k", 'ƙ': "k",
	'Ƴ': "y", 'ƴ': "y", 'Ə': "a", 'ə': "a", 'ǝ': "e", 'Ǝ': "e", 'Ɛ': "e", 'ɛ': "e",
	'Ɔ': "o", 'ɔ': "o", 'ǣ': "ae", 'Ǣ': "ae", 'ǽ': "ae", 'Ǽ': "ae", 'ȸ': "db", 'ȹ': "qp",
	'Ƶ': "z", 'ƶ': "z", 'Ȥ': "z", 'ȥ': "z", 'ƚ': "l", 'Ƚ': "l", 'ȼ': "c", 'Ȼ': "c",
	'Ɨ': "i", 'ɨ': "i", 'Ʉ': "u", 'ʉ': "u", 'Ʒ': "zh", 'ʒ': "zh", 'Ǯ': "zh", 'ǯ': "zh",
	'ƿ': "w", 'Ƿ': "w", 'ȝ': "y", 'Ȝ': "y", 'ƞ': "n", 'Ƞ': "n", 'Ɲ': "ny", 'ɲ': "ny",
	'Ŀ': "l", 'ŀ': "l", 'ŉ': "n", 'ǈ': "lj", 'ǉ': "lj", 'Ǉ': "lj", 'ǋ': "nj", 'ǌ': "nj", 'Ǌ': "nj",
	'Ǆ': "dz", 'ǅ': "dz", 'ǆ': "dz", 'Ǳ': "dz", 'ǲ': "dz", 'ǳ': "dz", 'Ĳ': "ij", 'ĳ': "ij",
}

func buildLatinFolds() *latinFoldTable {
	t := new(latinFoldTable)
	fold := func(r rune) string {
		if s, ok := latinExpansions[r]; ok {
			return s
		}
		var out []byte
		for _, c := range norm.NFKD.String(string(r)) {
			if e, ok := latinExpansions[c]; ok {
				out = append(out, e...)
				continue
			}
			c = unicode.ToLower(c)
			if 'a' <= c && c <= 'z' {
				out = append(out, byte(c))
			}
		}
		return string(out)
	}
	for r := rune(foldLo1); r < foldHi1; r++ {
		if unicode.IsLetter(r) {
			t.a[r-foldLo1] = fold(r)
		}
	}
	for r := rune(foldLo2); r < foldHi2; r++ {
		if unicode.IsLetter(r) {
			t.b[r-foldLo2] = fold(r)
		}
	}
	return t
}

// foldLatin returns the ASCII form of a precomposed Latin letter, and false
// when r is outside the table or folds to nothing.
func foldLatin(r rune) (string, bool) {
	var s string
	switch {
	case foldLo1 <= r && r < foldHi1:
		s = latinFolds.a[r-foldLo1]
	case foldLo2 <= r && r < foldHi2:
		s = latinFolds.b[r-foldLo2]
	default:
		if s, ok := latinExpansions[r]; ok {
			return s, true
		}
		return "", false
	}
	return s, s != ""
}

// appendLatinRun romanises a run of Latin letters (with any marks and
// joiners inside it).
func appendLatinRun(dst []byte, rs []rune) []byte {
	for _, r := range rs {
		switch {
		case r < 0x80:
			switch {
			case 'a' <= r && r <= 'z':
				dst = append(dst, byte(r))
			case 'A' <= r && r <= 'Z':
				dst = append(dst, byte(r+'a'-'A'))
			}
		case ScriptOf(r) != LatinScript:
			// combining marks, joiners, modifier apostrophes: dropped
		default:
			if f, ok := foldLatin(r); ok {
				dst = append(dst, f...)
			} else {
				dst = appendUnidecode(dst, r)
			}
		}
	}
	return dst
}

// appendUnidecode appends the go-unidecode transliteration of r, keeping
// only ASCII letters (lower-cased) and digits. It is the fallback for the
// scripts translit has no table for.
func appendUnidecode(dst []byte, r rune) []byte {
	if r < 0x80 {
		c := byte(r)
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			return append(dst, c)
		case 'A' <= c && c <= 'Z':
			return append(dst, c+'a'-'A')
		}
		return dst
	}
	if r > 0xEFFFF {
		return dst
	}
	tb, ok := table.Tables[r>>8]
	if !ok || int(r&0xFF) >= len(tb) {
		return dst
	}
	s := tb[r&0xFF]
	if s == "[?]" {
		return dst
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			dst = append(dst, c)
		case 'A' <= c && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		}
	}
	return dst
}

// Look-alike letters between Latin and Cyrillic, and Greek capitals that
// look Latin: a word mostly in one script with a few letters of the other
// that all look like letters of the first is read in the first.
var cyrToLat = map[rune]rune{
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P',
	'С': 'C', 'Т': 'T', 'Х': 'X', 'У': 'Y', 'Ү': 'Y', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S', 'Ӏ': 'I',
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i',
	'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w',
}

var latToCyr = map[rune]rune{
	'A': 'А', 'B': 'В', 'E': 'Е', 'K': 'К', 'M': 'М', 'H': 'Н', 'O': 'О', 'P': 'Р',
	'C': 'С', 'T': 'Т', 'X': 'Х', 'Y': 'У', 'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р',
	'c': 'с', 'y': 'у', 'x': 'х',
}

var grkToLat = map[rune]rune{
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ν': 'v', 'ι': 'i',
}

// fixHomoglyphs rewrites, in place, look-alike letters of a minority script
// (Latin, Cyrillic, Greek) into the word's majority script, when every
// letter of the minority script has a look-alike.
func fixHomoglyphs(rs []rune, es []engine) {
	var nl, nc, ng int
	for _, e := range es {
		switch e {
		case eLatin:
			nl++
		case eCyrillic:
			nc++
		case eGreek:
			ng++
		}
	}
	switch {
	case nc > nl && nl > 0:
		mapAll(rs, es, eLatin, eCyrillic, latToCyr)
	case nl > nc && nl > ng:
		if nc > 0 {
			mapAll(rs, es, eCyrillic, eLatin, cyrToLat)
		}
		if ng > 0 {
			mapAll(rs, es, eGreek, eLatin, grkToLat)
		}
	}
}

func mapAll(rs []rune, es []engine, from, to engine, m map[rune]rune) {
	for i, e := range es {
		if e == from {
			if _, ok := m[rs[i]]; !ok {
				return
			}
		}
	}
	for i, e := range es {
		if e == from {
			rs[i] = m[rs[i]]
			es[i] = to
		}
	}
}
