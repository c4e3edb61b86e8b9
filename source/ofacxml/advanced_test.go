package ofacxml

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/field"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

const advancedFixture = "testdata/sdn_advanced.xml"

var advancedWant = []*entity.Entity{
	{
		ID: "ofac-10001", Source: "ofac", SourceIDs: []string{"10001"}, Type: entity.Person,
		Names: []entity.Name{
			{Full: "AL-TESTI, Mohammed Ali", Kind: entity.Primary,
				Parts: &entity.NameParts{Family: "AL-TESTI", Given: "Mohammed", Middle: "Ali"}},
			{Full: "التستي, محمد علي", Kind: entity.Alias, Script: true,
				Parts: &entity.NameParts{Family: "التستي", Given: "محمد", Middle: "علي"}},
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
			{Type: entity.Passport, Value: "B7654321", Country: "ir", Note: "fraudulent"},
		},
		Programs:  []string{"IRGC", "SDGT"},
		ListedOn:  "2019-04-08",
		Positions: []string{"Commander of the Example Brigade"},
		Remarks: "Additional Sanctions Information - Subject to Secondary Sanctions; " +
			"Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886; " +
			"Legal Basis: Executive Order 13224 (Terrorism)",
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
			{Type: entity.BIC, Value: "EXTRAEAD"},
			{Type: entity.Other, Value: "www.example-trading.test", Note: "Website"},
			{Type: entity.Registration, Value: "CN-1234567", Country: "ae", Note: "Registration ID"},
		},
		Programs: []string{"IRAN"},
		// On the SDN List since 2020, on the SSI list since 2014.
		ListedOn: "2020-11-05",
		Remarks: "Organization Type: Wholesale trade; List: Sectoral Sanctions Identifications List (2014-07-16); " +
			"13662 Sectoral Directive 4",
		URL: ofacURL("10002"),
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
			{Type: entity.IMO, Value: "9187629", Note: "IMO Number"},
			{Type: entity.MMSI, Value: "572469210"},
		},
		Programs: []string{"IRAN", "SDGT"},
		ListedOn: "2020-11-05",
		Vessel: &entity.Craft{Flag: "ir", Kind: "Crude Oil Tanker", Tonnage: "150,000", GRT: "81,479",
			Owner: "EXAMPLE TRADING COMPANY LLC"},
		Remarks: "Former Vessel Flag Malta; Owned or Controlled By: EXAMPLE TRADING COMPANY LLC (ofac-10002)",
		URL:     ofacURL("10003"),
	},
	{
		ID: "ofac-10004", Source: "ofac", SourceIDs: []string{"10004"}, Type: entity.Person,
		Names: []entity.Name{
			{Full: "PETROV, Ivan Sergeyevich", Kind: entity.Primary,
				Parts: &entity.NameParts{Family: "PETROV", Given: "Ivan", Patronymic: "Sergeyevich"}},
			{Full: "ПЕТРОВ, Иван Сергеевич", Kind: entity.Alias, Script: true,
				Parts: &entity.NameParts{Family: "ПЕТРОВ", Given: "Иван", Patronymic: "Сергеевич"}},
		},
		BirthDates:    []entity.Date{{Year: 1960, ToYear: 1965}},
		Nationalities: []string{"ru"},
		Countries:     []string{"ru"},
		Gender:        entity.Male,
		Addresses: []entity.Address{
			{Full: "Tverskaya Street 1, Moscow, Russia", Street: "Tverskaya Street 1", City: "Moscow", Country: "ru"},
			{Full: "Тверская улица 1, Москва, Russia", Street: "Тверская улица 1", City: "Москва", Country: "ru"},
		},
		Identifiers: []entity.Identifier{
			{Type: entity.Crypto, Value: "1ExampleXBTaddrQ9mNpKt3v4w5x6y7z8A", Currency: "XBT", Note: "No associated forks."},
			{Type: entity.Crypto, Value: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Currency: "ETH"},
			{Type: entity.Other, Value: "ivan@example.test", Note: "Email Address"},
		},
		Programs: []string{"CYBER2"},
		ListedOn: "2021-09-21",
		URL:      ofacURL("10004"),
	},
}

func TestParseAdvancedFixture(t *testing.T) {
	ents, rep := parseFile(t, ParseAdvanced, advancedFixture)
	if rep.Published != "2024-03-14" || rep.Records != 4 || len(rep.Skipped) != 0 || len(rep.Deleted) != 0 {
		t.Errorf("report = %+v", rep)
	}
	if len(ents) != len(advancedWant) {
		t.Fatalf("emitted %d entities, want %d", len(ents), len(advancedWant))
	}
	for i, want := range advancedWant {
		diffEntity(t, ents[i], want)
		checkInvariants(t, ents[i])
	}
}

