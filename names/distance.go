package names

// Edit costs between phonetic key symbols (see key.go). A substitution
// between two spellings of one sound costs little; between different sounds
// of one class (voicing: b/p, d/t, g/k, s/z, v/f) somewhat more; between
// unrelated consonants the full unit. Vowels are cheap to change, insert or
// drop: transliteration conventions disagree on them most.
const (
	costVowel     = 0.35 // one vowel for another
	costVowelIns  = 0.5  // insert or drop a vowel
	costSemiIns   = 0.3  // insert or drop the semivowel Y
	costHIns      = 0.5  // insert or drop h
	costConsIns   = 1.0  // insert or drop another consonant
	costSubst     = 1.0  // unrelated consonants
	firstPosition = 1.5  // edits on the first symbol weigh more: Ali is not Eli
	// costFinalAO is the cost of a final a for o: in Romance and Slavic
	// names it turns a man's name into a woman's (Angelo / Angela).
	costFinalAO = 0.8
	costSwap    = 0.6 // two adjacent symbols swapped
)

// voicing marks the pairs of consonants that differ only in voicing. At the
// start of a word they are the usual difference between romanisations
// (Kim / Gim, Pong / Bong, Deng / Teng, Zhou / Chou), so they do not carry
// the first-position surcharge.
var voicing = func() (t [128][128]bool) {
	for _, p := range []string{"bp", "dt", "gk", "sz", "fv", "SZ", "DC", "JG", "JC", "GD"} {
		t[p[0]][p[1]], t[p[1]][p[0]] = true, true
	}
	return t
}()

// subst holds the costs of the cheap substitutions; pairs not listed cost
// costSubst (consonants) or costVowel (vowels).
var subst = func() (t [128][128]float32) {
	for a := range 128 {
		for b := range 128 {
			switch {
			case a == b:
				t[a][b] = 0
			case isKeyVowel(byte(a)) && isKeyVowel(byte(b)):
				t[a][b] = costVowel
			default:
				t[a][b] = costSubst
			}
		}
	}
	set := func(c float32, pairs ...string) {
		for _, p := range pairs {
			t[p[0]][p[1]] = c
			t[p[1]][p[0]] = c
		}
	}
	set(0.3, "ei", "ou", "ae")
	set(0.2, "iY", "iI")
	set(0.1, "IY")
	set(0.15, "JY", "GC", "GX", "JD")
	set(0.2, "GS", "JZ")
	set(0.3, "JX", "JG", "DC", "Xh", "DZ", "GD")
	set(0.4, "bp", "dt", "gk", "sz", "fv", "SZ", "Xk", "Ss", "Zz", "Cz", "Dz")
	set(0.5, "CS", "Gk", "Gh", "Js")
	set(0.6, "Xg", "lr", "Sz", "Cs", "Zs")
	set(0.8, "hg", "hk", "mn")
	return t
}()

func insCost(c byte) float64 {
	switch {
	case c == 'Y' || c == 'I':
		return costSemiIns
	case isKeyVowel(c):
		return costVowelIns
	case c == 'h':
		return costHIns
	}
	return costConsIns
}

func substCost(a, b byte) float64 {
	if a >= 128 || b >= 128 {
		if a == b {
			return 0
		}
		return costSubst
	}
	return float64(subst[a][b])
}

