package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/sqlite"
	"github.com/embargo/embargo/store/storetest"
)

func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), sqlite.FileName))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

// TestAuditSurvivesKill kills a process writing audit records with SIGKILL
// and checks that every record it had acknowledged is in the database.
func TestAuditSurvivesKill(t *testing.T) {
	const env = "EMBARGO_SQLITE_CRASH_DB"
	if storetest.IsCrashChild() {
		storetest.CrashChild(t, func(ctx context.Context) (store.Store, error) { return sqlite.Open(ctx, os.Getenv(env)) })
		return
	}
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	storetest.CrashParent(t, "TestAuditSurvivesKill", []string{env + "=" + path}, func(t *testing.T) store.Store {
		st, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

func TestOpenSetsWALAndFullSync(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", sqlite.FileName)
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mode, sync := sqlite.Pragmas(t.Context(), st)
	if mode != "wal" || sync != 2 {
		t.Errorf("journal_mode %q, synchronous %d; want wal and 2 (FULL)", mode, sync)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not created: %v", err)
	}
}

func TestMemoryStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := sqlite.Open(t.Context(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}
