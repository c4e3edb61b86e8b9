package text

import (
	"cmp"
	"hash/maphash"
	"slices"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/names"
)

// The dictionary of name words.
//
// Every distinct phonetic key of a listed name part (and every equivalence
// symbol, Sergei / Serhiy / Siergiej) gets an id. A word of the text is
// looked up by the keys of its forms: exactly, and with one symbol
// deleted on each side for keys of five symbols or more (Poutine /
// Putin, Prigoschin / Prigozhin), the way the index's deletion table finds
// spelling variants, but with a smaller budget, since the dictionary is
// only a filter: the scorer has the last word.
//
// Listed names are then patterns over these ids, kept as the set of
// unordered pairs of ids that occur together in one listed name. Two
// words of the text near each other whose ids form such a pair may be
// (part of) a listed name, in any order and with other parts missing, and
// only such spans go to the scorer: a multi-pattern filter over the whole
// vocabulary in one hash probe per pair, tolerant of word order, missing
// middle names and spelling variants, which a byte-level automaton over
// the listed names (Aho-Corasick) is not.

// minFuzzyKey is the shortest key looked up with a deletion;
// minFuzzyKey2, with two on the text's side (Prigojine / Prigozhin: the
// French j and the final e against the zh of the list).
const (
	minFuzzyKey  = 5
	minFuzzyKey2 = 7
)

// maxWordIDs bounds the ids a word is given (a short common key in an
// abjad can meet many listed parts).
const maxWordIDs = 48

// dict is the immutable dictionary.
type dict struct {
	seeds [nHashKinds]maphash.Seed
	// exact maps the hash of a key or symbol to its id.
	exact map[uint64]uint32
	// fuzzy maps the hashes of keys and of their one-deletion variants to
	// the ids of the keys.
	fuzzy multimap
	// cons maps the hash of a consonant skeleton to the ids of the keys
	// that have it, for words written in an abjad.
	cons multimap
	// pairs holds the unordered pairs of ids of two parts of one listed
	// name.
	pairs u64set
	// single marks ids that are the only significant part of a listed
	// name (HAMAS, Rosneft Trading S.A.).
	single bitset
	// person marks ids of words of persons' names.
	person bitset
	// whole holds the hashes of listed names of two to four parts written
	// together ("kimjongun", "xiabaolong"), in order and rotated, for
	// scripts that do not space name parts (Chinese) or write a name as one
	// word (Korean).
	whole u64set
	// keys counts the distinct keys and symbols.
	keys int
}

// dictBuilder accumulates a dictionary.
type dictBuilder struct {
	d      *dict
	fuzzy  []mmEntry
	cons   []mmEntry
	pairs  []uint64
	single []uint32
	person []uint32
	whole  []uint64
}

func newDictBuilder() *dictBuilder {
	d := &dict{exact: make(map[uint64]uint32, 1<<16)}
	for i := range d.seeds {
		d.seeds[i] = maphash.MakeSeed()
	}
	return &dictBuilder{d: d}
}

// hashKind separates the hashes of different tables: each has its own
// seed.
type hashKind uint8

const (
	pfxKey hashKind = iota
	pfxSym
	pfxDel
	pfxCons
	pfxWhole
	nHashKinds
)

func (d *dict) hash(k hashKind, s string) uint64 { return maphash.String(d.seeds[k], s) }

func (d *dict) hashBytes(k hashKind, b []byte) uint64 { return maphash.Bytes(d.seeds[k], b) }

// id returns the id of a key or symbol (prefix pfxKey or pfxSym), adding
// it when new.
func (b *dictBuilder) id(prefix hashKind, s string) uint32 {
	d := b.d
	h := d.hash(prefix, s)
	if id, ok := d.exact[h]; ok {
		return id
	}
	d.keys++
	id := uint32(d.keys) // ids start at 1: 0 is "none"
	d.exact[h] = id
	if prefix == pfxKey {
		b.fuzzy = append(b.fuzzy, mmEntry{d.hash(pfxDel, s), id})
		if len(s) >= minFuzzyKey {
			deletions1(s, func(v []byte) { b.fuzzy = append(b.fuzzy, mmEntry{d.hashBytes(pfxDel, v), id}) })
		}
		if c := names.Consonants(s); len(c) >= 2 {
			b.cons = append(b.cons, mmEntry{d.hash(pfxCons, c), id})
		}
	}
	return id
}

// tokenIDs returns the ids of a listed name part: its key's and its
// symbols'.
func (b *dictBuilder) tokenIDs(t *names.Token, dst []uint32) []uint32 {
	dst = append(dst, b.id(pfxKey, t.Key))
	if t.Script.IsSyllabic() {
		// Latin text spells the syllable with the ordinary key.
		dst = append(dst, b.id(pfxKey, names.Key(t.Text)))
	}
	for _, s := range t.Syms {
		dst = append(dst, b.id(pfxSym, s))
	}
	return dst
}

// unit is a part of a listed name as the pair filter sees it: a token or
// two joined tokens, with its ids.
type unit struct {
	lo, hi  int // token span
	generic bool
	ids     []uint32
}

