package postgres_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/postgres"
	"github.com/embargo/embargo/store/postgres/pgtest"
	"github.com/embargo/embargo/store/storetest"
)

// server is the test server TestMain starts; nil when none could be, with
// skip saying why.
var (
	server *pgtest.Server
	skip   string
)

func TestMain(m *testing.M) {
	if storetest.IsCrashChild() {
		os.Exit(m.Run())
	}
	server, skip = pgtest.Start()
	code := m.Run()
	if server != nil {
		server.Stop()
	}
	os.Exit(code)
}

func open(t *testing.T) store.Store {
	t.Helper()
	if server == nil {
		t.Skipf("no PostgreSQL to test against: %s", skip)
	}
	st, err := postgres.Open(t.Context(), server.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestStoreSuite(t *testing.T) {
	storetest.Run(t, open)
}

// TestAuditSurvivesKill kills a process writing audit records with SIGKILL
// and checks that every record it had acknowledged is in the database.
func TestAuditSurvivesKill(t *testing.T) {
	const env = "EMBARGO_PG_CRASH_URL"
	if storetest.IsCrashChild() {
		storetest.CrashChild(t, func(ctx context.Context) (store.Store, error) { return postgres.Open(ctx, os.Getenv(env)) })
		return
	}
	if server == nil {
		t.Skipf("no PostgreSQL to test against: %s", skip)
	}
	url := server.NewDatabase(t)
	storetest.CrashParent(t, "TestAuditSurvivesKill", []string{env + "=" + url}, func(t *testing.T) store.Store {
		st, err := postgres.Open(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

func TestOpenTwiceKeepsTheSchema(t *testing.T) {
	if server == nil {
		t.Skipf("no PostgreSQL to test against: %s", skip)
	}
	url := server.NewDatabase(t)
	for i := range 2 {
		st, err := postgres.Open(t.Context(), url)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if err := store.Audit(t.Context(), st, &store.AuditRecord{Kind: store.KindScreen}); err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	st, _ := postgres.Open(t.Context(), url)
	defer st.Close()
	n := 0
	st.ScanAudit(t.Context(), time.Time{}, func(store.AuditRecord) error { n++; return nil })
	if n != 2 {
		t.Errorf("%d records after two opens, want 2", n)
	}
}

func TestOpenFailsWithTheServerNamed(t *testing.T) {
	_, err := postgres.Open(t.Context(), "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	}
	if want := "127.0.0.1"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name the server", err)
	}
}

// TestShippedListsRoundTrip stores every shipped list in PostgreSQL and
// loads them back: the same catalog version and entities.
func TestShippedListsRoundTrip(t *testing.T) {
	srcs := storetest.LoadShipped(t)
	st := open(t)
	defer st.Close()
	storetest.ImportAll(t, st, srcs)
	direct := catalog.New(srcs)
	cat, _, err := store.LoadLatest(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Version() != direct.Version() || cat.Len() != direct.Len() {
		t.Fatalf("from PostgreSQL: %s, %d entities; from the files: %s, %d", cat.Version(), cat.Len(), direct.Version(), direct.Len())
	}
	for _, want := range direct.All() {
		if got, ok := cat.Entity(want.ID); !ok || store.EntityHash(got) != store.EntityHash(want) {
			t.Errorf("entity %s differs after PostgreSQL", want.ID)
		}
	}
}

// BenchmarkLoadLatest loads the whole shipped set back from PostgreSQL.
func BenchmarkLoadLatest(b *testing.B) {
	if server == nil {
		b.Skipf("no PostgreSQL to test against: %s", skip)
	}
	st, err := postgres.Open(b.Context(), server.NewDatabase(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	storetest.ImportAll(b, st, storetest.LoadShipped(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := store.LoadLatest(b.Context(), st); err != nil {
			b.Fatal(err)
		}
	}
}
