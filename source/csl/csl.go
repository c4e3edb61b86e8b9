// Package csl reads the US Consolidated Screening List (CSL) as the
// International Trade Administration publishes it in CSV form
// ("consolidated.csv", the bulk download of the CSL API v1 at
// https://www.trade.gov/consolidated-screening-list and
// https://developer.trade.gov): the export screening lists of the
// Departments of Commerce (Entity List, Denied Persons List, Unverified
// List, Military End User List), State (ITAR debarred parties,
// nonproliferation sanctions) and the Treasury (SDN and the non-SDN lists)
// merged into one file.
//
// There is no real CSL file beside this repository: the parser and its
// fixture (testdata/consolidated.csv) were written from the published
// column specification of the CSL download and API, with rows made up to
// follow it, not copied from a real file.
//
// # Format
//
// Comma-separated, every field quoted, one header line naming the columns
//
//	_id, source, entity_number, type, programs, name, title, addresses,
//	federal_register_notice, start_date, end_date, standard_order,
//	license_requirement, license_policy, call_sign, vessel_type,
//	gross_tonnage, gross_registered_tonnage, vessel_flag, vessel_owner,
//	remarks, source_list_url, alt_names, citizenships, dates_of_birth,
//	nationalities, places_of_birth, source_information_url, ids
//
// Columns are found by name, so a reordered file still reads; a column
// the publisher adds is kept in Remarks as "column: value". Multi-valued
// cells are separated by "; ". Dates are ISO. Addresses are comma-joined
// parts ending with the ISO country code ("Komitas 26/114, Yerevan,
// Armenia, AM"). Each "ids" entry is "type, number[, country][, issue
// date][, expiry date]" ("Passport, A1234567, IR, 2001-01-01,
// 2010-01-01"), or a label and a fact ("Gender, Male", "Secondary
// sanctions risk:, ...").
//
// # Mapping
//
//   - ID "csl-<_id>" (the SDN-based lists use the OFAC entity number as
//     _id, the others a hash); SourceIDs [_id, entity_number]. A row with
//     no _id falls back to the entity number, then to a hash of source,
//     name and addresses (and says so in Remarks); a repeated _id gets
//     "-2", "-3"... in file order.
//   - source (the sub-list, "Entity List (EL) - Bureau of Industry and
//     Security") is kept twice: its short code (the last bracketed part:
//     SDN, EL, DPL, UVL, MEU, ISN, FSE, SSI, DTC, PLC, CAPTA, NS-MBS, CMIC)
//     is added to Programs, next to the programs column, so that entities
//     can be filtered by sub-list; the full text is in Remarks ("List:").
//   - type Individual, Entity, Vessel, Aircraft gives the entity type. The
//     Commerce and State lists leave it blank: a name that looks like an
//     organization's (see dpl.LooksLikeOrganization) gives Organization,
//     and otherwise the sub-list decides: the Denied Persons List and the
//     ITAR debarred list are mostly people (Person), the Entity, Unverified
//     and MEU lists and the nonproliferation sanctions mostly companies
//     (Organization).
//   - name is the primary name (a row with no name but alt_names keeps the
//     first of them as its name, with a remark; a row with neither is
//     skipped and reported); aliases written into it ("A/K/A", "D/B/A",
//     brackets, as the DPL rows carry them) are split out with
//     dpl.ParseName, and a trailing "; and any successor, sub-unit, or
//     subsidiary thereof" goes to Remarks. alt_names are aliases (a leading
//     "and " left by the Entity List's prose is dropped).
//   - title gives Positions; addresses give Addresses and Countries;
//     nationalities and citizenships give ISO codes; dates_of_birth give
//     BirthDates; places_of_birth BirthPlaces; start_date gives ListedOn.
//   - ids: Gender sets the gender; "Nationality of Registration" adds a
//     country; "Organization Established Date" a birth date (the model's
//     date of registration); "Aircraft Model" and "Aircraft Operator" fill
//     the craft; labels that state a sanctions fact rather than an
//     identifier (ending in ":" or "-", or about sanctions, directives,
//     executive orders, year of build, ...) go to Remarks; every other entry
//     is an identifier typed by entity.ParseIDType, with its country, and
//     the publisher's label, issue and expiry dates in its Note ("IMO
//     9187629" under "Vessel Registration Identification" becomes an IMO
//     number; "Digital Currency Address - XBT" a crypto address in XBT).
//     Older files put the number before the type ("00044434, Government
//     Gazette Number"); such entries are recognised and read the same way.
//   - call_sign is a call-sign identifier; vessel_type, gross_tonnage,
//     gross_registered_tonnage, vessel_flag (also a country) and
//     vessel_owner fill the craft of a vessel or aircraft.
//   - URL is source_information_url; federal_register_notice, end_date,
//     standard_order, license_requirement, license_policy, remarks and a
//     different source_list_url go to Remarks, as does every value that
//     does not parse.
//
// The file carries no publication date: Report.Published stays empty.
package csl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/csvlist"
)

