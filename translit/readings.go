package translit

import "strings"

// A name written in one script may be the transcription of a name from
// another language: the Korean loanword orthography writes Medvedev
// 메드베데프, Russian writes Kim Jong Un Ким Чен Ын, Japanese writes Lavrov
// ラブロフ, and Chinese and Japanese write Korean names in Chinese
// characters that Korean reads 김정은. The romanisation of the script (Text,
// Latin) reads the letters as the script's own language and cannot give
// those names back; the readings here read them the other way, and callers
// offer every reading to the scorer, which keeps the best.

// maxReadings bounds the readings of one name: the combinations of the
// readings of its words grow fast, and the first ones are the likeliest.
const maxReadings = 16

// WordReadings returns the Latin spellings a single word may stand for
// when it transcribes a foreign name, likeliest first: Hangul read as a
// loanword (HangulLoan), a Cyrillic syllable of a Korean name
// (KoreanCyrillic), the Russian spelling of a Belarusian or Ukrainian word
// with і or ў (BelarusianRussian), a Cyrillic х that writes a foreign h
// (CyrillicForeignH), katakana read as a loanword (KanaLoan),
// a foreign name written in Greek (GreekLoan), a syllable of a Korean name
// in Arabic, Persian or Hebrew letters (KoreanAbjad). Nil when the
// word reads no other way. Text scanners use it word by word; names as a
// whole go through Readings, which also checks that the name has the shape
// of such a transcription.
func WordReadings(word string) []string {
	switch WordScript(word) {
	case Hangul:
		return HangulLoan(word)
	case Cyrillic:
		if r := KoreanCyrillic(word); r != nil {
			return r
		}
		var out []string
		if strings.ContainsAny(word, "іІўЎ") {
			if r := BelarusianRussian(word); r != "" {
				out = append(out, r)
			}
		}
		if r := CyrillicForeignH(word); r != "" {
			out = append(out, r)
		}
		return out
	case Kana:
		return KanaLoan(word)
	case Greek:
		return GreekLoan(word)
	case Arabic, Hebrew:
		return KoreanAbjad(word)
	}
	return nil
}

// Readings returns the other readings of a whole name, each a name of its
// own (words separated by spaces), likeliest first and at most
// maxReadings: a Hangul name that is not Korean read as a loanword, a
// Russian spelling of a Korean name, a katakana name, a Korean name
// written in Chinese characters (HanKorean), a foreign name transcribed
// in Chinese characters (HanForeign). Nil when the name reads only as
// written.
func Readings(name string) []string {
	words := nameWords(name)
	if len(words) == 0 {
		return nil
	}
	if r := append(HanKorean(name), HanForeign(name)...); len(r) > 0 {
		return r[:min(len(r), maxReadings)]
	}
	per := make([][]string, len(words))
	found := false
	for i, w := range words {
		switch WordScript(w) {
		case Hangul:
			if LooksKorean(name) {
				continue
			}
			per[i] = HangulLoan(w)
		case Cyrillic:
			switch {
			case LooksKoreanCyrillic(words):
				per[i] = KoreanCyrillic(w)
			default:
				if isBeUk(CyrillicLang(name)) {
					if r := BelarusianRussian(w); r != "" {
						per[i] = append(per[i], r)
					}
				}
				if r := CyrillicForeignH(w); r != "" {
					per[i] = append(per[i], r)
				}
			}
		case Kana:
			per[i] = KanaLoan(w)
		case Greek:
			per[i] = GreekLoan(w)
		case Arabic, Hebrew:
			if LooksKoreanAbjad(words) {
				per[i] = KoreanAbjad(w)
			}
		}
		found = found || len(per[i]) > 0
	}
	if !found {
		return nil
	}
	return combine(words, per)
}

// nameWords splits a name into its words: at spaces, and, in a word
// written in kana, at the marks Japanese writes between the parts of a
// foreign name (the middle dot ・, half-width ･, the double hyphen ゠ and
// the full-width equals sign ＝: セルゲイ・ラブロフ, ジャン＝ポール).
func nameWords(name string) []string {
	words := strings.Fields(name)
	if !strings.ContainsAny(name, kanaNameMarks) {
		return words
	}
	var out []string
	for _, w := range words {
		if WordScript(w) != Kana {
			out = append(out, w)
			continue
		}
		out = append(out, strings.FieldsFunc(w, func(r rune) bool { return strings.ContainsRune(kanaNameMarks, r) })...)
	}
	return out
}

// kanaNameMarks separate the parts of a foreign name written in kana.
const kanaNameMarks = "\u30fb\uff65\u30a0\uff1d"

// combine returns the names made of one reading of each word (the word
// itself where it has none), in the order of an odometer whose first
// wheel turns slowest, so that the first readings of every word come
// first; at most maxReadings, without repeats.
func combine(words []string, per [][]string) []string {
	idx := make([]int, len(words))
	var out []string
	parts := make([]string, len(words))
	for len(out) < maxReadings {
		for i, w := range words {
			parts[i] = w
			if len(per[i]) > 0 {
				parts[i] = per[i][idx[i]]
			}
		}
		out = appendNew(out, strings.Join(parts, " "))
		// Advance the odometer from the last word.
		i := len(words) - 1
		for ; i >= 0; i-- {
			if idx[i]+1 < len(per[i]) {
				idx[i]++
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			break
		}
	}
	return out
}

// isBeUk reports whether the language guessed for a Cyrillic name is
// Belarusian or Ukrainian: the two share і, and a Belarusian name without ў
// or ы is often guessed Ukrainian (Уладзімір Пуцін).
func isBeUk(lang string) bool { return lang == "be" || lang == "uk" }
