// Package ofac reads the US Treasury OFAC Specially Designated Nationals
// (SDN) list in its "legacy" comma-separated form: the main file sdn.csv
// and its companions add.csv (addresses), alt.csv (strong aliases) and
// sdn_comments.csv (the spillover of remarks longer than 1,000 characters),
// joined on their first column, ent_num.
//
// The format is described by OFAC's data specification, "Specially
// Designated Nationals and Blocked Persons — Data Specification"
// (dat_spec.txt, first released 2004-12-06, updated 2023-09-25;
// https://www.treasury.gov/resource-center/sanctions/SDN-List/Documents/dat_spec.txt),
// and the tutorial it cites
// (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas/tutorial-on-the-use-of-list-related-legacy-flat-files):
// no header row, records separated by carriage returns, text quoted with
// '"', "-0-" for an empty field, and a DOS end-of-file byte (0x1A) at the
// end. Remarks longer than 1,000 characters are cut, mid-word, and go on
// in sdn_comments.csv (ent_num, text); the parser appends the spillover to
// the remark as written before reading it. The parser was checked against
// the real list of 7 July 2021 (8,976 entries).
//
// sdn.csv has twelve columns: ent_num, SDN_Name, SDN_Type ("individual",
// "vessel", "aircraft", or empty for an entity), Program (several written
// "SDGT] [IRAN"), Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
// Vess_owner and Remarks. Much of the data is in the remarks, as
// "; "-separated labelled values: "DOB 08 Jan 1984", "POB Leningrad,
// Russia", "nationality Russia", "Passport 717637093 (Russia)",
// "Vessel Registration Identification IMO 9187629", "Digital Currency
// Address - XBT 1A1z...", and OFAC's weak aliases, "a.k.a. 'NAME'", which
// the specification says appear only there. The parser reads each
// recurring label (see labels) into the entity model and keeps the whole
// remarks text, spillover included, in Entity.Remarks, so that nothing it
// does not recognise is lost.
//
// Decisions a reader should know:
//   - An entity whose SDN_Name is empty, whose ent_num is not a number,
//     that repeats an ent_num, or whose record does not have twelve fields is
//     skipped and reported (report.Skip). Companion rows with a wrong field
//     count, a non-numeric ent_num, or an ent_num sdn.csv does not have are
//     reported the same way; their file is named in the Problem.
//   - A value in a good record that cannot be read (a DOB such as
//     "DOB circa early 1960s", an unknown country name) does not skip the
//     record and is not reported: the entity is kept and the text stays in
//     Remarks, where an analyst reads it.
//   - Report.Records counts sdn.csv records; Report.Skipped also lists
//     skipped companion rows.
//   - The legacy CSV carries no publication date: Report.Published is "".
//   - The OFAC CSV has a single "City, State/Province, Postal Code" column,
//     which is kept whole in Address.City.
//   - Dates of birth, organization "Established Date" and aircraft
//     "Manufacture Date" all go to BirthDates: the date the party came
//     into being.
//   - Names are kept as OFAC writes them ("KIM, Jong Un"); for individuals
//     whose name has exactly one comma, Parts gives Family and Given.
//     alt.csv aliases are strong, remarks aliases weak (Name.Weak), as the
//     specification says.
//   - An address country that country.Code does not know stays in
//     Address.Full only; an unknown Vess_flag is noted in Remarks
//     ("Vessel flag: None Identified").
//   - E-mail addresses, websites and phone numbers from the remarks are
//     identifiers of type Other, labelled in Note ("Email Address").
//   - A record that is not valid UTF-8 is read as Windows-1252. A file that
//     ends inside a quoted field or a record is truncated
//     (source.ErrTruncated); a file with no SDN record before its first
//     16 malformed ones, or none at all, is not a list (source.ErrNotList).
package ofac

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// Names of the companion files, as OFAC publishes them.
const (
	addFile      = "add.csv"
	altFile      = "alt.csv"
	commentsFile = "sdn_comments.csv"
)

// Field counts of the files.
const (
	sdnFields = 12
	addFields = 6
	altFields = 5
)

// notListAfter is how many malformed records at the start of a file make
// it "not a list" rather than a list with bad records.
const notListAfter = 16

// Format describes the OFAC legacy CSV set.
func Format() source.Format {
	return source.Format{
		Name:        "ofac-csv",
		Source:      "ofac",
		Description: "US OFAC SDN list, legacy CSV set (sdn.csv with add.csv, alt.csv, sdn_comments.csv)",
		Sniff:       Sniff,
		Parse:       Parse,
		Companions:  []string{addFile, altFile, commentsFile},
	}
}

