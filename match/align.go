package match

import (
	"slices"

	"github.com/embargo/embargo/names"
)

// Scoring constants. They are the calibration of the name score and are
// checked by the labelled-pair tests and the screening benchmark.
const (
	// SingleCap bounds the score of a match that rests on a single name
	// part when either name has two or more: one common token ("Kim",
	// "Mohammed") is never enough.
	SingleCap = 0.6
	// unmatchedMinor is the share of an unmatched particle, title, initial
	// or generic word's weight that counts against the score.
	unmatchedMinor = 0.2
	// longPenalty scales the penalty for parts of the longer name that the
	// shorter one lacks (a missing middle name or patronymic).
	longPenalty = 0.3
	// longExcess adds to longPenalty for the share of the longer name
	// beyond 40% that the shorter one lacks.
	longExcess = 0.5
	// queryLongPenalty and queryLongExcess replace them when the query is
	// the longer name.
	queryLongPenalty = 0.4
	queryLongExcess  = 0.8
	// joinMinSim is the least similarity at which a joined pair of parts
	// aligns with one part ("Jong Un" / "Jongun"), or two joined pairs
	// with each other: a joined word would otherwise meet unrelated names
	// within its typo allowance. Short joined words must be closer still.
	joinMinSim      = 0.9
	joinMinSimShort = 0.95
	// joinMinSimAbjad is joinMinSim for a join written in an abjad, whose
	// similarity cannot pass abjadCeiling.
	joinMinSimAbjad = 0.95 * abjadCeiling
	// commonPartialCap holds the score of a match that rests only on very
	// common given names and surnames (names.IsCommon) while the longer
	// name has significant parts the other lacks: "Fernando Castro" is not
	// enough to point at "Luis Fernando Castro Villa".
	commonPartialCap = 0.69
	// commonFactor discounts any match resting only on very common names:
	// an exact "Jorge Vargas" still alerts, but a birth date or nationality
	// that disagrees now clears it.
	commonFactor = 0.8
	// typoFactor discounts a match in which every significant part matched
	// only fuzzily below typoSim (a misspelling, not a transliteration).
	typoFactor = 0.85
	typoSim    = 0.92
	// numberConflict multiplies the score when both names carry numbers
	// that disagree ("No. 3" is not "No. 5").
	numberConflict = 0.5
)

// Side is one name's tokens as the aligner sees them.
type Side struct {
	// Org is set for the name of an organisation, vessel or aircraft.
	Org    bool
	Tokens []*names.Token
	// Joins[i] is the token that writes Tokens[i] and Tokens[i+1] as one
	// word, or nil.
	Joins []*names.Token
}

// NewSide prepares a name for alignment, computing its joined tokens. A
// name's parts beyond MaxTokens are left out (lists write at most a dozen).
func NewSide(n *names.Name) Side {
	s := Side{Org: n.Org, Tokens: make([]*names.Token, min(len(n.Tokens), MaxTokens))}
	for i := range s.Tokens {
		s.Tokens[i] = &n.Tokens[i]
	}
	s.Joins = Joins(s.Tokens)
	return s
}

// Joins returns the joined token of each adjacent pair of word tokens
// (nil where a pair is not two words).
func Joins(toks []*names.Token) []*names.Token {
	if len(toks) < 2 {
		return nil
	}
	js := make([]*names.Token, len(toks)-1)
	for i := 0; i+1 < len(toks); i++ {
		if names.Joinable(toks[i], toks[i+1]) {
			j := names.Join(toks[i], toks[i+1])
			js[i] = &j
		}
	}
	return js
}

// Unit is a token or a joined pair on one side: index i < len(Tokens) is a
// token, len(Tokens)+k the join of tokens k and k+1.
type Unit = int

// SimFunc gives the similarity of query unit qu and name unit nu.
type SimFunc func(qu, nu Unit) (float64, How)

// Pair is one aligned pair of units.
type Pair struct {
	Q, N Unit
	Sim  float64
	How  How
}

