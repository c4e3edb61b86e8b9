package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
)

// Effects of secondary evidence on the score. A birth date that differs
// by years is the strongest sign of a namesake; an identifier that agrees
// is the strongest sign of the same party.
const (
	dobExact          = 0.08  // same full date
	dobSameMonth      = 0.05  // same year and month, day unknown on one side
	dobSameYear       = 0.04  // same year, only the year known on one side
	dobSwapped        = 0.03  // day and month swapped
	dobInRange        = 0.03  // inside a listed range or circa year
	dobNear           = 0.0   // a year apart: a common data-entry difference
	dobSameYearDM     = -0.03 // same year, different day and month
	dobTwoYears       = -0.12 // two years apart
	dobMismatch       = -0.25 // three or more years apart: another person
	countryMatch      = 0.03
	countryDiffer     = -0.08 // no listed address or program country agrees
	nationalityDiffer = -0.15 // the listed nationality disagrees
	genderDiffer      = -0.1
	idMatch           = 0.3
	idOnlyMatch       = 0.9 // the score of a query by identifier alone that finds it
	idDiffer          = -0.05
)

// Evidence is one piece of secondary evidence and its effect.
type Evidence struct {
	// Kind is "birth_date", "country", "gender" or "identifier".
	Kind string `json:"kind"`
	// Detail says what was compared, for an analyst.
	Detail string `json:"detail"`
	// Effect is what it added to (or took from) the score.
	Effect float64 `json:"effect"`
}

func (e Evidence) String() string {
	return fmt.Sprintf("%s: %+.2f", e.Detail, e.Effect)
}

// birthDateEvidence compares the query's birth dates with the entity's and
// keeps the most favourable relation.
func birthDateEvidence(q, e []entity.Date, explain bool) (Evidence, bool) {
	if len(q) == 0 || len(e) == 0 {
		return Evidence{}, false
	}
	best := Evidence{Kind: "birth_date", Effect: -1}
	for _, qd := range q {
		for _, ed := range e {
			eff, how := compareDates(qd, ed)
			if eff > best.Effect {
				best.Effect = eff
				if explain {
					best.Detail = fmt.Sprintf("birth date %s %s listed %s", qd, how, ed)
				}
			}
		}
	}
	return best, true
}

// compareDates returns the effect of a query date against a listed one and
// words for it.
func compareDates(q, e entity.Date) (float64, string) {
	qFrom, qTo := q.Years()
	eFrom, eTo := e.Years()
	if q.Circa {
		qFrom, qTo = qFrom-2, qTo+2
	}
	if e.Circa {
		eFrom, eTo = eFrom-2, eTo+2
	}
	if q.IsRange() || e.IsRange() || q.Circa || e.Circa {
		switch {
		case qFrom <= eTo && eFrom <= qTo:
			return dobInRange, "falls within"
		case qFrom <= eTo+1 && eFrom-1 <= qTo:
			return dobNear, "is a year from"
		}
		return dobMismatch, "differs from"
	}
	switch {
	case q.Year == e.Year && q.Month != 0 && q.Month == e.Month && q.Day != 0 && q.Day == e.Day:
		return dobExact, "equals"
	case q.Year == e.Year && q.Month != 0 && q.Day != 0 && q.Day == e.Month && q.Month == e.Day:
		return dobSwapped, "has day and month swapped with"
	case q.Year == e.Year && q.Month != 0 && q.Month == e.Month && (q.Day == 0 || e.Day == 0):
		return dobSameMonth, "has the year and month of"
	case q.Year == e.Year && (q.Month == 0 || e.Month == 0):
		return dobSameYear, "has the year of"
	case q.Year == e.Year:
		return dobSameYearDM, "has the year but not the day of"
	case q.Year-e.Year == 1 || e.Year-q.Year == 1:
		return dobNear, "is a year from"
	case q.Year-e.Year == 2 || e.Year-q.Year == 2:
		return dobTwoYears, "is two years from"
	}
	return dobMismatch, "differs from"
}

// countryEvidence compares the query's countries with the entity's. A
// listed nationality or citizenship that differs is strong evidence of
// another person; other ties (address, program) that differ are weaker.
func countryEvidence(q []string, e *entity.Entity, explain bool) (Evidence, bool) {
	if len(q) == 0 || len(e.Nationalities)+len(e.Citizenships)+len(e.Countries) == 0 {
		return Evidence{}, false
	}
	tied := func(c string) bool {
		return slices.Contains(e.Nationalities, c) || slices.Contains(e.Citizenships, c) || slices.Contains(e.Countries, c)
	}
	for _, c := range q {
		if tied(c) {
			ev := Evidence{Kind: "country", Effect: countryMatch}
			if explain {
				ev.Detail = fmt.Sprintf("country %s (%s) is listed", c, country.Name(c))
			}
			return ev, true
		}
	}
	ev := Evidence{Kind: "country", Effect: countryDiffer}
	if e.Type == entity.Person && len(e.Nationalities)+len(e.Citizenships) > 0 {
		ev.Effect = nationalityDiffer
	}
	if explain {
		ev.Detail = fmt.Sprintf("country %s is not among the listed %s", strings.Join(q, ", "), strings.Join(e.AllCountries(), ", "))
	}
	return ev, true
}

func genderEvidence(q entity.Gender, e *entity.Entity, explain bool) (Evidence, bool) {
	if q == "" || e.Gender == "" || q == e.Gender {
		return Evidence{}, false
	}
	ev := Evidence{Kind: "gender", Effect: genderDiffer}
	if explain {
		ev.Detail = fmt.Sprintf("gender %s differs from listed %s", q, e.Gender)
	}
	return ev, true
}

// idCompatible reports whether two identifier types can name one document.
func idCompatible(a, b entity.IDType) bool {
	return a == b || a == entity.Other || b == entity.Other || a == "" || b == ""
}

// identifierEvidence looks for a query identifier among the entity's.
// Types and issuing countries must agree where both sides give them.
func identifierEvidence(q []entity.Identifier, e *entity.Entity, _ bool) (Evidence, bool) {
	var differ *Evidence
	for _, qi := range q {
		qv := entity.NormalizeIDValue(qi.Type, qi.Value)
		if qv == "" {
			continue
		}
		for _, ei := range e.Identifiers {
			if !idCompatible(qi.Type, ei.Type) {
				continue
			}
			countriesAgree := qi.Country == "" || ei.Country == "" || qi.Country == ei.Country
			ev := entity.NormalizeIDValue(ei.Type, ei.Value)
			if ev == qv && countriesAgree {
				return Evidence{"identifier", fmt.Sprintf("%s %s equals listed %s %s", idLabel(qi), qi.Value, idLabel(ei), ei.Value), idMatch}, true
			}
			if qi.Type == ei.Type && qi.Type != entity.Other && countriesAgree && qi.Country != "" && differ == nil {
				differ = &Evidence{"identifier", fmt.Sprintf("%s %s differs from listed %s", idLabel(qi), qi.Value, ei.Value), idDiffer}
			}
		}
	}
	if differ != nil {
		return *differ, true
	}
	return Evidence{}, false
}

func idLabel(id entity.Identifier) string {
	s := string(id.Type)
	if s == "" {
		s = "identifier"
	}
	if id.Country != "" {
		s += " (" + id.Country + ")"
	}
	return s
}
