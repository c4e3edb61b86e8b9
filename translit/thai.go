package translit

// Thai: the Royal Thai General System of Transcription (Royal Institute,
// 1999), simplified. Each consonant has an initial and a final value (ก k/k,
// ข ค kh/k, ง ng, จ ฉ ช ch/t, ซ ศ ษ ส s/t, ญ y/n, ด d/t, ต t, ถ ท ธ th/t,
// บ b/p, ป p, ผ พ ภ ph/p, ฝ ฟ f/p, ย y/i, ร r/n, ล ฬ l/n, ว w/o, ห ฮ h);
// vowels written before their consonant (เ แ โ ใ ไ) are moved after it;
// vowels: ะ ั า a, ำ am, ิ ี i, ึ ื ue, ุ ู u, เ e, แ ae, โ o, ใ ไ ai, เา ao,
// เาะ ออ o, เีย ia, เือ uea, ัว ua, เอ เิ oe; a consonant with no written
// vowel has the inherent o before a final consonant and a in an open
// syllable; tone marks are dropped and the letters cancelled by the
// thanthakhat (์) are silent. Syllable boundaries are guessed (Thai writes
// none), so long words may differ from the official spelling: "ทักษิณ" →
// "thaksin", "ประยุทธ์" → "prayut", "จันทร์โอชา" → "chanocha",
// "ยิ่งลักษณ์" → "yinglak".

