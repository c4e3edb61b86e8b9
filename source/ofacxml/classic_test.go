package ofacxml

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

const classicFixture = "testdata/sdn.xml"

func ofacURL(id string) string { return "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=" + id }

// classicWant is what testdata/sdn.xml must give, entry by entry.
var classicWant = []*entity.Entity{
	{
		ID: "ofac-10001", Source: "ofac", SourceIDs: []string{"10001"}, Type: entity.Person,
		Names: []entity.Name{
			{Full: "AL-TESTI, Mohammed Ali", Kind: entity.Primary, Parts: &entity.NameParts{Family: "AL-TESTI", Given: "Mohammed Ali"}},
			{Full: "AL-TESTI, Muhammad", Kind: entity.Alias, Parts: &entity.NameParts{Family: "AL-TESTI", Given: "Muhammad"}},
			{Full: "ABU TEST", Kind: entity.Alias, Weak: true},
		},
		BirthDates:    []entity.Date{{Year: 1964, Month: 1, Day: 8}, {Year: 1962, Circa: true}},
		BirthPlaces:   []string{"Tehran, Iran"},
		Nationalities: []string{"ir"},
		Citizenships:  []string{"ir"},
		Countries:     []string{"ir"},
		Gender:        entity.Male,
		Addresses:     []entity.Address{{Full: "Tehran, Iran", City: "Tehran", Country: "ir"}},
		Identifiers: []entity.Identifier{
			{Type: entity.Passport, Value: "A1234567", Country: "ir", Note: "issued 28 Oct 2008 expires 29 Oct 2013"},
			{Type: entity.NationalID, Value: "1234567890", Country: "ir"},
		},
		Programs:  []string{"IRGC", "SDGT"},
		Positions: []string{"Commander of the Example Brigade"},
		Remarks: "Additional Sanctions Information - Subject to Secondary Sanctions; " +
			"Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
		URL: ofacURL("10001"),
	},
	{
		ID: "ofac-10002", Source: "ofac", SourceIDs: []string{"10002"}, Type: entity.Organization,
		Names: []entity.Name{
			{Full: "EXAMPLE TRADING COMPANY LLC", Kind: entity.Primary},
			{Full: "EXAMPLE GENERAL TRADING", Kind: entity.Former},
		},
		BirthDates: []entity.Date{{Year: 2005, Month: 3, Day: 15}},
		Countries:  []string{"ae", "gb"},
		Addresses: []entity.Address{
			{Full: "Office 1203, Example Tower, Sheikh Zayed Road, Dubai, United Arab Emirates",
				Street: "Office 1203, Example Tower, Sheikh Zayed Road", City: "Dubai", Country: "ae"},
			{Full: "Ibex House, The Minories, London EC3N 1DY, United Kingdom",
				Street: "Ibex House, The Minories", City: "London", PostalCode: "EC3N 1DY", Country: "gb"},
		},
		Identifiers: []entity.Identifier{
			{Type: entity.Registration, Value: "CN-1234567", Country: "ae", Note: "Registration ID"},
			{Type: entity.BIC, Value: "EXTRAEAD"},
			{Type: entity.Other, Value: "www.example-trading.test", Note: "Website"},
		},
		Programs: []string{"IRAN"},
		Remarks:  "Organization Type: Wholesale trade",
		URL:      ofacURL("10002"),
	},
	{
		ID: "ofac-10003", Source: "ofac", SourceIDs: []string{"10003"}, Type: entity.Vessel,
		Names: []entity.Name{
			{Full: "OCEAN EXAMPLE", Kind: entity.Primary},
			{Full: "SEA EXAMPLE", Kind: entity.Former},
		},
		Countries: []string{"ir"},
		Identifiers: []entity.Identifier{
			{Type: entity.CallSign, Value: "9HXY7"},
			{Type: entity.IMO, Value: "9187629"},
			{Type: entity.MMSI, Value: "572469210"},
		},
		Programs: []string{"IRAN", "SDGT"},
		Vessel: &entity.Craft{Flag: "ir", Kind: "Crude Oil Tanker", Tonnage: "150,000", GRT: "81,479",
			Owner: "EXAMPLE TRADING COMPANY LLC"},
		Remarks: "(Linked To: EXAMPLE TRADING COMPANY LLC); Former Vessel Flag Malta",
		URL:     ofacURL("10003"),
	},
	{
		ID: "ofac-10004", Source: "ofac", SourceIDs: []string{"10004"}, Type: entity.Person,
		Names: []entity.Name{
			{Full: "PETROV, Ivan Sergeyevich", Kind: entity.Primary, Parts: &entity.NameParts{Family: "PETROV", Given: "Ivan Sergeyevich"}},
		},
		BirthDates:    []entity.Date{{Year: 1960, ToYear: 1965}},
		Nationalities: []string{"ru"},
		Countries:     []string{"ru"},
		Gender:        entity.Male,
		Addresses: []entity.Address{{Full: "Tverskaya Street 1, Moscow, Russia", Street: "Tverskaya Street 1",
			City: "Moscow", Country: "ru"}},
		Identifiers: []entity.Identifier{
			{Type: entity.Crypto, Value: "1ExampleXBTaddrQ9mNpKt3v4w5x6y7z8A", Currency: "XBT"},
			{Type: entity.Crypto, Value: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Currency: "ETH"},
			{Type: entity.Other, Value: "ivan@example.test", Note: "Email Address"},
		},
		Programs: []string{"CYBER2"},
		URL:      ofacURL("10004"),
	},
	{
		ID: "ofac-10005", Source: "ofac", SourceIDs: []string{"10005"}, Type: entity.Aircraft,
		Names: []entity.Name{{Full: "EP-XYZ", Kind: entity.Primary}},
		Identifiers: []entity.Identifier{
			{Type: entity.Other, Value: "1234", Note: "Aircraft Construction Number (also called L/N or S/N or F/N)"},
			{Type: entity.Registration, Value: "EP-XYZ", Note: "Aircraft Tail Number"},
		},
		// The manufacture date is when the aircraft came into being.
		BirthDates: []entity.Date{{Year: 1998, Month: 1, Day: 1}},
		Programs:   []string{"IRAN-EO13846"},
		Vessel:     &entity.Craft{Kind: "Boeing 747-200", Operator: "EXAMPLE AIR"},
		URL:        ofacURL("10005"),
	},
	{
		// Entities decoded; an unknown nationality and an unreadable date
		// are kept in the remarks as written.
		ID: "ofac-10006", Source: "ofac", SourceIDs: []string{"10006"}, Type: entity.Person,
		Names: []entity.Name{
			{Full: "O'BRIEN & SONS, Sean", Kind: entity.Primary, Parts: &entity.NameParts{Family: "O'BRIEN & SONS", Given: "Sean"}},
		},
		Programs: []string{"TCO"},
		Remarks:  "DOB sometime in the seventies; nationality Atlantis",
		URL:      ofacURL("10006"),
	},
}

