package translit

import (
	"sort"
	"strings"
	"unicode"
)

// Korean names in Russian. Russian writes Korean names syllable by
// syllable, each syllable a word ("Ким Чен Ын", KIM Jong Un), in the
// Kontsevich system (система Концевича, devised by L. R. Kontsevich from
// A. A. Kholodovich's transcription of the 1950s; its tables as the
// Russian and Ukrainian Wikipedia articles "Система Концевича" give them):
//
//   - vowels: ㅏ а, ㅓ о, ㅗ о, ㅜ у, ㅡ ы, ㅣ и, ㅐ э, ㅔ е, ㅚ ве, ㅟ ви,
//     ㅑ я, ㅕ ё, ㅛ ё, ㅠ ю, ㅒ йя, ㅖ йе (е after a consonant), ㅘ ва,
//     ㅙ вэ, ㅝ во, ㅞ ве, ㅢ ый (и after a consonant);
//   - initials: ㄱ к (г inside a word), ㄲ кк, ㅋ кх, ㄷ т (д), ㄸ тт,
//     ㅌ тх, ㅂ п (б), ㅃ пп, ㅍ пх, ㅈ ч (дж), ㅉ чч, ㅊ чх, ㅅ с, ㅆ сс,
//     ㅎ х, ㄴ н, ㅁ м, ㄹ р, ㅇ nothing;
//   - finals: ㄱ к, ㄴ н, ㅇ н, ㄷ ㅅ ㅈ ㅊ ㅌ т, ㄹ ль, ㅁ м, ㅂ п.
//
// Names of North Korean leaders keep the older Soviet spellings: ㅓ and ㅕ
// written е after a consonant (Чен 정, Сен 성, Пхеньян 평양), ㅈ written
// чж (Чжон, after the Russian spelling of Chinese), and final ㄹ written р
// (Ир 일). ㄹ at the start of a South Korean family name is written л (Ли
// 이).
//
// KoreanCyrillic reads a syllable back into the romanisation the
// sanctions lists use for Korean names, McCune–Reischauer as the DPRK, the
// UN and OFAC write it (see hangul.go): "Чен" → "jong", "Ын" → "un", "Ир"
// → "il", "Пён" → "pyong", "Чхве" → "choe". What Cyrillic leaves open is
// offered as alternatives, likeliest first: final н is n or ng, е after a
// consonant is ㅓ (o, or u as English spells it: Sung), ㅕ (yo), ㅔ (e) or
// ㅖ (ye), a voiced г д б is read voiced or not (Gwon / Kwon), and ч is j
// or ch (Jo / Cho). Spellings the matcher already equates are not
// multiplied (Ri / Li / Lee, Kim / Gim, Pak / Bak / Park, Choe / Chwe /
// Choi, Ryong / Yong; see names.Symbols): л reads r, к т п read k t p,
// and the list's form is given.

// kcOpt is one reading of a part of a syllable, with its likelihood.
type kcOpt struct {
	lat string
	w   float64
}

// maxKoreanReadings bounds the readings of one syllable.
const maxKoreanReadings = 4

// kcInitials read the initial consonants. Kontsevich writes ㄱ ㄷ ㅂ ㅈ
// voiceless (к т п ч) at the start of a word, as the lists write them
// (Kim, Tong, Pak, Jong); a voiced letter (г д б) is a syllable inside a
// given name, which the lists write either way (Ri Son Gwon, No Kwang
// Chol). ч is ㅈ (j) or, in older spellings, ㅊ (Cho / Jo are different
// names to the matcher).
var kcInitials = map[string][]kcOpt{
	"":    {{"", 1}},
	"к":   {{"k", 1}},
	"г":   {{"g", 1}, {"k", 0.9}},
	"кк":  {{"kk", 1}},
	"кх":  {{"kh", 1}, {"k", 0.8}},
	"н":   {{"n", 1}},
	"т":   {{"t", 1}},
	"д":   {{"d", 1}, {"t", 0.9}},
	"тт":  {{"tt", 1}},
	"тх":  {{"th", 1}},
	"р":   {{"r", 1}},
	"л":   {{"r", 1}},
	"м":   {{"m", 1}},
	"п":   {{"p", 1}},
	"б":   {{"b", 1}, {"p", 0.9}},
	"пп":  {{"pp", 1}},
	"пх":  {{"ph", 1}, {"p", 0.8}},
	"с":   {{"s", 1}},
	"сс":  {{"ss", 1}},
	"ч":   {{"j", 1}, {"ch", 0.5}},
	"чж":  {{"j", 1}, {"ch", 0.5}},
	"дж":  {{"j", 1}},
	"чч":  {{"jj", 1}},
	"ччж": {{"jj", 1}},
	"чх":  {{"ch", 1}},
	"х":   {{"h", 1}},
}

