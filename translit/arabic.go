package translit

// Arabic script. Consonants follow the common basis of the ALA-LC,
// BGN/PCGN (1956) and UNGEGN systems, without diacritics: ب b, ت t, ث th,
// ج j, ح h, خ kh, د d, ذ dh, ر r, ز z, س s, ش sh, ص s, ض d, ط t, ظ z, غ gh,
// ف f, ق q, ك k, ل l, م m, ن n, ه h; the letters of Persian (پ p, چ ch,
// ژ zh, گ g, ک k, ی), Urdu (ٹ t, ڈ d, ڑ r, ں n, ھ h, ے e) and Pashto
// (ټ t, ډ d, ړ r, ږ zh, ښ sh, ځ dz, څ ts, ڼ n, ګ g, ې e). In Persian,
// Urdu and Pashto text (lang "fa", "ur", "ps") ث is s, ذ ض ظ are z; in
// Persian و is v as a consonant and a final ه is e ("زاده" → "zade").
// ع and ء are not written, except that ع stands for the a it usually
// carries between consonants and at the start of a word ("عبد" → "abd",
// "سعد" → "sad", "علي" → "ali").
//
// Vowels: names are usually written without short vowels, so the output
// is the consonant skeleton with the long vowels: ا ى آ → a, و → u and
// ي → i when they are vowels, w and y when consonants (at the start of a
// word, next to an alif, the first of و ي side by side, or carrying a
// vowel mark); ة → a. When the harakat are written they are used: fatha a,
// kasra i, damma u, tanwin an in un, sukun nothing, shadda doubles a
// single-letter consonant ("مُحَمَّد" → "muhammad"), fatha before و ي makes
// the diphthongs aw ay ("حُسَيْن" → "husayn"). Hamza carriers: أ a (i, u
// with a kasra or damma), إ i, ؤ u, ئ i, each written only where no other
// vowel is.
//
// Names: the article ال is written as the separate word "al" without
// assimilation ("التكريتي" → "al tkriti", "الرحمن" → "al rhmn"), and so
// are و+ال "wal" and ل+ال "lil"; عبد joined to ال is split off ("عبدالله" →
// "abd allah"), and so is a final الله ("عبيدالله" → "abid allah"); الله →
// "allah", بن → "bin", ابن → "ibn", بنت → "bint", ابو → "abu". In Persian,
// Urdu and Pashto text a final ى is the dotless yeh of Afghan writing, i.

import "unicode"

const (
	avNone uint8 = iota
	avA
	avI
	avU
	avAn
	avIn
	avUn
	avSukun
)

type arUnit struct {
	r       rune
	v       uint8 // short vowel mark
	shadda  bool
	supAlif bool // superscript (dagger) alif: a long a
	zwnj    bool // a zero-width non-joiner follows (Persian morpheme boundary)
	role    uint8
}

const (
	roleUndecided uint8 = iota
	roleCons
	roleVowel
)

// arNormalise folds letter variants onto the letter the rules know.
func arNormalise(r rune) rune {
	switch r {
	case 'ی': // Farsi yeh
		return 'ي'
	case 'ک', 'ڪ':
		return 'ك'
	case 'ھ', 'ہ':
		return 'ه'
	case 'ٱ', 'ٲ', 'ٳ':
		return 'ا'
	case 'ۃ':
		return 'ة'
	case 'ٶ', 'ۄ':
		return 'ؤ'
	case 'ٸ':
		return 'ئ'
	}
	return r
}

func appendArabic(dst []byte, rs []rune, lang string) []byte {
	var ubuf [40]arUnit
	us := ubuf[:0]
	vowelled := false
	for _, r := range rs {
		switch {
		case r == 0x200C:
			if len(us) > 0 {
				us[len(us)-1].zwnj = true
			}
		case 0x064B <= r && r <= 0x0652 || r == 0x0670:
			if len(us) == 0 {
				continue
			}
			u := &us[len(us)-1]
			vowelled = true
			switch r {
			case 0x064B:
				u.v = avAn
			case 0x064C:
				u.v = avUn
			case 0x064D:
				u.v = avIn
			case 0x064E:
				u.v = avA
			case 0x064F:
				u.v = avU
			case 0x0650:
				u.v = avI
			case 0x0651:
				u.shadda = true
			case 0x0652:
				u.v = avSukun
			case 0x0670:
				u.supAlif = true
			}
		case r == 0x0654 || r == 0x0655: // hamza above/below left uncomposed
			if len(us) == 0 {
				continue
			}
			u := &us[len(us)-1]
			switch u.r {
			case 'ا':
				u.r = pick2(r == 0x0654, 'أ', 'إ')
			case 'و':
				u.r = 'ؤ'
			case 'ي':
				u.r = 'ئ'
			}
		case r == 0x0640 || !unicode.IsLetter(r):
			// tatweel, Quranic marks, joiners
		default:
			us = append(us, arUnit{r: arNormalise(r)})
		}
	}
	o := arOut{lang: lang, vowelled: vowelled}
	return o.word(dst, us)
}

