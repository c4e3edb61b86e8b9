package senzing

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
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

const realFile = "lists/opensanctions-us-congress-2026-01-02.senzing.json"

func run(t testing.TB, name string, data []byte, pending int) (source.Report, []*entity.Entity, error) {
	t.Helper()
	var got []*entity.Entity
	rep, err := parse(context.Background(), source.Input{Name: name, R: bytes.NewReader(data)},
		func(e *entity.Entity) error { got = append(got, e); return nil }, pending)
	return rep, got, err
}

func TestParseRealFile(t *testing.T) {
	data := shareddata.Read(t, realFile)
	rep, got, err := run(t, realFile, data, maxPending)
	if err != nil {
		t.Fatal(err)
	}
	// 1,319 records: 1,317 members of Congress and the two positions they
	// hold (records without RECORD_TYPE), which are not parties.
	if rep.Records != 1319 || len(got) != 1317 || len(rep.Skipped) != 0 {
		t.Fatalf("records %d, emitted %d, skipped %v", rep.Records, len(got), rep.Skipped)
	}
	if rep.Dataset != "us_congress" || rep.Published != "2025-12-08" {
		t.Errorf("dataset %q published %q", rep.Dataset, rep.Published)
	}
	positions := map[string]int{}
	ids := map[string]bool{}
	for _, e := range got {
		if e.Type != entity.Person || e.Caption() == "" || e.Names[0].Kind != entity.Primary {
			t.Errorf("%s: type %q, primary name %q", e.ID, e.Type, e.Caption())
		}
		if ids[e.ID] {
			t.Errorf("%s emitted twice", e.ID)
		}
		ids[e.ID] = true
		if len(e.Positions) == 0 {
			t.Errorf("%s (%s) holds no position", e.ID, e.Caption())
		}
		for _, p := range e.Positions {
			positions[p]++
		}
		if e.Source != "us_congress" || !slices.Equal(e.Nationalities, []string{"us"}) || e.Remarks != "Topics: role.pep" && !strings.HasPrefix(e.Remarks, "Died: ") {
			t.Errorf("%s: source %q nationalities %v remarks %q", e.ID, e.Source, e.Nationalities, e.Remarks)
		}
	}
	// One Occupancy pointer per term held: 1,157 representative, 209 senator.
	if want := map[string]int{"United States representative": 1157, "United States senator": 209}; !reflect.DeepEqual(positions, want) {
		t.Errorf("positions %v, want %v", positions, want)
	}
	if ids["Q13218630"] || ids["Q4416090"] {
		t.Error("a position record was emitted as a party")
	}

	ents := sourcetest.ByID(got)
	j := ents["NK-AQ4HymsADSK2D63MkyTqfC"]
	want := &entity.Entity{
		ID: "NK-AQ4HymsADSK2D63MkyTqfC", Source: "us_congress", SourceIDs: []string{"NK-AQ4HymsADSK2D63MkyTqfC"},
		Type:          entity.Person,
		Names:         []entity.Name{{Full: "Jennifer L. McClellan", Kind: entity.Primary}},
		BirthDates:    []entity.Date{{Year: 1972}},
		Nationalities: []string{"us"},
		Positions:     []string{"United States representative"},
		Remarks:       "Topics: role.pep",
		URL:           "https://www.opensanctions.org/entities/NK-AQ4HymsADSK2D63MkyTqfC",
		Datasets:      []string{"us_congress"},
	}
	if !reflect.DeepEqual(j, want) {
		t.Errorf("McClellan:\n got %+v\nwant %+v", j, want)
	}
	f := ents["Q101198561"] // Scott Franklin, with an alias and a Wikidata ID
	if f == nil || f.Caption() != "Scott Franklin" || len(f.Names) != 2 || f.Names[1] != (entity.Name{Full: "C. Scott Franklin", Kind: entity.Alias}) ||
		!reflect.DeepEqual(f.Identifiers, []entity.Identifier{{Type: entity.Other, Value: "Q101198561", Note: "Wikidata ID"}}) {
		t.Errorf("Franklin %+v", f)
	}
	if l := ents["Q11112119"]; l == nil || !strings.Contains(l.Remarks, "Died: 2025") || l.BirthDates[0].String() != "1975" {
		t.Errorf("Mia Love %+v", l)
	}
}