// NameScore is the outcome of comparing two names.
type NameScore struct {
	Score float64
	Pairs []Pair
	// Capped is set when the score was held at SingleCap.
	Capped bool
	// NumberConflict is set when the names carry different numbers.
	NumberConflict bool
	// CommonOnly is set when the match rests on very common names only.
	CommonOnly bool
	// OnlyTypos is set when every part matched only as a misspelling.
	OnlyTypos bool
}

// span returns the token indices a unit covers.
func span(s *Side, u Unit) (int, int) {
	if u < len(s.Tokens) {
		return u, u
	}
	k := u - len(s.Tokens)
	return k, k + 1
}

// unitToken returns the token of a unit.
func unitToken(s *Side, u Unit) *names.Token {
	if u < len(s.Tokens) {
		return s.Tokens[u]
	}
	return s.Joins[u-len(s.Tokens)]
}

// DirectSim compares units by computing TokenSim.
func DirectSim(q, n *Side) SimFunc {
	return func(qu, nu Unit) (float64, How) {
		return TokenSim(unitToken(q, qu), unitToken(n, nu))
	}
}

// joinAccepts reports whether a pair involving a joined unit is close
// enough to align.
func joinAccepts(q, n *Side, qu, nu Unit, sim float64) bool {
	if qu < len(q.Tokens) && nu < len(n.Tokens) {
		return true
	}
	qt, nt := unitToken(q, qu), unitToken(n, nu)
	switch {
	case qu >= len(q.Tokens) && nu >= len(n.Tokens):
		// Two joined pairs: the same two words spaced differently, no more.
		return sim >= simPhonetic
	case qt.Script.IsSyllabic() || nt.Script.IsSyllabic():
		// Joined syllables must spell the word: Minghui is not Mingguo.
		return sim >= simPhonetic
	case qt.Abjad() || nt.Abjad():
		// Written without short vowels (نصر الله for Nasrallah): a
		// comparison of consonants tops out at abjadCeiling, so the join
		// must come close to it, every consonant in place.
		return sim >= joinMinSimAbjad
	case len(qt.Key) <= 5 || len(nt.Key) <= 5:
		return sim >= joinMinSimShort
	}
	return sim >= joinMinSim
}

// Units returns the units of a side: every token, then every join.
func Units(s *Side) []Unit {
	us := make([]Unit, 0, len(s.Tokens)+len(s.Joins))
	for i := range s.Tokens {
		us = append(us, i)
	}
	for k, j := range s.Joins {
		if j != nil {
			us = append(us, len(s.Tokens)+k)
		}
	}
	return us
}

// MaxTokens bounds the parts of a name the aligner looks at, so that a
// side has fewer than 64 units (parts and joins).
const MaxTokens = 32

const maxTokens = MaxTokens

