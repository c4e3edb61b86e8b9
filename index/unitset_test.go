package index

import (
	"math/rand/v2"
	"testing"
)

func TestUnitSet(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 100, 5000} {
		rng := rand.New(rand.NewPCG(uint64(n), 1))
		want := map[uint32]uint64{}
		best := map[uint32]float64{}
		heaviest := map[uint32]float64{}
		s := newUnitSet(n)
		for range n {
			v := rng.Uint32N(1 << 22)
			if rng.IntN(50) == 0 {
				v = 1<<32 - 3 // the largest ids still work
			}
			b := uint64(1) << rng.IntN(64)
			sim, w := rng.Float64(), 3*rng.Float64()
			want[v] |= b
			best[v] = max(best[v], sim)
			heaviest[v] = max(heaviest[v], w)
			s.add(v, b, sim, w)
		}
		for v, b := range want {
			e := s.get(v)
			if e.bits != b {
				t.Errorf("n=%d: get(%d) = %x, want %x", n, v, e.bits, b)
			}
			// Similarity and weight are upper bounds, within float32
			// precision.
			if sim := float64(e.sim); sim < best[v] || sim > best[v]+1e-6 {
				t.Errorf("n=%d: get(%d) similarity %v, want %v rounded up", n, v, sim, best[v])
			}
			if w := float64(e.weight); w < heaviest[v] || w > heaviest[v]+1e-6 {
				t.Errorf("n=%d: get(%d) weight %v, want %v rounded up", n, v, w, heaviest[v])
			}
		}
		for range 1000 {
			v := rng.Uint32N(1 << 22)
			if got := s.get(v).bits; got != want[v] {
				t.Errorf("n=%d: get(%d) = %x, want %x", n, v, got, want[v])
			}
		}
	}
}
