package index

import (
	"cmp"
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
		exactKeys: make([]uint64, n)}
	for _, u := range match.Units(s) {
		t := unitTok(s, u)
		if prune && !t.Significant() {
			qs.direct[u] = true
			continue
		}
		if retrievable(t) {
			qs.exactKeys[u] = ix.hash(exactPrefix, []byte(t.Key))
		}
		qs.matches[u] = ix.unitMatches(t)
		for _, m := range qs.matches[u] {
			qs.rev[m.vocab] = append(qs.rev[m.vocab], simEntry{uint32(u), m.sim, m.how})
		}
	}
	return qs
}

// Search finds the entities matching the query, best first.
func (ix *Index) Search(q *match.Analyzed, opt Options) []Hit {
	prune := opt.Threshold > match.SingleCap
	qsides := make([]querySide, len(q.Sides))
	cands := map[uint32]bool{}
	maxEvidence := match.MaxEvidence(q)
	for i := range q.Sides {
		qsides[i] = ix.prepare(&q.Sides[i], prune)
		ix.collect(&qsides[i], prune, opt.MinScore-maxEvidence, cands)
	}
	// Entities with an identifier the query gives are candidates whatever
	// their names.
	idEnts := map[uint32]bool{}
	for _, id := range q.Identifiers {
		for _, ei := range ix.idents[entity.NormalizeIDValue(id.Type, id.Value)] {
			idEnts[ei] = true
		}
	}
	byEntity := map[uint32][]uint32{}
	for nid := range cands {
		e := ix.nameEntity[nid]
		byEntity[e] = append(byEntity[e], nid)
	}
	for ei := range idEnts {
		if _, ok := byEntity[ei]; !ok {
			byEntity[ei] = nil
		}
	}
	var hits []Hit
	for ei, nids := range byEntity {
		e := ix.entities[ei]
		if opt.Type != entity.Unknown && e.Type != entity.Unknown && e.Type != opt.Type {
			continue
		}
		if len(opt.Sources) > 0 && !slices.Contains(opt.Sources, e.Source) {
			continue
		}
		if idEnts[ei] {
			nids = ix.namesOf(ei)
		}
		slices.Sort(nids)
		h := ix.score(q, qsides, e, nids)
		if h.Score < opt.MinScore || h.Score <= 0 {
			continue
		}
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
	if opt.Limit > 0 && len(hits) > opt.Limit {
		hits = hits[:opt.Limit]
	}
	return hits
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
func (ix *Index) collect(qs *querySide, prune bool, minName float64, cands map[uint32]bool) {
	s := qs.side
	sigToks, initials := 0, 0
	for _, t := range s.Tokens {
		switch {
		case t.Significant():
			sigToks++
		case t.Kind == names.Initial:
			initials++
		}
	}
	single := prune && sigToks == 1 && initials == 0
	skipFrequent := prune && initials == 0 && !single
	skip := ix.skippable(qs, minName)
	found := ix.scratch.Get().(*scratch) // name → units that matched one of its joins
	defer ix.scratch.Put(found)
	found.reset(len(ix.nameEntity))
	addTok := func(nid uint32) { found.add(nid, 0) }
	addJoin := func(nid uint32, u int) { found.add(nid, 1<<u) }
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
		ix.exact.lookup(qs.exactKeys[u], func(nid uint32) { addJoin(nid, u) })
		for _, m := range ms {
			v := m.vocab
			switch {
			case ix.vocab[v].Joined:
				for _, nid := range ix.joinPost.of(v) {
					addJoin(nid, u)
				}
			case single:
				for _, nid := range ix.tokPost1.of(v) {
					addTok(nid)
				}
			case skipFrequent && ix.frequent[v]:
				freq[u] = append(freq[u], v)
			default:
				for _, nid := range ix.tokPost.of(v) {
					addTok(nid)
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
					ix.pairs.lookup(ix.pairHash(v1, v2), addTok)
				}
			}
		}
	}
	for _, nid := range found.list {
		// What the query's units can cover of this name, from every unit
		// (those skipped in generation included).
		var tokBits, joinBits uint64
		toks, joins := ix.nameToks(nid)
		lo := ix.tokOff[nid]
		for i, v := range toks {
			for _, r := range qs.rev[v] {
				tokBits |= 1 << r.vocab
			}
			switch j := joins[i]; j {
			case noJoin:
			case exactJoin:
				h := ix.exactHashes[lo+uint32(i)]
				for u, uh := range qs.exactKeys {
					if uh == h && h != 0 {
						joinBits |= 1 << u
					}
				}
			default:
				for _, r := range qs.rev[j] {
					joinBits |= 1 << r.vocab
				}
			}
		}
		capped := bits.OnesCount64(tokBits&^joinBits)+2*bits.OnesCount64(joinBits)+initials < match.MinAligned(sigToks, int(ix.nameSig[nid]))
		if prune && capped {
			continue
		}
		if minName > 0 && ix.bound(qs, nid, joinBits, capped) < minName {
			continue
		}
		cands[nid] = true
	}
}

// skippable chooses units whose postings need not be read: a name must
// cover need = match.MinCovered of the query's significant parts to reach
// minName, so the units most costly to read can be left out as long as
// together they cover at most need-2 parts. Every name reaching minName then
// has two covered parts outside them: through a rare part, whose postings
// are read, or through two frequent parts, which meet in the pair index.
// (With need-1, a name covered once outside, through a frequent part,
// would be found by neither.)
func (ix *Index) skippable(qs *querySide, minName float64) []bool {
	s := qs.side
	var weights []float64
	minor := 0.0
	for _, t := range s.Tokens {
		if t.Significant() {
			weights = append(weights, t.Weight)
		} else {
			minor += t.Weight
		}
	}
	skip := make([]bool, len(qs.matches))
	need := match.MinCovered(weights, minor, minName)
	if need <= 2 || minName <= 0 {
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

// bound bounds from above the name score of name nid against the query
// side: every part that some unit could align with counts as aligned at
// similarity 1, every part none can counts as left out (minor parts, which
// are compared directly, always count as aligned), and the single-part cap
// applies when capped. See match.UpperBound.
func (ix *Index) bound(qs *querySide, nid uint32, joinBits uint64, capped bool) float64 {
	toks, joins := ix.nameToks(nid)
	s := qs.side
	var qCov, nCov match.Coverage
	// Units of the query that align with something in the name, and the
	// name's parts something aligns with.
	hit := joinBits
	var nHit [64]bool
	mark := func(v uint32, a, b int) {
		for _, r := range qs.rev[v] {
			hit |= 1 << min(r.vocab, 63)
			if a < 64 {
				nHit[a] = true
			}
			if b < 64 {
				nHit[b] = true
			}
		}
	}
	for i, v := range toks {
		mark(v, i, i)
		if j := joins[i]; j != noJoin && j != exactJoin && i+1 < len(toks) {
			mark(j, i, i+1)
		}
		if joins[i] == exactJoin && joinBits != 0 && i+1 < len(toks) && i+1 < 64 && i < 64 {
			nHit[i], nHit[i+1] = true, true
		}
	}
	// Initials on either side align with the other side's words of the
	// same first letter.
	var initials, nameInitials [26]bool
	for _, t := range s.Tokens {
		if t.Kind == names.Initial && t.Text[0] >= 'a' && t.Text[0] <= 'z' {
			initials[t.Text[0]-'a'] = true
		}
	}
	for _, v := range toks {
		if t := &ix.vocab[v]; t.Kind == names.Initial && t.Text[0] >= 'a' && t.Text[0] <= 'z' {
			nameInitials[t.Text[0]-'a'] = true
		}
	}
	for i, v := range toks {
		t := &ix.vocab[v]
		nCov.Total += t.Weight
		if t.Significant() {
			nCov.Sig++
		}
		c := t.Text[0]
		coverable := !t.Significant() || i < 64 && nHit[i] || c >= 'a' && c <= 'z' && initials[c-'a']
		if coverable {
			nCov.Matched += t.Weight
		} else {
			nCov.Penalty += t.Weight
		}
	}
	for i, t := range s.Tokens {
		qCov.Total += t.Weight
		if t.Significant() {
			qCov.Sig++
		}
		c := t.Text[0]
		coverable := !t.Significant() || hit&(1<<min(i, 63)) != 0 ||
			i > 0 && hit&(1<<min(len(s.Tokens)+i-1, 63)) != 0 || hit&(1<<min(len(s.Tokens)+i, 63)) != 0 ||
			c >= 'a' && c <= 'z' && nameInitials[c-'a']
		if coverable {
			qCov.Matched += t.Weight
		} else {
			qCov.Penalty += t.Weight
		}
	}
	b := match.UpperBound(qCov, nCov)
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
		toks, joins := ix.nameToks(nid)
		ns := ix.side(toks, joins)
		ns.Org = e.Type == entity.Organization || e.Type == entity.Vessel || e.Type == entity.Aircraft
		nUnits := 2 * len(toks)
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
			for i, v := range toks {
				fill(i, v)
				if v := joins[i]; v != noJoin && v != exactJoin {
					fill(len(toks)+i, v)
				}
			}
			a := match.Align(qs.side, &ns, func(qu, nu match.Unit) (float64, match.How) {
				qt, nt := unitTok(qs.side, qu), unitTok(&ns, nu)
				if qs.direct[qu] || !retrievable(qt) || !retrievable(nt) || qt.Kind == names.Number || nt.Kind == names.Number ||
					nu >= len(toks) && joins[nu-len(toks)] == exactJoin {
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
func (ix *Index) side(toks, joins []uint32) match.Side {
	s := match.Side{Tokens: make([]*names.Token, len(toks))}
	for i, v := range toks {
		s.Tokens[i] = &ix.vocab[v]
	}
	if len(toks) > 1 {
		s.Joins = make([]*names.Token, len(toks)-1)
		for i := range s.Joins {
			switch v := joins[i]; v {
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

// scratch is a set of names with a word of bits each, reused across
// searches: a stamp per name tells whether its entry belongs to the current
// search, so that nothing is cleared between searches.
type scratch struct {
	gen   uint32
	stamp []uint32
	bits  []uint64
	list  []uint32
}

func (s *scratch) reset(n int) {
	if len(s.stamp) < n {
		s.stamp = make([]uint32, n)
		s.bits = make([]uint64, n)
		s.gen = 0
	}
	s.gen++
	if s.gen == 0 { // wrapped: forget every stamp
		clear(s.stamp)
		s.gen = 1
	}
	s.list = s.list[:0]
}

func (s *scratch) add(nid uint32, bits uint64) {
	if s.stamp[nid] != s.gen {
		s.stamp[nid] = s.gen
		s.bits[nid] = 0
		s.list = append(s.list, nid)
	}
	s.bits[nid] |= bits
}