// kcSibilant are the initials after which е is the older spelling of ㅓ
// (Чен 정, Сен 성) rather than of ㅕ.
var kcSibilant = map[string]bool{"с": true, "сс": true, "ч": true, "чж": true, "дж": true, "чч": true, "ччж": true, "чх": true}

// kcVowels read the vowels; е is read by kcVowel, which depends on the
// initial.
var kcVowels = map[string][]kcOpt{
	"а":  {{"a", 1}},
	"я":  {{"ya", 1}},
	"о":  {{"o", 1}},
	"ё":  {{"yo", 1}},
	"у":  {{"u", 1}},
	"ю":  {{"yu", 1}},
	"ы":  {{"u", 1}},
	"и":  {{"i", 1}},
	"э":  {{"ae", 1}, {"e", 0.5}},
	"ый": {{"ui", 1}},
	"йе": {{"ye", 1}},
	"йя": {{"yae", 1}},
	"ва": {{"wa", 1}},
	"вэ": {{"wae", 1}},
	"ве": {{"oe", 1}, {"we", 0.8}},
	"во": {{"wo", 1}},
	"ви": {{"wi", 1}},
	"е":  nil, // see kcVowel
}

// kcVowel returns the readings of vowel v after initial ini.
func kcVowel(ini, v string) []kcOpt {
	if v != "е" {
		return kcVowels[v]
	}
	switch {
	case ini == "":
		// Е for Ё (Russian often drops the dots), or ㅖ.
		return []kcOpt{{"yo", 1}, {"ye", 0.6}}
	case kcSibilant[ini]:
		// ㅓ, also written u in the English spellings of such names (Kim Il
		// Sung, Jung), or ㅔ.
		return []kcOpt{{"o", 1}, {"u", 0.45}, {"e", 0.4}}
	}
	return []kcOpt{{"yo", 1}, {"o", 0.7}, {"e", 0.4}, {"ye", 0.3}}
}

// kcFinals read the final consonants; н is read by kcFinal.
var kcFinals = map[string][]kcOpt{
	"":   {{"", 1}},
	"к":  {{"k", 1}},
	"т":  {{"t", 1}},
	"м":  {{"m", 1}},
	"п":  {{"p", 1}},
	"ль": {{"l", 1}},
	"л":  {{"l", 1}},
	"р":  {{"l", 1}},
	"н":  nil, // see kcFinal
}

// kcFinal returns the readings of final f after the vowel read vlat.
// Final н is ㄴ (n) or ㅇ (ng); names have more ng after o, yo and wa
// (정, 성, 영, 평, 봉, 광) and more n after the other vowels (은, 인, 순, 윤,
// 권).
func kcFinal(f, vlat string) []kcOpt {
	if f != "н" {
		return kcFinals[f]
	}
	switch vlat {
	case "o", "yo", "wa":
		return []kcOpt{{"ng", 1}, {"n", 0.8}}
	case "a":
		return []kcOpt{{"n", 1}, {"ng", 0.8}}
	}
	return []kcOpt{{"n", 1}, {"ng", 0.6}}
}

// kcMaxInitial and kcMaxVowel are the longest keys, in runes.
const (
	kcMaxInitial = 3
	kcMaxVowel   = 2
)

// kcReading is a candidate reading with its likelihood.
type kcReading struct {
	lat string
	w   float64
}

// koreanSyllable returns the readings of rs (lower-case Cyrillic) as one
// syllable, likeliest first, unsorted duplicates removed; nil when rs is
// not one.
func koreanSyllable(rs []rune) []kcReading {
	var out []kcReading
	for i := 0; i <= kcMaxInitial && i < len(rs); i++ {
		ini := string(rs[:i])
		inis, ok := kcInitials[ini]
		if !ok {
			continue
		}
		for j := 1; j <= kcMaxVowel && i+j <= len(rs); j++ {
			v := string(rs[i : i+j])
			if _, ok := kcVowels[v]; !ok {
				continue
			}
			f := string(rs[i+j:])
			if _, ok := kcFinals[f]; !ok {
				continue
			}
			for _, io := range inis {
				for _, vo := range kcVowel(ini, v) {
					vlat := vo.lat
					if (io.lat == "j" || io.lat == "ch" || io.lat == "jj") && len(vlat) > 1 && vlat[0] == 'y' {
						vlat = vlat[1:] // 져, 죠, 쥬: jo, ju as the lists write them
					}
					class := vo.lat
					if v == "е" && class == "u" {
						class = "o" // ㅓ spelt u: Sung, Jung
					}
					for _, fo := range kcFinal(f, class) {
						out = append(out, kcReading{io.lat + vlat + fo.lat, io.w * vo.w * fo.w})
					}
				}
			}
		}
	}
	return rankReadings(out)
}

