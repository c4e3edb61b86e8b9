package batch

import (
	"context"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/quality"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/names"
	"github.com/embargo/embargo/entity"
)

func BenchmarkScratch(b *testing.B) {
	cat, err := catalog.NewLoader(nil).Load(context.Background(), []string{shareddata.Path(b, "lists/un-consolidated-2026-02-27.xml")})
	if err != nil { b.Fatal(err) }
	src := cat.Sources[0]
	src.Entities = src.Entities[:100]
	small := screen.New(catalog.New([]*catalog.Source{src}))
	ps, _ := quality.ReadPeople(shareddata.Path(b, "bench/screening/negatives_us.csv"))
	b.Run("analyze", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			names.Analyze(ps[i%len(ps)].Name(), entity.Person)
		}
	})
	b.Run("prepare", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			small.Prepare(screen.Request{Name: ps[i%len(ps)].Name(), Type: "person"})
		}
	})
	b.Run("prepare+hits", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			p, _ := small.Prepare(screen.Request{Name: ps[i%len(ps)].Name(), Type: "person", Threshold: 0.7})
			small.Hits(p)
		}
	})
}
