// Package quality measures how well embargo screens: it runs the labelled
// screening benchmark shipped beside the repository (yente's candidate
// benchmark: UN positives, treated and untreated; 50,000 synthetic
// negatives; US Congress members against a PEP file) and reports rank,
// false-positive rate, recall and latency.
//
// The same code backs `embargo bench quality` and the tests that hold the
// product to its numbers.
package quality

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/embargo/embargo/screen"
)

// Person is one row of a benchmark file.
type Person struct {
	Line        int
	FullName    string
	First       string
	Middle      string
	Last        string
	Gender      string
	BirthDate   string
	BirthPlace  string
	Nationality string
	// ExpectedRef is the UN reference number of the entity that must be
	// found, "" for negatives or when the benchmark leaves it blank.
	ExpectedRef string
}

// Name returns the full name, or the parts joined.
func (p *Person) Name() string {
	if strings.TrimSpace(p.FullName) != "" {
		return p.FullName
	}
	return strings.Join(strings.Fields(p.First+" "+p.Middle+" "+p.Last), " ")
}

// ReadPeople reads a benchmark CSV (full_name, first_name, middle_name,
// last_name, gender, date_of_birth, place_of_birth, nationality and
// optionally expected_un_ref).
func ReadPeople(path string) ([]Person, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	if _, ok := col["full_name"]; !ok {
		return nil, fmt.Errorf("%s: no full_name column", path)
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []Person
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		out = append(out, Person{
			Line: line, FullName: get(rec, "full_name"), First: get(rec, "first_name"),
			Middle: get(rec, "middle_name"), Last: get(rec, "last_name"), Gender: get(rec, "gender"),
			BirthDate: get(rec, "date_of_birth"), BirthPlace: get(rec, "place_of_birth"),
			Nationality: get(rec, "nationality"), ExpectedRef: get(rec, "expected_un_ref"),
		})
	}
	return out, nil
}

// Request turns a benchmark person into a screening request. A birth date
// or country the screener cannot read is left out (the benchmark has a few,
// such as 1974-01-32), as a customer file's would be.
func Request(s *screen.Screener, p *Person, threshold float64, limit int) (*screen.Prepared, error) {
	base := screen.Request{Name: p.Name(), Type: "person", Gender: p.Gender, Threshold: threshold, Limit: limit}
	var err error
	for _, v := range [][2]string{{p.BirthDate, p.Nationality}, {"", p.Nationality}, {p.BirthDate, ""}, {"", ""}} {
		req := base
		req.BirthDate, req.Country = v[0], v[1]
		var prep *screen.Prepared
		if prep, err = s.Prepare(req); err == nil {
			return prep, nil
		}
	}
	return nil, err
}

// Outcome is the screening of one person.
type Outcome struct {
	Person  *Person
	Top     []screen.Match
	Latency time.Duration
	Err     error
}

// Run screens every person on all cores and returns the outcomes in order.
func Run(ctx context.Context, s *screen.Screener, people []Person, threshold float64, limit int) ([]Outcome, error) {
	out := make([]Outcome, len(people))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(people) || ctx.Err() != nil {
					return
				}
				p := &people[i]
				start := time.Now()
				prep, err := Request(s, p, threshold, limit)
				if err != nil {
					out[i] = Outcome{Person: p, Err: err}
					continue
				}
				resp := s.Run(prep)
				out[i] = Outcome{Person: p, Top: resp.Matches, Latency: time.Since(start)}
			}
		}()
	}
	wg.Wait()
	return out, ctx.Err()
}

// Ranks summarises where the expected entity came for a set of positives.
type Ranks struct {
	Total int // positives with an expected entity
	// AtOne counts positives whose expected entity is the best result of
	// its source and a match; AtOneAll the best result of all sources.
	AtOne, AtOneAll int
	Found           int // expected entity among the results and a match
	Missed          []Miss
}

// Miss describes a positive whose expected entity was not first.
type Miss struct {
	Person *Person
	Rank   int // 0 when absent
	Top    string
	Score  float64
}

// RankUN scores positives whose expected entity is a UN reference number.
func RankUN(outs []Outcome) Ranks {
	var r Ranks
	for _, o := range outs {
		ref := o.Person.ExpectedRef
		if ref == "" {
			continue
		}
		r.Total++
		want := "un-" + ref
		rankAll, rankUN, n := 0, 0, 0
		var score float64
		for i, m := range o.Top {
			if m.Entity.Source == "un" {
				n++
			}
			if m.Entity.ID == want && m.Match {
				rankAll, rankUN, score = i+1, n, m.Score
				break
			}
		}
		if rankUN > 0 {
			r.Found++
		}
		if rankUN == 1 {
			r.AtOne++
		}
		if rankAll == 1 || rankAll > 1 && o.Top[0].Score == score {
			r.AtOneAll++
		}
		if rankUN != 1 {
			m := Miss{Person: o.Person, Rank: rankUN}
			if len(o.Top) > 0 {
				m.Top, m.Score = o.Top[0].Entity.ID+" "+o.Top[0].Entity.Caption(), o.Top[0].Score
			}
			r.Missed = append(r.Missed, m)
		}
	}
	return r
}

// FalsePositives counts negatives whose best result is a match.
func FalsePositives(outs []Outcome) (n int, examples []Miss) {
	for _, o := range outs {
		if len(o.Top) > 0 && o.Top[0].Match {
			n++
			examples = append(examples, Miss{Person: o.Person, Top: o.Top[0].Entity.ID + " " + o.Top[0].Entity.Caption(), Score: o.Top[0].Score})
		}
	}
	return n, examples
}

// Recall counts positives with a match from the given source.
func Recall(outs []Outcome, source string) (found int, missed []Miss) {
	for _, o := range outs {
		ok := false
		for _, m := range o.Top {
			if m.Match && m.Entity.Source == source {
				ok = true
				break
			}
		}
		if ok {
			found++
			continue
		}
		m := Miss{Person: o.Person}
		if len(o.Top) > 0 {
			m.Top, m.Score = o.Top[0].Entity.ID+" "+o.Top[0].Entity.Caption(), o.Top[0].Score
		}
		missed = append(missed, m)
	}
	return found, missed
}

// Latencies returns the p50, p99 and maximum of the outcomes' latencies.
func Latencies(outs []Outcome) (p50, p99, worst time.Duration) {
	ds := make([]time.Duration, 0, len(outs))
	for _, o := range outs {
		if o.Err == nil {
			ds = append(ds, o.Latency)
		}
	}
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	return ds[len(ds)/2], ds[len(ds)*99/100], ds[len(ds)-1]
}
