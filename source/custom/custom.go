// Package custom reads a firm's own blocklist: parties the firm has
// decided not to deal with, kept in a spreadsheet and saved as CSV. The
// format is embargo's own; docs/custom-csv.md documents it for the people
// who write such files, and this comment is its specification.
//
// # File
//
// UTF-8 text, with or without a byte-order mark, one header row then one
// row per party. The delimiter is the comma, the semicolon or the tab,
// whichever the header row uses most (spreadsheets in many European
// locales save with semicolons). Fields may be quoted the usual CSV way; a
// quote inside an unquoted field is kept as text, and a quoted field may
// span lines. Rows may have fewer fields than the header (the missing ones
// are empty); blank rows are ignored.
//
// # Columns
//
// Header names are matched without regard to case, surrounding spaces, or
// spaces and hyphens versus underscores, in any order. Only name is
// required. Cells marked "list" hold several values separated by ";".
//
//	id           the firm's reference for the party (also: ref, reference)
//	name         the party's name (required)
//	type         person, organization, vessel or aircraft; also individual,
//	             entity, company, ship... (also: entity_type)
//	aliases      list: other names (also: alias, aka)
//	birth_date   list: dates of birth, or of registration for a company
//	             (also: dob, date_of_birth, birthdate)
//	country      list: country names or ISO codes (also: countries)
//	nationality  list: nationalities, names or codes (also: nationalities)
//	identifiers  list: type:value or type:value:country, as in
//	             "passport:A1234567:ir; imo:9187629" (also: identifier, ids)
//	program      list: the firm's programs or reasons (also: programs)
//	listed_on    the date the firm listed the party (also: date_listed)
//	address      list: postal addresses, each as one text (also: addresses)
//	url          a link to the firm's record of the party
//	remarks      free text (also: remark, notes, note, comment, comments)
//
// Any other column is kept: its value goes to Remarks as "column: value".
//
// # Mapping
//
//   - ID: "custom-" and the id column when it is given. Without one the ID
//     is "custom-" and the first 12 hex digits of the SHA-256 of the name
//     (lower-cased, spaces folded) and the type, joined by "|": rows
//     inserted above or below a party do not change its ID, as a
//     line-number ID would. Two rows with the same ID (two parties of the
//     same name and type without ids, or an id repeated) get "-2", "-3"...
//     in file order and a remark. SourceIDs holds the id column's value.
//   - type: a blank type is decided from the name, as for the US Denied
//     Persons List (dpl.LooksLikeOrganization: legal forms and business
//     words such as LTD, LLC, GMBH, TRADING, BANK give an organization,
//     anything else a person). A type that names no known type is decided
//     the same way and kept in Remarks.
//   - birth_date, listed_on: the forms entity.ParseDate reads ("1984-01-08",
//     "08 Jan 1984", "1984", "circa 1962", "1973 to 1974"). A date that
//     does not read is not a reason to drop the party: the row is kept
//     without it and the value is kept in Remarks ("birth_date: ...").
//   - country, nationality: names or codes as country.Code reads them; one
//     it does not know is kept in Remarks.
//   - identifiers: the type is read by entity.ParseIDType (passport,
//     national id, tax id, registration, imo, mmsi, call sign, bic,
//     crypto...; anything else is "other"), the firm's label is kept in the
//     identifier's note, and a last ":part" that names a country is the
//     issuing country. An entry without ":" is an identifier of type other.
//
// # Problems
//
// A row without a name is skipped and reported as a Problem with its line
// number and the field "name". Nothing else makes a row be skipped. A file
// without a name column is not a blocklist (source.ErrNotList); a file that
// ends inside a quoted field is truncated (source.ErrTruncated).
package custom

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/dpl"
	"github.com/embargo/embargo/source/internal/csvlist"
)

