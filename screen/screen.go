// Package screen answers screening questions over a loaded catalog: a
// query (a name with optional birth date, country, identifiers) goes to
// the index for candidates, the matcher scores them, and the result says
// who matched, on which list and why.
//
// Its Response is the JSON shape every interface shares: `screen --json`,
// the HTTP API, batch output and the audit log.
package screen

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/store"
)

// Defaults for a screening request.
const (
	DefaultThreshold = 0.7
	DefaultLimit     = 10
	// MaxNameLength bounds a query name, in characters.
	MaxNameLength = 500
	// ReportFloor is how far below the threshold results are still shown
	// (as non-matches), for context.
	ReportFloor = 0.1
)

// ErrBadRequest is wrapped by errors about the request itself.
var ErrBadRequest = errors.New("bad request")

// Screener screens against one catalog. It is immutable and safe for
// concurrent use; a new catalog means a new Screener.
type Screener struct {
	cat       *catalog.Catalog
	ix        *index.Index
	allowlist Allowlist
}

// Allowlist says which results analysts decided were false positives for
// a query (store.Allowlist implements it): such results are marked in
// later screens until the designation changes. Decided is a cheap first
// check, so that entities are hashed only when a decision exists.
type Allowlist interface {
	Decided(fingerprint, entityID string) bool
	FalsePositive(fingerprint, entityID, entityHash string) bool
}

// WithAllowlist returns a Screener on the same index that marks the
// results al knows as false positives. A nil al marks nothing.
func (s *Screener) WithAllowlist(al Allowlist) *Screener {
	c := *s
	c.allowlist = al
	return &c
}

// New indexes the catalog.
func New(cat *catalog.Catalog) *Screener {
	return &Screener{cat: cat, ix: index.Build(cat.All())}
}

// Catalog returns the screened catalog.
func (s *Screener) Catalog() *catalog.Catalog { return s.cat }

// Index returns the index.
func (s *Screener) Index() *index.Index { return s.ix }

// Request is one screening question.
type Request struct {
	Name        string              `json:"name"`
	Type        string              `json:"type,omitempty"`
	BirthDate   string              `json:"birth_date,omitempty"`
	Country     string              `json:"country,omitempty"`
	Gender      string              `json:"gender,omitempty"`
	Identifiers []entity.Identifier `json:"identifiers,omitempty"`
	Lists       []string            `json:"lists,omitempty"`
	Limit       int                 `json:"limit,omitempty"`
	Threshold   float64             `json:"threshold,omitempty"`
}

// QueryEcho repeats the query in a response.
type QueryEcho struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	BirthDate string `json:"birth_date"`
	Country   string `json:"country"`
}

// Response is the answer to a Request.
type Response struct {
	Query       QueryEcho `json:"query"`
	DataVersion string    `json:"data_version"`
	Threshold   float64   `json:"threshold"`
	Matches     []Match   `json:"matches"`
}

// Match is one listed entity in a response.
type Match struct {
	Score       float64        `json:"score"`
	Match       bool           `json:"match"`
	MatchedName string         `json:"matched_name"`
	Entity      *entity.Entity `json:"entity"`
	Explanation []string       `json:"explanation"`
	// FalsePositive is set when an analyst decided this entity was a false
	// positive for this query and its designation has not changed since.
	FalsePositive bool `json:"false_positive,omitempty"`
}

// Prepared is a validated request, ready to run.
type Prepared struct {
	Req     Request
	Query   *match.Analyzed
	Options index.Options
}

// Fingerprint identifies the request's query for the allowlist and the
// audit log (store.Fingerprint).
func (p *Prepared) Fingerprint() string {
	return store.Fingerprint(p.Req.Name, p.Req.BirthDate, p.Req.Country)
}

// AuditResults are the audit-log results of a screening's matches, each
// with its entity's content hash (which a decision is tied to; hash may
// serve it from a cache) and whether it was marked a decided false
// positive.
func AuditResults(matches []Match, hash func(*entity.Entity) string) []store.AuditResult {
	out := make([]store.AuditResult, 0, len(matches))
	for _, m := range matches {
		r := store.AuditResult{Score: m.Score, Match: m.Match, Allowlisted: m.FalsePositive}
		if m.Entity != nil {
			r.EntityID, r.Name, r.Hash = m.Entity.ID, m.Entity.Caption(), hash(m.Entity)
		}
		out = append(out, r)
	}
	return out
}

