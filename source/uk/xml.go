package uk

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/ianaindex"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// The XML's elements. Repeated details sit in a container element
// (PassportDetails, DOBs, ...) whose children are read whatever their
// name, so that an item element renamed by the publisher is not lost.
type xmlDesignation struct {
	LastUpdated          string          `xml:"LastUpdated"`
	DateDesignated       string          `xml:"DateDesignated"`
	UniqueID             string          `xml:"UniqueID"`
	OFSIGroupID          string          `xml:"OFSIGroupID"`
	UNReferenceNumber    string          `xml:"UNReferenceNumber"`
	Names                []xmlName       `xml:"Names>Name"`
	NonLatinNames        []xmlNonLatin   `xml:"NonLatinNames>NonLatinName"`
	Titles               xmlList         `xml:"Titles"`
	RegimeName           []string        `xml:"RegimeName"`
	IndividualEntityShip string          `xml:"IndividualEntityShip"`
	DesignationSource    string          `xml:"DesignationSource"`
	SanctionsImposed     string          `xml:"SanctionsImposed"`
	Indicators           xmlList         `xml:"SanctionsImposedIndicators"`
	OtherInformation     string          `xml:"OtherInformation"`
	Reasons              string          `xml:"UKStatementofReasons"`
	Addresses            []xmlAddress    `xml:"Addresses>Address"`
	Phones               xmlList         `xml:"PhoneNumbers"`
	Emails               xmlList         `xml:"EmailAddresses"`
	Websites             xmlList         `xml:"Websites"`
	Individuals          []xmlIndividual `xml:"IndividualDetails>Individual"`
	Entities             []xmlEntity     `xml:"EntityDetails>Entity"`
	Ships                []xmlShip       `xml:"ShipDetails>Ship"`
	Crypto               xmlList         `xml:"CryptoWalletAddresses"`
	Other                []xmlAny        `xml:",any"`
}

type xmlName struct {
	Name1         string   `xml:"Name1"`
	Name2         string   `xml:"Name2"`
	Name3         string   `xml:"Name3"`
	Name4         string   `xml:"Name4"`
	Name5         string   `xml:"Name5"`
	Name6         string   `xml:"Name6"`
	NameType      string   `xml:"NameType"`
	AliasStrength string   `xml:"AliasStrength"`
	Title         string   `xml:"Title"`
	Other         []xmlAny `xml:",any"`
}

type xmlNonLatin struct {
	Name     string `xml:"NameNonLatinScript"`
	Script   string `xml:"NonLatinScriptType"`
	Language string `xml:"NonLatinScriptLanguage"`
}

type xmlAddress struct {
	Line1      string   `xml:"AddressLine1"`
	Line2      string   `xml:"AddressLine2"`
	Line3      string   `xml:"AddressLine3"`
	Line4      string   `xml:"AddressLine4"`
	Line5      string   `xml:"AddressLine5"`
	Line6      string   `xml:"AddressLine6"`
	PostalCode string   `xml:"AddressPostalCode"`
	Country    string   `xml:"AddressCountry"`
	Other      []xmlAny `xml:",any"`
}

type xmlIndividual struct {
	DOBs          xmlList  `xml:"DOBs"`
	Nationalities xmlList  `xml:"Nationalities"`
	Positions     xmlList  `xml:"Positions"`
	Genders       xmlList  `xml:"Genders"`
	Titles        xmlList  `xml:"Titles"`
	Title         []string `xml:"Title"`
	BirthDetails  struct {
		Locations []xmlBirth `xml:",any"`
	} `xml:"BirthDetails"`
	Passports struct {
		Items []xmlDocument `xml:",any"`
	} `xml:"PassportDetails"`
	NationalIDs struct {
		Items []xmlDocument `xml:",any"`
	} `xml:"NationalIdentifierDetails"`
	Other []xmlAny `xml:",any"`
}

type xmlBirth struct {
	Town    string   `xml:"TownOfBirth"`
	Country string   `xml:"CountryOfBirth"`
	Other   []xmlAny `xml:",any"`
}

