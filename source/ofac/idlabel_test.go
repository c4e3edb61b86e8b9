package ofac

import (
	"testing"

	"github.com/embargo/embargo/entity"
)

func TestLookupIDLabel(t *testing.T) {
	tests := []struct {
		label string
		want  IDLabel
	}{
		{"Passport", IDLabel{Type: entity.Passport, Plain: true}},
		{"kenyan id no.", IDLabel{Type: entity.NationalID, Country: "ke"}},
		{"Vessel Call Sign", IDLabel{Type: entity.CallSign, Plain: true}},
		{"Identification Number", IDLabel{Type: entity.NationalID, OrgReg: true}},
		{"Email Address", IDLabel{Type: entity.Other}},
		{" IMO ", IDLabel{Type: entity.IMO, Plain: true}},
		{"Some New Label", IDLabel{Type: entity.ParseIDType("Some New Label")}},
	}
	for _, tc := range tests {
		if got := LookupIDLabel(tc.label); got != tc.want {
			t.Errorf("LookupIDLabel(%q) = %+v, want %+v", tc.label, got, tc.want)
		}
	}
}
