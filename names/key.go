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

// skeleton classes: the coarse consonant classes gating and indexing
// compare. Vowels and semivowels are dropped.
func skelClass(c byte) byte {
	switch c {
	case 'b', 'p':
		return 'P'
	case 'f', 'v':
		return 'F'
	case 't', 'd':
		return 'T'
	case 'k', 'g', 'X', 'h':
		return 'K'
	case 's', 'z', 'S', 'Z', 'C', 'D':
		return 'S'
	case 'm':
		return 'M'
	case 'n':
		return 'N'
	case 'l':
		return 'L'
	case 'r':
		return 'R'
	case 'a', 'e', 'i', 'o', 'u', 'Y', 'I':
		return 0
	}
	if c >= '0' && c <= '9' {
		return c
	}
	return 0
}

// maxSkeletons bounds the alternatives one token may have.
const maxSkeletons = 4

// Skeletons returns the gating skeletons of a key: its consonant classes,
// vowels dropped, with one alternative per reading of an ambiguous symbol
// (G is a K or an S; J is an S, a K or a silent semivowel). A key with no
// consonants has its vowels as skeleton, prefixed by '_', so that it only
// meets keys of the same vowels.
func Skeletons(key string) []string {
	out := []string{""}
	for i := 0; i < len(key); i++ {
		c := key[i]
		var alts []byte
		switch c {
		case 'G':
			alts = []byte{'K', 'S'}
		case 'J':
			alts = []byte{'S', 'K', 0}
		default:
			if k := skelClass(c); k != 0 {
				alts = []byte{k}
			}
		}
		if len(alts) == 0 {
			continue
		}
		if len(alts) > 1 && len(out)*len(alts) > maxSkeletons {
			alts = alts[:1]
		}
		grown := make([]string, 0, len(out)*len(alts))
		for _, s := range out {
			for _, a := range alts {
				if a == 0 {
					grown = append(grown, s)
				} else {
					grown = append(grown, s+string(a))
				}
			}
		}
		out = grown
	}
	// Remove repeats (two readings may give the same skeleton) and empty
	// readings (a silent J in a word of vowels).
	uniq := out[:0]
	for _, s := range out {
		dup := s == ""
		for _, u := range uniq {
			if u == s {
				dup = true
				break
			}
		}
		if !dup {
			uniq = append(uniq, s)
		}
	}
	if len(uniq) == 0 {
		return []string{"_" + key}
	}
	return uniq
}

// SkelDist is the number of deletions allowed from a skeleton of length n
// when looking for its near neighbours: exact for short skeletons, one
// edit for 3–5 consonants, two beyond. Index and scorer share it, which is
// what makes index retrieval exactly as permissive as the scorer.
func SkelDist(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// Consonants returns key without vowels and semivowels: the form in which
// a word from an abjad script (Arabic, Hebrew), written without short
// vowels, is compared with a Latin spelling.
func Consonants(key string) string {
	var b strings.Builder
	b.Grow(len(key))
	for i := 0; i < len(key); i++ {
		if !isKeyVowel(key[i]) {
			b.WriteByte(key[i])
		}
	}
	return b.String()
}

// SkeletonsMeet reports whether two tokens pass the gate on their
// skeletons: some pair of alternatives shares a common subsequence reached
// by at most SkelDist deletions from each. The index retrieves exactly the
// tokens that pass it, so the scorer, which also applies it, never accepts
// a token the index did not return.
func SkeletonsMeet(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if skelMeet(x, y) {
				return true
			}
		}
	}
	return false
}

func skelMeet(x, y string) bool {
	if x == y {
		return true
	}
	if x[0] == '_' || y[0] == '_' {
		return false // vowel-only keys meet only their equals
	}
	need := max(len(x)-SkelDist(len(x)), len(y)-SkelDist(len(y)))
	if need > min(len(x), len(y)) {
		return false
	}
	return lcs(x, y) >= need
}

// lcs returns the length of the longest common subsequence of two short
// strings.
func lcs(a, b string) int {
	if len(a) > 32 || len(b) > 32 {
		a, b = a[:min(len(a), 32)], b[:min(len(b), 32)]
	}
	var prev, cur [33]uint8
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

// Deletions calls fn with every string obtained from s by deleting up to
// SkelDist(len(s)) bytes, s itself included. Two skeletons meet exactly
// when their deletion sets intersect in a string of the length the gate
// needs; the index stores these variants.
func Deletions(s string, fn func(string)) {
	if s == "" {
		return
	}
	if s[0] == '_' {
		fn(s)
		return
	}
	d := SkelDist(len(s))
	seen := make(map[string]struct{}, 16)
	// Every string of one length is reached with the same number of
	// deletions left, so exploring each string once is complete.
	var rec func(t string, left int)
	rec = func(t string, left int) {
		if _, ok := seen[t]; ok {
			return
		}
		seen[t] = struct{}{}
		fn(t)
		if left == 0 {
			return
		}
		for i := 0; i < len(t); i++ {
			rec(t[:i]+t[i+1:], left-1)
		}
	}
	rec(s, d)
}
