package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/embargo/embargo/store"
)

// DecisionRequest is the body of POST /v1/decisions: an analyst's
// decision on one result of a recorded screening.
type DecisionRequest struct {
	AuditID  int64  `json:"audit_id" minimum:"1" doc:"The audit log record (audit_id or X-Audit-ID of the screening)." example:"1042"`
	EntityID string `json:"entity_id" minLength:"1" maxLength:"300" doc:"The listed entity decided on: one of the record's results." example:"ofac-36216"`
	Decision string `json:"decision" enum:"true-match,false-positive,true_match,false_positive" doc:"true-match or false-positive. A false positive is allowlisted: later screens of the same query mark the entity as such until its designation changes." example:"false-positive"`
	Note     string `json:"note,omitempty" maxLength:"4000" doc:"The analyst's note." example:"different person: born 1981, Canadian"`
	By       string `json:"by,omitempty" maxLength:"200" doc:"Who decides; default the API key's ID. With API keys, the key's ID is added." example:"j.doe"`
}

type decisionInput struct {
	Body DecisionRequest
}

type decisionOutput struct {
	Body store.Decision
}

// decide answers POST /v1/decisions.
func (s *Server) decide(ctx context.Context, in *decisionInput) (*decisionOutput, error) {
	if s.opts.Store == nil {
		return nil, newError(http.StatusServiceUnavailable, CodeUnavailable, "this server has no store, so decisions cannot be recorded")
	}
	v, err := store.ParseVerdict(in.Body.Decision)
	if err != nil {
		return nil, newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "%s", strings.TrimPrefix(err.Error(), store.ErrInvalid.Error()+": "))
	}
	caller := Caller(ctx)
	by := strings.TrimSpace(in.Body.By)
	switch {
	case by == "":
		by = caller
	case s.opts.Keys.Len() > 0:
		by += " (" + caller + ")"
	}
	d, err := store.Decide(ctx, s.opts.Store, store.DecisionRequest{
		AuditID: in.Body.AuditID, EntityID: in.Body.EntityID, Decision: v, Note: in.Body.Note, By: by,
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, newError(http.StatusNotFound, CodeNotFound, "%v", err)
	case errors.Is(err, store.ErrInvalid):
		return nil, newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "%v", err)
	case err != nil:
		if ctx.Err() != nil {
			return nil, ctxError(ctx.Err())
		}
		return nil, err
	}
	s.addDecision(d)
	return &decisionOutput{Body: d}, nil
}

type reloadInput struct {
	Wait bool `query:"wait" doc:"Wait until the reload is done (bounded by the request timeout) and return its result."`
}

// ReloadStatus is the answer to POST /v1/admin/reload.
type ReloadStatus struct {
	Status string        `json:"status" enum:"started,done" doc:"started: the reload runs in the background; done: it finished (wait=true)."`
	Result *ReloadResult `json:"result,omitempty" doc:"The reload's result (wait=true)."`
}

type reloadOutput struct {
	Status int
	Body   ReloadStatus
}

// reloadNow answers POST /v1/admin/reload.
func (s *Server) reloadNow(ctx context.Context, in *reloadInput) (*reloadOutput, error) {
	if !in.Wait {
		s.TriggerReload()
		return &reloadOutput{Status: http.StatusAccepted, Body: ReloadStatus{Status: "started"}}, nil
	}
	// The reload runs on the server's context: a client that gives up does
	// not cancel it halfway.
	type result struct {
		res ReloadResult
		err error
	}
	ch := make(chan result, 1)
	go func() {
		res, err := s.Reload(s.bg)
		ch <- result{res, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, newError(http.StatusServiceUnavailable, CodeUnavailable, "the reload failed; the data being served stays in use: %v", r.err)
		}
		return &reloadOutput{Status: http.StatusOK, Body: ReloadStatus{Status: "done", Result: &r.res}}, nil
	case <-ctx.Done():
		return &reloadOutput{Status: http.StatusAccepted, Body: ReloadStatus{Status: "started"}}, nil
	}
}

// Health is the answer to GET /healthz and GET /readyz.
type Health struct {
	Status      string  `json:"status" enum:"ok,ready" doc:"ok (healthz) or ready (readyz)."`
	DataVersion string  `json:"data_version,omitempty" doc:"The data version being served."`
	Entities    int     `json:"entities,omitempty" doc:"Entities being served."`
	Loaded      string  `json:"loaded,omitempty" doc:"When the data being served was loaded (RFC 3339)."`
	Snapshots   []int64 `json:"snapshots,omitempty" doc:"The store snapshots being served."`
}

type healthOutput struct {
	Body Health
}

func (s *Server) healthz(ctx context.Context, _ *struct{}) (*healthOutput, error) {
	return &healthOutput{Body: Health{Status: "ok"}}, nil
}

func (s *Server) readyz(ctx context.Context, _ *struct{}) (*healthOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	return &healthOutput{Body: Health{
		Status: "ready", DataVersion: st.version, Entities: st.base.Catalog().Len(),
		Loaded: st.loaded.UTC().Format(time.RFC3339), Snapshots: st.snapshotIDs(),
	}}, nil
}
