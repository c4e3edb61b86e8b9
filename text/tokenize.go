package text

import (
	"unicode"
	"unicode/utf8"

	"github.com/embargo/embargo/translit"
)

// word is one word of a scanned text: a run of letters, digits and
// combining marks, with apostrophes inside it. A run of Chinese
// characters, or of hiragana, is one word (those scripts do not space
// words); so is a run of Thai. A run of katakana is a word of its own, cut
// from the hiragana and Chinese characters around it: Japanese writes
// foreign names and loanwords in katakana, one word per run (the parts of
// a name separated by ・), so that it is read like a word of a spaced
// script without case.
type word struct {
	start, end int // byte offsets in the text
	script     translit.Script
	flags      wordFlags
}

type wordFlags uint16

const (
	// wUpper: the first letter is upper or title case.
	wUpper wordFlags = 1 << iota
	// wAllUpper: two letters or more, all upper case.
	wAllUpper
	// wLower: the first letter is lower case.
	wLower
	// wUncased: written in a script without case (Arabic, Hangul...).
	wUncased
	// wDigit: the word starts with a digit.
	wDigit
	// wBreak: a sentence or clause boundary (punctuation, quotes,
	// brackets, a blank line) lies between this word and the previous one.
	// A name never crosses it.
	wBreak
	// wHyphen: a hyphen joins this word to the previous one ("Jong-un").
	wHyphen
	// wSentence: the word starts a sentence, a paragraph or the text.
	wSentence
	// wApostrophe: the word holds an apostrophe (Putin's, Rusya'nın).
	wApostrophe
	// wClitic: the word is an elided article or preposition (l', d', dell')
	// and the next word follows its apostrophe.
	wClitic
	// wInitial: a single capital letter followed by a full stop (V. Putin).
	wInitial
	// wKatakana: a word of Japanese katakana (its script is Kana, which
	// also covers hiragana).
	wKatakana
)

func (f wordFlags) has(g wordFlags) bool { return f&g != 0 }

// maxWordBytes bounds a word: longer runs of letters are cut (no name part
// is that long, and the bound keeps per-word work flat on hostile input).
const maxWordBytes = 256

// tokenize cuts s into words, appending them to out. Separators between
// words are classified: spaces, single line breaks, hyphens and the
// middle dots of transcribed names (·, ・, and the ゠ and ＝ Japanese also
// writes there: ジャン＝ポール) keep words in one name; other
// punctuation, quotes, brackets and blank lines are boundaries (wBreak);
// . ! ? … and a blank line also start a sentence (wSentence). A full stop
// after a single capital letter followed by a capitalised word is an
// initial, not a sentence end.
func tokenize(s string, out []word) []word {
	brk, sentence, hyphen := true, true, false
	newlines := 0
	i := 0
	for i < len(s) {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isWordStart(r) {
			w, next := scanWord(s, i)
			w.flags |= flagsOf(brk, sentence, hyphen)
			// Elision: "l'Iran", "d'Ivoire", "dell'Iran": the clitic is a
			// word of its own and the next word follows its apostrophe.
			if w.flags.has(wApostrophe) {
				if k := cliticEnd(s, w); k > 0 {
					cl := w
					cl.end = k
					cl.flags = (cl.flags &^ wApostrophe) | wClitic
					out = append(out, cl)
					_, n := utf8.DecodeRuneInString(s[k:])
					w2, next2 := scanWord(s, k+n) // joined to the clitic
					out = append(out, w2)
					i = next2
					brk, sentence, hyphen, newlines = false, false, false, 0
					continue
				}
			}
			out = append(out, w)
			i = next
			brk, sentence, hyphen, newlines = false, false, false, 0
			continue
		}
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007' || r == '\u3000' || r == '\r' || r == '\f' || r == '\v':
			// space
		case r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			newlines++
			if newlines >= 2 || r == '\u2029' {
				brk, sentence = true, true
			}
		case r == '-' || r == '\u2010' || r == '\u2011':
			// A hyphen between two words joins them; a spaced or doubled
			// dash separates clauses.
			if i > 0 && isWordEnd(s, i) && i+size < len(s) && startsWord(s, i+size) && !hyphen {
				hyphen = true
			} else {
				brk = true
			}
		case r == '\u00b7' || r == '\u30fb' || r == '\u2027' || r == '\uff65' || r == '\u30a0' || r == '\uff1d':
			// middle dot between transcribed name parts: 弗拉基米尔·普京,
			// セルゲイ・ラブロフ
		case r == '.':
			if len(out) > 0 && out[len(out)-1].end == i && isInitial(s, out[len(out)-1]) && nextIsUpperWord(s, i+1) {
				out[len(out)-1].flags |= wInitial
				break
			}
			brk, sentence = true, true
		case r == '!' || r == '?' || r == '…' || r == '。' || r == '！' || r == '？' || r == '؟' || r == '।' || r == '¡' || r == '¿':
			brk, sentence = true, true
		default:
			// Other punctuation, quotes, brackets, symbols, invalid bytes.
			brk = true
		}
		i += size
	}
	return out
}

