// Package dpl reads the US Bureau of Industry and Security (BIS) Denied
// Persons List, the persons and companies whose export privileges the
// Department of Commerce has denied under the Export Administration
// Regulations (15 CFR 764 and 766), as BIS publishes it for download at
// https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list
// ("dpl.txt").
//
// # Format
//
// The file is tab-separated text with every field in double quotes (a quote
// inside a field is doubled), one record per line, under the header
//
//	"Name" "Street_Address" "City" "State" "Country" "Postal_Code" "Effective_Date"
//	"Expiration_Date" "Standard_Order" "Last_Update" "Action" "FR_Citation"
//
// Effective and expiration dates are MM/DD/YYYY, Last_Update is YYYY-MM-DD.
// Columns are found by their header name, so a reordered or extended file
// still reads; a column BIS adds is kept in Remarks. One row is one denial
// order against one name at one address: a party listed at three
// addresses is three rows, and each becomes one entity, as BIS lists it.
//
// The parser reads the file line by line and splits each line itself
// (quotes are handled leniently: a quote that does not close a field is
// kept as text). The DPL never has a line break inside a field, so a
// quote left open closes at the end of its line and one damaged row can
// never swallow the rows after it. Line numbers in Problems are the
// file's.
//
// # Mapping
//
//   - ID: the DPL has no identifiers, so the ID is "dpl-" and the first 12
//     hex digits of the SHA-256 of the upper-cased, space-folded name,
//     street, city, state, country and postal code, joined by "|". The
//     effective date is left out on purpose: BIS rewrites it at every
//     renewal of a temporary denial order (every 180 days, see the Action
//     column's "TDO RENEWAL"), which would give the same listing a new ID;
//     the city and country are in because the street is blank on some
//     rows (ALI M HIJAZI, Geneva and Haute Savoie). Rows that give the same
//     key (BIS repeats a few rows verbatim) get "-2", "-3"... in file
//     order, and a remark naming the line they repeat.
//   - Type: the DPL does not say whether a name is a person or a company;
//     ParseName decides by the name (LooksLikeOrganization).
//   - Names: aliases written into the name ("A/K/A", "D/B/A", brackets,
//     quoted nicknames) are split out by ParseName; the name as listed is
//     then kept in Remarks.
//   - Address: street, city, state, postal code and country. The country
//     is the Country column (ISO alpha-2, also "PRC"); when it is blank and
//     the State column holds a US state code the country is "us". A State
//     that is no US state with a blank Country (BIS writes "CY" or "RS"
//     there for some foreign addresses) is kept as the region and noted in
//     Remarks, not guessed: "RS" is Serbia in ISO but the Russian address
//     it stands beside shows BIS meant Russia. A US state code in the
//     Country column ("NM") is read as a US state.
//   - Inmate numbers: the addresses of imprisoned persons give their
//     Federal Bureau of Prisons register number ("INMATE NUMBER:
//     42167-480", "USM NO: 26265-177"); it is added as an identifier of
//     type other with country "us" (the address keeps its text).
//   - ListedOn is the Effective_Date; Programs is ["DPL"]; URL is the DPL
//     page. Expiration date, standard order, action, Federal Register
//     citation and last update go to Remarks, as does any value that does
//     not parse.
//   - Report.Published is the latest Last_Update of the file: the file
//     carries no date of its own, and the date of its latest change is the
//     date the list is current as of. Last_Update values in the future are
//     typing errors (the 2022-09-07 file has "2922-09-01" and
//     "3017-08-22") and are left out of that maximum; each row's own value
//     stays in its Remarks.
//
// # Problems
//
// A row without a name is skipped and reported with its line and the field
// "Name", and so is a line longer than 1 MiB, which no DPL row comes near
// and which is not read into memory. Nothing else drops a row: a row with too few fields is read with
// the missing ones empty, extra fields and an unclosed quote are noted in
// its Remarks. A file whose header is not the DPL's is not a list
// (source.ErrNotList); a last line that ends without a newline and short of
// its fields, or inside a quote, is a truncated file (source.ErrTruncated),
// and that row is not emitted.
package dpl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/csvlist"
)

