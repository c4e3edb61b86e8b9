// Package eu reads the European Union's consolidated list of persons,
// groups and entities subject to EU financial sanctions in the XML form of
// the Financial Sanctions Files (FSF), schema version 1.1, published by the
// European Commission at https://webgate.ec.europa.eu/fsd/fsf (file
// "xmlFullSanctionsList_1_1"; namespace
// "http://eu.europa.ec/fpi/fsd/export", which some copies write
// "http://eu.europa.eu/fpi/fsd/export").
//
// No real FSF file is kept with the project: the test fixture was written
// by hand from the published schema and the Commission's documentation of
// the file, with invented people and companies.
//
// The root element "export" carries generationDate (Report.Published) and
// holds sanctionEntity records. Each becomes one entity with ID "eu-" plus
// its logicalId; SourceIDs hold the logicalId, the euReferenceNumber
// ("EU.27.28") and the unitedNationId when the EU takes the listing from
// the UN. subjectType "person" (classification "P") gives a person,
// "enterprise" ("E") an organization; the EU lists vessels as enterprises,
// and so does this package, their IMO numbers being identifiers.
//
// Names: every nameAlias is a name; the first one marked strong is the
// primary name (a strong name in Latin letters is preferred over one in
// another script, so that the caption is readable; when no name is strong
// the first is primary, not marked weak, and Remarks say so), the others
// are aliases, weak when strong="false".
// firstName, middleName, lastName and title are the name's parts;
// nameLanguage (ISO 639-1) is its Lang, and a name with letters of a
// non-Latin script has Script set. gender gives the entity's gender,
// function its positions (a person's; an enterprise's goes to Remarks), and
// title is a position too.
//
// regulation elements give the programs (programme); designationDate is the
// listing date, and without it the earliest regulation publicationDate.
// Each regulation (number and title, type, dates, publicationUrl) is kept
// in Remarks, since the EU has no page per listed party and URL stays
// empty. citizenship gives Citizenships; birthdate gives dates of birth
// (birthdate, or year / monthOfYear / dayOfMonth, or yearRangeFrom /
// yearRangeTo, circa) and places of birth; a date in another calendar than
// the Gregorian is kept in Remarks only. identification gives identifiers
// (identificationTypeCode passport, id, regnumber, swiftbic, imo,
// fiscalcode, ...; number, documentNumber and latinNumber), the flags
// (diplomatic, known expired, known false, reported lost, revoked),
// issuer, dates and name on document going to the identifier's Note.
// address gives addresses, their countries to Countries, and contact
// information and "as at listing time" to Remarks. Entity-level and nested
// remark elements, designationDetails and any attribute or element the
// package does not know are kept in Remarks; regulationSummary elements,
// which repeat the regulation a detail came from, are not.
package eu

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/field"
	"github.com/embargo/embargo/source/internal/xmltree"
)

// FormatName is the name of the format, SourceName the default source.
const (
	FormatName = "eu-xml"
	SourceName = "eu"
)

// Namespaces the FSF export is known under: the Commission's, and the
// spelling with ".eu" found in some documentation.
var namespaces = []string{"http://eu.europa.ec/fpi/fsd/export", "http://eu.europa.eu/fpi/fsd/export"}

