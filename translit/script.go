package translit

import "unicode"

// Script identifies a writing system.
type Script uint8

// The writing systems translit knows by name. Other covers every other
// script with letters (Bengali, Tamil, Khmer, Ethiopic...): Latin still
// romanises them, by the Brahmic table or the unidecode fallback.
const (
	Unknown     Script = iota // not a letter of any script (digits, punctuation, Common/Inherited runes)
	LatinScript               // Latin alphabet, including its diacritic letters (not named Latin: that is the function)
	Cyrillic                  // Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian, Kazakh...
	Greek                     // Greek (monotonic and polytonic)
	Armenian                  // Armenian
	Georgian                  // Georgian (Mkhedruli, Mtavruli, Asomtavruli, Nuskhuri)
	Arabic                    // Arabic and the alphabets built on it (Persian, Urdu, Pashto...)
	Hebrew                    // Hebrew and Yiddish
	Hangul                    // Korean Hangul
	Han                       // Chinese characters (also Japanese kanji, Korean hanja)
	Kana                      // Japanese hiragana and katakana
	Devanagari                // Hindi, Marathi, Nepali, Sanskrit
	Thai                      // Thai
	Other                     // any other script with letters
)

var scriptNames = [...]string{
	Unknown:     "Unknown",
	LatinScript: "Latin",
	Cyrillic:    "Cyrillic",
	Greek:       "Greek",
	Armenian:    "Armenian",
	Georgian:    "Georgian",
	Arabic:      "Arabic",
	Hebrew:      "Hebrew",
	Hangul:      "Hangul",
	Han:         "Han",
	Kana:        "Kana",
	Devanagari:  "Devanagari",
	Thai:        "Thai",
	Other:       "Other",
}

// String returns the script's English name ("Cyrillic"), or "Script(n)"
// for a value outside the enumeration.
func (s Script) String() string {
	if int(s) < len(scriptNames) {
		return scriptNames[s]
	}
	return "Script(" + itoa(int(s)) + ")"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// IsAbjad reports whether the script normally omits short vowels (Arabic,
// Hebrew): the matcher compares such words by consonant skeleton.
func (s Script) IsAbjad() bool { return s == Arabic || s == Hebrew }

// ScriptOf returns the script of one rune. Runes of the Unicode Common and
// Inherited scripts (digits, punctuation, combining marks, the Arabic
// tatweel, the kana prolonged-sound mark) return Unknown; so do unassigned
// code points.
func ScriptOf(r rune) Script {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return LatinScript
		}
		return Unknown
	}
	// Block hints first, each confirmed by the Unicode script table (blocks
	// hold Common runes too: the Arabic comma, the Greek question mark...).
	var t *unicode.RangeTable
	var s Script
	switch {
	case r < 0x0370:
		t, s = unicode.Latin, LatinScript
	case r < 0x0400:
		t, s = unicode.Greek, Greek
	case r < 0x0530:
		t, s = unicode.Cyrillic, Cyrillic
	case r < 0x0590:
		t, s = unicode.Armenian, Armenian
	case r < 0x0600:
		t, s = unicode.Hebrew, Hebrew
	case r < 0x0700, 0x0750 <= r && r < 0x0780, 0x0870 <= r && r < 0x0900:
		t, s = unicode.Arabic, Arabic
	case 0x0900 <= r && r < 0x0980:
		t, s = unicode.Devanagari, Devanagari
	case 0x0E00 <= r && r < 0x0E80:
		t, s = unicode.Thai, Thai
	case 0x10A0 <= r && r < 0x1100, 0x1C90 <= r && r < 0x1CC0, 0x2D00 <= r && r < 0x2D30:
		t, s = unicode.Georgian, Georgian
	case 0x1100 <= r && r < 0x1200, 0x3130 <= r && r < 0x3190, 0xA960 <= r && r < 0xA980,
		0xAC00 <= r && r < 0xD7FF, 0xFFA0 <= r && r < 0xFFDD:
		t, s = unicode.Hangul, Hangul
	case 0x1C80 <= r && r < 0x1C90, 0x2DE0 <= r && r < 0x2E00, 0xA640 <= r && r < 0xA6A0:
		t, s = unicode.Cyrillic, Cyrillic
	case 0x1D00 <= r && r < 0x1F00, 0x2C60 <= r && r < 0x2C80, 0xA720 <= r && r < 0xA800,
		0xAB30 <= r && r < 0xAB70, 0xFB00 <= r && r < 0xFB07, 0xFF21 <= r && r < 0xFF5B:
		t, s = unicode.Latin, LatinScript
	case 0x1F00 <= r && r < 0x2000:
		t, s = unicode.Greek, Greek
	case 0x3040 <= r && r < 0x30A0:
		t, s = unicode.Hiragana, Kana
	case 0x30A0 <= r && r < 0x3100, 0x31F0 <= r && r < 0x3200, 0xFF66 <= r && r < 0xFFA0:
		t, s = unicode.Katakana, Kana
	case 0x2E80 <= r && r < 0x2FE0, 0x3005 <= r && r < 0x3040, 0x3400 <= r && r < 0x4DC0,
		0x4E00 <= r && r < 0xA000, 0xF900 <= r && r < 0xFB00, 0x20000 <= r && r < 0x323B0:
		t, s = unicode.Han, Han
	case 0xFB13 <= r && r < 0xFB18:
		t, s = unicode.Armenian, Armenian
	case 0xFB1D <= r && r < 0xFB50:
		t, s = unicode.Hebrew, Hebrew
	case 0xFB50 <= r && r < 0xFE00, 0xFE70 <= r && r < 0xFF00:
		t, s = unicode.Arabic, Arabic
	case 0xA8E0 <= r && r < 0xA900:
		t, s = unicode.Devanagari, Devanagari
	case 0x1B000 <= r && r < 0x1B170:
		if unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) {
			return Kana
		}
	}
	if t != nil && unicode.Is(t, r) {
		return s
	}
	if unicode.In(r, unicode.Common, unicode.Inherited) {
		return Unknown
	}
	if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) {
		return Other
	}
	return Unknown
}

// WordScript returns the script of most letters of w: the script with the
// most letters, ties going to the script met first. Unknown when w has no
// letter of any script.
func WordScript(w string) Script {
	var count [len(scriptNames)]int
	var first [len(scriptNames)]int
	n := 0
	for _, r := range w {
		s := ScriptOf(r)
		if s == Unknown {
			continue
		}
		n++
		if count[s] == 0 {
			first[s] = n
		}
		count[s]++
	}
	best := Unknown
	for s := LatinScript; int(s) < len(count); s++ {
		if count[s] == 0 {
			continue
		}
		if best == Unknown || count[s] > count[best] || count[s] == count[best] && first[s] < first[best] {
			best = s
		}
	}
	return best
}

// IsSyllabic reports whether the script writes a name syllable by syllable
// with no spaces between its parts (Hangul, Chinese characters, kana):
// Latin and Text return one word per syllable for it.
func (s Script) IsSyllabic() bool { return s == Hangul || s == Han || s == Kana }