// URL is the publisher's page for the Denied Persons List.
const URL = "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list"

// Program is the program every DPL entity is listed under.
const Program = "DPL"

// Format describes the BIS Denied Persons List text file.
func Format() source.Format {
	return source.Format{
		Name:        "dpl-tsv",
		Source:      "dpl",
		Description: "US BIS Denied Persons List (tab-separated dpl.txt)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// Column keys, the header names lower-cased.
const (
	colName       = "name"
	colStreet     = "street_address"
	colCity       = "city"
	colState      = "state"
	colCountry    = "country"
	colPostal     = "postal_code"
	colEffective  = "effective_date"
	colExpiration = "expiration_date"
	colStandard   = "standard_order"
	colLastUpdate = "last_update"
	colAction     = "action"
	colFR         = "fr_citation"
)

var knownColumns = map[string]bool{
	colName: true, colStreet: true, colCity: true, colState: true, colCountry: true, colPostal: true,
	colEffective: true, colExpiration: true, colStandard: true, colLastUpdate: true, colAction: true, colFR: true,
}

// headerDelimiter picks the delimiter of a header line: tab, else comma.
func headerDelimiter(line []byte) byte {
	if bytes.IndexByte(line, '\t') >= 0 {
		return '\t'
	}
	return ','
}

// isDPLHeader reports whether the header keys are the DPL's: a name
// column and at least three of the columns only the DPL has.
func isDPLHeader(keys []string) bool {
	hasName, distinct := false, 0
	for _, k := range keys {
		switch k {
		case colName:
			hasName = true
		case colStreet, colEffective, colExpiration, colStandard, colFR, colLastUpdate:
			distinct++
		}
	}
	return hasName && distinct >= 3
}

// Sniff reports whether head starts with the DPL header line.
func Sniff(name string, head []byte) bool {
	line := csvlist.HeaderLine(head)
	if len(line) == 0 {
		return false
	}
	delim := headerDelimiter(line)
	fields, _ := splitLine(string(line), delim, nil)
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = csvlist.HeaderKey(f)
	}
	return isDPLHeader(keys)
}

// splitLine splits one line into fields. A field that starts with a quote
// runs to the quote that is followed (after optional spaces) by the
// delimiter or the end of the line; a doubled quote inside it is one
// quote, and any other quote is kept as text. The line ends every field:
// a quote still open there closes, and unclosed reports it.
func splitLine(line string, delim byte, fields []string) (out []string, unclosed bool) {
	out = fields[:0]
	i := 0
	for {
		if i < len(line) && line[i] == '"' {
			var b []byte
			segStart := i + 1
			j := i + 1
			closed := false
			for j < len(line) {
				if line[j] != '"' {
					j++
					continue
				}
				if j+1 < len(line) && line[j+1] == '"' {
					b = append(b, line[segStart:j+1]...)
					j += 2
					segStart = j
					continue
				}
				k := j + 1
				for k < len(line) && line[k] == ' ' {
					k++
				}
				if k == len(line) || line[k] == delim {
					closed = true
					break
				}
				j++ // a stray quote: text
			}
			var field string
			if b == nil {
				field = line[segStart:j]
			} else {
				b = append(b, line[segStart:j]...)
				field = string(b)
			}
			out = append(out, field)
			if !closed {
				return out, true
			}
			i = j + 1
			for i < len(line) && line[i] == ' ' {
				i++
			}
		} else {
			k := strings.IndexByte(line[i:], delim)
			if k < 0 {
				out = append(out, line[i:])
				return out, false
			}
			out = append(out, line[i:i+k])
			i += k
		}
		if i >= len(line) {
			return out, false
		}
		i++ // the delimiter
		if i == len(line) {
			return append(out, ""), false
		}
	}
}

// lineReader reads lines, remembering whether the last one ended with a
// newline.
type lineReader struct {
	br      *bufio.Reader
	buf     []byte
	line    int  // number of the last line read
	newline bool // the last line ended with '\n'
}

// maxLine bounds a line: DPL rows are well under 2 KB, and a longer line
// is not read into memory.
const maxLine = 1 << 20

// errLineTooLong is the error of a line longer than maxLine.
var errLineTooLong = fmt.Errorf("line longer than %d bytes", maxLine)

// next returns the next line without its line ending, or io.EOF, or
// errLineTooLong after skipping a line too long to read.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf = lr.buf[:0]
	total := 0
	for {
		chunk, err := lr.br.ReadSlice('\n')
		total += len(chunk)
		if err == bufio.ErrBufferFull {
			if total <= maxLine {
				lr.buf = append(lr.buf, chunk...)
			}
			continue
		}
		if total > maxLine {
			lr.line++
			lr.newline = len(chunk) > 0 && chunk[len(chunk)-1] == '\n'
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, errLineTooLong
		}
		var line []byte
		if len(lr.buf) > 0 {
			lr.buf = append(lr.buf, chunk...)
			line = lr.buf
		} else {
			line = chunk
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if len(line) == 0 && err == io.EOF {
			return nil, io.EOF
		}
		lr.line++
		lr.newline = line[len(line)-1] == '\n'
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, nil
	}
}

// usStates are the two-letter codes of US states, DC and territories.
var usStates = wordSet(`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS
	MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP`)

// inmateNumbers finds Federal Bureau of Prisons register numbers,
// "12345-678" (also written "12345 678"), standing as words.
func inmateNumbers(s string) []string {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	word := func(i int) bool { // s[i] is a letter or digit
		c := s[i]
		return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
	}
	var out []string
	for i := 0; i+9 <= len(s); i++ {
		if (i > 0 && word(i-1)) || (s[i+5] != '-' && s[i+5] != ' ') || !digits(s[i:i+5]) || !digits(s[i+6:i+9]) ||
			(i+9 < len(s) && word(i+9)) {
			continue
		}
		out = append(out, s[i:i+5]+"-"+s[i+6:i+9])
		i += 8
	}
	return out
}

// InmateNote is the Note of the identifiers InmateNumbers finds.
const InmateNote = "inmate register number (US Federal Bureau of Prisons)"

// InmateNumbers returns the US Federal Bureau of Prisons register numbers
// ("42167-480") in an address that is a prison's ("INMATE NUMBER:
// 42167-480, FCI LA TUNA, P.O. BOX 3000", "USM NO: 26265-177, FCI
// SEAGOVILLE"), normalised to "NNNNN-NNN"; none for other addresses.
func InmateNumbers(address string) []string {
	u := strings.ToUpper(address)
	for _, w := range prisonWords {
		if strings.Contains(u, w) {
			return inmateNumbers(address)
		}
	}
	return nil
}

// clean is entity.CleanSpace with a fast path for text that needs no
// change.
func clean(s string) string {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if prevSpace {
				return entity.CleanSpace(s)
			}
			prevSpace = true
		case c < ' ' || c >= 0x80:
			return entity.CleanSpace(s)
		default:
			prevSpace = false
		}
	}
	if prevSpace && len(s) > 0 {
		return entity.CleanSpace(s)
	}
	return s
}

