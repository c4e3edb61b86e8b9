package text

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/screen"
)

var shared struct {
	once sync.Once
	sc   *Scanner
	err  error
}

// sharedScanner returns a scanner over every shipped list, built once per
// test binary; it skips when the shared data is absent.
func sharedScanner(tb testing.TB) *Scanner {
	tb.Helper()
	dir := shareddata.Lists(tb)
	shared.once.Do(func() {
		cat, err := catalog.NewLoader(slog.New(slog.DiscardHandler)).Load(context.Background(), []string{dir})
		if err != nil {
			shared.err = err
			return
		}
		shared.sc = New(screen.New(cat), Options{})
	})
	if shared.err != nil {
		tb.Fatalf("loading %s: %v", dir, shared.err)
	}
	return shared.sc
}
