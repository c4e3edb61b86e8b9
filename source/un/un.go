// Package un reads the United Nations Security Council Consolidated List in
// the XML form the Security Council publishes
// (https://scsanctions.un.org/resources/xml/en/consolidated.xml, schema
// https://www.un.org/sc/resources/sc-sanctions.xsd): a CONSOLIDATED_LIST
// root with a dateGenerated attribute, holding INDIVIDUALS/INDIVIDUAL and
// ENTITIES/ENTITY records.
//
// Each record becomes one entity with ID "un-" plus its REFERENCE_NUMBER
// ("un-QDi.017"); SourceIDs hold the reference number and the DATAID.
// Individuals become persons and entities organizations; UN_LIST_TYPE
// ("Al-Qaida", "DPRK") is the program. The reference number's regime prefix
// ("QDi", "KPi") is not repeated as a program: it is in SourceIDs and
// UN_LIST_TYPE names the same regime in words.
//
// Names: the primary name is FIRST_NAME to FOURTH_NAME joined with spaces in
// the order the UN gives them. The UN's name fields are ordinal, not
// semantic, so the parts are filled positionally and always rebuild the
// listed name in order: one part is Given; two are Given and Family; more
// are Given (first), Middle (the ones between) and Family (last), except
// that a Russian patronymic (-ovich, -evna, ...) between a given and a
// family name is Patronymic. For Arabic names the "Family" part so filled
// is the last listed name, which may be a father's or grandfather's name or
// a nisba rather than a surname; it is what travel documents usually print
// as the surname. Korean (DPRK, "KP" references) names are listed surname
// first, so there the first field is Family and the rest Given.
// INDIVIDUAL_ALIAS / ENTITY_ALIAS names are aliases: QUALITY "Good" and
// "a.k.a." strong, "Low" weak, "f.k.a." former names. NAME_ORIGINAL_SCRIPT
// names are aliases with Script set when they are in a non-Latin script,
// and Lang guessed from the script: "ru" for Cyrillic, "ar" for Arabic
// script using only the Arabic alphabet, "ps" and "ur" when letters proper
// to Pashto or Urdu occur, and no language when Persian-alphabet letters
// leave Dari, Pashto and Urdu open. Original-script forms quoted in alias
// and document notes ("original script: Абу Банат", "In Arabic: ...") are
// added the same way.
//
// Dates of birth: TYPE_OF_DATE EXACT, APPROXIMATELY (circa) and BETWEEN
// (FROM_YEAR/TO_YEAR, a range) with DATE or YEAR; several elements are
// alternatives. A NOTE that is a date ("Nov. 1973"), a month for the YEAR
// ("Sep.") or "Approximately" is read into the date; any other note, and
// any date that cannot be read (a Hijri date), is kept in Remarks.
// Places of birth are "Street, City, Province, Country (note)". Documents
// become identifiers typed from TYPE_OF_DOCUMENT2 or TYPE_OF_DOCUMENT, with
// the issuing country and the labels, issue date and place and note in
// Note; a document without NUMBER is kept in Remarks. TITLE and
// DESIGNATION values are positions. COMMENTS1 is the first remark; a
// "Gender: male" in it gives the gender when GENDER is absent, and IMO
// numbers it quotes become IMO identifiers. Alias dates and places of birth
// are added to the entity's and kept, with the alias they belong to, in
// Remarks; so are alias notes, address notes, unknown nationality strings
// and the LAST_DAY_UPDATED dates. VERSIONNUM, SORT_KEY, SORT_KEY_LAST_MOD
// and a LIST_TYPE of "UN List" are bookkeeping and ignored; any other
// element is kept in Remarks as "TAG: text".
//
// Countries: NATIONALITY values are nationalities, address countries go to
// Countries, and a place of birth's country stays in the place text. The UN
// writes country names, so a two- or three-letter value ("na", not
// available) is not read as a code. A name listed twice with different
// qualities is kept once, with the other listing in Remarks; a record with
// no FIRST_NAME but aliases takes its first alias as the primary name.
//
// The UN publishes no per-entity web page address derivable from the
// record, so URL is empty.
package un

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/field"
	"github.com/embargo/embargo/source/internal/xmltree"
)

