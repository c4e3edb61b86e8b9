package index

import "math"

// unitSet maps the vocabulary entries a query side matches to the bits of
// the query units that match them, the best similarity of any, and the
// largest query weight any of them covers. It is a small open-addressing table,
// sized to its contents: candidate filtering looks up every part of tens
// of thousands of names in it, and a table that stays in the processor's
// cache is several times faster than one indexed by vocabulary id.
type unitSet struct {
	entries []unitEntry
	shift   uint8
}

type unitEntry struct {
	key    uint32 // vocabulary id + 1; 0 marks an empty slot
	sim    float32
	weight float32
	bits   uint64
}

// roundUp returns x as a float32 no smaller than x.
func roundUp(x float64) float32 {
	f := float32(x)
	if float64(f) < x {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

// newUnitSet returns a set with room for n entries.
func newUnitSet(n int) unitSet {
	size, shift := 16, uint8(32-4)
	for size < 2*n {
		size *= 2
		shift--
	}
	return unitSet{entries: make([]unitEntry, size), shift: shift}
}

// slot returns the home slot of vocabulary entry v (Fibonacci hashing).
func (s *unitSet) slot(v uint32) uint32 { return ((v + 1) * 2654435769) >> s.shift }

// add records that the units with the given bits match entry v with
// similarity sim, and cover query parts of the given weight. Similarities
// and weights are kept rounded up, as upper bounds.
func (s *unitSet) add(v uint32, bits uint64, sim, weight float64) {
	mask := uint32(len(s.entries) - 1)
	for i := s.slot(v); ; i = (i + 1) & mask {
		e := &s.entries[i]
		switch e.key {
		case 0:
			*e = unitEntry{v + 1, roundUp(sim), roundUp(weight), bits}
			return
		case v + 1:
			e.bits |= bits
			e.sim = max(e.sim, roundUp(sim))
			e.weight = max(e.weight, roundUp(weight))
			return
		}
	}
}

// get returns what the set holds for entry v: no bits when no unit
// matches it.
func (s *unitSet) get(v uint32) *unitEntry {
	mask := uint32(len(s.entries) - 1)
	for i := s.slot(v); ; i = (i + 1) & mask {
		e := &s.entries[i]
		if e.key == 0 || e.key == v+1 {
			return e
		}
	}
}
