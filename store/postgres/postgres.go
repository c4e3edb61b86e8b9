// Package postgres is the store.Store in a PostgreSQL database, for
// installations that keep their data on a database server
// (EMBARGO_DATABASE_URL=postgres://user:password@host/db). It speaks to
// the server with github.com/jackc/pgx/v5, through a small pool of
// connections of its own.
//
// The tables are named embargo_* so that they can share a database with
// others; put them in a schema of their own with the URL's search_path
// parameter (postgres://.../db?search_path=embargo). Every session runs
// with synchronous_commit=on, so that a committed audit record is on the
// server's disk when AppendAudit returns, whatever the server's default.
package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/embargo/embargo/store"
)

// schemaVersion is the version of the tables below.
const schemaVersion = 1

// migrateLock is the advisory lock key that serialises schema creation
// between processes ("embargo" in ASCII).
const migrateLock = 0x656d6261726f67

const schema = `
CREATE TABLE IF NOT EXISTS embargo_schema (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS embargo_snapshots (
	id         BIGSERIAL PRIMARY KEY,
	source     TEXT        NOT NULL,
	format     TEXT        NOT NULL,
	fetched_at TIMESTAMPTZ NOT NULL,
	published  TEXT        NOT NULL,
	sha256     TEXT        NOT NULL,
	entities   INTEGER     NOT NULL,
	records    INTEGER     NOT NULL,
	skipped    INTEGER     NOT NULL,
	problems   TEXT        NOT NULL, -- JSON array of store.Problem
	files      TEXT        NOT NULL, -- JSON array of strings
	origin     TEXT        NOT NULL,
	status     TEXT        NOT NULL CHECK (status IN ('good', 'rejected')),
	reason     TEXT        NOT NULL
);
CREATE INDEX IF NOT EXISTS embargo_snapshots_by_source ON embargo_snapshots (source, status, id);
CREATE TABLE IF NOT EXISTS embargo_snapshot_blobs (
	snapshot_id BIGINT PRIMARY KEY REFERENCES embargo_snapshots (id) ON DELETE CASCADE,
	data        BYTEA  NOT NULL
);
CREATE TABLE IF NOT EXISTS embargo_snapshot_entities (
	snapshot_id BIGINT NOT NULL REFERENCES embargo_snapshots (id) ON DELETE CASCADE,
	entity_id   TEXT   NOT NULL,
	hash        TEXT   NOT NULL,
	name        TEXT   NOT NULL,
	PRIMARY KEY (snapshot_id, entity_id)
);
CREATE TABLE IF NOT EXISTS embargo_http_validators (
	url           TEXT PRIMARY KEY,
	etag          TEXT        NOT NULL,
	last_modified TEXT        NOT NULL,
	sha256        TEXT        NOT NULL,
	updated       TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS embargo_audit (
	id           BIGSERIAL PRIMARY KEY,
	at           TIMESTAMPTZ NOT NULL,
	caller       TEXT        NOT NULL,
	kind         TEXT        NOT NULL,
	query        TEXT        NOT NULL, -- JSON
	fingerprint  TEXT        NOT NULL,
	data_version TEXT        NOT NULL,
	snapshots    TEXT        NOT NULL, -- JSON array of snapshot IDs
	results      TEXT        NOT NULL  -- JSON array of store.AuditResult
);
CREATE INDEX IF NOT EXISTS embargo_audit_by_time ON embargo_audit (at);
CREATE TABLE IF NOT EXISTS embargo_decisions (
	id          BIGSERIAL PRIMARY KEY,
	audit_id    BIGINT      NOT NULL REFERENCES embargo_audit (id),
	entity_id   TEXT        NOT NULL,
	decision    TEXT        NOT NULL,
	note        TEXT        NOT NULL,
	decided_by  TEXT        NOT NULL,
	at          TIMESTAMPTZ NOT NULL,
	fingerprint TEXT        NOT NULL,
	entity_hash TEXT        NOT NULL
);
CREATE INDEX IF NOT EXISTS embargo_decisions_by_time ON embargo_decisions (at);
`

// MaxConns is the most connections a Store opens to the server.
const MaxConns = 4

// Store is a store.Store in a PostgreSQL database.
type Store struct {
	cfg    *pgx.ConnConfig
	sem    chan struct{} // one token per open or opening connection in use
	mu     sync.Mutex
	idle   []*pgx.Conn
	closed bool
}

var _ store.Store = (*Store)(nil)

// Open connects to the database at url (a postgres:// URL or a key=value
// connection string, as libpq reads them) and creates the tables if they
// are missing.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres store: %w", err)
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["synchronous_commit"] = "on"
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "embargo"
	}
	s := &Store{cfg: cfg, sem: make(chan struct{}, MaxConns)}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("postgres store %s@%s/%s: %w", cfg.User, cfg.Host, cfg.Database, err)
	}
	return s, nil
}

