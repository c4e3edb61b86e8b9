package translit

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Latin romanises a single word in any script to lower-case ASCII letters
// and digits. lang is a language hint: a code from CyrillicLang ("ru",
// "uk", "be", "bg", "sr", "mk", "kk") for Cyrillic words or from ArabicLang
// ("ar", "fa", "ur", "ps") for Arabic-script words; "" guesses from the
// word itself, and a hint for another script is ignored. Text passes the
// guess made on the whole text, which is more reliable.
//
// Anything in word that is not a letter, digit or combining mark separates
// words, so Latin never returns anything but [a-z0-9] words separated by
// single spaces. The systems, script by script (see the file of each script
// for details):
//
//   - Latin: diacritics dropped, with the usual expansions ß→ss, æ→ae,
//     œ→oe, ø→o, å→a, ł→l, đ→d, ð→d, þ→th, ı→i, ə→a; ä ö ü become a o u,
//     not ae oe ue (the matcher handles the German spellings).
//   - Cyrillic: BGN/PCGN for Russian as sanctions lists write it (no
//     diacritics, е → ye only at the start of a word, ё → e), the 2010
//     national system for Ukrainian, passport practice for Belarusian, the
//     2009 Streamlined System for Bulgarian, Serbian Latin without
//     diacritics for Serbian and Macedonian, and Kazakh letters as listed in
//     CyrillicLang.
//   - Hangul: McCune–Reischauer in the style of North Korean names on the
//     UN and OFAC lists, one word per syllable: "김정은" → "kim jong un".
//     HangulRR gives Revised Romanization.
//   - Han: pinyin without tones, one word per character: "习近平" → "xi jin
//     ping".
//   - Kana: Hepburn as on Japanese passports (long vowels not written), the
//     whole word as one word.
//   - Arabic script: consonants and long vowels, short vowels when the
//     harakat are written, the article detached ("التكريتي" → "al
//     tkriti"); Persian, Urdu and Pashto letters.
//   - Hebrew: consonants and matres lectionis, niqqud when written.
//   - Greek ELOT 743, Armenian BGN/PCGN, Georgian national 2002,
//     Devanagari and the other Brahmic scripts (Hunterian, inherent vowel
//     and Hindi schwa deletion), Thai RTGS (simplified), without
//     diacritics.
//   - Any other script: the go-unidecode tables.
//
// Words mixing Latin and Cyrillic (or Greek) letters that look alike have
// the minority letters read in the majority script ("Пyтин" with a Latin y
// is "putin"), so that look-alike spellings cannot dodge the matcher.
func Latin(word, lang string) string {
	if isLowerASCIIWord(word) {
		return word
	}
	o := opts{cyr: lang, ar: lang}
	if lang == "" || !isCyrLang(lang) {
		o.cyr = CyrillicLang(word)
	}
	if lang == "" || !isArLang(lang) {
		o.ar = ArabicLang(word)
	}
	var buf [128]byte
	return string(appendText(buf[:0], word, o))
}

// Text romanises a whole string word by word and joins the results with
// single spaces. Words are split on anything that is not a letter, digit or
// combining mark (zero-width joiners, soft hyphens and the Hebrew geresh
// stay inside words). The language of Cyrillic and Arabic-script words is
// guessed once from the whole text (CyrillicLang, ArabicLang). The result
// holds only [a-z0-9] and single spaces, and Text(Text(s)) == Text(s).
func Text(s string) string {
	o := opts{cyr: CyrillicLang(s), ar: ArabicLang(s)}
	var buf [256]byte
	return string(appendText(buf[:0], s, o))
}

// AppendText appends Text(s) to dst and returns the extended buffer; it
// allocates nothing when dst has room, for callers that romanise many
// strings.
func AppendText(dst []byte, s string) []byte {
	return appendText(dst, s, opts{cyr: CyrillicLang(s), ar: ArabicLang(s)})
}