func TestParseClassicFixture(t *testing.T) {
	ents, rep := parseFile(t, Parse, classicFixture)
	if rep.Published != "2024-03-14" {
		t.Errorf("Published = %q, want 2024-03-14", rep.Published)
	}
	if rep.Records != 7 {
		t.Errorf("Records = %d, want 7", rep.Records)
	}
	// The entry without a uid is reported, with its line, not emitted.
	if len(rep.Skipped) != 1 || rep.Skipped[0].Record != "#6" || rep.Skipped[0].Line != 296 ||
		!strings.Contains(rep.Skipped[0].Error(), "no uid") {
		t.Errorf("Skipped = %v, want the entry without uid (record #6, line 296)", rep.Skipped)
	}
	if len(ents) != len(classicWant) {
		t.Fatalf("emitted %d entities, want %d", len(ents), len(classicWant))
	}
	for i, want := range classicWant {
		diffEntity(t, ents[i], want)
		checkInvariants(t, ents[i])
	}
}

// The legacy CSV rows of entries 10001-10003 as OFAC would write them
// (sdn.csv, alt.csv, add.csv: no header, "-0-" for empty).
const (
	legacySDN = `10001,"AL-TESTI, Mohammed Ali","individual","SDGT] [IRGC","Commander of the Example Brigade",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Jan 1964; alt. DOB circa 1962; POB Tehran, Iran; nationality Iran; citizen Iran; Gender Male; Additional Sanctions Information - Subject to Secondary Sanctions; Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886; Passport A1234567 (Iran) issued 28 Oct 2008 expires 29 Oct 2013; National ID No. 1234567890 (Iran); a.k.a. 'ABU TEST'; Commander of the Example Brigade."
10002,"EXAMPLE TRADING COMPANY LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration ID CN-1234567 (United Arab Emirates); SWIFT/BIC EXTRAEAD; Website www.example-trading.test; Organization Established Date 15 Mar 2005; Organization Type: Wholesale trade."
10003,"OCEAN EXAMPLE","vessel","IRAN] [SDGT",-0- ,"9HXY7","Crude Oil Tanker","150,000","81,479","Iran","EXAMPLE TRADING COMPANY LLC","Former Vessel Flag Malta; Vessel Registration Identification IMO 9187629; MMSI 572469210; (Linked To: EXAMPLE TRADING COMPANY LLC)."
`
	legacyALT = `10001,6001,"aka","AL-TESTI, Muhammad",-0- 
10002,6011,"fka","EXAMPLE GENERAL TRADING",-0- 
10003,6021,"fka","SEA EXAMPLE",-0- 
`
	legacyADD = `10001,7001,-0- ,"Tehran","Iran",-0- 
10002,7011,"Office 1203, Example Tower, Sheikh Zayed Road","Dubai","United Arab Emirates",-0- 
10002,7012,"Ibex House, The Minories","London EC3N 1DY","United Kingdom",-0- 
`
)

