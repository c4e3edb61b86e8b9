// Package index retrieves the listed names a query could match, without
// scoring every name: a vocabulary of distinct name parts, a deletion index
// over their phonetic keys (and over their consonants, and their
// equivalence symbols), and postings from parts to names.
//
// The one idea behind it: the index is exactly as permissive as the
// scorer. match.TokenSim only accepts two name parts that pass names.Gate
// (their keys share a common subsequence within a deletion budget) or that
// share a symbol, and the index enumerates precisely those parts through
// their deletion variants, so a name the scorer would accept is never
// missed. The pruning it does on top (a name that shares only the query's
// most common part cannot pass the threshold) follows from the scorer's
// single-part cap, and is switched off when the threshold is at or below it.
package index

import (
	"cmp"
	"hash/maphash"
	"slices"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/names"
)

const noJoin = ^uint32(0)

// Prefixes of the lookup keys, one per kind.
const (
	keyPrefix  = 'k'
	consPrefix = 'c'
	symPrefix  = '#'
)

// hash hashes a lookup key: its kind's prefix and its bytes.
func (ix *Index) hash(prefix byte, b []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(ix.seed)
	h.WriteByte(prefix)
	h.Write(b)
	return h.Sum64()
}

// nameRec is one listed name, as vocabulary ids.
type nameRec struct {
	entity uint32
	name   uint16 // index in the entity's Names
	sig    uint8  // significant tokens
	toks   []uint32
	joins  []uint32 // join of toks[i] and toks[i+1], or noJoin
}

// postings is a compressed list of lists: ids[off[v]:off[v+1]] are the names
// of vocabulary entry v.
type postings struct {
	off []uint32
	ids []uint32
}

func (p *postings) of(v uint32) []uint32 {
	if int(v)+1 >= len(p.off) {
		return nil
	}
	return p.ids[p.off[v]:p.off[v+1]]
}