// Align aligns two names and scores them.
func Align(q, n *Side, sim SimFunc) NameScore {
	nq, nn := min(len(q.Tokens), maxTokens), min(len(n.Tokens), maxTokens)
	var stack [64]Pair
	pairs := stack[:0]
	units := func(s *Side, count int, fn func(Unit)) {
		for i := range count {
			fn(i)
		}
		for k, j := range s.Joins {
			if j != nil && k+1 < count {
				fn(len(s.Tokens) + k)
			}
		}
	}
	units(q, nq, func(qu Unit) {
		units(n, nn, func(nu Unit) {
			s, how := sim(qu, nu)
			if s > 0 && joinAccepts(q, n, qu, nu, s) {
				pairs = append(pairs, Pair{qu, nu, s, how})
			}
		})
	})
	// Greedy: best pairs first; among equals, the one covering fewer
	// tokens (a token pair before a join), then the heavier. Insertion sort:
	// there are few pairs, and it is stable.
	better := func(a, b Pair) bool {
		if a.Sim != b.Sim {
			return a.Sim > b.Sim
		}
		if sa, sb := pairSpan(q, n, a), pairSpan(q, n, b); sa != sb {
			return sa < sb
		}
		return pairWeight(q, n, a) > pairWeight(q, n, b)
	}
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && better(pairs[j], pairs[j-1]); j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	var qUsed, nUsed [maxTokens]float64 // similarity each token got
	var qTaken, nTaken [maxTokens]bool
	var chosenStack [maxTokens]Pair
	chosen := chosenStack[:0]
	for _, p := range pairs {
		qa, qb := span(q, p.Q)
		na, nb := span(n, p.N)
		if qTaken[qa] || qTaken[qb] || nTaken[na] || nTaken[nb] {
			continue
		}
		for i := qa; i <= qb; i++ {
			qTaken[i], qUsed[i] = true, p.Sim
		}
		for i := na; i <= nb; i++ {
			nTaken[i], nUsed[i] = true, p.Sim
		}
		chosen = append(chosen, p)
	}
	res := NameScore{Pairs: slices.Clone(chosen)}
	qs := tally(q.Tokens[:nq], qUsed[:nq], qTaken[:nq])
	ns := tally(n.Tokens[:nn], nUsed[:nn], nTaken[:nn])
	score := coverageScore(qs.Coverage, ns.Coverage)
	long := ns
	if queryIsLong(qs.Coverage, ns.Coverage) {
		long = qs
	}
	if long.Total > 0 {
		// A syllable of a name written in Hangul or Chinese characters is a
		// name part of its own: missing it is a different name (Kim Jong Un
		// is not Kim Jong), not a missing middle name. When either name is
		// written in syllables, every part the other lacks counts so; and
		// so does every distinctive word of an organisation's name (Gazprom
		// is not Gazprom Neft; the Central Bank is not the Central Bank of
		// Iran): companies have no middle names.
		left := long.syllablesLeft
		if qs.syllabic || ns.syllabic || q.Org || n.Org {
			left = long.sigLeft
		}
		f := 1 - left/long.Total
		score *= f * f
	}
	score = max(score, 0)
	if qs.numLeft > 0 && ns.numLeft > 0 {
		score *= numberConflict
		res.NumberConflict = true
	}
	// The listed name's parts that found a partner: a query part split in
	// two ("sa na" for the weak alias "SANA") still covers one listed part.
	// At least one pair must join two name parts: initials alone ("J. R.")
	// identify nobody.
	aligned := ns.sigAligned
	if aligned == 1 && qs.Sig == 2 && ns.Sig == 1 && wholeJoin(q, chosen) {
		aligned = 2 // Hizb Allah for HIZBALLAH: two words, both the name's
	}
	if (aligned < MinAligned(qs.Sig, ns.Sig) || !partPair(q, n, chosen)) && score > SingleCap {
		score = SingleCap
		res.Capped = true
	}
	if ns.sigAligned > 0 && onlyTypos(q, n, chosen) {
		// Every part matched only as a misspelling of another (Tara /
		// Thura, Sen / San): two such coincidences make a different name
		// more often than a twice-misspelt one.
		score *= typoFactor
		res.OnlyTypos = true
	}
	if ns.sigAligned > 0 && commonOnly(q, n, chosen) {
		res.CommonOnly = true
		score *= commonFactor
		if long.sigLeft > 0 && score > commonPartialCap {
			score = commonPartialCap
		}
	}
	res.Score = min(score, 1)
	return res
}

// Left returns the indices of the tokens of side s (the query when query
// is set, else the listed name) that no aligned pair covers.
func (r *NameScore) Left(s *Side, query bool) []int {
	var taken [maxTokens]bool
	for _, p := range r.Pairs {
		u := p.N
		if query {
			u = p.Q
		}
		a, b := span(s, u)
		taken[a], taken[b] = true, true
	}
	var out []int
	for i := range min(len(s.Tokens), maxTokens) {
		if !taken[i] {
			out = append(out, i)
		}
	}
	return out
}

func pairWeight(q, n *Side, p Pair) float64 {
	return unitToken(q, p.Q).Weight + unitToken(n, p.N).Weight
}

