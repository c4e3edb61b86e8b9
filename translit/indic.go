package translit

// Devanagari and the other Brahmic scripts of India laid out like it
// (Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam:
// the ISCII order, so each letter is read as the Devanagari letter at the
// same offset of its block). The values are the Hunterian system (the
// official romanization of India, as ISO 15919 without diacritics): क k,
// ख kh, ग g, घ gh, च ch, छ chh, ज j, झ jh, ट ठ t th, ड ढ d dh, ण n, त थ t th,
// द ध d dh, न n, प फ p ph, ब भ b bh, म m, य y, र r, ल l, व v, श ष sh, स s,
// ह h, and the nukta letters क़ q, ख़ kh, ग़ gh, ज़ z, ड़ r, ढ़ rh, फ़ f; vowels
// a a i i u u ri e ai o au (long and short alike); anusvara n (m before a
// labial and at the end of a word in the Dravidian scripts, ng before ह:
// "सिंह" → "singh"), visarga h; ज्ञ gy.
//
// Every consonant carries the inherent vowel a unless a vowel sign or the
// virama follows it. Hindi drops it where it is not pronounced (schwa
// deletion), and so do names in Latin letters: at the end of a word after
// a single consonant ("मोदी" → "modi", but "नरेंद्र" → "narendra"), and
// inside a word between a vowel and a consonant that carries a vowel
// ("राजकुमार" → "rajkumar", "मनमोहन" → "manmohan"). The final deletion
// applies to Devanagari, Bengali, Gurmukhi and Gujarati; the medial one to
// Devanagari, Gurmukhi and Gujarati; the Dravidian scripts and Oriya keep
// every vowel.

// brahmicBlocks: the start of each ISCII-aligned block and its policy.
var brahmicBlocks = [...]struct {
	base       rune
	final, mid bool // schwa deletion at the end of words, inside words
}{
	{0x0900, true, true},   // Devanagari
	{0x0980, true, false},  // Bengali
	{0x0A00, true, true},   // Gurmukhi
	{0x0A80, true, true},   // Gujarati
	{0x0B00, false, false}, // Oriya
	{0x0B80, false, false}, // Tamil
	{0x0C00, false, false}, // Telugu
	{0x0C80, false, false}, // Kannada
	{0x0D00, false, false}, // Malayalam
}

func isBrahmic(r rune) bool { return 0x0900 <= r && r < 0x0D80 }

// Devanagari letter values, indexed by r − 0x0900.
var devaConsonants = [...]string{
	0x15: "k", 0x16: "kh", 0x17: "g", 0x18: "gh", 0x19: "n",
	0x1A: "ch", 0x1B: "chh", 0x1C: "j", 0x1D: "jh", 0x1E: "n",
	0x1F: "t", 0x20: "th", 0x21: "d", 0x22: "dh", 0x23: "n",
	0x24: "t", 0x25: "th", 0x26: "d", 0x27: "dh", 0x28: "n", 0x29: "n",
	0x2A: "p", 0x2B: "ph", 0x2C: "b", 0x2D: "bh", 0x2E: "m",
	0x2F: "y", 0x30: "r", 0x31: "r", 0x32: "l", 0x33: "l", 0x34: "zh", 0x35: "v",
	0x36: "sh", 0x37: "sh", 0x38: "s", 0x39: "h",
	0x58: "q", 0x59: "kh", 0x5A: "gh", 0x5B: "z", 0x5C: "r", 0x5D: "rh", 0x5E: "f", 0x5F: "y",
	0x78: "", 0x79: "z", 0x7A: "y", 0x7B: "g", 0x7C: "j", 0x7D: "", 0x7E: "d", 0x7F: "b",
}

// devaVowels: independent vowels and vowel signs (matras) by offset.
var devaVowels = [...]string{
	0x04: "a", 0x05: "a", 0x06: "a", 0x07: "i", 0x08: "i", 0x09: "u", 0x0A: "u",
	0x0B: "ri", 0x0C: "li", 0x0D: "e", 0x0E: "e", 0x0F: "e", 0x10: "ai",
	0x11: "o", 0x12: "o", 0x13: "o", 0x14: "au",
	0x3A: "o", 0x3B: "a", 0x3E: "a", 0x3F: "i", 0x40: "i", 0x41: "u", 0x42: "u",
	0x43: "ri", 0x44: "ri", 0x45: "e", 0x46: "e", 0x47: "e", 0x48: "ai",
	0x49: "o", 0x4A: "o", 0x4B: "o", 0x4C: "au", 0x4E: "e", 0x4F: "aw",
	0x55: "o", 0x56: "", 0x57: "",
	0x60: "ri", 0x61: "li", 0x62: "li", 0x63: "li", 0x72: "a", 0x73: "o", 0x74: "o",
	0x75: "aw", 0x76: "u", 0x77: "u",
}

func devaIsConsonant(o int) bool {
	return 0x15 <= o && o <= 0x39 || 0x58 <= o && o <= 0x5F || 0x78 <= o && o <= 0x7F
}

func devaIsMatra(o int) bool {
	return 0x3A <= o && o <= 0x4C && o != 0x3C && o != 0x3D || 0x4E <= o && o <= 0x4F || 0x55 <= o && o <= 0x57 || o == 0x62 || o == 0x63
}

func devaIsIndepVowel(o int) bool {
	return 0x04 <= o && o <= 0x14 || o == 0x60 || o == 0x61 || 0x72 <= o && o <= 0x77
}