func TestParseAdvancedEdgeCases(t *testing.T) {
	ents, rep := parseFile(t, ParseAdvanced, "testdata/advanced_edge.xml")
	if rep.Published != "2024-03-15" || rep.Records != 5 {
		t.Errorf("report = %+v", rep)
	}
	if !reflect.DeepEqual(rep.Deleted, []string{"ofac-10009"}) {
		t.Errorf("Deleted = %v", rep.Deleted)
	}
	wantProblems := []string{
		"advanced_edge.xml:61: record DistinctParty 10008: XML syntax error: line 61: end tag </Comment> does not match <Identity>",
		"advanced_edge.xml:27: record IDRegDocument 3099: field IdentityID: refers to identity \"4999\", which no DistinctParty has",
		"advanced_edge.xml:74: record SanctionsEntry 99999: field ProfileID: refers to profile \"99999\", which no DistinctParty has",
		"advanced_edge.xml:43: record DistinctParty 10006: DistinctParty 10006 has no name",
	}
	if len(rep.Skipped) != len(wantProblems) {
		t.Fatalf("problems = %v", rep.Skipped)
	}
	for i, p := range wantProblems {
		if got := rep.Skipped[i].Error(); !strings.HasSuffix(got, p) {
			t.Errorf("problem %d = %q, want %q", i, got, p)
		}
	}
	want := []*entity.Entity{
		{
			ID: "ofac-10005", Source: "ofac", SourceIDs: []string{"10005"}, Type: entity.Aircraft,
			Names: []entity.Name{{Full: "EP-XYZ", Kind: entity.Primary}},
			Identifiers: []entity.Identifier{
				{Type: entity.Other, Value: "1234", Note: "Aircraft Construction Number (also called L/N or S/N or F/N)"},
				{Type: entity.Registration, Value: "EP-XYZ", Note: "Aircraft Tail Number"},
			},
			BirthDates: []entity.Date{{Year: 1998, Month: 1, Day: 1}},
			Programs:   []string{"IRAN-EO13846"},
			ListedOn:   "2018-11-05",
			Vessel:     &entity.Craft{Kind: "Boeing 747-200", Operator: "EXAMPLE AIR"},
			URL:        ofacURL("10005"),
		},
		{
			// Matronymic and maiden name on the family side; a birth date
			// reported false, a country without ISO code and an unknown
			// feature type kept in the remarks; a fraudulent passport noted.
			ID: "ofac-10007", Source: "ofac", SourceIDs: []string{"10007"}, Type: entity.Person,
			Names: []entity.Name{
				{Full: "GARCIA LOPEZ, Maria", Kind: entity.Primary, Parts: &entity.NameParts{Family: "GARCIA LOPEZ", Given: "Maria"}},
				{Full: "PEREZ, Maria", Kind: entity.Newer, Parts: &entity.NameParts{Family: "PEREZ", Given: "Maria"}},
			},
			BirthDates: []entity.Date{{Year: 1984, Month: 1}},
			Identifiers: []entity.Identifier{
				{Type: entity.Passport, Value: "F9999999", Country: "ir", Note: "fraudulent; issued by Ministry of Examples; issued in Iran"},
			},
			Programs: []string{"SDNTK"},
			ListedOn: "2017-06-01",
			Remarks: "Invented person with awkward data.; Birthdate 1950 (reported false); " +
				"Nationality Country Region: Atlantis; FeatureTypeID 999 something new; " +
				"List: Sectoral Sanctions Identifications List (2014-07-16); 13662 Sectoral Directive 4; " +
				"Formerly Linked To: EP-XYZ (ofac-10005) (pilot)",
			URL: ofacURL("10007"),
		},
	}
	if len(ents) != len(want) {
		t.Fatalf("emitted %d entities, want %d", len(ents), len(want))
	}
	for i := range want {
		diffEntity(t, ents[i], want[i])
		checkInvariants(t, ents[i])
	}
}

// TestAdvancedMatchesClassic checks that the same parties read the same
// from both XML formats, but for what only one format has: name parts
// beyond family and given, original-script names and addresses, listing
// dates, legal bases, relationships and notes.
func TestAdvancedMatchesClassic(t *testing.T) {
	classic, _ := parseFile(t, Parse, classicFixture)
	advanced, _ := parseFile(t, ParseAdvanced, advancedFixture)
	edge, _ := parseFile(t, ParseAdvanced, "testdata/advanced_edge.xml")
	adv := sourcetest.ByID(append(advanced, edge...))
	comparable := func(e *entity.Entity) *entity.Entity {
		c := *e
		c.Names = nil
		for _, n := range e.Names {
			if !n.Script {
				c.Names = append(c.Names, entity.Name{Full: n.Full, Kind: n.Kind, Weak: n.Weak})
			}
		}
		c.Addresses = nil
		for _, a := range e.Addresses {
			if !field.NonLatin(a.Full) {
				c.Addresses = append(c.Addresses, a)
			}
		}
		c.Identifiers = nil
		for _, id := range e.Identifiers {
			if !strings.Contains(id.Note, "fraudulent") {
				id.Note = ""
				c.Identifiers = append(c.Identifiers, id)
			}
		}
		slices.SortFunc(c.Identifiers, func(a, b entity.Identifier) int { return strings.Compare(a.Value, b.Value) })
		c.ListedOn, c.Remarks = "", ""
		return &c
	}
	for _, ce := range classic {
		ae := adv[ce.ID]
		if ae == nil {
			if ce.ID != "ofac-10006" {
				t.Errorf("%s missing from the Advanced fixtures", ce.ID)
			}
			continue
		}
		diffEntity(t, comparable(ae), comparable(ce))
	}
}

