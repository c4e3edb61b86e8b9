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
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/internal/sqlstore"
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

// Store is a store.Store in a PostgreSQL database. Its methods are those
// of the implementation the SQL backends share (store/internal/sqlstore).
type Store struct {
	*sqlstore.Store
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
	s.Store = sqlstore.New(backend{s}, sqlstore.Dialect{
		Prefix:   "embargo_",
		Numbered: true,
		Time:     func(t time.Time) any { return t.UTC() },
		MinTime:  time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
	})
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

// backend runs the shared implementation's statements on the pool's
// connections.
type backend struct{ s *Store }

// pgxQuerier is what *pgx.Conn and pgx.Tx have in common.
type pgxQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
}

// querier is a sqlstore.Querier.
type querier struct{ q pgxQuerier }

func (b backend) With(ctx context.Context, fn func(sqlstore.Querier) error) error {
	return b.s.with(ctx, func(c *pgx.Conn) error { return fn(querier{c}) })
}

func (b backend) Tx(ctx context.Context, fn func(sqlstore.Querier) error) error {
	return b.s.tx(ctx, func(tx pgx.Tx) error { return fn(querier{tx}) })
}

func (b backend) NoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }

// InsertRefs copies the references in with COPY, much faster than
// INSERTs.
func (b backend) InsertRefs(ctx context.Context, tx sqlstore.Querier, id int64, refs []store.EntityRef) error {
	_, err := tx.(querier).q.CopyFrom(ctx, pgx.Identifier{"embargo_snapshot_entities"},
		[]string{"snapshot_id", "entity_id", "hash", "name"},
		pgx.CopyFromSlice(len(refs), func(i int) ([]any, error) {
			r := refs[i]
			return []any{id, r.ID, r.Hash, r.Name}, nil
		}))
	return err
}

func (q querier) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	return q.q.Query(ctx, query, args...)
}

func (q querier) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	return q.q.QueryRow(ctx, query, args...)
}

func (q querier) Exec(ctx context.Context, query string, args ...any) error {
	_, err := q.q.Exec(ctx, query, args...)
	return err
}

func (q querier) InsertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := q.q.QueryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}
