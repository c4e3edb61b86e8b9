// Package entity holds the model every other package speaks: a listed
// party (person, organization, vessel or aircraft) with its names, dates,
// places, countries, identifiers and designation, as read from one
// publisher's list.
//
// The model keeps what the publisher said, in a shape shared by every
// format: parsers fill it, the store persists it, the matcher reads it and
// the API writes it. Countries are lower-case ISO 3166-1 alpha-2 codes, dates
// are partial ISO 8601 dates (see Date), and free text the model has no
// field for stays in Remarks rather than being lost.
package entity

import (
	"cmp"
	"slices"
	"strings"
)

// Type is the kind of a listed party.
type Type string

// The four kinds of listed party. Unknown is used by queries that do not say.
const (
	Unknown      Type = ""
	Person       Type = "person"
	Organization Type = "organization"
	Vessel       Type = "vessel"
	Aircraft     Type = "aircraft"
)

// Types lists the known entity types in their display order.
var Types = []Type{Person, Organization, Vessel, Aircraft}

// ParseType reads a type written the way lists and users write it
// ("individual", "Entity", "Company", "Ship", "LegalEntity", ...). It
// reports false when the word names no type.
func ParseType(s string) (Type, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "individual", "individuals", "people", "natural person", "p", "i":
		return Person, true
	case "organization", "organisation", "entity", "entities", "company", "legalentity",
		"legal entity", "business", "o", "e", "org", "publicbody", "public body":
		return Organization, true
	case "vessel", "ship", "boat", "v":
		return Vessel, true
	case "aircraft", "airplane", "aeroplane", "plane", "a":
		return Aircraft, true
	}
	return Unknown, false
}

// Gender of a person, as the list gives it.
type Gender string

// Genders used in the model.
const (
	Male   Gender = "male"
	Female Gender = "female"
)

// ParseGender reads "Male", "m", "female", "F", ... and returns "" for
// anything else.
func ParseGender(s string) Gender {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "male", "m", "man", "masculine":
		return Male
	case "female", "f", "woman", "feminine":
		return Female
	}
	return ""
}

// Entity is one listed party as one source lists it.
type Entity struct {
	// ID is unique across every loaded source: the source name, a dash and
	// the publisher's own primary identifier ("ofac-20157", "un-KPi.066").
	ID string
	// Source is the name of the list the entity comes from ("ofac", "un").
	Source string
	// SourceIDs are the publisher's own identifiers: OFAC ent_num, UN
	// reference number, UK unique ID, EU logical id, and others it gives.
	SourceIDs []string
	// Type is the kind of party.
	Type Type
	// Names holds every name; Names[0] is the primary name. See Name.
	Names []Name
	// BirthDates are the dates of birth (persons) or of registration
	// (organizations), each possibly partial, approximate or a range.
	BirthDates []Date
	// BirthPlaces are places of birth, as written by the publisher.
	BirthPlaces []string
	// Nationalities and Citizenships are ISO 3166-1 alpha-2 codes.
	Nationalities []string
	Citizenships  []string
	// Countries are other countries the listing ties the party to
	// (residence, address, registration, flag, program), as ISO codes.
	Countries []string
	// Gender of a person, "" when not given.
	Gender Gender
	// Addresses as the publisher gives them.
	Addresses []Address
	// Identifiers: passports, registration numbers, IMO, crypto addresses...
	Identifiers []Identifier
	// Programs are the sanctions programs or regimes ("SDGT", "DPRK3",
	// "Russia", "QDi").
	Programs []string
	// ListedOn is the designation date (partial ISO 8601), "" if unknown.
	ListedOn string
	// Positions are titles, functions or designations ("Minister of Foreign Affairs").
	Positions []string
	// Vessel holds ship and aircraft particulars, nil for other types.
	Vessel *Craft
	// Remarks keeps the publisher's free-text remarks.
	Remarks string
	// URL points to the publisher's page for the entity, "" if none.
	URL string
	// Datasets names the datasets an aggregated record comes from (FtM).
	Datasets []string
}