// xmlDocument is a passport or a national identifier.
type xmlDocument struct {
	PassportNumber string   `xml:"PassportNumber"`
	PassportInfo   string   `xml:"PassportAdditionalInformation"`
	NationalNumber string   `xml:"NationalIdentifierNumber"`
	NationalInfo   string   `xml:"NationalIdentifierAdditionalInformation"`
	Other          []xmlAny `xml:",any"`
}

type xmlEntity struct {
	Registrations xmlList  `xml:"BusinessRegistrationNumbers"`
	Types         xmlList  `xml:"TypeOfEntities"`
	Parents       xmlList  `xml:"ParentCompanies"`
	Subsidiaries  xmlList  `xml:"Subsidiaries"`
	Other         []xmlAny `xml:",any"`
}

type xmlShip struct {
	IMONumbers     xmlList  `xml:"IMONumbers"`
	Owners         xmlList  `xml:"CurrentOwnerOperators"`
	PreviousOwners xmlList  `xml:"PreviousOwnerOperators"`
	Flags          xmlList  `xml:"CurrentBelievedFlagOfShips"`
	PreviousFlags  xmlList  `xml:"PreviousFlags"`
	Types          xmlList  `xml:"TypeOfShipDetails"`
	Tonnages       xmlList  `xml:"TonnageOfShipDetails"`
	Lengths        xmlList  `xml:"LengthOfShipDetails"`
	YearsBuilt     xmlList  `xml:"YearsBuilt"`
	HINs           xmlList  `xml:"HullIdentificationNumbers"`
	Other          []xmlAny `xml:",any"`
}

// xmlList is a container of text items, whatever the items' name.
type xmlList struct {
	Items []xmlAny `xml:",any"`
	Text  string   `xml:",chardata"`
}

