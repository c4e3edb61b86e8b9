package custom

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

func TestParseBlocklist(t *testing.T) {
	es, rep, err := sourcetest.Collect(t, Parse, "blocklist.csv", sourcetest.ReadFixture(t, "blocklist.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 10 || len(es) != 9 || len(rep.Skipped) != 1 || rep.Published != "" {
		t.Fatalf("records %d, entities %d, skipped %v", rep.Records, len(es), rep.Skipped)
	}
	tests := []struct {
		name       string
		id         string
		typ        entity.Type
		aliases    []string
		birthDates []string
		countries  []string
		nats       []string
		ids        []string
		programs   []string
		listedOn   string
		remarks    string
		check      func(t *testing.T, e *entity.Entity)
	}{
		{
			name: "ACME Trading FZE", id: "custom-C-001", typ: entity.Organization,
			aliases: []string{"ACME General Trading", "ACME FZE"}, countries: []string{"ae"},
			ids: []string{"registration|123456|ae||"}, programs: []string{"Internal - fraud"}, listedOn: "2023-05-02",
			remarks: "Refused onboarding; case_officer: J. Smith",
			check: func(t *testing.T, e *entity.Entity) {
				if !slices.Equal(e.SourceIDs, []string{"C-001"}) || e.URL != "https://intranet.example/cases/C-001" ||
					len(e.Addresses) != 1 || e.Addresses[0].Country != "ae" ||
					e.Addresses[0].Full != "Office 12, Example Tower, Dubai, United Arab Emirates" {
					t.Errorf("entity = %+v", e)
				}
			},
		},
		{
			name: "Ivan Petrov", id: "custom-C-002", typ: entity.Person, aliases: []string{"I. Petrov"},
			birthDates: []string{"1970-01-15", "~1971"}, nats: []string{"ru"},
			ids:      []string{"passport|720000001|ru||", "national_id|0012345678|ru||"},
			programs: []string{"Internal - PEP"}, listedOn: "2024-01-10", remarks: "case_officer: M. Rossi",
		},
		{
			name: "MV Example Star", id: "custom-C-003", typ: entity.Vessel,
			ids: []string{"imo|9187629|||", "mmsi|352001234|||"}, programs: []string{"Internal - sanctions evasion"},
		},
		{
			// No id: a hashed ID. No type: a bank is an organization. A
			// multi-line remark; a country nobody knows kept in Remarks.
			name: "Northwind Export Bank", typ: entity.Organization, countries: []string{"ir"},
			ids:     []string{"bic|NWEBIRTH|||swift", "crypto|1ExampleAddressXXXXXXXXXX||XBT|crypto-xbt"},
			remarks: "Multi-line remark; country: Atlantis",
		},
		{
			// A bad birth date and listing date are kept in Remarks, the row
			// is kept.
			name: "Maria Example", id: "custom-126a0cacc31f", typ: entity.Person, aliases: []string{"M. Example"},
			birthDates: []string{"1984-02-28"}, countries: []string{"fr"}, ids: []string{"other|A1234567|||"},
			remarks: "birth_date: 31/02/1984; listed_on: someday",
		},
		{
			name: "Ali \"The Trader\" Example", typ: entity.Person, remarks: "type: unknown-kind; identifiers: weird:",
		},
		{name: "SOLO", typ: entity.Organization},
		{name: "Olga Petrova", id: "custom-C-002-2", typ: entity.Person, remarks: "The id C-002 is used by 2 rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := sourcetest.ByName(es, tt.name)
			if e == nil {
				t.Fatalf("no entity %q", tt.name)
			}
			if tt.id != "" && e.ID != tt.id || !strings.HasPrefix(e.ID, "custom-") {
				t.Errorf("ID = %q, want %q", e.ID, tt.id)
			}
			if e.Source != "custom" || e.Type != tt.typ {
				t.Errorf("source %q, type %q", e.Source, e.Type)
			}
			if got := e.Aliases(); !slices.Equal(got, append([]string{}, tt.aliases...)) {
				t.Errorf("aliases = %q, want %q", got, tt.aliases)
			}
			var dobs []string
			for _, d := range e.BirthDates {
				dobs = append(dobs, d.String())
			}
			if !slices.Equal(dobs, tt.birthDates) {
				t.Errorf("birth dates = %v, want %v", dobs, tt.birthDates)
			}
			if !slices.Equal(e.Countries, tt.countries) || !slices.Equal(e.Nationalities, tt.nats) {
				t.Errorf("countries %v, nationalities %v; want %v, %v", e.Countries, e.Nationalities, tt.countries, tt.nats)
			}
			if got := sourcetest.IDStrings(e); !slices.Equal(got, tt.ids) {
				t.Errorf("identifiers = %q, want %q", got, tt.ids)
			}
			if !slices.Equal(e.Programs, tt.programs) || e.ListedOn != tt.listedOn {
				t.Errorf("programs %v, listed on %q", e.Programs, e.ListedOn)
			}
			if e.Remarks != tt.remarks {
				t.Errorf("remarks = %q, want %q", e.Remarks, tt.remarks)
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}
}

func TestParseReportsRowWithoutName(t *testing.T) {
	_, rep, err := sourcetest.Collect(t, Parse, "blocklist.csv", sourcetest.ReadFixture(t, "blocklist.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Line 7: the multi-line remark on lines 5 and 6 counts.
	if len(rep.Skipped) != 1 {
		t.Fatalf("skipped = %v", rep.Skipped)
	}
	if p := rep.Skipped[0]; p.File != "blocklist.csv" || p.Line != 7 || p.Record != "C-005" || p.Field != "name" || !errors.Is(p, ErrNoName) {
		t.Errorf("problem = %+v", p)
	}
}

func TestParseSameNameRowsGetDistinctIDs(t *testing.T) {
	es, _, err := sourcetest.Collect(t, Parse, "blocklist.csv", sourcetest.ReadFixture(t, "blocklist.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range es {
		if e.Caption() == "Maria Example" {
			ids = append(ids, e.ID)
		}
	}
	if !slices.Equal(ids, []string{"custom-126a0cacc31f", "custom-126a0cacc31f-2"}) {
		t.Errorf("IDs = %v", ids)
	}
}

func TestParseIDsDoNotDependOnRowOrder(t *testing.T) {
	a := "name,type\nFirst Person,person\nSecond Company Ltd,organization\n"
	b := "name,type\nAnother,person\nsecond   company LTD,organization\nFirst Person,person\n"
	esA, _, _ := sourcetest.Collect(t, Parse, "a", []byte(a))
	esB, _, _ := sourcetest.Collect(t, Parse, "b", []byte(b))
	if esA[0].ID != esB[2].ID || esA[1].ID != esB[1].ID {
		t.Errorf("IDs changed: %s %s / %s %s", esA[0].ID, esA[1].ID, esB[2].ID, esB[1].ID)
	}
}

func TestParseDelimitersAndBOM(t *testing.T) {
	tests := []struct {
		file  string
		names []string
		check func(t *testing.T, es []*entity.Entity)
	}{
		{"semicolon.csv", []string{"Müller, Hans", "Sample Holdings GmbH"}, func(t *testing.T, es []*entity.Entity) {
			if got := es[0].Aliases(); !slices.Equal(got, []string{"Hans Mueller", "H. Müller"}) || es[0].Type != entity.Person ||
				es[0].BirthDates[0].String() != "1965-03-01" || !slices.Equal(es[0].Countries, []string{"de"}) {
				t.Errorf("entity = %+v", es[0])
			}
			if es[1].Type != entity.Organization || !slices.Equal(es[1].Countries, []string{"at"}) {
				t.Errorf("entity = %+v", es[1])
			}
		}},
		{"tab.csv", []string{"John Sample", "Example Shipping LLC"}, func(t *testing.T, es []*entity.Entity) {
			if !slices.Equal(es[0].Programs, []string{"Fraud", "Internal"}) {
				t.Errorf("programs = %v", es[0].Programs)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			es, rep, err := sourcetest.Collect(t, Parse, tt.file, sourcetest.ReadFixture(t, tt.file))
			if err != nil || len(rep.Skipped) != 0 {
				t.Fatalf("err %v, skipped %v", err, rep.Skipped)
			}
			var names []string
			for _, e := range es {
				names = append(names, e.Caption())
			}
			if !slices.Equal(names, tt.names) {
				t.Fatalf("names = %q, want %q", names, tt.names)
			}
			tt.check(t, es)
		})
	}
}

func TestParseCRLFIsLF(t *testing.T) {
	b := sourcetest.ReadFixture(t, "blocklist.csv")
	want, _, _ := sourcetest.Collect(t, Parse, "a", b)
	got, rep, err := sourcetest.Collect(t, Parse, "a", bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
	if err != nil || len(got) != len(want) || rep.Skipped[0].Line != 7 {
		t.Fatalf("%d entities, %v, %v", len(got), rep.Skipped, err)
	}
	for i := range got {
		// The multi-line remark keeps its line break kind; CleanSpace folds both.
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("entity %d differs:\n%+v\n%+v", i, got[i], want[i])
		}
	}
}

func TestParseTruncatedFile(t *testing.T) {
	b := []byte("name,remarks\nFirst,\"a remark\"\nSecond,\"a remark cut sho")
	es, rep, err := sourcetest.Collect(t, Parse, "cut.csv", b)
	if !errors.Is(err, source.ErrTruncated) || !strings.Contains(err.Error(), "cut.csv") {
		t.Errorf("err = %v, want ErrTruncated naming the file", err)
	}
	if len(es) != 1 || rep.Records != 1 {
		t.Errorf("%d entities, %d records; want the one whole row", len(es), rep.Records)
	}
	// A stray quote in an earlier row, a short last row without newline:
	// the file is whole.
	for _, in := range []string{
		"name,remarks\nPipe 5\" Ltd,x\nSecond,\"whole\"",
		"name,type,remarks\nFirst,person",
	} {
		if _, _, err := sourcetest.Collect(t, Parse, "ok.csv", []byte(in)); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func TestParseRejectsOtherFiles(t *testing.T) {
	sourcetest.RejectsOtherFiles(t, Parse, map[string]string{
		"empty":     "",
		"blank":     "\n,,,\n",
		"no name":   "id,type,country\n1,person,IR\n",
		"csl":       "_id,source,entity_number,type,name\n1,x,1,Individual,A\n",
		"dpl":       "\"Name\"\t\"Street_Address\"\t\"Effective_Date\"\t\"FR_Citation\"\n\"A\"\t\"B\"\t\"01/01/2020\"\t\"\"\n",
		"ftm":       "id,schema,name,aliases,birth_date,countries,dataset\nx,Person,A,,,,\n",
		"benchmark": "full_name,first_name,last_name,date_of_birth\nA B,A,B,\n",
	})
}

func TestParseStopsOnEmitErrorAndCancellation(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "s", R: bytes.NewReader(sourcetest.ReadFixture(t, "blocklist.csv"))})
	var b bytes.Buffer
	b.WriteString("name,type\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "Person %d,person\n", i)
	}
	sourcetest.HonoursCancellation(t, Parse, source.Input{Name: "big", R: &b})
}

func TestParseIdentifier(t *testing.T) {
	tests := map[string]string{
		"passport:A1234567:ir":       "passport|A1234567|ir||",
		"passport : A1234567 : Iran": "passport|A1234567|ir||",
		"imo:9187629":                "imo|9187629|||",
		"Tax ID:7708004767:RU":       "tax_id|7708004767|ru||",
		"national id:0012345678":     "national_id|0012345678|||",
		"Diplomatic Passport:D123":   "passport|D123|||Diplomatic Passport",
		"crypto-eth:0xABC":           "crypto|0xABC||ETH|crypto-eth",
		"loyalty card:4711":          "other|4711|||loyalty card",
		"url:https://example.test/x": "other|https://example.test/x|||url",
		"A1234567":                   "other|A1234567|||",
		":A1234567":                  "other|A1234567|||",
		"registration:HRB 1234:XYZ":  "registration|HRB 1234:XYZ|||",
	}
	for in, want := range tests {
		id := parseIdentifier(in)
		if got := fmt.Sprintf("%s|%s|%s|%s|%s", id.Type, id.Value, id.Country, id.Currency, id.Note); got != want {
			t.Errorf("parseIdentifier(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"blocklist.csv", string(sourcetest.ReadFixture(t, "blocklist.csv")), true},
		{"x.csv", string(sourcetest.ReadFixture(t, "semicolon.csv")), true},
		{"x.csv", string(sourcetest.ReadFixture(t, "tab.csv")), true},
		{"x.csv", "Name,Date of Birth\nA,1970\n", true},
		{"x.csv", "name\nA\n", false},
		{"x.csv", "", false},
		{"consolidated.csv", "_id,source,entity_number,type,programs,name,title,addresses\n", false},
		{"dpl.txt", "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n", false},
		{"targets.simple.csv", "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen\n", false},
		{"positives.csv", "full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n", false},
		{"sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \n", false},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q, %.50q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
	if f := Format(); f.Name != "custom-csv" || f.Source != "custom" || f.Sniff == nil || f.Parse == nil {
		t.Errorf("Format() = %+v", f)
	}
}

func BenchmarkParse(b *testing.B) {
	data := sourcetest.ReadFixture(b, "blocklist.csv")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if _, err := Parse(context.Background(), source.Input{Name: "c", R: bytes.NewReader(data)},
			func(*entity.Entity) error { n++; return nil }); err != nil || n != 9 {
			b.Fatalf("%d entities, %v", n, err)
		}
	}
}