// Sniff reports whether head, the first bytes of a file, is the start of
// an OFAC sdn.csv: a first record of twelve fields, a numeric ent_num, an
// SDN_Type OFAC uses and OFAC's "-0-" null marker. It does not claim the
// companion files (add.csv, alt.csv and sdn_comments.csv have 6, 5 and 2
// fields). The name is not used.
func Sniff(name string, head []byte) bool {
	head = trimBOM(head)
	// Only the first record is needed; cut head after its line so that
	// the reader does not see a record cut by the 64 KiB limit.
	if i := indexLineEnd(head); i >= 0 {
		head = head[:i]
	} else if len(head) >= 64<<10 {
		return false
	}
	r := newCSVReader(strings.NewReader(string(head)), name)
	rec, err := r.next()
	if err != nil || len(rec.fields) != sdnFields {
		return false
	}
	f := rec.fields
	if _, ok := entNum(f[0]); !ok {
		return false
	}
	if _, ok := sdnType(f[2]); !ok {
		return false
	}
	return slices.ContainsFunc(f[2:], isNull)
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		return b[3:]
	}
	return b
}

// indexLineEnd returns the index of the first line break outside quotes.
func indexLineEnd(b []byte) int {
	quoted := false
	for i, c := range b {
		switch c {
		case '"':
			quoted = !quoted
		case '\r', '\n':
			if !quoted {
				return i
			}
		}
	}
	return -1
}

// isNull reports OFAC's null marker, "-0-" (written with a trailing space).
func isNull(s string) bool { return strings.TrimSpace(s) == "-0-" }

// cutMarker reports a field that is the start of a null marker, as a file
// cut short leaves its last field.
func cutMarker(s string) bool {
	s = strings.TrimSpace(s)
	return s == "-" || s == "-0"
}

// text returns a field's value: "" for the null marker, else the trimmed
// text.
func text(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	if needsClean(s) {
		return entity.CleanSpace(s)
	}
	return s
}

// needsClean reports white space other than single spaces in s.
func needsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		case c < ' ', c >= 0x80:
			return true
		}
	}
	return false
}

// entNum reads OFAC's unique record identifier.
func entNum(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 18 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	return s, true
}

// sdnType reads SDN_Type; the null marker means an entity (organization).
func sdnType(s string) (entity.Type, bool) {
	switch strings.ToLower(text(s)) {
	case "":
		return entity.Organization, true
	case "individual":
		return entity.Person, true
	case "vessel":
		return entity.Vessel, true
	case "aircraft":
		return entity.Aircraft, true
	case "entity":
		return entity.Organization, true
	}
	return entity.Unknown, false
}

// Parse reads an OFAC sdn.csv from in.R and its companions through
// in.Open, emitting one entity per SDN entry in file order. A missing
// companion is not an error: the entities are read without what it would
// have given. See the package documentation for what goes where.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	p := &parser{
		in:        in,
		countries: make(map[string]string, 256),
		adds:      map[string][]addRow{},
		alts:      map[string][]altRow{},
		comments:  map[string][]commentRow{},
	}
	if err := p.loadCompanions(ctx); err != nil {
		return p.report, err
	}
	if err := p.parseMain(ctx, emit); err != nil {
		return p.report, err
	}
	p.reportOrphans()
	return p.report, nil
}

type parser struct {
	in     source.Input
	report source.Report

	// Companion rows by ent_num, removed as entities take them.
	adds     map[string][]addRow
	alts     map[string][]altRow
	comments map[string][]commentRow
	// Names under which the companions were found.
	addName, altName, commentsName string

	countries map[string]string // country.Code, cached for this parse
	dd        dedup             // adds to the current entity

	// Reused by applyRemarks.
	pieces, models, operators []string
}

type addRow struct {
	line                           int
	street, city, country, remarks string
}

type altRow struct {
	line                int
	kind, name, remarks string
}

type commentRow struct {
	line int
	text string
}

// country returns the ISO code for a country name, "" if unknown. OFAC
// writes some places as "Region: Crimea"; the region name is tried too.
func (p *parser) country(s string) string {
	if c, ok := p.countries[s]; ok {
		return c
	}
	c := country.Code(s)
	if c == "" {
		c = ofacCountries[strings.ToLower(strings.TrimSuffix(s, "."))]
	}
	if c == "" {
		if r, ok := strings.CutPrefix(s, "Region: "); ok {
			c = country.Code(r)
		}
	}
	p.countries[s] = c
	return c
}

