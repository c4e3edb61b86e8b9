package main

import (
	"context"
	"fmt"

	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/text"
)

// session is what a screening command works with: the data indexed, the
// snapshots it came from (nil with --data), the analysts' allowlist, and
// the store when the screenings are to be recorded in the audit log.
type session struct {
	// sc screens with the allowlist (when there is one).
	sc    *screen.Screener
	snaps []store.Snapshot
	al    *store.Allowlist
	// audit is the store that records screenings; nil when not auditing.
	audit store.Store
}

// openSession loads and indexes the selected data. When the data comes
// from the store, or audit is set, it also reads the allowlist from the
// store (decided false positives are marked in results), and with audit
// keeps the store open for recording: close the session when done.
func (a *app) openSession(ctx context.Context, audit bool) (*session, error) {
	cat, snaps, err := a.catalogSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	s := &session{sc: screen.New(cat), snaps: snaps}
	if snaps == nil && !audit {
		return s, nil
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	if s.al, err = store.LoadAllowlist(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	s.sc = s.sc.WithAllowlist(s.al)
	if audit {
		s.audit = st
	} else {
		st.Close()
	}
	return s, nil
}

// record writes one screening to the audit log (when auditing) and tells
// the user its record ID on stderr, for `embargo decide`.
func (a *app) record(ctx context.Context, s *session, kind string, req screen.Request, resp *screen.Response) error {
	if s.audit == nil {
		return nil
	}
	rec, err := a.auditScreening(ctx, s.audit, kind, req, resp, s.snaps)
	if err != nil {
		return fmt.Errorf("recording the screening in the audit log: %w", err)
	}
	writeAuditNote(a.err, rec)
	return nil
}

// recordText marks the mentions analysts decided were false positives
// (when there is an allowlist) and, when auditing, writes the scan to the
// audit log, one result per mention, and tells the user its record ID.
func (a *app) recordText(ctx context.Context, s *session, input string, threshold float64, res *text.Result) error {
	for i := range res.Mentions {
		m := &res.Mentions[i]
		if s.al != nil && m.Entity != nil {
			m.FalsePositive = s.al.FalsePositive(store.Fingerprint(m.Text, "", ""), m.Entity.ID, store.EntityHash(m.Entity))
		}
	}
	if s.audit == nil {
		return nil
	}
	results := make([]store.AuditResult, 0, len(res.Mentions))
	for _, m := range res.Mentions {
		results = append(results, store.MentionResult(m.Text, m.Score, m.Score >= threshold, m.FalsePositive, m.Entity, store.EntityHash))
	}
	rec, err := store.NewAuditRecord(store.CallerCLI, store.KindText, store.TextQuery{Text: input, Threshold: threshold}, "",
		s.sc.Catalog().Version(), snapshotIDs(s.snaps), results)
	if err == nil {
		err = store.Audit(ctx, s.audit, rec)
	}
	if err != nil {
		return fmt.Errorf("recording the scan in the audit log: %w", err)
	}
	writeAuditNote(a.err, rec)
	return nil
}

// close closes the audit store, if open.
func (s *session) close() error {
	if s.audit == nil {
		return nil
	}
	return s.audit.Close()
}
