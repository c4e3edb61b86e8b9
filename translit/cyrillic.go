package translit

// Cyrillic, by language (the lang code from CyrillicLang):
//
//   - "ru" and default: BGN/PCGN (1947) romanization of Russian without
//     its diacritics, as the OFAC, UN, UK and EU lists write Russian names:
//     х kh, ц ts, ч ch, ш sh, щ shch, ы y, э e, ю yu, я ya, й y, ъ and ь
//     omitted, so -ий → iy and -ый → yy ("Dmitriy", "Chaykovskiy"). е is
//     "ye" at the start of a word only ("Yevgeniy", "Yeltsin", but
//     "Sergeevich", "Grigorev"; lists write both "Sergeevich" and
//     "Sergeyevich", the matcher fuzzes), ё is "yo" at the start of a word
//     and "e" elsewhere ("Khrushchev", "Gorbachev", as lists write them).
//   - "uk": the Ukrainian national system (Cabinet of Ministers resolution
//     55 of 27 January 2010, also used in Ukrainian passports): г h, ґ g,
//     и y, і i, є ye/ie, ї yi/i, й y/i, ю yu/iu, я ya/ia (the first form at
//     the start of a word), х kh, щ shch, зг zgh, ь and the apostrophe
//     omitted: "Зеленський" → "zelenskyi".
//   - "be": Belarusian as Belarusian passports write names ("Aliaksandr
//     Lukashenka", "Siarhei"): г h, і i, ў u, ы y, э e, х kh, ц ts; е ё ю я
//     are ye yo yu ya at the start of a word and after a vowel, ь or ў, and
//     e io iu ia after a consonant; й is y at the start of a word, i
//     elsewhere.
//   - "bg": the Bulgarian Streamlined System (Transliteration Act 2009):
//     х h, щ sht, ъ a, ь y, ю yu, я ya, and -ия at the end of a word ia.
//   - "sr", "mk": the Serbian Latin alphabet without diacritics, as lists
//     write Serbian names: ђ dj, ж z, ј j, љ lj, њ nj, ћ c, ц c, ч c, џ dz,
//     ш s, х h; Macedonian ѓ gj, ќ kj, ѕ dz.
//   - "kk": Russian values plus the Kazakh letters ә a, ғ gh, қ q, ң ng,
//     ө o, ұ u, ү u, һ h, і i.
//
// Letters of other Cyrillic alphabets (Tajik, Tatar, Bashkir, Chuvash,
// Church Slavonic...) get their usual values; unknown ones go through the
// unidecode fallback.

import "unicode"

func appendCyrillic(dst []byte, rs []rune, lang string) []byte {
	// Lower-case the letters in place and drop marks, joiners, apostrophes.
	k := 0
	for _, r := range rs {
		r = toLowerCyr(r)
		if unicode.IsLetter(r) && (isCyrLetter(r) || unicode.Is(unicode.Cyrillic, r)) {
			rs[k] = r
			k++
		}
	}
	rs = rs[:k]
	for i, r := range rs {
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		if s, ok := cyrLetter(r, prev, next, i == 0, lang); ok {
			dst = append(dst, s...)
		} else {
			dst = appendUnidecode(dst, r)
		}
	}
	return dst
}

