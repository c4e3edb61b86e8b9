package ftm

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/field"
)

// nameProps are read by names, not by the property loop.
var nameProps = map[string]bool{
	"name": true, "alias": true, "weakAlias": true, "previousName": true, "abbreviation": true,
	"firstName": true, "secondName": true, "middleName": true, "fatherName": true,
	"lastName": true, "title": true,
}

// builder turns one party entity and the side records pointing at it into
// an entity.Entity.
type builder struct {
	p       *parser
	raw     *rawEntity
	line    int
	e       *entity.Entity
	notes   []string // the publisher's notes, first in Remarks
	remarks []string
	listed  []entity.Date // listing dates from sanctions
	started []entity.Date // sanction start dates
	created []string      // createdAt values
}

func (b *builder) remark(s string) {
	if s = strings.TrimSpace(s); s != "" {
		b.remarks = append(b.remarks, s)
	}
}

func (b *builder) problem(field string, err error) {
	b.p.report.Skip(source.Problem{File: b.p.in.Name, Line: b.line, Record: b.raw.ID, Field: field, Err: err})
}

// build maps a party. It returns nil, after reporting a problem, when the
// entity has no name at all.
func (p *parser) build(raw *rawEntity, line int, typ entity.Type) *entity.Entity {
	b := &builder{p: p, raw: raw, line: line}
	b.e = &entity.Entity{
		ID:        raw.ID,
		Source:    p.report.Dataset,
		SourceIDs: raw.keys(),
		Type:      typ,
		Datasets:  append([]string(nil), raw.Datasets...),
	}
	if !b.names() {
		b.problem("name", fmt.Errorf("%s has no name", raw.Schema))
		return nil
	}
	props := make([]string, 0, len(raw.Properties))
	for k := range raw.Properties {
		props = append(props, k)
	}
	sort.Strings(props)
	for _, prop := range props {
		if !nameProps[prop] && !hiddenProps[prop] {
			b.property(prop)
		}
	}
	b.fold()
	b.finish()
	return b.e
}

func (b *builder) addName(full string, kind entity.NameKind, weak bool) {
	b.e.AddName(entity.Name{Full: full, Kind: kind, Weak: weak, Script: field.NonLatin(full)})
}

// names fills Names: the caption first when it is one of the names (it is
// the name OpenSanctions displays), then the other names, aliases, former
// names and weak aliases. Name parts are attached to each name that
// contains them.
func (b *builder) names() bool {
	raw := b.raw
	names := raw.strs("name")
	caption := entity.CleanSpace(raw.Caption)
	primary := ""
	for _, n := range names {
		if n == caption {
			primary = n
			break
		}
	}
	if primary == "" {
		for _, n := range names {
			if strings.EqualFold(n, caption) {
				primary = n
				break
			}
		}
	}
	if primary == "" && len(names) > 0 {
		primary = names[0]
	}
	if primary == "" {
		primary = caption
	}
	if primary == "" && b.e.Type == entity.Person {
		var parts []string
		for _, p := range []string{"firstName", "secondName", "middleName", "fatherName", "lastName"} {
			if v := raw.first(p); v != "" {
				parts = append(parts, v)
			}
		}
		primary = strings.Join(parts, " ")
	}
	if primary == "" {
		return false
	}
	b.addName(primary, entity.Primary, false)
	for _, n := range names {
		b.addName(n, entity.Alias, false)
	}
	for _, n := range raw.strs("alias") {
		b.addName(n, entity.Alias, false)
	}
	for _, n := range raw.strs("abbreviation") {
		b.addName(n, entity.Alias, false)
	}
	for _, n := range raw.strs("previousName") {
		b.addName(n, entity.Former, false)
	}
	for _, n := range raw.strs("weakAlias") {
		b.addName(n, entity.Alias, true)
	}
	b.parts()
	return true
}

