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
// missed (TestNoRecallHole checks it against brute-force scoring).
//
// On top of that, with a threshold above match.SingleCap, it leaves out
// names that provably cannot rise above the cap (see collect), and reads
// the postings of very frequent parts ("Mohammed" in a million names) only
// through a pair index, so that a query's cost follows the rarity of its
// parts, not the size of the lists. Every candidate gets an upper bound of
// its score from what its parts can align with (see bound): candidates that
// cannot reach the lowest score asked for are never scored, and the others
// are scored best bound first, stopping once no later one could enter the
// results.
package index

import (
	"cmp"
	"hash/maphash"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/names"
)

// Join slots of a name: the vocabulary id of a fuzzy join, or one of these.
const (
	noJoin    = ^uint32(0)     // the pair cannot be joined
	exactJoin = ^uint32(0) - 1 // a join of two full parts: compared by exact key
)

// frequentPart is the number of names from which a vocabulary entry counts
// as frequent: its postings are read only through the pair index.
const frequentPart = 64

// Prefixes of the lookup keys, one per kind.
const (
	keyPrefix   = 'k'
	consPrefix  = 'c'
	symPrefix   = '#'
	exactPrefix = 'x'
	pairPrefix  = 'p'
)

// hash hashes a lookup key: its kind's prefix and its bytes.
func (ix *Index) hash(prefix byte, b []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(ix.seed)
	h.WriteByte(prefix)
	h.Write(b)
	return h.Sum64()
}

