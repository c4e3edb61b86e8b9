// Package sqlite is the embedded store.Store: one SQLite database file
// (embargo.db in EMBARGO_HOME), read and written through the pure-Go
// modernc.org/sqlite driver, so that embargo needs no database server.
//
// The database runs in WAL mode with synchronous=FULL: a transaction is
// on disk (fsync'd) when its commit returns, so an acknowledged audit
// record survives a crash of the process or of the machine, and readers
// (a screening server loading lists) never wait for a writer (an import).
// Several processes may use the same file at once; writers take turns
// (busy timeout 30 s).
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"

	"github.com/embargo/embargo/store"
)

// FileName is the database file's name in EMBARGO_HOME.
const FileName = "embargo.db"

// schemaVersion is stored in PRAGMA user_version.
const schemaVersion = 1

// schema creates the tables; every statement is idempotent.
const schema = `
CREATE TABLE IF NOT EXISTS snapshots (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	source     TEXT    NOT NULL,
	format     TEXT    NOT NULL,
	fetched_at INTEGER NOT NULL, -- unix microseconds
	published  TEXT    NOT NULL,
	sha256     TEXT    NOT NULL,
	entities   INTEGER NOT NULL,
	records    INTEGER NOT NULL,
	skipped    INTEGER NOT NULL,
	problems   TEXT    NOT NULL, -- JSON array of store.Problem
	files      TEXT    NOT NULL, -- JSON array of strings
	origin     TEXT    NOT NULL,
	status     TEXT    NOT NULL CHECK (status IN ('good', 'rejected')),
	reason     TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_by_source ON snapshots (source, status, id);
CREATE TABLE IF NOT EXISTS snapshot_blobs (
	snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots (id) ON DELETE CASCADE,
	data        BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot_entities (
	snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
	entity_id   TEXT    NOT NULL,
	hash        TEXT    NOT NULL,
	name        TEXT    NOT NULL,
	PRIMARY KEY (snapshot_id, entity_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS http_validators (
	url           TEXT PRIMARY KEY,
	etag          TEXT    NOT NULL,
	last_modified TEXT    NOT NULL,
	sha256        TEXT    NOT NULL,
	updated       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	at           INTEGER NOT NULL, -- unix microseconds
	caller       TEXT    NOT NULL,
	kind         TEXT    NOT NULL,
	query        TEXT    NOT NULL, -- JSON
	fingerprint  TEXT    NOT NULL,
	data_version TEXT    NOT NULL,
	snapshots    TEXT    NOT NULL, -- JSON array of snapshot IDs
	results      TEXT    NOT NULL  -- JSON array of store.AuditResult
);
CREATE INDEX IF NOT EXISTS audit_by_time ON audit (at);
CREATE TABLE IF NOT EXISTS decisions (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	audit_id    INTEGER NOT NULL REFERENCES audit (id),
	entity_id   TEXT    NOT NULL,
	decision    TEXT    NOT NULL,
	note        TEXT    NOT NULL,
	decided_by  TEXT    NOT NULL,
	at          INTEGER NOT NULL, -- unix microseconds
	fingerprint TEXT    NOT NULL,
	entity_hash TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_time ON decisions (at);
`

// Store is a store.Store in a SQLite file.
type Store struct {
	db   *sql.DB
	path string
}

var _ store.Store = (*Store)(nil)