func pairSpan(q, n *Side, p Pair) int {
	qa, qb := span(q, p.Q)
	na, nb := span(n, p.N)
	return qb - qa + nb - na
}

// sideTally sums one side's weights.
// Coverage summarises one side of an alignment for the score: the weight
// of its parts, of those aligned (times their similarity), of those left
// out (minor parts at unmatchedMinor of their weight), and its number of
// significant parts.
type Coverage struct {
	Total, Matched, Penalty float64
	Sig                     int
}

// queryIsLong reports whether the query is the longer side: the one with
// more significant parts, or, at equal numbers, more weight.
func queryIsLong(q, n Coverage) bool {
	return n.Sig < q.Sig || n.Sig == q.Sig && n.Total < q.Total
}

// coverageScore is the heart of the name score: the aligned share of the
// shorter name, less its parts left out, discounted for the parts of the
// longer name the shorter lacks.
func coverageScore(q, n Coverage) float64 {
	short, long, queryLong := q, n, false
	if queryIsLong(q, n) {
		short, long, queryLong = n, q, true
	}
	score := 0.0
	if short.Total > 0 {
		score = (short.Matched - short.Penalty) / short.Total
	}
	if long.Total > 0 {
		// Parts of the longer name the shorter lacks: a missing middle name
		// costs little, but a short name found inside a much longer one
		// (two parts of five) is weak evidence.
		r := long.Penalty / long.Total
		lp, le := longPenalty, longExcess
		if queryLong {
			// The query names parts the listed name lacks: a short listed
			// name found inside a longer query (two parts of four) is weaker
			// evidence than a query that omits a listed middle name.
			lp, le = queryLongPenalty, queryLongExcess
		}
		score *= 1 - lp*r - le*max(0, r-0.4)
	}
	return score
}

// UpperBound bounds the name score of two names from above, given for
// each side the weight of the parts that could align at all (Matched, at
// similarity 1) and the penalty of those that cannot (Penalty): every other
// factor of Align only lowers the score. The index skips candidates whose
// bound, plus the most the evidence can add, stays below the threshold.
func UpperBound(q, n Coverage) float64 { return min(max(coverageScore(q, n), 0), 1) }

// MinCovered returns the least number of the query's significant parts
// that a listed name must cover for its name score to reach minScore,
// whatever the name: the heaviest parts covered at similarity 1, minor
// parts covered, every other factor at its most favourable. It returns
// len(sig)+1 when no name can reach minScore. weights are the significant
// parts' weights; minor is the weight of the minor parts.
func MinCovered(weights []float64, minor, minScore float64) int {
	w := slices.Clone(weights)
	slices.SortFunc(w, func(a, b float64) int {
		switch {
		case a > b:
			return -1
		case a < b:
			return 1
		}
		return 0
	})
	total := minor
	for _, x := range w {
		total += x
	}
	if total <= 0 {
		return 0
	}
	covered := minor
	for c := 0; c <= len(w); c++ {
		if c > 0 {
			covered += w[c-1]
		}
		uncovered := total - covered
		r := uncovered / total
		// The listed name is the shorter side, entirely aligned.
		asLong := 1 - queryLongPenalty*r - queryLongExcess*max(0, r-0.4)
		// The query is the shorter side.
		asShort := (covered - uncovered) / total
		if max(asLong, asShort) >= minScore {
			return c
		}
	}
	return len(w) + 1
}

// MaxEvidence is the most secondary evidence can add to a name score for
// the query.
func MaxEvidence(q *Analyzed) float64 {
	e := 0.0
	if len(q.BirthDates) > 0 {
		e += dobExact
	}
	if len(q.Countries) > 0 {
		e += countryMatch
	}
	if len(q.Identifiers) > 0 {
		e += idMatch
	}
	return e
}

// WeakFactor is what a match on a weak alias is multiplied by.
const WeakFactor = weakAliasFactor

// CommonFactor is what a match resting only on very common names is
// multiplied by.
const CommonFactor = commonFactor