func TestRecords(t *testing.T) {
	rep, got, err := run(t, "records.senzing.json", sourcetest.ReadFixture(t, "records.senzing.json"), maxPending)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 9 || len(got) != 7 || rep.Dataset != "test_sanctions" || rep.Published != "2024-06-01" {
		t.Fatalf("records %d emitted %d dataset %q published %q", rep.Records, len(got), rep.Dataset, rep.Published)
	}
	if len(rep.Skipped) != 1 || rep.Skipped[0].Line != 9 || rep.Skipped[0].Record != "NK-car1" || rep.Skipped[0].Field != "RECORD_TYPE" {
		t.Errorf("problems %v, want the VEHICLE on line 9", rep.Skipped)
	}
	ents := sourcetest.ByID(got)
	if ents["Q-duma"] != nil {
		t.Error("position emitted as a party")
	}

	org := ents["NK-org1"]
	orgChecks := []struct {
		field     string
		got, want any
	}{
		{"Type", org.Type, entity.Organization},
		{"Names", org.Names, []entity.Name{{Full: "Inter Tobacco LLC", Kind: entity.Primary}, {Full: "ООО Интер Тобако", Kind: entity.Alias, Script: true}}},
		{"BirthDates (registration)", org.BirthDates, []entity.Date{{Year: 2003, Month: 7}}},
		{"Countries", org.Countries, []string{"by"}},
		{"Addresses", org.Addresses, []entity.Address{{Full: "Minsk Free Economic Zone, Minsk"}}},
		{"SourceIDs", org.SourceIDs, []string{"NK-org1"}},
		{"URL", org.URL, "https://www.opensanctions.org/entities/NK-org1"},
		{"Remarks", org.Remarks, "Source: https://sanctionssearch.ofac.treas.gov/Details.aspx?id=32733; Topics: sanction"},
	}
	for _, c := range orgChecks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("organization %s = %#v, want %#v", c.field, c.got, c.want)
		}
	}
	for _, id := range []entity.Identifier{
		{Type: entity.Registration, Value: "808000714", Note: "Registration number"},
		{Type: entity.Registration, Value: "1027700000000", Note: "OGRN"},
		{Type: entity.TaxID, Value: "7701234567", Note: "INN"},
		{Type: entity.Registration, Value: "5493001KJTIIGC8Y1R12", Note: "LEI"},
		{Type: entity.BIC, Value: "INTOBY2X", Note: "SWIFT/BIC"},
		{Type: entity.Other, Value: "32733", Note: "OFAC ID"},
		{Type: entity.Other, Value: "intertobacco.example", Note: "Website"},
		{Type: entity.Other, Value: "info@intertobacco.example", Note: "Email"},
		{Type: entity.Other, Value: "+375 17 000 00 00", Note: "Phone"},
	} {
		if !slices.Contains(org.Identifiers, id) {
			t.Errorf("organization lacks %+v", id)
		}
	}
	if len(org.Identifiers) != 9 {
		t.Errorf("organization identifiers %+v", org.Identifiers)
	}

	p := ents["NK-person1"]
	personChecks := []struct {
		field     string
		got, want any
	}{
		{"Names", p.Names, []entity.Name{
			{Full: "Ivan Petrovich PETROV", Kind: entity.Primary},
			{Full: "Иван Петрович ПЕТРОВ", Kind: entity.Alias, Script: true},
			{Full: "Ivan Petrov", Kind: entity.Alias, Parts: &entity.NameParts{Given: "Ivan", Family: "Petrov"}},
		}},
		{"Gender", p.Gender, entity.Male},
		{"BirthDates", p.BirthDates, []entity.Date{{Year: 1960, Month: 5, Day: 1}, {Year: 1961}}},
		{"BirthPlaces", p.BirthPlaces, []string{"Leningrad"}},
		{"Addresses", p.Addresses, []entity.Address{{Full: "Tverskaya 1, Moscow"}}},
		{"Nationalities", p.Nationalities, []string{"ru"}},
		{"Citizenships", p.Citizenships, []string(nil)},
		{"Identifiers", p.Identifiers, []entity.Identifier{{Type: entity.Passport, Value: "7212345", Country: "ru"}, {Type: entity.Other, Value: "Q999", Note: "Wikidata ID"}}},
		{"Positions (read after the person)", p.Positions, []string{"Member of the State Duma"}},
		{"Remarks", p.Remarks, "Died: 2023; Citizenship: Narnia; Related (brother): NK-person2; Topics: role.pep, sanction"},
	}
	for _, c := range personChecks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("person %s = %#v, want %#v", c.field, c.got, c.want)
		}
	}

	v := ents["NK-vessel1"]
	if v.Type != entity.Vessel || !slices.Equal(v.Countries, []string{"pa"}) || !reflect.DeepEqual(v.Identifiers, []entity.Identifier{
		{Type: entity.IMO, Value: "9123456", Note: "IMO number"}, {Type: entity.MMSI, Value: "352001234", Note: "MMSI"}, {Type: entity.CallSign, Value: "3EAB4", Note: "Call sign"}}) {
		t.Errorf("vessel %+v", v)
	}
	if a := ents["NK-plane1"]; a.Type != entity.Aircraft || a.Identifiers[0].Type != entity.Registration {
		t.Errorf("aircraft %+v", a)
	}
	if le := ents["NK-le1"]; le.Type != entity.Organization || !strings.Contains(le.Remarks, "Record type not given") || !slices.Equal(le.Countries, []string(nil)) || !slices.Equal(le.Nationalities, []string{"ua-dpr"}) {
		t.Errorf("legal entity %+v", le)
	}

	s := ents["1001"] // the current specification's FEATURES list
	smithChecks := []struct {
		field     string
		got, want any
	}{
		{"Type", s.Type, entity.Person},
		{"Names", s.Names, []entity.Name{{Full: "Robert Smith", Kind: entity.Primary, Parts: &entity.NameParts{Given: "Robert", Family: "Smith"}}, {Full: "Bobby Smith", Kind: entity.Alias}}},
		{"BirthDates", s.BirthDates, []entity.Date{{Year: 1978, Month: 12, Day: 11}}},
		{"Addresses", s.Addresses, []entity.Address{{Full: "123 Main Street, Las Vegas 89132, NV, US", Street: "123 Main Street", City: "Las Vegas", Region: "NV", PostalCode: "89132", Country: "us"}}},
		{"Identifiers", s.Identifiers, []entity.Identifier{
			{Type: entity.Other, Value: "702-919-1300", Note: "Phone (mobile)"},
			{Type: entity.NationalID, Value: "112233", Note: "Driver's license (NV)"},
			{Type: entity.NationalID, Value: "123-12-1234", Note: "SSN"},
		}},
		{"Remarks (payload attributes)", s.Remarks, "CREATE_DATE: 2020-06-15; STATUS: Active; Employer: ABC Company"},
	}
	for _, c := range smithChecks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("FEATURES record %s = %#v, want %#v", c.field, c.got, c.want)
		}
	}

	fl := ents["flat-1"] // a flat record with usage-type prefixes
	if fl.Type != entity.Organization || !reflect.DeepEqual(fl.Names, []entity.Name{{Full: "Flat Corp", Kind: entity.Primary}, {Full: "Flatco", Kind: entity.Alias}}) ||
		!reflect.DeepEqual(fl.Addresses, []entity.Address{{Full: "1 Flat St, Springfield"}}) ||
		!reflect.DeepEqual(fl.Identifiers, []entity.Identifier{{Type: entity.TaxID, Value: "12-3456789", Country: "us", Note: "EIN"}}) ||
		fl.Remarks != "FAVOURITE_COLOUR: blue" {
		t.Errorf("flat record %+v", fl)
	}
}