// indicUnit is a consonant with its vowel, or an independent vowel.
type indicUnit struct {
	cons    string // consonant value ("" for an independent vowel)
	vowel   string // vowel value; "" with virama
	inherit bool   // vowel is the inherent a
	virama  bool   // the consonant ends in a virama (first of a cluster)
	deleted bool   // inherent vowel deleted
	nasal   byte   // 'n' anusvara/chandrabindu, 'h' visarga, 0 none
	labial  bool   // consonant is p ph b bh m (for a preceding anusvara)
	isH     bool   // consonant is ह
	gem     bool   // Gurmukhi addak: double the consonant
}

func appendIndic(dst []byte, rs []rune) []byte {
	// Policy from the block of the first letter.
	final, mid := true, true
	for _, b := range brahmicBlocks {
		if b.base <= rs[0] && rs[0] < b.base+0x80 {
			final, mid = b.final, b.mid
		}
	}
	var ubuf [32]indicUnit
	us := ubuf[:0]
	gem := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !isBrahmic(r) {
			continue // joiners
		}
		base := r &^ 0x7F
		o := int(r - base)
		// Letters outside the common layout.
		switch r {
		case 0x09CE: // Bengali khanda ta
			us = append(us, indicUnit{cons: "t", virama: true})
			continue
		case 0x0A70: // Gurmukhi tippi = anusvara
			o = 0x02
		case 0x0A71: // Gurmukhi addak: gemination of the next consonant
			gem = true
			continue
		case 0x09F0:
			o = 0x30 // Assamese ra
		case 0x09F1:
			o = 0x35 // Assamese wa
		case 0x0D7A, 0x0D7B, 0x0D7C, 0x0D7D, 0x0D7E, 0x0D7F: // Malayalam chillus
			us = append(us, indicUnit{cons: [...]string{"n", "n", "r", "l", "l", "k"}[r-0x0D7A], virama: true})
			continue
		}
		if base == 0x0D00 && o >= 0x54 && o <= 0x56 { // Malayalam chillu m, y, lll
			us = append(us, indicUnit{cons: [...]string{"m", "y", "l"}[o-0x54], virama: true})
			continue
		}
		switch {
		case devaIsConsonant(o):
			c := devaConsonants[o]
			u := indicUnit{cons: c, vowel: "a", inherit: true, gem: gem}
			gem = false
			u.labial = 0x2A <= o && o <= 0x2E
			u.isH = o == 0x39
			// Nukta.
			if i+1 < len(rs) && rs[i+1] == base+0x3C {
				switch o {
				case 0x15:
					u.cons = "q"
				case 0x1C:
					u.cons = "z"
				case 0x21:
					u.cons = "r"
				case 0x22:
					u.cons = "rh"
				case 0x2B:
					u.cons = "f"
				case 0x17:
					u.cons = "gh"
				}
				i++
			}
			us = append(us, u)
		case devaIsIndepVowel(o):
			us = append(us, indicUnit{vowel: devaVowels[o]})
		case devaIsMatra(o):
			if n := len(us); n > 0 && us[n-1].cons != "" && us[n-1].inherit {
				us[n-1].vowel, us[n-1].inherit = devaVowels[o], false
			} else if n > 0 && us[n-1].cons == "" && us[n-1].vowel != "" {
				// a length mark after a vowel: ignore
			} else {
				us = append(us, indicUnit{vowel: devaVowels[o]})
			}
		case o == 0x4D: // virama
			if n := len(us); n > 0 && us[n-1].cons != "" {
				us[n-1].vowel, us[n-1].inherit, us[n-1].virama = "", false, true
			}
		case o == 0x01 || o == 0x02: // chandrabindu, anusvara
			if n := len(us); n > 0 {
				us[n-1].nasal = 'n'
			} else {
				us = append(us, indicUnit{nasal: 'n'})
			}
		case o == 0x03: // visarga
			if n := len(us); n > 0 {
				us[n-1].nasal = 'h'
			}
		case o == 0x50: // om
			us = append(us, indicUnit{vowel: "om"})
		}
	}
	// ज्ञ reads gy.
	for i := 0; i+1 < len(us); i++ {
		if us[i].cons == "j" && us[i].virama && us[i+1].cons == "n" {
			us[i].cons, us[i+1].cons = "g", "y"
		}
	}
	// Schwa deletion, right to left.
	n := len(us)
	if final && n >= 2 {
		u := &us[n-1]
		if u.inherit && u.nasal == 0 && !us[n-2].virama && hasVowel(us[:n-1]) {
			u.deleted = true
		}
	}
	if mid {
		for i := n - 2; i >= 1; i-- {
			u := &us[i]
			p, q := &us[i-1], &us[i+1]
			if !u.inherit || u.deleted || u.nasal != 0 || u.cons == "" {
				continue
			}
			if p.virama || p.deleted || p.vowel == "" {
				continue // a cluster before, or no vowel
			}
			if q.cons == "" || q.virama || q.deleted || q.vowel == "" {
				continue // the next consonant must carry a vowel
			}
			u.deleted = true
		}
	}
	for i := range us {
		u := &us[i]
		if u.gem && u.cons != "" {
			dst = append(dst, u.cons[0])
		}
		dst = append(dst, u.cons...)
		if !u.deleted {
			dst = append(dst, u.vowel...)
		}
		switch u.nasal {
		case 'n':
			switch {
			case i+1 < len(us) && us[i+1].labial:
				dst = append(dst, 'm')
			case i+1 < len(us) && us[i+1].isH:
				dst = append(dst, "ng"...)
			case i+1 == len(us) && !final:
				dst = append(dst, 'm') // Dravidian: a final anusvara is m
			default:
				dst = append(dst, 'n')
			}
		case 'h':
			dst = append(dst, 'h')
		}
	}
	return dst
}

func hasVowel(us []indicUnit) bool {
	for _, u := range us {
		if u.vowel != "" {
			return true
		}
	}
	return false
}
