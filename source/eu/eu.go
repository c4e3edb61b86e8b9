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
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
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
	root, rest := rootElement(head)
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

// rootElement returns the local name of the first element in head,
// skipping the XML declaration, processing instructions, comments, a
// DOCTYPE and white space, and the bytes from that element on. It returns
// "" when head starts with anything else.
func rootElement(head []byte) (string, []byte) {
	b := bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return "", nil
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return "", nil
			}
			b = b[i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			i := bytes.IndexByte(b, '>')
			if i < 0 {
				return "", nil
			}
			b = b[i+1:]
		case bytes.HasPrefix(b, []byte("<")):
			end := bytes.IndexAny(b[1:], " \t\r\n/>")
			if end < 0 {
				return "", nil
			}
			name := string(b[1 : 1+end])
			if i := strings.IndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			return name, b
		default:
			return "", nil
		}
	}
}

// Parse reads an FSF export and emits one entity per sanctionEntity. A
// record with neither logicalId nor euReferenceNumber, or with no name, is
// reported in Report.Skipped. A file whose root is not an FSF "export", or
// that is empty, gives an error wrapping source.ErrNotList; one that ends
// inside an element, source.ErrTruncated.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if in.R == nil {
		return rep, fmt.Errorf("%s: no content: %w", in.Name, source.ErrNotList)
	}
	d := newDecoder(in.R)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rep, fmt.Errorf("%s: no XML element: %w", in.Name, source.ErrNotList)
		}
		if err != nil {
			return rep, fmt.Errorf("%s:%d: not an EU FSF XML file: %w: %w", in.Name, syntaxLine(d, err), source.ErrNotList, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "export" {
			return rep, fmt.Errorf("%s: root element is <%s>, not <export>: %w", in.Name, se.Name.Local, source.ErrNotList)
		}
		if ns := se.Name.Space; ns != "" && !knownNamespace(ns) {
			return rep, fmt.Errorf("%s: root element <export> is in namespace %q, not the FSF one: %w", in.Name, ns, source.ErrNotList)
		}
		for _, a := range se.Attr {
			if a.Name.Local == "generationDate" {
				rep.Published = isoDay(a.Value)
			}
		}
		break
	}
	for depth := 1; depth > 0; {
		tok, err := d.Token()
		if err != nil {
			return rep, readError(in.Name, d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "sanctionEntity" {
				depth++
				continue
			}
			if err := source.CheckContext(ctx, rep.Records); err != nil {
				return rep, err
			}
			line, _ := d.InputPos()
			n, err := readElement(d, t)
			if err != nil {
				return rep, readError(in.Name, d, err)
			}
			rep.Records++
			e, prob := convert(n)
			if prob != nil {
				prob.File, prob.Line = in.Name, line
				rep.Skip(*prob)
				continue
			}
			if err := emit(e); err != nil {
				return rep, err
			}
		case xml.EndElement:
			depth--
		}
	}
	return rep, nil
}

func knownNamespace(ns string) bool {
	for _, k := range namespaces {
		if ns == k {
			return true
		}
	}
	return false
}

func readError(name string, d *xml.Decoder, err error) error {
	if err == io.EOF || isTruncation(err) {
		return fmt.Errorf("%s:%d: %w: %w", name, syntaxLine(d, err), source.ErrTruncated, err)
	}
	return fmt.Errorf("%s:%d: %w", name, syntaxLine(d, err), err)
}

// isoDay returns the ISO date at the start of s
// ("2026-02-02T17:26:53.906+01:00" → "2026-02-02"), or "" when s does not
// start with a full date.
func isoDay(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	d, err := entity.ParseISODate(s[:10])
	if err != nil || d.Day == 0 {
		return ""
	}
	return d.String()
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
func convert(n *node) (*entity.Entity, *source.Problem) {
	logicalID, euRef, unID := n.attr("logicalId"), n.attr("euReferenceNumber"), n.attr("unitedNationId")
	id := logicalID
	if id == "" {
		id = euRef
	}
	if id == "" {
		var whole string
		if a := n.child("nameAlias"); a != nil {
			whole = a.attr("wholeName")
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
	for _, k := range n.kids {
		switch k.name {
		case "remark":
			if v := k.value(); v != "" {
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
			if f := k.flatten(); f != "" {
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

	if d := n.attr("designationDate"); d != "" {
		if b.e.ListedOn = isoDay(d); b.e.ListedOn == "" {
			b.remark("Designation date: %s", d)
		}
	}
	if b.e.ListedOn == "" {
		b.e.ListedOn = firstPublished
	}
	head := entityRemarks
	if v := n.attr("designationDetails"); v != "" {
		head = append(head, "Designation details: "+v)
	}
	head = append(head, regulations...)
	if extra := n.extraAttrs(entityAttrs); len(extra) > 0 {
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
func (b *builder) regulation(n *node) (line, published string) {
	if p := n.attr("programme"); p != "" {
		b.e.Programs = append(b.e.Programs, p)
	}
	published = isoDay(n.attr("publicationDate"))
	var kind []string
	for _, a := range []string{"regulationType", "organisationType"} {
		if v := n.attr(a); v != "" {
			kind = append(kind, v)
		}
	}
	parts := []string{"Regulation " + n.attr("numberTitle")}
	if len(kind) > 0 {
		parts[0] += " (" + strings.Join(kind, ", ") + ")"
	}
	if v := n.attr("programme"); v != "" {
		parts = append(parts, "programme "+v)
	}
	if v := n.attr("publicationDate"); v != "" {
		parts = append(parts, "published "+v)
	}
	if v := n.attr("entryIntoForceDate"); v != "" {
		parts = append(parts, "in force "+v)
	}
	url := n.get("publicationUrl")
	if url == "" {
		url = n.attr("publicationUrl")
	}
	if url != "" {
		parts = append(parts, url)
	}
	parts = append(parts, n.extraAttrs(regAttrs)...)
	for _, k := range n.kids {
		if k.name != "publicationUrl" {
			parts = append(parts, k.flatten())
		}
	}
	line = joinNonEmpty(", ", parts...)
	if line == "Regulation" {
		line = ""
	}
	return line, published
}

// subjectType reads the entity's type: code "person" or "enterprise",
// else classificationCode "P" or "E", else any other word for a type.
func (b *builder) subjectType(n *node) {
	code, class := n.attr("code"), n.attr("classificationCode")
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
		b.remark("Subject type: %s", joinNonEmpty(" ", code, class))
	}
}

// nameAlias reads a nameAlias; ok is false when it has no name.
func (b *builder) nameAlias(n *node) (candidate, bool) {
	first, middle, last := n.attr("firstName"), n.attr("middleName"), n.attr("lastName")
	title := n.attr("title")
	whole := n.attr("wholeName")
	if whole == "" {
		whole = joinNonEmpty(" ", first, middle, last)
	}
	lang := strings.ToLower(n.attr("nameLanguage"))
	c := candidate{
		name:   entity.Name{Full: whole, Kind: entity.Alias, Lang: lang, Script: hasNonLatin(whole)},
		strong: !strings.EqualFold(n.attr("strong"), "false"),
	}
	c.name.Weak = !c.strong
	if p := (entity.NameParts{Title: title, Given: first, Middle: middle, Family: last}); !p.IsZero() {
		c.name.Parts = &p
	}
	if g := n.attr("gender"); g != "" {
		if pg := entity.ParseGender(g); pg == "" {
			b.remark("Gender: %s", g)
		} else if b.e.Gender == "" {
			b.e.Gender = pg
		}
	}
	if f := n.attr("function"); f != "" {
		b.functions = append(b.functions, f)
	}
	if title != "" {
		b.titles = append(b.titles, title)
	}
	var notes []string
	for _, k := range n.kids {
		switch k.name {
		case "regulationSummary":
		case "remark":
			notes = append(notes, k.value())
		default:
			notes = append(notes, k.flatten())
		}
	}
	notes = append(notes, n.extraAttrs(nameAttrs)...)
	if note := joinNonEmpty("; ", notes...); note != "" {
		if whole != "" {
			b.remark("Name %q: %s", whole, note)
		} else {
			b.remark("Name with no text: %s", note)
		}
	}
	return c, whole != ""
}

// hasNonLatin reports whether s has a letter of a script other than Latin.
func hasNonLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
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
func (b *builder) citizenship(n *node) {
	iso2, desc := n.attr("countryIso2Code"), n.attr("countryDescription")
	c := countryCode(iso2, desc)
	if c != "" {
		b.e.Citizenships = append(b.e.Citizenships, c)
	}
	notes := []string{n.attr("region")}
	if c == "" {
		notes = append(notes, countryText(iso2, desc))
	}
	notes = append(notes, childNotes(n)...)
	notes = append(notes, n.extraAttrs(citizenAttrs)...)
	if note := joinNonEmpty("; ", notes...); note != "" {
		if c != "" {
			b.remark("Citizenship %s: %s", c, note)
		} else {
			b.remark("Citizenship: %s", note)
		}
	}
}

// childNotes returns the remark children of a detail element, and the
// flattened text of children the package does not know.
func childNotes(n *node) []string {
	var out []string
	for _, k := range n.kids {
		switch k.name {
		case "regulationSummary":
		case "remark":
			out = append(out, k.value())
		default:
			out = append(out, k.flatten())
		}
	}
	return out
}

// birthdate reads a birthdate: a date of birth and a place of birth.
func (b *builder) birthdate(n *node) {
	cal := n.attr("calendarType")
	gregorian := cal == "" || strings.EqualFold(cal, "GREGORIAN")
	raw := joinNonEmpty(" ", n.attr("birthdate"), joinNonEmpty("-", n.attr("year"),
		first(n.attr("monthOfYear"), n.attr("month")), first(n.attr("dayOfMonth"), n.attr("day"))))
	var d entity.Date
	var err error
	from, to := n.attr("yearRangeFrom"), n.attr("yearRangeTo")
	switch {
	case n.attr("birthdate") != "":
		d, err = entity.ParseDate(n.attr("birthdate"))
	case n.attr("year") != "":
		d, err = partialDate(n.attr("year"), first(n.attr("monthOfYear"), n.attr("month")), first(n.attr("dayOfMonth"), n.attr("day")))
	case from != "" || to != "":
		raw = joinNonEmpty(" to ", from, to)
		if from == "" || to == "" {
			err = errors.New("open range")
		} else {
			d, err = entity.ParseDate(from + " to " + to)
			if err == nil && (d.Month != 0 || d.ToMonth != 0) {
				err = errors.New("not a year range")
			}
		}
	case first(n.attr("monthOfYear"), n.attr("month"), n.attr("dayOfMonth"), n.attr("day")) != "":
		raw = "month " + first(n.attr("monthOfYear"), n.attr("month")) + ", day " + first(n.attr("dayOfMonth"), n.attr("day"))
		err = errors.New("no year")
	}
	if strings.EqualFold(n.attr("circa"), "true") {
		d.Circa = true
	}
	notes := childNotes(n)
	notes = append(notes, n.extraAttrs(birthAttrs)...)
	switch {
	case raw == "":
	case !gregorian:
		notes = append([]string{raw + " (" + strings.ToLower(cal) + " calendar)"}, notes...)
	case err != nil || !d.Valid():
		notes = append([]string{raw}, notes...)
	default:
		b.e.AddBirthDate(d)
	}
	place := joinNonEmpty(", ", n.attr("place"), n.attr("city"), n.attr("zipCode"), n.attr("region"),
		countryText(n.attr("countryIso2Code"), n.attr("countryDescription")))
	if place != "" {
		b.e.BirthPlaces = append(b.e.BirthPlaces, place)
	}
	if note := joinNonEmpty("; ", notes...); note != "" {
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
func (b *builder) identification(n *node) {
	code, desc := n.attr("identificationTypeCode"), n.attr("identificationTypeDescription")
	iso2, cdesc := n.attr("countryIso2Code"), n.attr("countryDescription")
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
		if strings.EqualFold(n.attr(f.attr), "true") {
			notes = append(notes, f.text)
		}
	}
	for _, f := range []struct{ attr, text string }{
		{"issuedBy", "issued by "}, {"issuedDate", "issued "}, {"validFrom", "valid from "}, {"validTo", "valid to "},
		{"nameOnDocument", "name on document: "}, {"region", "region "},
	} {
		if v := n.attr(f.attr); v != "" {
			notes = append(notes, f.text+v)
		}
	}
	notes = append(notes, childNotes(n)...)
	notes = append(notes, n.extraAttrs(idAttrs)...)
	note := joinNonEmpty("; ", notes...)

	number, docNumber, latin := n.attr("number"), n.attr("documentNumber"), n.attr("latinNumber")
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
		id.Note = joinNonEmpty("; ", note, v.note)
		b.e.AddIdentifier(id)
	}
}

// address reads an address.
func (b *builder) address(n *node) {
	iso2, cdesc := n.attr("countryIso2Code"), n.attr("countryDescription")
	ad := entity.Address{
		Street:     n.attr("street"),
		City:       n.attr("city"),
		Region:     n.attr("region"),
		PostalCode: n.attr("zipCode"),
		Country:    countryCode(iso2, cdesc),
	}
	poBox := n.attr("poBox")
	if poBox != "" && !strings.Contains(strings.ToLower(poBox), "box") {
		poBox = "P.O. Box " + poBox
	}
	ad.Full = joinNonEmpty(", ", ad.Street, poBox, n.attr("place"), ad.City, ad.PostalCode, ad.Region, countryText(iso2, cdesc))
	var notes []string
	if strings.EqualFold(n.attr("asAtListingTime"), "true") {
		notes = append(notes, "as at listing time")
	}
	if v := n.attr("contactInfo"); v != "" {
		notes = append(notes, "contact: "+v)
	}
	for _, k := range n.kids {
		switch k.name {
		case "regulationSummary":
		case "remark":
			notes = append(notes, k.value())
		case "contactInfo":
			notes = append(notes, joinNonEmpty(": ", k.attr("key"), first(k.attr("value"), k.value())))
		default:
			notes = append(notes, k.flatten())
		}
	}
	notes = append(notes, n.extraAttrs(addressAttrs)...)
	if ad.Full != "" {
		b.e.Addresses = append(b.e.Addresses, ad)
		if ad.Country != "" {
			b.e.Countries = append(b.e.Countries, ad.Country)
		}
	}
	if note := joinNonEmpty("; ", notes...); note != "" {
		if ad.Full != "" {
			b.remark("Address %s: %s", ad.Full, note)
		} else {
			b.remark("Address: %s", note)
		}
	}
}

// joinNonEmpty joins the non-empty strings of parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
