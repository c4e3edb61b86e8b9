package csl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

func TestParseFixture(t *testing.T) {
	es, rep, err := sourcetest.Collect(t, Parse, "consolidated.csv", sourcetest.ReadFixture(t, "consolidated.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 12 || len(es) != 12 || len(rep.Skipped) != 0 || rep.Published != "" {
		t.Fatalf("records %d, entities %d, skipped %v, published %q", rep.Records, len(es), rep.Skipped, rep.Published)
	}
	tests := []struct {
		id          string
		typ         entity.Type
		name        string
		aliases     []string
		programs    []string
		countries   []string // AllCountries
		birthDates  []string
		listedOn    string
		ids         []string
		remarks     []string
		check       func(t *testing.T, e *entity.Entity)
		sourceIDs   []string
		urlContains string
	}{
		{
			id: "csl-36412", typ: entity.Person, name: "KARIMI, Reza Ahmad",
			aliases:    []string{"KARIMI, Reza", "KARIMY, Reza Ahmad"},
			programs:   []string{"IRAN", "NPWMD", "SDN"},
			countries:  []string{"ae", "ir"},
			birthDates: []string{"1975-03-14", "1976"},
			ids: []string{
				"passport|A1234567|ir||Passport; issued 2001-01-01; expires 2010-01-01",
				"national_id|0012345678|ir||National ID No.",
			},
			remarks: []string{"Linked To: EXAMPLE TRADING FZE.", "List: Specially Designated Nationals (SDN) - Treasury Department",
				"Additional Sanctions Information: Subject to Secondary Sanctions", "Source list: https://sanctionslist.ofac.treas.gov/Home/SdnList"},
			sourceIDs:   []string{"36412"},
			urlContains: "specially-designated-nationals",
			check: func(t *testing.T, e *entity.Entity) {
				if e.Gender != entity.Male || !slices.Equal(e.Positions, []string{"Director of Procurement"}) ||
					!slices.Equal(e.BirthPlaces, []string{"Tehran, Iran"}) || !slices.Equal(e.Nationalities, []string{"ir"}) ||
					!slices.Equal(e.Citizenships, []string{"ir"}) || len(e.Addresses) != 2 ||
					e.Addresses[0] != (entity.Address{Full: "Unit 12, Example Tower, Dubai, AE", Country: "ae"}) {
					t.Errorf("entity = %+v", e)
				}
			},
		},
		{
			id: "csl-40001", typ: entity.Vessel, name: "OCEAN EXAMPLE", aliases: []string{"SEA SAMPLE"},
			programs: []string{"IRAN-EO13846", "SDN"}, countries: []string{"pa"},
			ids:     []string{"call_sign|9HA1234|||", "imo|9187629|||Vessel Registration Identification", "mmsi|352001234|||MMSI"},
			remarks: []string{"Other Vessel Flag: Liberia", "Vessel Year of Build: 1999"},
			check: func(t *testing.T, e *entity.Entity) {
				want := entity.Craft{Flag: "pa", Kind: "Crude Oil Tanker", Tonnage: "156880", GRT: "81479", Owner: "EXAMPLE SHIPPING CO LTD"}
				if e.Vessel == nil || *e.Vessel != want {
					t.Errorf("vessel = %+v, want %+v", e.Vessel, want)
				}
			},
		},
		{
			id: "csl-40002", typ: entity.Aircraft, name: "EP-XMP", programs: []string{"IRAN", "SDGT", "SDN"},
			ids:     []string{"other|0123|||Aircraft Manufacturer's Serial Number (MSN)"},
			remarks: []string{"Aircraft Manufacture Date: 01 Jan 1990"},
			check: func(t *testing.T, e *entity.Entity) {
				if e.Vessel == nil || e.Vessel.Kind != "Airbus A310-304" || e.Vessel.Operator != "EXAMPLE AIR" {
					t.Errorf("craft = %+v", e.Vessel)
				}
			},
		},
		{
			// Entity List: no type, a bracketed acronym, "; and" prose in
			// addresses and aliases.
			id:       "csl-5e8a1f3c0b7d4e2a9c6f1b3d8e0a2c4f6b8d0e1a3c5e7f9b1d3f5a7c",
			typ:      entity.Organization,
			name:     "Example Microelectronics Research Institute",
			aliases:  []string{"EMRI", "Hebei Sample Institute", "HSI", "Example Institute 13"},
			programs: []string{"EL"}, countries: []string{"cn"}, listedOn: "2018-08-01",
			remarks: []string{"Listed as: Example Microelectronics Research Institute (EMRI)", "Federal Register: 83 FR 37423; 87 FR 77505",
				"License requirement: For all items subject to the EAR.", "License policy: Presumption of denial."},
			check: func(t *testing.T, e *entity.Entity) {
				if len(e.Addresses) != 2 || e.Addresses[1].Full != "21 Sample Street, Shijiazhuang, Hebei Province, CN" ||
					e.Addresses[0].Country != "cn" {
					t.Errorf("addresses = %+v", e.Addresses)
				}
			},
		},
		{
			// A DPL row: aliases split out of the name, the inmate number found.
			id: "csl-b601cbf2841d0aaedfe63661581ffbc3d54b6ba39d7e3a9027cff50e", typ: entity.Person,
			name: "WANG XIAO MING", aliases: []string{"WILLIAM WANG"}, programs: []string{"DPL"}, countries: []string{"us"},
			listedOn: "2018-06-01", ids: []string{"other|12345-678|us||inmate register number (US Federal Bureau of Prisons)"},
			remarks: []string{"End date: 2028-06-01", "Standard order: Y", "FR NOTICE ADDED",
				"Source list: https://www.bis.doc.gov/index.php/the-denied-persons-list"},
		},
		{
			id: "csl-233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b", typ: entity.Organization,
			name: "Sample Import and Export Company", programs: []string{"INKSNA", "ISN"}, listedOn: "2023-07-19",
			remarks: []string{"Name continues: and any successor, sub-unit, or subsidiary thereof", "Federal Register: Vol. 88, No. 151, 08/08/2023"},
		},
		{
			id: "csl-66f6ab3f26234b75a9093fce79ef0ce1", typ: entity.Organization, name: "Example Aerospace Propulsion Academy",
			programs: []string{"MEU"}, countries: []string{"cn"}, listedOn: "2020-12-23",
		},
		{
			// The ITAR debarred list gives no type: a name with no company
			// marks is a person's.
			id: "csl-34d6611355974b0ba70eba9a096971f9", typ: entity.Person, name: "Jonathan Q. Sampleton", programs: []string{"DTC"},
		},
		{
			id: "csl-18399", typ: entity.Organization, name: "EXAMPLE NEFT TRADE LIMITED", aliases: []string{"EN TRADE LIMITED"},
			programs: []string{"RUSSIA-EO14024", "SSI", "UKRAINE-EO13662"}, countries: []string{"cy"},
			ids: []string{"registration|C122790|cy||Registration ID", "other|info@example-neft.test|||Email Address"},
			remarks: []string{"Executive Order 13662 Directive Determination: Subject to Directive 2",
				"Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209"},
		},
		{
			id: "csl-26199", typ: entity.Person, name: "Evrim SAMPLEOGLU", programs: []string{"FSE", "FSE-IR"},
			countries: []string{"tr"}, birthDates: []string{"1980-02-08"}, ids: []string{"passport|U00000001|tr||Passport"},
			check: func(t *testing.T, e *entity.Entity) {
				if e.Gender != entity.Female || len(e.Addresses) != 1 || e.Addresses[0].Country != "tr" {
					t.Errorf("entity = %+v", e)
				}
			},
		},
		{
			// The Unverified List: no type, no company word; the sub-list says
			// organization.
			id: "csl-1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e43", typ: entity.Organization,
			name: "Sample Sanatgaran", programs: []string{"UVL"}, countries: []string{"am"},
		},
		{
			// Number-first ids of older files; a crypto address; an
			// establishment date.
			id: "csl-32001", typ: entity.Organization, name: "EXAMPLE TELECOM EQUIPMENT CO., LTD.",
			programs: []string{"CMIC", "CMIC-EO13959"}, countries: []string{"cn"}, birthDates: []string{"1998-04-01"},
			listedOn: "2021-06-03",
			ids: []string{"registration|1027700035769|||Registration ID",
				"crypto|1ExampleBitcoinAddressXXXXXXXXXXXX||XBT|Digital Currency Address - XBT",
				"other|www.example-telecom.test|||Website"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := sourcetest.ByID(es)[tt.id]
			if e == nil {
				t.Fatalf("no entity %s", tt.id)
			}
			if e.Source != "csl" || e.Type != tt.typ || e.Caption() != tt.name {
				t.Errorf("source %q, type %q, name %q", e.Source, e.Type, e.Caption())
			}
			if got := e.Aliases(); !slices.Equal(got, append([]string{}, tt.aliases...)) {
				t.Errorf("aliases = %q, want %q", got, tt.aliases)
			}
			if !slices.Equal(e.Programs, tt.programs) {
				t.Errorf("programs = %v, want %v", e.Programs, tt.programs)
			}
			if got := e.AllCountries(); !slices.Equal(got, tt.countries) {
				t.Errorf("countries = %v, want %v", got, tt.countries)
			}
			var dobs []string
			for _, d := range e.BirthDates {
				dobs = append(dobs, d.String())
			}
			if !slices.Equal(dobs, tt.birthDates) {
				t.Errorf("birth dates = %v, want %v", dobs, tt.birthDates)
			}
			if e.ListedOn != tt.listedOn {
				t.Errorf("listed on = %q, want %q", e.ListedOn, tt.listedOn)
			}
			if got := sourcetest.IDStrings(e); !slices.Equal(got, tt.ids) {
				t.Errorf("identifiers = %q, want %q", got, tt.ids)
			}
			for _, r := range tt.remarks {
				if !strings.Contains(e.Remarks, r) {
					t.Errorf("remarks %q lack %q", e.Remarks, r)
				}
			}
			if tt.sourceIDs != nil && !slices.Equal(e.SourceIDs, tt.sourceIDs) {
				t.Errorf("source IDs = %v, want %v", e.SourceIDs, tt.sourceIDs)
			}
			if !strings.Contains(e.URL, tt.urlContains) || e.URL == "" {
				t.Errorf("URL = %q", e.URL)
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}
}

func TestParseProblemRows(t *testing.T) {
	es, rep, err := sourcetest.Collect(t, Parse, "problems.csv", sourcetest.ReadFixture(t, "problems.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 7 || len(es) != 6 {
		t.Fatalf("records %d, entities %d", rep.Records, len(es))
	}
	if len(rep.Skipped) != 1 {
		t.Fatalf("skipped = %v", rep.Skipped)
	}
	if p := rep.Skipped[0]; p.Line != 3 || p.Record != "2" || p.Field != "name" || !errors.Is(p, ErrNoName) {
		t.Errorf("problem = %+v", p)
	}
	if e := sourcetest.ByID(es)["csl-1"]; e == nil || !strings.Contains(e.Remarks, "new_column: kept") {
		t.Errorf("unknown column not kept: %+v", e)
	}
	if e := sourcetest.ByID(es)["csl-1-2"]; e == nil || !strings.Contains(e.Remarks, "Repeats the _id") {
		t.Errorf("repeated _id: %+v", e)
	}
	if e := sourcetest.ByID(es)["csl-3"]; e == nil || !strings.Contains(e.Remarks, "Row has 6 of 30 columns") || e.Caption() != "SHORT, Row" {
		t.Errorf("short row: %+v", e)
	}
	if e := sourcetest.ByID(es)["csl-4"]; e == nil || e.Caption() != "MULTI LINE, Name" {
		t.Errorf("multi-line row: %+v", e)
	}
	if e := sourcetest.ByID(es)["csl-6"]; e == nil || e.Caption() != "Only Alias Company" || !slices.Equal(e.Aliases(), []string{"Second Alias"}) ||
		!strings.Contains(e.Remarks, "No name: the first of the alt_names stands for it") || e.Type != entity.Organization {
		t.Errorf("row with only alt_names: %+v", e)
	}
	var hashed *entity.Entity
	for _, e := range es {
		if e.Caption() == "No Id Company" {
			hashed = e
		}
	}
	if hashed == nil || len(hashed.ID) != len("csl-")+12 || !strings.Contains(hashed.Remarks, "No _id nor entity number") {
		t.Errorf("row without _id: %+v", hashed)
	}
}

func TestParseProblemLinesAreFileLines(t *testing.T) {
	// A multi-line record moves the lines of the rows after it.
	b := sourcetest.ReadFixture(t, "problems.csv")
	b = append(b, []byte(`"5","Specially Designated Nationals (SDN) - Treasury Department","5","Individual","SDGT",""`+"\n")...)
	_, rep, err := sourcetest.Collect(t, Parse, "problems.csv", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 2 || rep.Skipped[1].Line != 10 || rep.Skipped[1].Record != "5" {
		t.Errorf("skipped = %+v, want the second on line 10", rep.Skipped)
	}
}

func TestParseTruncatedFile(t *testing.T) {
	b := bytes.TrimSuffix(sourcetest.ReadFixture(t, "consolidated.csv"), []byte("\n"))
	last := bytes.LastIndexByte(b, '\n')
	for _, cut := range []int{len(b) - 3, last + 30, last + 1 + bytes.Index(b[last+1:], []byte(`","`)) + 1} {
		es, rep, err := sourcetest.Collect(t, Parse, "consolidated.csv", b[:cut])
		if !errors.Is(err, source.ErrTruncated) || !strings.Contains(err.Error(), "consolidated.csv") {
			t.Errorf("cut at %d: err = %v, want ErrTruncated naming the file", cut, err)
		}
		if len(es) != 11 || rep.Records != 11 {
			t.Errorf("cut at %d: %d entities, %d records; want the 11 whole rows", cut, len(es), rep.Records)
		}
	}
	if es, _, err := sourcetest.Collect(t, Parse, "consolidated.csv", b); err != nil || len(es) != 12 {
		t.Errorf("no final newline: %d entities, %v", len(es), err)
	}
	// A stray quote in an earlier, unquoted field (5" DISK) does not make
	// a whole last row without a final newline look cut.
	first := bytes.IndexByte(b, '\n') + 1
	stray := slices.Concat(b[:first], []byte("99,x,99,Entity,,5\" DISK CORP"), bytes.Repeat([]byte(","), 23), []byte("\n"), b[first:])
	if es, _, err := sourcetest.Collect(t, Parse, "consolidated.csv", stray); err != nil || len(es) != 13 {
		t.Errorf("stray quote, no final newline: %d entities, %v", len(es), err)
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	b := sourcetest.ReadFixture(t, "consolidated.csv")
	crlf := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
	want, _, _ := sourcetest.Collect(t, Parse, "a", b)
	got, _, err := sourcetest.Collect(t, Parse, "a", crlf)
	if err != nil || len(got) != len(want) {
		t.Fatalf("%d entities, %v", len(got), err)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("entity %d differs:\n%+v\n%+v", i, *got[i], *want[i])
		}
	}
}

func TestParseRejectsOtherFiles(t *testing.T) {
	sourcetest.RejectsOtherFiles(t, Parse, map[string]string{
		"empty":  "",
		"dpl":    "\"Name\"\t\"Street_Address\"\t\"City\"\n\"A\"\t\"B\"\t\"C\"\n",
		"custom": "name,type,country\nACME,organization,IR\n",
		"sdn":    "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n",
		"xml":    "<?xml version=\"1.0\"?><sdnList/>",
	})
}

func TestParseStopsOnEmitErrorAndCancellation(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "s", R: bytes.NewReader(sourcetest.ReadFixture(t, "consolidated.csv"))})
	var b bytes.Buffer
	b.WriteString("_id,source,name\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "%d,Specially Designated Nationals (SDN) - Treasury Department,PERSON %d\n", i, i)
	}
	sourcetest.HonoursCancellation(t, Parse, source.Input{Name: "big", R: &b})
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"consolidated.csv", string(sourcetest.ReadFixture(t, "consolidated.csv")), true},
		{"x.csv", string(sourcetest.ReadFixture(t, "problems.csv")), true},
		{"x.csv", "\xef\xbb\xbf_id,source,entity_number,type,programs,name\r\n", true},
		{"x.csv", "", false},
		{"x.csv", "name,type,country,birth_date\n", false},
		{"x.csv", "id,name,source,aliases\n", false},
		{"dpl.txt", "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\n", false},
		{"sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n", false},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q, %.40q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
	if f := Format(); f.Name != "csl-csv" || f.Source != "csl" || f.Sniff == nil || f.Parse == nil {
		t.Errorf("Format() = %+v", f)
	}
}

func TestListCode(t *testing.T) {
	for in, want := range map[string]string{
		"Specially Designated Nationals (SDN) - Treasury Department":                               "SDN",
		"Military End User (MEU) List - Bureau of Industry and Security":                           "MEU",
		"Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department":                    "NS-MBS",
		"Correspondent Account or Payable-Through Account Sanctions (CAPTA) - Treasury Department": "CAPTA",
		"Some New List": "Some New List",
		"":              "",
	} {
		if got := listCode(in); got != want {
			t.Errorf("listCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	data := sourcetest.ReadFixture(b, "consolidated.csv")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if _, err := Parse(context.Background(), source.Input{Name: "c", R: bytes.NewReader(data)},
			func(*entity.Entity) error { n++; return nil }); err != nil || n != 12 {
			b.Fatalf("%d entities, %v", n, err)
		}
	}
}
