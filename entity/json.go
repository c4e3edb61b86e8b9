package entity

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
)

// jsonEntity is the wire form of an Entity, shared by `screen --json`, the
// HTTP API and the store. "name" and "aliases" are the plain texts an API
// client reads first; "names" carries the full structure.
type jsonEntity struct {
	ID            string       `json:"id"`
	Source        string       `json:"source"`
	SourceIDs     []string     `json:"source_ids"`
	Type          Type         `json:"type"`
	Name          string       `json:"name"`
	Aliases       []string     `json:"aliases"`
	Names         []Name       `json:"names,omitempty"`
	Programs      []string     `json:"programs"`
	BirthDates    []Date       `json:"birth_dates"`
	BirthPlaces   []string     `json:"birth_places,omitempty"`
	Countries     []string     `json:"countries"`
	Nationalities []string     `json:"nationalities,omitempty"`
	Citizenships  []string     `json:"citizenships,omitempty"`
	Gender        Gender       `json:"gender,omitempty"`
	Addresses     []Address    `json:"addresses,omitempty"`
	Identifiers   []Identifier `json:"identifiers"`
	Positions     []string     `json:"positions,omitempty"`
	Vessel        *Craft       `json:"vessel,omitempty"`
	ListedOn      string       `json:"listed_on"`
	Remarks       string       `json:"remarks,omitempty"`
	URL           string       `json:"url"`
	Datasets      []string     `json:"datasets,omitempty"`
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// MarshalJSON writes the wire form. "countries" is every country the entity
// is tied to (nationalities and citizenships included), so that a client
// needs to read one field.
func (e *Entity) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonEntity{
		ID: e.ID, Source: e.Source, SourceIDs: nonNil(e.SourceIDs), Type: e.Type,
		Name: e.Caption(), Aliases: e.Aliases(), Names: e.Names,
		Programs: nonNil(e.Programs), BirthDates: nonNil(e.BirthDates), BirthPlaces: e.BirthPlaces,
		Countries: nonNil(e.AllCountries()), Nationalities: e.Nationalities, Citizenships: e.Citizenships,
		Gender: e.Gender, Addresses: e.Addresses, Identifiers: nonNil(e.Identifiers),
		Positions: e.Positions, Vessel: e.Vessel, ListedOn: e.ListedOn, Remarks: e.Remarks,
		URL: e.URL, Datasets: e.Datasets,
	})
}

// UnmarshalJSON reads the wire form back. When "names" is absent the
// names are rebuilt from "name" and "aliases".
func (e *Entity) UnmarshalJSON(b []byte) error {
	var j jsonEntity
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Entity{
		ID: j.ID, Source: j.Source, SourceIDs: j.SourceIDs, Type: j.Type, Names: j.Names,
		Programs: j.Programs, BirthDates: j.BirthDates, BirthPlaces: j.BirthPlaces,
		Nationalities: j.Nationalities, Citizenships: j.Citizenships, Gender: j.Gender,
		Addresses: j.Addresses, Identifiers: j.Identifiers, Positions: j.Positions,
		Vessel: j.Vessel, ListedOn: j.ListedOn, Remarks: j.Remarks, URL: j.URL, Datasets: j.Datasets,
	}
	if len(e.Names) == 0 {
		e.AddName(Name{Full: j.Name, Kind: Primary})
		for _, a := range j.Aliases {
			e.AddName(Name{Full: a, Kind: Alias})
		}
	}
	for _, c := range j.Countries {
		if !slices.Contains(j.Nationalities, c) && !slices.Contains(j.Citizenships, c) {
			e.Countries = append(e.Countries, c)
		}
	}
	return nil
}

// Hash returns the sha256 of the entity's wire form, in hex: two readings
// of a designation have the same hash exactly when they say the same, so a
// changed hash means a changed designation (diff, allowlist).
func (e *Entity) Hash() string {
	b, err := json.Marshal(e)
	if err != nil {
		// The wire form holds strings, booleans and text-marshalled dates
		// only; it cannot fail to encode.
		return ""
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
