package translit

// Greek: ELOT 743 (Greek Organization for Standardization, 1982/2001; also
// ISO 843 type 1 and UNGEGN), the system of Greek passports, without
// diacritics: β v, γ g, δ d, ζ z, η i, θ th, ι i, ξ x, υ y, φ f, χ ch,
// ψ ps, ω o; ου ou; αυ ευ ηυ av ev iv before a vowel or voiced consonant and
// af ef if elsewhere; γγ ng, γκ gk, γξ nx, γχ nch; μπ and ντ are b and d at
// the start of a word, mp and nt inside it. Accents are dropped; a
// diaeresis keeps two vowels apart (αϋ → ay, οϊ → oi, not ou).
// "Αλέξης Τσίπρας" → "alexis tsipras".

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const greekDia = 1 << 30 // flag on a rune: the letter carried a diaeresis

// greekBase returns the lower-case base letter of a Greek letter and
// whether it carries a diaeresis.
func greekBase(r rune) (rune, bool) {
	if 'α' <= r && r <= 'ω' {
		return r, false
	}
	switch r {
	case 'ά', 'Ά':
		return 'α', false
	case 'έ', 'Έ':
		return 'ε', false
	case 'ή', 'Ή':
		return 'η', false
	case 'ί', 'Ί':
		return 'ι', false
	case 'ό', 'Ό':
		return 'ο', false
	case 'ύ', 'Ύ':
		return 'υ', false
	case 'ώ', 'Ώ':
		return 'ω', false
	case 'ϊ', 'Ϊ', 'ΐ':
		return 'ι', true
	case 'ϋ', 'Ϋ', 'ΰ':
		return 'υ', true
	case 'ς', 'ϲ', 'Ϲ':
		return 'σ', false
	case 'ϐ':
		return 'β', false
	case 'ϑ':
		return 'θ', false
	case 'ϕ':
		return 'φ', false
	case 'ϰ':
		return 'κ', false
	case 'ϱ':
		return 'ρ', false
	case 'ϵ':
		return 'ε', false
	}
	if 'Α' <= r && r <= 'Ω' {
		return r + 0x20, false
	}
	if 0x1F00 <= r && r < 0x2000 { // polytonic: decompose
		var b [utf8.UTFMax]byte
		n := utf8.EncodeRune(b[:], r)
		d := norm.NFD.Properties(b[:n]).Decomposition()
		if len(d) > 0 {
			base, sz := utf8.DecodeRune(d)
			dia := false
			for _, c := range string(d[sz:]) {
				if c == 0x0308 {
					dia = true
				}
			}
			base = unicode.ToLower(base)
			if base == 'ς' {
				base = 'σ'
			}
			return base, dia
		}
	}
	return unicode.ToLower(r), false
}

var greekLetters = [...]string{
	'α' - 'α': "a", 'β' - 'α': "v", 'γ' - 'α': "g", 'δ' - 'α': "d", 'ε' - 'α': "e",
	'ζ' - 'α': "z", 'η' - 'α': "i", 'θ' - 'α': "th", 'ι' - 'α': "i", 'κ' - 'α': "k",
	'λ' - 'α': "l", 'μ' - 'α': "m", 'ν' - 'α': "n", 'ξ' - 'α': "x", 'ο' - 'α': "o",
	'π' - 'α': "p", 'ρ' - 'α': "r", 'ς' - 'α': "s", 'σ' - 'α': "s", 'τ' - 'α': "t",
	'υ' - 'α': "y", 'φ' - 'α': "f", 'χ' - 'α': "ch", 'ψ' - 'α': "ps", 'ω' - 'α': "o",
}

// greekVoiced: letters before which αυ ευ ηυ read av ev iv.
func greekVoiced(r rune) bool {
	switch r {
	case 'α', 'ε', 'η', 'ι', 'ο', 'υ', 'ω', 'β', 'γ', 'δ', 'ζ', 'λ', 'μ', 'ν', 'ρ':
		return true
	}
	return false
}

func appendGreek(dst []byte, rs []rune) []byte {
	k := 0
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			if r == 0x0308 && k > 0 { // combining diaeresis left over
				rs[k-1] |= greekDia
			}
			continue
		}
		b, dia := greekBase(r)
		if dia {
			b |= greekDia
		}
		rs[k] = b
		k++
	}
	rs = rs[:k]
	at := func(i int) (rune, bool) {
		if i < len(rs) {
			return rs[i] &^ greekDia, rs[i]&greekDia != 0
		}
		return 0, false
	}
	for i := 0; i < len(rs); i++ {
		c, _ := at(i)
		n, ndia := at(i + 1)
		switch {
		case c == 'γ' && (n == 'γ' || n == 'κ' || n == 'ξ' || n == 'χ'):
			switch n {
			case 'γ':
				dst = append(dst, "ng"...)
			case 'κ':
				dst = append(dst, "gk"...)
			case 'ξ':
				dst = append(dst, "nx"...)
			case 'χ':
				dst = append(dst, "nch"...)
			}
			i++
		case c == 'μ' && n == 'π':
			dst = append(dst, pick(i == 0, "b", "mp")...)
			i++
		case c == 'ν' && n == 'τ':
			dst = append(dst, pick(i == 0, "d", "nt")...)
			i++
		case c == 'ο' && n == 'υ' && !ndia:
			dst = append(dst, "ou"...)
			i++
		case (c == 'α' || c == 'ε' || c == 'η') && n == 'υ' && !ndia:
			dst = append(dst, greekLetters[c-'α']...)
			nn, _ := at(i + 2)
			dst = append(dst, pick(greekVoiced(nn), "v", "f")...)
			i++
		case 'α' <= c && c <= 'ω':
			dst = append(dst, greekLetters[c-'α']...)
		default:
			dst = appendUnidecode(dst, c)
		}
	}
	return dst
}