// Open opens (creating it if needed) the database at path, which is a
// file path or ":memory:" for a private in-memory database (tests).
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite store: no database path")
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(30000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	var dsn string
	if path == ":memory:" {
		// One connection, so that every query sees the same database.
		dsn = "file::memory:?" + q.Encode()
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("sqlite store %s: %w", path, err)
		}
		q.Add("_pragma", "journal_mode(WAL)")
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	}
	conn, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite store %s: %w", path, err)
	}
	db := sql.OpenDB(conn)
	if path == ":memory:" {
		db.SetMaxOpenConns(1)
	} else {
		db.SetMaxOpenConns(8)
	}
	db.SetMaxIdleConns(4)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite store %s: %w", path, err)
	}
	return s, nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > schemaVersion {
		return fmt.Errorf("the database has schema version %d, newer than this embargo's %d: upgrade embargo", v, schemaVersion)
	}
	if v == schemaVersion {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("creating the schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

func notFound(what string) error { return fmt.Errorf("%s: %w", what, store.ErrNotFound) }

// AddSnapshot implements store.Store.
func (s *Store) AddSnapshot(ctx context.Context, snap *store.Snapshot, data *store.SnapshotData) error {
	problems, err := json.Marshal(nonNil(snap.Problems))
	if err != nil {
		return err
	}
	files, err := json.Marshal(nonNil(snap.Files))
	if err != nil {
		return err
	}
	snap.FetchedAt = snap.FetchedAt.UTC().Truncate(time.Microsecond)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO snapshots
		(source, format, fetched_at, published, sha256, entities, records, skipped, problems, files, origin, status, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		snap.Source, snap.Format, micros(snap.FetchedAt), snap.Published, snap.SHA256, snap.Entities,
		snap.Records, snap.Skipped, string(problems), string(files), snap.Origin, string(snap.Status), snap.Reason)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if data != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO snapshot_blobs (snapshot_id, data) VALUES (?, ?)`, id, data.Blob); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO snapshot_entities (snapshot_id, entity_id, hash, name) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range data.Refs {
			if _, err := stmt.ExecContext(ctx, id, r.ID, r.Hash, r.Name); err != nil {
				return fmt.Errorf("entity %s: %w", r.ID, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	snap.ID = id
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

const snapshotCols = `id, source, format, fetched_at, published, sha256, entities, records, skipped, problems, files, origin, status, reason`

type scanner interface{ Scan(...any) error }

func scanSnapshot(r scanner) (store.Snapshot, error) {
	var (
		s               store.Snapshot
		at              int64
		problems, files string
		status          string
	)
	err := r.Scan(&s.ID, &s.Source, &s.Format, &at, &s.Published, &s.SHA256, &s.Entities, &s.Records,
		&s.Skipped, &problems, &files, &s.Origin, &status, &s.Reason)
	if err != nil {
		return s, err
	}
	s.FetchedAt = fromMicros(at)
	s.Status = store.Status(status)
	if err := json.Unmarshal([]byte(problems), &s.Problems); err != nil {
		return s, fmt.Errorf("snapshot %d: problems: %w", s.ID, err)
	}
	if err := json.Unmarshal([]byte(files), &s.Files); err != nil {
		return s, fmt.Errorf("snapshot %d: files: %w", s.ID, err)
	}
	return s, nil
}

func (s *Store) querySnapshots(ctx context.Context, query string, args ...any) ([]store.Snapshot, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Snapshot{}
	for rows.Next() {
		snap, err := scanSnapshot(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, snap)
	}
	return out, rows.Err()
}

// Snapshot implements store.Store.
func (s *Store) Snapshot(ctx context.Context, id int64) (store.Snapshot, error) {
	snap, err := scanSnapshot(s.db.QueryRowContext(ctx, `SELECT `+snapshotCols+` FROM snapshots WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return snap, notFound(fmt.Sprintf("snapshot %d", id))
	}
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
	query := `SELECT ` + snapshotCols + ` FROM snapshots`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC"
	if q.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, q.Limit)
	}
	return s.querySnapshots(ctx, query, args...)
}

// Latest implements store.Store.
func (s *Store) Latest(ctx context.Context) ([]store.Snapshot, error) {
	return s.querySnapshots(ctx, `SELECT `+snapshotCols+` FROM snapshots WHERE id IN
		(SELECT MAX(id) FROM snapshots WHERE status = 'good' GROUP BY source) ORDER BY source`)
}

// Blob implements store.Store.
func (s *Store) Blob(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM snapshot_blobs WHERE snapshot_id = ?`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(fmt.Sprintf("entities of snapshot %d", id))
	}
	return b, err
}

// Refs implements store.Store.
func (s *Store) Refs(ctx context.Context, id int64) ([]store.EntityRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT entity_id, hash, name FROM snapshot_entities WHERE snapshot_id = ? ORDER BY entity_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.EntityRef{}
	for rows.Next() {
		var r store.EntityRef
		if err := rows.Scan(&r.ID, &r.Hash, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Ref implements store.Store.
func (s *Store) Ref(ctx context.Context, id int64, entityID string) (store.EntityRef, error) {
	r := store.EntityRef{ID: entityID}
	err := s.db.QueryRowContext(ctx, `SELECT hash, name FROM snapshot_entities WHERE snapshot_id = ? AND entity_id = ?`,
		id, entityID).Scan(&r.Hash, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, notFound(fmt.Sprintf("entity %s in snapshot %d", entityID, id))
	}
	return r, err
}

// Validators implements store.Store.
func (s *Store) Validators(ctx context.Context, u string) (store.Validators, error) {
	v := store.Validators{URL: u}
	var at int64
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified, sha256, updated FROM http_validators WHERE url = ?`, u).
		Scan(&v.ETag, &v.LastModified, &v.SHA256, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return v, notFound("validators of " + u)
	}
	v.Updated = fromMicros(at)
	return v, err
}

