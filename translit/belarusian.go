package translit

import (
	"strings"
	"unicode"
)

// Belarusian writes the names Russian and the lists share with its own
// sounds: т and д before a soft vowel become ц and дз (tsekanne and
// dzekanne: Пуцін for Путин, Уладзімір for Владимир, Дзмітрый for Дмитрий),
// в before a consonant at the start of a word takes a prothetic у
// (Уладзімір), в after a vowel is ў, э stands after consonants where
// Russian writes е, and an unstressed е is written я (akanne: Сяргей,
// Пяскоў). The romanisation of Belarusian (BGN/PCGN) keeps those
// sounds: "Uladzimir Putsin" is far from "Vladimir Putin". BelarusianRussian
// undoes them and gives the Russian spelling a Belarusian word may stand
// for, which the scorer compares as Russian. Source: the rules of
// Belarusian orthography (Правілы беларускай арфаграфіі і пунктуацыі,
// 2008) on цеканне, дзеканне, аканне and ў.

// belarusianSoft are the letters after which т and д are soft in
// Belarusian: і е ё ю я ь.
const belarusianSoft = "іеёюяь"

// BelarusianRussian returns the Russian spelling a Belarusian word may
// stand for, or "" when it would be the same word. The case of the first
// letter is kept; the rest is lower-cased.
func BelarusianRussian(word string) string {
	rs := []rune(strings.ToLower(word))
	if len(rs) == 0 || WordScript(word) != Cyrillic {
		return ""
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case i == 0 && r == 'у' && (next == 'л' || next == 'с'):
			out = append(out, 'в') // Уладзімір → Владимир, Усевалад → Всеволод
		case r == 'д' && next == 'з' && softAhead(rs, i+2):
			out = append(out, 'д')
			i++ // skip з
		case r == 'ц' && softAhead(rs, i+1):
			out = append(out, 'т')
		case r == 'ў':
			out = append(out, 'в')
		case r == 'і':
			out = append(out, 'и')
		case r == 'э' && i > 0:
			out = append(out, 'е')
		case r == 'я' && i > 0 && !isCyrVowel(rs[i-1]) && i+1 < len(rs):
			// Akanne: an unstressed е is written я after a soft consonant
			// (Сяргей, Пяскоў, Мядзведзеў); a stressed я stays (the reading
			// is one more spelling to try, not the only one).
			out = append(out, 'е')
		default:
			out = append(out, r)
		}
	}
	res := string(out)
	if res == strings.ToLower(word) {
		return ""
	}
	first := []rune(word)[0]
	if unicode.IsUpper(first) {
		o := []rune(res)
		o[0] = unicode.ToUpper(o[0])
		res = string(o)
	}
	return res
}

// softAhead reports whether rs[i] is a soft vowel or sign, or a consonant
// softened by one (Дзмітрый: дз before мі).
func softAhead(rs []rune, i int) bool {
	if i >= len(rs) {
		return false
	}
	if strings.ContainsRune(belarusianSoft, rs[i]) {
		return true
	}
	return (rs[i] == 'м' || rs[i] == 'в') && i+1 < len(rs) && strings.ContainsRune(belarusianSoft, rs[i+1])
}