func TestPeriodDate(t *testing.T) {
	p := func(a, b point, approx bool) period {
		return period{startFrom: a, startTo: a, endFrom: b, endTo: b, approx: approx}
	}
	for _, tc := range []struct {
		name string
		p    period
		want string
	}{
		{"day", p(point{1984, 1, 8}, point{1984, 1, 8}, false), "1984-01-08"},
		{"year", p(point{1962, 1, 1}, point{1962, 12, 31}, false), "1962"},
		{"circa year", p(point{1962, 1, 1}, point{1962, 12, 31}, true), "~1962"},
		{"month", p(point{1984, 2, 1}, point{1984, 2, 29}, false), "1984-02"},
		{"year range", p(point{1960, 1, 1}, point{1965, 12, 31}, false), "1960/1965"},
		{"month range", p(point{1960, 3, 1}, point{1960, 5, 31}, false), "1960-03/1960-05"},
		{"day range", p(point{1960, 3, 5}, point{1960, 5, 7}, false), "1960-03-05/1960-05-07"},
		{"year only points", p(point{1970, 0, 0}, point{1970, 0, 0}, false), "1970"},
		{"start only", period{startFrom: point{1999, 9, 9}}, "1999-09-09"},
		{"end only", period{endTo: point{1999, 9, 9}}, "1999-09-09"},
		{"empty", period{}, ""},
		{"invalid day", p(point{1999, 2, 30}, point{1999, 2, 30}, false), ""},
		{"backwards", p(point{1999, 1, 1}, point{1990, 12, 31}, false), ""},
	} {
		d, ok := tc.p.date()
		if d.String() != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: date() = %q %v, want %q", tc.name, d.String(), ok, tc.want)
		}
	}
}

func TestParseAdvancedReadsInSmallPiecesAndAnyTableOrder(t *testing.T) {
	data, err := os.ReadFile(advancedFixture)
	if err != nil {
		t.Fatal(err)
	}
	want, wrep, err := parseAll(t, ParseAdvanced, "a", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got, grep, err := parseAll(t, ParseAdvanced, "a", iotest.OneByteReader(bytes.NewReader(data)))
	if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(grep, wrep) {
		t.Errorf("reading one byte at a time changes the result (err %v)", err)
	}
	// Move the SanctionsEntries and ProfileRelationships before the
	// DistinctParties and the Locations and IDRegDocuments after them.
	cut := func(s, tag string) (string, string) {
		re := regexp.MustCompile(`(?s)  <` + tag + `>.*?</` + tag + `>\n`)
		m := re.FindString(s)
		return strings.Replace(s, m, "", 1), m
	}
	s := string(data)
	s, entries := cut(s, "SanctionsEntries")
	s, rels := cut(s, "ProfileRelationships")
	s, locs := cut(s, "Locations")
	s, docs := cut(s, "IDRegDocuments")
	s = strings.Replace(s, "  <DistinctParties>", entries+rels+"  <DistinctParties>", 1)
	s = strings.Replace(s, "</Sanctions>", locs+docs+"</Sanctions>", 1)
	got, _, err = parseAll(t, ParseAdvanced, "a", strings.NewReader(s))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("the order of the tables changes the result (err %v)", err)
	}
}

func TestParseAdvancedNotAList(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":   "",
		"classic": `<sdnList xmlns="http://tempuri.org/sdnList.xsd"></sdnList>`,
		"html":    "<!DOCTYPE html><html><body>Sanctions</body></html>",
		"text":    "Sanctions",
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := parseString(t, ParseAdvanced, doc)
			if !errors.Is(err, source.ErrNotList) {
				t.Errorf("err = %v, want ErrNotList", err)
			}
		})
	}
}

func TestParseAdvancedTruncated(t *testing.T) {
	data, err := os.ReadFile(advancedFixture)
	if err != nil {
		t.Fatal(err)
	}
	root := bytes.Index(data, []byte("<Sanctions"))
	root += bytes.IndexByte(data[root:], '>') + 1
	for cut := root; cut < len(data)-1; cut += 101 {
		ents, _, err := parseAll(t, ParseAdvanced, "cut.xml", bytes.NewReader(data[:cut]))
		if !errors.Is(err, source.ErrTruncated) {
			t.Fatalf("cut at %d: err = %v, want ErrTruncated", cut, err)
		}
		if len(ents) != 0 {
			t.Fatalf("cut at %d: %d entities emitted from a truncated file", cut, len(ents))
		}
	}
}
