package names

import "strings"

// Phonetic key alphabet. A key is written in lower-case letters for sounds
// every convention spells alike, and upper-case letters for sounds that
// conventions spell differently, so that one language's spelling and
// another's meet:
//
//	S  sh: English sh, German sch, Polish sz, Czech š; also shch/schtsch/szcz/chtch (щ)
//	C  ch as in "church": tch, tsch, cz, č
//	Z  zh: English zh, Polish ż, Czech ž
//	X  kh: Russian х as kh
//	D  dzh: dzh, dj, dsch
//	G  "ch" of unknown language: English č, German/Polish x, French š
//	J  initial "j" of unknown language: English dzh, German/Slavic y, Spanish x, French zh
//	Y  the semivowel y before a vowel (Yuri, Iouri, Jurij; Maya, Maja)
//	I  the same semivowel in a syllable of Hangul or Chinese, which no
//	   convention writes with a j
//
// Other reconciliations: w→v, ph→f, th→t, dh→d, gh→g, ck→k, q→k, x→ks,
// c→s before e/i/y and k elsewhere, ts/tz/z→z (German z is ts), ou/oo→u,
// ee→i, eo→o and eu→u (Korean RR), y/j→i after a vowel or before a
// consonant (Sergey, Sergej → sergei), h after a consonant or at the end
// after a vowel dropped (Rhee, Abdullah), doubled letters collapsed.
// Costs between these symbols are in distance.go.

// Key returns the phonetic key of one folded Latin token (lower-case ASCII
// letters and digits).
func Key(w string) string { return key(w, false) }

// SyllableKey returns the phonetic key of a token romanised from a script
// written in syllables (Hangul, Chinese characters), whose romanisation is
// known: there "j" is always the affricate of 정 or 金 (never the y of a
// German Jurij) and "ch" always that of 철 or 陈.
func SyllableKey(w string) string { return key(w, true) }

func key(w string, syllable bool) string {
	var b strings.Builder
	b.Grow(len(w) + 2)
	n := len(w)
	var last byte // last byte written
	put := func(s string) {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == last && c != 0 {
				continue // collapse doubled sounds
			}
			b.WriteByte(c)
			last = c
		}
	}
	for i := 0; i < n; {
		rest := w[i:]
		c := w[i]
		next := byte(0)
		if i+1 < n {
			next = w[i+1]
		}
		switch {
		case strings.HasPrefix(rest, "schtsch"):
			put("S")
			i += 7
		case strings.HasPrefix(rest, "shch"), strings.HasPrefix(rest, "szcz"), strings.HasPrefix(rest, "shtch"):
			put("S")
			i += 4
			if strings.HasPrefix(rest, "shtch") {
				i++
			}
		case strings.HasPrefix(rest, "chtch"):
			put("S")
			i += 5
		case strings.HasPrefix(rest, "tsch"):
			put("C")
			i += 4
		case strings.HasPrefix(rest, "dsch"):
			put("D")
			i += 4
		case strings.HasPrefix(rest, "dzh"):
			put("D")
			i += 3
		case strings.HasPrefix(rest, "sch"):
			put("S")
			i += 3
		case strings.HasPrefix(rest, "tch"):
			put("C")
			i += 3
		case strings.HasPrefix(rest, "sh"), strings.HasPrefix(rest, "sz"):
			put("S")
			i += 2
		case strings.HasPrefix(rest, "zh"):
			put("Z")
			i += 2
		case strings.HasPrefix(rest, "kh"):
			put("X")
			i += 2
		case strings.HasPrefix(rest, "ch"):
			if syllable {
				put("C")
			} else {
				put("G")
			}
			i += 2
		case strings.HasPrefix(rest, "cz"):
			put("C")
			i += 2
		case strings.HasPrefix(rest, "dj"):
			put("D")
			i += 2
		case strings.HasPrefix(rest, "ts"), strings.HasPrefix(rest, "tz"):
			put("z")
			i += 2
		case strings.HasPrefix(rest, "ph"):
			put("f")
			i += 2
		case strings.HasPrefix(rest, "th"):
			put("t")
			i += 2
		case strings.HasPrefix(rest, "dh"):
			put("d")
			i += 2
		case strings.HasPrefix(rest, "gh"):
			put("g")
			i += 2
		case strings.HasPrefix(rest, "ck"):
			put("k")
			i += 2
		case (c == 'g' || c == 'q') && next == 'u' && i+2 < n && isFrontVowel(w[i+2]):
			// Serguei, Enrique: the u only hardens the consonant.
			if c == 'q' {
				put("k")
			} else {
				put("g")
			}
			i += 2
		case strings.HasPrefix(rest, "ou"), strings.HasPrefix(rest, "oo"):
			put("u")
			i += 2
		case strings.HasPrefix(rest, "ee"):
			put("i")
			i += 2
		case strings.HasPrefix(rest, "eo"):
			put("o")
			i += 2
		case strings.HasPrefix(rest, "eu"):
			put("u")
			i += 2
		case c == 'x':
			put("ks")
			i++
		case c == 'c':
			if isFrontVowel(next) || next == 'y' {
				put("s")
			} else {
				put("k")
			}
			i++
		case c == 'q':
			put("k")
			i++
		case c == 'w':
			put("v")
			i++
		case c == 'y':
			switch {
			case isVowel(next) && syllable:
				put("I") // the y of 영, 용: never a j
			case isVowel(next):
				put("Y")
			default:
				put("i")
			}
			i++
		case c == 'j':
			switch {
			case syllable:
				put("D")
			case i == 0:
				put("J")
			case isVowel(next):
				put("Y")
			default:
				put("i")
			}
			i++
		case c == 'i' && i == 0 && isVowel(next) && next != 'i':
			put("Y")
			i++
		case c == 'h':
			switch {
			case i > 0 && !isVowel(w[i-1]):
				// rh, bh, kh handled above: an h after a consonant is silent.
			case i > 0 && next == 0:
				// Abdullah, Fatimah: a final h after a vowel is silent.
			default:
				put("h")
			}
			i++
		default:
			put(w[i : i+1])
			i++
		}
	}
	return b.String()
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func isFrontVowel(c byte) bool { return c == 'e' || c == 'i' }

