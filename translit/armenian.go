package translit

// Armenian: BGN/PCGN (1981) romanization without diacritics or the
// apostrophes that mark aspiration (so թ t, փ p, ք k, ց ts, չ ch as their
// unaspirated partners): ե is "ye" at the start of a word and after a
// vowel, "e" elsewhere; ո is "vo" at the start of a word, "o" elsewhere;
// ու is "u"; և is "yev" at the start of a word, "ev" elsewhere; ը y, ժ zh,
// խ kh, ծ ts, ձ dz, ղ gh, ճ ch, ջ j, շ sh, ռ and ր r, ւ v, օ o, ֆ f.
// "Սերժ Սարգսյան" → "serzh sargsyan", "Երևան" → "yerevan".

import "unicode"

var armenianLetters = [...]string{
	'ա' - 'ա': "a", 'բ' - 'ա': "b", 'գ' - 'ա': "g", 'դ' - 'ա': "d", 'ե' - 'ա': "e",
	'զ' - 'ա': "z", 'է' - 'ա': "e", 'ը' - 'ա': "y", 'թ' - 'ա': "t", 'ժ' - 'ա': "zh",
	'ի' - 'ա': "i", 'լ' - 'ա': "l", 'խ' - 'ա': "kh", 'ծ' - 'ա': "ts", 'կ' - 'ա': "k",
	'հ' - 'ա': "h", 'ձ' - 'ա': "dz", 'ղ' - 'ա': "gh", 'ճ' - 'ա': "ch", 'մ' - 'ա': "m",
	'յ' - 'ա': "y", 'ն' - 'ա': "n", 'շ' - 'ա': "sh", 'ո' - 'ա': "o", 'չ' - 'ա': "ch",
	'պ' - 'ա': "p", 'ջ' - 'ա': "j", 'ռ' - 'ա': "r", 'ս' - 'ա': "s", 'վ' - 'ա': "v",
	'տ' - 'ա': "t", 'ր' - 'ա': "r", 'ց' - 'ա': "ts", 'ւ' - 'ա': "v", 'փ' - 'ա': "p",
	'ք' - 'ա': "k", 'օ' - 'ա': "o", 'ֆ' - 'ա': "f", 'և' - 'ա': "ev",
}

func isArmVowel(r rune) bool {
	switch r {
	case 'ա', 'ե', 'է', 'ը', 'ի', 'ո', 'օ', 'ւ', 'և':
		return true
	}
	return false
}

func appendArmenian(dst []byte, rs []rune) []byte {
	k := 0
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			continue
		}
		if 'Ա' <= r && r <= 'Ֆ' {
			r += 'ա' - 'Ա'
		}
		rs[k] = r
		k++
	}
	rs = rs[:k]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == 'ե':
			dst = append(dst, pick(i == 0 || isArmVowel(prev), "ye", "e")...)
		case r == 'ո' && next == 'ւ':
			dst = append(dst, 'u')
			i++
		case r == 'ո':
			dst = append(dst, pick(i == 0, "vo", "o")...)
		case r == 'և':
			dst = append(dst, pick(i == 0, "yev", "ev")...)
		case 'ա' <= r && r <= 'և':
			if s := armenianLetters[r-'ա']; s != "" {
				dst = append(dst, s...)
			}
		default:
			dst = appendUnidecode(dst, r)
		}
	}
	return dst
}
