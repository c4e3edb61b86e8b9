package uk

import (
	"fmt"
	"slices"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source/internal/field"
)

// builder gathers one designation of the official CSV or XML into an
// entity. The CSV repeats a designation's fields on every one of its rows
// (the rows are the cartesian product of its names, addresses, documents,
// ...), so every add deduplicates.
type builder struct {
	e         entity.Entity
	names     []entity.Name
	titles    []string
	rem       remarks
	addresses []entity.Address
	craft     entity.Craft
	owners    []string
	shipTypes []string
	tonnages  []string
	flagSeen  bool
	typeRaw   string
}

func newBuilder(uid string) *builder {
	b := &builder{}
	b.e.ID = "uk-" + uid
	b.e.Source = SourceName
	b.e.SourceIDs = []string{uid}
	return b
}

// setType reads "Individual", "Entity" or "Ship".
func (b *builder) setType(s string) {
	s = entity.CleanSpace(s)
	if s == "" || b.typeRaw != "" {
		return
	}
	b.typeRaw = s
	if t, ok := entity.ParseType(s); ok {
		b.e.Type = t
		return
	}
	b.rem.add("Type", s)
}

func (b *builder) addSourceID(prefix, v string) {
	if v = entity.CleanSpace(v); v != "" {
		b.e.SourceIDs = append(b.e.SourceIDs, prefix+v)
	}
}

func (b *builder) addProgram(s string) {
	if s = entity.CleanSpace(s); s != "" {
		b.e.Programs = append(b.e.Programs, s)
	}
}

// setListed reads the designation date; an unreadable one stays in Remarks.
func (b *builder) setListed(s string) {
	s = entity.CleanSpace(s)
	if s == "" || b.e.ListedOn != "" {
		return
	}
	if d, ok := ukDate(s); ok {
		b.e.ListedOn = d.String()
		return
	}
	b.rem.add("Date designated", s)
}

// addName adds one published name: parts Name1..Name6 (Name6 is the family
// name, or the whole name of an entity or ship), its name type and alias
// strength.
func (b *builder) addName(parts [6]string, nameType, strength, title string) {
	for i := range parts {
		parts[i] = entity.CleanSpace(parts[i])
	}
	full := field.JoinNonEmpty(" ", parts[:]...)
	if full == "" {
		return
	}
	n := entity.Name{Full: full, Kind: entity.Alias}
	nt := strings.ToLower(entity.CleanSpace(nameType))
	switch {
	case nt == "primary name":
		n.Kind = entity.Primary
	case strings.Contains(nt, "former") || strings.Contains(nt, "fka"):
		n.Kind = entity.Former
	case nt == "", nt == "alias", nt == "primary name variation", nt == "aka":
	default:
		b.rem.add("Name type of "+full, nameType)
	}
	if s := strings.ToLower(strength); strings.Contains(s, "low") || strings.Contains(s, "weak") {
		n.Weak = true
	}
	title = entity.CleanSpace(title)
	// Name1 is the first given name, Name2..Name5 further ones.
	if given, middle := parts[0], field.JoinNonEmpty(" ", parts[1:5]...); given != "" || middle != "" || title != "" {
		n.Parts = &entity.NameParts{Title: title, Given: given, Middle: middle}
		if given != "" || middle != "" {
			n.Parts.Family = parts[5]
		}
	}
	if title != "" {
		b.addTitle(title)
	}
	b.names = append(b.names, n)
}

func (b *builder) addTitle(t string) {
	if t = entity.CleanSpace(t); t != "" && !slices.Contains(b.titles, t) {
		b.titles = append(b.titles, t)
	}
}

// addNonLatin adds a name in its original script.
func (b *builder) addNonLatin(name, script, lang string) {
	name = entity.CleanSpace(name)
	if name == "" {
		return
	}
	n := entity.Name{Full: name, Kind: entity.Alias, Script: field.NonLatin(name)}
	if l := strings.TrimSpace(lang); l != "" {
		if code := languageCode(l); code != "" {
			n.Lang = code
		} else {
			b.rem.add("Language of "+name, l)
		}
	}
	_ = script // the script is the characters' own; the label adds nothing
	b.names = append(b.names, n)
}

func (b *builder) addNationality(s string) {
	for _, v := range splitList(s) {
		if c := country.Code(v); c != "" {
			b.e.Nationalities = append(b.e.Nationalities, c)
		} else {
			b.rem.add("Nationality", v)
		}
	}
}