// MinorPenalty is the share of a minor part's weight (particle, title,
// initial) that counts against the score when it is left out.
const MinorPenalty = unmatchedMinor

type sideTally struct {
	Coverage
	sigAligned    int
	numLeft       int     // unmatched numbers
	syllablesLeft float64 // weight of unmatched CJK syllables
	sigLeft       float64 // weight of unmatched significant tokens
	syllabic      bool    // some token was written in syllables
}

func tally(toks []*names.Token, used []float64, taken []bool) sideTally {
	var t sideTally
	for i, tok := range toks {
		w := tok.Weight
		t.Total += w
		if tok.Script.IsSyllabic() {
			t.syllabic = true
		}
		if tok.Significant() {
			t.Sig++
		}
		if taken[i] {
			t.Matched += w * used[i]
			if tok.Significant() {
				t.sigAligned++
			}
			continue
		}
		if tok.Significant() {
			t.Penalty += w
		} else {
			t.Penalty += w * unmatchedMinor
		}
		if tok.Kind == names.Number {
			t.numLeft++
		}
		if tok.Significant() {
			t.sigLeft += w
			if tok.Script.IsSyllabic() {
				t.syllablesLeft += w
			}
		}
	}
	return t
}

// commonOnly reports whether every aligned pair of significant parts has a
// very common name on one side at least.
func commonOnly(q, n *Side, pairs []Pair) bool {
	allCommon := func(s *Side, a, b int) (sig, common bool) {
		common = true
		for i := a; i <= b; i++ {
			t := s.Tokens[i]
			if t.Significant() {
				sig = true
				common = common && t.Common
			}
		}
		return sig, common
	}
	for _, p := range pairs {
		qa, qb := span(q, p.Q)
		na, nb := span(n, p.N)
		qSig, qc := allCommon(q, qa, qb)
		nSig, nc := allCommon(n, na, nb)
		if (qSig || nSig) && !qc && !nc {
			return false
		}
	}
	return true
}

// onlyTypos reports whether every aligned pair of significant parts is a
// fuzzy match below typoSim.
func onlyTypos(q, n *Side, pairs []Pair) bool {
	any := false
	for _, p := range pairs {
		qt, nt := unitToken(q, p.Q), unitToken(n, p.N)
		if !qt.Significant() && !nt.Significant() {
			continue
		}
		if p.How != Fuzzy || p.Sim >= typoSim {
			return false
		}
		any = true
	}
	return any
}

// MinAligned is how many significant parts of a listed name must find a
// partner for a match to score above SingleCap: two when either name has
// two or more, else one. The index prunes on it.
func MinAligned(querySig, nameSig int) int { return min(2, max(querySig, nameSig)) }

// minWholeJoinPart is the least length of each word of a two-word query
// that, written together, spells a one-word listed name in full.
const minWholeJoinPart = 3

// wholeJoin reports whether the query's two significant words, written
// as one, are the listed name's only word ("Hizb Allah" / "HIZBALLAH",
// "Abu Bakr" / "ABUBAKR"): then the listed name is matched by two parts,
// not by one. Syllables (Hangul, Chinese characters) and short words
// ("Sa Na" / "SANA") join into too many names to count so.
func wholeJoin(q *Side, pairs []Pair) bool {
	if len(pairs) != 1 || pairs[0].Q < len(q.Tokens) {
		return false
	}
	k := pairs[0].Q - len(q.Tokens)
	a, b := q.Tokens[k], q.Tokens[k+1]
	return a.Significant() && b.Significant() && !a.Script.IsSyllabic() && !b.Script.IsSyllabic() &&
		len(a.Text) >= minWholeJoinPart && len(b.Text) >= minWholeJoinPart
}

// partPair reports whether some aligned pair joins significant parts on
// both sides (not an initial to a word).
func partPair(q, n *Side, pairs []Pair) bool {
	for _, p := range pairs {
		if unitToken(q, p.Q).Significant() && unitToken(n, p.N).Significant() {
			return true
		}
	}
	return false
}
