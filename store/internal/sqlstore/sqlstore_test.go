package sqlstore

import (
	"testing"
	"time"
)

// The shared implementation is tested through the backends' test suites
// (store/storetest, run by store/sqlite and store/postgres); these tests
// cover what differs between dialects.

func TestSQLWritesTheDialect(t *testing.T) {
	const q = `SELECT id FROM {snapshots} WHERE source = ? AND id IN (SELECT snapshot_id FROM {snapshot_blobs}) LIMIT ?`
	tests := []struct {
		d    Dialect
		want string
	}{
		{Dialect{}, `SELECT id FROM snapshots WHERE source = ? AND id IN (SELECT snapshot_id FROM snapshot_blobs) LIMIT ?`},
		{Dialect{Prefix: "embargo_", Numbered: true},
			`SELECT id FROM embargo_snapshots WHERE source = $1 AND id IN (SELECT snapshot_id FROM embargo_snapshot_blobs) LIMIT $2`},
	}
	for _, tt := range tests {
		s := &Store{d: tt.d}
		if got := s.sql(q); got != tt.want {
			t.Errorf("sql with %+v =\n%s\nwant\n%s", tt.d, got, tt.want)
		}
	}
}

func TestTimeDest(t *testing.T) {
	want := time.Date(2024, 5, 1, 10, 30, 0, 123000, time.UTC)
	for _, v := range []any{want.UnixMicro(), want.In(time.FixedZone("CEST", 2*3600))} {
		var got time.Time
		if err := (timeDest{&got}).Scan(v); err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Scan(%v) = %v, %v; want %v in UTC", v, got, err, want)
		}
	}
	var got time.Time
	if err := (timeDest{&got}).Scan("2024-05-01"); err == nil {
		t.Error("Scan of a string succeeded")
	}
}

func TestSince(t *testing.T) {
	s := &Store{d: Dialect{Time: func(t time.Time) any { return t.UnixMicro() }, MinTime: int64(-1 << 62)}}
	if got := s.since(time.Time{}); got != int64(-1<<62) {
		t.Errorf("since(zero) = %v", got)
	}
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	if got := s.since(at); got != at.UnixMicro() {
		t.Errorf("since(%v) = %v", at, got)
	}
}
