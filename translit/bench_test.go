package translit

import (
	"strings"
	"testing"

	"github.com/embargo/embargo/internal/cputime"
)

// benchBytes runs f for the benchmark and reports, besides the wall-clock
// MB/s, the throughput per CPU second (cpuMB/s), which other jobs on a
// shared machine do not distort.
func benchBytes(b *testing.B, n int, f func()) {
	b.SetBytes(int64(n))
	b.ReportAllocs()
	start := cputime.Used()
	for b.Loop() {
		f()
	}
	if d := cputime.Used() - start; d > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/d.Seconds()/1e6, "cpuMB/s")
	}
}

// benchMix is a mix of names in every script, as a screening run meets them.
func benchMix() []string {
	var s []string
	for _, c := range textCases {
		s = append(s, c.in)
	}
	return s
}

func BenchmarkText(b *testing.B) {
	names := benchMix()
	n := 0
	for _, s := range names {
		n += len(s)
	}
	benchBytes(b, n, func() {
		for _, s := range names {
			Text(s)
		}
	})
}

func BenchmarkAppendText(b *testing.B) {
	names := benchMix()
	n := 0
	for _, s := range names {
		n += len(s)
	}
	buf := make([]byte, 0, 1024)
	benchBytes(b, n, func() {
		for _, s := range names {
			buf = AppendText(buf[:0], s)
		}
	})
}

// BenchmarkTextUNOriginalNames romanises the 378 Arabic and Cyrillic names
// of the UN list.
func BenchmarkTextUNOriginalNames(b *testing.B) {
	ind, ent := unOriginalNames(b)
	var names []string
	n := 0
	for _, u := range append(ind, ent...) {
		names = append(names, u.original)
		n += len(u.original)
	}
	benchBytes(b, n, func() {
		for _, s := range names {
			Text(s)
		}
	})
}

// BenchmarkTextLongRussian measures allocations on one long text: they must
// not grow with its length.
func BenchmarkTextLongRussian(b *testing.B) {
	s := strings.Repeat("Владимир Владимирович Путин Сергей Лавров ", 100)
	benchBytes(b, len(s), func() { Text(s) })
}

func BenchmarkFold(b *testing.B) {
	s := "Müller-Lüdenscheidt Łukasz Wałęsa Nguyễn Phú Trọng Ærøskøbing Путин"
	benchBytes(b, len(s), func() { Fold(s) })
}
