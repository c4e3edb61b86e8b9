package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/internal/cputime"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/screen"
)

var (
	allOnce sync.Once
	allCat  *catalog.Catalog
	allErr  error
)

// sanctionsCatalog loads every shipped sanctions list (the lists directory
// without the PEP file), once.
func sanctionsCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	dir := shareddata.Lists(tb)
	allOnce.Do(func() {
		entries, err := os.ReadDir(dir)
		if err != nil {
			allErr = err
			return
		}
		var paths []string
		for _, e := range entries {
			if !strings.Contains(e.Name(), "senzing") {
				paths = append(paths, filepath.Join(dir, e.Name()))
			}
		}
		allCat, allErr = catalog.NewLoader(nil).Load(context.Background(), paths)
	})
	if allErr != nil {
		tb.Fatal(allErr)
	}
	return allCat
}

// negatives returns the benchmark's 50,000 negatives as one CSV file.
func negatives(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	for i, name := range []string{"negatives_global.csv", "negatives_us.csv"} {
		b, err := os.ReadFile(shareddata.Path(tb, "bench/screening/"+name))
		if err != nil {
			tb.Fatal(err)
		}
		if i > 0 {
			b = b[bytes.IndexByte(b, '\n')+1:] // the header once
		}
		buf.Write(b)
	}
	return buf.Bytes()
}

// BenchmarkBatchNegatives screens the benchmark's 50,000 negatives as a
// customer file against every shipped sanctions list, on every CPU,
// writing CSV: reading, screening, ordering and writing, without start-up
// (loading and indexing the lists).
func BenchmarkBatchNegatives(b *testing.B) {
	s := screen.New(sanctionsCatalog(b))
	data := negatives(b)
	var rows int64
	var cpu time.Duration
	for b.Loop() {
		c := cputime.Used()
		st, err := Run(context.Background(), s, bytes.NewReader(data), io.Discard, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Used() - c
		rows += st.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkReadCSV reads the 50,000 negatives: the reader alone.
func BenchmarkReadCSV(b *testing.B) {
	data := negatives(b)
	b.SetBytes(int64(len(data)))
	var rows int64
	for b.Loop() {
		rd, err := NewReader(bytes.NewReader(data), ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			rows++
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "records/s")
}

// millionCustomers writes 1,000,000 customers made by recombining the
// first and last names (and birth dates and nationalities) of the
// benchmark's negatives, deterministically, and returns the file's path.
func millionCustomers(tb testing.TB, n int) string {
	tb.Helper()
	var firsts, lasts, dobs, nats []string
	seen := map[string]bool{}
	add := func(l *[]string, v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			*l = append(*l, v)
		}
	}
	for _, name := range []string{"negatives_global.csv", "negatives_us.csv"} {
		for _, r := range benchRows(tb, name)[1:] {
			add(&firsts, "f:"+r[1])
			add(&lasts, "l:"+r[3])
			add(&dobs, "d:"+r[5])
			add(&nats, "n:"+r[7])
		}
	}
	path := filepath.Join(tb.TempDir(), "million.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	w.Write([]string{"customer_id", "first_name", "last_name", "date_of_birth", "nationality"})
	x := uint64(20260227) // a fixed seed: the same file every time
	pick := func(l []string) string {
		x = x*6364136223846793005 + 1442695040888963407
		return l[(x>>33)%uint64(len(l))][2:]
	}
	for i := range n {
		w.Write([]string{fmt.Sprintf("M%07d", i+1), pick(firsts), pick(lasts), pick(dobs), pick(nats)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// changedDesignations returns a delta of n changed designations spread
// over every shipped list: each one's earlier version had its aliases
// (or, without aliases, its birth dates) changed.
func changedDesignations(tb testing.TB, n int) *Delta {
	tb.Helper()
	all := sanctionsCatalog(tb).All()
	d := &Delta{}
	step := len(all) / n
	for i := 0; len(d.Changed) < n; i += step {
		e := all[i]
		old := cloneEntity(tb, e)
		if len(old.Names) > 1 {
			old.Names = old.Names[:1]
		} else {
			old.BirthDates = append(old.BirthDates, entity.Date{Year: 1901})
		}
		d.Changed = append(d.Changed, Changed{From: old, To: e, Fields: []string{"names"}})
	}
	return d
}

// BenchmarkRescreenMillion re-screens 1,000,000 customers against 100
// changed designations (both versions of each indexed): reading the file,
// screening and writing the changes, on every CPU.
func BenchmarkRescreenMillion(b *testing.B) {
	path := millionCustomers(b, 1_000_000)
	d := changedDesignations(b, 100)
	var rows int64
	var sum RescreenSummary
	var cpu time.Duration
	for b.Loop() {
		c := cputime.Used()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		sum, err = Rescreen(context.Background(), d, f, io.Discard, RescreenOptions{})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Used() - c
		rows += sum.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "customers/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(sum.NewMatches+sum.Gone+sum.Changed), "events")
}
