package names

// Edit costs between phonetic key symbols (see key.go), in units of 1/40:
// integers keep the dynamic programme fast and exact. A substitution
// between two spellings of one sound costs little; between different sounds
// of one class (voicing: b/p, d/t, g/k, s/z, v/f) somewhat more; between
// unrelated consonants the full unit (40). Vowels are cheap to change,
// insert or drop: transliteration conventions disagree on them most.
const (
	unit          = 40 // cost of an unrelated consonant, and of 1.0 in Allowance
	costVowel     = 14 // one vowel for another (0.35)
	costVowelIns  = 20 // insert or drop a vowel (0.5)
	costSemiIns   = 12 // insert or drop the semivowel Y (0.3)
	costHIns      = 20 // insert or drop h (0.5)
	costConsIns   = unit
	costSubst     = unit
	costFinalAO   = 32 // a final a for o, or an added final a: Angelo / Angela, Luis / Luisa (0.8)
	costSwap      = 24 // two adjacent symbols swapped: Adbul / Abdul (0.6)
	firstPosition = 3  // edits on the first symbol weigh 3/2 more: Ali is not Eli
)

// Abjad comparison costs (see AbjadDistance).
const (
	abjadShortVowel = 6  // a Latin vowel the abjad leaves unwritten (0.15)
	abjadLongVowel  = 28 // a vowel the abjad writes but the Latin lacks (0.7)
)

// costTables holds the immutable cost tables.
type costTables struct {
	subst, substFirst [128][128]int32 // substitution, anywhere / at the first symbol
	ins               [128]int32      // insertion or deletion
	vowel             [128]bool
}

// costs is built once; it never changes.
var costs = func() *costTables {
	t := &costTables{}
	for c := range 128 {
		t.vowel[c] = isKeyVowel(byte(c))
		switch {
		case c == 'Y' || c == 'I':
			t.ins[c] = costSemiIns
		case t.vowel[c]:
			t.ins[c] = costVowelIns
		case c == 'h':
			t.ins[c] = costHIns
		default:
			t.ins[c] = costConsIns
		}
	}
	for a := range 128 {
		for b := range 128 {
			switch {
			case a == b:
				t.subst[a][b] = 0
			case t.vowel[a] && t.vowel[b]:
				t.subst[a][b] = costVowel
			default:
				t.subst[a][b] = costSubst
			}
		}
	}
	set := func(c int32, pairs ...string) {
		for _, p := range pairs {
			t.subst[p[0]][p[1]], t.subst[p[1]][p[0]] = c, c
		}
	}
	set(12, "ei", "ou", "ae")
	set(8, "iY", "iI")
	set(4, "IY")
	set(6, "JY", "GC", "GX", "JD")
	set(8, "GS", "JZ")
	set(12, "JX", "JG", "DC", "Xh", "DZ", "GD")
	set(16, "bp", "dt", "gk", "sz", "fv", "SZ", "Xk", "Ss", "Zz", "Cz", "Dz")
	set(20, "CS", "Gk", "Gh", "Js")
	set(24, "Xg", "lr", "Sz", "Cs", "Zs")
	set(32, "hg", "hk", "mn")
	// At the start of a word, differences of voicing are the usual
	// difference between romanisations (Kim / Gim, Pong / Bong, Deng /
	// Teng, Zhou / Chou): they carry no surcharge. Everything else does.
	t.substFirst = t.subst
	voicing := map[[2]byte]bool{}
	for _, p := range []string{"bp", "dt", "gk", "sz", "fv", "SZ", "DC", "JG", "JC", "GD"} {
		voicing[[2]byte{p[0], p[1]}], voicing[[2]byte{p[1], p[0]}] = true, true
	}
	for a := range 128 {
		for b := range 128 {
			if !voicing[[2]byte{byte(a), byte(b)}] {
				t.substFirst[a][b] = t.subst[a][b] * firstPosition / 2
			}
		}
	}
	return t
}()

const maxKey = 48

func clip(s string) string {
	if len(s) > maxKey {
		return s[:maxKey]
	}
	return s
}

// insCosts writes the cost of inserting or deleting each symbol of s: the
// first symbol costs more, and a final a after a consonant, against a word
// ending in a consonant, costs what turning a man's name into a woman's
// does.
func insCosts(dst *[maxKey]int32, s, other string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		v := int32(costConsIns)
		if c < 128 {
			v = costs.ins[c]
		}
		if i == len(s)-1 && c == 'a' && i > 0 && !isKeyVowel(s[i-1]) && other != "" && !isKeyVowel(other[len(other)-1]) {
			v = costFinalAO
		}
		if i == 0 {
			v = v * firstPosition / 2
		}
		dst[i] = v
	}
}

func subst(a, b byte, first bool) int32 {
	if a >= 128 || b >= 128 {
		if a == b {
			return 0
		}
		if first {
			return costSubst * firstPosition / 2
		}
		return costSubst
	}
	if first {
		return costs.substFirst[a][b]
	}
	return costs.subst[a][b]
}