var thaiConsonants = [...][2]string{
	{"k", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, // ก ข ฃ ค ฅ ฆ
	{"ng", "ng"}, {"ch", "t"}, {"ch", "t"}, {"ch", "t"}, {"s", "t"}, {"ch", "t"}, // ง จ ฉ ช ซ ฌ
	{"y", "n"}, {"d", "t"}, {"t", "t"}, {"th", "t"}, {"th", "t"}, {"th", "t"}, // ญ ฎ ฏ ฐ ฑ ฒ
	{"n", "n"}, {"d", "t"}, {"t", "t"}, {"th", "t"}, {"th", "t"}, {"th", "t"}, // ณ ด ต ถ ท ธ
	{"n", "n"}, {"b", "p"}, {"p", "p"}, {"ph", "p"}, {"f", "p"}, {"ph", "p"}, // น บ ป ผ ฝ พ
	{"f", "p"}, {"ph", "p"}, {"m", "m"}, {"y", "i"}, {"r", "n"}, {"rue", ""}, // ฟ ภ ม ย ร ฤ
	{"l", "n"}, {"lue", ""}, {"w", "o"}, {"s", "t"}, {"s", "t"}, {"s", "t"}, // ล ฦ ว ศ ษ ส
	{"h", ""}, {"l", "n"}, {"", ""}, {"h", ""}, // ห ฬ อ ฮ
}

const (
	thKoKai    = 'ก'
	thHoNokHuk = 'ฮ'
)

func thaiIsCons(r rune) bool { return thKoKai <= r && r <= thHoNokHuk && r != 'ฤ' && r != 'ฦ' }
func thaiIsLead(r rune) bool { return 'เ' <= r && r <= 'ไ' }
func thaiIsFollow(r rune) bool {
	return 'ะ' <= r && r <= 0x0E3A || r == 'ๅ' || r == '็'
}
func thaiIni(r rune) string { return thaiConsonants[r-thKoKai][0] }
func thaiFin(r rune) string { return thaiConsonants[r-thKoKai][1] }

func appendThai(dst []byte, rs []rune) []byte {
	// Clean up: tone marks out, ํา → ำ, letters cancelled by ์ out.
	t := rs[:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case 0x0E48 <= r && r <= 0x0E4B, r == 0x0E4E, r == 0x0E2F, r == 0x0E46, r == 0x0E4F,
			r == 0x0E5A, r == 0x0E5B, r < 0x0E00 || r > 0x0E7F:
			continue
		case r == 0x0E4D: // nikhahit
			if i+1 < len(rs) && rs[i+1] == 'า' {
				t = append(t, 'ำ')
				i++
			}
			continue
		case r == 0x0E4C: // thanthakhat: silence the letter before, with its vowel signs
			for len(t) > 0 {
				last := t[len(t)-1]
				t = t[:len(t)-1]
				if thaiIsCons(last) {
					break
				}
			}
			if k := len(t); k >= 3 && thaiIsCons(t[k-1]) && thaiIsCons(t[k-2]) && thaiIsFollow(t[k-3]) {
				t = t[:k-1] // จันทร์: ทร both silent after a closed syllable
			}
			continue
		}
		t = append(t, r)
	}
	n := len(t)
	at := func(i int) rune {
		if 0 <= i && i < n {
			return t[i]
		}
		return 0
	}
	start := len(dst)
	for i := 0; i < n; {
		lead := rune(0)
		if thaiIsLead(t[i]) {
			lead = t[i]
			i++
			if i >= n {
				break
			}
		}
		c1 := t[i]
		switch {
		case c1 == 'ฤ':
			dst = append(dst, "rue"...)
			i++
			if at(i) == 'ๅ' {
				i++
			}
			continue
		case c1 == 'ฦ':
			dst = append(dst, "lue"...)
			i++
			if at(i) == 'ๅ' {
				i++
			}
			continue
		case !thaiIsCons(c1):
			dst = append(dst, thaiVowelAlone(c1)...)
			i++
			continue
		}
		i++
		onset, onset2 := thaiIni(c1), ""
		// Clusters and silent leading ห / อ.
		if c2 := at(i); thaiIsCons(c2) {
			// With a leading vowel, c2 is the second letter of a cluster
			// unless it ends the word (แก้ว kaeo, but แขวง khwaeng).
			vowelNext := thaiIsFollow(at(i+1)) || lead != 0 && i+1 < n
			switch {
			case c1 == 'ห' && isThaiSonorant(c2) && (vowelNext || at(i+1) == 'อ' || thaiIsCons(at(i+1))):
				onset = thaiIni(c2)
				i++
			case c1 == 'อ' && c2 == 'ย':
				onset = "y"
				i++
			case (c2 == 'ร' || c2 == 'ล' || c2 == 'ว') && isThaiClusterHead(c1) && vowelNext:
				switch {
				case c1 == 'ท' && c2 == 'ร':
					onset = "s"
				case c2 == 'ร' && (c1 == 'จ' || c1 == 'ซ' || c1 == 'ศ' || c1 == 'ส'):
				default:
					onset2 = thaiIni(c2)
				}
				i++
			}
		}
		// Vowel.
		vowel, closed := "", false
		switch lead {
		case 'เ':
			switch {
			case at(i) == 'ี' && at(i+1) == 'ย':
				vowel, i = "ia", i+2
				if at(i) == 'ะ' {
					i++
				}
			case at(i) == 'ื' && at(i+1) == 'อ':
				vowel, i = "uea", i+2
				if at(i) == 'ะ' {
					i++
				}
			case at(i) == 'า' && at(i+1) == 'ะ':
				vowel, i, closed = "o", i+2, true
			case at(i) == 'า':
				vowel, i, closed = "ao", i+1, true
			case at(i) == 'อ':
				vowel, i = "oe", i+1
				if at(i) == 'ะ' {
					i++
				}
			case at(i) == 'ิ':
				vowel, i = "oe", i+1
			case at(i) == 'ย' && !thaiIsFollow(at(i+1)):
				vowel, i, closed = "oei", i+1, true
			case at(i) == '็', at(i) == 'ะ':
				vowel, i = "e", i+1
			default:
				vowel = "e"
			}
		case 'แ':
			if at(i) == 'ะ' || at(i) == '็' {
				i++
			}
			vowel = "ae"
		case 'โ':
			if at(i) == 'ะ' {
				i++
			}
			vowel = "o"
		case 'ใ', 'ไ':
			vowel = "ai"
			if at(i) == 'ย' && !thaiIsFollow(at(i+1)) {
				i++ // ไทย: ย silent
			}
			closed = true
		default:
			switch v := at(i); {
			case v == 'ะ':
				vowel, i, closed = "a", i+1, true
			case v == 'ั':
				i++
				if at(i) == 'ว' {
					vowel, i = "ua", i+1
				} else {
					vowel = "a"
				}
			case v == 'า', v == 'ๅ':
				vowel, i = "a", i+1
			case v == 'ำ':
				vowel, i, closed = "am", i+1, true
			case v == 'ิ', v == 'ี':
				vowel, i = "i", i+1
			case v == 'ึ':
				vowel, i = "ue", i+1
			case v == 'ื':
				vowel, i = "ue", i+1
				if at(i) == 'อ' {
					i++
				}
			case v == 'ุ', v == 'ู':
				vowel, i = "u", i+1
			case v == '็':
				vowel, i = "o", i+1
			case v == 'อ' && !thaiIsFollow(at(i+1)):
				vowel, i = "o", i+1
			case v == 'ว' && thaiIsCons(at(i+1)) && !thaiIsFollow(at(i+2)):
				vowel, i = "ua", i+1
			case v == 'ร' && at(i+1) == 'ร':
				i += 2
				if thaiIsCons(at(i)) && !thaiIsFollow(at(i+1)) {
					vowel = "a"
				} else {
					vowel, closed = "an", true
				}
			case thaiIsCons(v):
				if thaiIsFollow(at(i+1)) || thaiIsLead(at(i+1)) || at(i+1) == 'อ' && !thaiIsFollow(at(i+2)) {
					vowel, closed = "a", true // open syllable: the next consonant starts one
				} else if i+2 == n && thaiIsCons(at(i+1)) && at(i+1) != 'ร' {
					vowel, closed = "a", true // ขนม: kha-nom
				} else {
					vowel = "o"
				}
			default:
				if i >= n && len(dst) > start && c1 == 'ร' {
					continue // a trailing ร after a closed syllable is silent
				}
				if i >= n && len(dst) > start {
					vowel = "" // a trailing lone consonant
					dst = append(dst, thaiFin(c1)...)
					continue
				}
				vowel = "a"
			}
		}
		dst = append(dst, onset...)
		dst = append(dst, onset2...)
		dst = append(dst, vowel...)
		// Final consonant.
		if !closed {
			if f := at(i); thaiIsCons(f) && !thaiIsFollow(at(i+1)) && at(i+1) != 'อ' {
				dst = append(dst, thaiFin(f)...)
				i++
			}
		}
	}
	return dst
}

func isThaiSonorant(r rune) bool {
	switch r {
	case 'ง', 'ญ', 'น', 'ม', 'ย', 'ร', 'ล', 'ว':
		return true
	}
	return false
}

func isThaiClusterHead(r rune) bool {
	switch r {
	case 'ก', 'ข', 'ค', 'ต', 'ป', 'ผ', 'พ', 'บ', 'ด', 'ท', 'ฟ', 'จ', 'ซ', 'ศ', 'ส':
		return true
	}
	return false
}

func thaiVowelAlone(r rune) string {
	switch r {
	case 'ะ', 'ั', 'า', 'ๅ':
		return "a"
	case 'ำ':
		return "am"
	case 'ิ', 'ี':
		return "i"
	case 'ึ', 'ื':
		return "ue"
	case 'ุ', 'ู':
		return "u"
	case 'เ':
		return "e"
	case 'แ':
		return "ae"
	case 'โ':
		return "o"
	case 'ใ', 'ไ':
		return "ai"
	}
	return ""
}
