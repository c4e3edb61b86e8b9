package text

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/embargo/embargo/internal/shareddata"
)

// newsCorpus returns the shared Portuguese article and the test articles
// in other languages, one string each.
func newsCorpus(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "news", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no test articles in testdata/news: %v", err)
	}
	files = append(files, shareddata.Path(tb, "news/pt-lavrov-pyongyang.txt"))
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// newsText builds about size bytes of news-like text: the paragraphs of
// the articles, shuffled (seeded, so every run scans the same text).
func newsText(tb testing.TB, size int) string {
	var paras []string
	for _, a := range newsCorpus(tb) {
		for _, p := range strings.Split(a, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(paras[r.IntN(len(paras))])
		b.WriteString("\n\n")
	}
	return b.String()
}

// BenchmarkScan scans 4 MB of news-like text in eleven languages with every
// shipped list loaded: one long document, in which names and words
// repeat as they do in a long report.
func BenchmarkScan(b *testing.B) {
	sc := sharedScanner(b)
	text := newsText(b, 4<<20)
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := sc.Scan(ctx, text, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanArticles scans the articles one by one, each a new Scan:
// the cost of a short document, with nothing remembered from the last.
func BenchmarkScanArticles(b *testing.B) {
	sc := sharedScanner(b)
	arts := newsCorpus(b)
	total := 0
	for _, a := range arts {
		total += len(a)
	}
	ctx := context.Background()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			if _, err := sc.Scan(ctx, a, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkScanArticlesCold is BenchmarkScanArticles with nothing
// remembered across scans: the cost of text never seen before (the
// screener's own cache of name parts stays warm).
func BenchmarkScanArticlesCold(b *testing.B) {
	cold := *sharedScanner(b)
	cold.words, cold.verdicts, cold.firsts = nil, nil, nil
	arts := newsCorpus(b)
	total := 0
	for _, a := range arts {
		total += len(a)
	}
	ctx := context.Background()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			if _, err := cold.Scan(ctx, a, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTokenize measures the tokeniser alone.
func BenchmarkTokenize(b *testing.B) {
	text := newsText(b, 1<<20)
	words := make([]word, 0, len(text)/4)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		words = tokenize(text, words[:0])
	}
}

// BenchmarkNew builds the scanner over every shipped list.
func BenchmarkNew(b *testing.B) {
	sc := sharedScanner(b)
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	b.ReportAllocs()
	b.ResetTimer()
	var keep *Scanner
	for b.Loop() {
		keep = New(sc.s, Options{})
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	b.ReportMetric(float64(keep.Stats().Bytes)/(1<<20), "MB-tables")
	b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), "MB-heap")
}
