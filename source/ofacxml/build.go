package ofacxml

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source/ofac"
)

// sourceName is the source of every entity both formats read.
const sourceName = "ofac"

// detailsURL is the publisher's page for an entry, by its uid / FixedRef
// (the same number as the legacy CSV's ent_num).
const detailsURL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id="

// builder holds what one parse shares between records: caches of
// country lookups and label meanings. A builder belongs to one Parse call.
type builder struct {
	countries map[string]string
	labels    map[labelKey]labelInfo
}

type labelKey struct {
	label   string
	feature bool
}

type labelInfo struct {
	kind kind
	id   ofac.IDLabel
}

func newBuilder() *builder {
	return &builder{countries: make(map[string]string, 256), labels: make(map[labelKey]labelInfo, 256)}
}

// label returns what a label means, and its identifier type.
func (b *builder) label(label string, feature bool) labelInfo {
	key := labelKey{label, feature}
	if li, ok := b.labels[key]; ok {
		return li
	}
	li := labelInfo{kind: classify(label, feature), id: ofac.LookupIDLabel(label)}
	b.labels[key] = li
	return li
}

// country returns the ISO code of a country name, "" when unknown.
func (b *builder) country(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if c, ok := b.countries[name]; ok {
		return c
	}
	c := country.Code(name)
	b.countries[name] = c
	return c
}

// newEntity starts an entity for the publisher id (uid or FixedRef).
func newEntity(id string, t entity.Type) *entity.Entity {
	return &entity.Entity{
		ID:        sourceName + "-" + id,
		Source:    sourceName,
		SourceIDs: []string{id},
		Type:      t,
		URL:       detailsURL + id,
	}
}

// addRemark appends a piece of free text to the entity's remarks.
func addRemark(e *entity.Entity, s string) {
	s = entity.CleanSpace(s)
	if s == "" {
		return
	}
	if e.Remarks == "" {
		e.Remarks = s
		return
	}
	// The same remark twice (a feature repeated, two entries giving the
	// same legal basis) is kept once.
	if strings.Contains(e.Remarks, s) {
		for rest := e.Remarks; rest != ""; {
			var have string
			have, rest, _ = strings.Cut(rest, "; ")
			if have == s {
				return
			}
		}
	}
	e.Remarks += "; " + s
}

// labelled joins a publisher label and a value the way OFAC's own remarks
// do ("Former Vessel Flag Malta", "Secondary sanctions risk: section 1(b)
// ...").
func labelled(label, value string) string {
	label, value = entity.CleanSpace(label), entity.CleanSpace(value)
	switch {
	case label == "":
		return value
	case value == "":
		return label
	}
	return label + " " + value
}

// fullName writes a name the way OFAC's legacy CSV does: "LAST, First"
// when both are given, else whichever is.
func fullName(last, given string) string {
	last, given = entity.CleanSpace(last), entity.CleanSpace(given)
	switch {
	case last == "":
		return given
	case given == "":
		return last
	}
	return last + ", " + given
}

// aliasKind reads an OFAC alias type ("a.k.a.", "F.K.A.", "Name").
func aliasKind(s string) entity.NameKind {
	k := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
	switch k {
	case "fka":
		return entity.Former
	case "nka":
		return entity.Newer
	case "name", "primary":
		return entity.Primary
	}
	return entity.Alias
}

// parseType maps sdnType / party (sub)type words to the model's types.
func parseType(s string) entity.Type {
	t, _ := entity.ParseType(s)
	return t
}

// usDate reads OFAC's "MM/DD/YYYY" publication dates.
func usDate(s string) string {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "/")
	if len(parts) == 3 {
		m, err1 := strconv.Atoi(parts[0])
		d, err2 := strconv.Atoi(parts[1])
		y, err3 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil && err3 == nil {
			date := entity.Date{Year: y, Month: m, Day: d}
			if date.Valid() && m > 0 && d > 0 {
				return date.String()
			}
		}
	}
	if d, err := entity.ParseISODate(s); err == nil && !d.IsZero() {
		return d.String()
	}
	return ""
}

// kind says what a publisher label (a classic idType, an Advanced feature
// type or document type) means to the model.
type kind uint8

const (
	kIdentifier kind = iota // a document or registration number
	kRemark                 // free text, kept in Remarks as "label value"
	kGender
	kBirthDate
	kEstablished // organisation's establishment date: a BirthDate in the model
	kBirthPlace
	kNationality
	kCitizenship
	kPosition
	kAddress
	kRegCountry // country of registration / jurisdiction
	kFlag       // vessel flag
	kCraftKind
	kOwner
	kOperator
	kTonnage
	kGRT
	kCallSign
)

