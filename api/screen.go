package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// ScreenRequest is the body of POST /v1/screen: screen.Request's fields.
type ScreenRequest struct {
	Name        string            `json:"name,omitempty" maxLength:"500" doc:"The name to screen, in any language or script. May be empty only when identifiers are given." example:"KIM, Jong Un"`
	Type        string            `json:"type,omitempty" doc:"Only parties of this type: person, organization, vessel or aircraft (also individual, entity, company, ship...)." example:"person"`
	BirthDate   string            `json:"birth_date,omitempty" maxLength:"100" doc:"Birth date (persons) or registration date: 1984-01-08, 1984, 08 Jan 1984." example:"1984-01-08"`
	Country     string            `json:"country,omitempty" maxLength:"500" doc:"Nationality or country: a name or ISO code; several separated by commas." example:"kp"`
	Gender      string            `json:"gender,omitempty" maxLength:"20" doc:"male or female." example:"male"`
	Identifiers []IdentifierQuery `json:"identifiers,omitempty" maxItems:"100" doc:"Documents and registration numbers: passport, national ID, tax ID, registration, IMO, MMSI, call sign, SWIFT/BIC, crypto address."`
	Lists       []string          `json:"lists,omitempty" maxItems:"100" doc:"Only these sources (see GET /v1/lists); all when empty." example:"[\"un\",\"ofac\"]"`
	Limit       int               `json:"limit,omitempty" minimum:"0" maximum:"1000" doc:"Most results to return (default 10)." example:"10"`
	Threshold   float64           `json:"threshold,omitempty" minimum:"0" maximum:"1" doc:"Score from which a result is a match (default 0.7)." example:"0.7"`
}

// IdentifierQuery is an identifier in a screening request.
type IdentifierQuery struct {
	Type    string `json:"type,omitempty" maxLength:"100" doc:"passport, national_id, tax_id, registration, imo, mmsi, call_sign, bic, crypto, other, or the publisher's label." example:"passport"`
	Value   string `json:"value" minLength:"1" maxLength:"200" doc:"The number or address." example:"717637093"`
	Country string `json:"country,omitempty" maxLength:"100" doc:"Issuing country, name or ISO code." example:"ru"`
}

// Request returns the screening request.
func (r *ScreenRequest) Request() screen.Request {
	req := screen.Request{
		Name: r.Name, Type: r.Type, BirthDate: r.BirthDate, Country: r.Country, Gender: r.Gender,
		Lists: r.Lists, Limit: r.Limit, Threshold: r.Threshold,
	}
	for _, id := range r.Identifiers {
		req.Identifiers = append(req.Identifiers, entity.Identifier{Type: entity.IDType(id.Type), Value: id.Value, Country: id.Country})
	}
	return req
}

// ScreenResponse is the answer to POST /v1/screen: the `screen --json`
// object, with the audit record's ID when the screening was recorded.
type ScreenResponse struct {
	screen.Response
	AuditID int64 `json:"audit_id,omitempty" doc:"The audit log record of this screening, for POST /v1/decisions (absent when the audit log is off)."`
}

type screenInput struct {
	Body ScreenRequest
}

type screenOutput struct {
	AuditID string `header:"X-Audit-ID" doc:"The audit log record of this screening."`
	Body    ScreenResponse
}

// screenOne answers POST /v1/screen.
func (s *Server) screenOne(ctx context.Context, in *screenInput) (*screenOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	sc := st.screener()
	prep, err := sc.Prepare(in.Body.Request())
	if err != nil {
		return nil, badRequest(err)
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError(err)
	}
	resp := sc.Run(prep)
	s.metrics.screened(store.KindScreen, 1, countMatches(resp))
	out := &screenOutput{Body: ScreenResponse{Response: *resp}}
	if s.audit != nil {
		rec, err := auditRecord(Caller(ctx), store.KindScreen, prep.Req, prep.Fingerprint(), resp, st)
		if err != nil {
			return nil, err
		}
		if err := s.record(ctx, rec); err != nil {
			return nil, err
		}
		out.Body.AuditID = rec.ID
		out.AuditID = strconv.FormatInt(rec.ID, 10)
	}
	return out, nil
}

