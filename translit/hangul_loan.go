package translit

import (
	"strings"
	"unicode/utf8"
)

// Foreign names in Korean text are written in Hangul by the Korean
// loanword orthography (외래어 표기법, Ministry of Culture, 1986): each
// sound of the source language gets a Hangul letter, a consonant with no
// vowel gets the vowel ㅡ (드미트리: d-mi-t-ri, Dmitri), Russian в and
// English v are written ㅂ like b, f like p (ㅍ), z and zh like j (ㅈ), kh
// like h (ㅎ), and l and r alike (ㄹ, doubled for an l between vowels).
// The romanisation of Korean names (McCune–Reischauer, which translit
// applies: 김정은 → kim jong un) reads those letters as Korean and cannot
// give back Medvedev from 메드베데프; HangulLoan reads them the other way,
// as a transcription, and gives the spellings the source name may have
// had. Callers offer both readings to the scorer, which keeps the better.

// Jamo of a precomposed Hangul syllable (hangulBase + (initial*21 +
// medial)*28 + final).
const (
	loanFinalCount = 28
	loanMedCount   = 21
	medEu          = 18 // ㅡ, the vowel written after a lone consonant
	iniRieul       = 5  // ㄹ
	iniPieup       = 7  // ㅂ
	iniPhieuph     = 17 // ㅍ
	iniJieuj       = 12 // ㅈ
	iniHieuh       = 18 // ㅎ
	iniSios        = 9  // ㅅ
	finRieul       = 8  // final ㄹ
)

// loanInitials are the Latin readings of the initial consonants, in the
// reading that keeps the letter a Korean would write for an English name
// (b, p, j, h); HangulLoan switches ㅂ, ㅍ, ㅈ, ㅎ and ㄹ for Slavic names.
var loanInitials = [19]string{"g", "k", "n", "d", "t", "r", "m", "b", "p", "s", "s", "", "j", "ts", "ch", "k", "t", "p", "h"}

// loanMedials read the vowels; ㅡ is handled apart.
var loanMedials = [21]string{"a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "we", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}

// loanFinals read the final consonants.
var loanFinals = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "s", "s", "ng", "t", "t", "k", "t", "p", "t"}

// HangulLoan returns the Latin spellings a foreign name written in
// Hangul may have had: as English writes names (b, p, j), as Slavic names
// are romanised (v, v at the end of a word, z, kh), and the same with an
// initial l. Words with any letter but Hangul syllables give nothing.
func HangulLoan(word string) []string {
	var jamo [][3]int
	for _, r := range word {
		if r < hangulBase || r > hangulLast {
			return nil
		}
		o := int(r - hangulBase)
		jamo = append(jamo, [3]int{o / (loanMedCount * loanFinalCount), o / loanFinalCount % loanMedCount, o % loanFinalCount})
	}
	if len(jamo) < 2 {
		return nil
	}
	var out []string
	for v := range 3 {
		if s := readLoan(jamo, v); s != "" {
			out = appendNew(out, s)
		}
	}
	return out
}

// readLoan reads syllables in one of three ways: 0 English, 1 Slavic, 2
// Slavic with an initial l.
func readLoan(jamo [][3]int, variant int) string {
	var b strings.Builder
	for i, j := range jamo {
		ini, med, fin := j[0], j[1], j[2]
		last := i == len(jamo)-1
		c := loanInitials[ini]
		switch {
		case ini == iniRieul && i > 0 && jamo[i-1][2] == finRieul:
			c = "" // ㄹㄹ is one l, written by the final
		case ini == iniRieul && i == 0 && variant == 2:
			c = "l"
		case variant >= 1 && ini == iniPieup:
			c = "v"
		case variant >= 1 && ini == iniPhieuph && last && med == medEu && fin == 0:
			c = "v" // -ов, -ев: 라브로프, 메드베데프
		case variant >= 1 && ini == iniJieuj:
			c = "z"
		case variant >= 1 && ini == iniHieuh:
			c = "kh"
		}
		v := loanMedials[med]
		switch {
		case med == medEu && fin == 0:
			v = "" // a lone consonant: 드, 트, 스, 프
		case med == medEu:
			v = ""
			if fin != finRieul {
				v = "u"
			}
		case ini == iniSios && strings.HasPrefix(v, "y"):
			c, v = "sh", v[1:] // 샤, 쇼, 슈: sha, sho, shu
		}
		b.WriteString(c)
		b.WriteString(v)
		b.WriteString(loanFinals[fin])
	}
	return b.String()
}

// koreanSurnames are the family names of nine Koreans in ten (Statistics
// Korea, 2015 census), as their Hangul syllable.
const koreanSurnames = "김이리박최정강조윤장임림한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"

// LooksKorean reports whether a name written in Hangul has the shape of a
// Korean name rather than the transcription of a foreign one: a family
// name of one syllable written apart ("정식 김"), or a single word of two to
// four syllables that starts with a common family name ("김정은") and does
// not end as a loanword does (하마스).
func LooksKorean(name string) bool {
	words := strings.Fields(name)
	for _, w := range words {
		if n := utf8.RuneCountInString(w); n == 1 && isHangulSyllable(w) {
			return true
		}
	}
	if len(words) == 1 {
		w := words[0]
		n := utf8.RuneCountInString(w)
		first, _ := utf8.DecodeRuneInString(w)
		last, _ := utf8.DecodeLastRuneInString(w)
		return n >= 2 && n <= 4 && strings.ContainsRune(koreanSurnames, first) && !loneConsonant(last)
	}
	return false
}

// loneConsonant reports whether a Hangul syllable is a consonant with the
// vowel ㅡ and no final (스, 트, 드, 프): the way the loanword orthography
// writes a consonant with no vowel, which ends foreign words (하마스,
// Hamas) and no Korean given name.
func loneConsonant(r rune) bool {
	if r < hangulBase || r > hangulLast {
		return false
	}
	o := int(r - hangulBase)
	return o/loanFinalCount%loanMedCount == medEu && o%loanFinalCount == 0
}

func isHangulSyllable(w string) bool {
	for _, r := range w {
		if r < hangulBase || r > hangulLast {
			return false
		}
	}
	return w != ""
}
