package batch

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/screen"
)

const unFile = "lists/un-consolidated-2026-02-27.xml"

var (
	unOnce sync.Once
	unScr  *screen.Screener
	unCat  *catalog.Catalog
	unErr  error
)

// unScreener screens against the shipped UN list, loaded once.
func unScreener(tb testing.TB) *screen.Screener {
	tb.Helper()
	path := shareddata.Path(tb, unFile)
	unOnce.Do(func() {
		unCat, unErr = catalog.NewLoader(nil).Load(context.Background(), []string{path})
		if unErr == nil {
			unScr = screen.New(unCat)
		}
	})
	if unErr != nil {
		tb.Fatal(unErr)
	}
	return unScr
}

// benchRows returns the records of a file of the shared screening
// benchmark, header first.
func benchRows(tb testing.TB, name string) [][]string {
	tb.Helper()
	f, err := os.Open(shareddata.Path(tb, "bench/screening/"+name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// customersCSV writes a customer file of the benchmark's UN positives
// (untreated and treated) followed by the first negatives negatives, with
// an id column and the benchmark's columns (expected_un_ref left out), and
// returns its path.
func customersCSV(tb testing.TB, negatives int) string {
	tb.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	n := 0
	for i, name := range []string{"positives_un_untreated.csv", "positives_un_treated.csv", "negatives_global.csv"} {
		rows := benchRows(tb, name)
		if i == 0 {
			w.Write(append([]string{"customer_id"}, rows[0][:8]...))
		}
		rows = rows[1:]
		if strings.HasPrefix(name, "negatives") && len(rows) > negatives {
			rows = rows[:negatives]
		}
		for _, r := range rows {
			n++
			w.Write(append([]string{"C" + strconv.Itoa(n)}, r[:8]...))
		}
	}
	w.Flush()
	path := filepath.Join(tb.TempDir(), "customers.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}
