package ofacxml

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/field"
)

// Namespaces of the Advanced XML (sdn_advanced.xml, cons_advanced.xml).
const (
	// NamespaceAdvancedSLS is the namespace of the Sanctions List Service's
	// ADVANCED_XML.xsd.
	NamespaceAdvancedSLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
	// NamespaceAdvancedDelta is the namespace of OFAC's earlier Advanced
	// and delta files.
	NamespaceAdvancedDelta = "https://www.treasury.gov/ofac/DeltaFile/1.0"
	// NamespaceUNSanctions is the namespace of the UN "sanctions 1.0"
	// standard the format comes from, used by the first Advanced files.
	NamespaceUNSanctions = "http://www.un.org/sanctions/1.0"
)

const advancedRoot = "Sanctions"

// AdvancedFormat describes the OFAC Advanced XML format.
func AdvancedFormat() source.Format {
	return source.Format{
		Name:        "ofac-advanced-xml",
		Source:      sourceName,
		Description: "US Treasury OFAC SDN / Consolidated list, Advanced Sanctions List Standard XML (sdn_advanced.xml)",
		Sniff:       SniffAdvanced,
		Parse:       ParseAdvanced,
	}
}

// SniffAdvanced reports whether head is the start of an Advanced XML file:
// a Sanctions root element in one of the format's namespaces, or without
// namespace but followed by the format's ReferenceValueSets or
// DistinctParties.
func SniffAdvanced(name string, head []byte) bool {
	root, attrs, ok := sniffRoot(head)
	if !ok || root != advancedRoot {
		return false
	}
	for _, ns := range []string{NamespaceAdvancedSLS, NamespaceAdvancedDelta, NamespaceUNSanctions} {
		if bytes.Contains(attrs, []byte(ns)) {
			return true
		}
	}
	return bytes.Contains(head, []byte("<ReferenceValueSets")) || bytes.Contains(head, []byte("<DistinctParties"))
}

// The Advanced file is a set of tables joined by identifiers: reference
// values (countries, feature types, ...) first, then Locations and
// IDRegDocuments, the DistinctParties, their ProfileRelationships and the
// SanctionsEntries that give each party its programs and listing date.
// The parser reads every table into the compact records below and builds
// the entities once the document is complete, so it holds all parties
// until the end: about 100 MB of XML for 18,000 parties becomes a few tens
// of MB of records. The order of the tables does not matter.

type refKey struct{ set, id string }

type refValue struct {
	text  string
	iso2  string // Country
	code  string // Script: ScriptCode
	ptype string // PartySubType: PartyTypeID
	desc  string // AreaCode: Description
}

type point struct{ y, m, d int }

type period struct {
	startFrom, startTo, endFrom, endTo point
	approx                             bool
}

type namePart struct{ group, script, value string }

type docName struct {
	parts []namePart
}

type alias struct {
	typ           string
	primary, weak bool
	names         []docName
}

type partGroup struct{ id, typ string }

type identity struct {
	id      string
	aliases []alias
	groups  []partGroup
}

type detail struct{ typ, ref, text string }

type featureVersion struct {
	reliability, comment string
	dates                []period
	details              []detail
	locations            []string
}

type feature struct {
	typ      string
	versions []featureVersion
}

type party struct {
	line                int
	fixedRef, delta     string
	comment             string
	profileID, subType  string
	otherProfiles       []string
	identities          []identity
	features            []feature
	docs, entries, rels []int
}

type locValue struct {
	primary        bool
	value, comment string
}

type locPart struct {
	typ    string
	values []locValue
}

type location struct {
	areaCodes, countries []string
	parts                []locPart
}

type docDate struct {
	typ string
	p   period
}

type regDoc struct {
	line                                 int
	id, typ, identity, country, validity string
	issuedIn                             string // LocationID of the place of issue
	number, authority, comment           string
	dates                                []docDate
}

type event struct {
	date           point
	basis, comment string
}

type measure struct{ typ, comment string }

type sanctionsEntry struct {
	line              int
	id, profile, list string
	events            []event
	measures          []measure
}

type relation struct {
	line                   int
	from, to, typ, comment string
	former                 bool
}

type advancedParser struct {
	*doc

	refs      map[refKey]refValue
	locations map[string]*location
	docs      []regDoc
	parties   []party
	entries   []sanctionsEntry
	relations []relation
}

// sections maps the record elements to their table.
var sections = map[string]string{
	"Location":            "Locations",
	"IDRegDocument":       "IDRegDocuments",
	"DistinctParty":       "DistinctParties",
	"ProfileRelationship": "ProfileRelationships",
	"SanctionsEntry":      "SanctionsEntries",
}

