package dpl

import (
	"bytes"
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

func TestParseSampleRows(t *testing.T) {
	es, rep, err := sourcetest.Collect(t, Parse, "sample.txt", sourcetest.ReadFixture(t, "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 14 || len(es) != 13 || len(rep.Skipped) != 1 {
		t.Fatalf("records %d, entities %d, skipped %v; want 14, 13, 1", rep.Records, len(es), rep.Skipped)
	}
	tests := []struct {
		name        string
		typ         entity.Type
		aliases     []string
		countries   []string
		listedOn    string
		addr        entity.Address
		ids         []string
		remarks     []string
		notRemarked []string
	}{
		{
			name: "JOHN QUINCY EXAMPLE", typ: entity.Person, countries: []string{"us"}, listedOn: "2021-03-15",
			addr: entity.Address{Full: "1200 MAIN STREET, APT. 4, EL PASO, TX 79901", Street: "1200 MAIN STREET, APT. 4",
				City: "EL PASO", Region: "TX", PostalCode: "79901", Country: "us"},
			remarks: []string{"Expiration date: 2031-03-15", "Standard order: Y", "Action: F.R. NOTICE ADDED",
				"Federal Register: 86 F.R. 15000 3/22/2021", "Last update: 2021-03-22"},
			notRemarked: []string{"Listed as"},
		},
		{
			name: "ACME PRECISION PARTS, LTD.", typ: entity.Organization, countries: []string{"hk"}, listedOn: "2019-11-02",
			addr: entity.Address{Full: "UNIT 5, HARBOUR ROAD, HONG KONG, HK", Street: "UNIT 5, HARBOUR ROAD", City: "HONG KONG", Country: "hk"},
		},
		{
			// A US state code in the Country column; an inmate number in the street.
			name: "WANG XIAO MING", typ: entity.Person, aliases: []string{"WILLIAM WANG"}, countries: []string{"us"},
			listedOn: "2018-06-01", ids: []string{"other:12345-678:us"},
			remarks: []string{"Listed as: WANG XIAO MING A/K/A WILLIAM WANG"},
		},
		{
			name: "NORTHERN SKY AIRLINES", typ: entity.Organization, aliases: []string{"NS7 AIR"}, countries: []string{"ru"},
			remarks: []string{"Expiration date: 2022-10-04"},
		},
		{
			name: "DAVID SAMPLEMAN", typ: entity.Person, aliases: []string{"DAVOUD SAMPLEMAN"}, countries: []string{"fr"},
			listedOn: "1987-10-08", notRemarked: []string{"Expiration date", "Action"},
		},
		{
			// The State column holds a country that is not guessed.
			name: "OMAR TESTOV", typ: entity.Person, aliases: []string{"THE ENGINEER TESTOV"},
			addr:    entity.Address{Full: "77 KYRIAKOU AVE, 1082 NICOSIA, CY", Street: "77 KYRIAKOU AVE", City: "1082 NICOSIA", Region: "CY"},
			remarks: []string{`Country: none given, the State column holds "CY"`, "Last update: 3017-08-22"},
		},
		{
			name: "GLOBAL WIDGETS TRADING", typ: entity.Organization, aliases: []string{"GWT"}, countries: []string{"ae"},
			remarks: []string{"Action: TDO RENEWAL, F.R. NOTICE ADDED"},
		},
		{
			name: "LI MEI CHEN", typ: entity.Person, aliases: []string{"MAY LEE"}, countries: []string{"us"},
		},
		{
			// Dates that do not parse are kept as written.
			name: "PETRA BEISPIEL", typ: entity.Person, countries: []string{"de"}, listedOn: "",
			remarks: []string{"Effective date: 31/12/2020", "Expiration date: soon", "Standard order: N", "Last update: 2021-13-40"},
		},
		{name: "XIN HUA CHEN", typ: entity.Person, countries: []string{"cn"}},
		{name: "TECHNOWIDGET", typ: entity.Organization, countries: []string{"us"}},
		{
			name: "IVAN PETROV", typ: entity.Person,
			remarks: []string{`Country: none given, the State column holds "RS"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := sourcetest.ByName(es, tt.name)
			if e == nil {
				t.Fatalf("no entity named %q", tt.name)
			}
			if !strings.HasPrefix(e.ID, "dpl-") || len(e.ID) != len("dpl-")+12 {
				t.Errorf("ID = %q", e.ID)
			}
			if e.Source != "dpl" || e.URL != URL || !slices.Equal(e.Programs, []string{"DPL"}) {
				t.Errorf("source %q, url %q, programs %v", e.Source, e.URL, e.Programs)
			}
			if e.Type != tt.typ {
				t.Errorf("type = %q, want %q", e.Type, tt.typ)
			}
			if got := e.Aliases(); !slices.Equal(got, append([]string{}, tt.aliases...)) {
				t.Errorf("aliases = %q, want %q", got, tt.aliases)
			}
			if !slices.Equal(e.Countries, tt.countries) {
				t.Errorf("countries = %v, want %v", e.Countries, tt.countries)
			}
			if tt.listedOn != "" && e.ListedOn != tt.listedOn {
				t.Errorf("listed on = %q, want %q", e.ListedOn, tt.listedOn)
			}
			if tt.addr.Full != "" && (len(e.Addresses) != 1 || e.Addresses[0] != tt.addr) {
				t.Errorf("addresses = %+v, want %+v", e.Addresses, tt.addr)
			}
			var ids []string
			for _, id := range e.Identifiers {
				ids = append(ids, fmt.Sprintf("%s:%s:%s", id.Type, id.Value, id.Country))
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("identifiers = %v, want %v", ids, tt.ids)
			}
			for _, r := range tt.remarks {
				if !strings.Contains(e.Remarks, r) {
					t.Errorf("remarks %q lack %q", e.Remarks, r)
				}
			}
			for _, r := range tt.notRemarked {
				if strings.Contains(e.Remarks, r) {
					t.Errorf("remarks %q have %q", e.Remarks, r)
				}
			}
		})
	}
}

func TestParseReportsRowWithoutName(t *testing.T) {
	_, rep, err := sourcetest.Collect(t, Parse, "sample.txt", sourcetest.ReadFixture(t, "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 1 {
		t.Fatalf("skipped = %v", rep.Skipped)
	}
	p := rep.Skipped[0]
	if p.File != "sample.txt" || p.Line != 9 || p.Field != "Name" || !errors.Is(p, ErrNoName) {
		t.Errorf("problem = %+v (%v)", p, p)
	}
}

func TestParseRepeatedRowsGetDistinctIDs(t *testing.T) {
	es, _, err := sourcetest.Collect(t, Parse, "sample.txt", sourcetest.ReadFixture(t, "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	seen := map[string]bool{}
	for _, e := range es {
		if seen[e.ID] {
			t.Errorf("ID %s used twice", e.ID)
		}
		seen[e.ID] = true
		if e.Caption() == "LI MEI CHEN" {
			ids = append(ids, e.ID)
			if len(ids) == 2 && !strings.Contains(e.Remarks, "Repeats the row on line 10") {
				t.Errorf("repeat remarks = %q", e.Remarks)
			}
		}
	}
	if len(ids) != 2 || ids[1] != ids[0]+"-2" {
		t.Errorf("IDs of the repeated row = %v, want X and X-2", ids)
	}
}

func TestParseIDsAreStable(t *testing.T) {
	// The ID does not depend on the effective date (renewals rewrite it)
	// nor on the row's position.
	a := "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n"
	row1 := "\"AL EXAMPLE AIRLINES\"\t\"P.O. BOX 1\"\t\"DUBAI\"\t\"\"\t\"AE\"\t\"\"\t\"05/13/2022\"\t\"11/09/2022\"\t\"Y\"\t\"2022-05-18\"\t\"\"\t\"\"\n"
	row1b := strings.Replace(row1, "05/13/2022", "11/09/2022", 1)
	row2 := "\"OTHER PERSON\"\t\"1 ST\"\t\"TOWN\"\t\"TX\"\t\"\"\t\"\"\t\"01/01/2020\"\t\"\"\t\"Y\"\t\"2020-01-01\"\t\"\"\t\"\"\n"
	es1, _, _ := sourcetest.Collect(t, Parse, "a", []byte(a+row1+row2))
	es2, _, _ := sourcetest.Collect(t, Parse, "b", []byte(a+row2+row1b))
	if sourcetest.ByName(es1, "AL EXAMPLE AIRLINES").ID != sourcetest.ByName(es2, "AL EXAMPLE AIRLINES").ID {
		t.Errorf("ID changed with the effective date or the row order")
	}
}

func TestParsePublishedIsLatestPlausibleUpdate(t *testing.T) {
	_, rep, err := sourcetest.Collect(t, Parse, "sample.txt", sourcetest.ReadFixture(t, "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// 3017-08-22 is a typing error; 2022-09-02 is the latest real update.
	if rep.Published != "2022-09-02" {
		t.Errorf("published = %q, want 2022-09-02", rep.Published)
	}
}

func TestParseKeepsDamageToItsRow(t *testing.T) {
	es, rep, err := sourcetest.Collect(t, Parse, "ragged.txt", sourcetest.ReadFixture(t, "ragged.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 3 || len(es) != 3 || len(rep.Skipped) != 0 {
		t.Fatalf("records %d, entities %d, skipped %v", rep.Records, len(es), rep.Skipped)
	}
	if !strings.Contains(es[0].Remarks, "Row has 11 of 12 columns") {
		t.Errorf("broken-quote row remarks = %q", es[0].Remarks)
	}
	short := sourcetest.ByName(es, "SHORT ROW PERSON")
	if short == nil || !strings.Contains(short.Remarks, "Row has 2 of 12 columns") || short.Addresses[0].Street != "2 MAIN ST" {
		t.Errorf("short row = %+v", short)
	}
	next := sourcetest.ByName(es, "NEXT ROW PERSON")
	if next == nil || next.ListedOn != "2020-01-02" || !strings.Contains(next.Remarks, "Extra field 13: EXTRA") {
		t.Errorf("row after the damage = %+v", next)
	}
}

func TestParseSkipsOverlongLine(t *testing.T) {
	b := sourcetest.ReadFixture(t, "sample.txt")
	head := b[:bytes.IndexByte(b, '\n')+1]
	var in bytes.Buffer
	in.Write(head)
	in.WriteString("\"HUGE\"\t\"" + strings.Repeat("X", maxLine+10) + "\"\n")
	in.Write(b[len(head):])
	es, rep, err := sourcetest.Collect(t, Parse, "long.txt", in.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 13 || rep.Records != 15 || len(rep.Skipped) != 2 || rep.Skipped[0].Line != 2 ||
		!errors.Is(rep.Skipped[0], errLineTooLong) || rep.Skipped[1].Line != 10 {
		t.Errorf("%d entities, %d records, skipped %v", len(es), rep.Records, rep.Skipped)
	}
	_, _, err = sourcetest.Collect(t, Parse, "long.txt", []byte(strings.Repeat("N", maxLine+1)))
	if !errors.Is(err, source.ErrNotList) {
		t.Errorf("overlong header: %v", err)
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	b := sourcetest.ReadFixture(t, "sample.txt")
	want, _, err := sourcetest.Collect(t, Parse, "sample.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	crlf := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
	got, rep, err := sourcetest.Collect(t, Parse, "sample.txt", crlf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(rep.Skipped) != 1 || rep.Skipped[0].Line != 9 {
		t.Fatalf("got %d entities, skipped %v", len(got), rep.Skipped)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("entity %d differs:\n%+v\n%+v", i, *got[i], *want[i])
		}
	}
}

func TestParseTruncatedFile(t *testing.T) {
	b := sourcetest.ReadFixture(t, "sample.txt")
	b = bytes.TrimSuffix(b, []byte("\n"))
	last := bytes.LastIndexByte(b, '\n')
	for _, cut := range []int{
		len(b) - 5,    // inside the last field
		last + 1 + 40, // inside an early field of the last row
		bytes.LastIndex(b, []byte("\t\"Y\"")) + 4, // right after a closing quote
	} {
		_, rep, err := sourcetest.Collect(t, Parse, "sample.txt", b[:cut])
		if !errors.Is(err, source.ErrTruncated) || !strings.Contains(err.Error(), "sample.txt") {
			t.Errorf("cut at %d: err = %v, want ErrTruncated naming the file", cut, err)
		}
		if rep.Records != 13 {
			t.Errorf("cut at %d: records = %d, want the 13 whole rows", cut, rep.Records)
		}
	}
	// A last row without a newline but with every field is whole.
	if _, _, err := sourcetest.Collect(t, Parse, "sample.txt", b); err != nil {
		t.Errorf("no final newline: %v", err)
	}
}

func TestParseRejectsOtherFiles(t *testing.T) {
	sourcetest.RejectsOtherFiles(t, Parse, map[string]string{
		"empty":      "",
		"blank":      "\n\n  \n",
		"csl":        "_id,source,entity_number,type,programs,name,title,addresses\n\"1\",\"x\",\"1\",\"\",\"\",\"A\",\"\",\"\"\n",
		"custom":     "name,type,country\nACME,organization,IR\n",
		"xml":        "<?xml version=\"1.0\"?><CONSOLIDATED_LIST/>",
		"name only":  "\"Name\"\n\"JOHN\"\n",
		"binary":     "\x00\x01\x02",
		"header rot": "\"Nome\"\t\"Street\"\n",
	})
}

func TestParseStopsOnEmitError(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "s", R: bytes.NewReader(sourcetest.ReadFixture(t, "sample.txt"))})
}

func TestParseHonoursCancellation(t *testing.T) {
	var b bytes.Buffer
	b.Write(sourcetest.ReadFixture(t, "sample.txt")[:bytes.IndexByte(sourcetest.ReadFixture(t, "sample.txt"), '\n')+1])
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "\"PERSON NUMBER %d\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"01/01/2020\"\t\"\"\t\"Y\"\t\"2020-01-01\"\t\"\"\t\"\"\n", i)
	}
	sourcetest.HonoursCancellation(t, Parse, source.Input{Name: "big", R: &b})
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"dpl.txt", string(sourcetest.ReadFixture(t, "sample.txt")), true},
		{"dpl.txt", "\xef\xbb\xbf" + string(sourcetest.ReadFixture(t, "sample.txt")), true},
		{"x", "Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\tEffective_Date\tExpiration_Date\tStandard_Order\tLast_Update\tAction\tFR_Citation\r\n", true},
		{"dpl.txt", "", false},
		{"dpl.txt", "name,type,country,birth_date\nACME,organization,IR,\n", false},
		{"consolidated.csv", "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order\n", false},
		{"sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \n", false},
		{"un.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST>", false},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q, %.40q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
	if f := Format(); f.Name != "dpl-tsv" || f.Source != "dpl" || f.Sniff == nil || f.Parse == nil {
		t.Errorf("Format() = %+v", f)
	}
}

func TestSplitLine(t *testing.T) {
	tests := []struct {
		in       string
		want     []string
		unclosed bool
	}{
		{`"a"	"b"`, []string{"a", "b"}, false},
		{`"a ""x"" b"	""`, []string{`a "x" b`, ""}, false},
		{`a	b	`, []string{"a", "b", ""}, false},
		{`"5" DISK"	x`, []string{`5" DISK`, "x"}, false},
		{`"a" 	"b"`, []string{"a", "b"}, false},
		{`"open	x`, []string{"open\tx"}, true},
		{``, []string{""}, false},
		{`"`, []string{""}, true},
	}
	for _, tt := range tests {
		got, unclosed := splitLine(tt.in, '\t', nil)
		if !slices.Equal(got, tt.want) || unclosed != tt.unclosed {
			t.Errorf("splitLine(%q) = %q, %v; want %q, %v", tt.in, got, unclosed, tt.want, tt.unclosed)
		}
	}
}
