package translit

// Japanese kana: Hepburn romanization as Japanese passports write names
// (Ministry of Foreign Affairs practice): し shi, ち chi, つ tsu, ふ fu,
// じ ぢ ji, づ zu, を o, ん n (also before b, m, p, and with no apostrophe
// before a vowel), small ゃ ゅ ょ make kya, sha, cha, ja..., っ doubles the
// next consonant (tch before ch), long vowels are not written: the
// prolonged sound mark ー is dropped, and う after an o or u sound and お
// after an o sound are dropped ("とうきょう" → "tokyo", "しょうこう" →
// "shoko", "おおの" → "ono"). Katakana extensions for foreign sounds:
// ファ fa, ティ ti, ディ di, トゥ tu, ウィ wi, ウェ we, ウォ wo, ヴァ va,
// シェ she, ジェ je, チェ che, ツァ tsa, イェ ye, クァ kwa. The word is not
// split: kana names cannot be split into family and given name reliably.
// "カタカナ" → "katakana".

// hiragana: romaji of U+3041..U+3096; katakana U+30A1..U+30F6 are the same
// letters 0x60 higher. Small kana are marked by isSmallKana.
var hiragana = [...]string{
	"a", "a", "i", "i", "u", "u", "e", "e", "o", "o", // ぁ あ ぃ い ぅ う ぇ え ぉ お
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
	"ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do", // っ is handled apart
	"na", "ni", "nu", "ne", "no",
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po",
	"ma", "mi", "mu", "me", "mo",
	"ya", "ya", "yu", "yu", "yo", "yo", // ゃ や ゅ ゆ ょ よ
	"ra", "ri", "ru", "re", "ro",
	"wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke", // ゎ わ ゐ ゑ を ん ゔ ゕ ゖ
}

// kanaIndex returns the index of a kana in the hiragana table, or -1.
func kanaIndex(r rune) int {
	switch {
	case 0x3041 <= r && r <= 0x3096:
		return int(r - 0x3041)
	case 0x30A1 <= r && r <= 0x30F6:
		return int(r - 0x30A1)
	}
	return -1
}

func isSmallKana(i int) bool {
	switch i {
	case 0, 2, 4, 6, 8, // ぁ ぃ ぅ ぇ ぉ
		0x3063 - 0x3041,                                   // っ
		0x3083 - 0x3041, 0x3085 - 0x3041, 0x3087 - 0x3041, // ゃ ゅ ょ
		0x308E - 0x3041: // ゎ
		return true
	}
	return false
}

const kanaSokuon = 0x3063 - 0x3041

func appendKana(dst []byte, rs []rune) []byte {
	start := len(dst)
	syl := start // start of the last syllable in dst
	sokuon := false
	for _, r := range rs {
		var s string
		switch r {
		case 0x30F7:
			s = "va"
		case 0x30F8:
			s = "vi"
		case 0x30F9:
			s = "ve"
		case 0x30FA:
			s = "vo"
		case 0x30FC, 0xFF70: // ー: long vowel, not written
			continue
		case 0x309D, 0x309E, 0x30FD, 0x30FE: // iteration marks: repeat the syllable
			if syl < len(dst) {
				a, b := syl, len(dst)
				syl = len(dst)
				dst = append(dst, dst[a:b]...)
			}
			continue
		case 0x30F6:
			s = "ga" // ヶ in names (関ヶ原 Sekigahara)
		case 0x30F5:
			s = "ka"
		}
		i := kanaIndex(r)
		if s == "" && i < 0 {
			if ScriptOf(r) == Kana {
				syl = len(dst)
				dst = appendUnidecode(dst, r)
			}
			continue
		}
		if s == "" {
			if i == kanaSokuon {
				sokuon = true
				continue
			}
			s = hiragana[i]
			if isSmallKana(i) && len(dst) > start {
				dst = appendSmallKana(dst, syl, s)
				continue
			}
			// Passport Hepburn: long vowels written once.
			if len(dst) > start && !sokuon {
				last := dst[len(dst)-1]
				if s == "u" && (last == 'o' || last == 'u') || s == "o" && last == 'o' {
					if i == 5 || i == 9 { // う お (not ぅ ぉ, handled above)
						continue
					}
				}
			}
		}
		syl = len(dst)
		if sokuon {
			sokuon = false
			switch {
			case len(s) >= 2 && s[0] == 'c' && s[1] == 'h':
				dst = append(dst, 't')
			case s[0] != 'a' && s[0] != 'i' && s[0] != 'u' && s[0] != 'e' && s[0] != 'o' && s[0] != 'n':
				dst = append(dst, s[0])
			}
		}
		dst = append(dst, s...)
	}
	return dst
}

// appendSmallKana combines a small kana (s is its full-size reading) with
// the syllable dst[syl:] before it.
func appendSmallKana(dst []byte, syl int, s string) []byte {
	prev := string(dst[syl:]) // short; compared, not kept
	v := s[len(s)-1]          // a i u e o
	switch s {
	case "ya", "yu", "yo":
		switch prev {
		case "shi", "chi", "ji":
			return append(dst[:len(dst)-1], v)
		}
		if len(prev) >= 2 && prev[len(prev)-1] == 'i' {
			return append(dst[:len(dst)-1], 'y', v)
		}
		return append(dst, s...)
	case "wa":
		if prev == "ku" || prev == "gu" {
			return append(dst[:len(dst)-1], 'w', 'a')
		}
		return append(dst, s...)
	}
	// Small vowels.
	switch {
	case prev == "fu" || prev == "vu" || prev == "tsu":
		return append(dst[:len(dst)-1], v)
	case (prev == "te" || prev == "de") && (v == 'i' || v == 'u'):
		return append(dst[:len(dst)-1], v)
	case (prev == "to" || prev == "do") && v == 'u':
		return append(dst[:len(dst)-1], v)
	case prev == "u" && v != 'u':
		return append(dst[:len(dst)-1], 'w', v)
	case (prev == "shi" || prev == "chi" || prev == "ji") && v == 'e':
		return append(dst[:len(dst)-1], v)
	case prev == "i" && v == 'e':
		return append(dst[:len(dst)-1], 'y', v)
	case (prev == "ku" || prev == "gu") && v != 'u':
		return append(dst[:len(dst)-1], 'w', v)
	case (prev == "su" || prev == "zu") && v == 'i':
		return append(dst[:len(dst)-1], v)
	}
	if len(dst) > 0 && dst[len(dst)-1] == v {
		return dst // a long vowel
	}
	return append(dst, v)
}