func flagsOf(brk, sentence, hyphen bool) wordFlags {
	var f wordFlags
	if brk {
		f |= wBreak
	}
	if sentence {
		f |= wSentence
	}
	if hyphen {
		f |= wHyphen
	}
	return f
}

// isWordStart reports whether r starts a word: a letter or digit (a
// combining mark or joiner on its own belongs to no word).
func isWordStart(r rune) bool {
	cl, _ := classify(r)
	return cl >= clDigit
}

// isWordRune reports whether r continues a word: letters, digits,
// combining marks (Mn, Mc, Me: Devanagari vowel signs, Arabic harakat) and
// the zero-width joiners.
func isWordRune(r rune) bool {
	cl, _ := classify(r)
	return cl != clOther
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '´':
		return true
	}
	return false
}

// unspaced reports whether a script runs words together (Han, kana,
// Thai): a run of its letters is one word, cut further by the scanner.
func unspaced(sc translit.Script) bool {
	return sc == translit.Han || sc == translit.Kana || sc == translit.Thai
}

// unspaced reports whether w is a run of a script that runs words
// together: not a word of katakana, which is a word of its own.
func (w *word) unspaced() bool {
	return unspaced(w.script) && !w.flags.has(wKatakana)
}

// isKatakana reports the katakana letters and marks (full-width,
// half-width, and the small letters of the phonetic extensions).
func isKatakana(r rune) bool {
	return 0x30A0 <= r && r <= 0x30FF || 0x31F0 <= r && r <= 0x31FF || 0xFF66 <= r && r <= 0xFF9F ||
		r >= 0x1B000 && unicode.Is(unicode.Katakana, r)
}

// scanWord reads the word starting at s[i], which starts a word, and
// returns it with the offset after it.
func scanWord(s string, i int) (word, int) {
	w := word{start: i}
	var flags wordFlags
	letters, upper, lower := 0, 0, 0
	kana := 0 // 1 hiragana, 2 katakana
	first := true
	j := i
	for j < len(s) && j-i < maxWordBytes {
		c := s[j]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && size == 1 {
				break
			}
		}
		if isApostrophe(r) {
			// Inside a word only: a letter before and after.
			if j == i || j+size >= len(s) {
				break
			}
			nr, _ := utf8.DecodeRuneInString(s[j+size:])
			if !unicode.IsLetter(nr) || unspaced(w.script) {
				break
			}
			flags |= wApostrophe
			j += size
			continue
		}
		cl, sc := classify(r)
		if cl == clOther {
			break
		}
		if cl >= clLetter {
			if w.script == translit.Unknown {
				w.script = sc
			} else if sc != translit.Unknown && sc != w.script {
				break // a change of script starts a new word
			}
			if sc == translit.Kana {
				k := 1
				if isKatakana(r) {
					k = 2
				}
				if kana != 0 && k != kana {
					break // katakana and hiragana are words apart
				}
				kana = k
			}
			letters++
			switch cl {
			case clUpper:
				upper++
			case clLower:
				lower++
			}
			if first {
				switch cl {
				case clUpper:
					flags |= wUpper
				case clLower:
					flags |= wLower
				}
			}
			first = false
		} else if first && cl == clDigit {
			flags |= wDigit
			first = false
		}
		j += size
	}
	if j == i {
		// A lone rune that starts a word but cannot continue one (cut
		// UTF-8): consume it so that the scan advances.
		_, size := utf8.DecodeRuneInString(s[i:])
		j = i + size
	}
	// An apostrophe must sit inside the word: drop a trailing one.
	w.end = j
	if letters > 0 && upper == 0 && lower == 0 || uncasedScript(w.script) {
		flags |= wUncased
		flags &^= wUpper | wLower
	}
	if upper >= 2 && lower == 0 {
		flags |= wAllUpper
	}
	if kana == 2 {
		flags |= wKatakana
	}
	w.flags = flags
	return w, j
}

