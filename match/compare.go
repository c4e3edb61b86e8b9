package match

import (
	"fmt"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/names"
	"github.com/embargo/embargo/translit"
)

// weakAliasFactor discounts a match on a low-quality alias.
const weakAliasFactor = 0.75

// Query is what a screening asks about.
type Query struct {
	// Names are the query's names; the best-matching one counts.
	Names []string
	// Type restricts matches to one kind of party (Unknown: any).
	Type        entity.Type
	BirthDates  []entity.Date
	Countries   []string
	Gender      entity.Gender
	Identifiers []entity.Identifier
}

// Analyzed is a query with its names analysed, ready to compare.
type Analyzed struct {
	Query
	Names []names.Name
	Sides []Side
}

// Analyze analyses the query's names. A name that may transcribe a name of
// another language is also read that way (translit.Readings: 드미트리
// 메드베데프 → dmitri medvedev, Ким Чен Ын → kim jong un, 金正恩 → kim jong
// un), since the romanisation of its script cannot give that back: each
// reading becomes a query name of its own, and the best counts. A Korean
// name written in Russian, Arabic, Persian or Hebrew letters and its
// readings are syllables, compared as the
// syllables of a name written in Hangul (names.AnalyzeSyllables): Ким Чен
// is not Kim Jong Un.
func Analyze(q Query) *Analyzed {
	a := &Analyzed{Query: q}
	add := func(n names.Name) {
		if len(n.Tokens) > 0 {
			a.Names = append(a.Names, n)
		}
	}
	for _, s := range q.Names {
		if !translit.LooksKoreanSyllables(strings.Fields(s)) {
			add(names.Analyze(s, q.Type))
			for _, r := range translit.Readings(s) {
				add(names.Analyze(r, q.Type))
			}
			continue
		}
		add(names.AnalyzeSyllables(s, q.Type, translit.Hangul))
		for _, r := range translit.Readings(s) {
			add(names.AnalyzeSyllables(r, q.Type, translit.Hangul))
		}
	}
	a.Sides = make([]Side, len(a.Names))
	for i := range a.Names {
		a.Sides[i] = NewSide(&a.Names[i])
	}
	return a
}

// Result is the outcome of comparing a query with one entity.
type Result struct {
	// Score is the final score, 0 to 1.
	Score float64
	// NameScore is the score of the best-matching name alone.
	NameScore float64
	// QueryName and Name index the query name and the entity name that
	// matched best; Name is -1 when no name matched.
	QueryName, Name int
	// Alignment is how the two names' parts aligned.
	Alignment NameScore
}

// Consider keeps the alignment of query name qi with listed name ni when
// it beats the best so far, and reports whether it did. Names are
// considered in order, so ties keep the earlier one.
func (r *Result) Consider(a NameScore, qi, ni int, weak bool) bool {
	s := a.Score
	if weak {
		s *= weakAliasFactor
	}
	if s > r.NameScore || r.Name < 0 && s > 0 {
		*r = Result{NameScore: s, QueryName: qi, Name: ni, Alignment: a}
		return true
	}
	return false
}

// Finish adds secondary evidence to a name score. It computes effects
// only; EvidenceFor says what they were, for explanations.
func Finish(q *Analyzed, e *entity.Entity, r *Result) {
	r.Score = score(q, e, r, nil)
}

// EvidenceFor lists the secondary evidence between a query and an entity,
// with words for an analyst.
func EvidenceFor(q *Analyzed, e *entity.Entity) []Evidence {
	var out []Evidence
	score(q, e, &Result{}, &out)
	return out
}

// score adds the evidence to r's name score; when out is not nil it also
// collects the evidence with its words.
func score(q *Analyzed, e *entity.Entity, r *Result, out *[]Evidence) float64 {
	explain := out != nil
	add := func(ev Evidence, ok bool) float64 {
		if !ok {
			return 0
		}
		if explain {
			*out = append(*out, ev)
		}
		return ev.Effect
	}
	nonID := add(birthDateEvidence(q.BirthDates, e.BirthDates, explain))
	nonID += add(countryEvidence(q.Countries, e, explain))
	nonID += add(genderEvidence(q.Gender, e, explain))
	s := r.NameScore + nonID
	if r.Alignment.Capped {
		s = min(s, SingleCap)
	}
	idEffect := add(identifierEvidence(q.Identifiers, e, explain))
	if len(q.Sides) == 0 && idEffect > 0 {
		// A query by identifier alone: the identifier is the match.
		return idOnlyMatch
	}
	s += idEffect
	return min(max(s, 0), 1)
}