// isKeyVowel reports whether a key symbol is a vowel or semivowel.
func isKeyVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'Y', 'I':
		return true
	}
	return false
}

// Consonants returns key without vowels and semivowels: the form in which
// a word from an abjad script (Arabic, Hebrew), written without short
// vowels, is compared with a Latin spelling. Letters the Arabic script does
// not have are folded into those it writes them with (p into b, v into f:
// Putin بوتين, Peskov بيسكوف).
func Consonants(key string) string {
	var b strings.Builder
	b.Grow(len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case isKeyVowel(c):
			continue
		case c == 'p':
			c = 'b'
		case c == 'v':
			c = 'f'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// MaxDeletions is the number of symbols that may be deleted from a key of
// length n to meet another key: none for keys of one or two symbols, one
// for three or four, two beyond. Two keys meet when some
// string is reached from each within its budget (see Meet); that is the
// gate a pair of name parts must pass before they are compared at all.
// Index and scorer share it, which is what makes index retrieval exactly as
// permissive as the scorer.
func MaxDeletions(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 4:
		return 1
	}
	return 2
}

// Meet reports whether keys a and b pass the gate: they share a common
// subsequence reached by at most MaxDeletions deletions from each. It is
// the condition under which two keys have a deletion variant in common
// (see Deletions).
func Meet(a, b string) bool {
	if a == b {
		return true
	}
	a, b = clip(a), clip(b)
	need := max(len(a)-MaxDeletions(len(a)), len(b)-MaxDeletions(len(b)))
	if need > min(len(a), len(b)) {
		return false
	}
	return lcs(a, b) >= need
}

// lcs returns the length of the longest common subsequence of two short
// strings.
func lcs(a, b string) int {
	var prev, cur [maxKey + 1]uint8
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev = cur
	}
	return int(prev[len(b)])
}

// Deletions calls fn with every string obtained from key by deleting up to
// MaxDeletions(len(key)) symbols, key itself included (a string may come
// more than once when the key has repeated symbols). Two keys meet exactly
// when their deletion sets intersect; the index stores these variants. The
// slice fn receives is only valid during the call.
func Deletions(key string, fn func([]byte)) {
	key = clip(key)
	n := len(key)
	if n == 0 {
		return
	}
	var buf [maxKey]byte
	fn(append(buf[:0], key...))
	d := MaxDeletions(n)
	if d >= 1 && n > 1 {
		for i := 0; i < n; i++ {
			v := append(append(buf[:0], key[:i]...), key[i+1:]...)
			fn(v)
		}
	}
	if d >= 2 && n > 2 {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				v := append(append(append(buf[:0], key[:i]...), key[i+1:j]...), key[j+1:]...)
				fn(v)
			}
		}
	}
}