func csvRows(t *testing.T, s string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for i, f := range row {
			if f = strings.TrimSpace(f); f == "-0-" {
				f = ""
			}
			row[i] = f
		}
	}
	return rows
}

// TestClassicMatchesLegacyCSV checks that an entry read from the classic
// XML has, field by field, what the same entry says in the legacy CSV set:
// the fields the CSV has as columns are derived here from the CSV rows;
// the ones it writes in its remarks are spelt out beside the remark text,
// following the CSV parser's conventions (source/ofac; not used here, but
// its output on these rows was checked to be the same when this test was
// written). Remarks differ by design: the CSV parser keeps the whole
// remarks column, the XML parser only what has no field, which is what
// the expected Remarks below hold.
func TestClassicMatchesLegacyCSV(t *testing.T) {
	ents, _ := parseFile(t, Parse, classicFixture)
	got := sourcetest.ByID(ents)
	alts, adds := csvRows(t, legacyALT), csvRows(t, legacyADD)
	for _, row := range csvRows(t, legacySDN) {
		id := row[0]
		typ, _ := entity.ParseType(row[2])
		if row[2] == "" {
			typ = entity.Organization
		}
		want := &entity.Entity{ID: "ofac-" + id, Source: "ofac", SourceIDs: []string{id}, Type: typ, URL: ofacURL(id)}
		primary := entity.Name{Full: row[1], Kind: entity.Primary}
		if last, first, ok := strings.Cut(row[1], ", "); ok && typ == entity.Person {
			primary.Parts = &entity.NameParts{Family: last, Given: first}
		}
		want.Names = append(want.Names, primary)
		for _, a := range alts {
			if a[0] != id {
				continue
			}
			n := entity.Name{Full: a[3], Kind: aliasKind(a[2])}
			if last, first, ok := strings.Cut(a[3], ", "); ok && typ == entity.Person {
				n.Parts = &entity.NameParts{Family: last, Given: first}
			}
			want.Names = append(want.Names, n)
		}
		want.Programs = strings.Split(row[3], "] [")
		if row[4] != "" {
			want.Positions = []string{row[4]}
		}
		for _, a := range adds {
			if a[0] != id {
				continue
			}
			c := countryCode(a[4])
			full := joinNonEmpty(", ", a[2], a[3], a[4])
			want.Addresses = append(want.Addresses, entity.Address{Full: full, Country: c})
			want.Countries = append(want.Countries, c)
		}
		if typ == entity.Vessel {
			want.Vessel = &entity.Craft{Kind: row[6], Tonnage: row[7], GRT: row[8], Flag: countryCode(row[9]), Owner: row[10]}
			want.Countries = append(want.Countries, countryCode(row[9]))
		}
		// From the remarks column.
		switch id {
		case "10001":
			// DOB 08 Jan 1964; alt. DOB circa 1962; POB Tehran, Iran;
			// nationality Iran; citizen Iran; Gender Male
			want.BirthDates = []entity.Date{{Year: 1964, Month: 1, Day: 8}, {Year: 1962, Circa: true}}
			want.BirthPlaces = []string{"Tehran, Iran"}
			want.Nationalities, want.Citizenships = []string{"ir"}, []string{"ir"}
			want.Gender = entity.Male
			// Passport A1234567 (Iran) issued 28 Oct 2008 expires 29 Oct 2013;
			// National ID No. 1234567890 (Iran)
			want.Identifiers = []entity.Identifier{
				{Type: entity.Passport, Value: "A1234567", Country: "ir", Note: "issued 28 Oct 2008 expires 29 Oct 2013"},
				{Type: entity.NationalID, Value: "1234567890", Country: "ir"},
			}
			// a.k.a. 'ABU TEST' (quoted: a weak a.k.a.)
			want.Names = append(want.Names, entity.Name{Full: "ABU TEST", Kind: entity.Alias, Weak: true})
			want.Remarks = "Additional Sanctions Information - Subject to Secondary Sanctions; " +
				"Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886"
		case "10002":
			// Registration ID CN-1234567 (United Arab Emirates); SWIFT/BIC EXTRAEAD;
			// Website www.example-trading.test; Organization Established Date 15 Mar 2005
			want.Identifiers = []entity.Identifier{
				{Type: entity.Registration, Value: "CN-1234567", Country: "ae", Note: "Registration ID"},
				{Type: entity.BIC, Value: "EXTRAEAD"},
				{Type: entity.Other, Value: "www.example-trading.test", Note: "Website"},
			}
			want.BirthDates = []entity.Date{{Year: 2005, Month: 3, Day: 15}}
			want.Remarks = "Organization Type: Wholesale trade"
		case "10003":
			// Vessel Registration Identification IMO 9187629; MMSI 572469210;
			// the call sign column.
			want.Identifiers = []entity.Identifier{
				{Type: entity.CallSign, Value: row[5]},
				{Type: entity.IMO, Value: "9187629"},
				{Type: entity.MMSI, Value: "572469210"},
			}
			want.Remarks = "(Linked To: EXAMPLE TRADING COMPANY LLC); Former Vessel Flag Malta"
		}
		want.Normalize()

		g := got[want.ID]
		if g == nil {
			t.Fatalf("%s not emitted", want.ID)
		}
		// The CSV joins city, state and postal code in one column, so only
		// the full text and the country of an address can be compared.
		gc := *g
		gc.Addresses = nil
		for _, a := range g.Addresses {
			gc.Addresses = append(gc.Addresses, entity.Address{Full: a.Full, Country: a.Country})
		}
		diffEntity(t, &gc, want)
	}
}