// Format describes a firm's own blocklist CSV.
func Format() source.Format {
	return source.Format{
		Name:        "custom-csv",
		Source:      "custom",
		Description: "a firm's own blocklist (CSV with a name column, see docs/custom-csv.md)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// Column keys.
const (
	colID          = "id"
	colName        = "name"
	colType        = "type"
	colAliases     = "aliases"
	colBirthDate   = "birth_date"
	colCountry     = "country"
	colNationality = "nationality"
	colIdentifiers = "identifiers"
	colProgram     = "program"
	colListedOn    = "listed_on"
	colAddress     = "address"
	colURL         = "url"
	colRemarks     = "remarks"
)

// synonyms maps every accepted header name to its column key.
var synonyms = map[string]string{
	"id": colID, "ref": colID, "reference": colID,
	"name": colName,
	"type": colType, "entity_type": colType,
	"aliases": colAliases, "alias": colAliases, "aka": colAliases,
	"birth_date": colBirthDate, "dob": colBirthDate, "date_of_birth": colBirthDate, "birthdate": colBirthDate,
	"country": colCountry, "countries": colCountry,
	"nationality": colNationality, "nationalities": colNationality,
	"identifiers": colIdentifiers, "identifier": colIdentifiers, "ids": colIdentifiers,
	"program": colProgram, "programs": colProgram,
	"listed_on": colListedOn, "date_listed": colListedOn,
	"address": colAddress, "addresses": colAddress,
	"url":     colURL,
	"remarks": colRemarks, "remark": colRemarks, "notes": colRemarks, "note": colRemarks,
	"comment": colRemarks, "comments": colRemarks,
}

// foreignColumns belong to other list formats (the Consolidated Screening
// List, the Denied Persons List, OpenSanctions and Senzing exports, OFAC
// and UK files); a header with one of them is not a blocklist of this
// format.
var foreignColumns = map[string]bool{
	"_id": true, "entity_number": true, "source_list_url": true, "source_information_url": true,
	"street_address": true, "effective_date": true, "fr_citation": true, "standard_order": true,
	"schema": true, "dataset": true, "datasets": true, "first_seen": true, "last_seen": true,
	"last_change": true, "referents": true, "data_source": true, "record_id": true,
	"ent_num": true, "sdn_name": true, "sdn_type": true, "group_id": true, "unique_id": true,
	"ofsi_group_id": true,
}

// headerKey normalises a header cell: trimmed, lower case, spaces and
// hyphens as underscores.
func headerKey(s string) string {
	return strings.ReplaceAll(csvlist.HeaderKey(s), "-", "_")
}

// sniffDelimiter picks the delimiter the header line uses most, counting
// outside quotes; ties go to the comma, then the semicolon.
func sniffDelimiter(line []byte) rune {
	var comma, semi, tab int
	quoted := false
	for _, c := range line {
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				comma++
			}
		case ';':
			if !quoted {
				semi++
			}
		case '\t':
			if !quoted {
				tab++
			}
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

// isBlocklistHeader reports whether header keys make a blocklist header:
// a name column, another documented column, and no column of another
// format.
func isBlocklistHeader(keys []string) bool {
	hasName, others := false, 0
	for _, k := range keys {
		if foreignColumns[k] {
			return false
		}
		switch col := synonyms[k]; {
		case col == colName:
			hasName = true
		case col != "":
			others++
		}
	}
	return hasName && others > 0
}

// Sniff reports whether head starts with a blocklist header: a name
// column, at least one other documented column, and no column of another
// list format.
func Sniff(name string, head []byte) bool {
	head = csvlist.HeaderLine(head)
	if len(head) == 0 {
		return false
	}
	delim := sniffDelimiter(head)
	var keys []string
	for _, f := range strings.Split(string(head), string(delim)) {
		keys = append(keys, headerKey(f))
	}
	return isBlocklistHeader(keys)
}

// ErrNoName is the error of a row without a name.
var ErrNoName = errors.New("row has no name")

type parser struct {
	in     source.Input
	emit   source.Emit
	cols   *csvlist.Columns
	ids    csvlist.IDs
	report source.Report
}

// Parse reads a blocklist CSV and emits one entity per row.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	p := &parser{in: in, emit: emit, ids: csvlist.IDs{}}
	if in.R == nil {
		return p.report, fmt.Errorf("%s: no content: %w", in.Name, source.ErrNotList)
	}
	tail := csvlist.NewTailReader(in.R)
	// The delimiter is sniffed from the first line.
	r, skipped := csvlist.NewReader(tail, sniffDelimiter)

	var head []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return p.report, fmt.Errorf("%s: empty file: %w", in.Name, source.ErrNotList)
		}
		if err != nil {
			return p.report, fmt.Errorf("%s: header: %v: %w", in.Name, err, source.ErrNotList)
		}
		if !csvlist.IsBlank(rec) {
			head = rec
			break
		}
	}
	p.cols = csvlist.NewColumns(head, entity.CleanSpace, func(h string) string { return synonyms[headerKey(h)] })
	if !p.cols.Has(colName) {
		return p.report, fmt.Errorf("%s: the header has no name column: %w", in.Name, source.ErrNotList)
	}
	for _, h := range head {
		if k := headerKey(h); foreignColumns[k] {
			return p.report, fmt.Errorf("%s: the header has the column %q of another list format: %w", in.Name, k, source.ErrNotList)
		}
	}
	return p.report, csvlist.Rows(ctx, in.Name, r, &p.report, p.row, func(line int, _ []string, start int64) error {
		if tail.EndsInsideQuotes(start + skipped) {
			return fmt.Errorf("%s: line %d: the last row ends inside a quoted field: %w",
				in.Name, line, source.ErrTruncated)
		}
		return nil
	})
}

// splitList splits a list cell at ";".
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = entity.CleanSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// idTypes are the identifier kinds a label may name exactly.
var idTypes = func() map[string]entity.IDType {
	m := map[string]entity.IDType{}
	for _, t := range []entity.IDType{entity.Passport, entity.NationalID, entity.TaxID, entity.Registration,
		entity.IMO, entity.MMSI, entity.CallSign, entity.BIC, entity.Crypto, entity.Other} {
		m[string(t)] = t
	}
	return m
}()