// Distance is the weighted edit distance between two phonetic keys.
func Distance(a, b string) float64 {
	if a == b {
		return 0
	}
	const maxLen = 48
	if len(a) > maxLen {
		a = a[:maxLen]
	}
	if len(b) > maxLen {
		b = b[:maxLen]
	}
	// Three rows: the one before the previous serves transpositions.
	var prev2, prev, cur [maxLen + 1]float64
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + insCost(b[j-1])*pos(j-1)
	}
	// A final a added after a consonant makes a man's name a woman's
	// (Luis / Luisa, Ivan / Ivana): it costs more than another vowel.
	endA := func(s, other string, i int) float64 {
		if i == len(s)-1 && s[i] == 'a' && i > 0 && !isKeyVowel(s[i-1]) && other != "" && !isKeyVowel(other[len(other)-1]) {
			return costFinalAO
		}
		return insCost(s[i])
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + insCost(a[i-1])*pos(i-1)
		for j := 1; j <= len(b); j++ {
			w := pos(min(i, j) - 1)
			if a[i-1] < 128 && b[j-1] < 128 && voicing[a[i-1]][b[j-1]] {
				w = 1
			}
			c := substCost(a[i-1], b[j-1])
			if i == len(a) && j == len(b) && (a[i-1] == 'a' && b[j-1] == 'o' || a[i-1] == 'o' && b[j-1] == 'a') {
				c = costFinalAO
			}
			best := prev[j-1] + c*w
			if d := prev[j] + endA(a, b, i-1)*pos(i-1); d < best {
				best = d
			}
			if d := cur[j-1] + endA(b, a, j-1)*pos(j-1); d < best {
				best = d
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				// Two letters swapped: Adbul for Abdul, Slaim for Salim.
				if d := prev2[j-2] + costSwap; d < best {
					best = d
				}
			}
			cur[j] = best
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func pos(i int) float64 {
	if i == 0 {
		return firstPosition
	}
	return 1
}

// Allowance is the largest distance at which two keys whose longer one has
// n symbols are still spellings of one name part: typos are tolerated in
// proportion to length.
func Allowance(n int) float64 {
	switch {
	case n <= 2:
		return 0.3
	case n == 3:
		return 0.4
	case n == 4:
		return 0.5
	case n == 5:
		return 0.75
	case n <= 7:
		return 1.05
	case n <= 10:
		return 1.55
	}
	return 2.05
}

// Similarity returns how alike two keys are, from 0 to 1, and false when
// they are too far apart to be spellings of one name part.
func Similarity(a, b string) (float64, bool) {
	if a == b {
		return 1, true
	}
	n := max(len(a), len(b))
	d := Distance(a, b)
	if d > Allowance(n) {
		return 0, false
	}
	return 1 - d/float64(n), true
}

// Costs of comparing a word written in an abjad (Arabic, Hebrew: long
// vowels written, short vowels not) with a Latin spelling.
const (
	abjadShortVowel = 0.15 // a Latin vowel the abjad leaves unwritten
	abjadLongVowel  = 0.7  // a vowel the abjad writes but the Latin lacks
)

// AbjadDistance is the edit distance between the key of a word written in
// an abjad and a Latin key: the Latin side's vowels may be missing from the
// abjad side at little cost (short vowels are not written), but the abjad
// side's written long vowels must be found in the Latin spelling.
func AbjadDistance(abjad, latin string) float64 {
	const maxLen = 48
	abjad, latin = abjad[:min(len(abjad), maxLen)], latin[:min(len(latin), maxLen)]
	var prev, cur [maxLen + 1]float64
	del := func(c byte) float64 { // a latin symbol absent from the abjad word
		if isKeyVowel(c) {
			return abjadShortVowel
		}
		return insCost(c)
	}
	ins := func(c byte) float64 { // an abjad symbol absent from the latin word
		if isKeyVowel(c) {
			return abjadLongVowel
		}
		return insCost(c)
	}
	for j := 1; j <= len(latin); j++ {
		prev[j] = prev[j-1] + del(latin[j-1])
	}
	for i := 1; i <= len(abjad); i++ {
		cur[0] = prev[0] + ins(abjad[i-1])
		for j := 1; j <= len(latin); j++ {
			best := prev[j-1] + substCost(abjad[i-1], latin[j-1])
			if d := prev[j] + ins(abjad[i-1]); d < best {
				best = d
			}
			if d := cur[j-1] + del(latin[j-1]); d < best {
				best = d
			}
			cur[j] = best
		}
		prev, cur = cur, prev
	}
	return prev[len(latin)]
}

// AbjadSimilarity compares an abjad word's key with a Latin key, like
// Similarity; it needs at least two consonants on each side, since one
// letter written without vowels could be almost any name.
func AbjadSimilarity(abjad, latin string) (float64, bool) {
	if len(Consonants(abjad)) < 2 || len(Consonants(latin)) < 2 {
		return 0, false
	}
	n := max(len(abjad), len(Consonants(latin)))
	d := AbjadDistance(abjad, latin)
	if d > Allowance(n) {
		return 0, false
	}
	return max(1-d/float64(n), 0), true
}
