package text

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/screen"
)

// pick is a candidate mention: one hit of one span.
type pick struct {
	c   *cand
	hit *index.Hit
	k   int // index of hit in c.v.hits
}

// choose keeps the best non-overlapping mentions: by score, then by
// length; one span may name several entities (one person on several
// lists), each reported.
func (st *scan) choose() []Mention {
	var kept, picks []pick
	for g := 0; g < len(st.cands); {
		// One group at a time: candidates of different groups never
		// overlap.
		e := g
		picks = picks[:0]
		for ; e < len(st.cands) && st.cands[e].group == st.cands[g].group; e++ {
			c := st.cands[e]
			for k := range c.v.hits {
				if h := &c.v.hits[k]; (c.only == nil || c.only[h.Entity]) && st.acceptable(c, h) {
					picks = append(picks, pick{c, h, k})
				}
			}
		}
		g = e
		kept = keepBest(kept, picks)
	}
	out := make([]Mention, 0, len(kept))
	// Explanations are shared by the scans that meet a span; each result
	// gets its own copy.
	copies := map[*index.Hit][]string{}
	for _, p := range kept {
		h := p.hit
		ex, ok := copies[h]
		if !ok {
			ex = slices.Clone(p.c.v.explain(p.k))
			copies[h] = ex
		}
		m := Mention{
			Start: p.c.start, End: p.c.end, Text: st.text[p.c.start:p.c.end],
			Score: screen.Round(h.Score), Entity: h.Entity,
			Explanation: ex,
		}
		if h.Name >= 0 {
			m.MatchedName = h.Entity.Names[h.Name].Full
		}
		out = append(out, m)
	}
	st.kept = kept
	return out
}

// keepBest appends to kept the best non-overlapping picks of one group,
// in text order.
func keepBest(kept, picks []pick) []pick {
	if len(picks) == 0 {
		return kept
	}
	slices.SortFunc(picks, func(a, b pick) int {
		return cmp.Or(cmp.Compare(b.hit.Score, a.hit.Score),
			cmp.Compare(b.c.end-b.c.start, a.c.end-a.c.start),
			cmp.Compare(a.c.start, b.c.start),
			cmp.Compare(a.hit.Entity.ID, b.hit.Entity.ID))
	})
	base := len(kept)
	for _, p := range picks {
		ok := true
		for _, o := range kept[base:] {
			// A pick may share its very span with another entity (one person
			// on several lists); any other overlap loses to the better pick.
			if o.c.start < p.c.end && p.c.start < o.c.end &&
				(o.c.start != p.c.start || o.c.end != p.c.end || o.hit.Entity == p.hit.Entity) {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, p)
		}
	}
	slices.SortFunc(kept[base:], func(a, b pick) int {
		return cmp.Or(cmp.Compare(a.c.start, b.c.start), cmp.Compare(b.hit.Score, a.hit.Score), cmp.Compare(a.hit.Entity.ID, b.hit.Entity.ID))
	})
	return kept
}