// ofacCountries holds OFAC's spellings of country names that
// country.Code does not know (as of this writing), by lower-cased name.
var ofacCountries = map[string]string{
	"bosnia and herzegovina":           "ba",
	"cabo verde":                       "cv",
	"cote d ivoire":                    "ci",
	"hong kong":                        "hk",
	"man, isle of":                     "im",
	"saint kitts and nevis":            "kn",
	"saint vincent and the grenadines": "vc",
	"the gambia":                       "gm",
	"trinidad and tobago":              "tt",
	"virgin islands, british":          "vg",
}

// companionPath names a companion file beside the main one, for messages.
func (p *parser) companionPath(base string) string {
	if i := strings.LastIndexAny(p.in.Name, `/\`); i >= 0 {
		return p.in.Name[:i+1] + base
	}
	return base
}

// openCompanion opens a companion by OFAC's lower-case name, then by the
// upper-case one the specification also uses. It returns nil when there
// is none.
func (p *parser) openCompanion(names ...string) (io.ReadCloser, string, error) {
	if p.in.Open == nil {
		return nil, "", nil
	}
	for _, n := range names {
		rc, err := p.in.Open(n)
		if err == nil {
			return rc, p.companionPath(n), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("%s: open %s: %w", p.in.Name, n, err)
		}
	}
	return nil, "", nil
}

func (p *parser) loadCompanions(ctx context.Context) error {
	type companion struct {
		names  []string
		name   *string
		fields []int
		keep   func(rec record, ent string)
	}
	list := []companion{
		{names: []string{addFile, "ADD.CSV"}, name: &p.addName, fields: []int{addFields},
			keep: func(rec record, ent string) {
				f := rec.fields
				p.adds[ent] = append(p.adds[ent], addRow{line: rec.line,
					street: text(f[2]), city: text(f[3]), country: text(f[4]), remarks: text(f[5])})
			}},
		{names: []string{altFile, "ALT.CSV"}, name: &p.altName, fields: []int{altFields},
			keep: func(rec record, ent string) {
				f := rec.fields
				p.alts[ent] = append(p.alts[ent], altRow{line: rec.line,
					kind: text(f[2]), name: text(f[3]), remarks: text(f[4])})
			}},
		// The spillover file has two columns; the specification says it
		// follows its main file's layout, so twelve are accepted too.
		{names: []string{commentsFile, "SDN_COMMENTS.CSV", "sdn comments.csv", "SDN COMMENTS.CSV"}, name: &p.commentsName,
			fields: []int{2, sdnFields},
			keep: func(rec record, ent string) {
				// Kept raw: the spillover continues the remark mid-word,
				// and a space at either edge is part of the text.
				t := rec.fields[len(rec.fields)-1]
				if isNull(t) {
					return
				}
				p.comments[ent] = append(p.comments[ent], commentRow{line: rec.line, text: t})
			}},
	}
	for _, c := range list {
		rc, name, err := p.openCompanion(c.names...)
		if err != nil {
			return err
		}
		if rc == nil {
			continue
		}
		*c.name = name
		err = p.readCompanion(ctx, rc, name, c.fields, c.keep)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// readCompanion reads one companion file, handing each good row to keep.
// An empty companion is a companion without rows.
func (p *parser) readCompanion(ctx context.Context, r io.Reader, name string, fields []int, keep func(record, string)) error {
	cr := newCSVReader(r, name)
	good, bad, n := 0, 0, 0
	for {
		if err := source.CheckContext(ctx, n); err != nil {
			return err
		}
		n++
		rec, err := cr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if n == 1 && len(rec.fields) > 0 {
			rec.fields[0] = string(trimBOM([]byte(rec.fields[0])))
		}
		var problem error
		field := ""
		ent, ok := entNum(rec.fields[0])
		switch {
		case !slices.Contains(fields, len(rec.fields)):
			problem = fmt.Errorf("%d fields, want %d", len(rec.fields), fields[0])
		case !ok:
			field = "ent_num"
			problem = fmt.Errorf("%q is not a number", clip(rec.fields[0]))
		}
		if problem != nil {
			if rec.noEOL {
				return fmt.Errorf("%s:%d: last record is incomplete (%v): %w", name, rec.line, problem, source.ErrTruncated)
			}
			bad++
			if good == 0 && bad >= notListAfter {
				return fmt.Errorf("%s: the first %d records are not OFAC records: %w", name, bad, source.ErrNotList)
			}
			p.report.Skip(source.Problem{File: name, Line: rec.line, Record: ent, Field: field, Err: problem})
			continue
		}
		good++
		keep(rec, ent)
	}
}

// parseMain streams sdn.csv.
func (p *parser) parseMain(ctx context.Context, emit source.Emit) error {
	if p.in.R == nil {
		return fmt.Errorf("%s: no input: %w", p.in.Name, source.ErrNotList)
	}
	cr := newCSVReader(p.in.R, p.in.Name)
	seen := make(map[string]bool, 16384)
	good, bad := 0, 0
	for n := 0; ; n++ {
		if err := source.CheckContext(ctx, n); err != nil {
			return err
		}
		rec, err := cr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if good == 0 && errors.Is(err, source.ErrTruncated) {
				// Not one SDN record before the end: not a list.
				return fmt.Errorf("%s: no SDN record in the file: %w", p.in.Name, source.ErrNotList)
			}
			return err
		}
		if n == 0 && len(rec.fields) > 0 {
			rec.fields[0] = string(trimBOM([]byte(rec.fields[0])))
		}
		p.report.Records++
		e, prob := p.entity(rec, seen)
		if prob == nil && rec.noEOL && cutMarker(rec.fields[len(rec.fields)-1]) {
			return fmt.Errorf("%s:%d: last record ends in a cut null marker: %w", p.in.Name, rec.line, source.ErrTruncated)
		}
		if prob != nil {
			if rec.noEOL && len(rec.fields) != sdnFields && good > 0 {
				return fmt.Errorf("%s:%d: last record is incomplete (%v): %w", p.in.Name, rec.line, prob.Err, source.ErrTruncated)
			}
			bad++
			if good == 0 && bad >= notListAfter {
				return fmt.Errorf("%s: the first %d records are not SDN records: %w", p.in.Name, bad, source.ErrNotList)
			}
			p.report.Skip(*prob)
			continue
		}
		good++
		if err := emit(e); err != nil {
			return err
		}
	}
	if good == 0 {
		if bad == 0 {
			return fmt.Errorf("%s: empty file: %w", p.in.Name, source.ErrNotList)
		}
		return fmt.Errorf("%s: no SDN record in the file: %w", p.in.Name, source.ErrNotList)
	}
	return nil
}

// entity builds one entity from an sdn.csv record and its companion rows.
func (p *parser) entity(rec record, seen map[string]bool) (*entity.Entity, *source.Problem) {
	f := rec.fields
	prob := func(ent, field string, err error) *source.Problem {
		return &source.Problem{File: p.in.Name, Line: rec.line, Record: ent, Field: field, Err: err}
	}
	if len(f) != sdnFields {
		ent, _ := entNum(f[0])
		return nil, prob(ent, "", fmt.Errorf("%d fields, want %d", len(f), sdnFields))
	}
	ent, ok := entNum(f[0])
	if !ok {
		return nil, prob("", "ent_num", fmt.Errorf("%q is not a number", clip(f[0])))
	}
	if seen[ent] {
		return nil, prob(ent, "ent_num", errors.New("repeats an earlier entry's ent_num"))
	}
	seen[ent] = true
	name := text(f[1])
	if name == "" {
		return nil, prob(ent, "SDN_Name", errors.New("empty name"))
	}
	typ, ok := sdnType(f[2])
	var extra []string // notes for Remarks
	if !ok {
		// A type OFAC has not used before: keep the entry as an entity
		// and say what the file said.
		typ = entity.Organization
		extra = append(extra, "SDN_Type: "+text(f[2]))
	}

	e := &entity.Entity{
		ID:        "ofac-" + ent,
		Source:    "ofac",
		SourceIDs: []string{ent},
		Type:      typ,
		URL:       "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=" + ent,
	}
	p.dd.reset(e)
	p.dd.addName(p.name(typ, name, entity.Primary, false))
	e.Programs = splitPrograms(f[3])
	if t := text(f[4]); t != "" {
		e.Positions = append(e.Positions, t)
	}
	if cs := text(f[5]); cs != "" {
		p.dd.addIdentifier(entity.Identifier{Type: entity.CallSign, Value: cs})
	}
	if typ == entity.Vessel || typ == entity.Aircraft {
		craft(e)
	}
	if v := text(f[6]); v != "" {
		craft(e).Kind = v
	}
	if v := text(f[7]); v != "" {
		craft(e).Tonnage = v
	}
	if v := text(f[8]); v != "" {
		craft(e).GRT = v
	}
	if v := text(f[9]); v != "" {
		if c := p.country(v); c != "" {
			craft(e).Flag = c
			e.Countries = append(e.Countries, c)
		} else {
			extra = append(extra, "Vessel flag: "+v)
		}
	}
	if v := text(f[10]); v != "" {
		craft(e).Owner = v
	}

	// Strong aliases.
	for _, a := range p.alts[ent] {
		if a.name == "" {
			p.report.Skip(source.Problem{File: p.altName, Line: a.line, Record: ent, Field: "alt_name", Err: errors.New("empty alias")})
			continue
		}
		kind := entity.Alias
		switch strings.ToLower(a.kind) {
		case "fka":
			kind = entity.Former
		case "nka":
			kind = entity.Newer
		case "aka", "":
		default:
			extra = append(extra, fmt.Sprintf("alias type %q: %s", a.kind, a.name))
		}
		weak := strings.Contains(strings.ToLower(a.remarks), "weak")
		p.dd.addName(p.name(typ, a.name, kind, weak))
		if a.remarks != "" {
			extra = append(extra, fmt.Sprintf("alias %s: %s", a.name, a.remarks))
		}
	}
	delete(p.alts, ent)

	// Addresses.
	for _, a := range p.adds[ent] {
		addr := entity.Address{Street: a.street, City: a.city}
		if a.country != "" {
			addr.Country = p.country(a.country)
			if addr.Country != "" {
				e.Countries = append(e.Countries, addr.Country)
			}
		}
		addr.Full = joinNonEmpty(", ", a.street, a.city, a.country)
		if addr.Full != "" {
			e.Addresses = append(e.Addresses, addr)
		}
		if a.remarks != "" {
			extra = append(extra, fmt.Sprintf("address %s: %s", addr.Full, a.remarks))
		}
	}
	delete(p.adds, ent)

	// Remarks, with their spillover appended as written: OFAC cuts the
	// remark at 1,000 characters, mid-word, and the spillover goes on
	// from there.
	remarks := f[11]
	if isNull(remarks) {
		remarks = ""
	}
	if cs := p.comments[ent]; len(cs) > 0 {
		var b strings.Builder
		b.WriteString(remarks)
		for _, c := range cs {
			b.WriteString(c.text)
		}
		remarks = b.String()
		delete(p.comments, ent)
	}
	remarks = strings.TrimSpace(remarks)
	if remarks != "" {
		p.applyRemarks(e, remarks)
	}
	if len(extra) > 0 {
		remarks = joinNonEmpty("; ", append([]string{remarks}, extra...)...)
	}
	e.Remarks = remarks
	e.Normalize()
	return e, nil
}

// name builds a Name; for a person written "FAMILY, Given" it fills Parts.
func (p *parser) name(t entity.Type, full string, kind entity.NameKind, weak bool) entity.Name {
	n := entity.Name{Full: full, Kind: kind, Weak: weak}
	if t == entity.Person && strings.Count(full, ",") == 1 {
		family, given, _ := strings.Cut(full, ",")
		family, given = strings.TrimSpace(family), strings.TrimSpace(given)
		if family != "" && given != "" {
			n.Parts = &entity.NameParts{Family: family, Given: given}
		}
	}
	return n
}

// splitPrograms reads "SDGT] [IRAN" as ["SDGT", "IRAN"].
func splitPrograms(s string) []string {
	s = text(s)
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '[' || r == ']' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// reportOrphans reports companion rows whose ent_num sdn.csv does not
// have, in file and line order.
func (p *parser) reportOrphans() {
	var probs []source.Problem
	err := errors.New("no entry with this ent_num in the main file")
	for ent, rows := range p.adds {
		for _, r := range rows {
			probs = append(probs, source.Problem{File: p.addName, Line: r.line, Record: ent, Err: err})
		}
	}
	for ent, rows := range p.alts {
		for _, r := range rows {
			probs = append(probs, source.Problem{File: p.altName, Line: r.line, Record: ent, Err: err})
		}
	}
	for ent, rows := range p.comments {
		for _, r := range rows {
			probs = append(probs, source.Problem{File: p.commentsName, Line: r.line, Record: ent, Err: err})
		}
	}
	slices.SortFunc(probs, func(a, b source.Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	for _, pr := range probs {
		p.report.Skip(pr)
	}
}

func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, s := range parts {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
