package index

import (
	"cmp"
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
	k := vocabKey{t.Text, t.Kind, uint8(t.Script)}
	if m, ok := ix.cache.get(k); ok {
		return m
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
	names.Deletions(t.Key, func(d []byte) {
		lookup(ix.hash(keyPrefix, d), func(v uint32) bool { return !qAbjad || ix.vocab[v].Abjad() })
	})
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
	ix.cache.put(k, out)
	return out
}

func findSim(m []simEntry, v uint32) (float64, match.How) {
	lo, hi := 0, len(m)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if m[mid].vocab < v {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(m) && m[lo].vocab == v {
		return m[lo].sim, m[lo].how
	}
	return 0, match.NoMatch
}

// querySide holds one analysed query name with the matches of its units.
type querySide struct {
	side    *match.Side
	matches [][]simEntry // per unit
}

// Search finds the entities matching the query, best first.
func (ix *Index) Search(q *match.Analyzed, opt Options) []Hit {
	prune := opt.Threshold > match.SingleCap
	qsides := make([]querySide, len(q.Sides))
	cands := map[uint32]bool{}
	for i := range q.Sides {
		s := &q.Sides[i]
		qs := querySide{side: s, matches: make([][]simEntry, len(s.Tokens)+len(s.Joins))}
		for _, u := range match.Units(s) {
			qs.matches[u] = ix.unitMatches(unitTok(s, u))
		}
		qsides[i] = qs
		ix.collect(&qs, prune, cands)
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
		e := ix.names[nid].entity
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

func unitTok(s *match.Side, u match.Unit) *names.Token {
	if u < len(s.Tokens) {
		return s.Tokens[u]
	}
	return s.Joins[u-len(s.Tokens)]
}

// collect adds the names the query side can match to cands. With prune
// set, the single-token postings of the most common significant query
// token are left out when another significant token exists (a name found
// only through it aligns one part and is held below the threshold by the
// single-part cap), and only names with one significant token are taken
// when the query has a single significant token.
func (ix *Index) collect(qs *querySide, prune bool, cands map[uint32]bool) {
	s := qs.side
	sigToks := 0
	skip := -1
	if prune {
		best := -1
		for i, t := range s.Tokens {
			if !t.Significant() {
				continue
			}
			sigToks++
			n := 0
			for _, m := range qs.matches[i] {
				n += len(ix.tokPost.of(m.vocab))
			}
			if n > best {
				best, skip = n, i
			}
		}
		if sigToks < 2 {
			skip = -1
		}
	}
	for u, ms := range qs.matches {
		isJoin := u >= len(s.Tokens)
		for _, m := range ms {
			for _, nid := range ix.joinPost.of(m.vocab) {
				cands[nid] = true
			}
			switch {
			case u == skip:
			case prune && sigToks == 1 && !isJoin && s.Tokens[u].Significant():
				for _, nid := range ix.tokPost1.of(m.vocab) {
					cands[nid] = true
				}
			default:
				for _, nid := range ix.tokPost.of(m.vocab) {
					cands[nid] = true
				}
			}
		}
	}
}

// namesOf returns every name id of an entity.
func (ix *Index) namesOf(ei uint32) []uint32 {
	i, _ := slices.BinarySearchFunc(ix.names, ei, func(n nameRec, e uint32) int { return cmp.Compare(n.entity, e) })
	var out []uint32
	for ; i < len(ix.names) && ix.names[i].entity == ei; i++ {
		out = append(out, uint32(i))
	}
	return out
}

// score scores an entity through the given names exactly as match.Compare
// would, using the cached unit matches.
func (ix *Index) score(q *match.Analyzed, qsides []querySide, e *entity.Entity, nids []uint32) Hit {
	best := Hit{Entity: e, Result: match.Result{Name: -1}}
	for _, nid := range nids {
		rec := &ix.names[nid]
		ns := ix.side(rec)
		for qi := range qsides {
			qs := &qsides[qi]
			a := match.Align(qs.side, &ns, func(qu, nu match.Unit) (float64, match.How) {
				nj := nu >= len(ns.Tokens)
				qt, nt := unitTok(qs.side, qu), unitTok(&ns, nu)
				if !retrievable(qt) || !retrievable(nt) || qt.Kind == names.Number || nt.Kind == names.Number {
					return match.TokenSim(qt, nt)
				}
				if nj {
					return findSim(qs.matches[qu], rec.joins[nu-len(rec.toks)])
				}
				return findSim(qs.matches[qu], rec.toks[nu])
			})
			if best.Consider(a, qi, int(rec.name), e.Names[rec.name].Weak) {
				best.Side = ns
			}
		}
	}
	match.Finish(q, e, &best.Result)
	return best
}

// side rebuilds a listed name's tokens from the vocabulary.
func (ix *Index) side(rec *nameRec) match.Side {
	s := match.Side{Tokens: make([]*names.Token, len(rec.toks))}
	for i, v := range rec.toks {
		s.Tokens[i] = &ix.vocab[v]
	}
	if rec.joins != nil {
		s.Joins = make([]*names.Token, len(rec.joins))
		for i, v := range rec.joins {
			if v != noJoin {
				s.Joins[i] = &ix.vocab[v]
			}
		}
	}
	return s
}
