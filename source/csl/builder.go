package csl

import (
	"errors"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source/dpl"
)

// builder fills one entity and collects its remarks.
type builder struct {
	e       *entity.Entity
	remarks []string
	org     bool // a name looks like an organization's
}

// remark adds free text to the remarks.
func (b *builder) remark(s string) {
	if s != "" {
		b.remarks = append(b.remarks, s)
	}
}

// note adds "label: value" to the remarks when value is not empty.
func (b *builder) note(label, value string) {
	if value != "" {
		b.remarks = append(b.remarks, label+": "+value)
	}
}

var errNoPrimary = errors.New("name holds no name")

// successorClause is the phrase the nonproliferation sanctions append to
// names ("; and any successor, sub-unit, or subsidiary thereof").
func successorClause(s string) bool {
	l := strings.ToLower(trimAnd(s))
	return strings.HasPrefix(l, "any successor") || strings.HasPrefix(l, "its successor") ||
		strings.HasPrefix(l, "any sub-unit") || strings.HasPrefix(l, "any subsidiary")
}

// names reads the name and alt_names cells.
func (b *builder) names(nameParts, altNames []string) error {
	e := b.e
	add := func(text string, primary bool) {
		names, typ := dpl.ParseName(text)
		// A one-word alias ("HSRI", "SAMMY") says nothing of the type.
		if typ == entity.Organization && (primary || len(strings.Fields(text)) > 1) {
			b.org = true
		}
		for i, n := range names {
			if !primary || i > 0 || len(e.Names) > 0 {
				if n.Kind == entity.Primary {
					n.Kind = entity.Alias
				}
			}
			e.AddName(n)
		}
		if len(names) > 1 {
			b.note("Listed as", text)
		}
	}
	add(nameParts[0], true)
	if len(e.Names) == 0 {
		return errNoPrimary
	}
	for _, part := range nameParts[1:] {
		if successorClause(part) {
			b.note("Name continues", part)
			continue
		}
		add(trimAnd(part), false)
	}
	for _, alt := range altNames {
		add(trimAnd(alt), false)
	}
	return nil
}

// address reads one address: comma-joined parts, the last being the
// country's ISO code (or, in older files, its name).
func (b *builder) address(a string) {
	if a == "" {
		return
	}
	last := a
	if i := strings.LastIndexByte(a, ','); i >= 0 {
		last = strings.TrimSpace(a[i+1:])
	}
	cc := country.Code(last)
	b.e.Addresses = append(b.e.Addresses, entity.Address{Full: a, Country: cc})
	for _, n := range dpl.InmateNumbers(a) {
		b.e.AddIdentifier(entity.Identifier{Type: entity.Other, Value: n, Country: "us", Note: dpl.InmateNote})
	}
	if cc != "" {
		b.e.Countries = append(b.e.Countries, cc)
	}
}

// craft fills the vessel or aircraft particulars.
func (b *builder) craft(kind, tonnage, grt, flag, owner string) {
	if kind == "" && tonnage == "" && grt == "" && flag == "" && owner == "" {
		return
	}
	cc := ""
	if flag != "" {
		if cc = country.Code(flag); cc != "" {
			b.e.Countries = append(b.e.Countries, cc)
		}
	}
	if b.e.Type != entity.Vessel && b.e.Type != entity.Aircraft {
		b.note("Vessel type", kind)
		b.note("Gross tonnage", tonnage)
		b.note("Gross registered tonnage", grt)
		b.note("Vessel flag", flag)
		b.note("Vessel owner", owner)
		return
	}
	if flag != "" && cc == "" {
		b.note("Vessel flag", flag)
	}
	*b.vessel() = entity.Craft{Flag: cc, Kind: kind, Tonnage: tonnage, GRT: grt, Owner: owner}
}