func (b *builder) addDOB(s string) {
	s = entity.CleanSpace(s)
	if s == "" {
		return
	}
	if d, ok := ukDate(s); ok {
		b.e.AddBirthDate(d)
		return
	}
	b.rem.add("DOB", s)
}

func (b *builder) addBirthPlace(town, ctry string) {
	if p := field.JoinNonEmpty(", ", entity.CleanSpace(town), entity.CleanSpace(ctry)); p != "" {
		b.e.BirthPlaces = append(b.e.BirthPlaces, p)
	}
}

func (b *builder) addGender(s string) {
	s = entity.CleanSpace(s)
	if s == "" {
		return
	}
	if g := entity.ParseGender(s); g != "" && (b.e.Gender == "" || b.e.Gender == g) {
		b.e.Gender = g
		return
	}
	b.rem.add("Gender", s)
}

func (b *builder) addPosition(s string) {
	if s = entity.CleanSpace(s); s != "" {
		b.e.Positions = append(b.e.Positions, s)
	}
}

// addAddress adds an address of six lines, a postal code and a country.
func (b *builder) addAddress(lines [6]string, postal, ctry string) {
	for i := range lines {
		lines[i] = entity.CleanSpace(lines[i])
	}
	postal, ctry = entity.CleanSpace(postal), entity.CleanSpace(ctry)
	a := entity.Address{
		Full:       field.JoinNonEmpty(", ", append(lines[:], postal, ctry)...),
		Street:     field.JoinNonEmpty(", ", lines[0], lines[1], lines[2]),
		City:       lines[5],
		Region:     field.JoinNonEmpty(", ", lines[3], lines[4]),
		PostalCode: postal,
	}
	if a.Full == "" {
		return
	}
	if ctry != "" {
		if c := country.Code(ctry); c != "" {
			a.Country = c
			b.e.Countries = append(b.e.Countries, c)
		}
	}
	if !slices.Contains(b.addresses, a) {
		b.addresses = append(b.addresses, a)
	}
}

// addDocument adds a passport or national identifier; its additional
// information (issuer, dates, remarks) becomes the identifier's note.
func (b *builder) addDocument(t entity.IDType, label, number, info string) {
	number, info = entity.CleanSpace(number), entity.CleanSpace(info)
	if number == "" {
		if info != "" {
			b.rem.add(label, info)
		}
		return
	}
	b.e.AddIdentifier(entity.Identifier{Type: t, Value: number, Note: field.JoinNonEmpty("; ", label, info)})
}

func (b *builder) addRegistration(s string) {
	if s = entity.CleanSpace(s); s != "" {
		b.e.AddIdentifier(entity.Identifier{Type: entity.Registration, Value: s, Note: "Business registration number"})
	}
}

// addIMO adds an IMO number, published as "IMO9562233" or "9562233".
func (b *builder) addIMO(s string) {
	s = entity.CleanSpace(s)
	v := s
	if len(v) >= 3 && strings.EqualFold(v[:3], "imo") {
		v = strings.TrimSpace(strings.TrimLeft(v[3:], " :."))
	}
	if v == "" {
		b.rem.add("IMO number", s)
		return
	}
	b.e.AddIdentifier(entity.Identifier{Type: entity.IMO, Value: v})
}

func (b *builder) addHIN(s string) {
	if s = entity.CleanSpace(s); s != "" {
		b.e.AddIdentifier(entity.Identifier{Type: entity.Other, Value: s, Note: "Hull identification number (HIN)"})
	}
}

func (b *builder) addFlag(s string) {
	s = entity.CleanSpace(s)
	if s == "" {
		return
	}
	if c := country.Code(s); c != "" && (b.craft.Flag == "" || b.craft.Flag == c) {
		b.craft.Flag = c
		b.flagSeen = true
		return
	}
	b.rem.add("Current believed flag", s)
}

func addUnique(list *[]string, s string) {
	if s = entity.CleanSpace(s); s != "" && !slices.Contains(*list, s) {
		*list = append(*list, s)
	}
}