func TestMalformedLinesAreReported(t *testing.T) {
	rep, got, err := run(t, "bad.senzing.json", sourcetest.ReadFixture(t, "bad.senzing.json"), maxPending)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 8 || len(got) != 2 || got[0].ID != "good-1" || got[1].ID != "good-2" {
		t.Fatalf("records %d, emitted %v", rep.Records, got)
	}
	if got[0].Remarks != "Date of birth: the year of the dragon" {
		t.Errorf("unparsed date should stay in remarks: %q", got[0].Remarks)
	}
	if !strings.Contains(got[1].Remarks, "Q-nowhere") {
		t.Errorf("a position missing from the file should be named: %q", got[1].Remarks)
	}
	tests := []struct {
		line          int
		record, field string
		text          string
	}{
		{1, "good-1", "DATE_OF_BIRTH", "the year of the dragon"},
		{2, "", "", "invalid JSON"},
		{3, "", "RECORD_ID", "no RECORD_ID"},
		{4, "nameless", "NAMES", "no name"},
		{5, "", "", "object or list"},
		{6, "ufo", "RECORD_TYPE", `"SPACESHIP"`},
		{7, "", "", "not a Senzing record"},
	}
	if len(rep.Skipped) != len(tests) {
		t.Fatalf("problems %v", rep.Skipped)
	}
	for i, tt := range tests {
		p := rep.Skipped[i]
		if p.Line != tt.line || p.Record != tt.record || p.Field != tt.field || !strings.Contains(p.Error(), tt.text) {
			t.Errorf("problem %d = %q, want line %d record %q field %q %q", i, p.Error(), tt.line, tt.record, tt.field, tt.text)
		}
	}
}

