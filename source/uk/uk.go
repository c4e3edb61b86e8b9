// Package uk reads the UK Sanctions List published by the Foreign,
// Commonwealth & Development Office (FCDO), "The UK Sanctions List"
// (https://www.gov.uk/government/publications/the-uk-sanctions-list), in
// three of the forms it is published in:
//
//   - uk-ods: the OpenDocument summary sheet (sheet "UK_Sanction_List"):
//     one row per designation, with Unique ID, OFSI Group ID, Name, Regime
//     Name, Type (Individual, Entity, Ship), Designation source (UK, UN,
//     UK|UN), Date Designated (DD-MM-YYYY) and Sanctions Imposed. Read with
//     source/ods and checked against the real sheet of 11 August 2025.
//   - uk-csv: the full list as comma-separated values, a "Report Date:"
//     line, then a header, then one row per name of a designation and per
//     combination of its repeated details (the rows of one designation are
//     the cartesian product of its names, addresses, documents, ...),
//     grouped here by Unique ID into one entity.
//   - uk-xml: the full list as XML, <Designations> with a <DateGenerated>
//     and one <Designation> per designation: UniqueID, OFSIGroupID,
//     UNReferenceNumber, Names/Name (Name1..Name6, NameType,
//     AliasStrength), NonLatinNames, RegimeName, IndividualEntityShip,
//     DesignationSource, SanctionsImposed, DateDesignated, LastUpdated,
//     OtherInformation, UKStatementofReasons, Addresses, PhoneNumbers,
//     EmailAddresses, Websites, and IndividualDetails, EntityDetails or
//     ShipDetails.
//
// The CSV and XML layouts follow the FCDO's published descriptions of the
// list (the data fields listed on the publication page, and "UK Sanctions
// List: change to the list's format", 2022, which introduced Name 1-6 with
// Name type "Primary name", "Primary name variation" or "Alias", and
// Alias strength), as read in 2024-2025. No real CSV or XML file is
// available to this project: the fixtures under testdata/ were written by
// hand from that specification and from how public readers of the files
// name the columns and elements, not copied from a real download.
//
// Entities. Every format gives one entity per Unique ID (a designation
// under one regime), with ID "uk-<Unique ID>" and SourceIDs [Unique ID,
// "OFSI:<OFSI Group ID>", "UN:<UN reference number>"] as far as given. The
// same party designated under several regimes appears as several
// entities sharing an OFSI Group ID (group 10638 is on the sheet under
// Iran (Nuclear), Iran and Syria): merging them would make counts differ
// from the publisher's and lose which regime lists what, so they are kept
// apart and the shared group ID lets a consumer join them.
//
// Decisions a reader should know:
//   - Names: the full list gives Name1..Name5 (given names) and Name6 (the
//     family name, or an entity's or ship's whole name); Full is them in
//     that order. "Primary name" is the primary name, "Primary name
//     variation" and "Alias" are aliases, "Low quality" alias strength
//     makes a weak alias, non-Latin names are aliases marked Script.
//     The summary sheet gives one name per row as published; for a person
//     written "PUTIN Vladimir Vladimirovich" (leading words in capitals,
//     then words that are not) Parts gets Family "PUTIN" and Given
//     "Vladimir Vladimirovich". A name with no such capitals ("Lavrov
//     Sergei Viktorovich") gets no Parts: the sheet does not say which
//     word is the family name.
//   - Regime → Programs, Date Designated → ListedOn, Type → Type (Ship →
//     Vessel); designation source, sanctions imposed, other information,
//     the statement of reasons, last-updated date, contact details and ship
//     details the model has no field for go to Remarks as "Label: value".
//   - A row or designation with no Unique ID or no name, or repeating a
//     Unique ID, is skipped and reported (report.Skip); a value that cannot
//     be read (an unknown country, a date such as "15/08/19yy") keeps the
//     entity and stays in Remarks. Dates with unknown parts, written
//     "dd/mm/1962" or "00/00/1975", are read as partial dates.
//   - Report.Published: the CSV's "Report Date" line and the XML's
//     DateGenerated. The summary sheet has no list date in its content:
//     its meta.xml dc:date is when the workbook was last saved in Excel
//     (2024-03-18 in the file of 2025-08-11), so it is not used; Published
//     is instead the modification date the publisher's export stamped on
//     content.xml inside the package (2025-08-11 18:41 in that file), which
//     is when the sheet's data was written, or "" when the package records
//     none. A date in a title row above the header, should the FCDO add
//     one, takes precedence. The file name is never used.
//   - Report.Records counts data rows for the ODS, designations (plus rows
//     without a Unique ID) for the CSV, and Designation elements for the
//     XML.
package uk

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// SourceName is the source of every entity read here.
const SourceName = "uk"

// Format names.
const (
	FormatODS = "uk-ods"
	FormatCSV = "uk-csv"
	FormatXML = "uk-xml"
)

