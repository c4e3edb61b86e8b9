package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
)

// Fingerprint identifies a screening query for the allowlist: the query's
// name, birth date and country in a normalised form, so that the same
// person screened again (with other capitals, accents, punctuation, word
// order or spacing, or the birth date written another way) has the same
// fingerprint, and a different birth date or country does not.
//
// The form is readable: "putin vladimir|1952-10-07|ru" (name words folded
// and sorted, the date in ISO form, the country codes sorted). Names in
// different scripts are not transliterated: "Путин" and "Putin" are
// different queries.
func Fingerprint(name, birthDate, countries string) string {
	words := strings.Fields(country.Fold(name))
	slices.Sort(words)
	date := ""
	if strings.TrimSpace(birthDate) != "" {
		if d, err := entity.ParseDate(birthDate); err == nil {
			date = d.String()
		} else {
			date = country.Fold(birthDate)
		}
	}
	var codes []string
	for _, c := range strings.Split(countries, ",") {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if code := country.Code(c); code != "" {
			codes = append(codes, code)
		} else {
			codes = append(codes, country.Fold(c))
		}
	}
	codes = entity.SortedSet(codes)
	return strings.Join(words, " ") + "|" + date + "|" + strings.Join(codes, ",")
}

// allowKey is what a decision holds for.
type allowKey struct{ fingerprint, entityID, hash string }

// Allowlist holds analysts' latest decisions by query fingerprint, entity
// ID and entity content hash, in memory, for screening to consult: a
// result decided a false positive for the same query is marked as such
// until the entity's designation changes (its hash changes). It is safe
// for concurrent use.
type Allowlist struct {
	mu      sync.RWMutex
	m       map[allowKey]Decision
	decided map[[2]string]bool // (fingerprint, entity ID) with any decision
}

// NewAllowlist returns an empty allowlist.
func NewAllowlist() *Allowlist {
	return &Allowlist{m: map[allowKey]Decision{}, decided: map[[2]string]bool{}}
}

// LoadAllowlist reads every decision in the store into an allowlist.
func LoadAllowlist(ctx context.Context, st Store) (*Allowlist, error) {
	a := NewAllowlist()
	err := st.ScanDecisions(ctx, time.Time{}, func(d Decision) error {
		a.Add(d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading the allowlist: %w", err)
	}
	return a, nil
}

// Add records a decision, replacing an earlier one on the same query,
// entity and designation. A decision without a fingerprint or an entity
// hash (a screening whose query had no name, a record without hashes) is
// ignored: it cannot be matched to later screens safely.
func (a *Allowlist) Add(d Decision) {
	if d.Fingerprint == "" || d.EntityHash == "" || d.EntityID == "" {
		return
	}
	k := allowKey{d.Fingerprint, d.EntityID, d.EntityHash}
	a.mu.Lock()
	defer a.mu.Unlock()
	if have, ok := a.m[k]; ok && have.ID > d.ID && d.ID != 0 {
		return
	}
	a.m[k] = d
	a.decided[[2]string{d.Fingerprint, d.EntityID}] = true
}

// Decided reports whether any decision was made on the entity for the
// query fingerprint, whatever the designation's hash: a cheap check before
// hashing the entity for Lookup or FalsePositive.
func (a *Allowlist) Decided(fingerprint, entityID string) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.decided[[2]string{fingerprint, entityID}]
}

// Lookup returns the latest decision on the entity for a query with this
// fingerprint, while the entity's designation still has the hash it had
// when decided (entityHash is EntityHash of the entity as screened now).
// The decision may be FalsePositive (mark the result as allowlisted) or
// TrueMatch (a confirmed match).
func (a *Allowlist) Lookup(fingerprint, entityID, entityHash string) (Decision, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	d, ok := a.m[allowKey{fingerprint, entityID, entityHash}]
	return d, ok
}

// FalsePositive reports whether the entity was decided a false positive
// for the query, for its current designation.
func (a *Allowlist) FalsePositive(fingerprint, entityID, entityHash string) bool {
	d, ok := a.Lookup(fingerprint, entityID, entityHash)
	return ok && d.Decision == FalsePositive
}

// Len returns the number of (query, entity, designation) decisions held.
func (a *Allowlist) Len() int {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return len(a.m)
}