func TestWaitingPersonsAreBounded(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, `{"DATA_SOURCE":"OS_T","RECORD_ID":"p%d","RECORD_TYPE":"PERSON","NAMES":[{"NAME_TYPE":"PRIMARY","NAME_FULL":"Person %d"}],"RELATIONSHIPS":[{"REL_POINTER_ROLE":"Occupancy","REL_POINTER_DOMAIN":"D","REL_POINTER_KEY":"pos"}]}`+"\n", i, i)
	}
	b.WriteString(`{"DATA_SOURCE":"OS_T","RECORD_ID":"pos","RECORD_TYPE":null,"NAMES":[{"NAME_TYPE":"PRIMARY","NAME_FULL":"Mayor"}],"RELATIONSHIPS":[{"REL_ANCHOR_DOMAIN":"D","REL_ANCHOR_KEY":"pos"}]}` + "\n")
	for _, tt := range []struct {
		pending  int
		resolved []string
	}{
		{maxPending, []string{"p1", "p2", "p3"}},
		{1, []string{"p3"}}, // p1 and p2 had to go before the position was read
	} {
		_, got, err := run(t, "x", []byte(b.String()), tt.pending)
		if err != nil || len(got) != 3 {
			t.Fatalf("err %v, %d emitted", err, len(got))
		}
		var resolved []string
		for _, e := range got {
			if slices.Equal(e.Positions, []string{"Mayor"}) {
				resolved = append(resolved, e.ID)
			} else if !strings.Contains(e.Remarks, "not in the file: pos") {
				t.Errorf("%s: positions %v remarks %q", e.ID, e.Positions, e.Remarks)
			}
		}
		slices.Sort(resolved)
		if !slices.Equal(resolved, tt.resolved) {
			t.Errorf("max %d waiting: resolved %v, want %v", tt.pending, resolved, tt.resolved)
		}
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    error
		emitted int
	}{
		{"empty", "", source.ErrNotList, 0},
		{"blank", "\n\n", source.ErrNotList, 0},
		{"ftm", `{"id":"x","schema":"Person","properties":{}}` + "\n", source.ErrNotList, 0},
		{"csv", "RECORD_ID,NAME\n1,x\n", source.ErrNotList, 0},
		{"first line cut", `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAM`, source.ErrTruncated, 0},
		{"last line cut", string(sourcetest.ReadFixture(t, "truncated.senzing.json")), source.ErrTruncated, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, err := run(t, "list.json", []byte(tt.data), maxPending)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), "list.json") {
				t.Fatalf("err = %v, want %v naming the file", err, tt.want)
			}
			if len(got) != tt.emitted {
				t.Errorf("emitted %d", len(got))
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"opensanctions", `{"DATA_SOURCE":"OS_US_CONGRESS","RECORD_ID":"NK-1","RECORD_TYPE":"PERSON"}` + "\n", true},
		{"features", "\ufeff" + `{"DATA_SOURCE":"CUSTOMERS","FEATURES":[{"RECORD_TYPE":"PERSON"}]}`, true},
		{"cut first line", `{"DATA_SOURCE":"OS_X","RECORD_ID":"NK-1","NAMES":[{"NAME_FULL":"` + strings.Repeat("a", 100), true},
		{"ftm", `{"id":"NK-1","schema":"Person","properties":{}}`, false},
		{"ftm delta", `{"op":"ADD","entity":{"id":"NK-1"}}`, false},
		{"data source alone", `{"DATA_SOURCE":"X"}`, false},
		{"csv", "DATA_SOURCE,RECORD_ID\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := Sniff("senzing.json", []byte(tt.head)); got != tt.want {
			t.Errorf("%s: Sniff = %v", tt.name, got)
		}
	}
	if f := Format(); f.Name != "senzing-json" || f.Source != "" || f.Parse == nil || f.Sniff == nil {
		t.Errorf("format %+v", f)
	}
}

