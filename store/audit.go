package store

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/embargo/embargo/entity"
)

// Audit record kinds: what kind of screening a record is of.
const (
	KindScreen = "screen" // one name (CLI screen, POST /v1/screen)
	KindBatch  = "batch"  // one row of a customer file
	KindText   = "text"   // free text (news, payment messages)
)

// CallerCLI is the caller recorded for screenings run from the command
// line; the HTTP API records the API key's ID.
const CallerCLI = "cli"

// AuditRecord is one screening in the audit log: who asked what, against
// which data, and what came out.
type AuditRecord struct {
	// ID identifies the record; IDs grow with time.
	ID int64 `json:"id"`
	// Time is when the screening ran (UTC).
	Time time.Time `json:"time"`
	// Caller is the API key's ID, or "cli".
	Caller string `json:"caller"`
	// Kind is KindScreen, KindBatch or KindText.
	Kind string `json:"kind"`
	// Query is the request as JSON (a screen.Request for KindScreen).
	Query json.RawMessage `json:"query"`
	// Fingerprint identifies the query for the allowlist (see
	// Fingerprint). Audit computes it from Query's "name", "birth_date"
	// and "country" fields when it is empty.
	Fingerprint string `json:"fingerprint,omitempty"`
	// DataVersion is the catalog's Version() the screening ran against.
	DataVersion string `json:"data_version"`
	// Snapshots are the IDs of the snapshots loaded, empty when the data
	// came from files (--data) rather than the store.
	Snapshots []int64 `json:"snapshots"`
	// Results are the listed entities returned, best first.
	Results []AuditResult `json:"results"`
}

// AuditResult is one listed entity a screening returned.
type AuditResult struct {
	// EntityID is the entity's ID ("ofac-20157").
	EntityID string `json:"entity_id"`
	// Name is the entity's primary name, for people reading the log.
	Name string `json:"name,omitempty"`
	// Score is the match score (0 to 1).
	Score float64 `json:"score"`
	// Match is true when the score reached the threshold.
	Match bool `json:"match"`
	// Hash is the entity's content hash (EntityHash) as screened; a
	// decision on this result is tied to it.
	Hash string `json:"hash,omitempty"`
	// Fingerprint, when set, replaces the record's for this result (a
	// text screening's mention).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Allowlisted is true when the result was marked as an earlier
	// decided false positive.
	Allowlisted bool `json:"allowlisted,omitempty"`
}

// NewAuditRecord builds the record of one screening, ready for Audit:
// query is encoded as JSON; dataVersion and snapshots say what data it
// ran against (see AuditRecord).
func NewAuditRecord(caller, kind string, query any, fingerprint, dataVersion string, snapshots []int64, results []AuditResult) (*AuditRecord, error) {
	q, err := json.Marshal(query)
	if err != nil {
		return nil, fmt.Errorf("audit: encoding the query: %w", err)
	}
	if results == nil {
		results = []AuditResult{}
	}
	return &AuditRecord{
		Caller: caller, Kind: kind, Query: q, Fingerprint: fingerprint, DataVersion: dataVersion,
		Snapshots: snapshots, Results: results,
	}, nil
}

// TextQuery is a text screening's query as the audit log keeps it.
type TextQuery struct {
	Text      string  `json:"text"`
	Threshold float64 `json:"threshold"`
}

// MentionResult is the audit-log result of one mention found in a text:
// the mention's own words are its query (its Fingerprint), so that an
// analyst's decision on it marks the same words in later texts.
// allowlisted says the mention was marked a decided false positive; hash
// gives the entity's content hash (EntityHash, or a cache of it).
func MentionResult(mention string, score float64, match, allowlisted bool, e *entity.Entity, hash func(*entity.Entity) string) AuditResult {
	r := AuditResult{Score: score, Match: match, Allowlisted: allowlisted, Fingerprint: Fingerprint(mention, "", "")}
	if e != nil {
		r.EntityID, r.Name, r.Hash = e.ID, e.Caption(), hash(e)
	}
	return r
}

// Verdict is an analyst's decision on a result.
type Verdict string

// Verdicts.
const (
	TrueMatch     Verdict = "true-match"
	FalsePositive Verdict = "false-positive"
)