// addName adds one analysed listed name.
func (b *dictBuilder) addName(an *names.Name, t entity.Type) {
	toks := an.Tokens
	if len(toks) == 0 {
		return
	}
	var units []unit
	sig := 0
	for i := range toks {
		tk := &toks[i]
		switch tk.Kind {
		case names.Word, names.Generic, names.Patronymic:
		default:
			continue
		}
		if tk.Kind != names.Generic {
			sig++
		}
		u := unit{lo: i, hi: i, generic: tk.Kind == names.Generic, ids: b.tokenIDs(tk, nil)}
		units = append(units, u)
		if t == entity.Person && tk.Kind == names.Word {
			b.person = append(b.person, u.ids...)
		}
	}
	if len(toks) >= 2 {
		ptrs := make([]*names.Token, len(toks))
		for i := range toks {
			ptrs[i] = &toks[i]
		}
		for i, j := range match.Joins(ptrs) {
			if j == nil || toks[i].Kind != names.Word || toks[i+1].Kind != names.Word {
				continue
			}
			units = append(units, unit{lo: i, hi: i + 1, ids: b.tokenIDs(j, nil)})
		}
	}
	if sig == 1 {
		for _, u := range units {
			if !u.generic && u.lo == u.hi {
				b.single = append(b.single, u.ids...)
			}
		}
	}
	for i := range units {
		for j := i + 1; j < len(units); j++ {
			a, c := &units[i], &units[j]
			if a.generic && c.generic || a.lo <= c.hi && c.lo <= a.hi {
				continue
			}
			for _, x := range a.ids {
				for _, y := range c.ids {
					if x != y {
						b.pairs = append(b.pairs, pairKey(x, y))
					}
				}
			}
		}
	}
	// Whole names of two to four word parts, written together.
	if n := len(toks); n >= 2 && n <= 4 {
		total := 0
		for i := range toks {
			if toks[i].Kind != names.Word && toks[i].Kind != names.Particle {
				return
			}
			total += len(toks[i].Text)
		}
		if total > 24 {
			return
		}
		for rot := range n {
			var buf [32]byte
			s := buf[:0]
			for k := range n {
				s = append(s, toks[(k+rot)%n].Text...)
			}
			b.whole = append(b.whole, b.d.hashBytes(pfxWhole, s))
		}
	}
}

func (b *dictBuilder) finish() *dict {
	d := b.d
	d.fuzzy = newMultimap(b.fuzzy)
	d.cons = newMultimap(b.cons)
	d.pairs = newU64set(b.pairs)
	d.whole = newU64set(b.whole)
	d.single = newBitset(d.keys+1, b.single)
	d.person = newBitset(d.keys+1, b.person)
	b.fuzzy, b.cons, b.pairs, b.whole, b.single, b.person = nil, nil, nil, nil, nil, nil
	return d
}

// pairKey is the key of an unordered pair of ids.
func pairKey(a, b uint32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(b)
}

// lookup appends to dst the ids of a word part with phonetic key key,
// equivalence symbols syms, written in an abjad or not; deep adds the
// keys two deletions away from a long key.
func (d *dict) lookup(dst []uint32, key string, syms []string, abjad, deep bool) []uint32 {
	if key == "" {
		return dst
	}
	start := len(dst)
	add := func(id uint32) {
		if len(dst)-start >= maxWordIDs {
			return
		}
		for _, have := range dst[start:] {
			if have == id {
				return
			}
		}
		dst = append(dst, id)
	}
	d.fuzzy.lookup(d.hash(pfxDel, key), add)
	if len(key) >= minFuzzyKey {
		deletions1(key, func(v []byte) { d.fuzzy.lookup(d.hashBytes(pfxDel, v), add) })
	}
	if deep && len(dst) == start && len(key) >= minFuzzyKey2 {
		// Nothing within one deletion: try two.
		deletions2(key, func(v []byte) { d.fuzzy.lookup(d.hashBytes(pfxDel, v), add) })
	}
	for _, s := range syms {
		if id, ok := d.exact[d.hash(pfxSym, s)]; ok {
			add(id)
		}
	}
	if abjad {
		if c := names.Consonants(key); len(c) >= 2 {
			d.cons.lookup(d.hash(pfxCons, c), add)
		}
	}
	return dst
}

// consLookup appends to dst the ids of the keys whose consonants are
// those of key.
func (d *dict) consLookup(dst []uint32, key string) []uint32 {
	c := names.Consonants(key)
	if len(c) < 2 {
		return dst
	}
	d.cons.lookup(d.hash(pfxCons, c), func(id uint32) {
		if len(dst) < maxWordIDs && !slices.Contains(dst, id) {
			dst = append(dst, id)
		}
	})
	return dst
}

// exactID returns the id of a key when the key is a listed part's own.
func (d *dict) exactID(key string) uint32 {
	return d.exact[d.hash(pfxKey, key)]
}

// symID returns the id of an equivalence symbol, or 0.
func (d *dict) symID(sym string) uint32 {
	return d.exact[d.hash(pfxSym, sym)]
}

