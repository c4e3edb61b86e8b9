package index_test

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
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
	sides := make([][]match.Side, len(ents))
	for i, e := range ents {
		sides[i] = match.EntitySides(e)
	}
	var people []quality.Person
	// The UN positives, and the US Congress members, whose names carry
	// initials ("Jennifer L. McClellan"), against every shipped list.
	for _, f := range []string{"positives_un_treated.csv", "positives_un_untreated.csv", "positives_us_congress_untreated.csv"} {
		ps, err := quality.ReadPeople(shareddata.Path(t, "bench/screening/"+f))
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, ps...)
	}
	// The shipped lists have few parts frequent enough for the pair index:
	// a lower limit makes hundreds of parts frequent and exercises it.
	configs := []recallConfig{
		{index.Build(ents), "default index", 0.7},
		{index.Build(ents), "default index", 0.5},
		{index.BuildFrequent(ents, 20), "parts of 20+ names frequent", 0.7},
	}
	checked, accepted := checkRecall(t, configs, ents, sides, people)
	for i, c := range configs {
		t.Logf("%s, threshold %.2f: %d queries, %d entities accepted by brute force, all retrieved", c.what, c.threshold, checked, accepted[i])
	}
}

// recallConfig is one index and threshold to hold to brute force.
type recallConfig struct {
	ix        *index.Index
	what      string
	threshold float64
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

// topLimit is the limit under which searches must return brute force's
// best results.
const topLimit = 3

// checkRecall scores every query against every entity once, and checks
// each configuration's search returns every entity scoring at or above its
// threshold, with the same score.
func checkRecall(t *testing.T, configs []recallConfig, ents []*entity.Entity, sides [][]match.Side, people []quality.Person) (checked int, accepted []int) {
	lowest := 1.0
	for _, c := range configs {
		lowest = min(lowest, c.threshold)
	}
	accepted = make([]int, len(configs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				q := query(&people[i])
				type accept struct {
					e     *entity.Entity
					score float64
				}
				var brute []accept
				for ei, e := range ents {
					if e.Type != entity.Person && e.Type != entity.Unknown {
						continue
					}
					if r := match.Compare(q, e, sides[ei]); r.Score >= lowest {
						brute = append(brute, accept{e, r.Score})
					}
				}
				for ci, c := range configs {
					got := map[string]float64{}
					for _, h := range c.ix.Search(q, index.Options{Threshold: c.threshold, Type: entity.Person, MinScore: c.threshold}) {
						got[h.Entity.ID] = h.Score
					}
					n := 0
					for _, a := range brute {
						if a.score < c.threshold {
							continue
						}
						n++
						s, ok := got[a.e.ID]
						if !ok || math.Abs(s-a.score) > 1e-9 {
							mu.Lock()
							t.Errorf("%s, threshold %.2f: %q (line %d): brute force accepts %s %q at %.4f, index gives %.4f (found %v)",
								c.what, c.threshold, people[i].Name(), people[i].Line, a.e.ID, a.e.Caption(), a.score, s, ok)
							mu.Unlock()
						}
					}
					// With a limit, the index scores the best candidates
					// first and stops early: it must still return the best
					// of what brute force accepts.
					var want []float64
					for _, a := range brute {
						if a.score >= c.threshold {
							want = append(want, a.score)
						}
					}
					slices.SortFunc(want, func(a, b float64) int { return cmp.Compare(b, a) })
					want = want[:min(len(want), topLimit)]
					top := c.ix.Search(q, index.Options{Threshold: c.threshold, Type: entity.Person, MinScore: c.threshold, Limit: topLimit})
					if len(top) != len(want) {
						mu.Lock()
						t.Errorf("%s, threshold %.2f: %q (line %d): limit %d gives %d results, brute force %d",
							c.what, c.threshold, people[i].Name(), people[i].Line, topLimit, len(top), len(want))
						mu.Unlock()
					}
					for k := range min(len(top), len(want)) {
						if math.Abs(top[k].Score-want[k]) > 1e-9 {
							mu.Lock()
							t.Errorf("%s, threshold %.2f: %q (line %d): result %d with limit %d scores %.4f, brute force's %.4f",
								c.what, c.threshold, people[i].Name(), people[i].Line, k+1, topLimit, top[k].Score, want[k])
							mu.Unlock()
						}
					}
					mu.Lock()
					accepted[ci] += n
					mu.Unlock()
				}
				mu.Lock()
				checked++
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
