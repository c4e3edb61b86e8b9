// Package sqlstore is the store.Store that the two SQL backends share:
// the queries, and how snapshots, entity references, HTTP validators,
// audit records and decisions are kept in rows. A backend (store/sqlite,
// store/postgres) creates the tables, manages its connections and says
// what its SQL dialect does differently: the placeholders ($1 or ?), a
// prefix on table names, how a time is stored, how the ID of an inserted
// row comes back, and how a snapshot's entity references are loaded in
// bulk.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/embargo/embargo/store"
)

// Row is one row of a query's result.
type Row interface {
	// Scan copies the row's columns into dest. A query without a row
	// gives an error for which Backend.NoRows is true.
	Scan(dest ...any) error
}

// Rows are the rows of a query's result, read with Next and Scan; Close
// releases them.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Querier runs statements on a connection, or in a transaction.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) Row
	Exec(ctx context.Context, query string, args ...any) error
	// InsertID runs an INSERT of one row into a table with an id column
	// and returns the id the row was given.
	InsertID(ctx context.Context, query string, args ...any) (int64, error)
}

// Backend is what a database gives the shared implementation.
type Backend interface {
	// With runs fn with a connection.
	With(ctx context.Context, fn func(Querier) error) error
	// Tx runs fn in a transaction, committed when fn returns nil and
	// rolled back otherwise.
	Tx(ctx context.Context, fn func(Querier) error) error
	// InsertRefs adds the entity references of snapshot id, in tx.
	InsertRefs(ctx context.Context, tx Querier, id int64, refs []store.EntityRef) error
	// NoRows reports whether err is the error of a query without a row.
	NoRows(err error) bool
}

// Dialect is what the backend's SQL does differently.
type Dialect struct {
	// Prefix is put before every table name ("embargo_").
	Prefix string
	// Numbered says that placeholders are written $1, $2... rather
	// than ?.
	Numbered bool
	// Time turns a time into the value stored in a time column: a
	// time.Time, or unix microseconds in an INTEGER column.
	Time func(time.Time) any
	// MinTime is the stored value that comes before every time, which a
	// scan "since the beginning" starts from.
	MinTime any
}

// Store is a store.Store over a Backend. The backend adds Close.
type Store struct {
	b Backend
	d Dialect
	q queries
}

// queries are the statements in the backend's dialect.
type queries struct {
	insertSnapshot, insertBlob, snapshot, latest, blob, refs, ref  string
	validators, setValidators, insertAudit, auditRecord, scanAudit string
	insertDecision, scanDecisions                                  string
}

// Columns, in the order the scan functions read them.
const (
	snapshotCols = `id, source, format, fetched_at, published, sha256, entities, records, skipped, problems, files, origin, status, reason`
	auditCols    = `id, at, caller, kind, query, fingerprint, data_version, snapshots, results`
	decisionCols = `id, audit_id, entity_id, decision, note, decided_by, at, fingerprint, entity_hash`
)