// pairsWith reports whether words a and b may be two parts of one listed
// name: an id of one and an id of the other are such parts, and one of
// the two is spelled as listed (or a known variant), so that two
// misspellings do not make a candidate. A word in an abjad is never
// spelled as listed (فلاديمير بوتين: f for v, b for p), so tolerance goes
// both ways there.
func (d *dict) pairsWith(a, b *winfo) bool {
	if a.abjad || b.abjad {
		return d.anyPair(a.ids, b.ids)
	}
	return d.anyPair(a.exact, b.ids) || d.anyPair(a.ids, b.exact)
}

func (d *dict) anyPair(a, b []uint32) bool {
	for _, x := range a {
		for _, y := range b {
			if x != y && d.pairs.has(pairKey(x, y)) {
				return true
			}
		}
	}
	return false
}

// anySingle reports whether some id is a listed name on its own.
func (d *dict) anySingle(ids []uint32) bool {
	for _, id := range ids {
		if d.single.has(id) {
			return true
		}
	}
	return false
}

// anyPerson reports whether some id is a part of a person's name.
func (d *dict) anyPerson(ids []uint32) bool {
	for _, id := range ids {
		if d.person.has(id) {
			return true
		}
	}
	return false
}

// deletions1 calls fn with every string obtained from key by deleting one
// byte (keys are ASCII). The slice is only valid during the call.
func deletions1(key string, fn func([]byte)) {
	var buf [64]byte
	if len(key) > len(buf)+1 {
		key = key[:len(buf)+1]
	}
	for i := 0; i < len(key); i++ {
		if i > 0 && key[i] == key[i-1] {
			continue // same variant as the previous deletion
		}
		v := append(append(buf[:0], key[:i]...), key[i+1:]...)
		fn(v)
	}
}

// deletions2 calls fn with every string obtained from key by deleting two
// bytes.
func deletions2(key string, fn func([]byte)) {
	var buf [64]byte
	if len(key) > len(buf)+2 {
		key = key[:len(buf)+2]
	}
	for i := 0; i < len(key); i++ {
		for j := i + 1; j < len(key); j++ {
			v := append(append(append(buf[:0], key[:i]...), key[i+1:j]...), key[j+1:]...)
			fn(v)
		}
	}
}

// multimap maps 64-bit hashes to ids: parallel arrays sorted by hash, with
// a bucket index on the top bits, as the index's key table.
type multimap struct {
	hashes  []uint64
	ids     []uint32
	buckets []uint32
	shift   uint
}

type mmEntry struct {
	hash uint64
	id   uint32
}

func newMultimap(es []mmEntry) multimap {
	slices.SortFunc(es, func(a, b mmEntry) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.id, b.id))
	})
	es = slices.Compact(es)
	m := multimap{hashes: make([]uint64, len(es)), ids: make([]uint32, len(es))}
	for i, e := range es {
		m.hashes[i], m.ids[i] = e.hash, e.id
	}
	bits := uint(1)
	for (1<<bits)*2 < len(es) && bits < 26 {
		bits++
	}
	m.shift = 64 - bits
	m.buckets = make([]uint32, (1<<bits)+1)
	i := 0
	for b := range 1 << bits {
		m.buckets[b] = uint32(i)
		for i < len(m.hashes) && m.hashes[i]>>m.shift == uint64(b) {
			i++
		}
	}
	m.buckets[1<<bits] = uint32(len(m.hashes))
	return m
}

func (m *multimap) lookup(h uint64, fn func(uint32)) {
	if len(m.buckets) == 0 {
		return
	}
	b := h >> m.shift
	for i, end := m.buckets[b], m.buckets[b+1]; i < end; i++ {
		switch {
		case m.hashes[i] == h:
			fn(m.ids[i])
		case m.hashes[i] > h:
			return
		}
	}
}

func (m *multimap) bytes() int { return len(m.hashes)*12 + len(m.buckets)*4 }

// u64set is a set of non-zero 64-bit keys: open addressing, linear
// probing, at most half full.
type u64set struct {
	slots []uint64
	mask  uint64
}

func newU64set(keys []uint64) u64set {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	n := 16
	for n < 2*len(keys) {
		n <<= 1
	}
	s := u64set{slots: make([]uint64, n), mask: uint64(n - 1)}
	for _, k := range keys {
		if k == 0 {
			continue
		}
		i := mix(k) & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = k
	}
	return s
}

func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

func (s *u64set) has(k uint64) bool {
	if k == 0 || len(s.slots) == 0 {
		return false
	}
	for i := mix(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

func (s *u64set) len() int {
	n := 0
	for _, k := range s.slots {
		if k != 0 {
			n++
		}
	}
	return n
}

// bitset is a set of small ids.
type bitset []uint64

func newBitset(n int, ids []uint32) bitset {
	b := make(bitset, (n+63)/64)
	for _, id := range ids {
		b[id/64] |= 1 << (id % 64)
	}
	return b
}

func (b bitset) has(id uint32) bool {
	return int(id/64) < len(b) && b[id/64]&(1<<(id%64)) != 0
}