func countMatches(r *screen.Response) int {
	n := 0
	for _, m := range r.Matches {
		if m.Match {
			n++
		}
	}
	return n
}

// BatchRequest is the body of POST /v1/screen/batch.
type BatchRequest struct {
	Records []BatchRecord `json:"records" maxItems:"10000" doc:"The records to screen, at most 10,000."`
}

// BatchRecord is one record of a batch: an ID and a screening request.
type BatchRecord struct {
	ID string `json:"id" minLength:"1" maxLength:"200" doc:"The record's ID in the caller's system, unique in the batch; results carry it." example:"customer-1042"`
	ScreenRequest
}

// BatchResponse is the answer to POST /v1/screen/batch: one result per
// record, in the records' order.
type BatchResponse struct {
	Results []BatchResult `json:"results" doc:"One result per record, in the order of the records."`
}

// BatchResult is the result of one record: its ID and the `screen --json`
// object.
type BatchResult struct {
	ID string `json:"id" doc:"The record's ID."`
	screen.Response
	AuditID int64 `json:"audit_id,omitempty" doc:"The audit log record of this record's screening (absent when the audit log is off)."`
}

type batchInput struct {
	Body BatchRequest
}

type batchOutput struct {
	Body BatchResponse
}

// maxBatchErrors bounds the invalid records one error message lists.
const maxBatchErrors = 10

// screenBatch answers POST /v1/screen/batch. Every record is validated
// before any is screened: one invalid record rejects the batch (422),
// naming the invalid records. The records are then screened on all cores
// and recorded in the audit log in one transaction.
func (s *Server) screenBatch(ctx context.Context, in *batchInput) (*batchOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	recs := in.Body.Records
	if len(recs) > MaxBatch {
		return nil, newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "the batch has %d records; at most %d are allowed", len(recs), MaxBatch)
	}
	sc := st.screener()
	preps := make([]*screen.Prepared, len(recs))
	seen := make(map[string]int, len(recs))
	var problems []string
	for i := range recs {
		r := &recs[i]
		if j, dup := seen[r.ID]; dup {
			problems = append(problems, fmt.Sprintf("records[%d] (id %q): the id is also that of records[%d]", i, r.ID, j))
			continue
		}
		seen[r.ID] = i
		p, err := sc.Prepare(r.Request())
		if err != nil {
			problems = append(problems, fmt.Sprintf("records[%d] (id %q): %s", i, r.ID, strings.TrimPrefix(err.Error(), screen.ErrBadRequest.Error()+": ")))
			continue
		}
		preps[i] = p
	}
	if len(problems) > 0 {
		n := len(problems)
		if n > maxBatchErrors {
			problems = append(problems[:maxBatchErrors], fmt.Sprintf("and %d more", n-maxBatchErrors))
		}
		return nil, newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "%d of %d records are invalid, so none was screened: %s",
			n, len(recs), strings.Join(problems, "; "))
	}
	results := make([]BatchResult, len(recs))
	each(ctx, len(recs), s.opts.Workers, func(i int) {
		results[i] = BatchResult{ID: recs[i].ID, Response: *sc.Run(preps[i])}
	})
	if err := ctx.Err(); err != nil {
		return nil, ctxError(err)
	}
	matched := 0
	for i := range results {
		matched += countMatches(&results[i].Response)
	}
	s.metrics.screened(store.KindBatch, len(results), matched)
	if s.audit != nil && len(results) > 0 {
		caller := Caller(ctx)
		ars := make([]*store.AuditRecord, len(results))
		for i := range results {
			q := batchQuery{ID: recs[i].ID, Request: preps[i].Req}
			if ars[i], err = auditRecord(caller, store.KindBatch, q, preps[i].Fingerprint(), &results[i].Response, st); err != nil {
				return nil, err
			}
		}
		if err := s.record(ctx, ars...); err != nil {
			return nil, err
		}
		for i := range results {
			results[i].AuditID = ars[i].ID
		}
	}
	return &batchOutput{Body: BatchResponse{Results: results}}, nil
}

// batchQuery is a batch record as the audit log keeps it.
type batchQuery struct {
	ID string `json:"id"`
	screen.Request
}