// cyrLetter returns the romanisation of one lower-case Cyrillic letter in
// context: prev and next are the neighbouring letters (0 at the word's
// ends), initial tells whether r starts the word.
func cyrLetter(r, prev, next rune, initial bool, lang string) (string, bool) {
	switch lang {
	case "uk":
		switch r {
		case 'г':
			if prev == 'з' {
				return "gh", true
			}
			return "h", true
		case 'ґ':
			return "g", true
		case 'е':
			return "e", true
		case 'и':
			return "y", true
		case 'і':
			return "i", true
		case 'є':
			return pick(initial, "ye", "ie"), true
		case 'ї':
			return pick(initial, "yi", "i"), true
		case 'й':
			return pick(initial, "y", "i"), true
		case 'ю':
			return pick(initial, "yu", "iu"), true
		case 'я':
			return pick(initial, "ya", "ia"), true
		}
	case "be":
		soft := initial || isCyrVowel(prev) || prev == 'ь'
		switch r {
		case 'г':
			return "h", true
		case 'е':
			return pick(soft, "ye", "e"), true
		case 'ё':
			return pick(soft, "yo", "io"), true
		case 'ю':
			return pick(soft, "yu", "iu"), true
		case 'я':
			return pick(soft, "ya", "ia"), true
		case 'й':
			return pick(initial, "y", "i"), true
		case 'і':
			return "i", true
		case 'ў':
			return "u", true
		}
	case "bg":
		switch r {
		case 'е':
			return "e", true
		case 'х':
			return "h", true
		case 'щ':
			return "sht", true
		case 'ъ':
			return "a", true
		case 'ь':
			return "y", true
		case 'я':
			if prev == 'и' && next == 0 {
				return "a", true
			}
			return "ya", true
		}
	case "sr", "mk":
		switch r {
		case 'е':
			return "e", true
		case 'ђ':
			return "dj", true
		case 'ж':
			return "z", true
		case 'ј':
			return "j", true
		case 'љ':
			return "lj", true
		case 'њ':
			return "nj", true
		case 'ћ', 'ц', 'ч':
			return "c", true
		case 'џ', 'ѕ':
			return "dz", true
		case 'ш':
			return "s", true
		case 'х':
			return "h", true
		case 'ѓ':
			return "gj", true
		case 'ќ':
			return "kj", true
		}
	case "kk":
		switch r {
		case 'ә':
			return "a", true
		case 'ғ':
			return "gh", true
		case 'қ':
			return "q", true
		case 'ң':
			return "ng", true
		case 'ө':
			return "o", true
		case 'ұ', 'ү':
			return "u", true
		case 'һ':
			return "h", true
		case 'і':
			return "i", true
		}
	}
	if 'а' <= r && r <= 'я' {
		if r == 'е' && initial {
			return "ye", true
		}
		return ruLetters[r-'а'], true
	}
	switch r {
	case 'ё':
		return pick(initial, "yo", "e"), true
	case 'і', 'ӣ', 'ѵ':
		return "i", true
	case 'ї':
		return pick(initial, "yi", "i"), true
	case 'є':
		return pick(initial, "ye", "ie"), true
	case 'ґ':
		return "g", true
	case 'ў', 'ӯ', 'ұ', 'ү', 'ӱ', 'ӳ':
		return "u", true
	case 'ђ':
		return "dj", true
	case 'ћ':
		return "c", true
	case 'ј':
		return "j", true
	case 'љ':
		return "lj", true
	case 'њ':
		return "nj", true
	case 'џ', 'ѕ', 'ӡ':
		return "dz", true
	case 'ѓ':
		return "gj", true
	case 'ќ':
		return "kj", true
	case 'ә', 'ӓ', 'ӑ':
		return "a", true
	case 'ғ', 'ҕ':
		return "gh", true
	case 'қ', 'ҟ', 'ҝ', 'ӄ':
		return "q", true
	case 'ң', 'ҥ', 'ӈ':
		return "ng", true
	case 'ө', 'ӧ', 'ӫ':
		return "o", true
	case 'һ', 'ҳ', 'ӽ':
		return "h", true
	case 'ҷ', 'ҹ', 'ӌ':
		return "j", true
	case 'җ', 'ӂ', 'ӝ':
		return "zh", true
	case 'ҙ':
		return "z", true
	case 'ҫ':
		return "s", true
	case 'ӗ', 'ѣ', 'ӭ':
		return "e", true
	case 'ӹ':
		return "y", true
	case 'ѳ':
		return "f", true
	case 'ӏ':
		return "", true
	}
	return "", false
}

// ruLetters: а..я by BGN/PCGN for Russian without diacritics.
var ruLetters = [32]string{
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
}

func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