// parts attaches FtM's name parts to the names that contain them. FtM
// gives each part as an unordered list across all scripts (lastName:
// ["КУЗЬМЕНКО", "KUZMENKO"]), so a part belongs to a name when the name
// contains it as whole words.
func (b *builder) parts() {
	raw := b.raw
	lists := []struct {
		prop string
		set  func(*entity.NameParts, string)
	}{
		{"firstName", func(p *entity.NameParts, v string) { p.Given = v }},
		{"secondName", func(p *entity.NameParts, v string) { p.Middle = v }},
		{"middleName", func(p *entity.NameParts, v string) { p.Middle = v }},
		{"fatherName", func(p *entity.NameParts, v string) { p.Patronymic = v }},
		{"lastName", func(p *entity.NameParts, v string) { p.Family = v }},
	}
	used := map[string]bool{}
	for i := range b.e.Names {
		n := &b.e.Names[i]
		var parts entity.NameParts
		for _, l := range lists {
			if v := pickPart(n.Full, raw.strs(l.prop)); v != "" {
				if l.prop == "secondName" && parts.Middle != "" {
					continue
				}
				l.set(&parts, v)
				used[l.prop+"\x00"+v] = true
			}
		}
		if !parts.IsZero() {
			n.Parts = &parts
		}
	}
	for _, l := range lists {
		var left []string
		for _, v := range raw.strs(l.prop) {
			if !used[l.prop+"\x00"+v] && !b.inNames(v) {
				left = append(left, v)
			}
		}
		if len(left) > 0 {
			b.remark(label(l.prop) + ": " + strings.Join(left, ", "))
		}
	}
	if titles := raw.strs("title"); len(titles) > 0 {
		n := &b.e.Names[0]
		if n.Parts == nil {
			n.Parts = &entity.NameParts{}
		}
		n.Parts.Title = titles[0]
		if len(titles) > 1 {
			b.remark("Title: " + strings.Join(titles[1:], ", "))
		}
	}
}

// inNames reports whether some name contains v as whole words, any case.
func (b *builder) inNames(v string) bool {
	for _, n := range b.e.Names {
		if containsWord(n.Full, v) {
			return true
		}
	}
	return false
}