// Prepare validates a request and analyses its query.
func (s *Screener) Prepare(req Request) (*Prepared, error) {
	req.Name = strings.TrimSpace(req.Name)
	if req.Name == "" && len(req.Identifiers) == 0 {
		return nil, fmt.Errorf("%w: name is empty", ErrBadRequest)
	}
	if utf8.RuneCountInString(req.Name) > MaxNameLength {
		return nil, fmt.Errorf("%w: name is longer than %d characters", ErrBadRequest, MaxNameLength)
	}
	if !utf8.ValidString(req.Name) {
		return nil, fmt.Errorf("%w: name is not valid UTF-8", ErrBadRequest)
	}
	q := match.Query{}
	if req.Name != "" {
		q.Names = []string{req.Name}
	}
	if req.Type != "" {
		t, ok := entity.ParseType(req.Type)
		if !ok {
			return nil, fmt.Errorf("%w: type %q is not one of person, organization, vessel, aircraft", ErrBadRequest, req.Type)
		}
		q.Type = t
		req.Type = string(t)
	}
	if req.BirthDate != "" {
		d, err := entity.ParseDate(req.BirthDate)
		if err != nil {
			return nil, fmt.Errorf("%w: birth_date: %v", ErrBadRequest, err)
		}
		q.BirthDates = []entity.Date{d}
	}
	if req.Country != "" {
		for _, c := range strings.Split(req.Country, ",") {
			code := country.Code(c)
			if code == "" {
				return nil, fmt.Errorf("%w: country %q is not a country name or ISO code", ErrBadRequest, strings.TrimSpace(c))
			}
			q.Countries = append(q.Countries, code)
		}
	}
	if req.Gender != "" {
		q.Gender = entity.ParseGender(req.Gender)
	}
	for i, id := range req.Identifiers {
		if strings.TrimSpace(id.Value) == "" {
			return nil, fmt.Errorf("%w: identifiers[%d]: value is empty", ErrBadRequest, i)
		}
		if id.Country != "" {
			code := country.Code(id.Country)
			if code == "" {
				return nil, fmt.Errorf("%w: identifiers[%d]: country %q is not a country", ErrBadRequest, i, id.Country)
			}
			id.Country = code
		}
		if id.Type != "" {
			id.Type = entity.ParseIDType(string(id.Type))
		}
		q.Identifiers = append(q.Identifiers, id)
	}
	for _, l := range req.Lists {
		if _, ok := s.cat.Source(l); !ok {
			return nil, fmt.Errorf("%w: list %q is not loaded (loaded: %s)", ErrBadRequest, l, strings.Join(s.SourceNames(), ", "))
		}
	}
	if req.Threshold == 0 {
		req.Threshold = DefaultThreshold
	}
	if req.Threshold < 0 || req.Threshold > 1 || math.IsNaN(req.Threshold) {
		return nil, fmt.Errorf("%w: threshold %v is not between 0 and 1", ErrBadRequest, req.Threshold)
	}
	if req.Limit == 0 {
		req.Limit = DefaultLimit
	}
	if req.Limit < 0 {
		return nil, fmt.Errorf("%w: limit %d is negative", ErrBadRequest, req.Limit)
	}
	aq := match.Analyze(q)
	if len(aq.Names) == 0 && len(q.Identifiers) == 0 {
		return nil, fmt.Errorf("%w: name %q has no letters or digits to compare", ErrBadRequest, req.Name)
	}
	return &Prepared{Req: req, Query: aq, Options: index.Options{
		Threshold: req.Threshold, Limit: req.Limit, Type: q.Type, Sources: req.Lists,
		MinScore: max(req.Threshold-ReportFloor, 0.3),
	}}, nil
}

// SourceNames returns the names of the loaded sources.
func (s *Screener) SourceNames() []string {
	out := make([]string, len(s.cat.Sources))
	for i, src := range s.cat.Sources {
		out[i] = src.Name
	}
	return out
}

// Screen answers one request.
func (s *Screener) Screen(ctx context.Context, req Request) (*Response, error) {
	p, err := s.Prepare(req)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.Run(p), nil
}

// Hits runs a prepared request and returns the raw index hits.
func (s *Screener) Hits(p *Prepared) []index.Hit {
	return s.ix.Search(p.Query, p.Options)
}

// Run runs a prepared request.
func (s *Screener) Run(p *Prepared) *Response {
	hits := s.Hits(p)
	resp := &Response{
		Query:       QueryEcho{Name: p.Req.Name, Type: p.Req.Type, BirthDate: p.Req.BirthDate, Country: p.Req.Country},
		DataVersion: s.cat.Version(),
		Threshold:   p.Req.Threshold,
		Matches:     make([]Match, 0, len(hits)),
	}
	fingerprint := ""
	if s.allowlist != nil {
		fingerprint = p.Fingerprint()
	}
	for i := range hits {
		h := &hits[i]
		score := Round(h.Score)
		m := Match{
			Score:       score,
			Match:       score >= p.Req.Threshold,
			Entity:      h.Entity,
			Explanation: h.Explain(p.Query),
		}
		if h.Name >= 0 {
			m.MatchedName = h.Entity.Names[h.Name].Full
		}
		if s.allowlist != nil && s.allowlist.Decided(fingerprint, h.Entity.ID) &&
			s.allowlist.FalsePositive(fingerprint, h.Entity.ID, h.Entity.Hash()) {
			m.FalsePositive = true
			m.Explanation = append(m.Explanation, "an analyst decided this was a false positive for this query; the designation has not changed since")
		}
		resp.Matches = append(resp.Matches, m)
	}
	return resp
}

// Round rounds a score to three decimals for output.
func Round(x float64) float64 { return math.Round(x*1000) / 1000 }