// HangulRR romanises word like Latin, except that Hangul syllables follow
// the Revised Romanization of Korean (South Korea, 2000) instead of
// McCune–Reischauer, one word per syllable with no sound changes between
// syllables, as South Korean passports write names: "김정은" → "gim jeong
// eun", "박근혜" → "bak geun hye". The matcher compares both forms.
func HangulRR(word string) string {
	o := opts{cyr: CyrillicLang(word), ar: ArabicLang(word), rr: true}
	var buf [128]byte
	return string(appendText(buf[:0], word, o))
}

// opts carries the language guesses and options down to the romanisers.
type opts struct {
	cyr string // Cyrillic language code, "" = Russian
	ar  string // Arabic-script language code, "" = Arabic
	rr  bool   // Hangul by Revised Romanization
}

func isCyrLang(l string) bool {
	switch l {
	case "ru", "uk", "be", "bg", "sr", "mk", "kk":
		return true
	}
	return false
}

func isArLang(l string) bool {
	switch l {
	case "ar", "fa", "ur", "ps":
		return true
	}
	return false
}

func isLowerASCIIWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// isJoiner reports format characters that sit inside words and are dropped:
// zero-width non-joiner and joiner (Persian, Indic), soft hyphen, word
// joiner, byte order mark, bidirectional marks.
func isJoiner(r rune) bool {
	switch r {
	case 0x200C, 0x200D, 0x00AD, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C:
		return true
	}
	return false
}

// isWordRune reports whether r belongs to a word for Text: letters, digits,
// combining marks, joiners and the Hebrew geresh and gershayim.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if fastEngine(r) != eSep {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || isJoiner(r) || r == 0x05F3 || r == 0x05F4
}

// appendText romanises every word of s onto dst, separated by single spaces.
func appendText(dst []byte, s string, o opts) []byte {
	start := len(dst)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += n
		}
		mark := len(dst)
		if mark > start {
			dst = append(dst, ' ')
		}
		dst = appendWord(dst, s[i:j], o)
		if len(dst) == mark+1 && mark > start {
			dst = dst[:mark]
		}
		i = j
	}
	return tidy(dst, start)
}

// tidy keeps only [a-z0-9] and single inner spaces in dst[start:].
func tidy(dst []byte, start int) []byte {
	k := start
	space := false
	for _, c := range dst[start:] {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			if space && k > start {
				dst[k] = ' '
				k++
			}
			space = false
			dst[k] = c
			k++
		case 'A' <= c && c <= 'Z':
			if space && k > start {
				dst[k] = ' '
				k++
			}
			space = false
			dst[k] = c + 'a' - 'A'
			k++
		default:
			space = true
		}
	}
	return dst[:k]
}

// engine names the romaniser of a rune.
type engine uint8

const (
	eSep    engine = iota // separates words
	eDigit                // a decimal digit
	eMark                 // combining mark: belongs to the run before it
	eJoin                 // joiner or other format character inside a word
	eCommon               // letter of no script (tatweel, kana long mark, modifier apostrophes)
	eLatin
	eCyrillic
	eGreek
	eArmenian
	eGeorgian
	eArabic
	eHebrew
	eHangul
	eHan
	eKana
	eIndic
	eThai
	eFallback
)

func engineOf(r rune) engine {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return eLatin
		case '0' <= r && r <= '9':
			return eDigit
		}
		return eSep
	}
	if e := fastEngine(r); e != eSep {
		return e
	}
	if isJoiner(r) {
		return eJoin
	}
	if r == 0x05F3 || r == 0x05F4 {
		return eMark // geresh, gershayim: read by the Hebrew romaniser
	}
	if unicode.IsDigit(r) {
		return eDigit
	}
	if unicode.IsMark(r) {
		return eMark
	}
	if !unicode.IsLetter(r) {
		return eSep
	}
	switch ScriptOf(r) {
	case LatinScript:
		return eLatin
	case Cyrillic:
		return eCyrillic
	case Greek:
		return eGreek
	case Armenian:
		return eArmenian
	case Georgian:
		return eGeorgian
	case Arabic:
		return eArabic
	case Hebrew:
		return eHebrew
	case Hangul:
		if 0xAC00 <= r && r <= 0xD7A3 {
			return eHangul
		}
		return eFallback // loose jamo
	case Han:
		return eHan
	case Kana:
		return eKana
	case Devanagari:
		return eIndic
	case Thai:
		return eThai
	case Unknown:
		return eCommon
	}
	if isBrahmic(r) {
		return eIndic
	}
	return eFallback
}