func countryCode(s string) string { return newBuilder().country(s) }

func TestParseClassicConsolidatedNamespace(t *testing.T) {
	ents, rep := parseFile(t, Parse, "testdata/consolidated.xml")
	if rep.Published != "2024-09-05" || rep.Records != 1 || len(rep.Skipped) != 0 {
		t.Errorf("report = %+v", rep)
	}
	diffEntity(t, ents[0], &entity.Entity{
		ID: "ofac-20001", Source: "ofac", SourceIDs: []string{"20001"}, Type: entity.Organization,
		Names:     []entity.Name{{Full: "EXAMPLE OIL PJSC", Kind: entity.Primary}, {Full: "PAO EXAMPLE OIL", Kind: entity.Alias}},
		Countries: []string{"ru"},
		Addresses: []entity.Address{{Full: "Ulitsa Primernaya 1, Moscow 101000, Russia", Street: "Ulitsa Primernaya 1",
			City: "Moscow", PostalCode: "101000", Country: "ru"}},
		Identifiers: []entity.Identifier{
			{Type: entity.TaxID, Value: "7701234567", Country: "ru"},
			{Type: entity.Registration, Value: "1027700000000", Country: "ru", Note: "Registration Number"},
		},
		Programs: []string{"RUSSIA-EO14024", "UKRAINE-EO13662"},
		Remarks:  "Executive Order 13662 Directive Determination - Subject to Directive 4",
		URL:      ofacURL("20001"),
	})
}

func TestParseClassicReadsInSmallPieces(t *testing.T) {
	data, err := os.ReadFile(classicFixture)
	if err != nil {
		t.Fatal(err)
	}
	want, wrep, err := parseAll(t, Parse, "a", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got, grep, err := parseAll(t, Parse, "a", iotest.HalfReader(iotest.OneByteReader(bytes.NewReader(data))))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(grep, wrep) {
		t.Errorf("reading one byte at a time changes the result")
	}
}

func TestParseClassicNotAList(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":         "",
		"blank":         " \n\t ",
		"csv":           "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n",
		"json":          `{"sdnList": []}`,
		"un xml":        `<?xml version="1.0"?><CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>`,
		"advanced xml":  `<Sanctions xmlns="` + NamespaceAdvancedSLS + `"><ReferenceValueSets/></Sanctions>`,
		"latin-1":       `<?xml version="1.0" encoding="ISO-8859-1"?><sdnList></sdnList>`,
		"utf-16":        "\xff\xfe<\x00s\x00",
		"comment only":  "<!-- nothing -->",
		"unclosed decl": "<?xml version=",
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := parseString(t, Parse, doc)
			if !errors.Is(err, source.ErrNotList) || !strings.Contains(err.Error(), "test.xml") {
				t.Errorf("err = %v, want ErrNotList naming the file", err)
			}
		})
	}
}

