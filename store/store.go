// Package store keeps embargo's data over time: a versioned snapshot of
// each source's list every time it is imported or pulled, the audit log of
// screening decisions, the decisions analysts attach to them, and the
// allowlist of false positives built from those decisions.
//
// A Store is the storage behind all of it. Two implementations exist:
// store/sqlite (an embedded SQLite database, embargo.db in EMBARGO_HOME,
// the default) and store/postgres (PostgreSQL, when EMBARGO_DATABASE_URL is
// a postgres:// URL); store/open picks one. Both run the same queries,
// written once in store/internal/sqlstore, and differ only in their
// tables' definitions, connections and SQL dialect. No package outside store/
// knows SQL: everything else goes through the functions of this package
// (Import, LoadLatest, Diff, Audit, Decide, LoadAllowlist) over a Store.
//
// # Snapshots
//
// Each import of a source makes a Snapshot: its metadata (source, format,
// when it was fetched, the publisher's date, the sha256 of its files, the
// entity count, where it came from) and its entities. The entities are
// kept twice: once as a compressed blob (see EncodeEntities), which
// LoadLatest decodes in parallel to rebuild a catalog quickly (about 0.1 s
// for the 17,000 entities of the shipped lists), and once as a table of
// (entity ID, content hash, name) rows, which Diff and the allowlist read
// without decoding the blob. The content hash (EntityHash) is the sha256
// of the entity's JSON wire form. The newest good snapshot of each source is
// the data every command uses when no --data is given. A snapshot that
// fails validation (see Import) is kept with status "rejected" for the
// audit trail and never used.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/embargo/embargo/source"
)

// Status says whether a snapshot may be used.
type Status string

// Snapshot statuses.
const (
	// Good snapshots passed validation; the newest good one of each source
	// is the source's current data.
	Good Status = "good"
	// Rejected snapshots failed validation (no entities, a count that fell
	// too far, a wrong format...). They are kept for the audit trail and
	// never used.
	Rejected Status = "rejected"
)

// Snapshot is one version of one source's list, as imported or pulled.
type Snapshot struct {
	// ID identifies the snapshot; IDs grow with time.
	ID int64 `json:"id"`
	// Source is the source's name ("ofac", "un").
	Source string `json:"source"`
	// Format is the format the list was read as ("ofac-csv").
	Format string `json:"format"`
	// FetchedAt is when the list was imported or downloaded.
	FetchedAt time.Time `json:"fetched_at"`
	// Published is the publisher's date for the list, "" if it has none.
	Published string `json:"published,omitempty"`
	// SHA256 is the hex checksum of the list's bytes (every file of a
	// multi-file list, main file first), as catalog.Source computes it.
	SHA256 string `json:"sha256"`
	// Entities is the number of entities.
	Entities int `json:"entities"`
	// Records is the number of records the parser read, skipped ones
	// included.
	Records int `json:"records"`
	// Skipped is the number of malformed records the parser left out;
	// Problems describes them.
	Skipped int `json:"skipped"`
	// Problems are the malformed records the parser left out.
	Problems []Problem `json:"-"`
	// Files are the files read (paths for an import, URLs for a pull),
	// main file first.
	Files []string `json:"files"`
	// Origin says where the list came from: "import:/path/to/file" or the
	// URL it was downloaded from.
	Origin string `json:"origin"`
	// Status is Good or Rejected.
	Status Status `json:"status"`
	// Reason says why a snapshot was rejected, "" for a good one.
	Reason string `json:"reason,omitempty"`
}

// String describes the snapshot in one line for messages.
func (s Snapshot) String() string {
	pub := ""
	if s.Published != "" {
		pub = ", published " + s.Published
	}
	sum := s.SHA256
	if len(sum) > 12 {
		sum = sum[:12]
	}
	return fmt.Sprintf("snapshot %d of %s (%s, %d entities%s, sha256 %s, %s)",
		s.ID, s.Source, s.Format, s.Entities, pub, sum, s.FetchedAt.UTC().Format(time.RFC3339))
}

// Problem is a malformed record a parser skipped, in storable form (see
// source.Problem).
type Problem struct {
	File   string `json:"file,omitempty"`   // file name or URL
	Line   int    `json:"line,omitempty"`   // 1-based line, 0 when unknown
	Record string `json:"record,omitempty"` // record identifier or number
	Field  string `json:"field,omitempty"`  // field at fault
	Err    string `json:"error,omitempty"`  // what is wrong
}

// problemsFrom converts a parser's problems to their storable form.
func problemsFrom(ps []source.Problem) []Problem {
	if len(ps) == 0 {
		return nil
	}
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = Problem{File: p.File, Line: p.Line, Record: p.Record, Field: p.Field}
		if p.Err != nil {
			out[i].Err = p.Err.Error()
		}
	}
	return out
}