// rankReadings sorts readings by likelihood (stable), removes repeats and
// keeps the first maxKoreanReadings.
func rankReadings(rs []kcReading) []kcReading {
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].w > rs[b].w })
	out := rs[:0]
	for _, r := range rs {
		dup := false
		for _, o := range out {
			dup = dup || o.lat == r.lat
		}
		if !dup {
			out = append(out, r)
		}
		if len(out) == maxKoreanReadings {
			break
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// kcHyphen reports a hyphen joining the syllables of a given name
// (Чен-Ын).
func kcHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// kcMaxRunes bounds the letters of one syllable (ччжвэн would be seven).
const kcMaxRunes = 8

// kcLetters lower-cases a Cyrillic syllable, dropping combining marks (a
// stress accent) after folding е with a diaeresis into ё and и with a
// breve into й; nil when it holds anything but Cyrillic letters or is
// too long.
func kcLetters(s string) []rune {
	var rs []rune
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			if n := len(rs); n > 0 {
				switch {
				case r == '\u0308' && rs[n-1] == 'е':
					rs[n-1] = 'ё'
				case r == '\u0306' && rs[n-1] == 'и':
					rs[n-1] = 'й'
				}
			}
			continue
		case r < 0x0400 || r > 0x04FF:
			return nil
		}
		if len(rs) == kcMaxRunes {
			return nil
		}
		rs = append(rs, unicode.ToLower(r))
	}
	return rs
}

// koreanWord returns the readings of a word that is one syllable, or
// syllables joined by hyphens (Чен-Ын → jong-un), and its number of
// syllables; nil, 0 when it is not.
func koreanWord(word string) ([]kcReading, int) {
	parts := strings.FieldsFunc(word, kcHyphen)
	hyphens := 0
	for _, r := range word {
		if kcHyphen(r) {
			hyphens++
		}
	}
	if len(parts) == 0 || len(parts) > 3 || hyphens != len(parts)-1 {
		return nil, 0
	}
	var acc []kcReading
	for k, p := range parts {
		rs := kcLetters(p)
		if len(rs) == 0 {
			return nil, 0
		}
		syl := koreanSyllable(rs)
		if syl == nil {
			return nil, 0
		}
		if k == 0 {
			acc = syl
			continue
		}
		var next []kcReading
		for _, a := range acc {
			for _, s := range syl {
				next = append(next, kcReading{a.lat + "-" + s.lat, a.w * s.w})
			}
		}
		acc = rankReadings(next)
	}
	return acc, len(parts)
}

// KoreanCyrillic returns the romanisations a Cyrillic word may have as one
// syllable of a Korean name written in Russian (the Kontsevich system and
// the older Soviet spellings, see above), as the sanctions lists write
// Korean names, likeliest first and at most four: "Чен" → jong, jon,
// chong, jung; "Ын" → un, ung; "Ир" → il. A given name whose syllables are
// joined by a hyphen (Чен-Ын) reads as one word with a hyphen (jong-un).
// Case and combining marks are ignored. Nil for a word that is not one
// Korean syllable: longer words, words with letters Korean does not use
// (ф, ц, щ, ш, з, в but in ва, вэ, ве, во, ви...) or with other scripts.
func KoreanCyrillic(word string) []string {
	rs, _ := koreanWord(word)
	if rs == nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.lat
	}
	return out
}

// LooksKoreanCyrillic reports whether a name's words, written in
// Cyrillic, have the shape of a Korean name in Russian: two to four
// words, every one a Korean syllable or a given name of syllables joined
// by a hyphen (Ким Чен Ын, Ким Чен-Ын, Чхве Рён Хэ), at most five
// syllables in all. Russian names (Сергей Лавров, Ким Филби) do not.
func LooksKoreanCyrillic(words []string) bool {
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	syllables := 0
	for _, w := range words {
		rs, n := koreanWord(w)
		if rs == nil {
			return false
		}
		syllables += n
	}
	return syllables <= 5
}
