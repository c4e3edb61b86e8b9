package ftm

import (
	"slices"
	"sort"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source/internal/field"
)

// sideRec identifies one side record, for the delta check (a changed side
// record whose party is not in the delta).
type sideRec struct {
	schema, id string
	line       int
	used       bool
}

type address struct {
	rec    *sideRec
	addr   entity.Address
	remark string // what the model has no field for
}

type sanction struct {
	rec      *sideRec
	programs []string
	listed   []string // listingDate values
	start    []string // startDate values
	remark   string
	url      string
}

type ident struct {
	rec *sideRec
	id  entity.Identifier
}

type occupancy struct {
	rec        *sideRec
	posts      []string // Position IDs
	nested     []string // names of Positions embedded in place
	start, end string   // term of office
	extra      string   // other occupancy details
}

type position struct {
	rec  *sideRec
	name string
}

// extras are the side records that point at one party.
type extras struct {
	sanctions   []*sanction
	idents      []*ident
	occupancies []*occupancy
}

// sides holds the side records of a file in memory, keyed by the IDs
// they are reached by. This is the part of the file the parser keeps in
// memory; see the package documentation.
type sides struct {
	addresses map[string]*address // by Address ID and referents
	positions map[string]*position
	parties   map[string]*extras // by the party ID the record points at
	all       []*sideRec         // delta mode only
	keepAll   bool
}

func newSides(delta bool) sides {
	return sides{
		addresses: map[string]*address{},
		positions: map[string]*position{},
		parties:   map[string]*extras{},
		keepAll:   delta,
	}
}

func (s *sides) extrasFor(id string) *extras {
	x := s.parties[id]
	if x == nil {
		x = &extras{}
		s.parties[id] = x
	}
	return x
}

// add stores a side record read in the first pass. It returns the name of
// the property that points at the party when the record has none.
func (s *sides) add(raw *rawEntity, line int) (missing string) {
	rec := &sideRec{schema: raw.Schema, id: raw.ID, line: line}
	if s.keepAll {
		s.all = append(s.all, rec)
	}
	switch raw.Schema {
	case "Address":
		a := addressFrom(raw)
		a.rec = rec
		for _, k := range raw.keys() {
			s.addresses[k] = a
		}
	case "Position":
		p := &position{rec: rec, name: positionName(raw)}
		for _, k := range raw.keys() {
			s.positions[k] = p
		}
	case "Sanction":
		targets := raw.strs("entity")
		if len(targets) == 0 {
			return "entity"
		}
		sn := sanctionFrom(raw)
		sn.rec = rec
		for _, t := range uniq(targets) {
			x := s.extrasFor(t)
			x.sanctions = append(x.sanctions, sn)
		}
	case "Identification", "Passport", "CryptoWallet":
		holders := raw.strs("holder")
		if len(holders) == 0 {
			return "holder"
		}
		var id entity.Identifier
		if raw.Schema == "CryptoWallet" {
			id = walletFrom(raw)
		} else {
			id = identFrom(raw)
		}
		if id.Value == "" {
			return "number"
		}
		in := &ident{rec: rec, id: id}
		for _, h := range uniq(holders) {
			x := s.extrasFor(h)
			x.idents = append(x.idents, in)
		}
	case "Occupancy":
		holders := raw.strs("holder")
		if len(holders) == 0 {
			return "holder"
		}
		o := occupancyFrom(raw)
		o.rec = rec
		for _, h := range uniq(holders) {
			x := s.extrasFor(h)
			x.occupancies = append(x.occupancies, o)
		}
	}
	return ""
}

