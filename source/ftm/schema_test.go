package ftm

import (
	"testing"

	"github.com/embargo/embargo/entity"
)

func TestIdentifierProperty(t *testing.T) {
	tests := []struct {
		prop  string
		typ   entity.IDType
		label string
		ok    bool
	}{
		{"innCode", entity.TaxID, "INN", true},
		{"passportNumber", entity.Passport, "Passport number", true},
		{"swiftBic", entity.BIC, "SWIFT/BIC", true},
		{"name", "", "", false},
	}
	for _, tc := range tests {
		typ, label, ok := IdentifierProperty(tc.prop)
		if typ != tc.typ || label != tc.label || ok != tc.ok {
			t.Errorf("IdentifierProperty(%q) = %q, %q, %v; want %q, %q, %v", tc.prop, typ, label, ok, tc.typ, tc.label, tc.ok)
		}
	}
}