// SetValidators implements store.Store.
func (s *Store) SetValidators(ctx context.Context, v store.Validators) error {
	if v.Updated.IsZero() {
		v.Updated = time.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO http_validators (url, etag, last_modified, sha256, updated)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			sha256 = excluded.sha256, updated = excluded.updated`,
		v.URL, v.ETag, v.LastModified, v.SHA256, micros(v.Updated))
	return err
}

// AppendAudit implements store.Store.
func (s *Store) AppendAudit(ctx context.Context, recs ...*store.AuditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	type row struct {
		query, snaps, results string
	}
	rows := make([]row, len(recs))
	for i, r := range recs {
		snaps, err := json.Marshal(nonNil(r.Snapshots))
		if err != nil {
			return err
		}
		results, err := json.Marshal(nonNil(r.Results))
		if err != nil {
			return err
		}
		q := string(r.Query)
		if q == "" {
			q = "null"
		}
		rows[i] = row{q, string(snaps), string(results)}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit (at, caller, kind, query, fingerprint, data_version, snapshots, results)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	ids := make([]int64, len(recs))
	for i, r := range recs {
		r.Time = r.Time.UTC().Truncate(time.Microsecond)
		res, err := stmt.ExecContext(ctx, micros(r.Time), r.Caller, r.Kind, rows[i].query, r.Fingerprint,
			r.DataVersion, rows[i].snaps, rows[i].results)
		if err != nil {
			return err
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for i, r := range recs {
		r.ID = ids[i]
	}
	return nil
}

const auditCols = `id, at, caller, kind, query, fingerprint, data_version, snapshots, results`

func scanAudit(r scanner) (store.AuditRecord, error) {
	var (
		a                     store.AuditRecord
		at                    int64
		query, snaps, results string
	)
	if err := r.Scan(&a.ID, &at, &a.Caller, &a.Kind, &query, &a.Fingerprint, &a.DataVersion, &snaps, &results); err != nil {
		return a, err
	}
	a.Time = fromMicros(at)
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
	a, err := scanAudit(s.db.QueryRowContext(ctx, `SELECT `+auditCols+` FROM audit WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, notFound(fmt.Sprintf("audit record %d", id))
	}
	return a, err
}

// ScanAudit implements store.Store.
func (s *Store) ScanAudit(ctx context.Context, since time.Time, fn func(store.AuditRecord) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit WHERE at >= ? ORDER BY id`, sinceMicros(since))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

func sinceMicros(t time.Time) int64 {
	if t.IsZero() {
		return -1 << 62
	}
	return micros(t)
}

// AddDecision implements store.Store.
func (s *Store) AddDecision(ctx context.Context, d *store.Decision) error {
	d.Time = d.Time.UTC().Truncate(time.Microsecond)
	res, err := s.db.ExecContext(ctx, `INSERT INTO decisions
		(audit_id, entity_id, decision, note, decided_by, at, fingerprint, entity_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		d.AuditID, d.EntityID, string(d.Decision), d.Note, d.By, micros(d.Time), d.Fingerprint, d.EntityHash)
	if err != nil {
		return err
	}
	d.ID, err = res.LastInsertId()
	return err
}

// ScanDecisions implements store.Store.
func (s *Store) ScanDecisions(ctx context.Context, since time.Time, fn func(store.Decision) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, audit_id, entity_id, decision, note, decided_by, at, fingerprint, entity_hash
		FROM decisions WHERE at >= ? ORDER BY id`, sinceMicros(since))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			d        store.Decision
			decision string
			at       int64
		)
		if err := rows.Scan(&d.ID, &d.AuditID, &d.EntityID, &decision, &d.Note, &d.By, &at, &d.Fingerprint, &d.EntityHash); err != nil {
			return err
		}
		d.Decision = store.Verdict(decision)
		d.Time = fromMicros(at)
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}
