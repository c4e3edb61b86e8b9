package index

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/names"
)

// Options tune a search.
type Options struct {
	// Threshold is the score at which a result is a match. Results below it
	// are returned too, up to Limit, but only those at or above it are
	// guaranteed complete.
	Threshold float64
	// Limit caps the number of results; 0 means no cap.
	Limit int
	// Type keeps only entities of one type (Unknown: all).
	Type entity.Type
	// Sources keeps only entities of these sources (empty: all).
	Sources []string
	// MinScore drops results scoring below it.
	MinScore float64
}

// Hit is one result of a search.
type Hit struct {
	Entity *entity.Entity
	match.Result
	// Side is the matched listed name as the aligner saw it, for
	// explanations.
	Side match.Side
}

// Explain describes the hit for an analyst.
func (h *Hit) Explain(q *match.Analyzed) []string {
	return match.Explain(q, h.Entity, &h.Side, &h.Result)
}

// simEntry is the similarity of a query unit with one vocabulary entry.
// In a querySide's rev map, vocab holds the query unit instead.
type simEntry struct {
	vocab uint32
	sim   float64
	how   match.How
}

// unitMatches finds every vocabulary entry the query token matches, with
// its similarity: the entries that pass names.Gate with it, found through
// the deletion variants of its key (or, for a word in an abjad, of its
// consonants), and those sharing a symbol, scored by match.GatedSim.
// Results are cached by token.
func (ix *Index) unitMatches(t *names.Token) []simEntry {
	if !retrievable(t) {
		return nil
	}
	// Joined query words (first and last name written together) are
	// nearly always new: caching them would only push out the name parts
	// that do repeat.
	k := keyOf(t)
	if !t.Joined {
		if m, ok := ix.cache.get(k); ok {
			return m
		}
	}
	// gated[v] is true when how v was found proves it passes the gate.
	gated := map[uint32]bool{}
	lookup := func(h uint64, proves func(v uint32) bool) {
		ix.keys.lookup(h, func(v uint32) {
			if !gated[v] {
				gated[v] = proves(v)
			}
		})
	}
	qAbjad := t.Abjad()
	keyProves := func(v uint32) bool {
		u := &ix.vocab[v]
		return !u.ExactOnly && !t.ExactOnly && (!qAbjad || u.Abjad())
	}
	if t.ExactOnly {
		lookup(ix.hash(keyPrefix, []byte(t.Key)), keyProves)
	} else {
		names.Deletions(t.Key, func(d []byte) { lookup(ix.hash(keyPrefix, d), keyProves) })
	}
	if qAbjad && len(t.Cons) >= 2 {
		names.Deletions(t.Cons, func(d []byte) {
			lookup(ix.hash(consPrefix, d), func(uint32) bool { return true })
		})
	}
	for _, s := range t.Syms {
		lookup(ix.hash(symPrefix, []byte(s)), func(uint32) bool { return false })
	}
	var out []simEntry
	for v, g := range gated {
		u := &ix.vocab[v]
		if s, how := match.GatedSim(t, u, g || names.Gate(t, u)); s > 0 {
			out = append(out, simEntry{v, s, how})
		}
	}
	slices.SortFunc(out, func(a, b simEntry) int { return cmp.Compare(a.vocab, b.vocab) })
	if !t.Joined {
		ix.cache.put(k, out)
	}
	return out
}

// querySide holds one analysed query name with the matches of its units.
type querySide struct {
	side    *match.Side
	matches [][]simEntry // per unit
	// direct[u] is set for units that retrieve nothing (minor parts when
	// pruning): they are compared with candidates' parts directly.
	direct []bool
	// rev maps a vocabulary entry to the units that match it, each as a
	// simEntry whose vocab field holds the query unit.
	rev map[uint32][]simEntry
	// exactKeys[u] is the hash under which an exact join with unit u's key
	// is stored (0 for units that retrieve nothing).
	exactKeys []uint64
	// exactBloom has bit h%64 set for the low half h of each exact key: most
	// exact joins of candidate names fail it at once.
	exactBloom uint64
	// vocabUnits holds, for each vocabulary entry, the bits of the units
	// that match it: faster than rev for the many lookups of candidate
	// filtering.
	vocabUnits unitSet
	// sigMask[u] has a bit for each significant query part unit u covers.
	sigMask []uint64
	// parts describes the query's parts for bound (up to match.MaxTokens,
	// as the aligner reads them); initials has a bit per letter of the
	// query's initials.
	parts    []partInfo
	initials uint32
	// sigToks and initialCount count the query's significant parts and
	// initials.
	sigToks, initialCount int
	// distinct has a bit for each unit covering a significant part that
	// is not a very common name (see match's commonOnly).
	distinct uint64
	// unitWeight[u] is the weight of the significant parts unit u covers.
	unitWeight []float64
}