// ParseVerdict reads "true-match" or "false-positive" (also with an
// underscore or a space).
func ParseVerdict(s string) (Verdict, error) {
	switch strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(s))) {
	case string(TrueMatch):
		return TrueMatch, nil
	case string(FalsePositive):
		return FalsePositive, nil
	}
	return "", fmt.Errorf("%w: decision %q is not true-match or false-positive", ErrInvalid, s)
}

// Decision is an analyst's decision on one result of one audit record.
type Decision struct {
	// ID identifies the decision.
	ID int64 `json:"id"`
	// AuditID is the audit record decided on.
	AuditID int64 `json:"audit_id"`
	// EntityID is the listed entity decided on.
	EntityID string `json:"entity_id"`
	// Decision is TrueMatch or FalsePositive.
	Decision Verdict `json:"decision"`
	// Note is the analyst's note.
	Note string `json:"note,omitempty"`
	// By is who decided (an analyst's name, an API key's ID, "cli").
	By string `json:"by,omitempty"`
	// Time is when the decision was made (UTC).
	Time time.Time `json:"time"`
	// Fingerprint is the query's fingerprint, from the audit record.
	Fingerprint string `json:"fingerprint"`
	// EntityHash is the entity's content hash when it was screened: the
	// decision holds while the designation keeps that hash.
	EntityHash string `json:"entity_hash"`
}

// ErrInvalid is wrapped by errors about invalid input to Audit and Decide.
var ErrInvalid = errors.New("invalid")

// Audit appends screening records to the audit log, in one transaction.
// It sets each record's Time (when zero), Caller (CallerCLI when empty)
// and Fingerprint (when empty), then its ID. When Audit returns nil the
// records are durable.
func Audit(ctx context.Context, st Store, recs ...*AuditRecord) error {
	now := time.Now().UTC()
	for i, r := range recs {
		if r == nil {
			return fmt.Errorf("audit: %w: record %d is nil", ErrInvalid, i)
		}
		if r.Time.IsZero() {
			r.Time = now
		}
		r.Time = r.Time.UTC()
		if r.Caller == "" {
			r.Caller = CallerCLI
		}
		if r.Kind == "" {
			return fmt.Errorf("audit: %w: record %d has no kind", ErrInvalid, i)
		}
		if len(r.Query) == 0 {
			r.Query = json.RawMessage("null")
		} else if !json.Valid(r.Query) {
			return fmt.Errorf("audit: %w: record %d: the query is not valid JSON", ErrInvalid, i)
		}
		if r.Fingerprint == "" {
			r.Fingerprint = queryFingerprint(r.Query)
		}
		if r.Snapshots == nil {
			r.Snapshots = []int64{}
		}
		if r.Results == nil {
			r.Results = []AuditResult{}
		}
	}
	if err := st.AppendAudit(ctx, recs...); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// queryFingerprint reads the fingerprint fields of a screening request.
func queryFingerprint(q json.RawMessage) string {
	var req struct {
		Name      string `json:"name"`
		BirthDate string `json:"birth_date"`
		Country   string `json:"country"`
	}
	if json.Unmarshal(q, &req) != nil || strings.TrimSpace(req.Name) == "" {
		return ""
	}
	return Fingerprint(req.Name, req.BirthDate, req.Country)
}

// DecisionRequest is an analyst's decision as asked for (embargo decide,
// POST /v1/decisions).
type DecisionRequest struct {
	AuditID  int64   `json:"audit_id"`       // the audit record decided on
	EntityID string  `json:"entity_id"`      // the listed entity decided on, one of the record's results
	Decision Verdict `json:"decision"`       // TrueMatch or FalsePositive
	Note     string  `json:"note,omitempty"` // the analyst's note
	By       string  `json:"by,omitempty"`   // who decides
}

// Decide records an analyst's decision on one result of an audit record.
// The entity must be among the record's results. The decision takes the
// query's fingerprint from the record and the entity's content hash from
// the result (or, for a record written without hashes, from the snapshots
// the record names), so that a false positive is allowlisted for that
// query and that version of the designation only. Errors wrap ErrNotFound
// (no such record, or the entity is not among its results) or ErrInvalid.
func Decide(ctx context.Context, st Store, req DecisionRequest) (Decision, error) {
	v, err := ParseVerdict(string(req.Decision))
	if err != nil {
		return Decision{}, err
	}
	if req.EntityID = strings.TrimSpace(req.EntityID); req.EntityID == "" {
		return Decision{}, fmt.Errorf("%w: entity_id is empty", ErrInvalid)
	}
	rec, err := st.AuditRecord(ctx, req.AuditID)
	if err != nil {
		return Decision{}, fmt.Errorf("audit record %d: %w", req.AuditID, err)
	}
	i := slices.IndexFunc(rec.Results, func(r AuditResult) bool { return r.EntityID == req.EntityID })
	if i < 0 {
		ids := make([]string, len(rec.Results))
		for j, r := range rec.Results {
			ids[j] = r.EntityID
		}
		return Decision{}, fmt.Errorf("audit record %d has no result for entity %s (its results: %s): %w",
			rec.ID, req.EntityID, strings.Join(ids, ", "), ErrNotFound)
	}
	res := rec.Results[i]
	d := Decision{
		AuditID: rec.ID, EntityID: res.EntityID, Decision: v, Note: strings.TrimSpace(req.Note),
		By: req.By, Time: time.Now().UTC(), Fingerprint: rec.Fingerprint, EntityHash: res.Hash,
	}
	if res.Fingerprint != "" {
		d.Fingerprint = res.Fingerprint
	}
	if d.EntityHash == "" {
		for _, sid := range rec.Snapshots {
			ref, err := st.Ref(ctx, sid, res.EntityID)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return Decision{}, fmt.Errorf("audit record %d: %w", rec.ID, err)
			}
			d.EntityHash = ref.Hash
			break
		}
	}
	if err := st.AddDecision(ctx, &d); err != nil {
		return Decision{}, fmt.Errorf("recording the decision on audit record %d: %w", rec.ID, err)
	}
	return d, nil
}

