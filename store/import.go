package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
)

// DefaultMaxDrop is the largest fraction by which a source's entity count
// may fall from its last good snapshot before a new list is rejected.
const DefaultMaxDrop = 0.2

// ImportOptions say how Import stores and validates a source.
type ImportOptions struct {
	// Origin says where the list came from: "import:/path" or a URL.
	Origin string
	// Files, when set, replaces the source's file paths in the snapshot
	// (a pull stores the URLs, not its temporary files).
	Files []string
	// Formats, when set, are the formats the list must be in (a pull
	// expects the publisher's format); nil accepts any.
	Formats []string
	// MaxDrop is the largest fraction (0 to 1) by which the entity count
	// may fall from the last good snapshot; a larger fall rejects the list.
	// Zero rejects any fall: use DefaultMaxDrop for the default.
	MaxDrop float64
	// Force accepts a list that falls by more than MaxDrop or whose
	// publisher's date is older than the current snapshot's. It does not
	// accept a list without entities or in the wrong format.
	Force bool
	// Now returns the time stamped on the snapshot; nil means time.Now.
	Now func() time.Time
	// Log receives notes; nil discards them.
	Log *slog.Logger
}

// Outcome says what Import did with a list.
type Outcome string

// Import outcomes.
const (
	// Added: the list is now the source's current snapshot.
	Added Outcome = "added"
	// Unchanged: the list is byte for byte the source's current snapshot
	// (same sha256); no snapshot was made.
	Unchanged Outcome = "unchanged"
	// RejectedOutcome: validation rejected the list; the source's current
	// snapshot stays.
	RejectedOutcome Outcome = "rejected"
)

// ImportResult says what Import did.
type ImportResult struct {
	// Source is the source's name.
	Source string `json:"source"`
	// Outcome is what happened.
	Outcome Outcome `json:"outcome"`
	// Snapshot is the new snapshot (Added), the current one (Unchanged)
	// or the rejected one (RejectedOutcome; its ID is the earlier rejected
	// snapshot's when the same list was rejected before).
	Snapshot Snapshot `json:"snapshot"`
	// Previous is the source's good snapshot before the import, nil when
	// there was none.
	Previous *Snapshot `json:"previous,omitempty"`
}

// RejectedError is the error Import returns when validation rejects a
// list. It wraps ErrRejected.
type RejectedError struct {
	// Source is the source's name.
	Source string
	// Snapshot is the rejected snapshot as recorded.
	Snapshot Snapshot
	// Reason says what failed.
	Reason string
}

// Error says which source was rejected, why, and as which snapshot.
func (e *RejectedError) Error() string {
	return fmt.Sprintf("%s: list rejected (recorded as snapshot %d): %s", e.Source, e.Snapshot.ID, e.Reason)
}

// Unwrap returns ErrRejected.
func (e *RejectedError) Unwrap() error { return ErrRejected }

// Import validates a loaded source and stores it as a new snapshot.
//
// Validation rejects a list that has no entities or that is not in one of
// opt.Formats, and, unless opt.Force, one whose entity count fell by more
// than opt.MaxDrop from the source's last good snapshot or whose
// publisher's date is older than that snapshot's. A rejected list is
// recorded as a snapshot with status Rejected, so that the audit trail
// shows it, and Import returns a *RejectedError; the source's current
// snapshot stays as it was.
//
// A list identical to the source's current snapshot (same sha256) makes no
// new snapshot: the result says Unchanged. A delta file (an OpenSanctions
// delta, format name containing "delta") is applied to the source's
// current snapshot, which must exist.
func Import(ctx context.Context, st Store, src *catalog.Source, opt ImportOptions) (ImportResult, error) {
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	res := ImportResult{Source: src.Name}
	prevs, err := st.Snapshots(ctx, SnapshotQuery{Source: src.Name, Status: Good, Limit: 1})
	if err != nil {
		return res, fmt.Errorf("%s: reading the current snapshot: %w", src.Name, err)
	}
	var prev *Snapshot
	if len(prevs) > 0 {
		prev = &prevs[0]
		res.Previous = prev
	}
	ents := src.Entities
	snap := Snapshot{
		Source: src.Name, Format: src.Format, FetchedAt: now().UTC(), Published: src.Published,
		SHA256: src.SHA256, Records: src.Records, Skipped: len(src.Skipped),
		Problems: problemsFrom(src.Skipped), Files: opt.Files, Origin: opt.Origin,
		Status: Good,
	}
	if snap.Files == nil {
		snap.Files = slices.Clone(src.Files)
	}
	if snap.Files == nil {
		snap.Files = []string{}
	}
	if snap.Origin == "" {
		snap.Origin = "import:" + src.Path
	}
	if isDelta(src.Format) {
		if prev == nil {
			return res, fmt.Errorf("%s: %s is a delta file (%s) and the store has no full list of %s to apply it to: import or pull the full list first",
				src.Name, src.Path, src.Format, src.Name)
		}
		base, err := loadEntities(ctx, st, prev.ID)
		if err != nil {
			return res, fmt.Errorf("%s: applying delta %s: %w", src.Name, src.Path, err)
		}
		ents = applyDelta(base, src)
		snap.Format = prev.Format
		snap.Published = max(prev.Published, src.Published)
		h := sha256.Sum256([]byte(prev.SHA256 + src.SHA256))
		snap.SHA256 = hex.EncodeToString(h[:])
		snap.Records = prev.Records + src.Records
		snap.Files = append(slices.Clone(prev.Files), snap.Files...)
	}
	snap.Entities = len(ents)

	if prev != nil && prev.SHA256 == snap.SHA256 {
		res.Outcome = Unchanged
		res.Snapshot = *prev
		log.Info("list unchanged", "source", src.Name, "snapshot", prev.ID, "sha256", snap.SHA256)
		return res, nil
	}

	if reason := validate(snap, prev, opt); reason != "" {
		return reject(ctx, st, res, snap, ents, reason, log)
	}
	data, err := EncodeEntities(ents)
	if err != nil {
		return res, fmt.Errorf("%s: %w", src.Name, err)
	}
	if err := st.AddSnapshot(ctx, &snap, data); err != nil {
		return res, fmt.Errorf("%s: storing the snapshot: %w", src.Name, err)
	}
	res.Outcome = Added
	res.Snapshot = snap
	log.Info("list imported", "source", src.Name, "snapshot", snap.ID, "entities", snap.Entities)
	return res, nil
}

