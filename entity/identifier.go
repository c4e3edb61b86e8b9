package entity

import (
	"strings"
	"unicode"
)

// IDType is the kind of an identifier.
type IDType string

// Identifier kinds. Other covers anything the publisher names that fits no
// kind; its Note keeps the publisher's label.
const (
	Passport     IDType = "passport"
	NationalID   IDType = "national_id"
	TaxID        IDType = "tax_id"
	Registration IDType = "registration"
	IMO          IDType = "imo"
	MMSI         IDType = "mmsi"
	CallSign     IDType = "call_sign"
	BIC          IDType = "bic"
	Crypto       IDType = "crypto"
	Other        IDType = "other"
)

// ParseIDType maps common labels ("Passport", "National ID No.", "Tax ID
// No.", "Registration ID", "IMO", "SWIFT/BIC", "Vessel Registration
// Identification", ...) to a kind; unknown labels give Other.
func ParseIDType(label string) IDType {
	l := strings.ToLower(strings.TrimSpace(label))
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words[w] = true
	}
	any := func(ws ...string) bool {
		for _, w := range ws {
			if words[w] {
				return true
			}
		}
		return false
	}
	switch {
	case l == "":
		return Other
	case any("passport", "passeport", "pasaporte"):
		return Passport
	case any("imo"):
		return IMO
	case any("mmsi"):
		return MMSI
	case strings.Contains(l, "call sign"), any("callsign"):
		return CallSign
	case any("swift", "bic"), strings.Contains(l, "swift/bic"):
		return BIC
	case strings.Contains(l, "digital currency"), any("crypto", "cryptocurrency", "wallet"):
		return Crypto
	case any("tax", "inn", "vat", "ein", "ruc", "rfc", "nit", "tin", "taxpayer", "cuit", "itin", "nif", "unp"):
		return TaxID
	case any("national", "cedula", "identity", "ssn", "personal", "dni", "nic", "curp"), strings.Contains(l, "id card"):
		return NationalID
	case any("registration", "register", "registry", "company", "ogrn", "business", "commercial", "license",
		"licence", "certificate", "duns", "lei", "kpp", "okpo", "incorporation", "gazette", "chamber"):
		return Registration
	case any("id", "identification"):
		return NationalID
	}
	return Other
}

// Identifier is a document or registration number.
type Identifier struct {
	Type  IDType `json:"type"`
	Value string `json:"value"`
	// Country is the issuing country (ISO code), "" when not given.
	Country string `json:"country,omitempty"`
	// Currency is the digital currency ("XBT", "ETH") of a Crypto address.
	Currency string `json:"currency,omitempty"`
	// Note keeps the publisher's label and any remark ("Diplomatic Passport",
	// "issued 2010").
	Note string `json:"note,omitempty"`
}

// NormalizeIDValue folds an identifier for comparison: upper case, letters
// and digits only ("A 104-722/63" → "A10472263"). Crypto addresses keep
// their case, since some encodings are case sensitive.
func NormalizeIDValue(t IDType, v string) string {
	var b strings.Builder
	b.Grow(len(v))
	for _, r := range v {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if t != Crypto {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