// pairHash hashes an unordered pair of vocabulary ids.
func (ix *Index) pairHash(a, b uint32) uint64 {
	if a > b {
		a, b = b, a
	}
	var buf [8]byte
	for i := range 4 {
		buf[i], buf[4+i] = byte(a>>(8*i)), byte(b>>(8*i))
	}
	return ix.hash(pairPrefix, buf[:])
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

func buildPostings(n int, pairs []uint64) postings {
	// Each pair is vocabulary id << 32 | name id: sorting sorts both.
	slices.Sort(pairs)
	pairs = slices.Compact(pairs)
	p := postings{off: make([]uint32, n+1), ids: make([]uint32, len(pairs))}
	for i, pr := range pairs {
		p.off[pr>>32+1]++
		p.ids[i] = uint32(pr)
	}
	for v := 1; v <= n; v++ {
		p.off[v] += p.off[v-1]
	}
	return p
}

// keyTable maps hashed keys to ids (vocabulary or name ids): two parallel
// arrays sorted by hash, and the offset in them of each run of hashes
// sharing their top bits, so that a lookup is one jump and a short scan.
type keyTable struct {
	hashes  []uint64
	ids     []uint32
	buckets []uint32 // buckets[b] is the first index whose hash has top bits b
	shift   uint
}

// keyEntry is one key of one id, while building.
type keyEntry struct {
	hash uint64
	id   uint32
}

// newKeyTable sorts the entries (stably: ids added in increasing order
// stay so within a hash), drops repeats and builds the buckets, about four
// hashes to a bucket.
func newKeyTable(keys []keyEntry) keyTable {
	radixSort(keys)
	t := keyTable{hashes: make([]uint64, 0, len(keys)), ids: make([]uint32, 0, len(keys))}
	for _, k := range keys {
		if n := len(t.hashes); n > 0 && t.hashes[n-1] == k.hash && t.ids[n-1] == k.id {
			continue
		}
		t.hashes = append(t.hashes, k.hash)
		t.ids = append(t.ids, k.id)
	}
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
	return t
}

func (t *keyTable) lookup(h uint64, fn func(uint32)) {
	if len(t.buckets) == 0 {
		return
	}
	b := h >> t.shift
	for i, end := t.buckets[b], t.buckets[b+1]; i < end; i++ {
		switch {
		case t.hashes[i] == h:
			fn(t.ids[i])
		case t.hashes[i] > h:
			return
		}
	}
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

// Index is an immutable index over a set of entities. It is safe for
// concurrent use.
type Index struct {
	entities []*entity.Entity
	// Names, as parallel arrays: name i belongs to nameEntity[i], is
	// Names[nameIdx[i]] of it, and its parts are slots[tokOff[i]:tokOff[i+1]]:
	// everything candidate filtering reads of a name lies together.
	nameEntity []uint32
	nameIdx    []uint16
	tokOff     []uint32
	slots      []slot
	// vocab holds the distinct name parts and fuzzy joins, the most
	// frequent first (what filtering reads of them stays in the processor's
	// cache); frequent marks those with more than frequentPart names.
	vocab         []names.Token
	vinfo         []vocabInfo // what filtering needs of each entry, compactly
	frequent      []bool
	frequentLimit int
	// tokPost: names having the entry as a part; tokPost1: the same for
	// names with at most one significant part; joinPost: names having it
	// as a fuzzy join.
	tokPost, tokPost1, joinPost postings
	keys                        keyTable // lookup keys → vocabulary ids
	exact                       keyTable // exact join keys → name ids
	pairs                       keyTable // pairs of frequent parts → name ids
	seed                        maphash.Seed
	idents                      map[string][]uint32 // normalised identifier → entities
	cache                       *tokenCache
	scratch                     sync.Pool // *scratch, for collect
}

// Entities returns the indexed entities.
func (ix *Index) Entities() []*entity.Entity { return ix.entities }

// EachToken calls fn with every distinct name part of the indexed names
// (fuzzy joins included), for those that need the vocabulary itself: the
// text scanner builds its dictionary of name words from it. fn must not
// keep or modify the token.
func (ix *Index) EachToken(fn func(t *names.Token)) {
	for i := range ix.vocab {
		fn(&ix.vocab[i])
	}
}

// Stats describes the index's size.
type Stats struct {
	Entities, Names, Vocabulary, Keys, Postings, ExactJoins, Pairs int
}

// Stats returns the index's size.
func (ix *Index) Stats() Stats {
	return Stats{len(ix.entities), len(ix.nameEntity), len(ix.vocab), len(ix.keys.hashes),
		len(ix.tokPost.ids) + len(ix.joinPost.ids), len(ix.exact.hashes), len(ix.pairs.hashes)}
}

// slot is one part of a listed name and the join of it with the next part.
type slot struct {
	tok uint32 // vocabulary id of the part
	// join is the vocabulary id of the fuzzy join with the next part,
	// noJoin, or exactJoin (the last slot of a name has noJoin).
	join uint32
	// exact is the low half of the lookup hash of an exact join.
	exact uint32
}

// vocabInfo is what candidate filtering needs of a vocabulary entry, in a
// few bytes (the entries themselves are large and scattered).
type vocabInfo struct {
	weight  float64
	sig     bool
	initial bool
	common  bool   // not significant, or a very common name
	letter  uint32 // the bit of its first letter, a to z
}

// vocabKey identifies a vocabulary entry: tokens with the same text, kind,
// script and join status compare identically.
type vocabKey struct {
	text   string
	kind   names.Kind
	script uint8
	joined bool
}

func keyOf(t *names.Token) vocabKey {
	return vocabKey{t.Text, t.Kind, uint8(t.Script), t.Joined}
}

// builder accumulates the index.
type builder struct {
	ix                 *Index
	ids                map[vocabKey]uint32
	tokP, tok1P, joinP []uint64 // vocab << 32 | name
	exact              []keyEntry
}

func (b *builder) intern(t *names.Token) uint32 {
	k := keyOf(t)
	if id, ok := b.ids[k]; ok {
		return id
	}
	id := uint32(len(b.ix.vocab))
	b.ids[k] = id
	tok := *t
	tok.Start, tok.End = 0, 0
	b.ix.vocab = append(b.ix.vocab, tok)
	return id
}

// retrievable reports whether a token is found through the key table.
func retrievable(t *names.Token) bool { return t.Kind != names.Initial }

// Build indexes entities. Names are analysed with names.Analyze on every
// core.
func Build(entities []*entity.Entity) *Index { return build(entities, frequentPart) }

// build indexes entities, counting as frequent the parts of more than
// frequent names (tests lower it to exercise the pair index).
func build(entities []*entity.Entity, frequent int) *Index {
	ix := &Index{entities: entities, seed: maphash.MakeSeed(), idents: map[string][]uint32{}, frequentLimit: frequent}
	b := &builder{ix: ix, ids: map[vocabKey]uint32{}}
	// Names are analysed on every core, a chunk of entities at a time,
	// and interned in entity order, so that ids do not depend on timing.
	const chunk = 2048
	workers := runtime.GOMAXPROCS(0)
	for start := 0; start < len(entities); start += chunk {
		part := entities[start:min(start+chunk, len(entities))]
		sides := make([][]match.Side, len(part))
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(part); i += workers {
					e := part[i]
					ss := make([]match.Side, min(len(e.Names), 0xffff))
					for ni := range ss {
						an := names.Analyze(e.Names[ni].Full, e.Type)
						ss[ni] = match.NewSide(&an)
					}
					sides[i] = ss
				}
			}()
		}
		wg.Wait()
		for i, e := range part {
			ei := uint32(start + i)
			for ni := range sides[i] {
				b.addName(ei, uint16(ni), &sides[i][ni])
			}
			for _, id := range e.Identifiers {
				v := entity.NormalizeIDValue(id.Type, id.Value)
				if len(v) < 4 {
					continue // too short to identify anything
				}
				if l := ix.idents[v]; len(l) == 0 || l[len(l)-1] != ei {
					ix.idents[v] = append(l, ei)
				}
			}
		}
	}
	b.finish()
	if len(ix.nameEntity) > 100_000 {
		// Building a large index leaves gigabytes of garbage: give the
		// memory back now rather than when the scavenger gets to it.
		debug.FreeOSMemory()
	}
	return ix
}

