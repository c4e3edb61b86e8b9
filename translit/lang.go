package translit

import (
	"unicode"
	"unicode/utf8"
)

// CyrillicLang guesses the language of Cyrillic text from the letters only
// one language uses; pass a whole name or sentence, since a single word
// rarely holds such a letter. It returns "" when text has no Cyrillic
// letter, and otherwise, first rule that applies:
//
//   - "kk" (Kazakh) for ә ғ қ ң ө ұ ү һ;
//   - "be" (Belarusian) for ў, or for і in text that also has ы or э
//     (Ukrainian has neither);
//   - "mk" (Macedonian) for ѓ ќ ѕ;
//   - "sr" (Serbian) for ђ ћ, or for the letters Serbian shares with
//     Macedonian, џ љ њ ј;
//   - "uk" (Ukrainian) for і ї є ґ;
//   - "bg" (Bulgarian) when ъ stands for a vowel (before a consonant, or at
//     the end of a word after a consonant): Russian writes ъ only before
//     е ё ю я;
//   - "uk" also for the Ukrainian adjectival suffixes -ськ-, -цьк-, -зьк-
//     (Зеленський, Шевченківський) in text without ы or э: Russian writes
//     -ск-, -цк-;
//   - "ru" (Russian) otherwise.
//
// Bulgarian text without a vocalic ъ is guessed Russian; its romanisation
// then differs only for щ (shch instead of sht), х (kh instead of h) and
// the rare ь. Names with щ are far more often Russian on sanctions lists
// (Хрущев, Щербаков), so щ alone is not taken as a Bulgarian sign.
func CyrillicLang(text string) string {
	var any, kk, be, ye, mk, sr, srmk, uk, ui, bg, sk bool
	var prev, prev2 rune
	for i, r := range text {
		switch {
		case r < 0x0400 || r > 0x052F:
			// not Cyrillic
		default:
			any = true
			switch toLowerCyr(r) {
			case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ':
				kk = true
			case 'ў':
				be = true
			case 'ы', 'э':
				ye = true
			case 'ѓ', 'ќ', 'ѕ':
				mk = true
			case 'ђ', 'ћ':
				sr = true
			case 'џ', 'љ', 'њ', 'ј':
				srmk = true
			case 'ї', 'є', 'ґ':
				uk = true
			case 'і':
				ui = true
			case 'к':
				if toLowerCyr(prev) == 'ь' {
					switch toLowerCyr(prev2) {
					case 'с', 'ц', 'з':
						sk = true
					}
				}
			case 'ъ':
				next, _ := utf8.DecodeRuneInString(text[i+len("ъ"):])
				next = toLowerCyr(next)
				if isCyrConsonant(next) || isCyrConsonant(toLowerCyr(prev)) && !isCyrLetter(next) {
					bg = true
				}
			}
		}
		prev2, prev = prev, r
	}
	switch {
	case !any:
		return ""
	case kk:
		return "kk"
	case be, ui && ye && !uk:
		return "be"
	case mk:
		return "mk"
	case sr, srmk:
		return "sr"
	case uk, ui:
		return "uk"
	case bg:
		return "bg"
	case sk && !ye:
		return "uk"
	}
	return "ru"
}

// ArabicLang guesses the language of Arabic-script text from the letters
// only some languages use; pass a whole name or sentence. It returns "" when
// text has no Arabic-script letter, and otherwise "ps" (Pashto: ټ ډ ړ ږ ښ ځ
// څ ڼ ګ ې ۍ), "ur" (Urdu: ٹ ڈ ڑ ں ھ ہ ے), "fa" (Persian and Dari: پ چ ژ گ
// ک ی ۀ), or "ar" (Arabic). Latin uses it to read و as "v" and a final ه as
// "e" in Persian names.
func ArabicLang(text string) string {
	var any, ps, ur, fa bool
	for _, r := range text {
		if r < 0x0620 || r > 0x06FF && (r < 0xFB50 || r > 0xFEFC) {
			continue
		}
		switch r {
		case 'ټ', 'ډ', 'ړ', 'ږ', 'ښ', 'ځ', 'څ', 'ڼ', 'ګ', 'ې', 'ۍ':
			ps = true
		case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ', 'ہ', 'ے':
			ur = true
		case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی', 'ۀ':
			fa = true
		}
		if r >= 0xFB50 {
			// Presentation forms: Persian-only letters have their own.
			switch {
			case 0xFB56 <= r && r <= 0xFB59, // peh
				0xFB7A <= r && r <= 0xFB7D, // tcheh
				0xFB8A <= r && r <= 0xFB8B, // jeh
				0xFB8E <= r && r <= 0xFB95, // keheh, gaf
				0xFBFC <= r && r <= 0xFBFF: // farsi yeh
				fa = true
			}
		}
		any = true
	}
	switch {
	case !any:
		return ""
	case ps:
		return "ps"
	case ur:
		return "ur"
	case fa:
		return "fa"
	}
	return "ar"
}

func toLowerCyr(r rune) rune {
	switch {
	case 0x0410 <= r && r <= 0x042F:
		return r + 0x20
	case 0x0400 <= r && r <= 0x040F:
		return r + 0x50
	case 0x0430 <= r && r <= 0x045F:
		return r
	}
	return unicode.ToLower(r)
}

func isCyrLetter(r rune) bool { return 0x0430 <= r && r <= 0x045F || 0x0460 <= r && r <= 0x052F }

func isCyrVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ә', 'ө', 'ұ', 'ү', 'ў', 'ѣ':
		return true
	}
	return false
}

func isCyrConsonant(r rune) bool {
	return isCyrLetter(r) && !isCyrVowel(r) && r != 'ъ' && r != 'ь' && r != 'й'
}