// partInfo is what bound needs of one query part.
type partInfo struct {
	weight float64
	sig    bool
	letter uint32 // the bit of its first letter (a to z), 0 otherwise
	units  uint64 // the units that cover it
}

// units returns the bits of the query units that match vocabulary entry v.
func (qs *querySide) units(v uint32) uint64 { return qs.vocabUnits.get(v).bits }

// covered counts the significant query parts the given units cover.
func (qs *querySide) covered(units uint64) int {
	var m uint64
	for units != 0 {
		u := bits.TrailingZeros64(units)
		units &^= 1 << u
		m |= qs.sigMask[u]
	}
	return bits.OnesCount64(m)
}

func unitTok(s *match.Side, u match.Unit) *names.Token {
	if u < len(s.Tokens) {
		return s.Tokens[u]
	}
	return s.Joins[u-len(s.Tokens)]
}

// prepare finds the matches of a query name's units.
func (ix *Index) prepare(s *match.Side, prune bool) querySide {
	n := len(s.Tokens) + len(s.Joins)
	qs := querySide{side: s, matches: make([][]simEntry, n), direct: make([]bool, n), rev: map[uint32][]simEntry{},
		exactKeys: make([]uint64, n), sigMask: make([]uint64, n), unitWeight: make([]float64, n)}
	qs.parts = make([]partInfo, min(len(s.Tokens), match.MaxTokens))
	for i, t := range s.Tokens[:len(qs.parts)] {
		qs.parts[i] = partInfo{weight: t.Weight, sig: t.Significant(), letter: letterBit(t.Text)}
		if t.Kind == names.Initial {
			qs.initials |= letterBit(t.Text)
		}
	}
	for _, t := range s.Tokens {
		switch {
		case t.Significant():
			qs.sigToks++
		case t.Kind == names.Initial:
			qs.initialCount++
		}
	}
	for _, u := range match.Units(s) {
		a, b := u, u
		if u >= len(s.Tokens) {
			a = u - len(s.Tokens)
			b = a + 1
		}
		for i := a; i <= b; i++ {
			if i < len(qs.parts) {
				qs.parts[i].units |= 1 << u
				if qs.parts[i].sig {
					qs.unitWeight[u] += qs.parts[i].weight
				}
			}
			if t := s.Tokens[i]; t.Significant() {
				qs.sigMask[u] |= 1 << i
				if !t.Common {
					qs.distinct |= 1 << u
				}
			}
		}
	}
	n = 0
	for _, u := range match.Units(s) {
		t := unitTok(s, u)
		if prune && !t.Significant() {
			qs.direct[u] = true
			continue
		}
		if retrievable(t) {
			qs.exactKeys[u] = ix.hash(exactPrefix, []byte(t.Key))
			qs.exactBloom |= 1 << (uint32(qs.exactKeys[u]) % 64)
		}
		qs.matches[u] = ix.unitMatches(t)
		n += len(qs.matches[u])
	}
	qs.vocabUnits = newUnitSet(n)
	for u, ms := range qs.matches {
		for _, m := range ms {
			qs.rev[m.vocab] = append(qs.rev[m.vocab], simEntry{uint32(u), m.sim, m.how})
			qs.vocabUnits.add(m.vocab, 1<<u, m.sim, qs.unitWeight[u])
		}
	}
	return qs
}