// vessel returns the craft of a vessel or aircraft, made when needed, and
// nil for other types.
func (b *builder) vessel() *entity.Craft {
	if b.e.Type != entity.Vessel && b.e.Type != entity.Aircraft {
		return nil
	}
	if b.e.Vessel == nil {
		b.e.Vessel = &entity.Craft{}
	}
	return b.e.Vessel
}

// factWords mark an ids label that states a sanctions fact or a
// particular rather than an identifier.
var factWords = []string{"sanction", "directive", "executive order", "determination", "information",
	"prohibited", "year of build", "manufacture date", "vessel type", "vessel flag", "target type",
	"organization type", "listing date", "effective date"}

func isFactLabel(label string) bool {
	if strings.HasSuffix(label, ":") || strings.HasSuffix(label, "-") {
		return true
	}
	l := strings.ToLower(label)
	for _, w := range factWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// ids reads the entries of the ids cell.
func (b *builder) ids(entries []string) {
	e := b.e
	for _, entry := range entries {
		var parts []string
		for _, p := range strings.Split(entry, ",") {
			parts = append(parts, strings.TrimSpace(p))
		}
		label, rest := parts[0], parts[1:]
		for len(rest) > 0 && rest[len(rest)-1] == "" {
			rest = rest[:len(rest)-1]
		}
		if len(rest) == 0 || rest[0] == "" {
			b.note("ID", entry)
			continue
		}
		value := strings.Join(rest, ", ")
		switch l := strings.ToLower(label); {
		case l == "gender":
			if g := entity.ParseGender(rest[0]); g != "" {
				e.Gender = g
			} else {
				b.note("Gender", value)
			}
		case isFactLabel(label):
			b.note(strings.TrimSpace(strings.TrimRight(label, ":-")), value)
		case l == "nationality of registration" || l == "nationality country":
			if cc := country.Code(value); cc != "" {
				e.Countries = append(e.Countries, cc)
			} else {
				b.note(label, value)
			}
		case l == "organization established date":
			if d, err := entity.ParseDate(value); err == nil {
				e.AddBirthDate(d)
			} else {
				b.note(label, value)
			}
		case l == "aircraft model" && b.vessel() != nil && e.Vessel.Kind == "":
			e.Vessel.Kind = value
		case l == "aircraft operator" && b.vessel() != nil && e.Vessel.Operator == "":
			e.Vessel.Operator = value
		default:
			b.identifier(label, rest)
		}
	}
}

// identifier reads "type, number[, country][, issue date][, expiry date]".
func (b *builder) identifier(label string, rest []string) {
	typ := entity.ParseIDType(label)
	value := rest[0]
	if typ == entity.Other && hasDigit(label) && !hasDigit(value) && entity.ParseIDType(value) != entity.Other {
		// The older "number, type" order.
		label, value = value, label
		typ = entity.ParseIDType(label)
	}
	id := entity.Identifier{Type: typ, Value: value}
	notes := []string{label}
	if u := strings.ToUpper(value); strings.HasPrefix(u, "IMO ") || strings.HasPrefix(u, "IMO:") {
		id.Type, id.Value = entity.IMO, strings.TrimSpace(value[4:])
	}
	if id.Type == entity.Crypto {
		if i := strings.LastIndex(label, " - "); i >= 0 {
			id.Currency = strings.TrimSpace(label[i+3:])
		}
	}
	dates := 0
	for _, p := range rest[1:] {
		if p == "" {
			continue
		}
		if id.Country == "" && dates == 0 {
			if cc := country.Code(p); cc != "" {
				id.Country = cc
				continue
			}
		}
		if d, err := entity.ParseISODate(p); err == nil && !d.IsZero() && dates < 2 {
			if dates == 0 {
				notes = append(notes, "issued "+d.String())
			} else {
				notes = append(notes, "expires "+d.String())
			}
			dates++
			continue
		}
		notes = append(notes, p)
	}
	id.Note = strings.Join(notes, "; ")
	b.e.AddIdentifier(id)
}