// FormatName is the name of the format, SourceName the default source.
const (
	FormatName = "un-xml"
	SourceName = "un"
)

// Format describes the UN Consolidated List XML format.
func Format() source.Format {
	return source.Format{
		Name:        FormatName,
		Source:      SourceName,
		Description: "UN Security Council Consolidated List (XML, CONSOLIDATED_LIST)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// Sniff reports whether head, the first bytes of a file, is a UN
// Consolidated List: an XML document whose root element is
// CONSOLIDATED_LIST with the UN's dateGenerated attribute, schema or
// INDIVIDUALS/ENTITIES sections. The name is not used.
func Sniff(name string, head []byte) bool {
	root, rest := xmltree.RootElement(head)
	if root != "CONSOLIDATED_LIST" {
		return false
	}
	return bytes.Contains(rest, []byte("dateGenerated")) ||
		bytes.Contains(rest, []byte("sc-sanctions.xsd")) ||
		bytes.Contains(rest, []byte("<INDIVIDUALS")) ||
		bytes.Contains(rest, []byte("<ENTITIES"))
}

// Parse reads a UN Consolidated List and emits one entity per INDIVIDUAL
// and ENTITY record. A record with no reference number and no DATAID, or
// with no name at all, is reported in Report.Skipped. A file whose root is
// not CONSOLIDATED_LIST, or that is empty, gives an error wrapping
// source.ErrNotList; one that ends inside an element, source.ErrTruncated.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	// Raw tokens: the UN list has no name spaces to translate.
	d, err := xmltree.Open(ctx, in, true)
	if err != nil {
		return rep, err
	}
	se, err := d.Root(in.Name, "a UN XML list")
	if err != nil {
		return rep, err
	}
	if se.Name.Local != "CONSOLIDATED_LIST" {
		return rep, fmt.Errorf("%s: root element is <%s>, not <CONSOLIDATED_LIST>: %w", in.Name, se.Name.Local, source.ErrNotList)
	}
	for _, a := range se.Attr {
		if a.Name.Local == "dateGenerated" {
			rep.Published = xmltree.Day(a.Value)
		}
	}
	isRecord := func(name string) bool { return name == "INDIVIDUAL" || name == "ENTITY" }
	return rep, d.Records(ctx, in, &rep, isRecord, convert, emit)
}

// listedOn reads LISTED_ON: a date, possibly with a time or an offset
// ("2015-03-27-04:00"), or a partial date.
func listedOn(s string) string {
	if d := xmltree.Day(s); d != "" {
		return d
	}
	if d, err := entity.ParseISODate(s); err == nil && !d.IsRange() && !d.Circa {
		return d.String()
	}
	return ""
}

// builder collects one record's entity and remarks.
type builder struct {
	e        *entity.Entity
	comments string
	remarks  []string
	aliases  []entity.Name
	scripts  []entity.Name
}

func (b *builder) remark(format string, args ...any) {
	b.remarks = append(b.remarks, entity.CleanSpace(fmt.Sprintf(format, args...)))
}

// nameFields orders the UN's name fields.
var nameFields = map[string]int{"FIRST_NAME": 0, "SECOND_NAME": 1, "THIRD_NAME": 2, "FOURTH_NAME": 3}

var errNoID = errors.New("record has no REFERENCE_NUMBER and no DATAID")
var errNoName = errors.New("record has no name")

// convert turns one INDIVIDUAL or ENTITY record into an entity, or
// describes why it cannot.
func convert(n *xmltree.Node) (*entity.Entity, *source.Problem) {
	ref, dataID := n.Get("REFERENCE_NUMBER"), n.Get("DATAID")
	id := ref
	if id == "" {
		id = dataID
	}
	if id == "" {
		// Name the record by its listed name, if any, so it can be found.
		var names []string
		for _, t := range []string{"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"} {
			names = append(names, n.Get(t))
		}
		return nil, &source.Problem{Record: field.JoinNonEmpty(" ", names...), Field: "REFERENCE_NUMBER", Err: errNoID}
	}
	b := &builder{e: &entity.Entity{
		ID:        SourceName + "-" + id,
		Source:    SourceName,
		SourceIDs: []string{ref, dataID},
		Type:      entity.Person,
	}}
	if n.Name == "ENTITY" {
		b.e.Type = entity.Organization
	}
	var nameParts [4]string
	var updated []string
	for _, k := range n.Kids {
		switch k.Name {
		case "DATAID", "REFERENCE_NUMBER", "VERSIONNUM", "SORT_KEY", "SORT_KEY_LAST_MOD":
		case "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME":
			i := nameFields[k.Name]
			nameParts[i] = field.JoinNonEmpty(" ", nameParts[i], k.Value())
		case "UN_LIST_TYPE":
			b.e.Programs = append(b.e.Programs, k.Value())
		case "LISTED_ON":
			if v := k.Value(); v != "" {
				if b.e.ListedOn = listedOn(v); b.e.ListedOn == "" {
					b.remark("Listed on: %s", v)
				}
			}
		case "GENDER":
			if v := k.Value(); v != "" {
				if b.e.Gender = entity.ParseGender(v); b.e.Gender == "" {
					b.remark("Gender: %s", v)
				}
			}
		case "COMMENTS1":
			b.comments = field.JoinNonEmpty("\n", b.comments, k.Value())
		case "NAME_ORIGINAL_SCRIPT":
			b.addScriptName(k.Value(), false)
		case "TITLE", "DESIGNATION":
			b.e.Positions = append(b.e.Positions, values(k)...)
		case "NATIONALITY":
			for _, v := range values(k) {
				if c := countryCode(v); c != "" {
					b.e.Nationalities = append(b.e.Nationalities, c)
				} else {
					b.remark("Nationality: %s", v)
				}
			}
		case "LIST_TYPE":
			for _, v := range values(k) {
				if v != "UN List" {
					b.remark("List type: %s", v)
				}
			}
		case "LAST_DAY_UPDATED":
			updated = append(updated, values(k)...)
		case "INDIVIDUAL_ALIAS", "ENTITY_ALIAS":
			b.alias(k)
		case "INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS":
			b.address(k)
		case "INDIVIDUAL_DATE_OF_BIRTH":
			b.birthDate(k)
		case "INDIVIDUAL_PLACE_OF_BIRTH":
			b.birthPlace(k)
		case "INDIVIDUAL_DOCUMENT":
			b.document(k)
		default:
			if v := k.Flatten(); v != "" {
				b.remarks = append(b.remarks, v)
			}
		}
	}
	if len(updated) > 0 {
		b.remark("Last updated: %s", strings.Join(updated, ", "))
	}

	// Names: the primary name first, then the original-script names, then
	// the aliases in the publisher's order.
	var listed []string
	for _, p := range nameParts {
		if p != "" {
			listed = append(listed, p)
		}
	}
	primary := entity.Name{Full: strings.Join(listed, " "), Kind: entity.Primary}
	if b.e.Type == entity.Person {
		primary.Parts = personParts(listed, ref)
	}
	b.e.AddName(primary)
	if primary.Full == "" {
		// With no listed name the first alias stands as the primary name:
		// prefer one in Latin letters.
		b.aliases, b.scripts = append(b.aliases, b.scripts...), nil
	}
	for _, nm := range b.scripts {
		b.e.AddName(nm)
	}
	for _, nm := range b.aliases {
		if b.e.AddName(nm) {
			continue
		}
		// The same text listed again with another kind ("JANNAT OSHIKLARI"
		// both a.k.a. and f.k.a.): the name is there once, the other
		// listing is kept in Remarks.
		for _, have := range b.e.Names {
			if strings.EqualFold(have.Full, entity.CleanSpace(nm.Full)) && have.Kind != nm.Kind && have.Kind != entity.Primary {
				b.remark("%q is also listed as %s", nm.Full, kindLabel(nm.Kind))
				break
			}
		}
	}
	if len(b.e.Names) == 0 {
		return nil, &source.Problem{Record: id, Field: "FIRST_NAME", Err: errNoName}
	}
	if b.e.Names[0].Kind != entity.Primary {
		// No listed name but aliases: the first alias stands as the primary
		// name, and Remarks say so.
		b.e.Names[0].Kind, b.e.Names[0].Weak = entity.Primary, false
		b.remark("No primary name listed; %q is the first alias", b.e.Names[0].Full)
	}

	if b.comments != "" {
		// The cheap tests spare most comments the regular expressions.
		if b.e.Type == entity.Person && b.e.Gender == "" && (strings.Contains(b.comments, "ender") || strings.Contains(b.comments, "ENDER")) {
			if m := genderRe.FindStringSubmatch(b.comments); m != nil {
				b.e.Gender = entity.ParseGender(m[1])
			}
		}
		if strings.Contains(b.comments, "IMO") {
			for _, m := range imoRe.FindAllStringSubmatch(b.comments, -1) {
				b.e.AddIdentifier(entity.Identifier{Type: entity.IMO, Value: m[1], Note: "IMO number quoted in the UN comments"})
			}
		}
		b.remarks = append([]string{b.comments}, b.remarks...)
	}
	b.e.Remarks = strings.Join(b.remarks, "\n")
	b.e.Normalize()
	return b.e, nil
}

var (
	genderRe = regexp.MustCompile(`(?i)\bgender\W{0,3}(male|female)\b`)
	imoRe    = regexp.MustCompile(`\bIMO\b[^0-9]{0,20}\b(\d{7})\b`)
)

// values returns the non-empty VALUE children of a list element
// (NATIONALITY, TITLE, DESIGNATION, LAST_DAY_UPDATED); "<VALUE/>" is empty.
// Text directly in the element, without VALUE, counts as a value too.
func values(n *xmltree.Node) []string {
	var out []string
	if v := n.Value(); v != "" {
		out = append(out, v)
	}
	for _, k := range n.Kids {
		if v := k.Value(); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// countryCode maps a UN country name to its ISO code. The UN writes country
// names, never codes, so two- and three-letter strings ("na" for "not
// available") are not taken for codes.
func countryCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= 3 {
		return ""
	}
	return country.Code(s)
}

// personParts fills NameParts from the UN's ordinal name fields; see the
// package documentation.
func personParts(names []string, ref string) *entity.NameParts {
	switch {
	case len(names) == 0:
		return nil
	case len(names) == 1:
		return &entity.NameParts{Given: names[0]}
	case strings.HasPrefix(ref, "KP"):
		return &entity.NameParts{Family: names[0], Given: strings.Join(names[1:], " ")}
	case len(names) == 2:
		return &entity.NameParts{Given: names[0], Family: names[1]}
	}
	p := &entity.NameParts{Given: names[0], Family: names[len(names)-1]}
	middle := names[1 : len(names)-1]
	if len(middle) == 1 && isPatronymic(middle[0]) {
		p.Patronymic = middle[0]
	} else {
		p.Middle = strings.Join(middle, " ")
	}
	return p
}

func kindLabel(k entity.NameKind) string {
	switch k {
	case entity.Former:
		return "f.k.a."
	case entity.Newer:
		return "n.k.a."
	}
	return "a.k.a."
}

func isPatronymic(s string) bool {
	l := strings.ToLower(s)
	for _, suf := range []string{"ovich", "evich", "ovna", "evna", "ichna", "inichna"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// alias reads an INDIVIDUAL_ALIAS or ENTITY_ALIAS.
func (b *builder) alias(a *xmltree.Node) {
	name := a.Get("ALIAS_NAME")
	quality := a.Get("QUALITY")
	nm := entity.Name{Full: name, Kind: entity.Alias}
	label := "a.k.a."
	switch strings.ToLower(quality) {
	case "low":
		nm.Weak = true
		label = "low-quality a.k.a."
	case "f.k.a.", "fka":
		nm.Kind = entity.Former
		label = "f.k.a."
	case "n.k.a.", "nka":
		nm.Kind = entity.Newer
		label = "n.k.a."
	case "", "good", "a.k.a.", "aka":
	default:
		label = "a.k.a. (" + quality + ")"
	}
	var details []string
	for _, k := range a.Kids {
		v := k.Value()
		switch k.Name {
		case "ALIAS_NAME", "QUALITY":
		case "DATE_OF_BIRTH":
			if v == "" {
				continue
			}
			if d, err := entity.ParseDate(v); err == nil {
				b.e.AddBirthDate(d)
			}
			details = append(details, "date of birth "+v)
		case "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH":
		case "NOTE":
			if v != "" {
				details = append(details, v)
				b.scriptNamesIn(v, nm.Weak)
			}
		default:
			if f := k.Flatten(); f != "" {
				details = append(details, f)
			}
		}
	}
	if place := field.JoinNonEmpty(", ", a.Get("CITY_OF_BIRTH"), a.Get("COUNTRY_OF_BIRTH")); place != "" {
		b.e.BirthPlaces = append(b.e.BirthPlaces, place)
		details = append(details, "place of birth "+place)
	}
	if name == "" {
		if len(details) > 0 {
			b.remark("Alias with no name: %s", strings.Join(details, "; "))
		}
		return
	}
	b.aliases = append(b.aliases, nm)
	if len(details) > 0 {
		b.remark("%s %q: %s", label, name, strings.Join(details, "; "))
	}
}

// addScriptName adds an original-script name. A name in Latin letters (the
// UN lists some so) is an ordinary alias.
func (b *builder) addScriptName(s string, weak bool) {
	if s == "" {
		return
	}
	nonLatin, lang := scriptOf(s)
	b.scripts = append(b.scripts, entity.Name{Full: s, Kind: entity.Alias, Weak: weak, Script: nonLatin, Lang: lang})
}

// scriptNoteRe finds an original-script form quoted in a note:
// "original script: Абу Банат", "In Arabic: سيف العدل", "name in Arabic
// script: ...".
var scriptNoteRe = regexp.MustCompile(`(?i)(?:original script|in arabic(?: script)?)\s*:\s*([^;:]+)`)

// scriptNamesIn adds the original-script names quoted in a note, when the
// quoted text has no Latin letters.
func (b *builder) scriptNamesIn(note string, weak bool) {
	for _, m := range scriptNoteRe.FindAllStringSubmatch(note, -1) {
		s := strings.TrimFunc(m[1], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
		if nonLatin, _ := scriptOf(s); nonLatin && !hasLatin(s) {
			b.addScriptName(s, weak)
		}
	}
}

func hasLatin(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// Letters proper to the Pashto, Urdu and Persian alphabets, which Arabic
// does not use.
const (
	pashtoLetters  = "ټډړږښځڅګڼۍې"
	urduLetters    = "ٹڈڑںہےھ"
	persianLetters = "پچژگکی"
)

// scriptOf reports whether s has letters of a non-Latin script, and the
// language that script most likely writes in the UN list.
func scriptOf(s string) (nonLatin bool, lang string) {
	var arabic, cyrillic, greek, hebrew, han, kana, hangul, other bool
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r), unicode.Is(unicode.Latin, r):
			continue
		case unicode.Is(unicode.Arabic, r):
			arabic = true
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic = true
		case unicode.Is(unicode.Greek, r):
			greek = true
		case unicode.Is(unicode.Hebrew, r):
			hebrew = true
		case unicode.Is(unicode.Han, r):
			han = true
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana = true
		case unicode.Is(unicode.Hangul, r):
			hangul = true
		default:
			other = true
		}
	}
	nonLatin = arabic || cyrillic || greek || hebrew || han || kana || hangul || other
	switch {
	case arabic && strings.ContainsAny(s, pashtoLetters):
		lang = "ps"
	case arabic && strings.ContainsAny(s, urduLetters):
		lang = "ur"
	case arabic && strings.ContainsAny(s, persianLetters):
		lang = "" // Dari, Pashto or Urdu: the letters do not tell
	case arabic:
		lang = "ar"
	case cyrillic:
		lang = "ru"
	case greek:
		lang = "el"
	case hebrew:
		lang = "he"
	case kana:
		lang = "ja"
	case hangul:
		lang = "ko"
	case han:
		lang = "zh"
	}
	return nonLatin, lang
}

// address reads an INDIVIDUAL_ADDRESS or ENTITY_ADDRESS.
func (b *builder) address(a *xmltree.Node) {
	var ad entity.Address
	var countryName, note string
	var extra []string
	for _, k := range a.Kids {
		v := k.Value()
		switch k.Name {
		case "STREET":
			ad.Street = v
		case "CITY":
			ad.City = v
		case "STATE_PROVINCE":
			ad.Region = v
		case "ZIP_CODE":
			ad.PostalCode = v
		case "COUNTRY":
			countryName = v
			ad.Country = countryCode(v)
		case "NOTE":
			note = v
		default:
			if f := k.Flatten(); f != "" {
				extra = append(extra, f)
			}
		}
	}
	ad.Full = field.JoinNonEmpty(", ", ad.Street, ad.City, ad.Region, ad.PostalCode, countryName)
	if ad.Full != "" {
		b.e.Addresses = append(b.e.Addresses, ad)
		if ad.Country != "" {
			b.e.Countries = append(b.e.Countries, ad.Country)
		}
	}
	if note != "" {
		extra = append([]string{note}, extra...)
	}
	if len(extra) > 0 {
		if ad.Full != "" {
			b.remark("Address %s: %s", ad.Full, strings.Join(extra, "; "))
		} else {
			b.remark("Address: %s", strings.Join(extra, "; "))
		}
	}
}

// birthDate reads an INDIVIDUAL_DATE_OF_BIRTH.
func (b *builder) birthDate(n *xmltree.Node) {
	typ := strings.ToUpper(n.Get("TYPE_OF_DATE"))
	circa := typ == "APPROXIMATELY"
	note := n.Get("NOTE")
	if strings.EqualFold(strings.TrimSuffix(note, "."), "approximately") {
		circa, note = true, ""
	}
	var found []entity.Date
	var raw []string
	bad := func(v string) { raw = append(raw, v) }
	for _, k := range n.Kids {
		v := k.Value()
		switch k.Name {
		case "TYPE_OF_DATE", "NOTE", "FROM_YEAR", "TO_YEAR":
		case "DATE", "YEAR":
			if v == "" {
				continue
			}
			d, err := entity.ParseDate(v)
			if err != nil {
				bad(v)
				continue
			}
			if k.Name == "YEAR" && d.Month == 0 && note != "" {
				// "Sep." with YEAR 1958 is September 1958.
				if md, err := entity.ParseDate(note + " " + v); err == nil && md.Year == d.Year && md.Month != 0 && !md.IsRange() {
					d, note = md, ""
				}
			}
			found = append(found, d)
		default:
			if f := k.Flatten(); f != "" {
				bad(f)
			}
		}
	}
	from, to := n.Get("FROM_YEAR"), n.Get("TO_YEAR")
	switch {
	case from != "" && to != "":
		d, err := entity.ParseDate(from + " to " + to)
		if err != nil || d.Month != 0 {
			bad("between " + from + " and " + to)
		} else {
			found = append(found, d)
		}
	case from != "":
		bad("from " + from)
	case to != "":
		bad("to " + to)
	}
	if len(found) == 0 && note != "" && !strings.Contains(strings.ToLower(note), "calendar") &&
		!strings.Contains(strings.ToLower(note), "hijri") {
		if d, err := entity.ParseDate(note); err == nil {
			found, note = append(found, d), ""
		}
	}
	for _, d := range found {
		if circa {
			d.Circa = true
		}
		b.e.AddBirthDate(d)
	}
	if len(raw) > 0 || note != "" {
		what := "Date of birth"
		if len(found) > 0 {
			var ds []string
			for _, d := range found {
				ds = append(ds, d.String())
			}
			what += " " + strings.Join(ds, ", ")
		}
		if typ != "" && typ != "EXACT" && len(found) == 0 {
			what += " (" + strings.ToLower(typ) + ")"
		}
		b.remark("%s: %s", what, field.JoinNonEmpty("; ", strings.Join(raw, "; "), note))
	}
}

// birthPlace reads an INDIVIDUAL_PLACE_OF_BIRTH.
func (b *builder) birthPlace(n *xmltree.Node) {
	var parts []string
	var note string
	for _, k := range n.Kids {
		v := k.Value()
		switch k.Name {
		case "NOTE":
			note = v
		case "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY":
			if v != "" {
				parts = append(parts, v)
			}
		default:
			if f := k.Flatten(); f != "" {
				parts = append(parts, f)
			}
		}
	}
	place := strings.Join(parts, ", ")
	if note != "" {
		if !strings.HasPrefix(note, "(") {
			note = "(" + note + ")"
		}
		place = field.JoinNonEmpty(" ", place, note)
	}
	if place != "" {
		b.e.BirthPlaces = append(b.e.BirthPlaces, place)
	}
}

// document reads an INDIVIDUAL_DOCUMENT.
func (b *builder) document(n *xmltree.Node) {
	typ1, typ2 := n.Get("TYPE_OF_DOCUMENT"), n.Get("TYPE_OF_DOCUMENT2")
	number := n.Get("NUMBER")
	issuing, ofIssue := n.Get("ISSUING_COUNTRY"), n.Get("COUNTRY_OF_ISSUE")
	// TYPE_OF_DOCUMENT2 is the more specific label ("Service passport",
	// "national passport"); when it says nothing known, the UN's own
	// classification in TYPE_OF_DOCUMENT stands.
	id := entity.Identifier{Type: entity.ParseIDType(typ2), Value: number}
	// "Certificate of Iraqi Nationality" reads as a registration, which a
	// person's document is not: the UN's classification stands there too.
	if typ2 == "" || id.Type == entity.Other || id.Type == entity.Registration && b.e.Type == entity.Person {
		id.Type = entity.ParseIDType(typ1)
	}
	if id.Country = countryCode(issuing); id.Country == "" {
		id.Country = countryCode(ofIssue)
	}
	labels := []string{typ1}
	if typ2 != "" && !strings.EqualFold(strings.TrimRight(typ2, " :."), typ1) {
		labels = append(labels, typ2)
	}
	notes := []string{field.JoinNonEmpty(", ", labels...)}
	if issuing != "" && countryCode(issuing) == "" {
		notes = append(notes, "issuing country "+issuing)
	}
	if v := n.Get("DATE_OF_ISSUE"); v != "" {
		notes = append(notes, "issued "+v)
	}
	if city := n.Get("CITY_OF_ISSUE"); city != "" || ofIssue != "" && !strings.EqualFold(ofIssue, issuing) {
		notes = append(notes, "issued in "+field.JoinNonEmpty(", ", city, ofIssue))
	}
	if v := n.Get("NOTE"); v != "" {
		notes = append(notes, v)
		b.scriptNamesIn(v, false)
	}
	for _, k := range n.Kids {
		switch k.Name {
		case "TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER", "ISSUING_COUNTRY", "COUNTRY_OF_ISSUE",
			"DATE_OF_ISSUE", "CITY_OF_ISSUE", "NOTE":
		default:
			if f := k.Flatten(); f != "" {
				notes = append(notes, f)
			}
		}
	}
	id.Note = field.JoinNonEmpty("; ", notes...)
	if number == "" {
		if id.Note != "" {
			b.remark("Document: %s", id.Note)
		}
		return
	}
	b.e.AddIdentifier(id)
}
