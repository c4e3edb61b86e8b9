package translit

// Georgian: the national system of romanization (Government of Georgia and
// the State Department of Geodesy and Cartography, 2002; also BGN/PCGN
// 2009), which needs no diacritics: ა a, ბ b, გ g, დ d, ე e, ვ v, ზ z,
// თ t, ი i, კ k, ლ l, მ m, ნ n, ო o, პ p, ჟ zh, რ r, ს s, ტ t, უ u, ფ p,
// ქ k, ღ gh, ყ q, შ sh, ჩ ch, ც ts, ძ dz, წ ts, ჭ ch, ხ kh, ჯ j, ჰ h.
// Mtavruli capitals and the old Asomtavruli and Nuskhuri letters are read
// as their Mkhedruli equivalents. "ბიძინა ივანიშვილი" → "bidzina
// ivanishvili".

var georgianLetters = [...]string{
	'ა' - 'ა': "a", 'ბ' - 'ა': "b", 'გ' - 'ა': "g", 'დ' - 'ა': "d", 'ე' - 'ა': "e",
	'ვ' - 'ა': "v", 'ზ' - 'ა': "z", 'თ' - 'ა': "t", 'ი' - 'ა': "i", 'კ' - 'ა': "k",
	'ლ' - 'ა': "l", 'მ' - 'ა': "m", 'ნ' - 'ა': "n", 'ო' - 'ა': "o", 'პ' - 'ა': "p",
	'ჟ' - 'ა': "zh", 'რ' - 'ა': "r", 'ს' - 'ა': "s", 'ტ' - 'ა': "t", 'უ' - 'ა': "u",
	'ფ' - 'ა': "p", 'ქ' - 'ა': "k", 'ღ' - 'ა': "gh", 'ყ' - 'ა': "q", 'შ' - 'ა': "sh",
	'ჩ' - 'ა': "ch", 'ც' - 'ა': "ts", 'ძ' - 'ა': "dz", 'წ' - 'ა': "ts", 'ჭ' - 'ა': "ch",
	'ხ' - 'ა': "kh", 'ჯ' - 'ა': "j", 'ჰ' - 'ა': "h",
	// Archaic letters.
	'ჱ' - 'ა': "e", 'ჲ' - 'ა': "y", 'ჳ' - 'ა': "v", 'ჴ' - 'ა': "q", 'ჵ' - 'ა': "o",
	'ჶ' - 'ა': "f", 'ჷ' - 'ა': "y", 'ჸ' - 'ა': "", 'ჹ' - 'ა': "", 'ჺ' - 'ა': "",
}

// mkhedruli maps the other Georgian alphabets onto Mkhedruli.
func mkhedruli(r rune) rune {
	switch {
	case 0x1C90 <= r && r <= 0x1CBF: // Mtavruli
		return r - 0x1C90 + 0x10D0
	case 0x10A0 <= r && r <= 0x10C5: // Asomtavruli
		return r - 0x10A0 + 0x10D0
	case r == 0x10C7, r == 0x10CD:
		return r + 0x30
	case 0x2D00 <= r && r <= 0x2D25: // Nuskhuri
		return r - 0x2D00 + 0x10D0
	case r == 0x2D27, r == 0x2D2D:
		return r - 0x2D00 + 0x10D0
	}
	return r
}

func appendGeorgian(dst []byte, rs []rune) []byte {
	for _, r := range rs {
		r = mkhedruli(r)
		switch {
		case 'ა' <= r && r <= 'ჺ':
			dst = append(dst, georgianLetters[r-'ა']...)
		case r >= 0x10D0 && r <= 0x10FF:
			// modifier letter and unassigned: nothing
		default:
			if ScriptOf(r) == Georgian {
				dst = appendUnidecode(dst, r)
			}
		}
	}
	return dst
}