func TestParseClassicTruncated(t *testing.T) {
	data, err := os.ReadFile(classicFixture)
	if err != nil {
		t.Fatal(err)
	}
	// From just after the root's start tag (a file cut inside it does not
	// show what it is and is not a list) to just before its end tag.
	root := bytes.Index(data, []byte("<sdnList"))
	root += bytes.IndexByte(data[root:], '>') + 1
	for cut := root; cut < len(data)-1; cut += 37 {
		ents, _, err := parseAll(t, Parse, "cut.xml", bytes.NewReader(data[:cut]))
		if !errors.Is(err, source.ErrTruncated) {
			t.Fatalf("cut at %d: err = %v, want ErrTruncated", cut, err)
		}
		for _, e := range ents {
			checkInvariants(t, e)
		}
	}
	// The whole file without its last byte (">" of </sdnList>).
	if _, _, err := parseAll(t, Parse, "cut.xml", bytes.NewReader(data[:bytes.LastIndex(data, []byte(">"))])); !errors.Is(err, source.ErrTruncated) {
		t.Errorf("err = %v, want ErrTruncated", err)
	}
}

func entryXML(uid, last string) string {
	return "<sdnEntry><uid>" + uid + "</uid><lastName>" + last + "</lastName><sdnType>Entity</sdnType>" +
		"<programList><program>SDGT</program></programList></sdnEntry>\n"
}

func TestParseClassicRecordProblems(t *testing.T) {
	head := `<sdnList xmlns="http://tempuri.org/sdnList.xsd">` + "\n"
	for _, tc := range []struct {
		name     string
		doc      string
		emitted  []string
		problems []string // substrings, in order
	}{
		{
			name: "broken markup in one entry",
			doc: head + entryXML("1", "ONE") +
				"<sdnEntry><uid>2</uid><lastName>TWO</lastNme><sdnType>Entity</sdnType></sdnEntry>\n" +
				entryXML("3", "THREE") + "</sdnList>",
			emitted:  []string{"ofac-1", "ofac-3"},
			problems: []string{"record 2: XML syntax error: line 3: end tag </lastNme> does not match <lastName>"},
		},
		{
			name:     "garbage between entries",
			doc:      head + entryXML("1", "ONE") + "<<>>&\n" + entryXML("2", "TWO") + "</sdnList>",
			emitted:  []string{"ofac-1", "ofac-2"},
			problems: []string{"XML syntax error"},
		},
		{
			name:     "broken last entry",
			doc:      head + entryXML("1", "ONE") + "<sdnEntry><uid>2</uid><lastName>TWO</sdnEntry>\n</sdnList>",
			emitted:  []string{"ofac-1"},
			problems: []string{"record 2: XML syntax error"},
		},
		{
			name:     "duplicate uid",
			doc:      head + entryXML("1", "ONE") + entryXML("1", "UNO") + "</sdnList>",
			emitted:  []string{"ofac-1"},
			problems: []string{"record 1: field uid: duplicate uid 1 (first at line 2)"},
		},
		{
			name:     "no name",
			doc:      head + entryXML("1", "") + entryXML("2", "TWO") + "</sdnList>",
			emitted:  []string{"ofac-2"},
			problems: []string{"record 1: sdnEntry 1 has no name"},
		},
		{
			name: "record count differs",
			doc: head + "<publshInformation><Publish_Date>12/19/2018</Publish_Date><Record_Count>3</Record_Count></publshInformation>" +
				entryXML("1", "ONE") + entryXML("2", "TWO") + "</sdnList>",
			emitted:  []string{"ofac-1", "ofac-2"},
			problems: []string{"field Record_Count: the file declares 3 entries but holds 2"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ents, rep, err := parseString(t, Parse, tc.doc)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range ents {
				ids = append(ids, e.ID)
				checkInvariants(t, e)
			}
			if !reflect.DeepEqual(ids, tc.emitted) {
				t.Errorf("emitted %v, want %v", ids, tc.emitted)
			}
			if len(rep.Skipped) != len(tc.problems) {
				t.Fatalf("problems %v, want %d", rep.Skipped, len(tc.problems))
			}
			for i, p := range tc.problems {
				if !strings.Contains(rep.Skipped[i].Error(), p) {
					t.Errorf("problem %d = %q, want it to contain %q", i, rep.Skipped[i].Error(), p)
				}
			}
		})
	}
}