// Search finds the entities matching the query, best first.
//
// Candidates are scored in decreasing order of the upper bound of their
// score (see bound); with a Limit, scoring stops once the bound of the
// next candidate is below the Limit-th best score found: no later
// candidate could enter the results, which are exactly those of scoring
// every candidate.
func (ix *Index) Search(q *match.Analyzed, opt Options) []Hit {
	prune := opt.Threshold > match.SingleCap
	qsides := make([]querySide, len(q.Sides))
	cands := map[uint32]float64{}
	maxEvidence := match.MaxEvidence(q)
	for i := range q.Sides {
		qsides[i] = ix.prepare(&q.Sides[i], prune)
		ix.collect(&qsides[i], prune, opt.MinScore-maxEvidence, cands)
	}
	byEntity := map[uint32]*candidate{}
	for nid, b := range cands {
		ei := ix.nameEntity[nid]
		c := byEntity[ei]
		if c == nil {
			c = &candidate{entity: ei}
			byEntity[ei] = c
		}
		c.names = append(c.names, nid)
		c.bound = max(c.bound, b+maxEvidence)
	}
	// Entities with an identifier the query gives are candidates whatever
	// their names, through all their names.
	for _, id := range q.Identifiers {
		for _, ei := range ix.idents[entity.NormalizeIDValue(id.Type, id.Value)] {
			byEntity[ei] = &candidate{entity: ei, names: ix.namesOf(ei), bound: math.Inf(1)}
		}
	}
	order := make([]*candidate, 0, len(byEntity))
	for _, c := range byEntity {
		order = append(order, c)
	}
	slices.SortFunc(order, func(a, b *candidate) int {
		return cmp.Or(cmp.Compare(b.bound, a.bound), cmp.Compare(a.entity, b.entity))
	})
	var hits []Hit
	var top topScores
	for _, c := range order {
		if opt.Limit > 0 && len(top) == opt.Limit && c.bound < top[len(top)-1] {
			break
		}
		e := ix.entities[c.entity]
		if opt.Type != entity.Unknown && e.Type != entity.Unknown && e.Type != opt.Type {
			continue
		}
		if len(opt.Sources) > 0 && !slices.Contains(opt.Sources, e.Source) {
			continue
		}
		slices.Sort(c.names)
		h := ix.score(q, qsides, e, c.names)
		if h.Score < opt.MinScore || h.Score <= 0 {
			continue
		}
		hits = append(hits, h)
		top.add(h.Score, opt.Limit)
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
	if opt.Limit > 0 && len(hits) > opt.Limit {
		hits = hits[:opt.Limit]
	}
	return hits
}

// candidate is an entity some of whose names were retrieved, with the
// upper bound of its score.
type candidate struct {
	entity uint32
	names  []uint32
	bound  float64
}

// topScores holds the best scores found so far, highest first, at most
// as many as the limit.
type topScores []float64

func (t *topScores) add(s float64, limit int) {
	if limit <= 0 {
		return
	}
	i, _ := slices.BinarySearchFunc(*t, s, func(a, b float64) int { return cmp.Compare(b, a) })
	if i >= limit {
		return
	}
	*t = slices.Insert(*t, i, s)
	if len(*t) > limit {
		*t = (*t)[:limit]
	}
}

// collect adds to cands the names the query side can match.
//
// Without pruning, every name sharing a matched part, a matched join or an
// exact join with the query is a candidate. With prune set (a threshold
// above match.SingleCap) it leaves out the names that provably cannot score
// above the cap, which holds a name to SingleCap unless match.MinAligned
// of its significant parts find partners and some pair joins two name parts:
//   - minor parts (particles, titles) retrieve nothing: they only pair with
//     each other and cover no significant part;
//   - when the query has one significant part and no initial, a part of it
//     retrieves only names with one significant part (tokPost1): in a longer
//     name it covers one part (a join can cover two: joins are always read);
//   - when the query has no initial, the postings of frequent parts are not
//     read: a name whose covered parts are all frequent has two of them,
//     which the pair index finds;
//   - a candidate is kept only if the parts its matching units can cover
//     (one per unit matching a part, two per unit matching a join, one per
//     initial of the query) reach match.MinAligned.
//
// Whether pruning or not, a candidate whose name score cannot reach
// minName (see bound) is left out: it would be dropped after scoring.
// cands maps each candidate to that bound (the highest, when several
// query sides find it).
func (ix *Index) collect(qs *querySide, prune bool, minName float64, cands map[uint32]float64) {
	s := qs.side
	sigToks, initials := qs.sigToks, qs.initialCount
	single := prune && sigToks == 1 && initials == 0
	skipFrequent := prune && initials == 0 && !single
	need := 0
	if minName > 0 {
		need = qs.minCovered(minName)
	}
	skip := ix.skippable(qs, need)
	found := ix.scratch.Get().(*scratch) // the names found
	defer ix.scratch.Put(found)
	found.reset(len(ix.nameEntity))
	freq := make([][]uint32, len(qs.matches))
	for u, ms := range qs.matches {
		if u >= 64 || qs.direct[u] {
			continue
		}
		t := unitTok(s, u)
		if t == nil {
			continue
		}
		if skip[u] {
			// Its frequent parts still meet other units' in the pair index.
			for _, m := range ms {
				if v := m.vocab; skipFrequent && !ix.vocab[v].Joined && ix.frequent[v] {
					freq[u] = append(freq[u], v)
				}
			}
			continue
		}
		ix.exact.lookup(qs.exactKeys[u], found.add)
		for _, m := range ms {
			v := m.vocab
			switch {
			case ix.vocab[v].Joined:
				for _, nid := range ix.joinPost.of(v) {
					found.add(nid)
				}
			case single:
				for _, nid := range ix.tokPost1.of(v) {
					found.add(nid)
				}
			case skipFrequent && ix.frequent[v]:
				freq[u] = append(freq[u], v)
			default:
				for _, nid := range ix.tokPost.of(v) {
					found.add(nid)
				}
			}
		}
	}
	for u1 := range freq {
		for u2 := u1 + 1; u2 < len(freq); u2++ {
			if skip[u1] && skip[u2] {
				continue
			}
			for _, v1 := range freq[u1] {
				for _, v2 := range freq[u2] {
					ix.pairs.lookup(ix.pairHash(v1, v2), found.add)
				}
			}
		}
	}
	for _, nid := range found.list {
		ss := ix.nameSlots(nid)
		covered, capped := ix.reach(qs, ss)
		if covered < need {
			continue // see match.MinCovered
		}
		if prune && capped {
			continue
		}
		b := ix.bound(qs, ss, capped)
		if minName > 0 && b < minName {
			continue
		}
		if old, ok := cands[nid]; !ok || b > old {
			cands[nid] = b
		}
	}
}

// reach tells what the query side's units (all of them, those skipped in
// generation included) can do for a name (its slots): how many
// significant query parts they can cover, and whether the name is held to
// match.SingleCap because fewer than match.MinAligned of its parts can find
// partners (one per unit matching a part, two per unit matching a join, one
// per initial of the query).
func (ix *Index) reach(qs *querySide, ss []slot) (covered int, capped bool) {
	var tokBits, joinBits uint64
	nameSig := 0
	for i := range ss {
		sl := &ss[i]
		tokBits |= qs.units(sl.tok)
		if ix.vinfo[sl.tok].sig {
			nameSig++
		}
		switch sl.join {
		case noJoin:
		case exactJoin:
			joinBits |= qs.exactUnits(sl.exact)
		default:
			joinBits |= qs.units(sl.join)
		}
	}
	capped = bits.OnesCount64(tokBits&^joinBits)+2*bits.OnesCount64(joinBits)+qs.initialCount < match.MinAligned(qs.sigToks, nameSig)
	return qs.covered(tokBits | joinBits), capped
}

// exactUnits returns the bits of the query units whose exact key has the
// low half h (in rare collisions, more units than match: that only makes
// the filtering looser).
func (qs *querySide) exactUnits(h uint32) uint64 {
	if qs.exactBloom&(1<<(h%64)) == 0 {
		return 0
	}
	var m uint64
	for u, k := range qs.exactKeys {
		if k != 0 && uint32(k) == h {
			m |= 1 << u
		}
	}
	return m
}

// minCovered is match.MinCovered for the query side: the least number of
// its significant parts a name must cover to reach a name score of minName.
func (qs *querySide) minCovered(minName float64) int {
	var weights []float64
	minor := 0.0
	for _, t := range qs.side.Tokens {
		if t.Significant() {
			weights = append(weights, t.Weight)
		} else {
			minor += t.Weight
		}
	}
	return match.MinCovered(weights, minor, minName)
}

// skippable chooses units whose postings need not be read: a name must
// cover need significant parts of the query (minCovered), so the units most
// costly to read can be left out as long as together they cover at most
// need-2 parts. Every name reaching need then has two covered parts outside
// them: through a rare part, whose postings are read, or through two
// frequent parts, which meet in the pair index. (With need-1, a name covered
// once outside, through a frequent part, would be found by neither.)
func (ix *Index) skippable(qs *querySide, need int) []bool {
	s := qs.side
	skip := make([]bool, len(qs.matches))
	if need <= 2 {
		return skip
	}
	type unitCost struct {
		u    int
		cost int
	}
	var units []unitCost
	for u, ms := range qs.matches {
		if qs.direct[u] || len(ms) == 0 {
			continue
		}
		c := 0
		for _, m := range ms {
			if !ix.frequent[m.vocab] {
				c += len(ix.tokPost.of(m.vocab)) + len(ix.joinPost.of(m.vocab))
			}
		}
		units = append(units, unitCost{u, c})
	}
	slices.SortFunc(units, func(a, b unitCost) int { return cmp.Compare(b.cost, a.cost) })
	var covered [match.MaxTokens]bool
	n := 0
	for _, uc := range units {
		a, b := uc.u, uc.u
		if uc.u >= len(s.Tokens) {
			a = uc.u - len(s.Tokens)
			b = a + 1
		}
		added := 0
		for i := a; i <= b; i++ {
			if s.Tokens[i].Significant() && !covered[i] {
				added++
			}
		}
		if n+added > need-2 {
			continue
		}
		for i := a; i <= b; i++ {
			if s.Tokens[i].Significant() {
				covered[i] = true
			}
		}
		n += added
		skip[uc.u] = true
	}
	return skip
}

// bound bounds from above the name score of a name (its slots) against
// the query side, as match.UpperBound does, from what the aligner could at
// best do with the units that match each part:
//   - each significant part of the name counts as aligned at the best
//     similarity any query unit has with it (or with a join covering it),
//     or else as left out; minor parts, compared directly, count as
//     aligned;
//   - each significant query part that some unit could align counts as
//     aligned, but no more weight of them than the name's parts can take:
//     each name part pairs once, with a unit covering at most the largest
//     weight of those matching it (split between the two parts of a join);
//   - when every pair that could align rests on a very common name on one
//     side, the aligner's common-name discount applies, unless no
//     significant part aligns at all (then the single-part cap holds);
//   - the single-part cap applies when capped.
func (ix *Index) bound(qs *querySide, ss []slot, capped bool) float64 {
	n := min(len(ss), match.MaxTokens)
	var sims, room [match.MaxTokens]float64
	// Units of the query that align with something in the name, and those
	// of them that pair a distinctive query part with a distinctive part
	// of the name.
	var hit, distinct uint64
	var nameInitials uint32
	for i, sl := range ss[:n] {
		vi := ix.vinfo[sl.tok]
		if e := qs.vocabUnits.get(sl.tok); e.bits != 0 {
			hit |= e.bits
			sims[i] = max(sims[i], float64(e.sim))
			room[i] = max(room[i], float64(e.weight))
			if !vi.common {
				distinct |= e.bits
			}
		}
		if vi.initial {
			nameInitials |= vi.letter
			for _, p := range qs.parts {
				if p.sig && p.letter == vi.letter {
					room[i] = max(room[i], p.weight)
				}
			}
		}
		if i+1 >= n {
			continue
		}
		var units uint64
		sim, w := 0.0, 0.0
		switch j := sl.join; j {
		case noJoin:
		case exactJoin:
			units, sim = qs.exactUnits(sl.exact), 1
			for b := units; b != 0; b &= b - 1 {
				w = max(w, qs.unitWeight[bits.TrailingZeros64(b)])
			}
		default:
			e := qs.vocabUnits.get(j)
			units, sim, w = e.bits, float64(e.sim), float64(e.weight)
		}
		if units != 0 {
			hit |= units
			sims[i], sims[i+1] = max(sims[i], sim), max(sims[i+1], sim)
			room[i], room[i+1] = max(room[i], w/2), max(room[i+1], w/2)
			if !vi.common || !ix.vinfo[ss[i+1].tok].common {
				distinct |= units
			}
		}
	}
	// The name's side, and the most query weight its parts can take.
	var nCov, nNone match.Coverage
	capacity := 0.0
	for i, sl := range ss[:n] {
		vi := ix.vinfo[sl.tok]
		w := vi.weight
		nCov.Total += w
		capacity += room[i] // initials, not significant, take query words
		if !vi.sig {
			nCov.Matched += w
			continue
		}
		nCov.Sig++
		sim := sims[i]
		if vi.letter&qs.initials != 0 {
			sim = 1
		}
		if sim > 0 {
			nCov.Matched += w * sim
		} else {
			nCov.Penalty += w
		}
		nNone.Penalty += w
	}
	nNone.Total, nNone.Sig, nNone.Matched = nCov.Total, nCov.Sig, nCov.Total-nNone.Penalty
	// The query's side.
	var qCov match.Coverage
	sigHit, sigTotal := 0.0, 0.0
	for _, p := range qs.parts {
		qCov.Total += p.weight
		if !p.sig {
			qCov.Matched += p.weight
			continue
		}
		qCov.Sig++
		sigTotal += p.weight
		if hit&p.units != 0 || p.letter&nameInitials != 0 {
			sigHit += p.weight
		}
	}
	sigHit = min(sigHit, capacity)
	qCov.Matched += sigHit
	qCov.Penalty += sigTotal - sigHit
	b := match.UpperBound(qCov, nCov)
	if distinct&qs.distinct == 0 {
		// Either some significant part of the name aligns, and every pair
		// is common, or none does, and the single-part cap holds.
		none := min(match.UpperBound(qCov, nNone), match.SingleCap)
		b = min(b, max(none, b*match.CommonFactor))
	}
	if capped {
		b = min(b, match.SingleCap)
	}
	return b
}

// score scores an entity through the given names exactly as match.Compare
// would, using the cached unit matches: for each name, the similarities of
// the query's units with the name's units are looked up once, by the
// vocabulary entry of each name unit, into a small matrix. Exact joins
// and the units that retrieve nothing are compared directly.
func (ix *Index) score(q *match.Analyzed, qsides []querySide, e *entity.Entity, nids []uint32) Hit {
	best := Hit{Entity: e, Result: match.Result{Name: -1}}
	var buf []simEntry
	for _, nid := range nids {
		ss := ix.nameSlots(nid)
		ns := ix.side(ss)
		ns.Org = e.Type == entity.Organization || e.Type == entity.Vessel || e.Type == entity.Aircraft
		nUnits := 2 * len(ss)
		for qi := range qsides {
			qs := &qsides[qi]
			qUnits := len(qs.matches)
			if cap(buf) < qUnits*nUnits {
				buf = make([]simEntry, qUnits*nUnits)
			}
			mat := buf[:qUnits*nUnits] // zero sim: no match
			clear(mat)
			fill := func(nu int, v uint32) {
				for _, r := range qs.rev[v] {
					mat[int(r.vocab)*nUnits+nu] = r
				}
			}
			for i, sl := range ss {
				fill(i, sl.tok)
				if v := sl.join; v != noJoin && v != exactJoin {
					fill(len(ss)+i, v)
				}
			}
			a := match.Align(qs.side, &ns, func(qu, nu match.Unit) (float64, match.How) {
				qt, nt := unitTok(qs.side, qu), unitTok(&ns, nu)
				if qs.direct[qu] || !retrievable(qt) || !retrievable(nt) || qt.Kind == names.Number || nt.Kind == names.Number ||
					nu >= len(ss) && ss[nu-len(ss)].join == exactJoin {
					return match.TokenSim(qt, nt)
				}
				m := mat[qu*nUnits+nu]
				return m.sim, m.how
			})
			name := int(ix.nameIdx[nid])
			if best.Consider(a, qi, name, e.Names[name].Weak) {
				best.Side = ns
			}
		}
	}
	match.Finish(q, e, &best.Result)
	return best
}

// side rebuilds a listed name's tokens from the vocabulary, computing its
// exact joins afresh.
func (ix *Index) side(ss []slot) match.Side {
	s := match.Side{Tokens: make([]*names.Token, len(ss))}
	for i, sl := range ss {
		s.Tokens[i] = &ix.vocab[sl.tok]
	}
	if len(ss) > 1 {
		s.Joins = make([]*names.Token, len(ss)-1)
		for i := range s.Joins {
			switch v := ss[i].join; v {
			case noJoin:
			case exactJoin:
				j := names.Join(s.Tokens[i], s.Tokens[i+1])
				s.Joins[i] = &j
			default:
				s.Joins[i] = &ix.vocab[v]
			}
		}
	}
	return s
}

// scratch is a set of names reused across searches: a stamp per name
// tells whether it was added in the current search, so that nothing is
// cleared between searches.
type scratch struct {
	gen   uint32
	stamp []uint32
	list  []uint32
}

func (s *scratch) reset(n int) {
	if len(s.stamp) < n {
		s.stamp = make([]uint32, n)
		s.gen = 0
	}
	s.gen++
	if s.gen == 0 { // wrapped: forget every stamp
		clear(s.stamp)
		s.gen = 1
	}
	s.list = s.list[:0]
}

func (s *scratch) add(nid uint32) {
	if s.stamp[nid] != s.gen {
		s.stamp[nid] = s.gen
		s.list = append(s.list, nid)
	}
}

// letterBit returns a bit for the first letter of a folded word, a to z.
func letterBit(s string) uint32 {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return 0
	}
	return 1 << (s[0] - 'a')
}