// prisonWords mark an address as a prison's, where a register number is
// the inmate's.
var prisonWords = []string{"INMATE", "INMTATE", "INMATNED", "USM ", "REGISTER", "REGISTRATION #", "PRISON",
	"PENITENTIARY", "CORRECTION", "FCI ", "FMC ", "USP "}

// parseUSDate reads MM/DD/YYYY.
func parseUSDate(s string) (entity.Date, bool) {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 3 || len(parts[2]) != 4 {
		return entity.Date{}, false
	}
	m, err1 := strconv.Atoi(parts[0])
	d, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || d < 1 {
		return entity.Date{}, false
	}
	date := entity.Date{Year: y, Month: m, Day: d}
	return date, date.Valid()
}

// parseDate reads a DPL date: MM/DD/YYYY or ISO.
func parseDate(s string) (entity.Date, bool) {
	if d, ok := parseUSDate(s); ok {
		return d, true
	}
	d, err := entity.ParseISODate(s)
	if err != nil || d.IsZero() || d.Circa || d.IsRange() || d.Day == 0 {
		return entity.Date{}, false
	}
	return d, true
}

// ErrNoName is the error of a row without a name.
var ErrNoName = errors.New("row has no name")

// parser holds the state of one parse.
type parser struct {
	in      source.Input
	emit    source.Emit
	cols    *csvlist.Columns
	seen    map[string]int // ID -> line of its first row
	ids     csvlist.IDs
	latest  string // latest plausible Last_Update, ISO
	horizon string // Last_Update after this is a typing error
	report  source.Report
}

