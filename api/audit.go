package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// Audit record kinds this API writes besides store.KindScreen,
// store.KindBatch and store.KindText.
const (
	// KindMatch is a query of a yente /match request.
	KindMatch = "match"
)

// maxGroup bounds the records written in one transaction.
const maxGroup = 20000

// auditLog writes audit records with group commit: the records of every
// request waiting when a write starts go into one durable transaction, so
// that the cost of a sync to disk is shared by all of them. A request is
// answered only once its records are durable.
type auditLog struct {
	st      store.Store
	m       *metrics
	log     *slog.Logger
	mu      sync.Mutex
	closed  bool
	pending chan *auditReq
	stop    chan struct{}
	stopped chan struct{}
}

// auditReq is one request's records, and where to say they are written.
type auditReq struct {
	recs []*store.AuditRecord
	done chan error
}

func newAuditLog(st store.Store, m *metrics, log *slog.Logger) *auditLog {
	return &auditLog{
		st: st, m: m, log: log,
		pending: make(chan *auditReq, 4096),
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
}

// errAuditClosed is returned for records written after close.
var errAuditClosed = errors.New("the server is shutting down")

// write records recs durably and sets their IDs. It returns when they are
// on disk, or when ctx is done (the records may still be written).
func (l *auditLog) write(ctx context.Context, recs ...*store.AuditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	req := &auditReq{recs: recs, done: make(chan error, 1)}
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return errAuditClosed
	}
	select {
	case l.pending <- req:
		l.mu.Unlock()
	case <-ctx.Done():
		l.mu.Unlock()
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// run writes the pending records until close, then writes what is left.
func (l *auditLog) run(ctx context.Context) {
	defer close(l.stopped)
	for {
		select {
		case req := <-l.pending:
			l.commit(ctx, req)
		case <-l.stop:
			for {
				select {
				case req := <-l.pending:
					l.commit(ctx, req)
				default:
					return
				}
			}
		}
	}
}

// commit writes first and every request pending behind it in one
// transaction.
func (l *auditLog) commit(ctx context.Context, first *auditReq) {
	group := []*auditReq{first}
	n := len(first.recs)
	for n < maxGroup {
		select {
		case req := <-l.pending:
			group = append(group, req)
			n += len(req.recs)
			continue
		default:
		}
		break
	}
	recs := make([]*store.AuditRecord, 0, n)
	for _, req := range group {
		recs = append(recs, req.recs...)
	}
	start := time.Now()
	err := store.Audit(ctx, l.st, recs...)
	l.m.auditTime.Observe(time.Since(start).Seconds())
	if err != nil {
		l.m.auditErrs.Inc()
		l.log.Error("writing the audit log failed; the screenings waiting for it are answered with an error", "records", len(recs), "error", err)
	} else {
		l.m.auditRecs.Add(float64(len(recs)))
	}
	for _, req := range group {
		req.done <- err
	}
}

// close stops taking records and returns once the pending ones are
// written.
func (l *auditLog) close() {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return
	}
	l.closed = true
	l.mu.Unlock()
	close(l.stop)
	<-l.stopped
}

// record writes screening records to the audit log when auditing is on.
// Without auditing it does nothing. An error is the response to send
// instead of the screening's result: an unrecorded screening is not
// answered.
func (s *Server) record(ctx context.Context, recs ...*store.AuditRecord) error {
	if s.audit == nil {
		return nil
	}
	if err := s.audit.write(ctx, recs...); err != nil {
		if ctx.Err() != nil {
			return ctxError(ctx.Err())
		}
		return newError(http.StatusServiceUnavailable, CodeAuditFailed, "the screening could not be recorded in the audit log, so its result is withheld: %v", err)
	}
	return nil
}

// auditRecord builds the audit record of one screening against the data
// of st (see screen.AuditResults).
func auditRecord(caller, kind string, query any, fingerprint string, resp *screen.Response, st *state) (*store.AuditRecord, error) {
	return newAuditRecord(caller, kind, query, fingerprint, st, screen.AuditResults(resp.Matches, st.hash))
}

// newAuditRecord builds an audit record against the data of st.
func newAuditRecord(caller, kind string, query any, fingerprint string, st *state, results []store.AuditResult) (*store.AuditRecord, error) {
	return store.NewAuditRecord(caller, kind, query, fingerprint, st.version, st.snapshotIDs(), results)
}