// Format describes the Consolidated Screening List CSV file.
func Format() source.Format {
	return source.Format{
		Name:        "csl-csv",
		Source:      "csl",
		Description: "US Consolidated Screening List (trade.gov consolidated.csv)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// Column names, as in the header.
const (
	colID          = "_id"
	colSource      = "source"
	colEntityNum   = "entity_number"
	colType        = "type"
	colPrograms    = "programs"
	colName        = "name"
	colTitle       = "title"
	colAddresses   = "addresses"
	colFR          = "federal_register_notice"
	colStart       = "start_date"
	colEnd         = "end_date"
	colStandard    = "standard_order"
	colLicenseReq  = "license_requirement"
	colLicensePol  = "license_policy"
	colCallSign    = "call_sign"
	colVesselType  = "vessel_type"
	colTonnage     = "gross_tonnage"
	colGRT         = "gross_registered_tonnage"
	colFlag        = "vessel_flag"
	colOwner       = "vessel_owner"
	colRemarks     = "remarks"
	colListURL     = "source_list_url"
	colAltNames    = "alt_names"
	colCitizenship = "citizenships"
	colDOB         = "dates_of_birth"
	colNationality = "nationalities"
	colPOB         = "places_of_birth"
	colInfoURL     = "source_information_url"
	colIDs         = "ids"
)

var knownColumns = map[string]bool{
	colID: true, colSource: true, colEntityNum: true, colType: true, colPrograms: true, colName: true,
	colTitle: true, colAddresses: true, colFR: true, colStart: true, colEnd: true, colStandard: true,
	colLicenseReq: true, colLicensePol: true, colCallSign: true, colVesselType: true, colTonnage: true,
	colGRT: true, colFlag: true, colOwner: true, colRemarks: true, colListURL: true, colAltNames: true,
	colCitizenship: true, colDOB: true, colNationality: true, colPOB: true, colInfoURL: true, colIDs: true,
}

// isCSLHeader reports whether the header keys are the CSL's: name, source,
// and _id or entity_number.
func isCSLHeader(keys map[string]int) bool {
	_, name := keys[colName]
	_, src := keys[colSource]
	_, id := keys[colID]
	_, num := keys[colEntityNum]
	return name && src && (id || num)
}

// Sniff reports whether head starts with the CSL header line.
func Sniff(name string, head []byte) bool {
	keys := map[string]int{}
	for i, f := range strings.Split(string(csvlist.HeaderLine(head)), ",") {
		keys[csvlist.HeaderKey(f)] = i
	}
	return isCSLHeader(keys)
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

// Parse reads a Consolidated Screening List CSV file and emits one entity
// per row.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	p := &parser{in: in, emit: emit, ids: csvlist.IDs{}}
	if in.R == nil {
		return p.report, fmt.Errorf("%s: no content: %w", in.Name, source.ErrNotList)
	}
	tail := csvlist.NewTailReader(in.R)
	r, skipped := csvlist.NewReader(tail, nil)

	head, err := r.Read()
	if err == io.EOF {
		return p.report, fmt.Errorf("%s: empty file: %w", in.Name, source.ErrNotList)
	}
	if err != nil {
		return p.report, fmt.Errorf("%s: header: %v: %w", in.Name, err, source.ErrNotList)
	}
	p.cols = csvlist.NewColumns(head, entity.CleanSpace, func(h string) string {
		if k := csvlist.HeaderKey(h); knownColumns[k] {
			return k
		}
		return ""
	})
	if !isCSLHeader(p.cols.Index) {
		return p.report, fmt.Errorf("%s: line 1: not a Consolidated Screening List header: %w", in.Name, source.ErrNotList)
	}
	fields := len(p.cols.Labels)
	return p.report, csvlist.Rows(ctx, in.Name, r, &p.report, p.row, func(line int, rec []string, start int64) error {
		if !tail.EndsWithNewline() && (tail.EndsInsideQuotes(start+skipped) || len(rec) < fields) {
			return fmt.Errorf("%s: line %d: last row ends after %d of %d fields: %w",
				in.Name, line, len(rec), fields, source.ErrTruncated)
		}
		return nil
	})
}

// splitList splits a multi-valued cell at ";".
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// trimAnd drops the "and " the Entity List's prose leaves at the start of
// the last item of a list ("...; and CETC Research Institute 13").
func trimAnd(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "and ") {
		return strings.TrimSpace(s[4:])
	}
	return s
}

// listCode returns the short code of a sub-list: the last bracketed part
// of its name without " List" ("Non-SDN Menu-Based Sanctions List (NS-MBS
// List) - Treasury Department" gives "NS-MBS"); the whole name when it has
// none.
func listCode(src string) string {
	i, j := strings.LastIndexByte(src, '('), strings.LastIndexByte(src, ')')
	if i >= 0 && j > i+1 {
		if code := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(src[i+1:j]), " List")); code != "" {
			return code
		}
	}
	return src
}