func TestParseClassicKeepsUnknownElements(t *testing.T) {
	ents, _, err := parseString(t, Parse, `<sdnList><sdnEntry><uid>1</uid><lastName>ONE</lastName>
		<sdnType>Ship</sdnType><newField>new data</newField><sdnType2>x</sdnType2></sdnEntry></sdnList>`)
	if err != nil {
		t.Fatal(err)
	}
	if ents[0].Type != entity.Vessel || ents[0].Remarks != "newField: new data; sdnType2: x" {
		t.Errorf("got type %q remarks %q", ents[0].Type, ents[0].Remarks)
	}
	ents, _, _ = parseString(t, Parse, `<sdnList><sdnEntry><uid>1</uid><lastName>ONE</lastName><sdnType>Robot</sdnType></sdnEntry></sdnList>`)
	if ents[0].Type != entity.Organization || ents[0].Remarks != "sdnType: Robot" {
		t.Errorf("unknown type: got %q remarks %q", ents[0].Type, ents[0].Remarks)
	}
}

func TestParseClassicStopsOnEmitErrorAndCancel(t *testing.T) {
	doc := `<sdnList>` + entryXML("1", "ONE") + entryXML("2", "TWO") + `</sdnList>`
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "a", R: strings.NewReader(doc)})

	var b strings.Builder
	b.WriteString("<sdnList>")
	for i := range 3000 {
		b.WriteString(entryXML(strconv.Itoa(i), "NAME"))
	}
	b.WriteString("</sdnList>")
	sourcetest.HonoursCancellation(t, Parse, source.Input{Name: "a", R: strings.NewReader(b.String())})
}

func TestSniff(t *testing.T) {
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 64<<10 {
			b = b[:64<<10]
		}
		return b
	}
	for _, tc := range []struct {
		name            string
		head            []byte
		classic, advanc bool
	}{
		{"classic fixture", read(classicFixture), true, false},
		{"consolidated fixture", read("testdata/consolidated.xml"), true, false},
		{"advanced fixture", read("testdata/sdn_advanced.xml"), false, true},
		{"advanced edge fixture", read("testdata/advanced_edge.xml"), false, true},
		{"classic with BOM, no namespace", []byte("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<sdnList><sdnEntry>"), true, false},
		{"classic, prefixed", []byte(`<x:sdnList xmlns:x="http://tempuri.org/sdnList.xsd">`), true, false},
		{"advanced, delta namespace", []byte(`<Sanctions xmlns="https://www.treasury.gov/ofac/DeltaFile/1.0">`), false, true},
		{"advanced, no namespace", []byte("<Sanctions>\n<DateOfIssue/><ReferenceValueSets>"), false, true},
		{"other Sanctions root", []byte(`<Sanctions xmlns="urn:other"><Entry/></Sanctions>`), false, false},
		{"enhanced xml", []byte(`<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">`), false, false},
		{"un list", []byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27">`), false, false},
		{"csv", []byte("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\""), false, false},
		{"text mentioning sdnList", []byte("see <sdnList> in the docs"), false, false},
		{"empty", nil, false, false},
	} {
		if got := Sniff("sdn.xml", tc.head); got != tc.classic {
			t.Errorf("%s: Sniff = %v, want %v", tc.name, got, tc.classic)
		}
		if got := SniffAdvanced("sdn_advanced.xml", tc.head); got != tc.advanc {
			t.Errorf("%s: SniffAdvanced = %v, want %v", tc.name, got, tc.advanc)
		}
	}
}

func TestFormats(t *testing.T) {
	fs := Formats()
	if len(fs) != 2 || fs[0].Name != "ofac-xml" || fs[1].Name != "ofac-advanced-xml" {
		t.Fatalf("formats = %+v", fs)
	}
	for _, f := range fs {
		if f.Source != "ofac" || f.Sniff == nil || f.Parse == nil || f.Description == "" {
			t.Errorf("incomplete format %+v", f)
		}
	}
}
