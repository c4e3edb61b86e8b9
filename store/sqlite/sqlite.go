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
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"

	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/internal/sqlstore"
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

// Store is a store.Store in a SQLite file. Its methods are those of the
// implementation the SQL backends share (store/internal/sqlstore).
type Store struct {
	*sqlstore.Store
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
	// Times are stored as unix microseconds.
	d := sqlstore.Dialect{Time: func(t time.Time) any { return t.UnixMicro() }, MinTime: int64(-1 << 62)}
	s := &Store{Store: sqlstore.New(backend{db}, d), db: db, path: path}
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

// backend runs the shared implementation's statements through
// database/sql.
type backend struct{ db *sql.DB }

// dbQuerier is what *sql.DB and *sql.Tx have in common.
type dbQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// querier is a sqlstore.Querier. In a transaction it prepares each
// statement it inserts with once (stmts): a batch of audit records or
// entity references repeats the same INSERT.
type querier struct {
	q     dbQuerier
	stmts map[string]*sql.Stmt // nil outside a transaction
}

func (b backend) With(ctx context.Context, fn func(sqlstore.Querier) error) error {
	return fn(&querier{q: b.db})
}

func (b backend) Tx(ctx context.Context, fn func(sqlstore.Querier) error) error {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := &querier{q: tx, stmts: map[string]*sql.Stmt{}}
	defer q.close()
	if err := fn(q); err != nil {
		return err
	}
	return tx.Commit()
}

func (b backend) NoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func (b backend) InsertRefs(ctx context.Context, tx sqlstore.Querier, id int64, refs []store.EntityRef) error {
	stmt, err := tx.(*querier).stmt(ctx, `INSERT INTO snapshot_entities (snapshot_id, entity_id, hash, name) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, r := range refs {
		if _, err := stmt.ExecContext(ctx, id, r.ID, r.Hash, r.Name); err != nil {
			return fmt.Errorf("entity %s: %w", r.ID, err)
		}
	}
	return nil
}

// stmt returns the prepared statement of query, in a transaction.
func (q *querier) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := q.stmts[query]; ok {
		return st, nil
	}
	st, err := q.q.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	q.stmts[query] = st
	return st, nil
}

func (q *querier) close() {
	for _, st := range q.stmts {
		st.Close()
	}
}

func (q *querier) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	rows, err := q.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rows}, nil
}

func (q *querier) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	return q.q.QueryRowContext(ctx, query, args...)
}

func (q *querier) Exec(ctx context.Context, query string, args ...any) error {
	_, err := q.q.ExecContext(ctx, query, args...)
	return err
}

func (q *querier) InsertID(ctx context.Context, query string, args ...any) (int64, error) {
	var res sql.Result
	var err error
	if q.stmts != nil {
		var st *sql.Stmt
		if st, err = q.stmt(ctx, query); err != nil {
			return 0, err
		}
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = q.q.ExecContext(ctx, query, args...)
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// sqlRows closes without an error, as sqlstore.Rows does.
type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { r.Rows.Close() }