// New returns the Store of backend b, whose SQL is dialect d.
func New(b Backend, d Dialect) *Store {
	s := &Store{b: b, d: d}
	s.q = queries{
		insertSnapshot: s.sql(`INSERT INTO {snapshots}
			(source, format, fetched_at, published, sha256, entities, records, skipped, problems, files, origin, status, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		insertBlob: s.sql(`INSERT INTO {snapshot_blobs} (snapshot_id, data) VALUES (?, ?)`),
		snapshot:   s.sql(`SELECT ` + snapshotCols + ` FROM {snapshots} WHERE id = ?`),
		latest: s.sql(`SELECT ` + snapshotCols + ` FROM {snapshots} WHERE id IN
			(SELECT MAX(id) FROM {snapshots} WHERE status = 'good' GROUP BY source) ORDER BY source`),
		blob:       s.sql(`SELECT data FROM {snapshot_blobs} WHERE snapshot_id = ?`),
		refs:       s.sql(`SELECT entity_id, hash, name FROM {snapshot_entities} WHERE snapshot_id = ? ORDER BY entity_id`),
		ref:        s.sql(`SELECT hash, name FROM {snapshot_entities} WHERE snapshot_id = ? AND entity_id = ?`),
		validators: s.sql(`SELECT etag, last_modified, sha256, updated FROM {http_validators} WHERE url = ?`),
		setValidators: s.sql(`INSERT INTO {http_validators} (url, etag, last_modified, sha256, updated)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
				sha256 = excluded.sha256, updated = excluded.updated`),
		insertAudit: s.sql(`INSERT INTO {audit} (at, caller, kind, query, fingerprint, data_version, snapshots, results)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		auditRecord: s.sql(`SELECT ` + auditCols + ` FROM {audit} WHERE id = ?`),
		scanAudit:   s.sql(`SELECT ` + auditCols + ` FROM {audit} WHERE at >= ? ORDER BY id`),
		insertDecision: s.sql(`INSERT INTO {decisions}
			(audit_id, entity_id, decision, note, decided_by, at, fingerprint, entity_hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		scanDecisions: s.sql(`SELECT ` + decisionCols + ` FROM {decisions} WHERE at >= ? ORDER BY id`),
	}
	return s
}

// sql writes a statement in the dialect: {table} becomes the table's name
// with the prefix, and each ? a numbered placeholder where the dialect
// numbers them. The statements have no ? or { in literals.
func (s *Store) sql(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '{':
			end := strings.IndexByte(q[i:], '}')
			b.WriteString(s.d.Prefix)
			b.WriteString(q[i+1 : i+end])
			i += end
		case c == '?' && s.d.Numbered:
			n++
			b.WriteString("$" + strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func notFound(what string) error { return fmt.Errorf("%s: %w", what, store.ErrNotFound) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// since is the stored time a scan since t starts from.
func (s *Store) since(t time.Time) any {
	if t.IsZero() {
		return s.d.MinTime
	}
	return s.d.Time(t)
}

// timeDest is a destination for Scan that reads a time column written
// with Dialect.Time, a time or unix microseconds, into *t, in UTC. Both
// database/sql and pgx scan into an sql.Scanner.
type timeDest struct{ t *time.Time }

var _ sql.Scanner = timeDest{}

// Scan implements sql.Scanner.
func (d timeDest) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*d.t = v.UTC()
	case int64:
		*d.t = time.UnixMicro(v).UTC()
	default:
		return fmt.Errorf("a time column holds %T", v)
	}
	return nil
}

// AddSnapshot implements store.Store.
func (s *Store) AddSnapshot(ctx context.Context, snap *store.Snapshot, data *store.SnapshotData) error {
	problems, err := jsonText(nonNil(snap.Problems))
	if err != nil {
		return err
	}
	files, err := jsonText(nonNil(snap.Files))
	if err != nil {
		return err
	}
	snap.FetchedAt = snap.FetchedAt.UTC().Truncate(time.Microsecond)
	var id int64
	err = s.b.Tx(ctx, func(tx Querier) error {
		var err error
		id, err = tx.InsertID(ctx, s.q.insertSnapshot,
			snap.Source, snap.Format, s.d.Time(snap.FetchedAt), snap.Published, snap.SHA256, snap.Entities, snap.Records,
			snap.Skipped, problems, files, snap.Origin, string(snap.Status), snap.Reason)
		if err != nil || data == nil {
			return err
		}
		if err := tx.Exec(ctx, s.q.insertBlob, id, data.Blob); err != nil {
			return err
		}
		return s.b.InsertRefs(ctx, tx, id, data.Refs)
	})
	if err != nil {
		return err
	}
	snap.ID = id
	return nil
}

func scanSnapshot(r Row) (store.Snapshot, error) {
	var (
		s                       store.Snapshot
		problems, files, status string
	)
	err := r.Scan(&s.ID, &s.Source, &s.Format, timeDest{&s.FetchedAt}, &s.Published, &s.SHA256, &s.Entities, &s.Records,
		&s.Skipped, &problems, &files, &s.Origin, &status, &s.Reason)
	if err != nil {
		return s, err
	}
	s.Status = store.Status(status)
	if err := json.Unmarshal([]byte(problems), &s.Problems); err != nil {
		return s, fmt.Errorf("snapshot %d: problems: %w", s.ID, err)
	}
	if err := json.Unmarshal([]byte(files), &s.Files); err != nil {
		return s, fmt.Errorf("snapshot %d: files: %w", s.ID, err)
	}
	return s, nil
}

// each runs query and calls fn for each row of its result.
func (s *Store) each(ctx context.Context, fn func(Rows) error, query string, args ...any) error {
	return s.b.With(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := fn(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// row runs query, which returns one row, and scans it with scan; a query
// without a row gives notFound(what()).
func (s *Store) row(ctx context.Context, scan func(Row) error, what func() string, query string, args ...any) error {
	err := s.b.With(ctx, func(q Querier) error {
		return scan(q.QueryRow(ctx, query, args...))
	})
	if err != nil && s.b.NoRows(err) {
		return notFound(what())
	}
	return err
}

func (s *Store) querySnapshots(ctx context.Context, query string, args ...any) ([]store.Snapshot, error) {
	out := []store.Snapshot{}
	err := s.each(ctx, func(r Rows) error {
		snap, err := scanSnapshot(r)
		if err != nil {
			return err
		}
		out = append(out, snap)
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Snapshot implements store.Store.
func (s *Store) Snapshot(ctx context.Context, id int64) (store.Snapshot, error) {
	var snap store.Snapshot
	err := s.row(ctx, func(r Row) (err error) {
		snap, err = scanSnapshot(r)
		return err
	}, func() string { return fmt.Sprintf("snapshot %d", id) }, s.q.snapshot, id)
	return snap, err
}

// Snapshots implements store.Store.
func (s *Store) Snapshots(ctx context.Context, q store.SnapshotQuery) ([]store.Snapshot, error) {
	var (
		where []string
		args  []any
	)
	if q.Source != "" {
		where = append(where, "source = ?")
		args = append(args, q.Source)
	}
	if q.Status != "" {
		where = append(where, "status = ?")
		args = append(args, string(q.Status))
	}
	query := `SELECT ` + snapshotCols + ` FROM {snapshots}`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC"
	if q.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, q.Limit)
	}
	return s.querySnapshots(ctx, s.sql(query), args...)
}

// Latest implements store.Store.
func (s *Store) Latest(ctx context.Context) ([]store.Snapshot, error) {
	return s.querySnapshots(ctx, s.q.latest)
}

// Blob implements store.Store.
func (s *Store) Blob(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	err := s.row(ctx, func(r Row) error { return r.Scan(&b) },
		func() string { return fmt.Sprintf("entities of snapshot %d", id) }, s.q.blob, id)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Refs implements store.Store.
func (s *Store) Refs(ctx context.Context, id int64) ([]store.EntityRef, error) {
	out := []store.EntityRef{}
	err := s.each(ctx, func(r Rows) error {
		var ref store.EntityRef
		if err := r.Scan(&ref.ID, &ref.Hash, &ref.Name); err != nil {
			return err
		}
		out = append(out, ref)
		return nil
	}, s.q.refs, id)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Ref implements store.Store.
func (s *Store) Ref(ctx context.Context, id int64, entityID string) (store.EntityRef, error) {
	ref := store.EntityRef{ID: entityID}
	err := s.row(ctx, func(r Row) error { return r.Scan(&ref.Hash, &ref.Name) },
		func() string { return fmt.Sprintf("entity %s in snapshot %d", entityID, id) }, s.q.ref, id, entityID)
	return ref, err
}

// Validators implements store.Store.
func (s *Store) Validators(ctx context.Context, u string) (store.Validators, error) {
	v := store.Validators{URL: u}
	err := s.row(ctx, func(r Row) error {
		return r.Scan(&v.ETag, &v.LastModified, &v.SHA256, timeDest{&v.Updated})
	}, func() string { return "validators of " + u }, s.q.validators, u)
	return v, err
}

// SetValidators implements store.Store.
func (s *Store) SetValidators(ctx context.Context, v store.Validators) error {
	if v.Updated.IsZero() {
		v.Updated = time.Now()
	}
	return s.b.With(ctx, func(q Querier) error {
		return q.Exec(ctx, s.q.setValidators, v.URL, v.ETag, v.LastModified, v.SHA256, s.d.Time(v.Updated.UTC()))
	})
}

// AppendAudit implements store.Store.
func (s *Store) AppendAudit(ctx context.Context, recs ...*store.AuditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	type row struct{ query, snaps, results string }
	rows := make([]row, len(recs))
	for i, r := range recs {
		snaps, err := jsonText(nonNil(r.Snapshots))
		if err != nil {
			return err
		}
		results, err := jsonText(nonNil(r.Results))
		if err != nil {
			return err
		}
		q := string(r.Query)
		if q == "" {
			q = "null"
		}
		rows[i] = row{q, snaps, results}
		r.Time = r.Time.UTC().Truncate(time.Microsecond)
	}
	ids := make([]int64, len(recs))
	err := s.b.Tx(ctx, func(tx Querier) error {
		for i, r := range recs {
			var err error
			ids[i], err = tx.InsertID(ctx, s.q.insertAudit, s.d.Time(r.Time), r.Caller, r.Kind, rows[i].query,
				r.Fingerprint, r.DataVersion, rows[i].snaps, rows[i].results)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, r := range recs {
		r.ID = ids[i]
	}
	return nil
}

func scanAudit(r Row) (store.AuditRecord, error) {
	var (
		a                     store.AuditRecord
		query, snaps, results string
	)
	if err := r.Scan(&a.ID, timeDest{&a.Time}, &a.Caller, &a.Kind, &query, &a.Fingerprint, &a.DataVersion, &snaps, &results); err != nil {
		return a, err
	}
	a.Query = json.RawMessage(query)
	if err := json.Unmarshal([]byte(snaps), &a.Snapshots); err != nil {
		return a, fmt.Errorf("audit record %d: snapshots: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(results), &a.Results); err != nil {
		return a, fmt.Errorf("audit record %d: results: %w", a.ID, err)
	}
	return a, nil
}

// AuditRecord implements store.Store.
func (s *Store) AuditRecord(ctx context.Context, id int64) (store.AuditRecord, error) {
	var a store.AuditRecord
	err := s.row(ctx, func(r Row) (err error) {
		a, err = scanAudit(r)
		return err
	}, func() string { return fmt.Sprintf("audit record %d", id) }, s.q.auditRecord, id)
	return a, err
}

// ScanAudit implements store.Store.
func (s *Store) ScanAudit(ctx context.Context, since time.Time, fn func(store.AuditRecord) error) error {
	return s.each(ctx, func(r Rows) error {
		a, err := scanAudit(r)
		if err != nil {
			return err
		}
		return fn(a)
	}, s.q.scanAudit, s.since(since))
}

// AddDecision implements store.Store.
func (s *Store) AddDecision(ctx context.Context, d *store.Decision) error {
	d.Time = d.Time.UTC().Truncate(time.Microsecond)
	return s.b.With(ctx, func(q Querier) error {
		var err error
		d.ID, err = q.InsertID(ctx, s.q.insertDecision,
			d.AuditID, d.EntityID, string(d.Decision), d.Note, d.By, s.d.Time(d.Time), d.Fingerprint, d.EntityHash)
		return err
	})
}

// ScanDecisions implements store.Store.
func (s *Store) ScanDecisions(ctx context.Context, since time.Time, fn func(store.Decision) error) error {
	return s.each(ctx, func(r Rows) error {
		var (
			d        store.Decision
			decision string
		)
		if err := r.Scan(&d.ID, &d.AuditID, &d.EntityID, &decision, &d.Note, &d.By, timeDest{&d.Time}, &d.Fingerprint, &d.EntityHash); err != nil {
			return err
		}
		d.Decision = store.Verdict(decision)
		return fn(d)
	}, s.q.scanDecisions, s.since(since))
}