// sourceProblems converts stored problems back to a parser's form.
func sourceProblems(ps []Problem) []source.Problem {
	if len(ps) == 0 {
		return nil
	}
	out := make([]source.Problem, len(ps))
	for i, p := range ps {
		out[i] = source.Problem{File: p.File, Line: p.Line, Record: p.Record, Field: p.Field}
		if p.Err != "" {
			out[i].Err = errors.New(p.Err)
		}
	}
	return out
}

// EntityRef is one entity of a snapshot in the hash table: its ID, the
// content hash of its designation (EntityHash) and its primary name.
type EntityRef struct {
	ID   string `json:"id"`   // entity ID, unique in the snapshot
	Hash string `json:"hash"` // EntityHash of the entity
	Name string `json:"name"` // primary name
}

// SnapshotData is what AddSnapshot stores beside a snapshot's metadata:
// the encoded entities (see EncodeEntities) and one EntityRef per entity.
type SnapshotData struct {
	// Blob holds the entities as compressed JSON lines.
	Blob []byte
	// Refs has one row per entity, IDs unique.
	Refs []EntityRef
}

// SnapshotQuery selects snapshots.
type SnapshotQuery struct {
	// Source, when set, keeps only that source's snapshots.
	Source string
	// Status, when set, keeps only snapshots of that status.
	Status Status
	// Limit, when positive, keeps only the newest Limit snapshots.
	Limit int
}

// Validators are what a server said about a URL's content, for a
// conditional GET next time (If-None-Match, If-Modified-Since).
type Validators struct {
	// URL is the address the validators are for.
	URL string `json:"url"`
	// ETag and LastModified are the server's ETag and Last-Modified
	// headers for the content.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// SHA256 is the checksum of the snapshot the content went into; the
	// validators are only used while that snapshot is still the source's
	// current one.
	SHA256 string `json:"sha256"`
	// Updated is when the validators were stored.
	Updated time.Time `json:"updated"`
}

// Store is the storage behind snapshots, conditional-GET validators, the
// audit log and decisions. Implementations are safe for concurrent use
// and, where the storage allows, by several processes at once. A method
// that finds nothing returns an error wrapping ErrNotFound.
type Store interface {
	// AddSnapshot stores a snapshot and its data (nil for a rejected
	// snapshot without entities) in one transaction, and sets s.ID.
	AddSnapshot(ctx context.Context, s *Snapshot, data *SnapshotData) error
	// Snapshot returns one snapshot's metadata.
	Snapshot(ctx context.Context, id int64) (Snapshot, error)
	// Snapshots returns the snapshots q selects, newest first.
	Snapshots(ctx context.Context, q SnapshotQuery) ([]Snapshot, error)
	// Latest returns the newest good snapshot of every source, by source
	// name.
	Latest(ctx context.Context) ([]Snapshot, error)
	// Blob returns a snapshot's encoded entities (see DecodeEntities); an
	// error wrapping ErrNotFound when it has none.
	Blob(ctx context.Context, id int64) ([]byte, error)
	// Refs returns a snapshot's entity rows, by entity ID.
	Refs(ctx context.Context, id int64) ([]EntityRef, error)
	// Ref returns one entity's row in a snapshot.
	Ref(ctx context.Context, id int64, entityID string) (EntityRef, error)

	// Validators returns what is remembered of a URL for a conditional GET.
	Validators(ctx context.Context, url string) (Validators, error)
	// SetValidators remembers a URL's validators, replacing older ones.
	SetValidators(ctx context.Context, v Validators) error

	// AppendAudit writes audit records in one transaction and sets their
	// IDs. When it returns nil the records are durable: they survive a
	// crash of the process or of the machine.
	AppendAudit(ctx context.Context, recs ...*AuditRecord) error
	// AuditRecord returns one audit record.
	AuditRecord(ctx context.Context, id int64) (AuditRecord, error)
	// ScanAudit calls fn for every audit record at or after since, oldest
	// first, until fn returns an error.
	ScanAudit(ctx context.Context, since time.Time, fn func(AuditRecord) error) error

	// AddDecision stores an analyst's decision durably and sets d.ID.
	AddDecision(ctx context.Context, d *Decision) error
	// ScanDecisions calls fn for every decision made at or after since,
	// oldest first, until fn returns an error.
	ScanDecisions(ctx context.Context, since time.Time, fn func(Decision) error) error

	// Close releases the store.
	Close() error
}

// ErrNotFound is wrapped by Store methods that find nothing.
var ErrNotFound = errors.New("not found")

// ErrRejected is wrapped by Import's error when validation rejects a list;
// the error is a *RejectedError.
var ErrRejected = errors.New("list rejected")