// finish orders the names (the primary name first) and returns the
// entity, or an error naming the field at fault when it cannot stand.
func (b *builder) finish() (*entity.Entity, string, error) {
	e := &b.e
	// The primary name first; the publisher's order otherwise.
	slices.SortStableFunc(b.names, func(x, y entity.Name) int {
		return kindRank(x.Kind) - kindRank(y.Kind)
	})
	for i, n := range b.names {
		if i == 0 {
			n.Kind = entity.Primary
		} else if n.Kind == entity.Primary {
			n.Kind = entity.Alias // a second "Primary Name" is kept as an alias
		}
		if e.Type != entity.Person {
			n.Parts = nil // Name6 holds an entity's or a ship's whole name
		}
		e.AddName(n)
	}
	if len(e.Names) == 0 {
		return nil, "Names", fmt.Errorf("designation %s has no name", e.SourceIDs[0])
	}
	if len(b.titles) > 0 {
		p := e.Names[0].Parts
		switch {
		case e.Type != entity.Person:
			b.rem.add("Title", strings.Join(b.titles, "; "))
		case p == nil:
			e.Names[0].Parts = &entity.NameParts{Title: strings.Join(b.titles, "; ")}
		case p.Title == "":
			p.Title = strings.Join(b.titles, "; ")
		}
	}
	if e.Type == entity.Unknown && b.typeRaw == "" {
		b.rem.add("Type", "not given")
	}
	e.Addresses = b.addresses
	if e.Type == entity.Vessel || b.flagSeen || len(b.owners)+len(b.shipTypes)+len(b.tonnages) > 0 {
		b.craft.Owner = strings.Join(b.owners, "; ")
		b.craft.Kind = strings.Join(b.shipTypes, "; ")
		b.craft.Tonnage = strings.Join(b.tonnages, "; ")
		if b.craft != (entity.Craft{}) {
			c := b.craft
			e.Vessel = &c
		}
	}
	e.Remarks = b.rem.String()
	e.Normalize()
	return e, "", nil
}

func kindRank(k entity.NameKind) int {
	if k == entity.Primary {
		return 0
	}
	return 1
}

// remarks is an ordered set of "Label: value" remarks.
type remarks struct{ items []string }

func (r *remarks) add(label, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	s := value
	if label != "" {
		s = label + ": " + value
	}
	if !slices.Contains(r.items, s) {
		r.items = append(r.items, s)
	}
}

func (r *remarks) String() string { return strings.Join(r.items, "; ") }

// splitList splits a cell that may hold several values: "(1) Russia (2)
// Ukraine", "Russia; Ukraine". A single value comes back whole.
func splitList(s string) []string {
	s = entity.CleanSpace(s)
	if s == "" {
		return nil
	}
	if country.Code(s) != "" {
		return []string{s}
	}
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		// "(1) Russia (2) Ukraine"
		for _, q := range numberedItems(p) {
			if q = strings.TrimSpace(strings.Trim(q, ",. ")); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// numberedItems splits "(1) a (2) b" into "a", "b"; other text comes back
// whole.
func numberedItems(s string) []string {
	var out []string
	rest := s
	for {
		i := strings.Index(rest, "(")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i:], ")")
		if j < 0 || !isDigits(rest[i+1:i+j]) {
			break
		}
		if before := rest[:i]; strings.TrimSpace(before) != "" {
			out = append(out, before)
		}
		rest = rest[i+j+1:]
		k := strings.Index(rest, "(")
		for k >= 0 {
			l := strings.Index(rest[k:], ")")
			if l > 0 && isDigits(rest[k+1:k+l]) {
				break
			}
			n := strings.Index(rest[k+1:], "(")
			if n < 0 {
				k = -1
				break
			}
			k += 1 + n
		}
		if k < 0 {
			out = append(out, rest)
			return out
		}
		out = append(out, rest[:k])
		rest = rest[k:]
	}
	if strings.TrimSpace(rest) != "" {
		out = append(out, rest)
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// languageCode maps the language names the UK list uses for non-Latin
// names to ISO 639-1 codes.
func languageCode(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if i := strings.IndexAny(name, ";,("); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	return languages[name]
}

var languages = map[string]string{
	"amharic": "am", "arabic": "ar", "armenian": "hy", "belarusian": "be", "bosnian": "bs",
	"bulgarian": "bg", "burmese": "my", "chinese": "zh", "georgian": "ka", "greek": "el",
	"hebrew": "he", "japanese": "ja", "kazakh": "kk", "korean": "ko", "kyrgyz": "ky",
	"macedonian": "mk", "mongolian": "mn", "pashto": "ps", "persian": "fa", "farsi": "fa",
	"romanian": "ro", "moldavian": "ro", "moldovan": "ro", "russian": "ru", "serbian": "sr",
	"somali": "so", "tajik": "tg", "thai": "th", "tigrinya": "ti", "turkish": "tr",
	"ukrainian": "uk", "urdu": "ur", "uzbek": "uz", "azerbaijani": "az", "dari": "fa",
	"tamil": "ta", "hindi": "hi", "bengali": "bn", "khmer": "km", "lao": "lo",
}