// values returns the items' texts (or the container's own text when it
// has no items).
func (l xmlList) values() []string {
	var out []string
	for _, it := range l.Items {
		if s := strings.TrimSpace(it.text()); s != "" {
			out = append(out, s)
		}
	}
	if len(l.Items) == 0 {
		if s := strings.TrimSpace(l.Text); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// xmlAny is an element the parser has no field for.
type xmlAny struct {
	XMLName  xml.Name
	Text     string   `xml:",chardata"`
	Children []xmlAny `xml:",any"`
}

func (a xmlAny) text() string {
	if len(a.Children) == 0 {
		return a.Text
	}
	parts := make([]string, 0, len(a.Children))
	for _, c := range a.Children {
		if s := strings.TrimSpace(c.text()); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// remarkOthers keeps the elements the parser does not know in the
// remarks.
func remarkOthers(r *remarks, others []xmlAny) {
	for _, o := range others {
		r.add(o.XMLName.Local, entity.CleanSpace(o.text()))
	}
}

// SniffXML reports the full list as XML: a <Designations> root holding
// <Designation> or <DateGenerated> elements.
func SniffXML(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	i := bytes.Index(head, []byte("<Designations"))
	if i < 0 || i+len("<Designations") >= len(head) {
		return false
	}
	// The root: only a prolog, comments and white space before it.
	prolog := head[:i]
	for len(prolog) > 0 {
		prolog = bytes.TrimLeft(prolog, " \t\r\n")
		switch {
		case len(prolog) == 0:
		case bytes.HasPrefix(prolog, []byte("<?")):
			j := bytes.Index(prolog, []byte("?>"))
			if j < 0 {
				return false
			}
			prolog = prolog[j+2:]
		case bytes.HasPrefix(prolog, []byte("<!--")):
			j := bytes.Index(prolog, []byte("-->"))
			if j < 0 {
				return false
			}
			prolog = prolog[j+3:]
		default:
			return false
		}
	}
	if c := head[i+len("<Designations")]; c != '>' && c != ' ' && c != '\t' && c != '\r' && c != '\n' {
		return false
	}
	rest := head[i:]
	return bytes.Contains(rest, []byte("<Designation>")) || bytes.Contains(rest, []byte("<Designation ")) ||
		bytes.Contains(rest, []byte("<DateGenerated"))
}

// ParseXML reads the full list as XML, streaming one Designation at a
// time.
func ParseXML(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	br := bufio.NewReaderSize(in.R, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	dec := xml.NewDecoder(br)
	dec.CharsetReader = charsetReader
	root := false
	seen := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !root {
				return rep, fmt.Errorf("%s: %w: no XML root element", in.Name, source.ErrNotList)
			}
			return rep, nil
		}
		if err != nil {
			line, _ := dec.InputPos()
			switch {
			case !root:
				return rep, fmt.Errorf("%s:%d: %w: %v", in.Name, line, source.ErrNotList, err)
			case isXMLEOF(err):
				return rep, fmt.Errorf("%s:%d: %w: %v", in.Name, line, source.ErrTruncated, err)
			}
			return rep, fmt.Errorf("%s:%d: %w", in.Name, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !root {
				if t.Name.Local != "Designations" {
					return rep, fmt.Errorf("%s: %w: root element is <%s>, not <Designations>", in.Name, source.ErrNotList, t.Name.Local)
				}
				root = true
				continue
			}
			line, _ := dec.InputPos()
			switch t.Name.Local {
			case "DateGenerated":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return rep, xmlErr(in.Name, line, err)
				}
				if d, ok := ukDate(s); ok {
					rep.Published = d.String()
				}
			case "Designation":
				var d xmlDesignation
				if err := dec.DecodeElement(&d, &t); err != nil {
					return rep, xmlErr(in.Name, line, err)
				}
				rep.Records++
				if err := source.CheckContext(ctx, rep.Records); err != nil {
					return rep, err
				}
				e, field, perr := d.entity(seen, line)
				if perr != nil {
					rep.Skip(source.Problem{File: in.Name, Line: line, Record: entity.CleanSpace(d.UniqueID), Field: field, Err: perr})
					continue
				}
				if err := emit(e); err != nil {
					return rep, err
				}
			default:
				// Not part of the published layout: say so rather than
				// drop it unseen (it could wrap designations).
				if err := dec.Skip(); err != nil {
					return rep, xmlErr(in.Name, line, err)
				}
				rep.Skip(source.Problem{File: in.Name, Line: line, Field: t.Name.Local,
					Err: fmt.Errorf("unexpected element <%s> in <Designations> skipped", t.Name.Local)})
			}
		}
	}
}

func xmlErr(file string, line int, err error) error {
	if isXMLEOF(err) {
		return fmt.Errorf("%s:%d: %w: %v", file, line, source.ErrTruncated, err)
	}
	return fmt.Errorf("%s:%d: %w", file, line, err)
}

// isXMLEOF reports the decoder's error for data ending inside the
// document.
func isXMLEOF(err error) bool {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var se *xml.SyntaxError
	return errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF")
}

// charsetReader decodes the rare list declared in another encoding than
// UTF-8.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return enc.NewDecoder().Reader(r), nil
}

// entity turns a Designation into an entity; on a bad one it returns the
// field at fault.
func (d *xmlDesignation) entity(seen map[string]int, line int) (*entity.Entity, string, error) {
	uid := entity.CleanSpace(d.UniqueID)
	if uid == "" {
		return nil, "UniqueID", errors.New("designation has no UniqueID")
	}
	if first, dup := seen[uid]; dup {
		return nil, "UniqueID", fmt.Errorf("UniqueID %s repeats the designation at line %d", uid, first)
	}
	seen[uid] = line
	b := newBuilder(uid)
	b.setType(d.IndividualEntityShip)
	b.addSourceID("OFSI:", d.OFSIGroupID)
	b.addSourceID("UN:", d.UNReferenceNumber)
	for _, r := range d.RegimeName {
		b.addProgram(r)
	}
	b.setListed(d.DateDesignated)
	for _, n := range d.Names {
		b.addName([6]string{n.Name1, n.Name2, n.Name3, n.Name4, n.Name5, n.Name6}, n.NameType, n.AliasStrength, n.Title)
		remarkOthers(&b.rem, n.Other)
	}
	for _, n := range d.NonLatinNames {
		b.addNonLatin(n.Name, n.Script, n.Language)
	}
	for _, t := range d.Titles.values() {
		b.addTitle(t)
	}
	b.rem.add("Designation source", d.DesignationSource)
	if s := entity.CleanSpace(d.SanctionsImposed); s != "" {
		b.rem.add("Sanctions imposed", s)
	} else {
		// Only the indicators: name those that are set.
		var set []string
		for _, it := range d.Indicators.Items {
			if v := strings.ToLower(strings.TrimSpace(it.Text)); v == "true" || v == "1" || v == "yes" {
				set = append(set, it.XMLName.Local)
			}
		}
		b.rem.add("Sanctions imposed", strings.Join(set, ", "))
	}
	b.rem.add("Last updated", d.LastUpdated)
	for _, a := range d.Addresses {
		b.addAddress([6]string{a.Line1, a.Line2, a.Line3, a.Line4, a.Line5, a.Line6}, a.PostalCode, a.Country)
		remarkOthers(&b.rem, a.Other)
	}
	for _, s := range d.Phones.values() {
		b.rem.add("Phone", s)
	}
	for _, s := range d.Websites.values() {
		b.rem.add("Website", s)
	}
	for _, s := range d.Emails.values() {
		b.rem.add("Email", s)
	}
	for _, ind := range d.Individuals {
		for _, s := range ind.DOBs.values() {
			b.addDOB(s)
		}
		for _, s := range ind.Nationalities.values() {
			b.addNationality(s)
		}
		for _, s := range ind.Positions.values() {
			b.addPosition(s)
		}
		for _, s := range ind.Genders.values() {
			b.addGender(s)
		}
		for _, s := range append(ind.Titles.values(), ind.Title...) {
			b.addTitle(s)
		}
		for _, l := range ind.BirthDetails.Locations {
			b.addBirthPlace(l.Town, l.Country)
			remarkOthers(&b.rem, l.Other)
		}
		for _, p := range ind.Passports.Items {
			b.addDocument(entity.Passport, "Passport", p.PassportNumber, p.PassportInfo)
			remarkOthers(&b.rem, p.Other)
		}
		for _, p := range ind.NationalIDs.Items {
			b.addDocument(entity.NationalID, "National identifier", p.NationalNumber, p.NationalInfo)
			remarkOthers(&b.rem, p.Other)
		}
		remarkOthers(&b.rem, ind.Other)
	}
	for _, en := range d.Entities {
		for _, s := range en.Registrations.values() {
			b.addRegistration(s)
		}
		for _, s := range en.Types.values() {
			b.rem.add("Type of entity", s)
		}
		for _, s := range en.Parents.values() {
			b.rem.add("Parent company", s)
		}
		for _, s := range en.Subsidiaries.values() {
			b.rem.add("Subsidiaries", s)
		}
		remarkOthers(&b.rem, en.Other)
	}
	for _, sh := range d.Ships {
		for _, s := range sh.IMONumbers.values() {
			b.addIMO(s)
		}
		for _, s := range sh.Owners.values() {
			addUnique(&b.owners, s)
		}
		for _, s := range sh.PreviousOwners.values() {
			b.rem.add("Previous owner/operator", s)
		}
		for _, s := range sh.Flags.values() {
			b.addFlag(s)
		}
		for _, s := range sh.PreviousFlags.values() {
			b.rem.add("Previous flags", s)
		}
		for _, s := range sh.Types.values() {
			addUnique(&b.shipTypes, s)
		}
		for _, s := range sh.Tonnages.values() {
			addUnique(&b.tonnages, s)
		}
		for _, s := range sh.Lengths.values() {
			b.rem.add("Length of ship", s)
		}
		for _, s := range sh.YearsBuilt.values() {
			b.rem.add("Year built", s)
		}
		for _, s := range sh.HINs.values() {
			b.addHIN(s)
		}
		remarkOthers(&b.rem, sh.Other)
	}
	for _, s := range d.Crypto.values() {
		b.e.AddIdentifier(entity.Identifier{Type: entity.Crypto, Value: s})
	}
	b.rem.add("Other information", d.OtherInformation)
	b.rem.add("UK statement of reasons", d.Reasons)
	remarkOthers(&b.rem, d.Other)
	e, field, err := b.finish()
	return e, field, err
}