// Parse reads a Denied Persons List file and emits one entity per row.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	p := &parser{
		in: in, emit: emit, seen: map[string]int{}, ids: csvlist.IDs{},
		horizon: time.Now().UTC().AddDate(0, 0, 1).Format("2006-01-02"),
	}
	if in.R == nil {
		return p.report, fmt.Errorf("%s: no content: %w", in.Name, source.ErrNotList)
	}
	lr := &lineReader{br: bufio.NewReaderSize(in.R, 16<<10)}
	// Header: the first line that is not blank.
	var head []byte
	for {
		line, err := lr.next()
		if err == io.EOF {
			return p.report, fmt.Errorf("%s: empty file: %w", in.Name, source.ErrNotList)
		}
		if err == errLineTooLong {
			return p.report, fmt.Errorf("%s: line %d: %v: %w", in.Name, lr.line, err, source.ErrNotList)
		}
		if err != nil {
			return p.report, fmt.Errorf("%s: %w", in.Name, err)
		}
		if lr.line == 1 {
			line = bytes.TrimPrefix(line, csvlist.BOM)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			head = line
			break
		}
	}
	delim := headerDelimiter(head)
	header, _ := splitLine(string(head), delim, nil)
	p.cols = csvlist.NewColumns(header,
		func(h string) string { return entity.CleanSpace(strings.Trim(strings.TrimSpace(h), `"`)) },
		func(h string) string {
			if k := csvlist.HeaderKey(h); knownColumns[k] {
				return k
			}
			return ""
		})
	keys := make([]string, 0, len(p.cols.Index))
	for k := range p.cols.Index {
		keys = append(keys, k)
	}
	if !isDPLHeader(keys) {
		return p.report, fmt.Errorf("%s: line %d: not a Denied Persons List header: %w", in.Name, lr.line, source.ErrNotList)
	}
	var fields []string
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err == errLineTooLong {
			p.report.Records++
			p.report.Skip(source.Problem{File: in.Name, Line: lr.line, Err: err})
			continue
		}
		if err != nil {
			return p.report, fmt.Errorf("%s: line %d: %w", in.Name, lr.line+1, err)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		p.report.Records++
		if err := source.CheckContext(ctx, p.report.Records); err != nil {
			return p.report, err
		}
		var unclosed bool
		fields, unclosed = splitLine(string(line), delim, fields)
		if !lr.newline && (unclosed || len(fields) < len(header)) {
			p.report.Records--
			return p.report, fmt.Errorf("%s: line %d: last row ends after %d of %d fields: %w",
				in.Name, lr.line, len(fields), len(header), source.ErrTruncated)
		}
		if err := p.row(lr.line, fields, unclosed); err != nil {
			return p.report, err
		}
	}
	p.report.Published = p.latest
	return p.report, nil
}

