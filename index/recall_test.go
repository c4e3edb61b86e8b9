package index_test

import (
	"context"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/quality"
)

// TestNoRecallHole checks, for every positive of the shared benchmark, that
// each entity brute-force scoring accepts (score at or above the threshold,
// comparing the query with every name of every entity) is also returned by
// the index, with the same score. The index prunes on the single-part cap,
// so the check runs at the default threshold and at one below the cap.
func TestNoRecallHole(t *testing.T) {
	if testing.Short() {
		t.Skip("brute-force scoring of every benchmark positive: skipped in -short")
	}
	cat, err := catalog.NewLoader(nil).Load(context.Background(), []string{shareddata.Lists(t)})
	if err != nil {
		t.Fatal(err)
	}
	ents := cat.All()
	ix := index.Build(ents)
	sides := make([][]match.Side, len(ents))
	for i, e := range ents {
		sides[i] = match.EntitySides(e)
	}
	var people []quality.Person
	for _, f := range []string{"positives_un_treated.csv", "positives_un_untreated.csv"} {
		ps, err := quality.ReadPeople(shareddata.Path(t, "bench/screening/"+f))
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, ps...)
	}
	for _, threshold := range []float64{0.7, 0.5} {
		checked, accepted := checkRecall(t, ix, ents, sides, people, threshold)
		t.Logf("threshold %.2f: %d queries, %d entities accepted by brute force, all retrieved", threshold, checked, accepted)
	}
}

func query(p *quality.Person) *match.Analyzed {
	q := match.Query{Names: []string{p.Name()}, Type: entity.Person}
	if d, err := entity.ParseDate(p.BirthDate); err == nil && p.BirthDate != "" {
		q.BirthDates = []entity.Date{d}
	}
	if c := country.Code(p.Nationality); c != "" {
		q.Countries = []string{c}
	}
	q.Gender = entity.ParseGender(p.Gender)
	return match.Analyze(q)
}

func checkRecall(t *testing.T, ix *index.Index, ents []*entity.Entity, sides [][]match.Side, people []quality.Person, threshold float64) (checked, accepted int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				q := query(&people[i])
				got := map[string]float64{}
				for _, h := range ix.Search(q, index.Options{Threshold: threshold, Type: entity.Person}) {
					got[h.Entity.ID] = h.Score
				}
				n := 0
				for ei, e := range ents {
					if e.Type != entity.Person && e.Type != entity.Unknown {
						continue
					}
					r := match.Compare(q, e, sides[ei])
					if r.Score < threshold {
						continue
					}
					n++
					s, ok := got[e.ID]
					if !ok || math.Abs(s-r.Score) > 1e-9 {
						mu.Lock()
						t.Errorf("threshold %.2f: %q (line %d): brute force accepts %s %q at %.4f, index gives %.4f (found %v)",
							threshold, people[i].Name(), people[i].Line, e.ID, e.Caption(), r.Score, s, ok)
						mu.Unlock()
					}
				}
				mu.Lock()
				checked++
				accepted += n
				mu.Unlock()
			}
		}()
	}
	for i := range people {
		next <- i
	}
	close(next)
	wg.Wait()
	return checked, accepted
}
