package entity

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestEntityJSONRoundTrip(t *testing.T) {
	e := &Entity{
		ID: "ofac-20157", Source: "ofac", SourceIDs: []string{"20157"}, Type: Person,
		Names: []Name{
			{Full: "KIM, Jong Un", Kind: Primary, Parts: &NameParts{Given: "Jong Un", Family: "KIM"}},
			{Full: "김정은", Kind: Alias, Script: true, Lang: "ko"},
		},
		BirthDates:    []Date{{Year: 1984, Month: 1, Day: 8}, {Year: 1983, ToYear: 1984}},
		Nationalities: []string{"kp"},
		Countries:     []string{"cn"},
		Identifiers:   []Identifier{{Type: Passport, Value: "PD123", Country: "kp"}},
		Programs:      []string{"DPRK3"},
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back Entity
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(e, &back) {
		t.Errorf("round trip differs:\n got %#v\nwant %#v", back, *e)
	}
	var wire map[string]any
	_ = json.Unmarshal(b, &wire)
	if wire["name"] != "KIM, Jong Un" {
		t.Errorf("name = %v", wire["name"])
	}
	if got := wire["countries"].([]any); len(got) != 2 {
		t.Errorf("countries = %v, want nationality and other country", got)
	}
	if got := wire["birth_dates"].([]any); got[1] != "1983/1984" {
		t.Errorf("birth_dates = %v", got)
	}
}

func TestAddNameDeduplicates(t *testing.T) {
	var e Entity
	e.AddName(Name{Full: "  ACME  Ltd ", Kind: Primary})
	e.AddName(Name{Full: "acme ltd", Kind: Alias})
	e.AddName(Name{Full: "", Kind: Alias})
	if len(e.Names) != 1 || e.Names[0].Full != "ACME Ltd" {
		t.Errorf("names = %#v", e.Names)
	}
}

func TestParseIDType(t *testing.T) {
	tests := map[string]IDType{
		"Passport":                           IDType("passport"),
		"Diplomatic Passport":                Passport,
		"National ID No.":                    NationalID,
		"Tax ID No.":                         TaxID,
		"Registration ID":                    Registration,
		"Registration Number":                Registration,
		"Vessel Registration Identification": Registration,
		"IMO":                                IMO,
		"MMSI":                               MMSI,
		"SWIFT/BIC":                          BIC,
		"Digital Currency Address - XBT":     Crypto,
		"Cedula No.":                         NationalID,
		"Identification Number":              NationalID,
		"Government Gazette Number":          Registration,
		"Email Address":                      Other,
	}
	for in, want := range tests {
		if got := ParseIDType(in); got != want {
			t.Errorf("ParseIDType(%q) = %q, want %q", in, got, want)
		}
	}
}
