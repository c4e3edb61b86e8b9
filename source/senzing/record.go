package senzing

import (
	"errors"
	"fmt"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source/ftm"
	"github.com/embargo/embargo/source/internal/field"
)

type nameItem struct {
	name    entity.Name
	primary bool
}

type pointer struct {
	domain, key, role string
	from, thru        string
}

// party is a record being mapped. Parties that hold a position whose
// record has not been read yet wait in the parser (see Parse).
type party struct {
	e       *entity.Entity
	line    int
	typed   bool // RECORD_TYPE given
	names   []nameItem
	remarks []string
	topics  []string
	anchors []relKey
	occs    []pointer
	waiting int  // positions not yet read
	queued  bool // waiting in the parser's queue
	done    bool // emitted or dropped
}

func (p *party) remark(s string) {
	if s = strings.TrimSpace(s); s != "" {
		p.remarks = append(p.remarks, s)
	}
}

// relKey names a relationship anchor: its domain and key.
type relKey struct{ domain, key string }

// group is the attributes of one feature value within a feature object.
type group struct {
	usage, family string
	attrs         []kv // registered attribute names, without usage prefix
}

// get returns the value of attribute k, "" if absent.
func (g *group) get(k string) string {
	for _, a := range g.attrs {
		if a.k == k {
			return a.v
		}
	}
	return ""
}

// groups splits a feature object into feature values, in attribute order.
// Unregistered attributes come back alone, with an empty family. The
// groups are valid until the next call.
func (p *parser) groups(f feature) []group {
	gs, kvs := p.gs[:0], p.kvs[:0]
	idx := p.idx[:0] // group of each attribute, -1 for none
	for i, a := range f {
		idx = append(idx, -1)
		v := clean(a.v)
		if v == "" {
			continue
		}
		f[i].v = v
		k := a.k
		if strings.ContainsFunc(k, func(r rune) bool { return r >= 'a' && r <= 'z' }) {
			k = strings.ToUpper(k)
		}
		usage, base, family, ok := splitAttr(k)
		if ok {
			f[i].k = base
		}
		g := -1
		if ok {
			for j := range gs {
				if gs[j].family == family && gs[j].usage == usage {
					g = j
					break
				}
			}
		}
		if g < 0 {
			gs = append(gs, group{usage: usage, family: family})
			g = len(gs) - 1
		}
		idx[i] = int32(g)
	}
	for j := range gs {
		start := len(kvs)
		for i := range f {
			if int(idx[i]) == j {
				kvs = append(kvs, f[i])
			}
		}
		gs[j].attrs = kvs[start:len(kvs):len(kvs)]
	}
	p.gs, p.kvs, p.idx = gs, kvs, idx
	return gs
}

// clean is entity.CleanSpace, without its cost for the usual value that
// has nothing to clean.
func clean(s string) string {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3 || c == ' ' && prevSpace {
			return entity.CleanSpace(s)
		}
		prevSpace = c == ' '
	}
	if prevSpace && s != "" {
		return entity.CleanSpace(s)
	}
	return s
}

// build maps one record. It returns nil after reporting a problem when
// the record cannot be a party.
func (p *parser) build(rec *record, line int) *party {
	id := entity.CleanSpace(rec.id)
	if id == "" {
		p.skip(line, "", "RECORD_ID", errors.New("record has no RECORD_ID"))
		return nil
	}
	pt := &party{line: line, e: &entity.Entity{
		ID:        id,
		Source:    p.report.Dataset,
		SourceIDs: []string{id},
		URL:       entity.CleanSpace(rec.url),
	}}
	if ds := entity.CleanSpace(rec.dataSource); ds != "" {
		pt.e.Datasets = []string{datasetName(ds)}
	}
	if lc := rec.lastChange; len(lc) >= 10 && lc[:10] > p.published {
		if d, err := entity.ParseISODate(lc[:10]); err == nil {
			p.published = d.String()
		}
	}
	// The root's scalars form one feature object: a flat record's
	// attributes, RECORD_TYPE, and payload attributes.
	recordType := ""
	for i := -1; i < len(rec.lists); i++ {
		f := rec.root
		if i >= 0 {
			f = rec.lists[i]
		}
		for _, g := range p.groups(f) {
			if g.family == "RECORD_TYPE" {
				recordType = g.get("RECORD_TYPE")
				continue
			}
			p.apply(pt, g)
		}
	}
	if !p.setType(pt, recordType) {
		return nil
	}
	if !pt.nameAll() {
		p.skip(line, id, "NAMES", errors.New("record has no name"))
		return nil
	}
	return pt
}