// with runs fn on a connection of the pool.
func (s *Store) with(ctx context.Context, fn func(*pgx.Conn) error) error {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.sem }()
	var c *pgx.Conn
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errors.New("postgres store: closed")
	}
	if n := len(s.idle); n > 0 {
		c = s.idle[n-1]
		s.idle = s.idle[:n-1]
	}
	s.mu.Unlock()
	if c == nil || c.IsClosed() {
		var err error
		if c, err = pgx.ConnectConfig(ctx, s.cfg); err != nil {
			return err
		}
	}
	err := fn(c)
	s.mu.Lock()
	keep := !s.closed && !c.IsClosed() && !c.PgConn().IsBusy() && c.PgConn().TxStatus() == 'I'
	if keep {
		s.idle = append(s.idle, c)
	}
	s.mu.Unlock()
	if !keep {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c.Close(cctx)
		cancel()
	}
	return err
}

// tx runs fn in a transaction, committed when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	return s.with(ctx, func(c *pgx.Conn) error {
		return pgx.BeginFunc(ctx, c, fn)
	})
}

func (s *Store) migrate(ctx context.Context) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrateLock)); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT to_regclass('embargo_schema') IS NOT NULL`).Scan(&exists); err != nil {
			return err
		}
		if exists {
			var v int
			err := tx.QueryRow(ctx, `SELECT version FROM embargo_schema`).Scan(&v)
			if err == nil && v > schemaVersion {
				return fmt.Errorf("the database has schema version %d, newer than this embargo's %d: upgrade embargo", v, schemaVersion)
			}
			if err == nil && v == schemaVersion {
				return nil
			}
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
		}
		if _, err := tx.Exec(ctx, schema); err != nil {
			return fmt.Errorf("creating the schema: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM embargo_schema`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO embargo_schema (version) VALUES ($1)`, schemaVersion)
		return err
	})
}

// Close closes the pool's connections.
func (s *Store) Close() error {
	s.mu.Lock()
	idle := s.idle
	s.idle = nil
	s.closed = true
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var errs []error
	for _, c := range idle {
		errs = append(errs, c.Close(ctx))
	}
	return errors.Join(errs...)
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
	err = s.tx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO embargo_snapshots
			(source, format, fetched_at, published, sha256, entities, records, skipped, problems, files, origin, status, reason)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			snap.Source, snap.Format, snap.FetchedAt, snap.Published, snap.SHA256, snap.Entities, snap.Records,
			snap.Skipped, problems, files, snap.Origin, string(snap.Status), snap.Reason).Scan(&id)
		if err != nil || data == nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO embargo_snapshot_blobs (snapshot_id, data) VALUES ($1, $2)`, id, data.Blob); err != nil {
			return err
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"embargo_snapshot_entities"},
			[]string{"snapshot_id", "entity_id", "hash", "name"},
			pgx.CopyFromSlice(len(data.Refs), func(i int) ([]any, error) {
				r := data.Refs[i]
				return []any{id, r.ID, r.Hash, r.Name}, nil
			}))
		return err
	})
	if err != nil {
		return err
	}
	snap.ID = id
	return nil
}

const snapshotCols = `id, source, format, fetched_at, published, sha256, entities, records, skipped, problems, files, origin, status, reason`

func scanSnapshot(r pgx.Row) (store.Snapshot, error) {
	var (
		s                       store.Snapshot
		problems, files, status string
	)
	err := r.Scan(&s.ID, &s.Source, &s.Format, &s.FetchedAt, &s.Published, &s.SHA256, &s.Entities, &s.Records,
		&s.Skipped, &problems, &files, &s.Origin, &status, &s.Reason)
	if err != nil {
		return s, err
	}
	s.FetchedAt = s.FetchedAt.UTC()
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
	out := []store.Snapshot{}
	err := s.with(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			snap, err := scanSnapshot(rows)
			if err != nil {
				return err
			}
			out = append(out, snap)
		}
		return rows.Err()
	})
	return out, err
}