// ExportedRecord is an audit record as exported, with the decisions made
// on it.
type ExportedRecord struct {
	AuditRecord
	// Decisions are the decisions made on the record, oldest first.
	Decisions []Decision `json:"decisions"`
}

// ExportAudit calls fn for every audit record at or after since, oldest
// first, with the decisions made on it.
func ExportAudit(ctx context.Context, st Store, since time.Time, fn func(ExportedRecord) error) error {
	decisions := map[int64][]Decision{}
	// A decision is made after the record it is about.
	err := st.ScanDecisions(ctx, since, func(d Decision) error {
		decisions[d.AuditID] = append(decisions[d.AuditID], d)
		return nil
	})
	if err != nil {
		return fmt.Errorf("audit export: %w", err)
	}
	err = st.ScanAudit(ctx, since, func(r AuditRecord) error {
		ds := decisions[r.ID]
		if ds == nil {
			ds = []Decision{}
		}
		return fn(ExportedRecord{AuditRecord: r, Decisions: ds})
	})
	if err != nil {
		return fmt.Errorf("audit export: %w", err)
	}
	return nil
}

// WriteAuditJSONL writes the audit log from since as JSON lines, one
// ExportedRecord per line.
func WriteAuditJSONL(ctx context.Context, st Store, w io.Writer, since time.Time) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return ExportAudit(ctx, st, since, func(r ExportedRecord) error { return enc.Encode(r) })
}

// AuditCSVColumns returns the columns WriteAuditCSV writes.
func AuditCSVColumns() []string {
	return []string{"id", "time", "caller", "kind", "query", "fingerprint", "data_version",
		"snapshots", "matches", "results", "decisions"}
}

// WriteAuditCSV writes the audit log from since as CSV with a header (see
// AuditCSVColumns): one row per record, the query, results and decisions
// as JSON, the snapshot IDs separated by spaces, and the number of
// results that matched.
func WriteAuditCSV(ctx context.Context, st Store, w io.Writer, since time.Time) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(AuditCSVColumns()); err != nil {
		return err
	}
	err := ExportAudit(ctx, st, since, func(r ExportedRecord) error {
		snaps := make([]string, len(r.Snapshots))
		for i, s := range r.Snapshots {
			snaps[i] = strconv.FormatInt(s, 10)
		}
		matches := 0
		for _, res := range r.Results {
			if res.Match {
				matches++
			}
		}
		results, err := json.Marshal(r.Results)
		if err != nil {
			return err
		}
		decisions, err := json.Marshal(r.Decisions)
		if err != nil {
			return err
		}
		return cw.Write([]string{
			strconv.FormatInt(r.ID, 10), r.Time.UTC().Format(time.RFC3339Nano), r.Caller, r.Kind,
			string(r.Query), r.Fingerprint, r.DataVersion, strings.Join(snaps, " "),
			strconv.Itoa(matches), string(results), string(decisions),
		})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