// parseIdentifier reads "type:value" or "type:value:country".
func parseIdentifier(s string) entity.Identifier {
	label, rest, ok := strings.Cut(s, ":")
	if !ok {
		return entity.Identifier{Type: entity.Other, Value: s}
	}
	label, rest = strings.TrimSpace(label), strings.TrimSpace(rest)
	id := entity.Identifier{Value: rest}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		if cc := country.Code(strings.TrimSpace(rest[i+1:])); cc != "" {
			id.Value, id.Country = strings.TrimSpace(rest[:i]), cc
		}
	}
	key := strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(label), " ", "_"), "-", "_")
	if t, ok := idTypes[key]; ok {
		id.Type = t
	} else {
		id.Type = entity.ParseIDType(label)
		id.Note = label
		if id.Type == entity.Crypto {
			// "crypto-xbt", "crypto XBT": the currency follows.
			if f := strings.FieldsFunc(label, func(r rune) bool { return r == '-' || r == ' ' || r == '_' }); len(f) > 1 {
				id.Currency = strings.ToUpper(f[len(f)-1])
			}
		}
	}
	if label == "" {
		id.Type, id.Note = entity.Other, ""
	}
	return id
}

// row turns one data row into an entity.
func (p *parser) row(line int, rec []string) error {
	get := func(col string) string { return p.cols.Get(rec, col) }
	userID := get(colID)
	name := get(colName)
	if name == "" {
		p.report.Skip(source.Problem{File: p.in.Name, Line: line, Record: userID, Field: p.cols.Label(colName), Err: ErrNoName})
		return nil
	}
	e := &entity.Entity{Source: "custom"}
	var remarks []string
	note := func(label, v string) {
		if v != "" {
			remarks = append(remarks, label+": "+v)
		}
	}
	header := p.cols.Label

	e.AddName(entity.Name{Full: name, Kind: entity.Primary})
	for _, a := range splitList(get(colAliases)) {
		e.AddName(entity.Name{Full: a, Kind: entity.Alias})
	}

	typeRaw := get(colType)
	if t, ok := entity.ParseType(typeRaw); ok {
		e.Type = t
	} else {
		note(headerOr(p, colType), typeRaw)
		e.Type = entity.Person
		for _, n := range e.Names {
			if dpl.LooksLikeOrganization(n.Full) && (n.Kind == entity.Primary || len(strings.Fields(n.Full)) > 1) {
				e.Type = entity.Organization
				break
			}
		}
	}

	for _, d := range splitList(get(colBirthDate)) {
		if date, err := entity.ParseDate(d); err == nil {
			e.AddBirthDate(date)
		} else {
			note(header(colBirthDate), d)
		}
	}
	for _, c := range splitList(get(colCountry)) {
		if cc := country.Code(c); cc != "" {
			e.Countries = append(e.Countries, cc)
		} else {
			note(header(colCountry), c)
		}
	}
	for _, c := range splitList(get(colNationality)) {
		if cc := country.Code(c); cc != "" {
			e.Nationalities = append(e.Nationalities, cc)
		} else {
			note(header(colNationality), c)
		}
	}
	for _, s := range splitList(get(colIdentifiers)) {
		if id := parseIdentifier(s); id.Value != "" {
			e.AddIdentifier(id)
		} else {
			note(header(colIdentifiers), s)
		}
	}
	e.Programs = splitList(get(colProgram))
	if s := get(colListedOn); s != "" {
		if d, err := entity.ParseDate(s); err == nil {
			e.ListedOn = d.String()
		} else {
			note(header(colListedOn), s)
		}
	}
	for _, a := range splitList(get(colAddress)) {
		addr := entity.Address{Full: a}
		if i := strings.LastIndexByte(a, ','); i >= 0 {
			addr.Country = country.Code(strings.TrimSpace(a[i+1:]))
		}
		e.Addresses = append(e.Addresses, addr)
		if addr.Country != "" {
			e.Countries = append(e.Countries, addr.Country)
		}
	}
	e.URL = get(colURL)
	if r := get(colRemarks); r != "" {
		remarks = append([]string{r}, remarks...)
	}
	remarks = p.cols.AppendExtras(remarks, rec)

	var id string
	if userID != "" {
		e.SourceIDs = []string{userID}
		id = "custom-" + userID
	} else {
		id = csvlist.Hash("custom-", strings.ToLower(name)+"|"+string(e.Type))
	}
	id, n := p.ids.Next(id)
	if n > 1 {
		if userID != "" {
			remarks = append(remarks, fmt.Sprintf("The id %s is used by %d rows", userID, n))
		} else {
			remarks = append(remarks, fmt.Sprintf("Another row has the same name and type (%d rows)", n))
		}
	}
	e.ID = id
	e.Remarks = strings.Join(remarks, "; ")
	e.Normalize()
	return p.emit(e)
}

// headerOr returns the header text of a column, or its key when the file
// has no such column.
func headerOr(p *parser, col string) string {
	if p.cols.Has(col) {
		return p.cols.Label(col)
	}
	return col
}