// setType maps RECORD_TYPE. A record without one (OpenSanctions writes
// null for FtM LegalEntity and Position) is read as an organization until
// the end of the file shows whether it is a position.
func (p *parser) setType(pt *party, rt string) bool {
	switch strings.ToUpper(strings.TrimSpace(rt)) {
	case "PERSON", "INDIVIDUAL":
		pt.e.Type = entity.Person
	case "ORGANIZATION", "ORGANISATION", "COMPANY", "BUSINESS":
		pt.e.Type = entity.Organization
	case "VESSEL":
		pt.e.Type = entity.Vessel
	case "AIRCRAFT", "AIRPLANE":
		pt.e.Type = entity.Aircraft
	case "":
		pt.e.Type = entity.Organization
		return true
	default:
		t, ok := entity.ParseType(rt)
		if !ok {
			p.skip(pt.line, pt.e.ID, "RECORD_TYPE", fmt.Errorf("record type %q is not a party type embargo has", rt))
			return false
		}
		pt.e.Type = t
	}
	pt.typed = true
	return true
}

// nameAll puts the first PRIMARY name first, then the others in order.
func (pt *party) nameAll() bool {
	first := -1
	for i, n := range pt.names {
		if n.primary {
			first = i
			break
		}
	}
	if first < 0 && len(pt.names) > 0 {
		first = 0
	}
	if first < 0 {
		return false
	}
	n := pt.names[first].name
	n.Kind = entity.Primary
	pt.e.AddName(n)
	for i, n := range pt.names {
		if i != first {
			if n.name.Kind == entity.Primary {
				n.name.Kind = entity.Alias
			}
			pt.e.AddName(n.name)
		}
	}
	return len(pt.e.Names) > 0
}

func (p *parser) countries(pt *party, attr, v string, dst *[]string) {
	if c, ok := field.CountryCode(v); ok {
		*dst = append(*dst, c)
	} else {
		pt.remark(words(attr) + ": " + v)
	}
}

// identifier adds an identifier whose kind comes from its type label (an
// FtM property name, else entity.ParseIDType) unless force, else def.
func (p *parser) identifier(pt *party, value, typ, ctry string, def entity.IDType, force bool) {
	id := entity.Identifier{Type: def, Value: value, Note: typ}
	if t, label, ok := ftm.IdentifierProperty(typ); ok {
		id.Note = label
		if !force {
			id.Type = t
		}
	} else if t := entity.ParseIDType(typ); typ != "" && t != entity.Other && !force {
		id.Type = t
	}
	if ctry != "" {
		if c, ok := field.CountryCode(ctry); ok {
			id.Country = c
		} else {
			id.Note = join(" ", id.Note, "("+ctry+")")
		}
	}
	pt.e.AddIdentifier(id)
}