func TestDatasetName(t *testing.T) {
	for in, want := range map[string]string{"OS_US_CONGRESS": "us_congress", "OPEN_SANCTIONS": "open_sanctions", "CUSTOMERS": "customers", "OS_": "os_"} {
		if got := datasetName(in); got != want {
			t.Errorf("datasetName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	sourcetest.HonoursCancellation(t, Parse, source.Input{Name: "x", R: bytes.NewReader(sourcetest.ReadFixture(t, "records.senzing.json"))})
}

func TestEmitErrorStopsParse(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "x", R: bytes.NewReader(sourcetest.ReadFixture(t, "records.senzing.json"))})
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"records.senzing.json", "bad.senzing.json", "truncated.senzing.json"} {
		f.Add(sourcetest.ReadFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, got, err := run(t, "fuzz", data, 2)
		if err != nil && !errors.Is(err, source.ErrNotList) && !errors.Is(err, source.ErrTruncated) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		if len(got) > rep.Records {
			t.Fatalf("%d entities from %d records", len(got), rep.Records)
		}
		seen := map[*entity.Entity]bool{}
		for _, e := range got {
			if e.ID == "" || e.Caption() == "" || e.Names[0].Kind != entity.Primary || seen[e] {
				t.Fatalf("bad entity: %+v", e)
			}
			seen[e] = true
		}
	})
}

func BenchmarkParse(b *testing.B) {
	data := shareddata.Read(b, realFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := run(b, realFile, data, maxPending); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLineLongerThanReadBuffer(t *testing.T) {
	var names []string
	for i := range 3000 {
		names = append(names, fmt.Sprintf(`{"NAME_TYPE":"ALIAS","NAME_FULL":"Name Number %d"}`, i))
	}
	line := `{"DATA_SOURCE":"OS_T","RECORD_ID":"long","RECORD_TYPE":"PERSON","NAMES":[` + strings.Join(names, ",") + `]}`
	if len(line) < 100<<10 {
		t.Fatalf("line of %d bytes is too short for the test", len(line))
	}
	_, got, err := run(t, "long", []byte(line+"\n"), maxPending)
	if err != nil || len(got) != 1 || len(got[0].Names) != 3000 {
		t.Fatalf("err %v, %d entities", err, len(got))
	}
}

func TestDecodeStrings(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"plain"`, "plain"},
		{`"tab\there \"quoted\" back\\slash \/"`, "tab\there \"quoted\" back\\slash /"},
		{`"\u041f\u0435\u0442\u0440\u043e\u0432"`, "Петров"},
		{`"\ud83d\ude00 smile"`, "😀 smile"},
		{`"lone \ud83d surrogate"`, "lone \ufffd surrogate"},
		{"\"bad \xff byte\"", "bad \ufffd byte"},
		{`12.5`, "12.5"},
		{`true`, "true"},
		{`null`, ""},
	}
	for _, tt := range tests {
		var d decoder
		rec, err := d.decode([]byte(`{"RECORD_ID":` + tt.in + `}`))
		if err != nil || rec.id != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.in, rec.id, err, tt.want)
		}
	}
	for _, bad := range []string{`{"A":"x}`, `{"A":"\x"}`, `{"A":"\u12"}`, `{"A":tru}`, `{"A":"x",}`, `{"A":"x"} trailing`, `["A"]`, `{"A":{"B":{"C":1}}}`, `{"A":[1]}`, "{\"A\":\"new\nline\"}"} {
		var d decoder
		if _, err := d.decode([]byte(bad)); err == nil {
			t.Errorf("%s: decoded without error", bad)
		}
	}
}

func TestManyPersonsWaitingInTurn(t *testing.T) {
	// Each person is read before the position it holds, so each waits in
	// turn; the queue drops those emitted.
	var b strings.Builder
	const n = 3000
	for i := range n {
		fmt.Fprintf(&b, `{"DATA_SOURCE":"OS_T","RECORD_ID":"p%d","RECORD_TYPE":"PERSON","NAMES":[{"NAME_FULL":"Person %d"}],"RELATIONSHIPS":[{"REL_POINTER_ROLE":"Occupancy","REL_POINTER_DOMAIN":"D","REL_POINTER_KEY":"pos%d"}]}`+"\n", i, i, i)
		fmt.Fprintf(&b, `{"DATA_SOURCE":"OS_T","RECORD_ID":"pos%d","RECORD_TYPE":null,"NAMES":[{"NAME_FULL":"Post %d"}],"RELATIONSHIPS":[{"REL_ANCHOR_DOMAIN":"D","REL_ANCHOR_KEY":"pos%d"}]}`+"\n", i, i, i)
	}
	rep, got, err := run(t, "x", []byte(b.String()), maxPending)
	if err != nil || rep.Records != 2*n || len(got) != n {
		t.Fatalf("err %v, %d records, %d emitted", err, rep.Records, len(got))
	}
	for i, e := range got {
		if e.ID != fmt.Sprintf("p%d", i) || !slices.Equal(e.Positions, []string{fmt.Sprintf("Post %d", i)}) {
			t.Fatalf("entity %d: %s %v", i, e.ID, e.Positions)
		}
	}
}
