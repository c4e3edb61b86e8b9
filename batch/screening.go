package batch

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
)

// ScreenOptions say how each record is screened.
type ScreenOptions struct {
	// Threshold is the score from which a result is a match; 0 means
	// screen.DefaultThreshold.
	Threshold float64
	// Lists keeps only these sources (empty: all).
	Lists []string
	// Type is the type of the records that do not give one ("person",
	// "organization"...); "" screens them against every type.
	Type string
	// AllMatches keeps every result at or above the threshold, not only
	// the best one.
	AllMatches bool
	// Allowlist, when set, marks results analysts decided were false
	// positives for the same query and designation.
	Allowlist screen.Allowlist
}

// Result is the screening of one record.
type Result struct {
	// Record is the record screened.
	Record Record
	// Request is the request screened: the record's fields as understood.
	Request screen.Request
	// Notes say what of the record could not be used and was left out (an
	// unreadable birth date, an unknown country).
	Notes []string
	// Matches holds the best result (a match or not), and with AllMatches
	// every other match, best first; it is empty when no listed name comes
	// close.
	Matches []screen.Match
}

// Matched reports whether the best result is a match.
func (r *Result) Matched() bool { return len(r.Matches) > 0 && r.Matches[0].Match }

// errNoName is the error of a record with neither a name nor an
// identifier.
var errNoName = errors.New("no name (and no identifier) to screen")

// screener screens records.
type screener struct {
	s      *screen.Screener
	opt    ScreenOptions
	hashes sync.Map // *entity.Entity → content hash, for the allowlist and the audit log
}

func newScreener(s *screen.Screener, opt ScreenOptions) (*screener, error) {
	if opt.Threshold == 0 {
		opt.Threshold = screen.DefaultThreshold
	}
	if opt.Threshold < 0 || opt.Threshold > 1 {
		return nil, fmt.Errorf("threshold %v is not between 0 and 1", opt.Threshold)
	}
	if opt.Type != "" {
		t, ok := entity.ParseType(opt.Type)
		if !ok {
			return nil, fmt.Errorf("type %q is not one of person, organization, vessel, aircraft", opt.Type)
		}
		opt.Type = string(t)
	}
	for _, l := range opt.Lists {
		if _, ok := s.Catalog().Source(l); !ok {
			return nil, fmt.Errorf("list %q is not loaded (loaded: %s)", l, strings.Join(s.SourceNames(), ", "))
		}
	}
	return &screener{s: s, opt: opt}, nil
}

// hash returns an entity's content hash, computed once.
func (b *screener) hash(e *entity.Entity) string {
	if h, ok := b.hashes.Load(e); ok {
		return h.(string)
	}
	h := e.Hash()
	b.hashes.Store(e, h)
	return h
}

// request turns a record into a screening request. What cannot be read
// (a birth date, a country, a type, a gender) is left out and noted, so
// that the record is still screened by name.
func request(rec *Record, opt *ScreenOptions) (screen.Request, []string, error) {
	req := screen.Request{Name: rec.Name, Threshold: opt.Threshold, Lists: opt.Lists, Type: opt.Type}
	var notes []string
	if rec.Name == "" && len(rec.Identifiers) == 0 {
		return req, nil, errNoName
	}
	if rec.Type != "" {
		if t, ok := entity.ParseType(rec.Type); ok {
			req.Type = string(t)
		} else {
			notes = append(notes, fmt.Sprintf("type %q not understood: screened against every type", rec.Type))
			req.Type = ""
		}
	}
	if rec.BirthDate != "" {
		if d, err := entity.ParseDate(rec.BirthDate); err == nil {
			req.BirthDate = d.String()
		} else {
			notes = append(notes, fmt.Sprintf("birth date %q unreadable: screened without it", rec.BirthDate))
		}
	}
	var codes []string
	for _, c := range rec.Countries {
		if code := country.Code(c); code != "" {
			codes = append(codes, code)
		} else {
			notes = append(notes, fmt.Sprintf("country %q unknown: screened without it", c))
		}
	}
	req.Country = strings.Join(codes, ",")
	if rec.Gender != "" {
		if g := entity.ParseGender(rec.Gender); g != "" {
			req.Gender = string(g)
		} else if !isUnknownWord(rec.Gender) {
			notes = append(notes, fmt.Sprintf("gender %q not understood: screened without it", rec.Gender))
		}
	}
	for _, id := range rec.Identifiers {
		if id.Country != "" {
			if code := country.Code(id.Country); code != "" {
				id.Country = code
			} else {
				notes = append(notes, fmt.Sprintf("%s %s: country %q unknown: screened without it", id.Type, id.Value, id.Country))
				id.Country = ""
			}
		}
		req.Identifiers = append(req.Identifiers, id)
	}
	return req, notes, nil
}

// isUnknownWord reports whether s is one of the usual ways of saying a
// value is not known, which needs no note.
func isUnknownWord(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "u", "unknown", "n/a", "na", "-", "?", "x", "other", "none", "not known", "unspecified":
		return true
	}
	return false
}

// screen screens one record. A record that cannot be screened at all
// gives a *RowError.
func (b *screener) screen(rec Record) (Result, error) {
	res := Result{Record: rec}
	req, notes, err := request(&rec, &b.opt)
	res.Request, res.Notes = req, notes
	if err != nil {
		return res, &RowError{Seq: rec.Seq, Line: rec.Line, ID: rec.ID, Err: err}
	}
	prep, err := b.s.Prepare(req)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), screen.ErrBadRequest.Error()+": ")
		return res, &RowError{Seq: rec.Seq, Line: rec.Line, ID: rec.ID, Err: errors.New(msg)}
	}
	res.Request = prep.Req
	prep.Options.Limit = 1
	if b.opt.AllMatches {
		prep.Options.Limit = 0
	}
	hits := b.s.Hits(prep)
	for i := range hits {
		h := &hits[i]
		score := screen.Round(h.Score)
		m := screen.Match{Score: score, Match: score >= prep.Req.Threshold, Entity: h.Entity}
		if i > 0 && !m.Match {
			break
		}
		if h.Name >= 0 {
			m.MatchedName = h.Entity.Names[h.Name].Full
		}
		m.Explanation = h.Explain(prep.Query)
		if b.opt.Allowlist != nil && m.Match && b.opt.Allowlist.FalsePositive(prep.Fingerprint(), h.Entity.ID, b.hash(h.Entity)) {
			m.FalsePositive = true
			m.Explanation = append(m.Explanation, "an analyst decided this was a false positive for this query; the designation has not changed since")
		}
		res.Matches = append(res.Matches, m)
	}
	return res, nil
}