// ODSFormat describes the OpenDocument summary sheet.
func ODSFormat() source.Format {
	return source.Format{
		Name:        FormatODS,
		Source:      SourceName,
		Description: "UK Sanctions List (FCDO), OpenDocument summary sheet: one row per designation",
		Sniff:       SniffODS,
		Parse:       ParseODS,
	}
}

// CSVFormat describes the full list as CSV.
func CSVFormat() source.Format {
	return source.Format{
		Name:        FormatCSV,
		Source:      SourceName,
		Description: "UK Sanctions List (FCDO), CSV: one row per name and detail, grouped by Unique ID",
		Sniff:       SniffCSV,
		Parse:       ParseCSV,
	}
}

// XMLFormat describes the full list as XML.
func XMLFormat() source.Format {
	return source.Format{
		Name:        FormatXML,
		Source:      SourceName,
		Description: "UK Sanctions List (FCDO), XML: <Designations><Designation>",
		Sniff:       SniffXML,
		Parse:       ParseXML,
	}
}

// Formats returns the three formats of the UK Sanctions List.
func Formats() []source.Format {
	return []source.Format{ODSFormat(), CSVFormat(), XMLFormat()}
}

// Sniff reports whether head is any of the three forms of the list.
func Sniff(name string, head []byte) bool {
	return SniffODS(name, head) || SniffCSV(name, head) || SniffXML(name, head)
}

// sniffSize is how much of a file Sniff is given.
const sniffSize = 64 << 10

// Parse reads any of the three forms, recognised by content.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	head, r, err := peek(in.R)
	if err != nil {
		return source.Report{}, fmt.Errorf("%s: %w", in.Name, err)
	}
	in.R = r
	switch {
	case SniffODS(in.Name, head) || bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return ParseODS(ctx, in, emit)
	case SniffXML(in.Name, head):
		return ParseXML(ctx, in, emit)
	case SniffCSV(in.Name, head):
		return ParseCSV(ctx, in, emit)
	}
	return source.Report{}, fmt.Errorf("%s: %w: not a UK Sanctions List sheet, CSV or XML", in.Name, source.ErrNotList)
}

// peek returns the first bytes of r and a reader that reads all of r
// again. A reader that can seek and read at offsets is read in place.
func peek(r io.Reader) ([]byte, io.Reader, error) {
	if ra, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		if cur, err := ra.Seek(0, io.SeekCurrent); err == nil {
			head := make([]byte, sniffSize)
			n, err := ra.ReadAt(head, cur)
			if err != nil && err != io.EOF {
				return nil, nil, err
			}
			return head[:n], r, nil
		}
	}
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, nil, err
	}
	return head, br, nil
}

// ukDate reads a date as the list writes it: "DD-MM-YYYY" on the sheet,
// "DD/MM/YYYY" in the full list, with "dd", "mm" or "00" for an unknown
// day or month ("dd/mm/1962" is the year 1962, "dd/07/1978" July 1978);
// other forms go to entity.ParseDate.
func ukDate(s string) (entity.Date, bool) {
	s = strings.TrimSpace(s)
	day := s
	if i := strings.IndexByte(day, ' '); i > 0 {
		day = day[:i] // "31/01/2024 00:00:00"
	}
	f := strings.FieldsFunc(day, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(f) == 3 && len(f[0]) <= 2 && len(f[1]) <= 2 && len(f[2]) == 4 && isDigits(f[2]) {
		y, _ := strconv.Atoi(f[2])
		d := entity.Date{Year: y}
		if m, err := strconv.Atoi(f[1]); err == nil && m >= 1 && m <= 12 {
			d.Month = m
			if dd, err := strconv.Atoi(f[0]); err == nil && dd >= 1 {
				d.Day = dd
			} else if !unknownPart(f[0]) {
				return entity.Date{}, false
			}
		} else if !unknownPart(f[1]) {
			return entity.Date{}, false
		}
		if !d.Valid() {
			return entity.Date{}, false
		}
		return d, true
	}
	d, err := entity.ParseDate(s)
	return d, err == nil
}

// unknownPart reports a placeholder for an unknown day or month.
func unknownPart(s string) bool {
	switch strings.ToLower(s) {
	case "dd", "mm", "d", "m", "00", "0", "xx", "":
		return true
	}
	return false
}

// familyFirst reads the sheet's "FAMILY Given Names" convention: the
// leading words written in capitals are the family name when words that
// are not in capitals follow. It returns nil when the name does not follow
// it.
func familyFirst(full string) *entity.NameParts {
	words := strings.Fields(full)
	i := 0
	for i < len(words) && isCapitalWord(words[i]) {
		i++
	}
	if i == 0 || i == len(words) {
		return nil
	}
	return &entity.NameParts{Family: strings.Join(words[:i], " "), Given: strings.Join(words[i:], " ")}
}

// isCapitalWord reports a word of at least two letters with no lower-case
// letter ("PUTIN", "AL-HOUTHI", "O'NEILL").
func isCapitalWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// headerKey folds a column header for lookup: lower case, letters and
// digits only ("Name non-latin script" → "namenonlatinscript").
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
