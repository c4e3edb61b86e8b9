package index_test

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"testing"
	"time"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
)

func BenchmarkZZSlow1M(b *testing.B) {
	base := shipped(b)
	ents := append(synthetic(base, 1_000_000), base...)
	qs := benchQueries(b, 2000)
	ix := index.Build(ents)
	type r struct {
		d time.Duration
		q string
		n int
	}
	var rs []r
	f, _ := os.Create("/tmp/search1m.prof")
	pprof.StartCPUProfile(f)
	for _, q := range qs {
		s := time.Now()
		h := ix.Search(q, index.Options{Threshold: 0.7, Limit: 10, Type: entity.Person, MinScore: 0.5})
		rs = append(rs, r{time.Since(s), q.Query.Names[0], len(h)})
	}
	pprof.StopCPUProfile()
	f.Close()
	sort.Slice(rs, func(i, j int) bool { return rs[i].d > rs[j].d })
	out, _ := os.Create("/tmp/slow1m.txt")
	for _, x := range rs[:40] {
		fmt.Fprintln(out, x.d, x.q, x.n)
	}
	out.Close()
}