// labelKinds maps the labels OFAC uses (classic idType values and Advanced
// FeatureType / IDRegDocType names, compared in lower case) to their
// meaning. Labels not listed are identifiers in an idList or among the
// IDRegDocuments, and remarks among Advanced features; see classify.
var labelKinds = map[string]kind{
	"gender":                          kGender,
	"birthdate":                       kBirthDate,
	"date of birth":                   kBirthDate,
	"organization established date":   kEstablished,
	"aircraft manufacture date":       kEstablished,
	"place of birth":                  kBirthPlace,
	"nationality country":             kNationality,
	"nationality":                     kNationality,
	"citizenship country":             kCitizenship,
	"citizenship":                     kCitizenship,
	"title":                           kPosition,
	"location":                        kAddress,
	"address":                         kAddress,
	"nationality of registration":     kRegCountry,
	"registration country":            kRegCountry,
	"vessel flag":                     kFlag,
	"vessel type":                     kCraftKind,
	"aircraft model":                  kCraftKind,
	"vessel owner":                    kOwner,
	"aircraft operator":               kOperator,
	"vessel tonnage":                  kTonnage,
	"vessel gross registered tonnage": kGRT,
	"vessel call sign":                kCallSign,
	"other vessel call sign":          kCallSign,
	"former vessel flag":              kRemark,
	"other vessel flag":               kRemark,
	"other vessel type":               kRemark,
	"vessel year of build":            kRemark,
	"target type":                     kRemark,
	"issuer name":                     kRemark,
	"linked to":                       kRemark,
}

// featureIdentifiers are the Advanced feature types that carry an
// identifier rather than a description.
var featureIdentifiers = map[string]bool{
	"email address":                    true,
	"website":                          true,
	"phone number":                     true,
	"swift/bic":                        true,
	"d-u-n-s number":                   true,
	"bik (ru)":                         true,
	"mmsi":                             true,
	"isin":                             true,
	"equity ticker":                    true,
	"micex code":                       true,
	"un/locode":                        true,
	"aircraft tail number":             true,
	"previous aircraft tail number":    true,
	"aircraft mode s transponder code": true,
	"aircraft serial identification":   true,
	"aircraft construction number (also called l/n or s/n or f/n)": true,
	"aircraft manufacturer's serial number (msn)":                  true,
	"aircraft manufacturer’s serial number (msn)":                  true,
	"vessel registration identification":                           true,
}

// classify says what a label means; feature is true for Advanced features
// (whose unknown labels are descriptions), false for classic idList items
// and ID documents (whose unknown labels are identifiers).
func classify(label string, feature bool) kind {
	l := strings.ToLower(entity.CleanSpace(label))
	if k, ok := labelKinds[l]; ok {
		return k
	}
	if strings.HasPrefix(l, "digital currency address") || featureIdentifiers[l] {
		return kIdentifier
	}
	// Sanctions information ("Secondary sanctions risk:", "Additional
	// Sanctions Information -", "Organization Type:") and the dates of
	// directives ("Listing Date (CMIC)") describe the designation.
	if strings.HasSuffix(l, ":") || strings.HasSuffix(l, "-") || strings.Contains(l, " date") ||
		strings.Contains(l, "directive") || strings.Contains(l, "sanctions information") {
		return kRemark
	}
	if feature {
		return kRemark
	}
	return kIdentifier
}

// identifier adds a document or number under the publisher's label, the
// way the legacy CSV parser reads the same label from OFAC's remarks: the
// label is kept in Note unless it is the plain name of the type
// ("Passport"), then come a country the parser does not know, as written,
// and the notes ("issued 28 Oct 2008 expires 29 Oct 2013"). code is the
// issuing country's ISO code, "" when not given or unknown.
func (b *builder) identifier(e *entity.Entity, label, value, code, countryText string, notes ...string) {
	label = entity.CleanSpace(label)
	value = entity.CleanSpace(value)
	countryText = entity.CleanSpace(countryText)
	if value == "" {
		// A label without a number says nothing to match on; keep it.
		if label != "" && countryText != "" {
			addRemark(e, label+" ("+countryText+")")
		}
		return
	}
	li := b.label(label, false).id
	id := entity.Identifier{Type: li.Type, Value: value, Country: code}
	plain := li.Plain
	l := strings.ToLower(label)
	switch {
	case l == "vessel registration identification" || id.Type == entity.IMO:
		if imo, ok := imoNumber(value); ok {
			id.Type, id.Value, plain = entity.IMO, imo, true
		} else if id.Type != entity.IMO {
			id.Type = entity.Registration
		}
	case strings.HasPrefix(l, "digital currency address"):
		id.Type, plain = entity.Crypto, true
		if _, cur, ok := strings.Cut(label, "-"); ok {
			id.Currency = strings.ToUpper(strings.TrimSpace(cur))
		}
	case li.OrgReg && id.Type == entity.NationalID && e.Type != entity.Person:
		// OFAC's generic label; for a company it is a registration.
		id.Type = entity.Registration
	}
	if id.Country == "" && countryText == "" {
		id.Country = li.Country
	}
	var pieces []string
	if !plain {
		pieces = append(pieces, label)
	}
	if code == "" && countryText != "" {
		pieces = append(pieces, countryText)
	}
	for _, n := range notes {
		if n = entity.CleanSpace(n); n != "" {
			pieces = append(pieces, n)
		}
	}
	id.Note = strings.Join(pieces, "; ")
	e.AddIdentifier(id)
}

