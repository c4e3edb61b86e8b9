package translit

// Hebrew: consonants by the BGN/PCGN (1962) and ISO 259 simplified
// values, without diacritics: ב b/v, ג g, ד d, ה h, ז z, ח h, ט t, כ k/kh,
// ל l, מ m, נ n, ס s, פ p/f, צ ts, ק k, ר r, ש sh (s with the sin dot),
// ת t; with a geresh ג׳ j, ז׳ zh, צ׳ ch. א and ע are not written. ב כ פ
// are b k p with a dagesh, or at the start of an unpointed word, and v kh
// f otherwise.
//
// Unpointed text (the usual case) gives consonants and matres lectionis:
// ו is v at the start of a word or doubled, u at the end, o inside a word
// (holam male is the commoner spelling in names: Yosef, Golan, Avigdor); י
// is y at the start of a word or doubled, i elsewhere; a final ה is a; an
// initial א or ע before a consonant is a, and a final א or ע is a. When
// the niqqud are written they are used: patah qamats a, segol tsere e,
// hiriq i, holam o, qubuts shuruk u, the hataf vowels a e o, sheva e at
// the start of a word and nothing elsewhere, the furtive patah before its
// consonant. "בנימין נתניהו" → "bnimin ntnihu"; "מֹשֶׁה" → "moshe".

const (
	hbNone uint8 = iota
	hbSheva
	hbA
	hbE
	hbI
	hbO
	hbU
)

type hbUnit struct {
	r       rune
	v       uint8
	dagesh  bool
	sin     bool
	geresh  bool
	holam   bool // holam written on this letter (a vav: holam male)
	pointed bool
}

func hbVowelOf(r rune) uint8 {
	switch r {
	case 0x05B0:
		return hbSheva
	case 0x05B1, 0x05B5, 0x05B6:
		return hbE
	case 0x05B2, 0x05B7, 0x05B8:
		return hbA
	case 0x05B3, 0x05B9, 0x05BA, 0x05C7:
		return hbO
	case 0x05B4:
		return hbI
	case 0x05BB:
		return hbU
	}
	return hbNone
}

func appendHebrew(dst []byte, rs []rune) []byte {
	var ubuf [32]hbUnit
	us := ubuf[:0]
	pointed := false
	for _, r := range rs {
		switch {
		case 0x05D0 <= r && r <= 0x05EA || 0x05F0 <= r && r <= 0x05F2:
			us = append(us, hbUnit{r: r})
		case len(us) == 0:
		case 0x05B0 <= r && r <= 0x05BB || r == 0x05C7:
			u := &us[len(us)-1]
			if v := hbVowelOf(r); v == hbO && (r == 0x05B9 || r == 0x05BA) && u.r == 'ו' {
				u.holam = true
			} else if u.v == hbNone || u.v == hbSheva {
				u.v = v
			}
			pointed = true
		case r == 0x05BC:
			us[len(us)-1].dagesh = true
			pointed = true
		case r == 0x05C2:
			us[len(us)-1].sin = true
		case r == 0x05F3 || r == '\'' || r == 0x2019:
			us[len(us)-1].geresh = true
		}
	}
	n := len(us)
	last := func(i int) bool { return i == n-1 }
	vowelLetter := func(i int) bool {
		return 0 <= i && i < n && (us[i].r == 'ו' || us[i].r == 'י')
	}
	prevV := hbNone // vowel written on the previous letter
	for i := 0; i < n; i++ {
		u := us[i]
		cons := ""
		hard := u.dagesh || !pointed && i == 0
		switch u.r {
		case 'א':
			if !pointed {
				switch {
				case i == 0 && !vowelLetter(i+1), last(i) && i > 0:
					dst = append(dst, 'a')
				case i > 0 && !vowelLetter(i-1) && !vowelLetter(i+1):
					dst = append(dst, 'a')
				}
			}
		case 'ע':
			if !pointed && (i == 0 && !vowelLetter(i+1) || last(i) && i > 0) {
				dst = append(dst, 'a')
			}
			if pointed && last(i) && u.v == hbA {
				dst = append(dst, 'a') // furtive patah
				u.v = hbNone
			}
		case 'ב':
			cons = pickS(hard, "b", "v")
		case 'ג':
			cons = pickS(u.geresh, "j", "g")
		case 'ד':
			cons = "d"
		case 'ה':
			switch {
			case pointed && last(i) && !u.dagesh:
			case !pointed && last(i) && i > 0 && !vowelLetter(i-1):
				dst = append(dst, 'a')
			default:
				cons = "h"
			}
		case 'ו':
			switch {
			case pointed && u.holam && u.v == hbNone:
				dst = append(dst, 'o')
				prevV = hbO
				continue
			case pointed && u.dagesh && u.v == hbNone && (i == 0 || us[i-1].v == hbNone || us[i-1].v == hbSheva):
				dst = append(dst, 'u')
				prevV = hbU
				continue
			case pointed:
				cons = "v"
			case i == 0:
				cons = "v"
			case i+1 < n && us[i+1].r == 'ו':
				cons = "v"
				i++
			case last(i):
				dst = append(dst, 'u')
				continue
			default:
				dst = append(dst, 'o')
				continue
			}
		case 'ז':
			cons = pickS(u.geresh, "zh", "z")
		case 'ח':
			if pointed && last(i) && u.v == hbA {
				dst = append(dst, 'a') // furtive patah: נֹחַ noah
				u.v = hbNone
			}
			cons = "h"
		case 'ט':
			cons = "t"
		case 'י':
			switch {
			case pointed && u.v != hbNone && u.v != hbSheva:
				cons = "y"
			case pointed && (prevV == hbI || prevV == hbE):
				continue // mater lectionis after hiriq, tsere, segol
			case pointed && (prevV == hbA || prevV == hbO):
				cons = "y"
			case i == 0:
				cons = "y"
			case !pointed && i+1 < n && us[i+1].r == 'י':
				cons = "y"
				i++
			default:
				dst = append(dst, 'i')
				prevV = hbI
				continue
			}
		case 'כ', 'ך':
			cons = pickS(hard, "k", "kh")
		case 'ל':
			cons = "l"
		case 'מ', 'ם':
			cons = "m"
		case 'נ', 'ן':
			cons = "n"
		case 'ס':
			cons = "s"
		case 'פ', 'ף':
			cons = pickS(hard, "p", "f")
		case 'צ', 'ץ':
			cons = pickS(u.geresh, "ch", "ts")
		case 'ק':
			cons = "k"
		case 'ר':
			cons = "r"
		case 'ש':
			cons = pickS(u.sin, "s", "sh")
		case 'ת':
			cons = "t"
		case 'װ':
			cons = "v"
		case 'ױ':
			cons = "oy"
		case 'ײ':
			cons = pickS(u.v == hbA, "ay", "ey")
			u.v = hbNone
		}
		dst = append(dst, cons...)
		switch u.v {
		case hbSheva:
			if i == 0 {
				dst = append(dst, 'e')
			}
		case hbA:
			dst = append(dst, 'a')
		case hbE:
			dst = append(dst, 'e')
		case hbI:
			dst = append(dst, 'i')
		case hbO:
			dst = append(dst, 'o')
		case hbU:
			dst = append(dst, 'u')
		}
		prevV = u.v
	}
	return dst
}