func buildPostings(n int, pairs [][2]uint32) postings {
	slices.SortFunc(pairs, func(a, b [2]uint32) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	pairs = slices.Compact(pairs)
	p := postings{off: make([]uint32, n+1), ids: make([]uint32, len(pairs))}
	for i, pr := range pairs {
		p.off[pr[0]+1]++
		p.ids[i] = pr[1]
	}
	for v := 1; v <= n; v++ {
		p.off[v] += p.off[v-1]
	}
	return p
}

// keyTable maps hashed lookup keys (deletion variants of keys and of
// consonant strings, symbols) to vocabulary ids: two parallel arrays sorted
// by hash, and the offset in them of each run of hashes sharing their top
// bits, so that a lookup is one jump and a short scan.
type keyTable struct {
	hashes  []uint64
	vocab   []uint32
	buckets []uint32 // buckets[b] is the first index whose hash has top bits b
	shift   uint
}

// index builds the buckets, about four hashes to a bucket.
func (t *keyTable) index() {
	bits := uint(1)
	for (1<<bits)*4 < len(t.hashes) && bits < 28 {
		bits++
	}
	t.shift = 64 - bits
	t.buckets = make([]uint32, (1<<bits)+1)
	i := 0
	for b := range 1 << bits {
		t.buckets[b] = uint32(i)
		for i < len(t.hashes) && t.hashes[i]>>t.shift == uint64(b) {
			i++
		}
	}
	t.buckets[1<<bits] = uint32(len(t.hashes))
}

func (t *keyTable) lookup(h uint64, fn func(uint32)) {
	if len(t.buckets) == 0 {
		return
	}
	b := h >> t.shift
	for i, end := t.buckets[b], t.buckets[b+1]; i < end; i++ {
		switch {
		case t.hashes[i] == h:
			fn(t.vocab[i])
		case t.hashes[i] > h:
			return
		}
	}
}

// Index is an immutable index over a set of entities. It is safe for
// concurrent use.
type Index struct {
	entities []*entity.Entity
	names    []nameRec
	vocab    []names.Token
	// tokPost: names where the vocabulary entry is a token; tokPost1: the
	// same restricted to names with at most one significant token;
	// joinPost: names where it is the join of two adjacent tokens.
	tokPost, tokPost1, joinPost postings
	keys                        keyTable
	seed                        maphash.Seed
	idents                      map[string][]uint32 // normalised identifier → entities
	cache                       *tokenCache
}

// EachToken calls fn with every distinct name part of the indexed names
// (joined pairs included), for those that need the vocabulary itself: the
// text scanner builds its dictionary of name words from it. fn must not
// keep or modify the token.
func (ix *Index) EachToken(fn func(t *names.Token)) {
	for i := range ix.vocab {
		fn(&ix.vocab[i])
	}
}

// Entities returns the indexed entities.
func (ix *Index) Entities() []*entity.Entity { return ix.entities }

// Stats describes the index's size.
type Stats struct {
	Entities, Names, Vocabulary, Keys, Postings int
}

// Stats returns the index's size.
func (ix *Index) Stats() Stats {
	return Stats{len(ix.entities), len(ix.names), len(ix.vocab), len(ix.keys.hashes),
		len(ix.tokPost.ids) + len(ix.joinPost.ids)}
}

// vocabKey identifies a vocabulary entry: tokens with the same text, kind
// and script compare identically.
type vocabKey struct {
	text   string
	kind   names.Kind
	script uint8
}

// builder accumulates the index.
type builder struct {
	ix                 *Index
	ids                map[vocabKey]uint32
	tokP, tok1P, joinP [][2]uint32
	keys               []keyEntry
}

// keyEntry is one lookup key of one vocabulary entry, while building.
type keyEntry struct {
	hash  uint64
	vocab uint32
}

func (b *builder) intern(t *names.Token) uint32 {
	ix := b.ix
	k := vocabKey{t.Text, t.Kind, uint8(t.Script)}
	if id, ok := b.ids[k]; ok {
		return id
	}
	id := uint32(len(b.ix.vocab))
	b.ids[k] = id
	tok := *t
	tok.Start, tok.End = 0, 0
	b.ix.vocab = append(b.ix.vocab, tok)
	if retrievable(t) {
		add := func(h uint64) { b.keys = append(b.keys, keyEntry{h, id}) }
		names.Deletions(t.Key, func(d []byte) { add(ix.hash(keyPrefix, d)) })
		if !t.Abjad() && len(t.Cons) >= 2 {
			// Found by queries written in an abjad, which compare consonants.
			names.Deletions(t.Cons, func(d []byte) { add(ix.hash(consPrefix, d)) })
		}
		for _, s := range t.Syms {
			add(ix.hash(symPrefix, []byte(s)))
		}
	}
	return id
}

// retrievable reports whether a token is found through the key table.
// Initials are compared directly with the tokens of retrieved names; they
// never retrieve names themselves.
func retrievable(t *names.Token) bool { return t.Kind != names.Initial }

// Build indexes entities. Names are analysed with names.Analyze; it takes
// about a second per hundred thousand names on one core.
func Build(entities []*entity.Entity) *Index {
	ix := &Index{entities: entities, seed: maphash.MakeSeed(), idents: map[string][]uint32{}}
	b := &builder{ix: ix, ids: map[vocabKey]uint32{}}
	for ei, e := range entities {
		for ni, n := range e.Names {
			if ni > 0xffff {
				break
			}
			an := names.Analyze(n.Full, e.Type)
			b.addName(uint32(ei), uint16(ni), &an)
		}
		for _, id := range e.Identifiers {
			v := entity.NormalizeIDValue(id.Type, id.Value)
			if len(v) < 4 {
				continue // too short to identify anything
			}
			if l := ix.idents[v]; len(l) == 0 || l[len(l)-1] != uint32(ei) {
				ix.idents[v] = append(l, uint32(ei))
			}
		}
	}
	b.finish()
	return ix
}

func (b *builder) addName(ei uint32, ni uint16, an *names.Name) {
	if len(an.Tokens) == 0 {
		return
	}
	ix := b.ix
	rec := nameRec{entity: ei, name: ni, sig: uint8(min(an.Significant(), 255))}
	rec.toks = make([]uint32, len(an.Tokens))
	ptrs := make([]*names.Token, len(an.Tokens))
	for i := range an.Tokens {
		rec.toks[i] = b.intern(&an.Tokens[i])
		ptrs[i] = &an.Tokens[i]
	}
	nid := uint32(len(ix.names))
	if js := match.Joins(ptrs); js != nil {
		rec.joins = make([]uint32, len(js))
		for i, j := range js {
			if j == nil {
				rec.joins[i] = noJoin
				continue
			}
			rec.joins[i] = b.intern(j)
			b.joinP = append(b.joinP, [2]uint32{rec.joins[i], nid})
		}
	}
	for _, v := range rec.toks {
		b.tokP = append(b.tokP, [2]uint32{v, nid})
		if rec.sig <= 1 {
			b.tok1P = append(b.tok1P, [2]uint32{v, nid})
		}
	}
	ix.names = append(ix.names, rec)
}

func (b *builder) finish() {
	ix := b.ix
	n := len(ix.vocab)
	ix.tokPost = buildPostings(n, b.tokP)
	ix.tokPost1 = buildPostings(n, b.tok1P)
	ix.joinPost = buildPostings(n, b.joinP)
	// Vocabulary ids were added in increasing order, and the radix sort is
	// stable: within one hash, ids stay sorted.
	radixSort(b.keys)
	ix.keys.hashes = make([]uint64, 0, len(b.keys))
	ix.keys.vocab = make([]uint32, 0, len(b.keys))
	for _, k := range b.keys {
		if n := len(ix.keys.hashes); n > 0 && ix.keys.hashes[n-1] == k.hash && ix.keys.vocab[n-1] == k.vocab {
			continue
		}
		ix.keys.hashes = append(ix.keys.hashes, k.hash)
		ix.keys.vocab = append(ix.keys.vocab, k.vocab)
	}
	b.keys = nil
	ix.keys.index()
	ix.cache = newTokenCache(1 << 16)
}

// radixSort sorts keys by hash, stably, in eight passes of one byte.
func radixSort(keys []keyEntry) {
	buf := make([]keyEntry, len(keys))
	src, dst := keys, buf
	for shift := uint(0); shift < 64; shift += 8 {
		var count [257]int
		for _, k := range src {
			count[int(byte(k.hash>>shift))+1]++
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, k := range src {
			b := byte(k.hash >> shift)
			dst[count[b]] = k
			count[b]++
		}
		src, dst = dst, src
	}
	// Eight passes: the sorted data is back in keys.
}