// distance is the weighted edit distance in cost units, or limit+1 as soon
// as it is sure to exceed limit.
func distance(a, b string, limit int32) int32 {
	if a == b {
		return 0
	}
	a, b = clip(a), clip(b)
	var insA, insB [maxKey]int32
	insCosts(&insA, a, b)
	insCosts(&insB, b, a)
	// Three rows: the one before the previous serves transpositions.
	var prev2, prev, cur [maxKey + 1]int32
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + insB[j-1]
	}
	lastMin := int32(0) // the previous row's least value
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + insA[i-1]
		rowMin := cur[0]
		ai := a[i-1]
		for j := 1; j <= len(b); j++ {
			bj := b[j-1]
			c := subst(ai, bj, i == 1 || j == 1)
			if i == len(a) && j == len(b) && (ai == 'a' && bj == 'o' || ai == 'o' && bj == 'a') {
				c = costFinalAO
			}
			best := prev[j-1] + c
			if d := prev[j] + insA[i-1]; d < best {
				best = d
			}
			if d := cur[j-1] + insB[j-1]; d < best {
				best = d
			}
			if i > 1 && j > 1 && ai == b[j-2] && a[i-2] == bj && ai != a[i-2] {
				if d := prev2[j-2] + costSwap; d < best {
					best = d
				}
			}
			cur[j] = best
			rowMin = min(rowMin, best)
		}
		// Later rows build on this row and, through transpositions, the
		// previous one: once both exceed the limit, so will the result.
		if rowMin > limit && lastMin > limit {
			return limit + 1
		}
		lastMin = rowMin
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Distance is the weighted edit distance between two phonetic keys, in
// units where an unrelated consonant costs 1.
func Distance(a, b string) float64 {
	return float64(distance(a, b, 1<<30)) / unit
}

// allowance is Allowance in cost units.
func allowance(n int) int32 {
	switch {
	case n <= 2:
		return 12 // 0.3: a spelling-level change, not another vowel
	case n == 3:
		return 16 // 0.4
	case n == 4:
		return 20 // 0.5
	case n == 5:
		return 30 // 0.75
	case n <= 7:
		return 42 // 1.05
	case n <= 10:
		return 62 // 1.55
	}
	return 82 // 2.05
}

// Allowance is the largest distance at which two keys whose longer one has
// n symbols are still spellings of one name part: typos are tolerated in
// proportion to length.
func Allowance(n int) float64 { return float64(allowance(n)) / unit }

// Similarity returns how alike two keys are, from 0 to 1, and false when
// they are too far apart to be spellings of one name part.
func Similarity(a, b string) (float64, bool) {
	if a == b {
		return 1, true
	}
	n := max(len(a), len(b))
	lim := allowance(n)
	d := distance(a, b, lim)
	if d > lim {
		return 0, false
	}
	return 1 - float64(d)/float64(unit*n), true
}

// AbjadDistance is the edit distance between the key of a word written in
// an abjad and a Latin key: the Latin side's vowels may be missing from the
// abjad side at little cost (short vowels are not written), but the abjad
// side's written long vowels must be found in the Latin spelling.
func AbjadDistance(abjad, latin string) float64 {
	return float64(abjadDistance(abjad, latin, 1<<30)) / unit
}

func abjadDistance(abjad, latin string, limit int32) int32 {
	abjad, latin = clip(abjad), clip(latin)
	del := func(c byte) int32 { // a latin symbol absent from the abjad word
		if isKeyVowel(c) {
			return abjadShortVowel
		}
		if c < 128 {
			return costs.ins[c]
		}
		return costConsIns
	}
	ins := func(c byte) int32 { // an abjad symbol absent from the latin word
		if isKeyVowel(c) {
			return abjadLongVowel
		}
		if c < 128 {
			return costs.ins[c]
		}
		return costConsIns
	}
	var prev2, prev, cur [maxKey + 1]int32
	for j := 1; j <= len(latin); j++ {
		prev[j] = prev[j-1] + del(latin[j-1])
	}
	lastMin := int32(0)
	for i := 1; i <= len(abjad); i++ {
		cur[0] = prev[0] + ins(abjad[i-1])
		rowMin := cur[0]
		for j := 1; j <= len(latin); j++ {
			best := prev[j-1] + abjadSubst(abjad[i-1], latin[j-1])
			if d := prev[j] + ins(abjad[i-1]); d < best {
				best = d
			}
			if d := cur[j-1] + del(latin[j-1]); d < best {
				best = d
			}
			if i > 1 && j > 1 && abjad[i-1] == latin[j-2] && abjad[i-2] == latin[j-1] && abjad[i-1] != abjad[i-2] {
				// A long vowel written on the other side of a consonant:
				// ديمتري (dimtri) for Dmitri.
				if d := prev2[j-2] + costSwap; d < best {
					best = d
				}
			}
			cur[j] = best
			rowMin = min(rowMin, best)
		}
		if rowMin > limit && lastMin > limit {
			return limit + 1
		}
		lastMin = rowMin
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(latin)]
}

// abjadSubst is the cost of an abjad symbol for a Latin one. Arabic has no
// p, v or hard g, and writes foreign names with b, f and gh or j (Putin
// بوتين, Peskov بيسكوف, Sergei سيرغي), so those stand in for each other
// at little cost.
func abjadSubst(a, l byte) int32 {
	switch [2]byte{a, l} {
	case [2]byte{'b', 'p'}, [2]byte{'f', 'v'}, [2]byte{'g', 'g'}, [2]byte{'k', 'g'}, [2]byte{'D', 'g'}, [2]byte{'J', 'g'}:
		return 4
	}
	return subst(a, l, false)
}

// AbjadSimilarity compares an abjad word's key with a Latin key, like
// Similarity; it needs at least two consonants on each side, since one
// letter written without vowels could be almost any name.
func AbjadSimilarity(abjad, latin string) (float64, bool) {
	if len(Consonants(abjad)) < 2 || len(Consonants(latin)) < 2 {
		return 0, false
	}
	n := max(len(abjad), len(Consonants(latin)))
	lim := allowance(n)
	d := abjadDistance(abjad, latin, lim)
	if d > lim {
		return 0, false
	}
	return max(1-float64(d)/float64(unit*n), 0), true
}