// fastEngine classifies the letters of the busiest blocks without the
// Unicode tables; eSep means "not known here", not "a separator".
func fastEngine(r rune) engine {
	switch {
	case 0x00C0 <= r && r <= 0x024F:
		if r != 0xD7 && r != 0xF7 {
			return eLatin
		}
	case 0x0400 <= r && r <= 0x0481, 0x048A <= r && r <= 0x052F:
		return eCyrillic
	case 0x0386 == r, 0x0388 <= r && r <= 0x038A, 0x038C == r, 0x038E <= r && r <= 0x03A1, 0x03A3 <= r && r <= 0x03CE:
		return eGreek
	case 0x05D0 <= r && r <= 0x05EA:
		return eHebrew
	case 0x0621 <= r && r <= 0x063A, 0x0641 <= r && r <= 0x064A, 0x0671 <= r && r <= 0x06D3:
		return eArabic
	case 0x064B <= r && r <= 0x065F:
		return eMark
	case 0x0905 <= r && r <= 0x0939:
		return eIndic
	case 0x0E01 <= r && r <= 0x0E30:
		return eThai
	case 0x10D0 <= r && r <= 0x10FA:
		return eGeorgian
	case 0x0561 <= r && r <= 0x0587, 0x0531 <= r && r <= 0x0556:
		return eArmenian
	case 0x3041 <= r && r <= 0x3096, 0x30A1 <= r && r <= 0x30FA:
		return eKana
	case 0x4E00 <= r && r <= 0x9FFF:
		return eHan
	case 0xAC00 <= r && r <= 0xD7A3:
		return eHangul
	}
	return eSep
}

// needsNFKC reports whether w holds runes that compatibility composition
// changes in a way the romanisers rely on: combining diacritics to compose
// (и + breve → й), conjoining jamo, presentation forms, halfwidth and
// fullwidth forms, compatibility ideographs, mathematical letters,
// superscripts. Other text is used as it is, which saves the normalisation
// (and its allocation) on almost every word.
func needsNFKC(w string) bool {
	for _, r := range w {
		switch {
		case r < 0x00AA:
		case r == 0x00AA, r == 0x00B5, r == 0x00BA,
			0x0300 <= r && r <= 0x036F,
			0x1100 <= r && r <= 0x11FF,
			0x1AB0 <= r && r <= 0x1AFF,
			0x1D2C <= r && r <= 0x1D7F,
			0x1DC0 <= r && r <= 0x1DFF,
			0x2070 <= r && r <= 0x209F,
			0x20D0 <= r && r <= 0x218F,
			0x3099 <= r && r <= 0x309A,
			0x3130 <= r && r <= 0x318F,
			0xA960 <= r && r <= 0xA97F,
			0xD7B0 <= r && r <= 0xD7FF,
			0xF900 <= r && r <= 0xFAFF,
			0xFB00 <= r && r <= 0xFFEF,
			0x1D400 <= r && r <= 0x1D7FF,
			0x2F800 <= r && r <= 0x2FA1F:
			return true
		}
	}
	return false
}

// splitsWords reports engines whose output is one word per syllable or
// character: a run of them is kept apart from its neighbours by a space.
func splitsWords(e engine) bool { return e == eHangul || e == eHan }

