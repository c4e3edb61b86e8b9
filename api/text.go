package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// TextScanner finds the listed parties and sanctioned jurisdictions a
// free text mentions (the text package's scanner, adapted). It must be
// safe for concurrent use.
type TextScanner interface {
	Scan(ctx context.Context, input string, threshold float64) (*TextResult, error)
}

// NewTextScanner builds the text scanner for one loaded version of the
// data, from its screener (which has no allowlist).
type NewTextScanner func(ctx context.Context, sc *screen.Screener) (TextScanner, error)

// TextRequest is the body of POST /v1/text.
type TextRequest struct {
	Text      string  `json:"text" minLength:"1" doc:"The text to scan, in any language or script (UTF-8)." example:"O ministro Serguei Lavrov chegou a Pyongyang."`
	Threshold float64 `json:"threshold,omitempty" minimum:"0" maximum:"1" doc:"Score from which a mention is reported (default 0.7)." example:"0.7"`
}

// TextResult is the answer to POST /v1/text: the `text --json` object.
type TextResult struct {
	Mentions      []TextMention  `json:"mentions" doc:"Mentions of listed parties, in text order."`
	Jurisdictions []Jurisdiction `json:"jurisdictions" doc:"Mentions of sanctioned countries, in text order."`
	AuditID       int64          `json:"audit_id,omitempty" doc:"The audit log record of this screening (absent when the audit log is off)."`
}

// TextMention is a mention of a listed party in a text.
type TextMention struct {
	Start       int            `json:"start" doc:"Byte offset of the mention's first byte in the UTF-8 text."`
	End         int            `json:"end" doc:"Byte offset just past the mention: text equals input[start:end]."`
	Text        string         `json:"text" doc:"The mention as written."`
	Score       float64        `json:"score" doc:"Match score, 0 to 1."`
	MatchedName string         `json:"matched_name" doc:"The listed name it matched."`
	Entity      *entity.Entity `json:"entity" doc:"The listed entity."`
	Explanation []string       `json:"explanation" doc:"Why it matched."`
	// LinkedTo is set on a mention by surname only: the index in Mentions
	// of the full mention of the same person.
	LinkedTo *int `json:"linked_to,omitempty" doc:"For a later mention by surname only: the index in mentions of the full mention of the same person."`
	// FalsePositive marks a mention an analyst decided was a false
	// positive for this name, while the designation is unchanged.
	FalsePositive bool `json:"false_positive,omitempty" doc:"An analyst decided this mention was a false positive, and the designation has not changed since."`
}

// Jurisdiction is a mention of a sanctioned country in a text.
type Jurisdiction struct {
	Start       int      `json:"start" doc:"Byte offset of the mention's first byte."`
	End         int      `json:"end" doc:"Byte offset just past the mention."`
	Text        string   `json:"text" doc:"The mention as written." example:"Coreia do Norte"`
	Country     string   `json:"country" doc:"ISO 3166-1 alpha-2 code, lower case." example:"kp"`
	CountryName string   `json:"country_name" doc:"The country's English name." example:"North Korea"`
	Programs    []string `json:"programs" doc:"Programs and regimes of the loaded lists that target the country, as \"list: program\"." example:"[\"un: DPRK\"]"`
}

type textInput struct {
	Body TextRequest
}

type textOutput struct {
	AuditID string `header:"X-Audit-ID" doc:"The audit log record of this screening."`
	Body    *TextResult
}

// scanText answers POST /v1/text.
func (s *Server) scanText(ctx context.Context, in *textInput) (*textOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	if st.text == nil {
		return nil, newError(http.StatusServiceUnavailable, CodeUnavailable, "this server has no text scanner")
	}
	threshold := in.Body.Threshold
	if threshold == 0 {
		threshold = screen.DefaultThreshold
	}
	res, err := st.text.Scan(ctx, in.Body.Text, threshold)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctxError(ctx.Err())
		}
		if errors.Is(err, screen.ErrBadRequest) {
			return nil, badRequest(err)
		}
		return nil, err
	}
	if res.Mentions == nil {
		res.Mentions = []TextMention{}
	}
	if res.Jurisdictions == nil {
		res.Jurisdictions = []Jurisdiction{}
	}
	for i := range res.Mentions {
		m := &res.Mentions[i]
		if m.Explanation == nil {
			m.Explanation = []string{}
		}
		if st.al != nil && m.Entity != nil && st.al.FalsePositive(store.Fingerprint(m.Text, "", ""), m.Entity.ID, st.hash(m.Entity)) {
			m.FalsePositive = true
		}
	}
	for i := range res.Jurisdictions {
		if res.Jurisdictions[i].Programs == nil {
			res.Jurisdictions[i].Programs = []string{}
		}
	}
	s.metrics.screened(store.KindText, 1, len(res.Mentions))
	out := &textOutput{Body: res}
	if s.audit != nil {
		results := make([]store.AuditResult, 0, len(res.Mentions))
		for _, m := range res.Mentions {
			results = append(results, store.MentionResult(m.Text, m.Score, m.Score >= threshold, m.FalsePositive, m.Entity, st.hash))
		}
		rec, err := newAuditRecord(Caller(ctx), store.KindText, store.TextQuery{Text: in.Body.Text, Threshold: threshold}, "", st, results)
		if err != nil {
			return nil, err
		}
		if err := s.record(ctx, rec); err != nil {
			return nil, err
		}
		res.AuditID = rec.ID
		out.AuditID = strconv.FormatInt(rec.ID, 10)
	}
	return out, nil
}
