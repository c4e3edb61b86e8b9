package quality

import (
	"testing"

	"github.com/embargo/embargo/screen"
)

// BenchmarkScreenNegatives screens the benchmark's negatives one at a time
// against every shipped sanctions list: the cost of one screen in process.
func BenchmarkScreenNegatives(b *testing.B) {
	s := load(b, sanctionsFiles(b)...)
	ps := people(b, "negatives_global.csv")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := &ps[i%len(ps)]
		prep, err := Request(s, p, screen.DefaultThreshold, 10)
		if err != nil {
			continue
		}
		s.Run(prep)
	}
}

// BenchmarkBuildIndex indexes every shipped sanctions list.
func BenchmarkBuildIndex(b *testing.B) {
	s := load(b, sanctionsFiles(b)...)
	cat := s.Catalog()
	b.ResetTimer()
	for b.Loop() {
		screen.New(cat)
	}
}
