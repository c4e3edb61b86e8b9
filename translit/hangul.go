package translit

// Hangul. Each precomposed syllable (U+AC00–U+D7A3) is split arithmetically
// into its initial, medial and final jamo: s = r − 0xAC00, initial s/588,
// medial s%588/28, final s%28.
//
// Latin follows McCune–Reischauer (1939) as North Korea writes it and as
// the UN and OFAC lists write North Korean names, one word per syllable:
// the breves and apostrophes are dropped (ŏ o, ŭ u), the aspirates are
// written kh, th, ph and ch (the DPRK 1992 system: "Jang Song Thaek",
// "Phyongyang"), ㅈ is j ("Jong", "Ju"), ㄹ at the start of a syllable is r
// ("Ri", "Ryong"), ㅅ is s (also before i: "Sin", "Sik"), and ㄱ ㄷ ㅂ start
// a syllable as k t p: every syllable is written as if it began a word,
// the form the lists use most (UN list, DPRK regime: "Kim Kyong Il", "Pak
// Pong Ju", "Ri Pyong Chol", "Kim Tong Chol"; the voiced forms "Ri Man Gon",
// "Min Byong Chol" are the exception). Finals: ㄱ k, ㄴ n, ㄹ l, ㅁ m, ㅂ p,
// ㅇ ng, ㅅ ㅆ ㅈ ㅊ ㅌ ㅎ ㄷ t. The family name 이 (written 리 in the North)
// is "ri" when it starts a word of one to four syllables, as lists write
// it; every other family name follows the syllable rules ("김" kim, "박"
// pak, "최" choe, "정" jong, "조" jo, "림" rim, "임" im, "류" ryu, "유" yu).
//
// HangulRR follows the Revised Romanization of Korean (Ministry of Culture
// and Tourism, 2000) syllable by syllable, as South Korean passports write
// names: ㄱ g, ㄷ d, ㅂ b, ㅈ j at the start of a syllable, k t p finals,
// ㅓ eo, ㅡ eu, ㅕ yeo.

const (
	hangulBase  = 0xAC00
	hangulLast  = 0xD7A3
	hangulVT    = 588 // 21 medials × 28 finals
	hangulT     = 28
	hangulIeung = 11 // index of ㅇ among initials
)

var mrInitials = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"}
var mrMedials = [21]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
var rrInitials = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
var rrMedials = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}

// hangulFinals: none, ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ,
// the same in both systems (a syllable's final as pronounced alone).
var hangulFinals = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}

func appendHangulMR(dst []byte, rs []rune) []byte {
	return appendHangul(dst, rs, &mrInitials, &mrMedials, true)
}

func appendHangulRR(dst []byte, rs []rune) []byte {
	return appendHangul(dst, rs, &rrInitials, &rrMedials, false)
}

func appendHangul(dst []byte, rs []rune, ini *[19]string, med *[21]string, mr bool) []byte {
	n := 0
	for _, r := range rs {
		if hangulBase <= r && r <= hangulLast {
			n++
		}
	}
	k := 0
	for _, r := range rs {
		if r < hangulBase || r > hangulLast {
			continue // marks, joiners
		}
		s := int(r - hangulBase)
		l, v, t := s/hangulVT, s%hangulVT/hangulT, s%hangulT
		if k > 0 {
			dst = append(dst, ' ')
		}
		if mr && k == 0 && n <= 4 && l == hangulIeung && v == 20 && t == 0 {
			dst = append(dst, "ri"...) // family name 이/리
		} else {
			dst = append(dst, ini[l]...)
			dst = append(dst, med[v]...)
			dst = append(dst, hangulFinals[t]...)
		}
		k++
	}
	return dst
}