func pick2(c bool, a, b rune) rune {
	if c {
		return a
	}
	return b
}

type arOut struct {
	lang     string
	vowelled bool
	lastV    byte // last vowel written, 0 after a consonant
}

// eq reports whether the letters of us are exactly s.
func arEq(us []arUnit, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(us) || us[i].r != r {
			return false
		}
		i++
	}
	return i == len(us)
}

// arHasSuffix reports whether the letters of us end with s (of 4 runes).
func arHasSuffix(us []arUnit, s string) bool {
	n := 0
	for range s {
		n++
	}
	if len(us) < n {
		return false
	}
	return arHasPrefix(us[len(us)-n:], s)
}

// arHasPrefix reports whether the letters of us start with s.
func arHasPrefix(us []arUnit, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(us) || us[i].r != r {
			return false
		}
		i++
	}
	return true
}

func (o *arOut) word(dst []byte, us []arUnit) []byte {
	allah := false // a final الله split off, written after the rest
	dst = o.names(dst, us, &allah)
	if allah {
		dst = append(dst, " allah"...)
	}
	return dst
}

// names writes the name patterns (article, عبد, الله, بن...) and then the
// letters of the rest of the word.
func (o *arOut) names(dst []byte, us []arUnit, allah *bool) []byte {
	for {
		switch {
		case len(us) == 0:
			return dst
		case arEq(us, "الله") || arEq(us, "اله") && us[1].shadda:
			dst = append(dst, "allah"...)
			return dst
		case arEq(us, "بن"):
			dst = append(dst, "bin"...)
			return dst
		case arEq(us, "ابن") || arEq(us, "إبن"):
			dst = append(dst, "ibn"...)
			return dst
		case arEq(us, "بنت"):
			dst = append(dst, "bint"...)
			return dst
		case len(us) >= 6 && arHasPrefix(us, "عبدال"):
			dst = append(dst, "abd "...)
			us = us[3:]
			continue
		case len(us) >= 4 && arHasPrefix(us, "ال"):
			dst = append(dst, "al "...)
			us = us[2:]
			us[0].shadda = false // sun-letter assimilation is not written
			continue
		case !*allah && len(us) >= 6 && arHasSuffix(us, "الله"):
			*allah = true // عبيدالله, خيرالله: a name ending in Allah
			us = us[:len(us)-4]
			continue
		case len(us) >= 4 && arHasPrefix(us, "لل"):
			dst = append(dst, "lil "...) // li- and the article
			us = us[2:]
			us[0].shadda = false
			continue
		case len(us) >= 5 && arHasPrefix(us, "وال"):
			dst = append(dst, "wal "...)
			us = us[3:]
			us[0].shadda = false
			continue
		}
		break
	}
	return o.letters(dst, us)
}