// validate returns why a list must be rejected, "" when it may be used.
func validate(snap Snapshot, prev *Snapshot, opt ImportOptions) string {
	if len(opt.Formats) > 0 && !slices.Contains(opt.Formats, snap.Format) {
		return fmt.Sprintf("the file is in format %s, expected %s", snap.Format, strings.Join(opt.Formats, " or "))
	}
	if snap.Entities == 0 {
		return "the list has no entities"
	}
	if prev == nil || opt.Force {
		return ""
	}
	if prev.Entities > 0 && snap.Entities < prev.Entities {
		drop := float64(prev.Entities-snap.Entities) / float64(prev.Entities)
		if drop > opt.MaxDrop {
			return fmt.Sprintf("the entity count fell from %d (snapshot %d) to %d, by %.1f%%, more than the %.0f%% allowed (--max-drop %g; --force accepts it)",
				prev.Entities, prev.ID, snap.Entities, drop*100, opt.MaxDrop*100, opt.MaxDrop)
		}
	}
	if prev.Published != "" && snap.Published != "" && snap.Published < prev.Published {
		return fmt.Sprintf("the list was published on %s, before the current snapshot %d (published %s) (--force accepts it)",
			snap.Published, prev.ID, prev.Published)
	}
	return ""
}

// reject records a rejected snapshot, unless the same list was rejected
// last time, and returns the rejection error.
func reject(ctx context.Context, st Store, res ImportResult, snap Snapshot, ents []*entity.Entity, reason string, log *slog.Logger) (ImportResult, error) {
	snap.Status = Rejected
	snap.Reason = reason
	res.Outcome = RejectedOutcome
	last, err := st.Snapshots(ctx, SnapshotQuery{Source: snap.Source, Limit: 1})
	if err != nil {
		return res, fmt.Errorf("%s: %w", snap.Source, err)
	}
	if len(last) == 1 && last[0].Status == Rejected && last[0].SHA256 == snap.SHA256 && last[0].Reason == reason {
		res.Snapshot = last[0]
		log.Warn("list rejected again", "source", snap.Source, "snapshot", last[0].ID, "reason", reason)
		return res, &RejectedError{Source: snap.Source, Snapshot: last[0], Reason: reason}
	}
	var data *SnapshotData
	if len(ents) > 0 {
		if data, err = EncodeEntities(ents); err != nil {
			return res, fmt.Errorf("%s: %w", snap.Source, err)
		}
	}
	if err := st.AddSnapshot(ctx, &snap, data); err != nil {
		return res, fmt.Errorf("%s: recording the rejected list: %w", snap.Source, err)
	}
	res.Snapshot = snap
	log.Warn("list rejected", "source", snap.Source, "snapshot", snap.ID, "reason", reason)
	return res, &RejectedError{Source: snap.Source, Snapshot: snap, Reason: reason}
}

// RecordRejected records a list that could not be used at all (a download
// that is not a list of the expected format, a truncated file) as a
// rejected snapshot without entities, for the audit trail. It does not
// record it again when the source's newest snapshot is the same rejection.
func RecordRejected(ctx context.Context, st Store, snap Snapshot) (Snapshot, error) {
	snap.Status = Rejected
	if snap.FetchedAt.IsZero() {
		snap.FetchedAt = time.Now().UTC()
	}
	if snap.Files == nil {
		snap.Files = []string{}
	}
	last, err := st.Snapshots(ctx, SnapshotQuery{Source: snap.Source, Limit: 1})
	if err != nil {
		return snap, err
	}
	if len(last) == 1 && last[0].Status == Rejected && last[0].SHA256 == snap.SHA256 && last[0].Reason == snap.Reason {
		return last[0], nil
	}
	if err := st.AddSnapshot(ctx, &snap, nil); err != nil {
		return snap, err
	}
	return snap, nil
}

func isDelta(format string) bool { return strings.Contains(format, "delta") }

// applyDelta returns base with the delta's deletions and modifications
// applied and its additions appended, as catalog.Loader does for a delta
// loaded together with its full file.
func applyDelta(base []*entity.Entity, delta *catalog.Source) []*entity.Entity {
	drop := make(map[string]bool, len(delta.Deleted)+len(delta.Entities))
	for _, id := range delta.Deleted {
		drop[id] = true
	}
	for _, e := range delta.Entities {
		drop[e.ID] = true
	}
	out := slices.DeleteFunc(base, func(e *entity.Entity) bool { return drop[e.ID] })
	return append(out, delta.Entities...)
}

// loadEntities decodes a snapshot's entities.
func loadEntities(ctx context.Context, st Store, id int64) ([]*entity.Entity, error) {
	blob, err := st.Blob(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("snapshot %d: %w", id, err)
	}
	ents, err := DecodeEntities(blob)
	if err != nil {
		return nil, fmt.Errorf("snapshot %d: %w", id, err)
	}
	return ents, nil
}