// Snapshot implements store.Store.
func (s *Store) Snapshot(ctx context.Context, id int64) (store.Snapshot, error) {
	var snap store.Snapshot
	err := s.with(ctx, func(c *pgx.Conn) error {
		var err error
		snap, err = scanSnapshot(c.QueryRow(ctx, `SELECT `+snapshotCols+` FROM embargo_snapshots WHERE id = $1`, id))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
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
		args = append(args, q.Source)
		where = append(where, fmt.Sprintf("source = $%d", len(args)))
	}
	if q.Status != "" {
		args = append(args, string(q.Status))
		where = append(where, fmt.Sprintf("status = $%d", len(args)))
	}
	query := `SELECT ` + snapshotCols + ` FROM embargo_snapshots`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC"
	if q.Limit > 0 {
		args = append(args, q.Limit)
		query += fmt.Sprintf(" LIMIT $%d", len(args))
	}
	return s.querySnapshots(ctx, query, args...)
}

// Latest implements store.Store.
func (s *Store) Latest(ctx context.Context) ([]store.Snapshot, error) {
	return s.querySnapshots(ctx, `SELECT `+snapshotCols+` FROM embargo_snapshots WHERE id IN
		(SELECT MAX(id) FROM embargo_snapshots WHERE status = 'good' GROUP BY source) ORDER BY source`)
}

// Blob implements store.Store.
func (s *Store) Blob(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	err := s.with(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT data FROM embargo_snapshot_blobs WHERE snapshot_id = $1`, id).Scan(&b)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound(fmt.Sprintf("entities of snapshot %d", id))
	}
	return b, err
}

// Refs implements store.Store.
func (s *Store) Refs(ctx context.Context, id int64) ([]store.EntityRef, error) {
	out := []store.EntityRef{}
	err := s.with(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT entity_id, hash, name FROM embargo_snapshot_entities
			WHERE snapshot_id = $1 ORDER BY entity_id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r store.EntityRef
			if err := rows.Scan(&r.ID, &r.Hash, &r.Name); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// Ref implements store.Store.
func (s *Store) Ref(ctx context.Context, id int64, entityID string) (store.EntityRef, error) {
	r := store.EntityRef{ID: entityID}
	err := s.with(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT hash, name FROM embargo_snapshot_entities WHERE snapshot_id = $1 AND entity_id = $2`,
			id, entityID).Scan(&r.Hash, &r.Name)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return r, notFound(fmt.Sprintf("entity %s in snapshot %d", entityID, id))
	}
	return r, err
}

// Validators implements store.Store.
func (s *Store) Validators(ctx context.Context, u string) (store.Validators, error) {
	v := store.Validators{URL: u}
	err := s.with(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT etag, last_modified, sha256, updated FROM embargo_http_validators WHERE url = $1`, u).
			Scan(&v.ETag, &v.LastModified, &v.SHA256, &v.Updated)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return v, notFound("validators of " + u)
	}
	v.Updated = v.Updated.UTC()
	return v, err
}

// SetValidators implements store.Store.
func (s *Store) SetValidators(ctx context.Context, v store.Validators) error {
	if v.Updated.IsZero() {
		v.Updated = time.Now()
	}
	return s.with(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, `INSERT INTO embargo_http_validators (url, etag, last_modified, sha256, updated)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
				sha256 = excluded.sha256, updated = excluded.updated`,
			v.URL, v.ETag, v.LastModified, v.SHA256, v.Updated.UTC())
		return err
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
	err := s.tx(ctx, func(tx pgx.Tx) error {
		for i, r := range recs {
			err := tx.QueryRow(ctx, `INSERT INTO embargo_audit (at, caller, kind, query, fingerprint, data_version, snapshots, results)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
				r.Time, r.Caller, r.Kind, rows[i].query, r.Fingerprint, r.DataVersion, rows[i].snaps, rows[i].results).Scan(&ids[i])
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

const auditCols = `id, at, caller, kind, query, fingerprint, data_version, snapshots, results`

func scanAudit(r pgx.Row) (store.AuditRecord, error) {
	var (
		a                     store.AuditRecord
		query, snaps, results string
	)
	if err := r.Scan(&a.ID, &a.Time, &a.Caller, &a.Kind, &query, &a.Fingerprint, &a.DataVersion, &snaps, &results); err != nil {
		return a, err
	}
	a.Time = a.Time.UTC()
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
	err := s.with(ctx, func(c *pgx.Conn) error {
		var err error
		a, err = scanAudit(c.QueryRow(ctx, `SELECT `+auditCols+` FROM embargo_audit WHERE id = $1`, id))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return a, notFound(fmt.Sprintf("audit record %d", id))
	}
	return a, err
}

// ScanAudit implements store.Store.
func (s *Store) ScanAudit(ctx context.Context, since time.Time, fn func(store.AuditRecord) error) error {
	return s.with(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT `+auditCols+` FROM embargo_audit WHERE at >= $1 ORDER BY id`, sinceTime(since))
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
	})
}

func sinceTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.UTC()
}

// AddDecision implements store.Store.
func (s *Store) AddDecision(ctx context.Context, d *store.Decision) error {
	d.Time = d.Time.UTC().Truncate(time.Microsecond)
	return s.with(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `INSERT INTO embargo_decisions
			(audit_id, entity_id, decision, note, decided_by, at, fingerprint, entity_hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			d.AuditID, d.EntityID, string(d.Decision), d.Note, d.By, d.Time, d.Fingerprint, d.EntityHash).Scan(&d.ID)
	})
}

// ScanDecisions implements store.Store.
func (s *Store) ScanDecisions(ctx context.Context, since time.Time, fn func(store.Decision) error) error {
	return s.with(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT id, audit_id, entity_id, decision, note, decided_by, at, fingerprint, entity_hash
			FROM embargo_decisions WHERE at >= $1 ORDER BY id`, sinceTime(since))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				d        store.Decision
				decision string
			)
			if err := rows.Scan(&d.ID, &d.AuditID, &d.EntityID, &decision, &d.Note, &d.By, &d.Time, &d.Fingerprint, &d.EntityHash); err != nil {
				return err
			}
			d.Decision = store.Verdict(decision)
			d.Time = d.Time.UTC()
			if err := fn(d); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
