package uk

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/internal/cputime"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
	"github.com/embargo/embargo/source/ods"
)

// odsPackage zips a content.xml into a spreadsheet package as the FCDO's
// file is laid out (meta.xml, mimetype, styles, content.xml).
func odsPackage(t testing.TB, content []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte, modified time.Time) {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, Modified: modified,
			CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	add("meta.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:date>2024-03-18T12:13:54Z</dc:date></office:meta></office:document-meta>`), time.Date(2024, 6, 4, 15, 43, 0, 0, time.UTC))
	add("mimetype", []byte(ods.MimeType), time.Time{})
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "content.xml", Method: zip.Deflate, Modified: time.Date(2025, 8, 11, 18, 41, 4, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type problem struct {
	line          int
	record, field string
}

// problems lists the report's problems in line order.
func problems(rep source.Report) []problem {
	var out []problem
	for _, p := range rep.Skipped {
		out = append(out, problem{p.Line, p.Record, p.Field})
	}
	slices.SortStableFunc(out, func(a, b problem) int { return a.line - b.line })
	return out
}

// dpr0075 is a ship as the real sheet and sheet.xml give it: no OFSI
// group ID (a cell of white space).
var dpr0075 = entity.Entity{ID: "uk-DPR0075", Source: "uk", SourceIDs: []string{"DPR0075"}, Type: entity.Vessel,
	Names:     []entity.Name{{Full: "Petrel 8", Kind: entity.Primary}},
	Countries: []string{"kp"}, Programs: []string{"Democratic People's Republic of Korea"}, ListedOn: "2017-10-03",
	Remarks: "Designation source: UN; Sanctions imposed: Prohibition of port entry"}

func TestSummarySheet(t *testing.T) {
	data := odsPackage(t, sourcetest.ReadFixture(t, "sheet.xml"))
	byID, order, rep, err := sourcetest.CollectByID(t, ParseODS, "sheet.ods", data)
	if err != nil {
		t.Fatal(err)
	}
	wantOrder := []string{"uk-RUS0251", "uk-RUS0252", "uk-RUS0753", "uk-AQD0011", "uk-DPR0075", "uk-TST0001", "uk-TST0002", "uk-INU0011"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("entities = %v, want %v", order, wantOrder)
	}
	if rep.Records != 11 || rep.Published != "2025-08-11" {
		t.Errorf("report: %d records, published %q", rep.Records, rep.Published)
	}
	wantProblems := []problem{{7, "BEL0174", "Name"}, {8, "", "Unique ID"}, {9, "RUS0252", "Unique ID"}}
	if got := problems(rep); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems = %+v, want %+v", got, wantProblems)
	}
	tests := []struct {
		id   string
		want entity.Entity
	}{
		{"uk-RUS0251", entity.Entity{ID: "uk-RUS0251", Source: "uk", SourceIDs: []string{"RUS0251", "OFSI:14196"}, Type: entity.Person,
			Names:     []entity.Name{{Full: "PUTIN Vladimir Vladimirovich", Kind: entity.Primary, Parts: &entity.NameParts{Family: "PUTIN", Given: "Vladimir Vladimirovich"}}},
			Countries: []string{"ru"}, Programs: []string{"Russia"}, ListedOn: "2022-02-25",
			Remarks: "Designation source: UK; Sanctions imposed: Asset freeze, Director Disqualification Sanction, Trust Services Sanctions"}},
		// Not in capitals: which word is the family name is not said.
		{"uk-RUS0252", entity.Entity{ID: "uk-RUS0252", Source: "uk", SourceIDs: []string{"RUS0252", "OFSI:14197"}, Type: entity.Person,
			Names:     []entity.Name{{Full: "Lavrov Sergei Viktorovich", Kind: entity.Primary}},
			Countries: []string{"ru"}, Programs: []string{"Russia"}, ListedOn: "2022-02-25",
			Remarks: "Designation source: UK; Sanctions imposed: Asset freeze, Director Disqualification Sanction, Trust Services Sanctions"}},
		{"uk-AQD0011", entity.Entity{ID: "uk-AQD0011", Source: "uk", SourceIDs: []string{"AQD0011", "OFSI:8361"}, Type: entity.Organization,
			Names:    []entity.Name{{Full: "AL-HARAMAIN & AL MASJED AL-AQSA CHARITY FOUNDATION", Kind: entity.Primary}},
			Programs: []string{"ISIL (Da'esh) and Al-Qaida"}, ListedOn: "2004-06-28",
			Remarks: "Designation source: UN; Sanctions imposed: Arms embargo, Asset freeze"}},
		{"uk-DPR0075", dpr0075},
		{"uk-TST0001", entity.Entity{ID: "uk-TST0001", Source: "uk", SourceIDs: []string{"TST0001", "OFSI:99001"}, Type: entity.Aircraft,
			Names:     []entity.Name{{Full: "EXAMPLE AIR", Kind: entity.Primary}},
			Countries: []string{"ru"}, Programs: []string{"Russia"},
			Remarks: "Date designated: 31-02-2022; Designation source: UK; Sanctions imposed: Asset freeze"}},
		{"uk-TST0002", entity.Entity{ID: "uk-TST0002", Source: "uk", SourceIDs: []string{"TST0002"},
			Names:     []entity.Name{{Full: "EXAMPLE TRUST", Kind: entity.Primary}},
			Countries: []string{"ru"}, Programs: []string{"Russia"}, ListedOn: "2023",
			Remarks: "Type: Trust; Designation source: UK|UN; Sanctions imposed: Asset freeze"}},
	}
	for _, tt := range tests {
		got := byID[tt.id]
		if got == nil {
			t.Errorf("%s missing", tt.id)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tt.id, *got, tt.want)
		}
	}
}

func TestSummarySheetUnderAnotherSheetName(t *testing.T) {
	content := bytes.Replace(sourcetest.ReadFixture(t, "sheet.xml"), []byte(`table:name="UK_Sanction_List"`), []byte(`table:name="Sheet1"`), 1)
	byID, _, _, err := sourcetest.CollectByID(t, ParseODS, "renamed.ods", odsPackage(t, content))
	if err != nil || len(byID) != 8 {
		t.Errorf("%d entities, err %v", len(byID), err)
	}
}

func TestFamilyNameInCapitals(t *testing.T) {
	tests := []struct {
		in           string
		family, rest string
	}{
		{"PUTIN Vladimir Vladimirovich", "PUTIN", "Vladimir Vladimirovich"},
		{"PESKOV Dmitry Sergeyvich", "PESKOV", "Dmitry Sergeyvich"},
		{"AL QADI Yasin", "AL QADI", "Yasin"},
		{"O'NEILL Example", "O'NEILL", "Example"},
		{"Lavrov Sergei Viktorovich", "", ""},
		{"Al-HOUTHI Ali Hussein", "", ""},
		{"MITHU", "", ""},
		{"KIM JONG UN", "", ""},
		{"A Smith", "", ""},
	}
	for _, tt := range tests {
		p := familyFirst(tt.in)
		switch {
		case tt.family == "" && p != nil:
			t.Errorf("familyFirst(%q) = %+v, want none", tt.in, *p)
		case tt.family != "" && (p == nil || p.Family != tt.family || p.Given != tt.rest):
			t.Errorf("familyFirst(%q) = %+v, want %q / %q", tt.in, p, tt.family, tt.rest)
		}
	}
}

func TestUKDates(t *testing.T) {
	tests := map[string]string{
		"25-02-2022":          "2022-02-25",
		"25/02/2022":          "2022-02-25",
		"dd/mm/1962":          "1962",
		"00/00/1975":          "1975",
		"dd/07/1978":          "1978-07",
		"00/07/1978":          "1978-07",
		"31/01/2024 00:00:00": "2024-01-31",
		"2024-06-01":          "2024-06-01",
		"1962":                "1962",
		"15/08/19yy":          "",
		"31/02/2022":          "",
		"xx":                  "",
	}
	for in, want := range tests {
		d, ok := ukDate(in)
		if got := d.String(); got != want || ok != (want != "") {
			t.Errorf("ukDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// fullList are the entities list.csv and list.xml both hold.
func fullList() map[string]entity.Entity {
	return map[string]entity.Entity{
		"uk-RUS0252": {ID: "uk-RUS0252", Source: "uk", SourceIDs: []string{"RUS0252", "OFSI:14197"}, Type: entity.Person,
			Names: []entity.Name{
				{Full: "Sergei Viktorovich LAVROV", Kind: entity.Primary, Parts: &entity.NameParts{Given: "Sergei", Middle: "Viktorovich", Family: "LAVROV"}},
				{Full: "Sergey LAVROV", Kind: entity.Alias, Parts: &entity.NameParts{Given: "Sergey", Family: "LAVROV"}},
				{Full: "Сергей Викторович ЛАВРОВ", Kind: entity.Alias, Script: true, Lang: "ru"},
			},
			BirthDates: []entity.Date{{Year: 1950, Month: 3, Day: 21}}, BirthPlaces: []string{"Moscow, Russia"},
			Nationalities: []string{"ru"}, Gender: entity.Male,
			Positions: []string{"Minister of Foreign Affairs of the Russian Federation"},
			Programs:  []string{"Russia"}, ListedOn: "2022-02-25",
			Remarks: "Designation source: UK; Sanctions imposed: Asset freeze|Director Disqualification Sanction|Trust Services Sanctions; " +
				"Last updated: 28/02/2022; Other information: Written for this test from the published layout.; UK statement of reasons: Example statement of reasons."},
		"uk-TST0001": {ID: "uk-TST0001", Source: "uk", SourceIDs: []string{"TST0001", "OFSI:99001"}, Type: entity.Organization,
			Names: []entity.Name{
				{Full: "EXAMPLE TRADING LLC", Kind: entity.Primary},
				{Full: "EXAMPLE TRADE", Kind: entity.Alias},
			},
			Countries: []string{"ae", "ru"},
			Addresses: []entity.Address{
				{Full: "Office 5, 10 Example Street, Moscow, 101000, Russia", Street: "Office 5, 10 Example Street", City: "Moscow", PostalCode: "101000", Country: "ru"},
				{Full: "Dubai, United Arab Emirates", City: "Dubai", Country: "ae"},
			},
			Identifiers: []entity.Identifier{{Type: entity.Registration, Value: "OGRN: 1234567890123", Note: "Business registration number"}},
			Programs:    []string{"Russia"}, ListedOn: "2023-05-04",
			Remarks: "Designation source: UK; Sanctions imposed: Asset freeze|Trust Services Sanctions; Last updated: 05/05/2023; " +
				"Phone: +7 495 000 0000; Website: www.example.com; Email: info@example.com; Type of entity: Limited Liability Company; " +
				"Subsidiaries: EXAMPLE SUB ONE; Parent company: EXAMPLE HOLDING"},
		"uk-TST0002": {ID: "uk-TST0002", Source: "uk", SourceIDs: []string{"TST0002"}, Type: entity.Vessel,
			Names: []entity.Name{
				{Full: "OCEAN EXAMPLE", Kind: entity.Primary},
				{Full: "OCEAN EX", Kind: entity.Alias},
			},
			Identifiers: []entity.Identifier{{Type: entity.IMO, Value: "9999999"}},
			Vessel:      &entity.Craft{Flag: "pa", Kind: "Crude Oil Tanker", Tonnage: "80000", Owner: "EXAMPLE SHIPPING CO"},
			Programs:    []string{"Russia"}, ListedOn: "2024-05-09",
			Remarks: "Designation source: UK; Sanctions imposed: Asset freeze|Deflag|Prohibition of port entry; Last updated: 09/05/2024; " +
				"Previous owner/operator: OLD SHIPPING CO; Previous flags: Liberia; Length of ship: 250; Year built: 2001"},
		"uk-TST0003": {ID: "uk-TST0003", Source: "uk", SourceIDs: []string{"TST0003", "OFSI:99003", "UN:QDi.999"}, Type: entity.Person,
			Names: []entity.Name{
				{Full: "Abdul Example RAHMAN", Kind: entity.Primary, Parts: &entity.NameParts{Title: "Haji", Given: "Abdul", Middle: "Example", Family: "RAHMAN"}},
				{Full: "عبد الرحمن", Kind: entity.Alias, Script: true, Lang: "ar"},
				{Full: "Abu Example", Kind: entity.Alias, Weak: true},
			},
			BirthDates: []entity.Date{{Year: 1962}, {Year: 1965}}, BirthPlaces: []string{"Kandahar, Afghanistan"},
			Nationalities: []string{"af"}, Gender: entity.Male, Positions: []string{"Example commander"},
			Identifiers: []entity.Identifier{
				{Type: entity.NationalID, Value: "NID-42", Note: "National identifier; Tazkira"},
				{Type: entity.Passport, Value: "P1234567", Note: "Passport; Afghanistan passport, issued 01/01/2010"},
			},
			Programs: []string{"ISIL (Da'esh) and Al-Qaida"}, ListedOn: "2003-02-01",
			Remarks: "Designation source: UN; Sanctions imposed: Asset freeze|Targeted arms embargo|Travel Ban; Last updated: 01/02/2024; " +
				"Nationality: Atlantis; Passport: Pakistan passport, number unknown; DOB: 15/08/19yy"},
	}
}

// sameEntity compares two entities, their remarks as sets of items and
// their names and identifiers in any order after the primary name.
func sameEntity(t *testing.T, label string, got *entity.Entity, want entity.Entity) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: %s missing", label, want.ID)
		return
	}
	g := *got
	sortItems := func(s string) []string {
		items := strings.Split(s, "; ")
		slices.Sort(items)
		return items
	}
	if !reflect.DeepEqual(sortItems(g.Remarks), sortItems(want.Remarks)) {
		t.Errorf("%s: %s remarks:\n got %q\nwant %q", label, want.ID, g.Remarks, want.Remarks)
	}
	g.Remarks, want.Remarks = "", ""
	byFull := func(a, b entity.Name) int { return strings.Compare(a.Full, b.Full) }
	if len(g.Names) > 1 && len(want.Names) > 1 {
		g.Names = append(g.Names[:1:1], g.Names[1:]...)
		slices.SortFunc(g.Names[1:], byFull)
		want.Names = append(want.Names[:1:1], want.Names[1:]...)
		slices.SortFunc(want.Names[1:], byFull)
	}
	byValue := func(a, b entity.Identifier) int { return strings.Compare(a.Value, b.Value) }
	g.Identifiers = slices.Clone(g.Identifiers)
	slices.SortFunc(g.Identifiers, byValue)
	slices.SortFunc(want.Identifiers, byValue)
	if !reflect.DeepEqual(g, want) {
		t.Errorf("%s: %s:\n got %#v\nwant %#v", label, want.ID, g, want)
	}
}

func TestFullListCSV(t *testing.T) {
	byID, _, rep, err := sourcetest.CollectByID(t, ParseCSV, "list.csv", sourcetest.ReadFixture(t, "list.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(byID) != 4 || rep.Records != 6 || rep.Published != "2025-08-11" {
		t.Errorf("%d entities, %d records, published %q", len(byID), rep.Records, rep.Published)
	}
	for id, want := range fullList() {
		sameEntity(t, "csv", byID[id], want)
	}
	wantProblems := []problem{{14, "TST0004", "Names"}, {15, "", "Unique ID"}, {16, "TST0001", "Unique ID"}}
	if got := problems(rep); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems = %+v, want %+v", got, wantProblems)
	}
}

func TestFullListXML(t *testing.T) {
	byID, _, rep, err := sourcetest.CollectByID(t, ParseXML, "list.xml", sourcetest.ReadFixture(t, "list.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(byID) != 5 || rep.Records != 8 || rep.Published != "2025-08-11" {
		t.Errorf("%d entities, %d records, published %q", len(byID), rep.Records, rep.Published)
	}
	for id, want := range fullList() {
		sameEntity(t, "xml", byID[id], want)
	}
	sameEntity(t, "xml", byID["uk-TST0005"], entity.Entity{ID: "uk-TST0005", Source: "uk", SourceIDs: []string{"TST0005"}, Type: entity.Organization,
		Names:       []entity.Name{{Full: "NEW ELEMENTS LTD", Kind: entity.Primary}},
		Identifiers: []entity.Identifier{{Type: entity.Crypto, Value: "bc1qexampleexampleexample"}},
		Programs:    []string{"Cyber"}, ListedOn: "2024-06-01",
		Remarks: "Designation source: UK; Sanctions imposed: AssetFreeze; FutureElement: kept in the remarks"})
	var lines []int
	for _, p := range rep.Skipped {
		lines = append(lines, p.Line)
	}
	wantProblems := []problem{{lines[0], "TST0004", "Names"}, {lines[1], "", "UniqueID"}, {lines[2], "TST0001", "UniqueID"}}
	if got := problems(rep); !reflect.DeepEqual(got, wantProblems) || lines[0] < 200 {
		t.Errorf("problems = %+v, want %+v", got, wantProblems)
	}
}

func TestNotAListOrTruncated(t *testing.T) {
	csvData := sourcetest.ReadFixture(t, "list.csv")
	xmlData := sourcetest.ReadFixture(t, "list.xml")
	odsData := odsPackage(t, sourcetest.ReadFixture(t, "sheet.xml"))
	otherSheet := odsPackage(t, []byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell><text:p>Budget</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`))
	cutCSV := csvData[:bytes.Index(csvData, []byte(`"Afghanistan passport`))+10]
	tests := []struct {
		name   string
		parser source.Parser
		data   []byte
		want   error
	}{
		{"empty csv", ParseCSV, nil, source.ErrNotList},
		{"csv without the header", ParseCSV, []byte("a,b,c\n1,2,3\n"), source.ErrNotList},
		{"csv cut inside a quoted field", ParseCSV, cutCSV, source.ErrTruncated},
		{"empty xml", ParseXML, nil, source.ErrNotList},
		{"other xml", ParseXML, []byte(`<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>`), source.ErrNotList},
		{"not xml", ParseXML, []byte("Unique ID,Name 6\n"), source.ErrNotList},
		{"xml cut short", ParseXML, xmlData[:len(xmlData)/2], source.ErrTruncated},
		{"empty ods", ParseODS, nil, source.ErrNotList},
		{"csv given as ods", ParseODS, csvData, source.ErrNotList},
		{"another spreadsheet", ParseODS, otherSheet, source.ErrNotList},
		{"ods cut short", ParseODS, odsData[:len(odsData)-100], source.ErrTruncated},
		{"any: text", Parse, []byte("hello"), source.ErrNotList},
	}
	for _, tt := range tests {
		_, _, _, err := sourcetest.CollectByID(t, tt.parser, "f", tt.data)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "f") {
			t.Errorf("%s: error %q does not name the file", tt.name, err)
		}
	}
}

func TestSniffRecognisesEachFormatAndNoOther(t *testing.T) {
	odsData := odsPackage(t, sourcetest.ReadFixture(t, "sheet.xml"))
	csvData := sourcetest.ReadFixture(t, "list.csv")
	xmlData := sourcetest.ReadFixture(t, "list.xml")
	otherODS := odsPackage(t, []byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`))
	tests := []struct {
		name          string
		data          []byte
		ods, csv, xml bool
	}{
		{"sheet", odsData, true, false, false},
		{"csv", csvData, false, true, false},
		{"xml", xmlData, false, false, true},
		{"another spreadsheet", otherODS, false, false, false},
		{"UN XML", []byte(`<?xml version="1.0"?><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>`), false, false, false},
		{"OFAC CSV", []byte(`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- `), false, false, false},
		{"OFSI consolidated list CSV", []byte("Last Updated,01/01/2024\nName 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Group ID\n"), false, false, false},
		{"empty", nil, false, false, false},
	}
	for _, tt := range tests {
		head := tt.data[:min(len(tt.data), sniffSize)]
		if got := SniffODS("x", head); got != tt.ods {
			t.Errorf("%s: SniffODS = %v", tt.name, got)
		}
		if got := SniffCSV("x", head); got != tt.csv {
			t.Errorf("%s: SniffCSV = %v", tt.name, got)
		}
		if got := SniffXML("x", head); got != tt.xml {
			t.Errorf("%s: SniffXML = %v", tt.name, got)
		}
	}
}

func TestParseDispatchesOnContent(t *testing.T) {
	for name, data := range map[string][]byte{
		"sheet.ods": odsPackage(t, sourcetest.ReadFixture(t, "sheet.xml")),
		"list.csv":  sourcetest.ReadFixture(t, "list.csv"),
		"list.xml":  sourcetest.ReadFixture(t, "list.xml"),
	} {
		// A plain reader, which cannot seek, as an HTTP body.
		n := 0
		_, err := Parse(context.Background(), source.Input{Name: name, R: bytes.NewBuffer(data)}, func(*entity.Entity) error { n++; return nil })
		if err != nil || n < 4 {
			t.Errorf("%s: %d entities, err %v", name, n, err)
		}
	}
}

func TestEmitErrorAndCancellationStopTheParse(t *testing.T) {
	stop := errors.New("stop")
	for name, p := range map[string]source.Parser{"sheet.ods": ParseODS, "list.csv": ParseCSV, "list.xml": ParseXML} {
		data := sourcetest.ReadFixture(t, strings.Replace(name, "sheet.ods", "sheet.xml", 1))
		if name == "sheet.ods" {
			data = odsPackage(t, data)
		}
		n := 0
		_, err := p(context.Background(), source.Input{Name: name, R: bytes.NewReader(data)}, func(*entity.Entity) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("%s: %d entities, err %v", name, n, err)
		}
	}
}

// realSheet is the summary sheet of 11 August 2025 in ../shared/data.
func realSheet(tb testing.TB) []byte {
	b := shareddata.Read(tb, "lists/uk-sanctions-list-2025-08-11.ods")
	return b
}

func TestRealSummarySheet(t *testing.T) {
	data := realSheet(t)
	if !Sniff("uk-sanctions-list-2025-08-11.ods", data[:sniffSize]) || !SniffODS("x", data[:sniffSize]) {
		t.Error("Sniff does not recognise the real sheet")
	}
	byID, _, rep, err := sourcetest.CollectByID(t, ParseODS, "uk-sanctions-list-2025-08-11.ods", data)
	if err != nil {
		t.Fatal(err)
	}
	// The sheet has 5,302 data rows (the README's 5,303 counts the header
	// row); two have no name.
	if rep.Records != 5302 || len(byID) != 5300 || rep.Published != "2025-08-11" {
		t.Errorf("%d records, %d entities, published %q", rep.Records, len(byID), rep.Published)
	}
	wantProblems := []problem{{649, "BEL0174", "Name"}, {3524, "RUS1467", "Name"}}
	if got := problems(rep); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems = %+v, want %+v", got, wantProblems)
	}
	types := map[entity.Type]int{}
	programs := map[string]int{}
	for _, e := range byID {
		types[e.Type]++
		for _, p := range e.Programs {
			programs[p]++
		}
		if len(e.Names) != 1 || e.Names[0].Kind != entity.Primary || e.ListedOn == "" || len(e.Programs) != 1 {
			t.Errorf("%s: %+v", e.ID, e)
		}
	}
	// Individuals 3,754 rows, two without a name; entities 1,087; ships 461.
	wantTypes := map[entity.Type]int{entity.Person: 3752, entity.Organization: 1087, entity.Vessel: 461}
	if !reflect.DeepEqual(types, wantTypes) {
		t.Errorf("types = %v, want %v", types, wantTypes)
	}
	// Russia has 2,710 rows, one of them (RUS1467) without a name.
	if programs["Russia"] != 2709 || programs["Democratic People's Republic of Korea"] != 261 || len(programs) != 31 {
		t.Errorf("Russia %d, DPRK %d, %d regimes", programs["Russia"], programs["Democratic People's Republic of Korea"], len(programs))
	}
	const russia = "Designation source: UK; Sanctions imposed: Asset freeze, Director Disqualification Sanction, Trust Services Sanctions"
	tests := []entity.Entity{
		{ID: "uk-RUS0252", Source: "uk", SourceIDs: []string{"RUS0252", "OFSI:14197"}, Type: entity.Person,
			Names:     []entity.Name{{Full: "Lavrov Sergei Viktorovich", Kind: entity.Primary}},
			Countries: []string{"ru"}, Programs: []string{"Russia"}, ListedOn: "2022-02-25", Remarks: russia},
		{ID: "uk-RUS0251", Source: "uk", SourceIDs: []string{"RUS0251", "OFSI:14196"}, Type: entity.Person,
			Names:     []entity.Name{{Full: "PUTIN Vladimir Vladimirovich", Kind: entity.Primary, Parts: &entity.NameParts{Family: "PUTIN", Given: "Vladimir Vladimirovich"}}},
			Countries: []string{"ru"}, Programs: []string{"Russia"}, ListedOn: "2022-02-25", Remarks: russia},
		{ID: "uk-RUS0753", Source: "uk", SourceIDs: []string{"RUS0753", "OFSI:14704"}, Type: entity.Person,
			Names:     []entity.Name{{Full: "PESKOV Dmitry Sergeyvich", Kind: entity.Primary, Parts: &entity.NameParts{Family: "PESKOV", Given: "Dmitry Sergeyvich"}}},
			Countries: []string{"ru"}, Programs: []string{"Russia"}, ListedOn: "2022-03-15",
			Remarks: "Designation source: UK; Sanctions imposed: Asset freeze, Director Disqualification Sanction, Travel Ban, Trust Services Sanctions"},
		dpr0075,
	}
	for _, want := range tests {
		if got := byID[want.ID]; got == nil || !reflect.DeepEqual(*got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", want.ID, got, want)
		}
	}
	// One party under three regimes: three designations, one OFSI group.
	for _, id := range []string{"uk-INU0011", "uk-IRN0058", "uk-SYR0161"} {
		if e := byID[id]; e == nil || e.Caption() != "Jafari Mohammad Ali" || !slices.Contains(e.SourceIDs, "OFSI:10638") {
			t.Errorf("%s = %+v", id, e)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	data := realSheet(b)
	b.ReportAllocs()
	defer cputime.Report(b)()
	for b.Loop() {
		n := 0
		_, err := ParseODS(context.Background(), source.Input{Name: "uk.ods", R: bytes.NewReader(data)}, func(*entity.Entity) error { n++; return nil })
		if err != nil || n != 5300 {
			b.Fatalf("%d entities, %v", n, err)
		}
	}
}

// FuzzParse runs Parse, which recognises and reads each of the three
// forms, over arbitrary input: it must not panic, and what it emits must be
// well formed.
func FuzzParse(f *testing.F) {
	f.Add(odsPackage(f, sourcetest.ReadFixture(f, "sheet.xml")))
	f.Add(sourcetest.ReadFixture(f, "list.csv"))
	f.Add(sourcetest.ReadFixture(f, "list.xml"))
	f.Add([]byte("Report Date: 11-08-2025\nUnique ID,Name 6,Name 1,Name type,Regime Name,D.O.B\nX1,A,B,Primary Name,R,dd/mm/1962\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		seen := map[string]bool{}
		emit := func(e *entity.Entity) error {
			if !strings.HasPrefix(e.ID, "uk-") || e.Source != "uk" || seen[e.ID] {
				t.Fatalf("bad or repeated ID %q", e.ID)
			}
			seen[e.ID] = true
			if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
				t.Fatalf("%s: names %+v", e.ID, e.Names)
			}
			for _, n := range e.Names[1:] {
				if n.Kind == entity.Primary {
					t.Fatalf("%s: two primary names", e.ID)
				}
			}
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Fatalf("%s: invalid date %#v", e.ID, d)
				}
			}
			return nil
		}
		_, err := Parse(context.Background(), source.Input{Name: "fuzz", R: bytes.NewReader(data)}, emit)
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz") {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

func TestCSVVariantsAndMalformedRows(t *testing.T) {
	const data = "UK Sanctions List,Report Date: 11/08/2025\n" +
		"Unique ID,Name 6,Name 1,Name type,Designation Type,Regime Name,Date Designated,Crypto wallet\n" +
		"TST0010,EXAMPLE,Ann,Primary Name,Individual,Russia,01/02/2024,bc1qexample\n" +
		"TST0010,EXAM\"PLE,Anne,Alias,Individual,Russia,01/02/2024,\n" +
		"TST0010,EXAMPEL,Anne,Alias,Individual,Russia,01/02/2024,\n" +
		",,,,,,,\n" +
		"TST0011,OTHER LTD,,Primary Name,Entity,Russia,01/02/2024,\n"
	byID, order, rep, err := sourcetest.CollectByID(t, ParseCSV, "v.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(order, []string{"uk-TST0010", "uk-TST0011"}) || rep.Published != "2025-08-11" || rep.Records != 3 {
		t.Fatalf("entities %v, published %q, %d records", order, rep.Published, rep.Records)
	}
	e := byID["uk-TST0010"]
	if e.Type != entity.Person || len(e.Names) != 2 || e.Names[1].Full != "Anne EXAMPEL" || e.Remarks != "Crypto wallet: bc1qexample" {
		t.Errorf("TST0010 = %+v", e)
	}
	if got := problems(rep); len(got) != 1 || got[0].line != 4 {
		t.Errorf("problems = %+v, want the row with a stray quote, line 4", got)
	}
}

func TestSummarySheetTitleRowAndExtraColumns(t *testing.T) {
	sheet := string(sourcetest.ReadFixture(t, "sheet.xml"))
	title := `<table:table-row><table:table-cell office:value-type="string"><text:p>UK Sanctions List, last updated 12/08/2025</text:p></table:table-cell></table:table-row>
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
        <table:table-row table:style-name="ro1">`
	sheet = strings.Replace(sheet, `<table:table-row table:style-name="ro1">`, title, 1)
	// A ninth column, "Listing notes", with a value on Putin's row.
	sheet = strings.Replace(sheet, `<text:p>Sanctions Imposed</text:p>
          </table:table-cell>`, `<text:p>Sanctions Imposed</text:p>
          </table:table-cell><table:table-cell office:value-type="string"><text:p>Listing notes</text:p></table:table-cell>`, 1)
	sheet = strings.Replace(sheet, `Trust Services Sanctions</text:p>
          </table:table-cell>`, `Trust Services Sanctions</text:p>
          </table:table-cell><table:table-cell office:value-type="string"><text:p>A note</text:p></table:table-cell>`, 1)
	byID, _, rep, err := sourcetest.CollectByID(t, ParseODS, "titled.ods", odsPackage(t, []byte(sheet)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Published != "2025-08-12" || len(byID) != 8 {
		t.Errorf("published %q, %d entities", rep.Published, len(byID))
	}
	if e := byID["uk-RUS0251"]; e == nil || !strings.HasSuffix(e.Remarks, "; Listing notes: A note") {
		t.Errorf("RUS0251 = %+v", e)
	}
	if got := problems(rep); len(got) != 3 || got[0].line != 10 {
		t.Errorf("problems = %+v (rows are numbered as the sheet shows them)", got)
	}
	if !SniffODS("x", odsPackage(t, []byte(sheet))) {
		t.Error("SniffODS misses a sheet with a title row")
	}
}

func TestCancellationStopsTheRealSheet(t *testing.T) {
	data := realSheet(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := ParseODS(ctx, source.Input{Name: "uk.ods", R: bytes.NewReader(data)}, func(*entity.Entity) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > 1100 {
		t.Errorf("%d entities, err %v", n, err)
	}
}

func TestSniffClaimsNoOtherSharedList(t *testing.T) {
	dir := shareddata.Lists(t)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		head := make([]byte, sniffSize)
		n, _ := io.ReadFull(f, head)
		head = head[:n]
		want := filepath.Base(path) == "uk-sanctions-list-2025-08-11.ods"
		if got := Sniff(filepath.Base(path), head); got != want {
			t.Errorf("Sniff(%s) = %v", filepath.Base(path), got)
		}
		if SniffCSV("x", head) || SniffXML("x", head) {
			t.Errorf("%s claimed as the UK CSV or XML", filepath.Base(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestXMLUnexpectedElementIsReported(t *testing.T) {
	const data = `<Designations><Wrapper><Designation><UniqueID>X1</UniqueID></Designation></Wrapper>` +
		`<Designation><UniqueID>X2</UniqueID><Names><Name><Name6>N</Name6><NameType>Primary Name</NameType></Name></Names></Designation></Designations>`
	byID, _, rep, err := sourcetest.CollectByID(t, ParseXML, "w.xml", []byte(data))
	if err != nil || len(byID) != 1 || byID["uk-X2"] == nil {
		t.Fatalf("%v, %v", byID, err)
	}
	if len(rep.Skipped) != 1 || rep.Skipped[0].Field != "Wrapper" {
		t.Errorf("problems = %v", rep.Skipped)
	}
}