// letters writes the letters of a word.
func (o *arOut) letters(dst []byte, us []arUnit) []byte {
	o.lastV = 0
	arRoles(us)
	fa := o.lang == "fa" || o.lang == "ur" || o.lang == "ps"
	n := len(us)
	for i := 0; i < n; i++ {
		u := &us[i]
		var prev, next *arUnit
		if i > 0 {
			prev = &us[i-1]
		}
		if i+1 < n {
			next = &us[i+1]
		}
		// Persian suffix ‌ای after a zero-width non-joiner: -i.
		if prev != nil && prev.zwnj && i+2 == n && u.r == 'ا' && next.r == 'ي' {
			dst = o.vowel(dst, 'i')
			return dst
		}
		switch u.r {
		case 'ا':
			switch {
			case u.v == avAn:
				dst = o.str(dst, "an")
			case i == 0 && (u.v == avA || u.v == avI || u.v == avU):
				dst = o.mark(dst, u.v)
			case i == 0:
				dst = o.vowel(dst, 'a')
			case o.lastV == 'a', prev.v == avAn:
				// a long ā after fatha, or the alif that carries tanwin
			default:
				dst = o.vowel(dst, 'a')
			}
		case 'ى':
			if fa { // Afghan and Persian writing: a dotless final yeh
				if o.lastV != 'i' {
					dst = o.vowel(dst, 'i')
				}
			} else if o.lastV != 'a' {
				dst = o.vowel(dst, 'a')
			}
		case 'آ':
			if o.lastV != 'a' {
				dst = o.vowel(dst, 'a')
			}
		case 'و', 'ي':
			if u.role == roleCons {
				c := "y"
				if u.r == 'و' {
					c = pickS(o.lang == "fa", "v", "w")
				}
				dst = o.cons(dst, c, u.shadda && i > 0)
				dst = o.mark(dst, u.v)
			} else {
				v := byte('i')
				if u.r == 'و' {
					v = 'u'
				}
				if o.lastV != v {
					dst = o.vowel(dst, v)
				}
			}
		case 'ة':
			if o.lastV != 'a' {
				dst = o.vowel(dst, 'a')
			}
		case 'ع':
			switch {
			case u.v != avNone && u.v != avSukun:
				dst = o.mark(dst, u.v)
			case o.vowelled:
			case i == 0:
				if next == nil || !(arIsAlif(next) || next.r == 'ي') {
					dst = o.vowel(dst, 'a') // عبد abd, but عيسى isa, عادل adl
				}
			case prev != nil && (prev.r == 'ا' || prev.role == roleVowel || o.lastV != 0):
			case next != nil && (next.r == 'ا' || next.r == 'ى' || next.r == 'آ'):
			default:
				dst = o.vowel(dst, 'a')
			}
		case 'ء':
			dst = o.mark(dst, u.v)
		case 'أ':
			switch {
			case u.v != avNone && u.v != avSukun:
				dst = o.mark(dst, u.v)
			case u.v == avSukun:
			case i == 0:
				dst = o.vowel(dst, 'a')
			case o.lastV != 0:
			default:
				dst = o.vowel(dst, 'a')
			}
		case 'إ':
			if u.v != avNone && u.v != avSukun {
				dst = o.mark(dst, u.v)
			} else if o.lastV != 'i' {
				dst = o.vowel(dst, 'i')
			}
		case 'ؤ':
			if u.v != avNone && u.v != avSukun {
				dst = o.mark(dst, u.v)
			} else if o.lastV != 'u' {
				dst = o.vowel(dst, 'u')
			}
		case 'ئ':
			switch {
			case u.v != avNone && u.v != avSukun:
				dst = o.mark(dst, u.v)
			case next != nil && next.r == 'ي', o.lastV == 'i':
			default:
				dst = o.vowel(dst, 'i')
			}
		case 'ه':
			if fa && i > 0 && (next == nil || u.zwnj) && prev.role != roleVowel && prev.r != 'ا' {
				dst = o.vowel(dst, 'e')
			} else {
				dst = o.cons(dst, "h", false)
				dst = o.mark(dst, u.v)
			}
		case 'ۀ', 'ے', 'ۓ', 'ې', 'ێ', 'ە':
			dst = o.vowel(dst, 'e')
		case 'ۍ':
			dst = o.str(dst, "ai")
		default:
			s := arConsonant(u.r, fa)
			if s == "" {
				if unicode.Is(unicode.Arabic, u.r) {
					dst = appendUnidecode(dst, u.r)
					o.lastV = 0
				}
				continue
			}
			dst = o.cons(dst, s, u.shadda && i > 0)
			dst = o.mark(dst, u.v)
		}
		if u.supAlif && o.lastV != 'a' {
			dst = o.vowel(dst, 'a')
		}
	}
	return dst
}

func (o *arOut) cons(dst []byte, s string, double bool) []byte {
	if double && len(s) == 1 {
		dst = append(dst, s[0])
	}
	o.lastV = 0
	return append(dst, s...)
}

func (o *arOut) vowel(dst []byte, v byte) []byte {
	o.lastV = v
	return append(dst, v)
}

func (o *arOut) str(dst []byte, s string) []byte {
	o.lastV = 0
	return append(dst, s...)
}

// mark writes a short vowel mark.
func (o *arOut) mark(dst []byte, v uint8) []byte {
	switch v {
	case avA:
		return o.vowel(dst, 'a')
	case avI:
		return o.vowel(dst, 'i')
	case avU:
		return o.vowel(dst, 'u')
	case avAn:
		return o.str(dst, "an")
	case avIn:
		return o.str(dst, "in")
	case avUn:
		return o.str(dst, "un")
	}
	return dst
}