// Caption is the entity's primary name.
func (e *Entity) Caption() string {
	if len(e.Names) == 0 {
		return ""
	}
	return e.Names[0].Full
}

// Aliases returns the full text of every name but the primary one.
func (e *Entity) Aliases() []string {
	if len(e.Names) <= 1 {
		return []string{}
	}
	out := make([]string, 0, len(e.Names)-1)
	for _, n := range e.Names[1:] {
		out = append(out, n.Full)
	}
	return out
}

// AllCountries returns nationalities, citizenships and other countries,
// sorted and without repeats.
func (e *Entity) AllCountries() []string {
	all := make([]string, 0, len(e.Nationalities)+len(e.Citizenships)+len(e.Countries))
	all = append(all, e.Nationalities...)
	all = append(all, e.Citizenships...)
	all = append(all, e.Countries...)
	return SortedSet(all)
}

// AddName appends a name unless the same text of the same kind is already
// there. An empty name is ignored. It returns true when the name was added.
func (e *Entity) AddName(n Name) bool {
	n.Full = CleanSpace(n.Full)
	if n.Full == "" {
		return false
	}
	for i, have := range e.Names {
		if strings.EqualFold(have.Full, n.Full) {
			// A name given both as weak and strong counts as strong; the
			// first kind wins otherwise.
			if have.Weak && !n.Weak {
				e.Names[i].Weak = false
			}
			return false
		}
	}
	e.Names = append(e.Names, n)
	return true
}

// AddIdentifier appends an identifier unless an equal one is there.
func (e *Entity) AddIdentifier(id Identifier) {
	id.Value = CleanSpace(id.Value)
	if id.Value == "" {
		return
	}
	for _, have := range e.Identifiers {
		if have.Type == id.Type && have.Value == id.Value && have.Country == id.Country {
			return
		}
	}
	e.Identifiers = append(e.Identifiers, id)
}

// AddBirthDate appends a date unless an equal one is there.
func (e *Entity) AddBirthDate(d Date) {
	if d.IsZero() {
		return
	}
	if !slices.Contains(e.BirthDates, d) {
		e.BirthDates = append(e.BirthDates, d)
	}
}

// Normalize sorts and deduplicates the set-like fields, so that two
// readings of the same record compare equal. Names keep their order
// (the first is the primary name).
func (e *Entity) Normalize() {
	e.SourceIDs = uniqueKeepOrder(e.SourceIDs)
	e.Nationalities = SortedSet(e.Nationalities)
	e.Citizenships = SortedSet(e.Citizenships)
	e.Countries = SortedSet(e.Countries)
	e.Programs = SortedSet(e.Programs)
	e.BirthPlaces = uniqueKeepOrder(e.BirthPlaces)
	e.Positions = uniqueKeepOrder(e.Positions)
	e.Datasets = SortedSet(e.Datasets)
	slices.SortStableFunc(e.BirthDates, func(a, b Date) int { return cmp.Compare(a.String(), b.String()) })
	e.BirthDates = slices.Compact(e.BirthDates)
}

// SortedSet returns the non-empty strings of s, sorted and without repeats.
// It reuses s's storage.
func SortedSet(s []string) []string {
	out := s[:0]
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

func uniqueKeepOrder(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(s))
	out := s[:0]
	for _, v := range s {
		v = CleanSpace(v)
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// CleanSpace trims s and folds every run of white space into one space.
func CleanSpace(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80 || c == ' ' && i > 0 && s[i-1] == ' ' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// Address is a postal address; Full is always set when any part is.
type Address struct {
	Full       string `json:"full"`
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"`
}

// Craft holds vessel and aircraft particulars that are not identifiers.
type Craft struct {
	Flag     string `json:"flag,omitempty"` // ISO code of the flag state
	Kind     string `json:"kind,omitempty"` // "Crude Oil Tanker", "Boeing 747"
	Tonnage  string `json:"tonnage,omitempty"`
	GRT      string `json:"grt,omitempty"` // gross registered tonnage
	Owner    string `json:"owner,omitempty"`
	Operator string `json:"operator,omitempty"`
}