// Format describes the EU Financial Sanctions Files XML format.
func Format() source.Format {
	return source.Format{
		Name:        FormatName,
		Source:      SourceName,
		Description: "EU Financial Sanctions Files consolidated list (XML, schema 1.1)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// Sniff reports whether head, the first bytes of a file, is an FSF export:
// an XML document whose root element is "export" in the FSF namespace or
// holding sanctionEntity elements. The name is not used.
func Sniff(name string, head []byte) bool {
	root, rest := xmltree.RootElement(head)
	if root != "export" {
		return false
	}
	for _, ns := range namespaces {
		if bytes.Contains(rest[:min(len(rest), 4096)], []byte(ns)) {
			return true
		}
	}
	return bytes.Contains(rest, []byte("<sanctionEntity"))
}

// Parse reads an FSF export and emits one entity per sanctionEntity. A
// record with neither logicalId nor euReferenceNumber, or with no name, is
// reported in Report.Skipped. A file whose root is not an FSF "export", or
// that is empty, gives an error wrapping source.ErrNotList; one that ends
// inside an element, source.ErrTruncated.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	d, err := xmltree.Open(ctx, in, false)
	if err != nil {
		return rep, err
	}
	se, err := d.Root(in.Name, "an EU FSF XML file")
	if err != nil {
		return rep, err
	}
	if se.Name.Local != "export" {
		return rep, fmt.Errorf("%s: root element is <%s>, not <export>: %w", in.Name, se.Name.Local, source.ErrNotList)
	}
	if ns := se.Name.Space; ns != "" && !knownNamespace(ns) {
		return rep, fmt.Errorf("%s: root element <export> is in namespace %q, not the FSF one: %w", in.Name, ns, source.ErrNotList)
	}
	for _, a := range se.Attr {
		if a.Name.Local == "generationDate" {
			rep.Published = xmltree.Day(a.Value)
		}
	}
	isRecord := func(name string) bool { return name == "sanctionEntity" }
	return rep, d.Records(ctx, in, &rep, isRecord, convert, emit)
}

func knownNamespace(ns string) bool {
	for _, k := range namespaces {
		if ns == k {
			return true
		}
	}
	return false
}

var (
	errNoID   = errors.New("sanctionEntity has no logicalId and no euReferenceNumber")
	errNoName = errors.New("sanctionEntity has no name")
)

// builder collects one record's entity and remarks.
type builder struct {
	e         *entity.Entity
	remarks   []string
	functions []string // nameAlias function attributes
	titles    []string // nameAlias title attributes
}

func (b *builder) remark(format string, args ...any) {
	b.remarks = append(b.remarks, entity.CleanSpace(fmt.Sprintf(format, args...)))
}

// set is a set of attribute names.
func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Attributes each element is read for; others are kept in Remarks.
// regulationLanguage and logicalId of details are bookkeeping.
var (
	entityAttrs = set("designationDetails", "unitedNationId", "euReferenceNumber", "logicalId", "designationDate")
	regAttrs    = set("regulationType", "organisationType", "publicationDate", "entryIntoForceDate", "numberTitle",
		"programme", "logicalId", "publicationUrl")
	nameAttrs = set("firstName", "middleName", "lastName", "wholeName", "function", "gender", "title", "nameLanguage",
		"strong", "regulationLanguage", "logicalId")
	citizenAttrs = set("region", "countryIso2Code", "countryDescription", "regulationLanguage", "logicalId")
	birthAttrs   = set("circa", "calendarType", "city", "zipCode", "birthdate", "dayOfMonth", "monthOfYear", "year",
		"yearRangeFrom", "yearRangeTo", "region", "place", "countryIso2Code", "countryDescription",
		"regulationLanguage", "logicalId", "day", "month")
	idAttrs = set("diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer", "issuedBy",
		"issuedDate", "validFrom", "validTo", "latinNumber", "nameOnDocument", "documentNumber", "number", "region",
		"countryIso2Code", "countryDescription", "identificationTypeCode", "identificationTypeDescription",
		"regulationLanguage", "logicalId")
	addressAttrs = set("city", "street", "poBox", "zipCode", "region", "place", "asAtListingTime", "contactInfo",
		"countryIso2Code", "countryDescription", "regulationLanguage", "logicalId")
)

// candidate is a name before the primary one is chosen.
type candidate struct {
	name   entity.Name
	strong bool
}

// convert turns one sanctionEntity into an entity, or describes why it
// cannot.
func convert(n *xmltree.Node) (*entity.Entity, *source.Problem) {
	logicalID, euRef, unID := n.Attr("logicalId"), n.Attr("euReferenceNumber"), n.Attr("unitedNationId")
	id := logicalID
	if id == "" {
		id = euRef
	}
	if id == "" {
		var whole string
		if a := n.Child("nameAlias"); a != nil {
			whole = a.Attr("wholeName")
		}
		return nil, &source.Problem{Record: whole, Field: "logicalId", Err: errNoID}
	}
	b := &builder{e: &entity.Entity{
		ID:        SourceName + "-" + id,
		Source:    SourceName,
		SourceIDs: []string{logicalID, euRef, unID},
	}}
	var entityRemarks, regulations []string
	var names []candidate
	var firstPublished string
	typeSeen := false
	for _, k := range n.Kids {
		switch k.Name {
		case "remark":
			if v := k.Value(); v != "" {
				entityRemarks = append(entityRemarks, v)
			}
		case "regulation":
			line, published := b.regulation(k)
			if line != "" {
				regulations = append(regulations, line)
			}
			if published != "" && (firstPublished == "" || published < firstPublished) {
				firstPublished = published
			}
		case "subjectType":
			typeSeen = true
			b.subjectType(k)
		case "nameAlias":
			if c, ok := b.nameAlias(k); ok {
				names = append(names, c)
			}
		case "citizenship":
			b.citizenship(k)
		case "birthdate":
			b.birthdate(k)
		case "identification":
			b.identification(k)
		case "address":
			b.address(k)
		default:
			if f := k.Flatten(); f != "" {
				b.remarks = append(b.remarks, f)
			}
		}
	}
	if !typeSeen {
		b.remark("No subjectType given")
	}
	if b.e.Type == entity.Person {
		b.e.Positions = append(b.functions, b.titles...)
	} else {
		// A function of an enterprise ("Shipping company") is no position.
		for _, f := range b.functions {
			b.remark("Function: %s", f)
		}
		for _, t := range b.titles {
			b.remark("Title: %s", t)
		}
	}

	if len(names) == 0 {
		return nil, &source.Problem{Record: id, Field: "nameAlias", Err: errNoName}
	}
	primary := pickPrimary(names)
	names[primary].name.Kind = entity.Primary
	if !names[primary].strong {
		// No strong name: the first name stands as the primary one, and is
		// not marked weak, so that the party can be found by it.
		names[primary].name.Weak = false
		b.remark("No strong name listed; %q, the first, is the primary name", names[primary].name.Full)
	}
	b.e.AddName(names[primary].name)
	for i, c := range names {
		if i != primary {
			b.e.AddName(c.name)
		}
	}

	if d := n.Attr("designationDate"); d != "" {
		if b.e.ListedOn = xmltree.Day(d); b.e.ListedOn == "" {
			b.remark("Designation date: %s", d)
		}
	}
	if b.e.ListedOn == "" {
		b.e.ListedOn = firstPublished
	}
	head := entityRemarks
	if v := n.Attr("designationDetails"); v != "" {
		head = append(head, "Designation details: "+v)
	}
	head = append(head, regulations...)
	if extra := n.ExtraAttrs(entityAttrs); len(extra) > 0 {
		head = append(head, "sanctionEntity: "+strings.Join(extra, "; "))
	}
	b.e.Remarks = strings.Join(append(head, b.remarks...), "\n")
	b.e.Normalize()
	return b.e, nil
}

// pickPrimary returns the index of the primary name: the first strong name
// in Latin letters, else the first strong name, else the first.
func pickPrimary(names []candidate) int {
	first := -1
	for i, c := range names {
		if !c.strong {
			continue
		}
		if !c.name.Script {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	return max(first, 0)
}

// regulation reads a regulation: its programme, and a remark line. It
// returns the line and the publication date.
func (b *builder) regulation(n *xmltree.Node) (line, published string) {
	if p := n.Attr("programme"); p != "" {
		b.e.Programs = append(b.e.Programs, p)
	}
	published = xmltree.Day(n.Attr("publicationDate"))
	var kind []string
	for _, a := range []string{"regulationType", "organisationType"} {
		if v := n.Attr(a); v != "" {
			kind = append(kind, v)
		}
	}
	parts := []string{"Regulation " + n.Attr("numberTitle")}
	if len(kind) > 0 {
		parts[0] += " (" + strings.Join(kind, ", ") + ")"
	}
	if v := n.Attr("programme"); v != "" {
		parts = append(parts, "programme "+v)
	}
	if v := n.Attr("publicationDate"); v != "" {
		parts = append(parts, "published "+v)
	}
	if v := n.Attr("entryIntoForceDate"); v != "" {
		parts = append(parts, "in force "+v)
	}
	url := n.Get("publicationUrl")
	if url == "" {
		url = n.Attr("publicationUrl")
	}
	if url != "" {
		parts = append(parts, url)
	}
	parts = append(parts, n.ExtraAttrs(regAttrs)...)
	for _, k := range n.Kids {
		if k.Name != "publicationUrl" {
			parts = append(parts, k.Flatten())
		}
	}
	line = field.JoinNonEmpty(", ", parts...)
	if line == "Regulation" {
		line = ""
	}
	return line, published
}

// subjectType reads the entity's type: code "person" or "enterprise",
// else classificationCode "P" or "E", else any other word for a type.
func (b *builder) subjectType(n *xmltree.Node) {
	code, class := n.Attr("code"), n.Attr("classificationCode")
	switch {
	case strings.EqualFold(code, "person"):
		b.e.Type = entity.Person
	case strings.EqualFold(code, "enterprise"):
		b.e.Type = entity.Organization
	case strings.EqualFold(class, "P"):
		b.e.Type = entity.Person
	case strings.EqualFold(class, "E"):
		b.e.Type = entity.Organization
	default:
		if t, ok := entity.ParseType(code); ok {
			b.e.Type = t
		} else if t, ok := entity.ParseType(class); ok {
			b.e.Type = t
		}
	}
	if b.e.Type == entity.Unknown || code != "" && !strings.EqualFold(code, "person") && !strings.EqualFold(code, "enterprise") {
		b.remark("Subject type: %s", field.JoinNonEmpty(" ", code, class))
	}
}

// nameAlias reads a nameAlias; ok is false when it has no name.
func (b *builder) nameAlias(n *xmltree.Node) (candidate, bool) {
	first, middle, last := n.Attr("firstName"), n.Attr("middleName"), n.Attr("lastName")
	title := n.Attr("title")
	whole := n.Attr("wholeName")
	if whole == "" {
		whole = field.JoinNonEmpty(" ", first, middle, last)
	}
	lang := strings.ToLower(n.Attr("nameLanguage"))
	c := candidate{
		name:   entity.Name{Full: whole, Kind: entity.Alias, Lang: lang, Script: field.NonLatin(whole)},
		strong: !strings.EqualFold(n.Attr("strong"), "false"),
	}
	c.name.Weak = !c.strong
	if p := (entity.NameParts{Title: title, Given: first, Middle: middle, Family: last}); !p.IsZero() {
		c.name.Parts = &p
	}
	if g := n.Attr("gender"); g != "" {
		if pg := entity.ParseGender(g); pg == "" {
			b.remark("Gender: %s", g)
		} else if b.e.Gender == "" {
			b.e.Gender = pg
		}
	}
	if f := n.Attr("function"); f != "" {
		b.functions = append(b.functions, f)
	}
	if title != "" {
		b.titles = append(b.titles, title)
	}
	var notes []string
	for _, k := range n.Kids {
		switch k.Name {
		case "regulationSummary":
		case "remark":
			notes = append(notes, k.Value())
		default:
			notes = append(notes, k.Flatten())
		}
	}
	notes = append(notes, n.ExtraAttrs(nameAttrs)...)
	if note := field.JoinNonEmpty("; ", notes...); note != "" {
		if whole != "" {
			b.remark("Name %q: %s", whole, note)
		} else {
			b.remark("Name with no text: %s", note)
		}
	}
	return c, whole != ""
}

// countryCode returns the ISO code of a country given by ISO code and
// description; "00" and "UNKNOWN" are the FSF's unknown country.
func countryCode(iso2, desc string) string {
	if iso2 != "" && iso2 != "00" {
		if c := country.Code(iso2); c != "" {
			return c
		}
	}
	if desc != "" && !strings.EqualFold(desc, "UNKNOWN") {
		return country.Code(desc)
	}
	return ""
}

// countryText is what the FSF says of a country, for Remarks and addresses.
func countryText(iso2, desc string) string {
	if desc != "" && !strings.EqualFold(desc, "UNKNOWN") {
		return desc
	}
	if iso2 == "00" {
		return ""
	}
	return iso2
}

// citizenship reads a citizenship.
func (b *builder) citizenship(n *xmltree.Node) {
	iso2, desc := n.Attr("countryIso2Code"), n.Attr("countryDescription")
	c := countryCode(iso2, desc)
	if c != "" {
		b.e.Citizenships = append(b.e.Citizenships, c)
	}
	notes := []string{n.Attr("region")}
	if c == "" {
		notes = append(notes, countryText(iso2, desc))
	}
	notes = append(notes, childNotes(n)...)
	notes = append(notes, n.ExtraAttrs(citizenAttrs)...)
	if note := field.JoinNonEmpty("; ", notes...); note != "" {
		if c != "" {
			b.remark("Citizenship %s: %s", c, note)
		} else {
			b.remark("Citizenship: %s", note)
		}
	}
}

// childNotes returns the remark children of a detail element, and the
// flattened text of children the package does not know.
func childNotes(n *xmltree.Node) []string {
	var out []string
	for _, k := range n.Kids {
		switch k.Name {
		case "regulationSummary":
		case "remark":
			out = append(out, k.Value())
		default:
			out = append(out, k.Flatten())
		}
	}
	return out
}

// birthdate reads a birthdate: a date of birth and a place of birth.
func (b *builder) birthdate(n *xmltree.Node) {
	cal := n.Attr("calendarType")
	gregorian := cal == "" || strings.EqualFold(cal, "GREGORIAN")
	raw := field.JoinNonEmpty(" ", n.Attr("birthdate"), field.JoinNonEmpty("-", n.Attr("year"),
		first(n.Attr("monthOfYear"), n.Attr("month")), first(n.Attr("dayOfMonth"), n.Attr("day"))))
	var d entity.Date
	var err error
	from, to := n.Attr("yearRangeFrom"), n.Attr("yearRangeTo")
	switch {
	case n.Attr("birthdate") != "":
		d, err = entity.ParseDate(n.Attr("birthdate"))
	case n.Attr("year") != "":
		d, err = partialDate(n.Attr("year"), first(n.Attr("monthOfYear"), n.Attr("month")), first(n.Attr("dayOfMonth"), n.Attr("day")))
	case from != "" || to != "":
		raw = field.JoinNonEmpty(" to ", from, to)
		if from == "" || to == "" {
			err = errors.New("open range")
		} else {
			d, err = entity.ParseDate(from + " to " + to)
			if err == nil && (d.Month != 0 || d.ToMonth != 0) {
				err = errors.New("not a year range")
			}
		}
	case first(n.Attr("monthOfYear"), n.Attr("month"), n.Attr("dayOfMonth"), n.Attr("day")) != "":
		raw = "month " + first(n.Attr("monthOfYear"), n.Attr("month")) + ", day " + first(n.Attr("dayOfMonth"), n.Attr("day"))
		err = errors.New("no year")
	}
	if strings.EqualFold(n.Attr("circa"), "true") {
		d.Circa = true
	}
	notes := childNotes(n)
	notes = append(notes, n.ExtraAttrs(birthAttrs)...)
	switch {
	case raw == "":
	case !gregorian:
		notes = append([]string{raw + " (" + strings.ToLower(cal) + " calendar)"}, notes...)
	case err != nil || !d.Valid():
		notes = append([]string{raw}, notes...)
	default:
		b.e.AddBirthDate(d)
	}
	place := field.JoinNonEmpty(", ", n.Attr("place"), n.Attr("city"), n.Attr("zipCode"), n.Attr("region"),
		countryText(n.Attr("countryIso2Code"), n.Attr("countryDescription")))
	if place != "" {
		b.e.BirthPlaces = append(b.e.BirthPlaces, place)
	}
	if note := field.JoinNonEmpty("; ", notes...); note != "" {
		what := "Date of birth"
		if !d.IsZero() && gregorian && err == nil && d.Valid() {
			what += " " + d.String()
		}
		b.remark("%s: %s", what, note)
	}
}

// partialDate builds a date from year, month and day numbers; month and
// day may be empty or "0".
func partialDate(year, month, day string) (entity.Date, error) {
	var d entity.Date
	var err error
	num := func(s string) int {
		if s == "" || err != nil {
			return 0
		}
		var n int
		n, err = strconv.Atoi(s)
		return n
	}
	d.Year, d.Month, d.Day = num(year), num(month), num(day)
	if err != nil {
		return entity.Date{}, err
	}
	if d.Month == 0 {
		d.Day = 0
	}
	if !d.Valid() {
		return entity.Date{}, fmt.Errorf("date %s-%s-%s out of range", year, month, day)
	}
	return d, nil
}

// first returns the first non-empty string.
func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// idType maps an FSF identificationTypeCode, or failing that its
// description, to an identifier kind.
func idType(code, desc string) entity.IDType {
	switch strings.ToLower(code) {
	case "passport":
		return entity.Passport
	case "id", "ssn":
		return entity.NationalID
	case "regnumber":
		return entity.Registration
	case "swiftbic":
		return entity.BIC
	case "imo":
		return entity.IMO
	case "fiscalcode":
		return entity.TaxID
	}
	if t := entity.ParseIDType(desc); t != entity.Other {
		return t
	}
	return entity.ParseIDType(code)
}

// identification reads an identification document or number.
func (b *builder) identification(n *xmltree.Node) {
	code, desc := n.Attr("identificationTypeCode"), n.Attr("identificationTypeDescription")
	iso2, cdesc := n.Attr("countryIso2Code"), n.Attr("countryDescription")
	id := entity.Identifier{Type: idType(code, desc), Country: countryCode(iso2, cdesc)}
	notes := []string{first(desc, code)}
	if id.Country == "" {
		if c := countryText(iso2, cdesc); c != "" {
			notes = append(notes, "country "+c)
		}
	}
	for _, f := range []struct{ attr, text string }{
		{"diplomatic", "diplomatic"}, {"knownExpired", "known expired"}, {"knownFalse", "known false"},
		{"reportedLost", "reported lost"}, {"revokedByIssuer", "revoked by issuer"},
	} {
		if strings.EqualFold(n.Attr(f.attr), "true") {
			notes = append(notes, f.text)
		}
	}
	for _, f := range []struct{ attr, text string }{
		{"issuedBy", "issued by "}, {"issuedDate", "issued "}, {"validFrom", "valid from "}, {"validTo", "valid to "},
		{"nameOnDocument", "name on document: "}, {"region", "region "},
	} {
		if v := n.Attr(f.attr); v != "" {
			notes = append(notes, f.text+v)
		}
	}
	notes = append(notes, childNotes(n)...)
	notes = append(notes, n.ExtraAttrs(idAttrs)...)
	note := field.JoinNonEmpty("; ", notes...)

	number, docNumber, latin := n.Attr("number"), n.Attr("documentNumber"), n.Attr("latinNumber")
	if number == "" && docNumber == "" && latin == "" {
		if note != "" {
			b.remark("Identification: %s", note)
		}
		return
	}
	type value struct{ v, note string }
	values := []value{{number, ""}}
	if docNumber != number {
		values = append(values, value{docNumber, "document number"})
	}
	if latin != number && latin != docNumber {
		values = append(values, value{latin, "number in Latin letters"})
	}
	for _, v := range values {
		if v.v == "" {
			continue
		}
		id.Value = v.v
		id.Note = field.JoinNonEmpty("; ", note, v.note)
		b.e.AddIdentifier(id)
	}
}

// address reads an address.
func (b *builder) address(n *xmltree.Node) {
	iso2, cdesc := n.Attr("countryIso2Code"), n.Attr("countryDescription")
	ad := entity.Address{
		Street:     n.Attr("street"),
		City:       n.Attr("city"),
		Region:     n.Attr("region"),
		PostalCode: n.Attr("zipCode"),
		Country:    countryCode(iso2, cdesc),
	}
	poBox := n.Attr("poBox")
	if poBox != "" && !strings.Contains(strings.ToLower(poBox), "box") {
		poBox = "P.O. Box " + poBox
	}
	ad.Full = field.JoinNonEmpty(", ", ad.Street, poBox, n.Attr("place"), ad.City, ad.PostalCode, ad.Region, countryText(iso2, cdesc))
	var notes []string
	if strings.EqualFold(n.Attr("asAtListingTime"), "true") {
		notes = append(notes, "as at listing time")
	}
	if v := n.Attr("contactInfo"); v != "" {
		notes = append(notes, "contact: "+v)
	}
	for _, k := range n.Kids {
		switch k.Name {
		case "regulationSummary":
		case "remark":
			notes = append(notes, k.Value())
		case "contactInfo":
			notes = append(notes, field.JoinNonEmpty(": ", k.Attr("key"), first(k.Attr("value"), k.Value())))
		default:
			notes = append(notes, k.Flatten())
		}
	}
	notes = append(notes, n.ExtraAttrs(addressAttrs)...)
	if ad.Full != "" {
		b.e.Addresses = append(b.e.Addresses, ad)
		if ad.Country != "" {
			b.e.Countries = append(b.e.Countries, ad.Country)
		}
	}
	if note := field.JoinNonEmpty("; ", notes...); note != "" {
		if ad.Full != "" {
			b.remark("Address %s: %s", ad.Full, note)
		} else {
			b.remark("Address: %s", note)
		}
	}
}