func arIsAlif(u *arUnit) bool { return u.r == 'ا' || u.r == 'آ' || u.r == 'ى' }

// arRoles decides whether each و and ي is a consonant (w, y) or a long
// vowel (u, i).
func arRoles(us []arUnit) {
	n := len(us)
	for i := range us {
		u := &us[i]
		if u.r != 'و' && u.r != 'ي' {
			continue
		}
		var prev, next *arUnit
		if i > 0 {
			prev = &us[i-1]
		}
		if i+1 < n {
			next = &us[i+1]
		}
		same := func(p *arUnit) bool { // the short vowel before matches
			return p != nil && (u.r == 'ي' && p.v == avI || u.r == 'و' && p.v == avU)
		}
		switch {
		case i == 0:
			u.role = roleCons
		case i == 1 && prev.r == 'أ' && prev.v == avNone && u.v == avNone && !u.shadda:
			u.role = roleCons // أيمن ayman, أيوب ayub
		case u.v == avA || u.v == avI || u.v == avU || u.v == avAn || u.v == avIn || u.v == avUn:
			u.role = roleCons
		case u.shadda:
			if i == n-1 && same(prev) {
				u.role = roleVowel // عَلِيّ: final -iyy read -i
			} else {
				u.role = roleCons
			}
		case prev.v == avA:
			u.role = roleCons // diphthong aw, ay
		case same(prev), u.v == avSukun:
			u.role = roleVowel
		case next != nil && arIsAlif(next), arIsAlif(prev):
			u.role = roleCons
		}
	}
	for i := range us {
		u := &us[i]
		if (u.r != 'و' && u.r != 'ي') || u.role != roleUndecided {
			continue
		}
		switch {
		case i+1 < n && (us[i+1].r == 'و' || us[i+1].r == 'ي') && us[i+1].role == roleUndecided:
			u.role = roleCons // the first of و ي side by side
		case i > 0 && (us[i-1].r == 'و' || us[i-1].r == 'ي') && us[i-1].role == roleVowel:
			u.role = roleCons
		default:
			u.role = roleVowel
		}
	}
}

// arConsonant returns the romanisation of a consonant letter ("" if not one
// the table knows). fa selects the Persian, Urdu and Pashto readings of the
// Arabic interdentals and emphatics.
func arConsonant(r rune, fa bool) string {
	switch r {
	case 'ب', 'ٻ', 'ڀ':
		return "b"
	case 'پ':
		return "p"
	case 'ت', 'ط', 'ٹ', 'ټ', 'ٺ', 'ٽ', 'ٿ':
		return "t"
	case 'ث':
		return pickS(fa, "s", "th")
	case 'ج', 'ڄ':
		return "j"
	case 'چ', 'ڇ':
		return "ch"
	case 'ځ':
		return "dz"
	case 'څ':
		return "ts"
	case 'ح':
		return "h"
	case 'خ':
		return "kh"
	case 'د', 'ڈ', 'ډ', 'ڊ', 'ڌ', 'ڍ':
		return "d"
	case 'ذ':
		return pickS(fa, "z", "dh")
	case 'ر', 'ڑ', 'ړ', 'ڕ', 'ڙ':
		return "r"
	case 'ز':
		return "z"
	case 'ژ', 'ږ':
		return "zh"
	case 'س':
		return "s"
	case 'ش', 'ښ':
		return "sh"
	case 'ص':
		return "s"
	case 'ض':
		return pickS(fa, "z", "d")
	case 'ظ':
		return "z"
	case 'غ':
		return "gh"
	case 'ف':
		return "f"
	case 'ڤ', 'ۋ':
		return "v"
	case 'ڦ':
		return "ph"
	case 'ق':
		return "q"
	case 'ك':
		return "k"
	case 'گ', 'ګ', 'ڭ', 'ڨ', 'ڳ':
		return "g"
	case 'ل', 'ڵ':
		return "l"
	case 'م':
		return "m"
	case 'ن', 'ں', 'ڼ', 'ڻ', 'ڱ', 'ڃ':
		return "n"
	case 'ۆ', 'ۅ':
		return "o"
	case 'ۇ', 'ۈ', 'ۉ':
		return "u"
	case 'ؠ':
		return "y"
	}
	return ""
}

func pickS(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