func uniq(s []string) []string {
	if len(s) < 2 {
		return s
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// metaProps are provenance properties of side records; they say where
// OpenSanctions found the record, not anything about the party.
var metaProps = map[string]bool{
	"sourceUrl": true, "publisher": true, "publisherUrl": true, "retrievedAt": true,
	"modifiedAt": true, "createdAt": true, "recordId": true, "indexText": true, "alephUrl": true,
	"proof": true,
}

// rest writes the text properties of raw not in done as "Label: v1, v2",
// sorted by property name, so that nothing a side record says is lost.
func rest(raw *rawEntity, done map[string]bool) []string {
	props := make([]string, 0, len(raw.Properties))
	for p := range raw.Properties {
		if !done[p] && !metaProps[p] {
			props = append(props, p)
		}
	}
	sort.Strings(props)
	var out []string
	for _, p := range props {
		if vs := raw.text(p); len(vs) > 0 {
			out = append(out, label(p)+": "+strings.Join(vs, ", "))
		}
	}
	return out
}

func addressFrom(raw *rawEntity) *address {
	a := &address{}
	var unknown []string
	for _, c := range raw.strs("country") {
		if code, ok := field.CountryCode(c); ok {
			if a.addr.Country == "" {
				a.addr.Country = code
			}
		} else {
			unknown = append(unknown, c)
		}
	}
	street := strings.Join(append(raw.strs("street"), raw.strs("street2")...), ", ")
	a.addr.Street = street
	a.addr.City = strings.Join(raw.strs("city"), ", ")
	a.addr.PostalCode = raw.first("postalCode")
	a.addr.Region = strings.Join(append(raw.strs("region"), raw.strs("state")...), ", ")
	a.addr.Full = raw.first("full")
	if a.addr.Full == "" {
		var parts []string
		for _, p := range []string{
			strings.Join(raw.strs("remarks"), ", "), strings.Join(raw.strs("postOfficeBox"), ", "), street,
			strings.TrimSpace(a.addr.PostalCode + " " + a.addr.City), a.addr.Region,
		} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		if a.addr.Country != "" {
			parts = append(parts, country.Name(a.addr.Country))
		} else if len(unknown) > 0 {
			parts = append(parts, unknown...)
		}
		a.addr.Full = strings.Join(parts, ", ")
	}
	if a.addr.Full == "" {
		a.addr.Full = entity.CleanSpace(raw.Caption)
	}
	var notes []string
	if len(unknown) > 0 {
		notes = append(notes, "Address country: "+strings.Join(unknown, ", "))
	}
	if extra := raw.strs("full"); len(extra) > 1 {
		notes = append(notes, "Address also written: "+strings.Join(extra[1:], " / "))
	}
	a.remark = strings.Join(notes, "; ")
	return a
}

func positionName(raw *rawEntity) string {
	if n := raw.first("name"); n != "" {
		return n
	}
	return entity.CleanSpace(raw.Caption)
}

func sanctionFrom(raw *rawEntity) *sanction {
	s := &sanction{
		programs: raw.strs("program"),
		listed:   raw.strs("listingDate"),
		start:    raw.strs("startDate"),
		url:      raw.first("sourceUrl"),
	}
	if len(s.programs) == 0 {
		s.programs = raw.strs("programId")
	}
	var parts []string
	add := func(prefix string, vs []string) {
		if len(vs) > 0 {
			parts = append(parts, prefix+strings.Join(vs, ", "))
		}
	}
	add("", raw.strs("authority"))
	add("program ", raw.strs("program"))
	if len(raw.strs("program")) > 0 {
		add("program ID ", raw.strs("programId"))
	}
	add("listed ", s.listed)
	add("from ", s.start)
	add("until ", raw.strs("endDate"))
	add("status ", raw.strs("status"))
	add("UN SC reference ", raw.strs("unscId"))
	add("authority ID ", raw.strs("authorityId"))
	add("country ", raw.strs("country"))
	add("reason: ", raw.text("reason"))
	add("provisions: ", raw.text("provisions"))
	done := map[string]bool{
		"entity": true, "program": true, "programId": true, "listingDate": true, "startDate": true,
		"endDate": true, "status": true, "unscId": true, "authorityId": true, "country": true,
		"reason": true, "provisions": true, "authority": true,
	}
	parts = append(parts, rest(raw, done)...)
	s.remark = "Sanction: " + strings.Join(parts, "; ")
	if len(parts) == 0 {
		s.remark = ""
	}
	return s
}

func identFrom(raw *rawEntity) entity.Identifier {
	id := entity.Identifier{Value: raw.first("number")}
	if id.Value == "" {
		id.Value = raw.first("passportNumber")
	}
	kind := raw.first("type")
	id.Type = entity.NationalID
	if raw.Schema == "Passport" {
		id.Type = entity.Passport
	} else if kind != "" {
		switch t := entity.ParseIDType(kind); {
		case strings.Contains(strings.ToLower(kind), "driv"):
			id.Type = entity.NationalID
		case t != entity.Other:
			id.Type = t
		}
	}
	var notes []string
	for _, c := range raw.strs("country") {
		if code, ok := field.CountryCode(c); ok && id.Country == "" {
			id.Country = code
		} else if !ok {
			notes = append(notes, "country "+c)
		}
	}
	if kind != "" {
		notes = append([]string{strings.Join(raw.strs("type"), ", ")}, notes...)
	}
	if a := raw.strs("authority"); len(a) > 0 {
		notes = append(notes, "issued by "+strings.Join(a, ", "))
	}
	if d := raw.strs("startDate"); len(d) > 0 {
		notes = append(notes, "issued "+strings.Join(d, ", "))
	}
	if d := raw.strs("endDate"); len(d) > 0 {
		notes = append(notes, "expires "+strings.Join(d, ", "))
	}
	done := map[string]bool{
		"holder": true, "number": true, "type": true, "country": true, "authority": true,
		"startDate": true, "endDate": true,
	}
	if raw.Schema == "Passport" {
		done["passportNumber"] = true
	}
	if extra := raw.strs("number"); len(extra) > 1 {
		notes = append(notes, "also "+strings.Join(extra[1:], ", "))
		done["number"] = true
	}
	notes = append(notes, rest(raw, done)...)
	id.Note = strings.Join(notes, "; ")
	return id
}

func walletFrom(raw *rawEntity) entity.Identifier {
	id := entity.Identifier{Type: entity.Crypto, Value: raw.first("publicKey")}
	id.Currency = raw.first("currencySymbol")
	if id.Currency == "" {
		id.Currency = raw.first("currency")
	}
	done := map[string]bool{"holder": true, "publicKey": true, "currencySymbol": true, "currency": true}
	id.Note = strings.Join(rest(raw, done), "; ")
	return id
}

func occupancyFrom(raw *rawEntity) *occupancy {
	o := &occupancy{start: raw.first("startDate"), end: raw.first("endDate")}
	for _, v := range raw.Properties["post"] {
		switch {
		case v.nested != nil && v.nested.Schema == "Position":
			if n := positionName(v.nested); n != "" {
				o.nested = append(o.nested, n)
			}
		case v.nested != nil:
			o.posts = append(o.posts, v.nested.ID)
		case entity.CleanSpace(v.s) != "":
			o.posts = append(o.posts, entity.CleanSpace(v.s))
		}
	}
	done := map[string]bool{"holder": true, "post": true, "startDate": true, "endDate": true, "date": true}
	o.extra = strings.Join(rest(raw, done), "; ")
	return o
}

// term formats a position with the occupancy's term of office.
func (o *occupancy) term(name string) string {
	switch {
	case o.start != "" && o.end != "":
		name += " (" + o.start + " – " + o.end + ")"
	case o.start != "":
		name += " (since " + o.start + ")"
	case o.end != "":
		name += " (until " + o.end + ")"
	}
	return name
}