// appendWord romanises one word (a run of word runes) onto dst.
func appendWord(dst []byte, w string, o opts) []byte {
	if isASCII(w) {
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			default:
				dst = append(dst, ' ')
			}
		}
		return dst
	}
	if needsNFKC(w) {
		w = norm.NFKC.String(w)
	}
	var rbuf [64]rune
	var ebuf [64]engine
	rs := rbuf[:0]
	es := ebuf[:0]
	for _, r := range w {
		rs = append(rs, r)
		es = append(es, engineOf(r))
	}
	fixHomoglyphs(rs, es)

	prev := eSep
	for i := 0; i < len(rs); {
		e := es[i]
		switch e {
		case eSep:
			dst = append(dst, ' ')
			prev = eSep
			i++
			continue
		case eDigit:
			if splitsWords(prev) {
				dst = append(dst, ' ')
			}
			dst = appendDigit(dst, rs[i])
			prev = eDigit
			i++
			continue
		case eMark, eJoin, eCommon:
			i++ // nothing to attach to
			continue
		}
		j := i + 1
		for j < len(rs) {
			f := es[j]
			if f != e && f != eMark && f != eJoin && f != eCommon {
				break
			}
			j++
		}
		if prev != eSep && prev != e && (splitsWords(prev) || splitsWords(e)) {
			dst = append(dst, ' ')
		}
		dst = romaniseRun(dst, e, rs[i:j], o)
		prev = e
		i = j
	}
	return dst
}

func romaniseRun(dst []byte, e engine, rs []rune, o opts) []byte {
	switch e {
	case eLatin:
		return appendLatinRun(dst, rs)
	case eCyrillic:
		return appendCyrillic(dst, rs, o.cyr)
	case eGreek:
		return appendGreek(dst, rs)
	case eArmenian:
		return appendArmenian(dst, rs)
	case eGeorgian:
		return appendGeorgian(dst, rs)
	case eArabic:
		return appendArabic(dst, rs, o.ar)
	case eHebrew:
		return appendHebrew(dst, rs)
	case eHangul:
		if o.rr {
			return appendHangulRR(dst, rs)
		}
		return appendHangulMR(dst, rs)
	case eHan:
		return appendHan(dst, rs)
	case eKana:
		return appendKana(dst, rs)
	case eIndic:
		return appendIndic(dst, rs)
	case eThai:
		return appendThai(dst, rs)
	}
	for _, r := range rs {
		dst = appendUnidecode(dst, r)
	}
	return dst
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// appendDigit appends the ASCII value of a decimal digit of any script.
func appendDigit(dst []byte, r rune) []byte {
	if r < 0x80 {
		return append(dst, byte(r))
	}
	return appendUnidecode(dst, r)
}

// Fold strips diacritics from Latin letters (canonical and compatibility
// decomposition, combining marks dropped, and the expansions listed on
// Latin: ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, ð→d, þ→th, ı→i, ə→a...) and
// lower-cases the whole string. Letters of other scripts are lower-cased
// but otherwise left as they are, with their combining marks (й stays й,
// Hangul stays Hangul), and so are digits, spaces and punctuation: Fold
// prepares text for the matcher, which romanises the rest with Latin.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var buf [256]byte
	dst := buf[:0]
	latinBase := false // the last base rune was a Latin letter
	for _, r := range s {
		switch {
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			latinBase = 'a' <= r && r <= 'z'
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			if !latinBase {
				dst = utf8.AppendRune(dst, r)
			}
		case ScriptOf(r) == LatinScript:
			if f, ok := foldLatin(r); ok {
				dst = append(dst, f...)
			} else {
				dst = appendNFKDLatin(dst, r)
			}
			latinBase = true
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			latinBase = false
		}
	}
	return string(dst)
}

// appendNFKDLatin folds a Latin letter outside the precomputed table
// (fullwidth letters, ligatures, Latin Extended-C/D/E) by compatibility
// decomposition, keeping it lower-cased when it has none.
func appendNFKDLatin(dst []byte, r rune) []byte {
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	d := norm.NFKD.Properties(b[:n]).Decomposition()
	if len(d) == 0 {
		return utf8.AppendRune(dst, unicode.ToLower(r))
	}
	for len(d) > 0 {
		c, sz := utf8.DecodeRune(d)
		d = d[sz:]
		if unicode.IsMark(c) {
			continue
		}
		if f, ok := foldLatin(c); ok {
			dst = append(dst, f...)
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(c))
		}
	}
	return dst
}