// uncasedScript reports scripts whose letters have no case. Georgian
// Mkhedruli is lower-case in Unicode but written without capitals.
func uncasedScript(sc translit.Script) bool {
	switch sc {
	case translit.LatinScript, translit.Cyrillic, translit.Greek, translit.Armenian:
		return false
	}
	return sc != translit.Unknown
}

// Rune classes for word cutting.
const (
	clOther  = iota // not part of a word
	clMark          // combining mark or joiner: inside a word only
	clDigit         // a digit
	clLetter        // a letter without case
	clUpper         // an upper-case or title-case letter
	clLower         // a lower-case letter
)

// classify returns the class and script of a rune, with fast paths for
// the blocks most text is written in (Latin, Cyrillic, Arabic, Hangul,
// Chinese).
func classify(r rune) (int, translit.Script) {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z':
			return clLower, translit.LatinScript
		case 'A' <= r && r <= 'Z':
			return clUpper, translit.LatinScript
		case '0' <= r && r <= '9':
			return clDigit, translit.Unknown
		}
		return clOther, translit.Unknown
	case 0xC0 <= r && r < 0x250 && r != 0xD7 && r != 0xF7:
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return clUpper, translit.LatinScript
		}
		if unicode.IsLower(r) {
			return clLower, translit.LatinScript
		}
		return clLetter, translit.LatinScript
	case 0x0400 <= r && r < 0x0530 && (r < 0x0482 || r > 0x0489):
		switch {
		case r < 0x0410:
			return clUpper, translit.Cyrillic
		case r < 0x0430:
			return clUpper, translit.Cyrillic
		case r < 0x0460:
			return clLower, translit.Cyrillic
		case r&1 == 0 && r != 0x04C0 && (r < 0x04C1 || r > 0x04CE):
			return clUpper, translit.Cyrillic
		case r == 0x04C0:
			return clUpper, translit.Cyrillic
		case r >= 0x04C1 && r <= 0x04CE && r&1 == 1:
			return clUpper, translit.Cyrillic
		}
		return clLower, translit.Cyrillic
	case 0x0620 <= r && r <= 0x064A && r != 0x0640: // not the tatweel
		return clLetter, translit.Arabic
	case 0xAC00 <= r && r <= 0xD7A3:
		return clLetter, translit.Hangul
	case 0x4E00 <= r && r <= 0x9FFF:
		return clLetter, translit.Han
	}
	switch {
	case unicode.IsLetter(r):
		sc := translit.ScriptOf(r)
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			return clUpper, sc
		case unicode.IsLower(r):
			return clLower, sc
		}
		return clLetter, sc
	case unicode.IsDigit(r):
		return clDigit, translit.Unknown
	case unicode.IsMark(r) || r == '\u200c' || r == '\u200d':
		return clMark, translit.Unknown
	}
	return clOther, translit.Unknown
}

// isWordEnd reports whether the rune before s[i] belongs to a word.
func isWordEnd(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

// startsWord reports whether a word starts at s[i].
func startsWord(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordStart(r)
}

// isInitial reports whether w is a single capital letter.
func isInitial(s string, w word) bool {
	if !w.flags.has(wUpper) {
		return false
	}
	_, n := utf8.DecodeRuneInString(s[w.start:])
	return w.start+n == w.end
}

// nextIsUpperWord reports whether, after spaces, a capitalised word
// follows s[i:].
func nextIsUpperWord(s string, i int) bool {
	for i < len(s) && (s[i] == ' ' || s[i] == '\u00a0') {
		i++
	}
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// cliticEnd returns the offset of the apostrophe ending an elided article
// or preposition at the start of w ("l'Iran", "d'Ivoire", "dell'Iran",
// "qu'Assad"), or 0. The clitic must be followed by a letter.
func cliticEnd(s string, w word) int {
	for j := w.start; j < w.end && j-w.start <= 6; {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isApostrophe(r) {
			if j+n >= w.end || !isClitic(s[w.start:j]) {
				return 0
			}
			return j
		}
		j += n
	}
	return 0
}

// isClitic reports the elided articles and prepositions of French and
// Italian written before a vowel with an apostrophe.
func isClitic(p string) bool {
	switch p {
	case "l", "d", "L", "D", "qu", "Qu", "j", "n", "s", "c", "m", "t",
		"dell", "all", "dall", "nell", "sull", "coll", "Dell", "All", "Dall", "Nell", "Sull", "un", "Un":
		return true
	}
	return false
}