// imoNumber reads "IMO 9187629" or "9187629" as an IMO number.
func imoNumber(v string) (string, bool) {
	u := strings.ToUpper(strings.TrimSpace(v))
	u = strings.TrimPrefix(u, "IMO")
	u = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(u), ":"))
	if len(u) != 7 {
		return v, false
	}
	for _, c := range u {
		if c < '0' || c > '9' {
			return v, false
		}
	}
	return u, true
}

// craft returns the entity's vessel particulars, creating them.
func craft(e *entity.Entity) *entity.Craft {
	if e.Vessel == nil {
		e.Vessel = &entity.Craft{}
	}
	return e.Vessel
}

// value is one value of a labelled fact: text, and when the source gives
// them, a structured date, country code or address.
type value struct {
	text    string          // as written (a date in ISO form, a place in full)
	date    entity.Date     // set when the value is a date
	country string          // ISO code when the value is or holds a country
	addr    *entity.Address // set when the value is a location
	note    string          // publisher's comment on the value
}

// apply adds a labelled fact (an idList item, an Advanced feature) to the
// entity according to its kind.
func (b *builder) apply(e *entity.Entity, k kind, label string, v value) {
	v.text = entity.CleanSpace(v.text)
	text := v.text
	if v.note != "" {
		text = strings.TrimSpace(text + " (" + entity.CleanSpace(v.note) + ")")
	}
	countryOf := func() string {
		if v.country != "" {
			return v.country
		}
		return b.country(v.text)
	}
	switch k {
	case kIdentifier:
		b.identifier(e, label, v.text, v.country, "", v.note)
		return
	case kGender:
		if g := entity.ParseGender(v.text); g != "" && (e.Gender == "" || e.Gender == g) {
			e.Gender = g
			return
		}
	case kBirthDate, kEstablished:
		d := v.date
		if d.IsZero() && v.text != "" {
			if p, err := entity.ParseDate(v.text); err == nil {
				d = p
			}
		}
		if !d.IsZero() {
			e.AddBirthDate(d)
			if v.note != "" {
				addRemark(e, labelled(label, d.String()+" ("+v.note+")"))
			}
			return
		}
	case kBirthPlace:
		if v.text != "" {
			e.BirthPlaces = append(e.BirthPlaces, v.text)
			if v.note != "" {
				addRemark(e, labelled(label, text))
			}
			return
		}
	case kNationality, kCitizenship, kRegCountry:
		if c := countryOf(); c != "" {
			switch k {
			case kNationality:
				e.Nationalities = append(e.Nationalities, c)
			case kCitizenship:
				e.Citizenships = append(e.Citizenships, c)
			default:
				// A vessel's or aircraft's state of registry is its flag;
				// for a company, where it is registered.
				if (e.Type == entity.Vessel || e.Type == entity.Aircraft) && craft(e).Flag == "" {
					craft(e).Flag = c
				}
				e.Countries = append(e.Countries, c)
			}
			if v.note != "" {
				addRemark(e, labelled(label, text))
			}
			return
		}
	case kFlag:
		if c := countryOf(); c != "" {
			cr := craft(e)
			if cr.Flag == "" {
				cr.Flag = c
			}
			e.Countries = append(e.Countries, c)
			if cr.Flag == c && v.note == "" {
				return
			}
		}
	case kPosition:
		if v.text != "" {
			e.Positions = append(e.Positions, v.text)
			return
		}
	case kAddress:
		if v.addr != nil {
			e.Addresses = append(e.Addresses, *v.addr)
			if v.addr.Country != "" {
				e.Countries = append(e.Countries, v.addr.Country)
			}
			if v.note != "" {
				addRemark(e, labelled(label, text))
			}
			return
		}
	case kCraftKind, kOwner, kOperator, kTonnage, kGRT:
		if v.text != "" {
			field := craftField(craft(e), k)
			if *field == "" || *field == v.text {
				*field = v.text
				if v.note != "" {
					addRemark(e, labelled(label, text))
				}
				return
			}
		}
	case kCallSign:
		b.identifier(e, label, v.text, "", "", v.note)
		return
	}
	// Anything the model has no field for, or that did not read, stays as
	// the publisher wrote it.
	addRemark(e, labelled(label, text))
}

func craftField(cr *entity.Craft, k kind) *string {
	switch k {
	case kCraftKind:
		return &cr.Kind
	case kOwner:
		return &cr.Owner
	case kOperator:
		return &cr.Operator
	case kTonnage:
		return &cr.Tonnage
	}
	return &cr.GRT
}

// addName adds a name; Parts are kept only when they say something.
func addName(e *entity.Entity, n entity.Name) bool {
	if n.Parts.IsZero() {
		n.Parts = nil
	}
	return e.AddName(n)
}

// recordError describes a record that cannot be read.
func recordError(format string, args ...any) error { return fmt.Errorf(format, args...) }