// row turns one data row into an entity.
func (p *parser) row(line int, rec []string) error {
	get := func(k string) string { return p.cols.Get(rec, k) }
	b := &builder{e: &entity.Entity{Source: "csl"}}
	e := b.e

	src := get(colSource)
	code := listCode(src)
	nameParts, altNames := splitList(get(colName)), splitList(get(colAltNames))
	if len(nameParts) == 0 {
		if len(altNames) == 0 {
			p.report.Skip(source.Problem{File: p.in.Name, Line: line, Record: get(colID), Field: colName, Err: ErrNoName})
			return nil
		}
		// Keep the party under its first other name.
		nameParts, altNames = altNames[:1], altNames[1:]
		b.remark("No name: the first of the alt_names stands for it")
	}
	if err := b.names(nameParts, altNames); err != nil {
		p.report.Skip(source.Problem{File: p.in.Name, Line: line, Record: get(colID), Field: colName, Err: err})
		return nil
	}
	b.remark(get(colRemarks))
	b.note("List", src)
	if code != "" {
		e.Programs = append(e.Programs, code)
	}
	e.Programs = append(e.Programs, splitList(get(colPrograms))...)

	typeRaw := get(colType)
	if t, ok := entity.ParseType(typeRaw); ok {
		e.Type = t
	} else {
		b.note("Type", typeRaw)
		switch {
		case b.org:
			e.Type = entity.Organization
		case code == "DPL" || code == "DTC":
			e.Type = entity.Person
		default:
			e.Type = entity.Organization
		}
	}

	e.Positions = splitList(get(colTitle))
	for _, a := range splitList(get(colAddresses)) {
		b.address(trimAnd(a))
	}
	for _, c := range splitList(get(colNationality)) {
		if cc := country.Code(c); cc != "" {
			e.Nationalities = append(e.Nationalities, cc)
		} else {
			b.note("Nationality", c)
		}
	}
	for _, c := range splitList(get(colCitizenship)) {
		if cc := country.Code(c); cc != "" {
			e.Citizenships = append(e.Citizenships, cc)
		} else {
			b.note("Citizenship", c)
		}
	}
	for _, d := range splitList(get(colDOB)) {
		if date, err := entity.ParseDate(d); err == nil {
			e.AddBirthDate(date)
		} else {
			b.note("Date of birth", d)
		}
	}
	e.BirthPlaces = append(e.BirthPlaces, splitList(get(colPOB))...)

	if s := get(colStart); s != "" {
		if d, err := entity.ParseISODate(s); err == nil && !d.IsZero() {
			e.ListedOn = d.String()
		} else {
			b.note("Start date", s)
		}
	}
	b.note("Federal Register", get(colFR))
	if s := get(colEnd); s != "" {
		if d, err := entity.ParseISODate(s); err == nil && !d.IsZero() {
			b.note("End date", d.String())
		} else {
			b.note("End date", s)
		}
	}
	b.note("Standard order", get(colStandard))
	b.note("License requirement", get(colLicenseReq))
	b.note("License policy", get(colLicensePol))

	if cs := get(colCallSign); cs != "" {
		e.AddIdentifier(entity.Identifier{Type: entity.CallSign, Value: cs})
	}
	b.craft(get(colVesselType), get(colTonnage), get(colGRT), get(colFlag), get(colOwner))
	b.ids(splitList(get(colIDs)))

	e.URL = get(colInfoURL)
	if lu := get(colListURL); lu != "" && lu != e.URL {
		if e.URL == "" {
			e.URL = lu
		} else {
			b.note("Source list", lu)
		}
	}
	b.remarks = p.cols.AppendExtras(b.remarks, rec)
	if len(rec) < len(p.cols.Labels) {
		b.remark(fmt.Sprintf("Row has %d of %d columns", len(rec), len(p.cols.Labels)))
	}

	id, num := get(colID), get(colEntityNum)
	e.SourceIDs = []string{id, num}
	switch {
	case id != "":
	case num != "":
		id = num
		b.remark("No _id: the ID is the entity number")
	default:
		id = csvlist.Hash("", strings.ToUpper(src+"|"+get(colName)+"|"+get(colAddresses)))
		b.remark("No _id nor entity number: the ID is a hash of list, name and addresses")
	}
	id, n := p.ids.Next("csl-" + id)
	if n > 1 {
		b.remark(fmt.Sprintf("Repeats the _id of an earlier row (%d rows)", n))
	}
	e.ID = id
	e.Remarks = strings.Join(b.remarks, "; ")
	e.Normalize()
	return p.emit(e)
}