// ParseAdvanced reads an Advanced XML file. Entities are emitted after the
// whole document has been read (see the memory note above), in the order
// of the DistinctParties.
func ParseAdvanced(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	d, err := openDoc(in, &rep, advancedRoot, advancedResyncAt)
	if err != nil {
		return rep, err
	}
	a := &advancedParser{doc: d,
		refs: make(map[refKey]refValue, 2048), locations: make(map[string]*location, 1<<14)}
	s := d.s
	err = d.walk(func() (record string, err error) {
		switch s.depth() {
		case 2:
			switch string(s.name) {
			case "DateOfIssue":
				var p point
				p, err = a.point()
				if date := (entity.Date{Year: p.y, Month: p.m, Day: p.d}); date.Valid() {
					rep.Published = date.String()
				}
			case "ReferenceValueSets", "Locations", "IDRegDocuments", "DistinctParties",
				"ProfileRelationships", "SanctionsEntries":
				// Descend into the table.
			default:
				err = s.skip()
			}
		case 3:
			section := string(s.at(1))
			name := string(s.name)
			switch {
			case section == "ReferenceValueSets":
				err = a.refSet()
			case sections[name] != section:
				err = s.skip()
			case name == "Location":
				record = "Location " + s.attrString("ID")
				err = a.location()
			case name == "IDRegDocument":
				record = "IDRegDocument " + s.attrString("ID")
				err = a.regDoc()
			case name == "DistinctParty":
				rep.Records++
				if err := source.CheckContext(ctx, rep.Records); err != nil {
					return "", stop(err)
				}
				record = "DistinctParty " + s.attrString("FixedRef")
				err = a.party()
			case name == "ProfileRelationship":
				record = "ProfileRelationship " + s.attrString("ID")
				err = a.relation()
			case name == "SanctionsEntry":
				record = "SanctionsEntry " + s.attrString("ID")
				err = a.sanctionsEntry()
			}
		default:
			err = s.skip()
		}
		return record, err
	})
	if err != nil {
		return rep, err
	}
	return rep, a.finish(ctx, emit)
}

// at returns the local name of the i-th open element (0 is the root).
func (s *scanner) at(i int) []byte {
	if i < 0 || i >= len(s.stack) {
		return nil
	}
	start := 0
	if i > 0 {
		start = s.stack[i-1]
	}
	return s.names[start:s.stack[i]]
}

// advancedResyncAt accepts the elements reading resumes at after broken
// markup: the next record, table or DateOfIssue.
func advancedResyncAt(name []byte) ([]string, bool) {
	n := string(name)
	if sec, ok := sections[n]; ok {
		return []string{sec}, true
	}
	switch n {
	case "ReferenceValueSets", "Locations", "IDRegDocuments", "DistinctParties",
		"ProfileRelationships", "SanctionsEntries", "DateOfIssue":
		return nil, true
	}
	return nil, false
}

// text reads the current element's text, cleaned.
func (a *advancedParser) text() (string, error) {
	t, err := a.s.text()
	return entity.CleanSpace(t), err
}

func (a *advancedParser) refSet() error {
	s := a.s
	return s.children(func(name []byte) error {
		key := refKey{set: string(name), id: s.attrString("ID")}
		rv := refValue{iso2: s.attrString("ISO2"), code: s.attrString("ScriptCode"),
			ptype: s.attrString("PartyTypeID"), desc: s.attrString("Description")}
		t, err := a.text()
		rv.text = t
		a.refs[key] = rv
		return err
	})
}