// pickPart returns the candidate that full contains as whole words,
// preferring one written in the same case.
func pickPart(full string, candidates []string) string {
	found := ""
	for _, c := range candidates {
		if containsWord(full, c) {
			if strings.Contains(full, c) {
				return c
			}
			if found == "" {
				found = c
			}
		}
	}
	return found
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// containsWord reports whether s contains w, in any case, not as part of
// a longer word.
func containsWord(s, w string) bool {
	s, w = strings.ToLower(s), strings.ToLower(w)
	if w == "" {
		return false
	}
	for i := 0; i <= len(s); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (j == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		i = j + size
	}
	return false
}

func (b *builder) countries(prop string, dst *[]string) {
	var unknown []string
	for _, v := range b.raw.strs(prop) {
		if c, ok := field.CountryCode(v); ok {
			*dst = append(*dst, c)
		} else {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) > 0 {
		b.remark(label(prop) + ": " + strings.Join(unknown, ", "))
	}
}

func (b *builder) dates(prop string) {
	for _, v := range b.raw.strs(prop) {
		d, err := entity.ParseDate(v)
		if err != nil {
			b.problem(prop, err)
			b.remark(label(prop) + ": " + v)
			continue
		}
		b.e.AddBirthDate(d)
	}
}

func (b *builder) craft() *entity.Craft {
	if b.e.Vessel == nil {
		b.e.Vessel = &entity.Craft{}
	}
	return b.e.Vessel
}

// property maps one property of the party.
func (b *builder) property(prop string) {
	raw, e := b.raw, b.e
	vals := raw.strs(prop)
	if len(vals) == 0 {
		return
	}
	allNested := true
	for _, v := range raw.Properties[prop] {
		if v.nested == nil {
			allNested = false
		}
	}
	if allNested && prop != "addressEntity" && prop != "owner" && prop != "operator" {
		return // adjacent entities of a nested export, folded in fold
	}
	switch prop {
	case "birthDate", "incorporationDate":
		b.dates(prop)
	case "birthPlace":
		e.BirthPlaces = append(e.BirthPlaces, vals...)
	case "nationality":
		b.countries(prop, &e.Nationalities)
	case "citizenship":
		b.countries(prop, &e.Citizenships)
	case "country", "jurisdiction", "mainCountry", "birthCountry":
		b.countries(prop, &e.Countries)
	case "flag":
		var flags []string
		b.countries(prop, &flags)
		if len(flags) > 0 {
			b.craft().Flag = flags[0]
			e.Countries = append(e.Countries, flags...)
			if len(flags) > 1 {
				b.remark("Flag: " + strings.Join(flags[1:], ", "))
			}
		}
	case "gender":
		for _, v := range vals {
			if g := entity.ParseGender(v); g != "" && e.Gender == "" {
				e.Gender = g
			} else if g != e.Gender || g == "" {
				b.remark("Gender: " + v)
			}
		}
	case "address":
		for _, v := range vals {
			e.Addresses = append(e.Addresses, entity.Address{Full: v})
		}
	case "addressEntity":
		// folded in fold
	case "position":
		e.Positions = append(e.Positions, vals...)
	case "notes", "summary", "description":
		b.notes = append(b.notes, raw.text(prop)...)
	case "sourceUrl":
		e.URL = vals[0]
		if len(vals) > 1 {
			b.remark("Source: " + strings.Join(vals[1:], ", "))
		}
	case "program":
		e.Programs = append(e.Programs, vals...)
	case "topics":
		b.remark("Topics: " + strings.Join(vals, ", "))
	case "createdAt":
		b.created = append(b.created, vals...)
	case "type":
		if e.Type == entity.Vessel || e.Type == entity.Aircraft {
			b.craft().Kind = vals[0]
			if len(vals) > 1 {
				b.remark("Type: " + strings.Join(vals[1:], ", "))
			}
		} else {
			b.remark("Type: " + strings.Join(vals, ", "))
		}
	case "tonnage", "grossRegisteredTonnage":
		if prop == "tonnage" {
			b.craft().Tonnage = vals[0]
		} else {
			b.craft().GRT = vals[0]
		}
		if len(vals) > 1 {
			b.remark(label(prop) + ": " + strings.Join(vals[1:], ", "))
		}
	case "owner", "operator":
		// Deprecated FtM references to the owning or operating entity:
		// the name when the export nests it, else the referenced ID.
		var names, ids []string
		for _, v := range raw.Properties[prop] {
			if v.nested != nil {
				if n := entity.CleanSpace(v.nested.Caption); n != "" {
					names = append(names, n)
				} else {
					ids = append(ids, v.nested.ID)
				}
			} else if s := entity.CleanSpace(v.s); s != "" {
				ids = append(ids, s)
			}
		}
		if len(names) > 0 && e.Vessel == nil && e.Type != entity.Vessel && e.Type != entity.Aircraft {
			ids, names = append(ids, names...), nil
		}
		if len(names) > 0 {
			if prop == "owner" {
				b.craft().Owner = strings.Join(names, "; ")
			} else {
				b.craft().Operator = strings.Join(names, "; ")
			}
		}
		if len(ids) > 0 {
			b.remark(label(prop) + ": " + strings.Join(ids, ", "))
		}
	default:
		if id, ok := idProps[prop]; ok {
			for _, v := range vals {
				e.AddIdentifier(entity.Identifier{Type: id.typ, Value: v, Note: id.note})
			}
			return
		}
		if t := raw.text(prop); len(t) > 0 {
			b.remark(label(prop) + ": " + strings.Join(t, ", "))
		}
	}
}

// fold adds the side records that point at the party, and the adjacent
// entities a nested export embeds in its properties.
func (b *builder) fold() {
	raw, s := b.raw, &b.p.sides
	// Addresses the party points at.
	var missing []string
	for _, v := range raw.Properties["addressEntity"] {
		switch {
		case v.nested != nil:
			b.addAddress(addressFrom(v.nested))
		case entity.CleanSpace(v.s) != "":
			if a, ok := s.addresses[entity.CleanSpace(v.s)]; ok {
				a.rec.used = true
				b.addAddress(a)
			} else {
				missing = append(missing, entity.CleanSpace(v.s))
			}
		}
	}
	if len(missing) > 0 {
		b.remark("Address entity not in this file: " + strings.Join(missing, ", "))
	}
	// Records that point at the party by its ID or a referent.
	seen := map[*extras]bool{}
	for _, k := range raw.keys() {
		x := s.parties[k]
		if x == nil || seen[x] {
			continue
		}
		seen[x] = true
		for _, sn := range x.sanctions {
			sn.rec.used = true
			b.addSanction(sn)
		}
		for _, in := range x.idents {
			in.rec.used = true
			b.addIdent(in.id)
		}
		for _, o := range x.occupancies {
			o.rec.used = true
			b.addOccupancy(o)
		}
	}
	// Adjacent entities nested in place (targets.nested.json).
	props := make([]string, 0, len(raw.Properties))
	for k := range raw.Properties {
		props = append(props, k)
	}
	sort.Strings(props)
	for _, prop := range props {
		if prop == "addressEntity" {
			continue
		}
		for _, v := range raw.Properties[prop] {
			n := v.nested
			if n == nil {
				continue
			}
			switch n.Schema {
			case "Address":
				b.addAddress(addressFrom(n))
			case "Sanction":
				b.addSanction(sanctionFrom(n))
			case "Identification", "Passport":
				if id := identFrom(n); id.Value != "" {
					b.addIdent(id)
				}
			case "CryptoWallet":
				if id := walletFrom(n); id.Value != "" {
					b.addIdent(id)
				}
			case "Occupancy":
				b.addOccupancy(occupancyFrom(n))
			}
		}
	}
}

// addIdent adds an identifier from a side record. The same number given
// by a property of the party (passportNumber without a country) is
// completed rather than repeated.
func (b *builder) addIdent(id entity.Identifier) {
	for i, have := range b.e.Identifiers {
		if have.Type == id.Type && have.Value == entity.CleanSpace(id.Value) && have.Country == "" {
			b.e.Identifiers[i].Country = id.Country
			if id.Note != "" {
				b.e.Identifiers[i].Note = id.Note
			}
			if id.Currency != "" {
				b.e.Identifiers[i].Currency = id.Currency
			}
			return
		}
	}
	b.e.AddIdentifier(id)
}

func (b *builder) addAddress(a *address) {
	b.e.Addresses = append(b.e.Addresses, a.addr)
	if a.addr.Country != "" {
		b.e.Countries = append(b.e.Countries, a.addr.Country)
	}
	b.remark(a.remark)
}

func (b *builder) addSanction(sn *sanction) {
	b.e.Programs = append(b.e.Programs, sn.programs...)
	for _, v := range sn.listed {
		if d, err := entity.ParseDate(v); err == nil {
			b.listed = append(b.listed, d)
		}
	}
	for _, v := range sn.start {
		if d, err := entity.ParseDate(v); err == nil {
			b.started = append(b.started, d)
		}
	}
	if b.e.URL == "" && sn.url != "" && b.raw.first("sourceUrl") == "" {
		b.e.URL = sn.url
	}
	b.remark(sn.remark)
}

func (b *builder) addOccupancy(o *occupancy) {
	for _, n := range o.nested {
		b.e.Positions = append(b.e.Positions, o.term(n))
	}
	var missing []string
	for _, id := range o.posts {
		if p, ok := b.p.sides.positions[id]; ok && p.name != "" {
			p.rec.used = true
			b.e.Positions = append(b.e.Positions, o.term(p.name))
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		b.remark(o.term("Position entity not in this file: " + strings.Join(missing, ", ")))
	}
	if o.extra != "" {
		b.remark("Occupancy: " + o.extra)
	}
}

// earliest returns the earliest of ds in text form.
func earliest(ds []entity.Date) string {
	best := ""
	for _, d := range ds {
		if s := d.String(); best == "" || s < best {
			best = s
		}
	}
	return best
}

// finish sets the listing date and remarks and normalises the entity.
func (b *builder) finish() {
	e := b.e
	var createdDates []entity.Date
	var badCreated []string
	for _, v := range b.created {
		if d, err := entity.ParseDate(v); err == nil {
			createdDates = append(createdDates, d)
		} else {
			badCreated = append(badCreated, v)
		}
	}
	switch {
	case len(b.listed) > 0:
		e.ListedOn = earliest(b.listed)
	case len(b.started) > 0:
		e.ListedOn = earliest(b.started)
	case len(createdDates) > 0:
		e.ListedOn = earliest(createdDates)
	}
	var created []string
	for _, d := range createdDates {
		if s := d.String(); s != e.ListedOn {
			created = append(created, s)
		}
	}
	created = append(created, badCreated...)
	if len(created) > 0 {
		b.remark("Created: " + strings.Join(entity.SortedSet(created), ", "))
	}
	if t := b.raw.Target; t != nil && !*t {
		b.remark("Not itself a target: OpenSanctions includes it as an entity related to one")
	}
	all := append(b.notes, b.remarks...)
	seen := map[string]bool{}
	out := all[:0]
	for _, r := range all {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	e.Remarks = strings.Join(out, "; ")
	e.Normalize()
}