// apply maps one feature value.
func (p *parser) apply(pt *party, g group) {
	e := pt.e
	switch g.family {
	case "NAME":
		p.name(pt, g)
	case "ADDR":
		p.address(pt, g)
	case "PLACE_OF_BIRTH":
		e.BirthPlaces = append(e.BirthPlaces, g.get("PLACE_OF_BIRTH"))
	case "DATE_OF_BIRTH", "REGISTRATION_DATE":
		v := g.get(g.family)
		if d, err := entity.ParseDate(v); err == nil {
			e.AddBirthDate(d)
		} else {
			p.skip(pt.line, e.ID, g.family, err)
			pt.remark(words(g.family) + ": " + v)
		}
	case "DATE_OF_DEATH":
		pt.remark("Died: " + g.get("DATE_OF_DEATH"))
	case "GENDER":
		if gd := entity.ParseGender(g.get("GENDER")); gd != "" {
			e.Gender = gd
		} else {
			pt.remark("Gender: " + g.get("GENDER"))
		}
	case "NATIONALITY":
		p.countries(pt, g.family, g.get(g.family), &e.Nationalities)
	case "CITIZENSHIP":
		p.countries(pt, g.family, g.get(g.family), &e.Citizenships)
	case "REGISTRATION_COUNTRY", "COUNTRY_OF_ASSOCIATION":
		p.countries(pt, g.family, g.get(g.family), &e.Countries)
	case "PASSPORT":
		if v := g.get("PASSPORT_NUMBER"); v != "" {
			p.identifier(pt, v, "", g.get("PASSPORT_COUNTRY"), entity.Passport, true)
		}
	case "DRLIC":
		if v := g.get("DRIVERS_LICENSE_NUMBER"); v != "" {
			note := "Driver's license"
			if s := g.get("DRIVERS_LICENSE_STATE"); s != "" {
				note += " (" + s + ")"
			}
			e.AddIdentifier(entity.Identifier{Type: entity.NationalID, Value: v, Note: note})
		}
	case "NATIONAL_ID":
		if v := g.get("NATIONAL_ID_NUMBER"); v != "" {
			p.identifier(pt, v, g.get("NATIONAL_ID_TYPE"), g.get("NATIONAL_ID_COUNTRY"), entity.NationalID, false)
		}
	case "TAX_ID":
		if v := g.get("TAX_ID_NUMBER"); v != "" {
			p.identifier(pt, v, g.get("TAX_ID_TYPE"), g.get("TAX_ID_COUNTRY"), entity.TaxID, true)
		}
	case "OTHER_ID":
		v := g.get("OTHER_ID_NUMBER")
		switch typ := g.get("OTHER_ID_TYPE"); {
		case v == "":
		case typ == "OPEN_SANCTIONS":
			e.SourceIDs = append(e.SourceIDs, v) // OpenSanctions' own entity ID
		default:
			p.identifier(pt, v, typ, g.get("OTHER_ID_COUNTRY"), entity.Other, false)
		}
	case "TRUSTED_ID":
		if v := g.get("TRUSTED_ID_NUMBER"); v != "" {
			note := g.get("TRUSTED_ID_TYPE")
			if strings.EqualFold(note, "WIKIDATA") {
				note = "Wikidata ID"
			}
			e.AddIdentifier(entity.Identifier{Type: entity.Other, Value: v, Note: note})
		}
	case "ACCOUNT":
		if v := g.get("ACCOUNT_NUMBER"); v != "" {
			e.AddIdentifier(entity.Identifier{Type: entity.Other, Value: v, Note: strings.TrimSpace("Account " + g.get("ACCOUNT_DOMAIN"))})
		}
	case "PHONE":
		if v := g.get("PHONE_NUMBER"); v != "" {
			note := "Phone"
			if t := firstOf(g.get("PHONE_TYPE"), g.usage); t != "" {
				note += " (" + strings.ToLower(t) + ")"
			}
			if d := join(" – ", g.get("PHONE_FROM_DATE"), g.get("PHONE_THRU_DATE")); d != "" {
				note += " " + d
			}
			e.AddIdentifier(entity.Identifier{Type: entity.Other, Value: v, Note: note})
		}
	case "EMPLOYER":
		pt.remark("Employer: " + g.get("EMPLOYER"))
	case "GROUP_ASSOCIATION":
		pt.remark(strings.TrimSpace("Group association " + g.get("GROUP_ASSOCIATION_TYPE") + ": " + g.get("GROUP_ASSOCIATION_ORG_NAME")))
	case "GROUP_ASSN_ID":
		pt.remark(strings.TrimSpace("Group association ID " + g.get("GROUP_ASSN_ID_TYPE") + ": " + g.get("GROUP_ASSN_ID_NUMBER")))
	case "TOPIC":
		pt.topics = append(pt.topics, g.get("TOPIC"))
	case "SOURCE_URL":
		if e.URL == "" {
			e.URL = g.get("SOURCE_URL")
		} else {
			pt.remark("Source: " + g.get("SOURCE_URL"))
		}
	case "REL_ANCHOR":
		if k := g.get("REL_ANCHOR_KEY"); k != "" {
			pt.anchors = append(pt.anchors, relKey{g.get("REL_ANCHOR_DOMAIN"), k})
		}
	case "REL_POINTER":
		ptr := pointer{domain: g.get("REL_POINTER_DOMAIN"), key: g.get("REL_POINTER_KEY"), role: g.get("REL_POINTER_ROLE"),
			from: g.get("REL_POINTER_FROM_DATE"), thru: g.get("REL_POINTER_THRU_DATE")}
		switch {
		case ptr.key == "":
		case strings.EqualFold(ptr.role, "Occupancy"):
			pt.occs = append(pt.occs, ptr)
		default:
			pt.remark(strings.TrimSpace("Related ("+firstOf(ptr.role, "unspecified")+"): "+ptr.key) + ptr.term())
		}
	case "":
		for _, a := range g.attrs {
			pt.remark(a.k + ": " + a.v)
		}
	default:
		if id, ok := singleIDs[g.family]; ok {
			e.AddIdentifier(entity.Identifier{Type: id.typ, Value: g.get(g.family), Note: id.note})
			return
		}
		for _, a := range g.attrs {
			pt.remark(a.k + ": " + a.v)
		}
	}
}

