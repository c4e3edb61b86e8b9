// Package shareddata finds the real lists and benchmarks kept beside the
// repository in ../shared/data, for tests and benchmarks. Tests that need
// them skip with a clear message when they are absent (a fresh clone);
// CI always has them.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvVar overrides where the shared data directory is.
const EnvVar = "EMBARGO_SHARED_DATA"

// Dir returns the shared data directory and whether it exists: $EMBARGO_SHARED_DATA
// when set, else ../shared/data next to the module root.
func Dir() (string, bool) {
	if d := os.Getenv(EnvVar); d != "" {
		return d, isDir(d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			p := filepath.Join(filepath.Dir(d), "shared", "data")
			return p, isDir(p)
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Path returns the path of rel (slash-separated, relative to the shared data
// directory), skipping the test or benchmark when it is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	dir, ok := Dir()
	if !ok {
		tb.Skipf("shared data not found (looked for ../shared/data beside the module, or $%s): skipping test on real data", EnvVar)
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data file %s not found: %v", p, err)
	}
	return p
}

// Lists is the path of the directory of shipped lists.
func Lists(tb testing.TB) string { return Path(tb, "lists") }

// Read returns the content of rel (as Path finds it), skipping the test
// or benchmark when it is absent.
func Read(tb testing.TB, rel string) []byte {
	tb.Helper()
	b, err := os.ReadFile(Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