// Compare compares a query with an entity by aligning the query with
// every name of the entity: the brute-force path, used by `compare`, tests
// and the index's recall check. sides caches the entity's names as
// EntitySides returns them; pass nil to analyse afresh.
func Compare(q *Analyzed, e *entity.Entity, sides []Side) Result {
	if sides == nil {
		sides = EntitySides(e)
	}
	best := Result{Name: -1}
	for ni := range sides {
		ns := &sides[ni]
		for qi := range q.Sides {
			a := Align(&q.Sides[qi], ns, DirectSim(&q.Sides[qi], ns))
			best.Consider(a, qi, ni, e.Names[ni].Weak)
		}
	}
	Finish(q, e, &best)
	return best
}

// EntitySides analyses every name of an entity, in order, ready to align.
func EntitySides(e *entity.Entity) []Side {
	out := make([]Side, len(e.Names))
	for i, n := range e.Names {
		an := names.Analyze(n.Full, e.Type)
		out[i] = NewSide(&an)
	}
	return out
}

// Explain writes a result as sentences an analyst can read: which listed
// name matched, how each part aligned, and each piece of evidence with
// its effect on the score.
func Explain(q *Analyzed, e *entity.Entity, nameSide *Side, r *Result) []string {
	evidence := EvidenceFor(q, e)
	if r.Name < 0 {
		out := []string{"no listed name matched"}
		for _, ev := range evidence {
			out = append(out, ev.String())
		}
		return out
	}
	n := e.Names[r.Name]
	kind := string(n.Kind)
	switch {
	case n.Kind == entity.Primary:
		kind = "primary name"
	case n.Weak:
		kind = "weak a.k.a."
	case n.Kind == entity.Alias:
		kind = "a.k.a."
	case n.Kind == entity.Former:
		kind = "formerly known as"
	case n.Kind == entity.Newer:
		kind = "now known as"
	}
	if n.Script {
		kind += ", original script"
	}
	out := []string{fmt.Sprintf("matched listed name %q (%s): name score %.2f", n.Full, kind, r.NameScore)}
	qs := &q.Sides[r.QueryName]
	var parts []string
	for _, p := range r.Alignment.Pairs {
		qt, nt := unitText(qs, p.Q), unitText(nameSide, p.N)
		parts = append(parts, fmt.Sprintf("%s ~ %s (%s %.2f)", qt, nt, p.How, p.Sim))
	}
	if len(parts) > 0 {
		out = append(out, "aligned: "+strings.Join(parts, "; "))
	}
	if left := r.Alignment.Left(qs, true); len(left) > 0 {
		out = append(out, "not in the listed name: "+tokenTexts(qs.Tokens, left))
	}
	if left := r.Alignment.Left(nameSide, false); len(left) > 0 {
		out = append(out, "not in the query: "+tokenTexts(nameSide.Tokens, left))
	}
	if r.Alignment.NumberConflict {
		out = append(out, "numbers in the names differ")
	}
	if r.Alignment.Capped {
		out = append(out, fmt.Sprintf("only one name part matched: score held at %.2f", SingleCap))
	}
	if r.Alignment.OnlyTypos {
		out = append(out, fmt.Sprintf("every part matched only as a misspelling: name score x%.2f", typoFactor))
	}
	if r.Alignment.CommonOnly {
		out = append(out, fmt.Sprintf("only very common names matched: name score x%.2f, and at most %.2f when either name has parts the other lacks", commonFactor, commonPartialCap))
	}
	if n.Weak {
		out = append(out, fmt.Sprintf("weak alias: name score x%.2f", weakAliasFactor))
	}
	for _, ev := range evidence {
		out = append(out, ev.String())
	}
	return out
}

func unitText(s *Side, u Unit) string {
	a, b := span(s, u)
	if a == b {
		return s.Tokens[a].Text
	}
	return s.Tokens[a].Text + " " + s.Tokens[b].Text
}

func tokenTexts(toks []*names.Token, idx []int) string {
	ts := make([]string, len(idx))
	for i, k := range idx {
		ts[i] = toks[k].Text
	}
	return strings.Join(ts, ", ")
}

// CompareNames scores two names of parties of type t (Unknown when not
// known), the query first: the scorer on its own, for labelled name pairs.
func CompareNames(query, listed string, t entity.Type) Result {
	e := &entity.Entity{Type: t, Names: []entity.Name{{Full: listed, Kind: entity.Primary}}}
	return Compare(Analyze(Query{Names: []string{query}, Type: t}), e, nil)
}