func (ptr pointer) term() string {
	switch {
	case ptr.from != "" && ptr.thru != "":
		return " (" + ptr.from + " – " + ptr.thru + ")"
	case ptr.from != "":
		return " (since " + ptr.from + ")"
	case ptr.thru != "":
		return " (until " + ptr.thru + ")"
	}
	return ""
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func join(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func (p *parser) name(pt *party, g group) {
	parts := entity.NameParts{Title: g.get("NAME_PREFIX"), Given: g.get("NAME_FIRST"), Middle: g.get("NAME_MIDDLE"), Family: g.get("NAME_LAST")}
	full := firstOf(g.get("NAME_FULL"), g.get("NAME_ORG"))
	if full == "" {
		full = join(" ", g.get("NAME_PREFIX"), g.get("NAME_FIRST"), g.get("NAME_MIDDLE"), g.get("NAME_LAST"), g.get("NAME_SUFFIX"))
	} else if g.get("NAME_SUFFIX") != "" && !strings.Contains(full, g.get("NAME_SUFFIX")) {
		full += " " + g.get("NAME_SUFFIX")
	}
	if full == "" {
		if t := g.get("NAME_TYPE"); t != "" {
			pt.remark("Name type " + t + " without a name")
		}
		return
	}
	n := entity.Name{Full: full, Kind: entity.Alias, Script: field.NonLatin(full)}
	if !parts.IsZero() {
		pp := parts
		n.Parts = &pp
	}
	typ := strings.ToUpper(firstOf(g.get("NAME_TYPE"), g.usage))
	switch typ {
	case "FORMER", "FKA", "PREVIOUS", "MAIDEN", "OLD":
		n.Kind = entity.Former
	case "NKA", "NEW":
		n.Kind = entity.Newer
	case "WEAK", "LOW_QUALITY", "LOW":
		n.Weak = true
	}
	pt.names = append(pt.names, nameItem{name: n, primary: typ == "PRIMARY"})
}

func (p *parser) address(pt *party, g group) {
	addr := entity.Address{
		Street:     join(", ", g.get("ADDR_LINE1"), g.get("ADDR_LINE2"), g.get("ADDR_LINE3"), g.get("ADDR_LINE4"), g.get("ADDR_LINE5"), g.get("ADDR_LINE6")),
		City:       g.get("ADDR_CITY"),
		Region:     g.get("ADDR_STATE"),
		PostalCode: g.get("ADDR_POSTAL_CODE"),
	}
	if c := g.get("ADDR_COUNTRY"); c != "" {
		if code, ok := field.CountryCode(c); ok {
			addr.Country = code
			pt.e.Countries = append(pt.e.Countries, code)
		} else {
			pt.remark("Address country: " + c)
		}
	}
	addr.Full = firstOf(g.get("ADDR_FULL"), join(", ", addr.Street, join(" ", addr.City, addr.PostalCode), addr.Region, g.get("ADDR_COUNTRY")))
	if addr.Full == "" {
		return
	}
	if d := join(" – ", g.get("ADDR_FROM_DATE"), g.get("ADDR_THRU_DATE")); d != "" {
		pt.remark("Address " + addr.Full + ": " + d)
	}
	pt.e.Addresses = append(pt.e.Addresses, addr)
}

// datasetName names a Senzing DATA_SOURCE the way OpenSanctions names its
// datasets: lower case, without the "OS_" its exporter adds
// ("OS_US_CONGRESS" → "us_congress").
func datasetName(ds string) string {
	ds = strings.ToLower(strings.TrimSpace(ds))
	if rest, ok := strings.CutPrefix(ds, "os_"); ok && rest != "" {
		return rest
	}
	return ds
}
