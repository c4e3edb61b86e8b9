package ofacxml

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// Namespaces of the classic SDN XML (sdn.xml, consolidated.xml). Sniff
// and Parse go by the root element's name and accept any namespace.
const (
	// NamespaceClassic is the namespace of OFAC's original sdnList.xsd.
	NamespaceClassic = "http://tempuri.org/sdnList.xsd"
	// NamespaceClassicSLS is the namespace the Sanctions List Service
	// writes the classic files in.
	NamespaceClassicSLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"
)

const (
	classicRoot         = "sdnList"
	classicEntryName    = "sdnEntry"
	classicPublishInfo  = "publshInformation" // sic: OFAC's spelling
	classicPublishFixed = "publishInformation"
)

// Format describes the classic OFAC SDN XML format.
func Format() source.Format {
	return source.Format{
		Name:        "ofac-xml",
		Source:      sourceName,
		Description: "US Treasury OFAC SDN / Consolidated Non-SDN list, classic XML (sdn.xml, consolidated.xml)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// Formats returns both formats this package reads: the classic XML and
// the Advanced XML.
func Formats() []source.Format { return []source.Format{Format(), AdvancedFormat()} }

// Sniff reports whether head is the start of a classic SDN XML file: its
// root element is sdnList (with either OFAC namespace, or none).
func Sniff(name string, head []byte) bool {
	root, _, ok := sniffRoot(head)
	return ok && root == classicRoot
}

// sniffRoot returns the local name and raw attributes of the first element
// of head.
func sniffRoot(head []byte) (string, []byte, bool) {
	s := newScanner(bytes.NewReader(head), 4096)
	root, attrs, err := s.root()
	if err != nil {
		return "", nil, false
	}
	return root, attrs, true
}

// classicEntry is one sdnEntry as written.
type classicEntry struct {
	line                    int
	uid, first, last, title string
	sdnType, remarks        string
	programs                []string
	ids                     []classicID
	akas                    []classicAka
	addresses               []classicAddress
	nationalities           []string
	citizenships            []string
	dobs, pobs              []string
	vessel                  classicVessel
	extra                   []string // elements the schema does not have, as "name text"
}

type classicID struct {
	idType, number, country, issued, expires string
}

type classicAka struct {
	typ, category, first, last string
}

type classicAddress struct {
	a1, a2, a3, city, state, postal, country, region string
}

type classicVessel struct {
	callSign, vesselType, flag, owner, tonnage, grt string
}

type classicParser struct {
	*doc
}

// Parse reads a classic SDN XML file (sdn.xml or consolidated.xml),
// emitting one entity per sdnEntry as it goes.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	d, err := openDoc(in, &rep, classicRoot, classicResyncAt)
	if err != nil {
		return rep, err
	}
	p := &classicParser{d}
	s := d.s
	seen := make(map[string]int, 1<<14)
	declared := -1
	err = d.walk(func() (record string, err error) {
		switch {
		case s.depth() != 2:
			err = s.skip()
		case string(s.name) == classicPublishInfo || string(s.name) == classicPublishFixed:
			record = classicPublishInfo
			declared, err = p.publishInfo()
		case string(s.name) == classicEntryName:
			rep.Records++
			if err := source.CheckContext(ctx, rep.Records); err != nil {
				return "", stop(err)
			}
			var ce *classicEntry
			ce, err = p.entry()
			record = recordID(ce.uid, rep.Records)
			if err == nil {
				if err := p.emitEntry(ce, record, seen, emit); err != nil {
					return record, stop(err)
				}
			}
		default:
			err = s.skip()
		}
		return record, err
	})
	if err != nil {
		return rep, err
	}
	p.checkCount(declared, rep.Records)
	return rep, nil
}

// emitEntry builds and emits the entity of an entry read without error,
// reporting entries that cannot be entities. It returns emit's error.
func (p *classicParser) emitEntry(ce *classicEntry, record string, seen map[string]int, emit source.Emit) error {
	e, err := p.b.classic(ce)
	if err != nil {
		p.rep.Skip(source.Problem{File: p.in.Name, Line: ce.line, Record: record, Err: err})
		return nil
	}
	if prev, dup := seen[e.ID]; dup {
		p.rep.Skip(source.Problem{File: p.in.Name, Line: ce.line, Record: record, Field: "uid",
			Err: fmt.Errorf("duplicate uid %s (first at line %d)", entity.CleanSpace(ce.uid), prev)})
		return nil
	}
	seen[e.ID] = ce.line
	e.Normalize()
	return emit(e)
}

func recordID(uid string, n int) string {
	if uid = strings.TrimSpace(uid); uid != "" {
		return uid
	}
	return "#" + strconv.Itoa(n)
}

// classicResyncAt accepts the elements reading resumes at after broken
// markup: the next sdnEntry or publshInformation.
func classicResyncAt(name []byte) ([]string, bool) {
	switch string(name) {
	case classicEntryName, classicPublishInfo:
		return nil, true
	}
	return nil, false
}

// checkCount reports a Record_Count that differs from the entries read: a
// sign of a damaged or partial file.
func (p *classicParser) checkCount(declared, read int) {
	if declared >= 0 && declared != read {
		p.rep.Skip(source.Problem{File: p.in.Name, Field: "Record_Count",
			Err: fmt.Errorf("the file declares %d entries but holds %d", declared, read)})
	}
}

func (p *classicParser) publishInfo() (int, error) {
	declared := -1
	err := p.s.children(func(name []byte) error {
		switch string(name) {
		case "Publish_Date":
			v, err := p.s.text()
			p.rep.Published = usDate(v)
			return err
		case "Record_Count":
			v, err := p.s.text()
			if n, cerr := strconv.Atoi(strings.TrimSpace(v)); cerr == nil && n >= 0 {
				declared = n
			}
			return err
		}
		return p.s.skip()
	})
	return declared, err
}

// entry reads one sdnEntry; the current token is its start tag.
func (p *classicParser) entry() (*classicEntry, error) {
	s := p.s
	ce := &classicEntry{line: s.tokLine}
	err := s.children(func(name []byte) error {
		var err error
		switch string(name) {
		case "uid":
			ce.uid, err = s.text()
		case "firstName":
			ce.first, err = s.text()
		case "lastName":
			ce.last, err = s.text()
		case "title":
			ce.title, err = s.text()
		case "sdnType":
			ce.sdnType, err = s.text()
		case "remarks":
			ce.remarks, err = s.text()
		case "programList":
			err = p.list("program", func() error {
				v, err := s.text()
				ce.programs = append(ce.programs, v)
				return err
			})
		case "idList":
			err = p.list("id", func() error { return p.id(ce) })
		case "akaList":
			err = p.list("aka", func() error { return p.aka(ce) })
		case "addressList":
			err = p.list("address", func() error { return p.address(ce) })
		case "nationalityList":
			err = p.list("nationality", func() error { return p.country(ce, &ce.nationalities) })
		case "citizenshipList":
			err = p.list("citizenship", func() error { return p.country(ce, &ce.citizenships) })
		case "dateOfBirthList":
			err = p.list("dateOfBirthItem", func() error { return p.item(ce, "dateOfBirth", &ce.dobs) })
		case "placeOfBirthList":
			err = p.list("placeOfBirthItem", func() error { return p.item(ce, "placeOfBirth", &ce.pobs) })
		case "vesselInfo":
			err = p.vessel(ce)
		default:
			err = p.extra(ce, name)
		}
		return err
	})
	return ce, err
}

// extra keeps an element the schema does not have as remark text.
func (p *classicParser) extra(ce *classicEntry, name []byte) error {
	n := string(name)
	v, err := p.s.text()
	if v = entity.CleanSpace(v); v != "" {
		ce.extra = append(ce.extra, n+": "+v)
	}
	return err
}

// list reads the items of a list element; other children are kept as
// remarks.
func (p *classicParser) list(item string, f func() error) error {
	return p.s.children(func(name []byte) error {
		if string(name) == item {
			return f()
		}
		return p.s.skip()
	})
}

func (p *classicParser) id(ce *classicEntry) error {
	var id classicID
	s := p.s
	err := s.children(func(name []byte) error {
		var err error
		switch string(name) {
		case "idType":
			id.idType, err = s.text()
		case "idNumber":
			id.number, err = s.text()
		case "idCountry":
			id.country, err = s.text()
		case "issueDate":
			id.issued, err = s.text()
		case "expirationDate":
			id.expires, err = s.text()
		case "uid":
			err = s.skip()
		default:
			err = p.extra(ce, name)
		}
		return err
	})
	ce.ids = append(ce.ids, id)
	return err
}

func (p *classicParser) aka(ce *classicEntry) error {
	var a classicAka
	s := p.s
	err := s.children(func(name []byte) error {
		var err error
		switch string(name) {
		case "type":
			a.typ, err = s.text()
		case "category":
			a.category, err = s.text()
		case "firstName":
			a.first, err = s.text()
		case "lastName":
			a.last, err = s.text()
		case "uid":
			err = s.skip()
		default:
			err = p.extra(ce, name)
		}
		return err
	})
	ce.akas = append(ce.akas, a)
	return err
}

func (p *classicParser) address(ce *classicEntry) error {
	var a classicAddress
	s := p.s
	err := s.children(func(name []byte) error {
		var err error
		switch string(name) {
		case "address1":
			a.a1, err = s.text()
		case "address2":
			a.a2, err = s.text()
		case "address3":
			a.a3, err = s.text()
		case "city":
			a.city, err = s.text()
		case "stateOrProvince":
			a.state, err = s.text()
		case "postalCode":
			a.postal, err = s.text()
		case "country":
			a.country, err = s.text()
		case "region":
			a.region, err = s.text()
		case "uid":
			err = s.skip()
		default:
			err = p.extra(ce, name)
		}
		return err
	})
	ce.addresses = append(ce.addresses, a)
	return err
}

func (p *classicParser) country(ce *classicEntry, dst *[]string) error {
	return p.item(ce, "country", dst)
}

// item reads a list item holding one field of interest (and uid,
// mainEntry).
func (p *classicParser) item(ce *classicEntry, field string, dst *[]string) error {
	s := p.s
	return s.children(func(name []byte) error {
		switch string(name) {
		case field:
			v, err := s.text()
			*dst = append(*dst, v)
			return err
		case "uid", "mainEntry":
			return s.skip()
		}
		return p.extra(ce, name)
	})
}

func (p *classicParser) vessel(ce *classicEntry) error {
	s := p.s
	v := &ce.vessel
	return s.children(func(name []byte) error {
		var err error
		switch string(name) {
		case "callSign":
			v.callSign, err = s.text()
		case "vesselType":
			v.vesselType, err = s.text()
		case "vesselFlag":
			v.flag, err = s.text()
		case "vesselOwner":
			v.owner, err = s.text()
		case "tonnage":
			v.tonnage, err = s.text()
		case "grossRegisteredTonnage":
			v.grt, err = s.text()
		default:
			err = p.extra(ce, name)
		}
		return err
	})
}

// classic builds the entity of an sdnEntry.
func (b *builder) classic(ce *classicEntry) (*entity.Entity, error) {
	uid := entity.CleanSpace(ce.uid)
	if uid == "" {
		return nil, recordError("sdnEntry has no uid")
	}
	last, first := entity.CleanSpace(ce.last), entity.CleanSpace(ce.first)
	if last == "" && first == "" {
		return nil, recordError("sdnEntry %s has no name", uid)
	}
	sdnType := entity.CleanSpace(ce.sdnType)
	e := newEntity(uid, parseType(sdnType))
	if e.Type == entity.Unknown {
		// A type OFAC has not used: keep the party, as an organization
		// (as the legacy CSV parser does), and say what the file said.
		e.Type = entity.Organization
		addRemark(e, "sdnType: "+sdnType)
	}
	if e.Type == entity.Vessel || e.Type == entity.Aircraft {
		craft(e)
	}
	addRemark(e, ce.remarks)
	person := e.Type == entity.Person

	primary := entity.Name{Full: fullName(last, first), Kind: entity.Primary}
	if person && last != "" && first != "" {
		primary.Parts = &entity.NameParts{Family: last, Given: first}
	}
	addName(e, primary)
	for _, a := range ce.akas {
		al, af := entity.CleanSpace(a.last), entity.CleanSpace(a.first)
		n := entity.Name{Full: fullName(al, af), Kind: aliasKind(a.typ),
			Weak: strings.EqualFold(strings.TrimSpace(a.category), "weak")}
		if n.Kind == entity.Primary {
			n.Kind = entity.Alias
		}
		if person && al != "" && af != "" {
			n.Parts = &entity.NameParts{Family: al, Given: af}
		}
		addName(e, n)
	}

	if t := entity.CleanSpace(ce.title); t != "" {
		e.Positions = append(e.Positions, t)
	}
	for _, p := range ce.programs {
		e.Programs = append(e.Programs, entity.CleanSpace(p))
	}
	for _, d := range ce.dobs {
		d = entity.CleanSpace(d)
		if d == "" {
			continue
		}
		if date, err := entity.ParseDate(d); err == nil {
			e.AddBirthDate(date)
		} else {
			addRemark(e, "DOB "+d)
		}
	}
	for _, p := range ce.pobs {
		if p = entity.CleanSpace(p); p != "" {
			e.BirthPlaces = append(e.BirthPlaces, p)
		}
	}
	for _, c := range ce.nationalities {
		b.apply(e, kNationality, "nationality", value{text: c})
	}
	for _, c := range ce.citizenships {
		b.apply(e, kCitizenship, "citizen", value{text: c})
	}
	for _, a := range ce.addresses {
		b.classicAddress(e, a)
	}
	// The call sign first, as in the legacy CSV, where it is a column.
	v := ce.vessel
	b.apply(e, kCallSign, "Vessel Call Sign", value{text: v.callSign})
	for _, id := range ce.ids {
		b.classicID(e, id)
	}
	if entity.CleanSpace(v.flag) != "" {
		b.apply(e, kFlag, "Vessel Flag", value{text: v.flag})
	}
	for _, f := range []struct {
		k     kind
		label string
		v     string
	}{
		{kCraftKind, "Vessel Type", v.vesselType},
		{kOwner, "Vessel Owner", v.owner},
		{kTonnage, "Vessel Tonnage", v.tonnage},
		{kGRT, "Vessel Gross Registered Tonnage", v.grt},
	} {
		if entity.CleanSpace(f.v) != "" {
			b.apply(e, f.k, f.label, value{text: f.v})
		}
	}
	for _, x := range ce.extra {
		addRemark(e, x)
	}
	return e, nil
}

// classicID adds one idList item: most are documents, some (Gender,
// Nationality of Registration, sanctions information) are facts that have
// fields or belong in the remarks.
func (b *builder) classicID(e *entity.Entity, id classicID) {
	label := entity.CleanSpace(id.idType)
	number := entity.CleanSpace(id.number)
	countryText := entity.CleanSpace(id.country)
	k := b.label(label, false).kind
	if k != kIdentifier {
		v := value{text: number}
		if countryText != "" && k != kRegCountry && k != kNationality && k != kCitizenship && k != kFlag {
			v.note = countryText
		}
		if number == "" && countryText != "" {
			v = value{text: countryText}
		}
		b.apply(e, k, label, v)
		return
	}
	// The dates as OFAC writes them in its other formats' remarks.
	dates := joinNonEmpty(" ", prefixed("issued ", id.issued), prefixed("expires ", id.expires))
	b.identifier(e, label, number, b.country(countryText), countryText, dates)
}

// prefixed returns p+s, or "" when s is empty.
func prefixed(p, s string) string {
	if s = entity.CleanSpace(s); s == "" {
		return ""
	}
	return p + s
}

// classicAddress adds an address. Full joins the parts the way OFAC's
// legacy CSV does (street, then "city state postal code", then country).
func (b *builder) classicAddress(e *entity.Entity, a classicAddress) {
	street := joinNonEmpty(", ", a.a1, a.a2, a.a3)
	region := joinNonEmpty(", ", a.state, a.region)
	countryText := entity.CleanSpace(a.country)
	addr := entity.Address{
		Street:     street,
		City:       entity.CleanSpace(a.city),
		Region:     region,
		PostalCode: entity.CleanSpace(a.postal),
		Country:    b.country(countryText),
	}
	addr.Full = joinNonEmpty(", ", street, joinNonEmpty(" ", a.city, a.state, a.postal), a.region, countryText)
	if addr.Full == "" {
		return
	}
	e.Addresses = append(e.Addresses, addr)
	if addr.Country != "" {
		e.Countries = append(e.Countries, addr.Country)
	}
}

// joinNonEmpty joins the non-empty cleaned strings with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = entity.CleanSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