// row turns one data row into an entity.
func (p *parser) row(line int, fields []string, unclosed bool) error {
	rawName := p.cols.Get(fields, colName)
	names, typ := ParseName(rawName)
	if len(names) == 0 {
		p.report.Skip(source.Problem{File: p.in.Name, Line: line, Field: p.cols.Label(colName), Err: ErrNoName})
		return nil
	}
	e := &entity.Entity{Source: "dpl", Type: typ, Names: names, Programs: []string{Program}, URL: URL}
	var remarks []string
	note := func(label, v string) {
		if v != "" {
			remarks = append(remarks, label+": "+v)
		}
	}
	if len(names) > 1 {
		note("Listed as", rawName)
	}

	street, city := p.cols.Get(fields, colStreet), p.cols.Get(fields, colCity)
	state, postal := p.cols.Get(fields, colState), p.cols.Get(fields, colPostal)
	countryRaw := p.cols.Get(fields, colCountry)
	cc, region := "", state
	switch {
	case countryRaw != "":
		if cc = country.Code(countryRaw); cc == "" {
			if state == "" && usStates[strings.ToUpper(countryRaw)] {
				cc, region = "us", strings.ToUpper(countryRaw)
			} else {
				note("Country", countryRaw)
			}
		}
	case usStates[strings.ToUpper(state)]:
		cc = "us"
	case state != "":
		note("Country", fmt.Sprintf("none given, the State column holds %q", state))
	}
	if street != "" || city != "" || region != "" || postal != "" || countryRaw != "" {
		var parts []string
		for _, s := range []string{street, city, strings.TrimSpace(region + " " + postal), countryRaw} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		e.Addresses = []entity.Address{{Full: strings.Join(parts, ", "), Street: street, City: city,
			Region: region, PostalCode: postal, Country: cc}}
	}
	if cc != "" {
		e.Countries = []string{cc}
	}
	for _, n := range InmateNumbers(street) {
		e.AddIdentifier(entity.Identifier{Type: entity.Other, Value: n, Country: "us", Note: InmateNote})
	}

	if eff := p.cols.Get(fields, colEffective); eff != "" {
		if d, ok := parseDate(eff); ok {
			e.ListedOn = d.String()
		} else {
			note("Effective date", eff)
		}
	}
	if exp := p.cols.Get(fields, colExpiration); exp != "" {
		if d, ok := parseDate(exp); ok {
			note("Expiration date", d.String())
		} else {
			note("Expiration date", exp)
		}
	}
	note("Standard order", p.cols.Get(fields, colStandard))
	note("Action", p.cols.Get(fields, colAction))
	note("Federal Register", p.cols.Get(fields, colFR))
	if lu := p.cols.Get(fields, colLastUpdate); lu != "" {
		if d, ok := parseDate(lu); ok {
			iso := d.String()
			note("Last update", iso)
			if iso <= p.horizon && iso > p.latest {
				p.latest = iso
			}
		} else {
			note("Last update", lu)
		}
	}
	remarks = p.cols.AppendExtras(remarks, fields)
	if len(fields) < len(p.cols.Labels) {
		remarks = append(remarks, fmt.Sprintf("Row has %d of %d columns", len(fields), len(p.cols.Labels)))
	}
	if unclosed {
		remarks = append(remarks, "Row has an unclosed quote")
	}

	first := csvlist.Hash("dpl-", strings.ToUpper(strings.Join([]string{
		rawName, street, city, state, countryRaw, postal}, "|")))
	id, n := p.ids.Next(first)
	if n > 1 {
		remarks = append(remarks, fmt.Sprintf("Repeats the row on line %d", p.seen[first]))
	} else {
		p.seen[id] = line
	}
	e.ID = id
	e.Remarks = strings.Join(remarks, "; ")
	e.Normalize()
	if err := p.emit(e); err != nil {
		return err
	}
	return nil
}