// ref returns the text of a reference value, "" when unknown.
func (a *advancedParser) ref(set, id string) string {
	if id == "" {
		return ""
	}
	return a.refs[refKey{set, id}].text
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// point reads a Year / Month / Day element group.
func (a *advancedParser) point() (point, error) {
	var p point
	s := a.s
	err := s.children(func(name []byte) error {
		return a.pointField(&p, name)
	})
	return p, err
}

func (a *advancedParser) pointField(p *point, name []byte) error {
	var dst *int
	switch string(name) {
	case "Year":
		dst = &p.y
	case "Month":
		dst = &p.m
	case "Day":
		dst = &p.d
	default:
		return a.s.skip()
	}
	t, err := a.s.text()
	*dst = atoi(t)
	return err
}

func isTrue(s string) bool { return s == "true" || s == "1" }

// period reads a DatePeriod: Start and End boundaries, each a From / To
// range of points.
func (a *advancedParser) period() (period, error) {
	var p period
	s := a.s
	err := s.children(func(name []byte) error {
		var from, to *point
		switch string(name) {
		case "Start":
			from, to = &p.startFrom, &p.startTo
		case "End":
			from, to = &p.endFrom, &p.endTo
		default:
			return s.skip()
		}
		if isTrue(s.attrString("Approximate")) {
			p.approx = true
		}
		return s.children(func(name []byte) error {
			var err error
			switch string(name) {
			case "From":
				*from, err = a.point()
			case "To":
				*to, err = a.point()
			case "Year", "Month", "Day":
				err = a.pointField(from, name)
				*to = *from
			default:
				err = s.skip()
			}
			return err
		})
	})
	return p, err
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// date turns a DatePeriod into the model's date. OFAC writes a year as
// 1 Jan – 31 Dec, a month as its first to last day, a range ("1960 to
// 1965") as the span of its ends, and "circa" with Approximate.
func (p period) date() (entity.Date, bool) {
	lo := p.startFrom
	for _, q := range []point{p.startTo, p.endFrom, p.endTo} {
		if lo.y == 0 {
			lo = q
		}
	}
	hi := p.endTo
	for _, q := range []point{p.endFrom, p.startTo, lo} {
		if hi.y == 0 {
			hi = q
		}
	}
	if lo.y == 0 {
		return entity.Date{}, false
	}
	var d entity.Date
	wholeYears := (lo.m <= 1 && lo.d <= 1) && (hi.m == 0 || hi.m == 12 && (hi.d == 0 || hi.d == 31))
	wholeMonths := lo.d <= 1 && (hi.d == 0 || hi.m > 0 && hi.d == daysIn(hi.y, hi.m))
	switch {
	case lo == hi:
		d = entity.Date{Year: lo.y, Month: lo.m, Day: lo.d}
	case wholeYears && lo.y == hi.y:
		d = entity.Date{Year: lo.y}
	case wholeYears:
		d = entity.Date{Year: lo.y, ToYear: hi.y}
	case wholeMonths && lo.y == hi.y && lo.m == hi.m:
		d = entity.Date{Year: lo.y, Month: lo.m}
	case wholeMonths:
		d = entity.Date{Year: lo.y, Month: lo.m, ToYear: hi.y, ToMonth: hi.m}
	default:
		d = entity.Date{Year: lo.y, Month: lo.m, Day: lo.d, ToYear: hi.y, ToMonth: hi.m, ToDay: hi.d}
	}
	if d.Month == 0 {
		d.Day = 0
	}
	if d.ToMonth == 0 {
		d.ToDay = 0
	}
	d.Circa = p.approx
	if !d.Valid() {
		return entity.Date{}, false
	}
	return d, true
}

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// ofacText writes the period the way OFAC writes dates in its remarks
// ("28 Oct 2008", "Oct 2008", "2008", "circa 1962"); ranges in ISO form.
func (p period) ofacText() string {
	d, ok := p.date()
	if !ok || d.IsRange() {
		return p.text()
	}
	s := fmt.Sprintf("%04d", d.Year)
	if d.Month >= 1 && d.Month <= 12 {
		s = monthAbbr[d.Month-1] + " " + s
		if d.Day > 0 {
			s = fmt.Sprintf("%02d %s", d.Day, s)
		}
	}
	if d.Circa {
		s = "circa " + s
	}
	return s
}

// text writes the period for remarks: its date, or its raw bounds.
func (p period) text() string {
	if d, ok := p.date(); ok {
		return d.String()
	}
	f := func(q point) string { return fmt.Sprintf("%04d-%02d-%02d", q.y, q.m, q.d) }
	return f(p.startFrom) + "/" + f(p.endTo)
}

func (a *advancedParser) location() error {
	s := a.s
	id := s.attrString("ID")
	loc := &location{}
	err := s.children(func(name []byte) error {
		switch string(name) {
		case "LocationAreaCode":
			loc.areaCodes = append(loc.areaCodes, s.attrString("AreaCodeID"))
		case "LocationCountry":
			loc.countries = append(loc.countries, s.attrString("CountryID"))
		case "LocationPart":
			part := locPart{typ: s.attrString("LocPartTypeID")}
			err := s.children(func(name []byte) error {
				if string(name) != "LocationPartValue" {
					return s.skip()
				}
				v := locValue{primary: s.attrString("Primary") != "false"}
				err := s.children(func(name []byte) error {
					var err error
					switch string(name) {
					case "Value":
						v.value, err = a.text()
					case "Comment":
						v.comment, err = a.text()
					default:
						err = s.skip()
					}
					return err
				})
				part.values = append(part.values, v)
				return err
			})
			loc.parts = append(loc.parts, part)
			return err
		}
		return s.skip()
	})
	if id != "" && err == nil {
		a.locations[id] = loc
	}
	return err
}

func (a *advancedParser) regDoc() error {
	s := a.s
	d := regDoc{line: s.tokLine, id: s.attrString("ID"), typ: s.attrString("IDRegDocTypeID"),
		identity: s.attrString("IdentityID"), country: s.attrString("IssuedBy-CountryID"),
		validity: s.attrString("ValidityID"), issuedIn: s.attrString("IssuedIn-LocationID")}
	err := s.children(func(name []byte) error {
		var err error
		switch string(name) {
		case "IDRegistrationNo":
			d.number, err = a.text()
		case "IssuingAuthority":
			d.authority, err = a.text()
		case "Comment":
			d.comment, err = a.text()
		case "DocumentDate":
			dd := docDate{typ: s.attrString("IDRegDocDateTypeID")}
			err = s.children(func(name []byte) error {
				if string(name) != "DatePeriod" {
					return s.skip()
				}
				var err error
				dd.p, err = a.period()
				return err
			})
			d.dates = append(d.dates, dd)
		default:
			err = s.skip()
		}
		return err
	})
	if err == nil {
		a.docs = append(a.docs, d)
	}
	return err
}

func (a *advancedParser) party() error {
	s := a.s
	a.parties = append(a.parties, party{line: s.tokLine, fixedRef: s.attrString("FixedRef"),
		delta: s.attrString("DeltaAction")})
	p := &a.parties[len(a.parties)-1]
	err := s.children(func(name []byte) error {
		switch string(name) {
		case "Comment":
			t, err := a.text()
			p.comment = joinNonEmpty("; ", p.comment, t)
			return err
		case "Profile":
			return a.profile(p)
		}
		return s.skip()
	})
	if err != nil {
		// A party whose markup is broken is reported, not half-read.
		a.parties = a.parties[:len(a.parties)-1]
	}
	return err
}

func (a *advancedParser) profile(p *party) error {
	s := a.s
	if id := s.attrString("ID"); p.profileID == "" {
		p.profileID, p.subType = id, s.attrString("PartySubTypeID")
	} else if id != "" {
		p.otherProfiles = append(p.otherProfiles, id)
	}
	return s.children(func(name []byte) error {
		switch string(name) {
		case "Identity":
			return a.identity(p)
		case "Feature":
			return a.feature(p)
		}
		return s.skip()
	})
}

func (a *advancedParser) identity(p *party) error {
	s := a.s
	id := identity{id: s.attrString("ID")}
	err := s.children(func(name []byte) error {
		switch string(name) {
		case "Alias":
			return a.alias(&id)
		case "NamePartGroups":
			return s.children(func(name []byte) error {
				if string(name) != "MasterNamePartGroup" {
					return s.skip()
				}
				return s.children(func(name []byte) error {
					if string(name) == "NamePartGroup" {
						id.groups = append(id.groups, partGroup{id: s.attrString("ID"), typ: s.attrString("NamePartTypeID")})
					}
					return s.skip()
				})
			})
		}
		return s.skip()
	})
	p.identities = append(p.identities, id)
	return err
}

func (a *advancedParser) alias(id *identity) error {
	s := a.s
	al := alias{typ: s.attrString("AliasTypeID"), primary: isTrue(s.attrString("Primary")),
		weak: isTrue(s.attrString("LowQuality"))}
	err := s.children(func(name []byte) error {
		if string(name) != "DocumentedName" {
			return s.skip()
		}
		var dn docName
		err := s.children(func(name []byte) error {
			if string(name) != "DocumentedNamePart" {
				return s.skip()
			}
			return s.children(func(name []byte) error {
				if string(name) != "NamePartValue" {
					return s.skip()
				}
				np := namePart{group: s.attrString("NamePartGroupID"), script: s.attrString("ScriptID")}
				var err error
				np.value, err = a.text()
				dn.parts = append(dn.parts, np)
				return err
			})
		})
		al.names = append(al.names, dn)
		return err
	})
	id.aliases = append(id.aliases, al)
	return err
}

func (a *advancedParser) feature(p *party) error {
	s := a.s
	f := feature{typ: s.attrString("FeatureTypeID")}
	err := s.children(func(name []byte) error {
		if string(name) != "FeatureVersion" {
			return s.skip()
		}
		v := featureVersion{reliability: s.attrString("ReliabilityID")}
		err := s.children(func(name []byte) error {
			var err error
			switch string(name) {
			case "Comment":
				var t string
				t, err = a.text()
				v.comment = joinNonEmpty("; ", v.comment, t)
			case "DatePeriod":
				var per period
				per, err = a.period()
				v.dates = append(v.dates, per)
			case "VersionDetail":
				d := detail{typ: s.attrString("DetailTypeID"), ref: s.attrString("DetailReferenceID")}
				d.text, err = a.text()
				v.details = append(v.details, d)
			case "VersionLocation":
				v.locations = append(v.locations, s.attrString("LocationID"))
				err = s.skip()
			default:
				err = s.skip()
			}
			return err
		})
		f.versions = append(f.versions, v)
		return err
	})
	p.features = append(p.features, f)
	return err
}

func (a *advancedParser) relation() error {
	s := a.s
	r := relation{line: s.tokLine, from: s.attrString("From-ProfileID"), to: s.attrString("To-ProfileID"),
		typ: s.attrString("RelationTypeID"), former: isTrue(s.attrString("Former"))}
	err := s.children(func(name []byte) error {
		if string(name) == "Comment" {
			var err error
			r.comment, err = a.text()
			return err
		}
		return s.skip()
	})
	if err == nil {
		a.relations = append(a.relations, r)
	}
	return err
}

func (a *advancedParser) sanctionsEntry() error {
	s := a.s
	se := sanctionsEntry{line: s.tokLine, id: s.attrString("ID"), profile: s.attrString("ProfileID"),
		list: s.attrString("ListID")}
	err := s.children(func(name []byte) error {
		switch string(name) {
		case "EntryEvent":
			ev := event{basis: s.attrString("LegalBasisID")}
			err := s.children(func(name []byte) error {
				var err error
				switch string(name) {
				case "Date":
					ev.date, err = a.point()
				case "Comment":
					ev.comment, err = a.text()
				default:
					err = s.skip()
				}
				return err
			})
			se.events = append(se.events, ev)
			return err
		case "SanctionsMeasure":
			m := measure{typ: s.attrString("SanctionsTypeID")}
			err := s.children(func(name []byte) error {
				if string(name) == "Comment" {
					var err error
					m.comment, err = a.text()
					return err
				}
				return s.skip()
			})
			se.measures = append(se.measures, m)
			return err
		}
		return s.skip()
	})
	if err == nil {
		a.entries = append(a.entries, se)
	}
	return err
}

// finish joins the tables and emits the entities.
func (a *advancedParser) finish(ctx context.Context, emit source.Emit) error {
	profiles := make(map[string]int, len(a.parties))
	identities := make(map[string]int, len(a.parties))
	for i := range a.parties {
		p := &a.parties[i]
		for _, id := range append([]string{p.profileID}, p.otherProfiles...) {
			if id != "" {
				profiles[id] = i
			}
		}
		for _, id := range p.identities {
			if id.id != "" {
				identities[id.id] = i
			}
		}
	}
	for i, d := range a.docs {
		pi, ok := identities[d.identity]
		if !ok {
			a.rep.Skip(source.Problem{File: a.in.Name, Line: d.line, Record: "IDRegDocument " + d.id, Field: "IdentityID",
				Err: fmt.Errorf("refers to identity %q, which no DistinctParty has", d.identity)})
			continue
		}
		a.parties[pi].docs = append(a.parties[pi].docs, i)
	}
	for i, se := range a.entries {
		pi, ok := profiles[se.profile]
		if !ok {
			a.rep.Skip(source.Problem{File: a.in.Name, Line: se.line, Record: "SanctionsEntry " + se.id, Field: "ProfileID",
				Err: fmt.Errorf("refers to profile %q, which no DistinctParty has", se.profile)})
			continue
		}
		a.parties[pi].entries = append(a.parties[pi].entries, i)
	}
	ents := make([]*entity.Entity, len(a.parties))
	seen := make(map[string]int, len(a.parties))
	for i := range a.parties {
		p := &a.parties[i]
		if strings.EqualFold(p.delta, "delete") {
			if ref := strings.TrimSpace(p.fixedRef); ref != "" {
				a.rep.Deleted = append(a.rep.Deleted, sourceName+"-"+ref)
			}
			continue
		}
		e, err := a.build(p)
		if err != nil {
			a.rep.Skip(source.Problem{File: a.in.Name, Line: p.line, Record: "DistinctParty " + p.fixedRef, Err: err})
			continue
		}
		if prev, dup := seen[e.ID]; dup {
			a.rep.Skip(source.Problem{File: a.in.Name, Line: p.line, Record: "DistinctParty " + p.fixedRef, Field: "FixedRef",
				Err: fmt.Errorf("duplicate FixedRef (first at line %d)", prev)})
			continue
		}
		seen[e.ID] = p.line
		ents[i] = e
	}
	for _, r := range a.relations {
		fi, ok1 := profiles[r.from]
		ti, ok2 := profiles[r.to]
		if !ok1 || ents[fi] == nil {
			a.rep.Skip(source.Problem{File: a.in.Name, Line: r.line, Record: "ProfileRelationship", Field: "From-ProfileID",
				Err: fmt.Errorf("refers to profile %q, which no DistinctParty has", r.from)})
			continue
		}
		typ := a.ref("RelationType", r.typ)
		if typ == "" {
			typ = "Linked To"
		}
		target := "profile " + r.to
		if ok2 && ents[ti] != nil {
			target = ents[ti].Caption() + " (" + ents[ti].ID + ")"
		}
		if r.former {
			typ = "Formerly " + typ
		}
		addRemark(ents[fi], labelled(strings.TrimRight(typ, ": ")+":", joinNonEmpty(" ", target, parenthesised(r.comment))))
	}
	for i, e := range ents {
		if e == nil {
			continue
		}
		if err := source.CheckContext(ctx, i); err != nil {
			return err
		}
		e.Normalize()
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// partyType reads a profile's PartySubType, falling back to its PartyType
// when the subtype is "Unknown".
func (a *advancedParser) partyType(subID string) (entity.Type, string) {
	sub, ok := a.refs[refKey{"PartySubType", subID}]
	if !ok {
		return entity.Unknown, "PartySubTypeID " + subID
	}
	if t := parseType(sub.text); t != entity.Unknown {
		return t, sub.text
	}
	pt := a.ref("PartyType", sub.ptype)
	if t := parseType(pt); t != entity.Unknown {
		return t, pt
	}
	if strings.Contains(strings.ToLower(pt), "entity") {
		return entity.Organization, pt
	}
	return entity.Unknown, joinNonEmpty(" ", pt, sub.text)
}

// build makes the entity of a party, with its documents, sanctions
// entries and features.
func (a *advancedParser) build(p *party) (*entity.Entity, error) {
	ref := entity.CleanSpace(p.fixedRef)
	if ref == "" {
		ref = entity.CleanSpace(p.profileID)
	}
	if ref == "" {
		return nil, recordError("DistinctParty has no FixedRef")
	}
	t, typeText := a.partyType(p.subType)
	e := newEntity(ref, t)
	if t == entity.Unknown {
		// As for an unknown sdnType: kept as an organization, and noted.
		e.Type = entity.Organization
		addRemark(e, "party type: "+typeText)
	}
	if e.Type == entity.Vessel || e.Type == entity.Aircraft {
		craft(e)
	}
	addRemark(e, p.comment)
	a.names(e, p)
	if len(e.Names) == 0 {
		return nil, recordError("DistinctParty %s has no name", ref)
	}
	for _, f := range p.features {
		a.applyFeature(e, f)
	}
	for _, di := range p.docs {
		a.document(e, &a.docs[di])
	}
	for _, si := range p.entries {
		a.applyEntry(e, &a.entries[si])
	}
	e.ListedOn = a.listedOn(p)
	return e, nil
}

// names adds the party's names: the primary alias's Latin name first, then
// its other-script forms and the other aliases.
func (a *advancedParser) names(e *entity.Entity, p *party) {
	person := e.Type == entity.Person
	var names []entity.Name
	primary := -1
	for ii := range p.identities {
		id := &p.identities[ii]
		for _, al := range id.aliases {
			kind := aliasKind(a.ref("AliasType", al.typ))
			if al.primary {
				kind = entity.Primary
			} else if kind == entity.Primary {
				kind = entity.Alias // a "Name" not marked Primary
			}
			for _, dn := range al.names {
				n, ok := a.name(id, dn, person)
				if !ok {
					continue
				}
				n.Kind = kind
				n.Weak = al.weak
				if kind == entity.Primary {
					n.Weak = false
					// The primary alias's first Latin form is the primary
					// name; its other forms (original script) are aliases.
					if primary < 0 && !n.Script {
						primary = len(names)
					} else {
						n.Kind = entity.Alias
					}
				}
				// As in the classic formats, a name has parts only when it
				// gives both a family and a given name.
				if n.Parts != nil && (n.Parts.Family == "" || n.Parts.Given == "" && n.Parts.Middle == "" && n.Parts.Patronymic == "") {
					n.Parts = nil
				}
				names = append(names, n)
			}
		}
	}
	if primary < 0 && len(names) > 0 {
		primary = 0
	}
	if primary >= 0 {
		names[primary].Kind, names[primary].Weak = entity.Primary, false
		addName(e, names[primary])
	}
	for i, n := range names {
		if i == primary {
			continue
		}
		if n.Kind == entity.Primary {
			n.Kind = entity.Alias
		}
		addName(e, n)
	}
}

// name assembles one DocumentedName from its typed parts, in the same
// "LAST, Given Middle Patronymic" form the classic formats use. The family
// side holds the last name, then maiden name and matronymic (the classic
// files write a second surname in lastName: "GARCIA LOPEZ").
func (a *advancedParser) name(id *identity, dn docName, person bool) (entity.Name, bool) {
	var family, given, whole []string
	var parts entity.NameParts
	script := false
	for _, np := range dn.parts {
		v := entity.CleanSpace(np.value)
		if v == "" {
			continue
		}
		if code := a.refs[refKey{"Script", np.script}].code; code != "" {
			script = script || code != "Latn"
		} else if field.NonLatin(v) {
			script = true
		}
		typ := ""
		for _, g := range id.groups {
			if g.id == np.group {
				typ = strings.ToLower(a.ref("NamePartType", g.typ))
				break
			}
		}
		switch typ {
		case "last name", "maiden name", "matronymic":
			family = append(family, v)
			parts.Family = joinNonEmpty(" ", parts.Family, v)
		case "first name":
			given = append(given, v)
			parts.Given = joinNonEmpty(" ", parts.Given, v)
		case "middle name":
			given = append(given, v)
			parts.Middle = joinNonEmpty(" ", parts.Middle, v)
		case "patronymic":
			given = append(given, v)
			parts.Patronymic = joinNonEmpty(" ", parts.Patronymic, v)
		case "entity name", "vessel name", "aircraft name":
			whole = append(whole, v)
		default: // nickname, unknown types
			given = append(given, v)
		}
	}
	n := entity.Name{Script: script}
	if len(whole) > 0 {
		n.Full = joinNonEmpty(" ", append(whole, append(family, given...)...)...)
	} else {
		n.Full = fullName(strings.Join(family, " "), strings.Join(given, " "))
		if person {
			p := parts
			n.Parts = &p
		}
	}
	return n, n.Full != ""
}

// countryRef returns the ISO code and name of a CountryValues entry.
func (a *advancedParser) countryRef(id string) (code, name string) {
	if id == "" {
		return "", ""
	}
	rv := a.refs[refKey{"Country", id}]
	if rv.iso2 != "" {
		code = a.b.country(rv.iso2)
	}
	if code == "" {
		code = a.b.country(rv.text)
	}
	if rv.text == "" && code == "" {
		return "", "CountryID " + id
	}
	return code, rv.text
}

// addresses builds the address of a location, and a second one when the
// location also gives its parts in another script.
func (a *advancedParser) addresses(loc *location) []entity.Address {
	code, countryName := "", ""
	for _, c := range loc.countries {
		if cc, name := a.countryRef(c); code == "" && cc != "" || countryName == "" {
			code, countryName = cc, name
		}
	}
	if code == "" {
		for _, ac := range loc.areaCodes {
			rv := a.refs[refKey{"AreaCode", ac}]
			if c := a.b.country(rv.text); c != "" && code == "" {
				code, countryName = c, rv.desc
			}
		}
	}
	pick := func(vals []locValue, alt bool) string {
		if alt {
			for _, pv := range vals {
				if !pv.primary && pv.value != "" {
					return pv.value
				}
			}
		}
		for _, pv := range vals {
			if pv.primary && pv.value != "" {
				return pv.value
			}
		}
		for _, pv := range vals {
			if pv.value != "" {
				return pv.value
			}
		}
		return ""
	}
	build := func(alt bool) entity.Address {
		var unknown, a1, a2, a3, city, state, postal, region []string
		for _, part := range loc.parts {
			v := pick(part.values, alt)
			switch strings.ToUpper(a.ref("LocPartType", part.typ)) {
			case "ADDRESS1":
				a1 = append(a1, v)
			case "ADDRESS2":
				a2 = append(a2, v)
			case "ADDRESS3":
				a3 = append(a3, v)
			case "CITY":
				city = append(city, v)
			case "STATE/PROVINCE":
				state = append(state, v)
			case "POSTAL CODE":
				postal = append(postal, v)
			case "REGION":
				region = append(region, v)
			default:
				unknown = append(unknown, v)
			}
		}
		j := func(p []string) string { return joinNonEmpty(", ", p...) }
		street := joinNonEmpty(", ", j(a1), j(a2), j(a3))
		addr := entity.Address{
			Street:     joinNonEmpty(", ", j(unknown), street),
			City:       j(city),
			Region:     joinNonEmpty(", ", j(state), j(region)),
			PostalCode: j(postal),
			Country:    code,
		}
		addr.Full = joinNonEmpty(", ", j(unknown), street, joinNonEmpty(" ", j(city), j(state), j(postal)), j(region), countryName)
		return addr
	}
	out := []entity.Address{build(false)}
	for _, part := range loc.parts {
		for _, pv := range part.values {
			if !pv.primary && pv.value != "" {
				if alt := build(true); alt.Full != out[0].Full {
					out = append(out, alt)
				}
				return out
			}
		}
	}
	return out
}

// values turns one version of a feature into values.
func (a *advancedParser) values(v *featureVersion) []value {
	var out []value
	for _, per := range v.dates {
		d, ok := per.date()
		if !ok {
			out = append(out, value{text: per.text(), note: v.comment})
			continue
		}
		out = append(out, value{text: d.String(), date: d, note: v.comment})
	}
	for _, det := range v.details {
		t := det.text
		if det.ref != "" {
			if r := a.ref("DetailReference", det.ref); r != "" {
				t = r
			} else if t == "" {
				t = "DetailReference " + det.ref
			}
		}
		if t != "" {
			out = append(out, value{text: t, note: v.comment})
		}
	}
	for _, lid := range v.locations {
		loc, ok := a.locations[lid]
		if !ok {
			out = append(out, value{text: "Location " + lid + " (not in the file)", note: v.comment})
			continue
		}
		for _, addr := range a.addresses(loc) {
			out = append(out, value{text: addr.Full, country: addr.Country, addr: &addr, note: v.comment})
		}
	}
	if len(out) == 0 && v.comment != "" {
		out = append(out, value{text: v.comment})
	}
	return out
}

func (a *advancedParser) applyFeature(e *entity.Entity, f feature) {
	label := a.ref("FeatureType", f.typ)
	if label == "" {
		label = "FeatureTypeID " + f.typ
	}
	k := a.b.label(label, true).kind
	for i := range f.versions {
		v := &f.versions[i]
		reliable := !strings.EqualFold(a.ref("Reliability", v.reliability), "False")
		for _, val := range a.values(v) {
			if !reliable {
				addRemark(e, labelled(label, val.text+" (reported false)"))
				continue
			}
			if val.addr != nil && val.addr.Full == "" {
				continue
			}
			a.b.apply(e, k, label, val)
		}
	}
}

// document adds an ID or registration document.
func (a *advancedParser) document(e *entity.Entity, d *regDoc) {
	label := a.ref("IDRegDocType", d.typ)
	if label == "" {
		label = "IDRegDocTypeID " + d.typ
	}
	code, countryName := a.countryRef(d.country)
	// Issue and expiry dates as OFAC writes them in the other formats'
	// remarks: "issued 28 Oct 2008 expires 29 Oct 2013".
	var dates []string
	for _, dd := range d.dates {
		t := strings.ToLower(a.ref("IDRegDocDateType", dd.typ))
		switch t {
		case "issue date":
			t = "issued"
		case "expiration date":
			t = "expires"
		}
		dates = append(dates, joinNonEmpty(" ", t, dd.p.ofacText()))
	}
	extra := []string{strings.Join(dates, " ")}
	if v := a.ref("Validity", d.validity); v != "" && !strings.EqualFold(v, "Valid") {
		extra = append(extra, strings.ToLower(v))
	}
	if d.authority != "" {
		extra = append(extra, "issued by "+d.authority)
	}
	if d.issuedIn != "" {
		place := "location " + d.issuedIn
		if loc, ok := a.locations[d.issuedIn]; ok {
			if f := a.addresses(loc)[0].Full; f != "" {
				place = f
			}
		}
		extra = append(extra, "issued in "+place)
	}
	extra = append(extra, d.comment)
	if k := a.b.label(label, false).kind; k != kIdentifier {
		a.b.apply(e, k, label, value{text: d.number, country: code, note: joinNonEmpty("; ", extra...)})
		return
	}
	a.b.identifier(e, label, d.number, code, countryName, extra...)
}

// listedOn is the earliest designation date of the party's SDN List
// entries, or of all its entries when none is on the SDN List (the
// consolidated file).
func (a *advancedParser) listedOn(p *party) string {
	best, bestSDN := "", ""
	for _, si := range p.entries {
		se := &a.entries[si]
		d := entryDate(se)
		if d == "" {
			continue
		}
		if best == "" || d < best {
			best = d
		}
		if strings.EqualFold(a.ref("List", se.list), "SDN List") && (bestSDN == "" || d < bestSDN) {
			bestSDN = d
		}
	}
	if bestSDN != "" {
		return bestSDN
	}
	return best
}

// entryDate is the earliest valid EntryEvent date of an entry, ISO.
func entryDate(se *sanctionsEntry) string {
	best := ""
	for _, ev := range se.events {
		d := entity.Date{Year: ev.date.y, Month: ev.date.m, Day: ev.date.d}
		if d.Month == 0 {
			d.Day = 0
		}
		if d.Year == 0 || !d.Valid() {
			continue
		}
		if s := d.String(); best == "" || s < best {
			best = s
		}
	}
	return best
}

// applyEntry adds a sanctions entry: programs, listing date, legal basis
// and measures other than the SDN list's blocking.
func (a *advancedParser) applyEntry(e *entity.Entity, se *sanctionsEntry) {
	if l := a.ref("List", se.list); l != "" && !strings.EqualFold(l, "SDN List") {
		addRemark(e, "List: "+joinNonEmpty(" ", l, parenthesised(entryDate(se))))
	}
	for _, ev := range se.events {
		if b := a.ref("LegalBasis", ev.basis); b != "" && !strings.EqualFold(b, "Unknown") {
			addRemark(e, "Legal Basis: "+b)
		}
		addRemark(e, ev.comment)
	}
	for _, m := range se.measures {
		typ := a.ref("SanctionsType", m.typ)
		switch {
		case strings.EqualFold(typ, "Program"):
			if m.comment != "" {
				e.Programs = append(e.Programs, m.comment)
			}
		case strings.EqualFold(typ, "Block") && m.comment == "":
			// The SDN list's blocking of property, implied by the listing.
		default:
			if typ == "" {
				typ = "Sanctions measure"
			}
			addRemark(e, labelled(typ, parenthesised(m.comment)))
		}
	}
}