func (b *builder) addName(ei uint32, ni uint16, s *match.Side) {
	if len(s.Tokens) == 0 {
		return
	}
	ix := b.ix
	nid := uint64(len(ix.nameEntity))
	if len(ix.tokOff) == 0 {
		ix.tokOff = append(ix.tokOff, 0)
	}
	sig := 0
	for _, t := range s.Tokens {
		if t.Significant() {
			sig++
		}
	}
	for i, t := range s.Tokens {
		sl := slot{tok: b.intern(t), join: noJoin}
		b.tokP = append(b.tokP, uint64(sl.tok)<<32|nid)
		if sig <= 1 {
			b.tok1P = append(b.tok1P, uint64(sl.tok)<<32|nid)
		}
		if i < len(s.Joins) && s.Joins[i] != nil {
			j := s.Joins[i]
			// An exact join is found by its key alone, unless it has a
			// symbol ("abdulrahman" and its spellings): then it is an entry
			// of the vocabulary, found through the symbol too.
			if j.ExactOnly && len(j.Syms) == 0 {
				h := ix.hash(exactPrefix, []byte(j.Key))
				sl.join, sl.exact = exactJoin, uint32(h)
				b.exact = append(b.exact, keyEntry{h, uint32(nid)})
			} else {
				sl.join = b.intern(j)
				b.joinP = append(b.joinP, uint64(sl.join)<<32|nid)
			}
		}
		ix.slots = append(ix.slots, sl)
	}
	ix.tokOff = append(ix.tokOff, uint32(len(ix.slots)))
	ix.nameEntity = append(ix.nameEntity, ei)
	ix.nameIdx = append(ix.nameIdx, ni)
}

// keysOf appends the lookup keys of vocabulary entry id to dst: the
// deletion variants of its key, of its consonants (for queries written in
// an abjad; not for joins, which compare by key only), and its symbols.
// Initials are compared directly with the parts of retrieved names and
// never retrieve names themselves.
func (ix *Index) keysOf(dst []keyEntry, id uint32) []keyEntry {
	t := &ix.vocab[id]
	if !retrievable(t) {
		return dst
	}
	add := func(h uint64) { dst = append(dst, keyEntry{h, id}) }
	names.Deletions(t.Key, func(d []byte) { add(ix.hash(keyPrefix, d)) })
	if !t.Abjad() && !t.Joined && len(t.Cons) >= 2 {
		names.Deletions(t.Cons, func(d []byte) { add(ix.hash(consPrefix, d)) })
	}
	for _, s := range t.Syms {
		add(ix.hash(symPrefix, []byte(s)))
	}
	return dst
}

