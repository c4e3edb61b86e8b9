package ofac

import (
	"strings"

	"github.com/embargo/embargo/entity"
)

// IDLabel is what an OFAC identifier label means. OFAC uses the same
// labels in its legacy CSV remarks, its SDN XML (idType) and its Advanced
// XML (IDRegDocType), so every OFAC parser reads them from one table (the
// remark labels of this package), and the same entry gives the same
// identifiers in every format.
type IDLabel struct {
	// Type is the identifier type.
	Type entity.IDType
	// Country is the issuing country the label implies ("Kenyan ID No."),
	// "" when it implies none.
	Country string
	// Plain labels are the usual name of their type ("Passport", "MMSI")
	// and are not repeated in the identifier's note.
	Plain bool
	// OrgReg turns a generic national-ID label into a registration number
	// when the party is not a person ("Identification Number").
	OrgReg bool
}

// idLabels are the identifier and contact labels of the remark table, by
// lower-cased text. Built once and never changed.
var idLabels = func() map[string]IDLabel {
	m := map[string]IDLabel{}
	for _, l := range labels {
		switch l.kind {
		case kID:
			m[strings.ToLower(l.text)] = IDLabel{Type: l.idType, Country: l.country, Plain: l.plain, OrgReg: l.orgReg}
		case kContact:
			m[strings.ToLower(l.text)] = IDLabel{Type: entity.Other}
		}
	}
	return m
}()

// LookupIDLabel returns what an identifier label means, compared
// case-insensitively; a label OFAC's table does not list gets the type
// entity.ParseIDType reads in it.
func LookupIDLabel(label string) IDLabel {
	if l, ok := idLabels[strings.ToLower(strings.TrimSpace(label))]; ok {
		return l
	}
	return IDLabel{Type: entity.ParseIDType(label)}
}
