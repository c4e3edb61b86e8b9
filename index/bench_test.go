package index_test

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
	"github.com/embargo/embargo/internal/gcfit"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/quality"
	"github.com/embargo/embargo/screen"
)

func shipped(b *testing.B) []*entity.Entity {
	cat, err := catalog.NewLoader(nil).Load(context.Background(), []string{shareddata.Lists(b)})
	if err != nil {
		b.Fatal(err)
	}
	return cat.All()
}

// benchQueries returns analysed queries from the shared benchmark: every
// UN positive and a sample of the negatives.
func benchQueries(b *testing.B, negatives int) []*match.Analyzed {
	var out []*match.Analyzed
	for _, f := range []string{"positives_un_treated.csv", "positives_un_untreated.csv", "negatives_global.csv", "negatives_us.csv"} {
		ps, err := quality.ReadPeople(shareddata.Path(b, "bench/screening/"+f))
		if err != nil {
			b.Fatal(err)
		}
		if strings.HasPrefix(f, "negatives") && len(ps) > negatives/2 {
			ps = ps[:negatives/2]
		}
		for i := range ps {
			out = append(out, query(&ps[i]))
		}
	}
	return out
}

// searchLatencies runs every query once, as screen.Screener does at the
// default threshold (reporting results down to minScore), and returns the
// sorted latencies.
func searchLatencies(ix *index.Index, qs []*match.Analyzed, minScore float64) []time.Duration {
	ds := make([]time.Duration, len(qs))
	for i, q := range qs {
		start := time.Now()
		ix.Search(q, index.Options{Threshold: 0.7, Limit: 10, Type: entity.Person, MinScore: minScore})
		ds[i] = time.Since(start)
	}
	slices.Sort(ds)
	return ds
}

// screenMinScore is the lowest score screen.Screener reports at the
// default threshold.
var screenMinScore = screen.DefaultThreshold - screen.ReportFloor

func reportLatencies(b *testing.B, ds []time.Duration) {
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkSearch screens benchmark queries against every shipped list,
// one query at a time, with a cold token cache for each round: the
// latency of a single screen in process.
func BenchmarkSearch(b *testing.B) {
	ents := shipped(b)
	qs := benchQueries(b, 4000)
	b.ResetTimer()
	var ds []time.Duration
	for b.Loop() {
		b.StopTimer()
		ix := index.Build(ents) // a fresh, cold cache
		b.StartTimer()
		ds = searchLatencies(ix, qs, screenMinScore)
	}
	b.ReportMetric(float64(len(qs)), "queries/op")
	reportLatencies(b, ds)
}

// synthetic builds n entities by recombining the name parts of the shipped
// persons and organisations, deterministically: the shape of a large list
// (OpenSanctions holds about a million entities) with real name parts.
func synthetic(ents []*entity.Entity, n int) []*entity.Entity {
	var people, orgs [][]string
	for _, e := range ents {
		for _, nm := range e.Names {
			if nm.Script {
				continue
			}
			parts := strings.Fields(strings.NewReplacer(",", " ").Replace(nm.Full))
			if len(parts) == 0 {
				continue
			}
			if e.Type == entity.Person {
				people = append(people, parts)
			} else {
				orgs = append(orgs, parts)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(pool [][]string) string {
		tmpl := pool[rng.IntN(len(pool))]
		parts := make([]string, len(tmpl))
		for i := range tmpl {
			src := pool[rng.IntN(len(pool))]
			parts[i] = src[min(i, len(src)-1)]
		}
		return strings.Join(parts, " ")
	}
	out := make([]*entity.Entity, n)
	for i := range out {
		t, pool := entity.Person, people
		if i%4 == 3 {
			t, pool = entity.Organization, orgs
		}
		e := &entity.Entity{ID: "syn-" + strconv.Itoa(i), Source: "synthetic", Type: t}
		e.AddName(entity.Name{Full: pick(pool), Kind: entity.Primary})
		for range rng.IntN(3) {
			e.AddName(entity.Name{Full: pick(pool), Kind: entity.Alias})
		}
		if t == entity.Person && rng.IntN(2) == 0 {
			e.BirthDates = []entity.Date{{Year: 1940 + rng.IntN(60), Month: 1 + rng.IntN(12), Day: 1 + rng.IntN(28)}}
		}
		out[i] = e
	}
	return out
}

func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:"))
		}
	}
	return "?"
}

// BenchmarkSearch1M builds a synthetic index of a million entities from
// the shipped names (plus the shipped lists themselves) and reports the
// build time, the memory the index holds, and the latency of the shared
// benchmark's queries against it.
func BenchmarkSearch1M(b *testing.B) {
	base := shipped(b)
	ents := append(synthetic(base, 1_000_000), base...)
	qs := benchQueries(b, 2000)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix := index.Build(ents)
	build := time.Since(start)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	st := ix.Stats()
	b.Logf("1M index: %d entities, %d names, %d distinct parts, %d keys; built in %v; index heap %.0f MiB (entities included: %.0f MiB total heap); RSS %s",
		st.Entities, st.Names, st.Vocabulary, st.Keys, build.Round(time.Millisecond),
		float64(after.HeapInuse-before.HeapInuse)/(1<<20), float64(after.HeapInuse)/(1<<20), rss())
	// As serve and batch do once the index is loaded.
	live, percent := gcfit.Fit()
	b.Logf("1M index: live heap %d MiB, GOGC %d", live>>20, percent)
	b.ResetTimer()
	var ds []time.Duration
	for b.Loop() {
		ds = searchLatencies(ix, qs, screenMinScore)
	}
	b.StopTimer()
	// Sustained load on every core, for the memory a long-running server
	// holds: the garbage of each search is collected as it goes.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	allocated := ms.TotalAlloc
	const rounds = 5
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for i := w; i < len(qs); i += workers {
					ix.Search(qs[(i+r*7)%len(qs)], index.Options{Threshold: 0.7, Limit: 10, Type: entity.Person, MinScore: screenMinScore})
				}
			}
		}()
	}
	wg.Wait()
	runtime.ReadMemStats(&ms)
	b.Logf("1M index: %d searches on %d cores allocated %.0f KiB each; RSS after them %s",
		rounds*len(qs), workers, float64(ms.TotalAlloc-allocated)/1024/float64(rounds*len(qs)), rss())
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(float64(after.HeapInuse)/(1<<20), "heap-MiB")
	reportLatencies(b, ds)
}