// acceptable applies the rules a hit must pass to be a mention, on top of
// the threshold: in running text a phrase looks like a name far more
// often than in a screening query.
//
// A mention of an organisation, vessel or aircraft must cover its listed
// name: "Central Bank" is not the Central Bank of Iran, "North Korean" is
// not North Korean Zinc Industry Group (one significant part of four may
// be missing).
//
// A mention of a single name part must be the whole of a listed name,
// and, for a person, come with the particle or title the list writes
// (Abu Rusdan; a person named by one bare word is reported only when
// linked to a full mention), with nothing the listed name has
// left over (Washington is not Washington Trading Ltd, Iran is not the
// National Development Fund of Iran), spelled as listed or a known
// variant of it (Tass is not Dass), not a country's name, not part of a
// longer capitalised name (Estados Unidos is not Unidas S.A.), not a very
// common name unless an organisation's word goes with it (groupe
// Wagner), not written in lower case elsewhere in the text (then it is a
// word of the language: Dass, Python), not a weak alias, and for a vessel
// or aircraft, written in capitals.
func (st *scan) acceptable(c *cand, h *index.Hit) bool {
	if h.Name < 0 {
		return false
	}
	q := c.v.prep.Query
	qs := &q.Sides[h.QueryName]
	sig := 0
	for _, t := range qs.Tokens {
		if t.Significant() {
			sig++
		}
	}
	left := 0
	for _, i := range h.Alignment.Left(&h.Side, false) {
		if h.Side.Tokens[i].Significant() {
			left++
		}
	}
	if sig >= 2 {
		if h.Entity.Type == entity.Person {
			return true
		}
		listed := 0
		for _, t := range h.Side.Tokens {
			if t.Significant() {
				listed++
			}
		}
		return left <= listed/4
	}
	if h.Entity.Names[h.Name].Weak || len(h.Alignment.Left(&h.Side, false)) > 0 {
		return false
	}
	designated := false // an aligned org word besides the name: groupe Wagner
	for _, p := range h.Alignment.Pairs {
		a, b := p.Q, p.Q
		if p.Q >= len(qs.Tokens) {
			a, b = p.Q-len(qs.Tokens), p.Q-len(qs.Tokens)+1
		}
		significant := false
		for k := a; k <= b && k < len(qs.Tokens); k++ {
			if qs.Tokens[k].Significant() {
				significant = true
			} else {
				designated = true
			}
		}
		if !significant {
			continue
		}
		switch p.How {
		case match.Exact, match.Translit, match.Phonetic, match.Variant:
		default:
			return false
		}
	}
	if h.Entity.Type == entity.Person && !designated {
		// A person's name of one significant part with its particle or
		// title (Abu Rusdan) names them; a bare word does not.
		return false
	}
	if st.inCapitalPhrase(c.first, c.last) || st.isCountry(c.start, c.end) {
		return false
	}
	w := &st.words[c.first]
	s := st.text[c.start:c.end]
	if utf8.RuneCountInString(s) < 4 && !w.flags.has(wAllUpper) && !w.flags.has(wKatakana) {
		// (A kana is a syllable: ハマス is Hamas, held to the length of its
		// reading below.)
		return false
	}
	if w.flags.has(wUncased) {
		// Without capitals nothing sets a name apart from a word of the
		// language: a short word is too likely one (तारा, star).
		for _, t := range qs.Tokens {
			if t.Significant() && len(t.Text) < 5 {
				return false
			}
		}
	}
	if (h.Entity.Type == entity.Vessel || h.Entity.Type == entity.Aircraft) && !w.flags.has(wAllUpper) {
		return false
	}
	for _, t := range qs.Tokens {
		if t.Significant() && t.Common && !designated {
			return false
		}
	}
	for i := c.first; i <= c.last; i++ {
		w := &st.words[i]
		if w.flags.has(wUpper) && st.inLowerCase(st.text[w.start:w.end]) {
			return false
		}
	}
	return true
}

// isCountry reports whether the text between start and end overlaps a
// country's name (st.countries is in text order, without overlaps).
func (st *scan) isCountry(start, end int) bool {
	cs := st.countries
	i, _ := slices.BinarySearchFunc(cs, start, func(sp [2]int, x int) int { return cmp.Compare(sp[1], x+1) })
	return i < len(cs) && cs[i][0] < end && start < cs[i][1]
}

// inCapitalPhrase reports whether the words first to last, in a script
// with capitals, stand next to another capitalised word: they are then
// part of a longer proper name (Estados Unidos) that is not the listed
// one. The first word of a sentence does not count: it is capitalised
// anyway.
func (st *scan) inCapitalPhrase(first, last int) bool {
	ws := st.words
	if ws[first].flags.has(wUncased) {
		return false
	}
	capital := func(j int) bool {
		f := ws[j].flags
		return (f.has(wUpper) || f.has(wAllUpper)) && !f.has(wDigit) && !f.has(wUncased)
	}
	if first > 0 && !ws[first].flags.has(wBreak) && capital(first-1) && !ws[first-1].flags.has(wSentence) {
		return true
	}
	return last+1 < len(ws) && !ws[last+1].flags.has(wBreak) && capital(last+1)
}

// inLowerCase reports whether the word s also occurs in the text in lower
// case, as a word of its own.
func (st *scan) inLowerCase(s string) bool {
	lw := strings.ToLower(s)
	if lw == s {
		return false
	}
	if v, ok := st.lowerSeen[lw]; ok {
		return v
	}
	found := false
	for off := 0; ; {
		i := strings.Index(st.text[off:], lw)
		if i < 0 {
			break
		}
		a, b := off+i, off+i+len(lw)
		if (a == 0 || !isWordEnd(st.text, a)) && (b >= len(st.text) || !startsWord(st.text, b)) {
			found = true
			break
		}
		off = b
	}
	st.lowerSeen[lw] = found
	return found
}