// parallel runs fn over [0, n) split in one range per core, and returns
// what each range produced, in order.
func parallel[T any](n int, fn func(lo, hi int) []T) []T {
	workers := runtime.GOMAXPROCS(0)
	parts := make([][]T, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = fn(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
	total := 0
	for _, p := range parts {
		total += len(p)
	}
	out := make([]T, 0, total)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func (b *builder) finish() {
	ix := b.ix
	n := len(ix.vocab)
	if len(ix.tokOff) == 0 {
		ix.tokOff = []uint32{0}
	}
	b.renumber()
	ix.tokPost = buildPostings(n, b.tokP)
	ix.tokPost1 = buildPostings(n, b.tok1P)
	ix.joinPost = buildPostings(n, b.joinP)
	b.tokP, b.tok1P, b.joinP = nil, nil, nil
	ix.vinfo = make([]vocabInfo, n)
	for v := range n {
		t := &ix.vocab[v]
		ix.vinfo[v] = vocabInfo{t.Weight, t.Significant(), t.Kind == names.Initial, !t.Significant() || t.Common, letterBit(t.Text)}
	}
	ix.frequent = make([]bool, n)
	for v := range n {
		ix.frequent[v] = len(ix.tokPost.of(uint32(v))) > ix.frequentLimit
	}
	ix.keys = newKeyTable(parallel(n, func(lo, hi int) []keyEntry {
		var keys []keyEntry
		for id := lo; id < hi; id++ {
			keys = ix.keysOf(keys, uint32(id))
		}
		return keys
	}))
	ix.exact = newKeyTable(b.exact)
	b.exact = nil
	// Pairs of frequent parts in one name, so that a name matched only
	// through frequent parts is found without reading their postings.
	ix.pairs = newKeyTable(parallel(len(ix.nameEntity), func(lo, hi int) []keyEntry {
		var keys []keyEntry
		for nid := lo; nid < hi; nid++ {
			ss := ix.nameSlots(uint32(nid))
			for i, a := range ss {
				if !ix.frequent[a.tok] {
					continue
				}
				for _, c := range ss[i+1:] {
					if ix.frequent[c.tok] {
						keys = append(keys, keyEntry{ix.pairHash(a.tok, c.tok), uint32(nid)})
					}
				}
			}
		}
		return keys
	}))
	ix.cache = newTokenCache(1 << 16)
	ix.scratch.New = func() any { return new(scratch) }
}

// nameSlots returns the parts of name nid.
func (ix *Index) nameSlots(nid uint32) []slot {
	return ix.slots[ix.tokOff[nid]:ix.tokOff[nid+1]]
}

// renumber gives the vocabulary entries new ids, the most frequent first,
// ties in order of first appearance, and rewrites every reference to them.
func (b *builder) renumber() {
	ix := b.ix
	n := len(ix.vocab)
	count := make([]uint32, n)
	for _, p := range b.tokP {
		count[p>>32]++
	}
	for _, p := range b.joinP {
		count[p>>32]++
	}
	order := make([]uint32, n) // new id → old id
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortStableFunc(order, func(x, y uint32) int { return cmp.Compare(count[y], count[x]) })
	id := make([]uint32, n) // old id → new id
	vocab := make([]names.Token, n)
	for nv, ov := range order {
		id[ov] = uint32(nv)
		vocab[nv] = ix.vocab[ov]
	}
	ix.vocab = vocab
	for i := range ix.slots {
		sl := &ix.slots[i]
		sl.tok = id[sl.tok]
		if sl.join != noJoin && sl.join != exactJoin {
			sl.join = id[sl.join]
		}
	}
	for _, ps := range [][]uint64{b.tokP, b.tok1P, b.joinP} {
		for i, p := range ps {
			ps[i] = uint64(id[p>>32])<<32 | p&0xffffffff
		}
	}
	b.ids = nil
}

// namesOf returns every name id of an entity.
func (ix *Index) namesOf(ei uint32) []uint32 {
	i, _ := slices.BinarySearch(ix.nameEntity, ei)
	var out []uint32
	for ; i < len(ix.nameEntity) && ix.nameEntity[i] == ei; i++ {
		out = append(out, uint32(i))
	}
	return out
}
