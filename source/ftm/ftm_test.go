package ftm

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
	"github.com/embargo/embargo/source/internal/field"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

const realFile = "lists/opensanctions-ftm-sample/entities.ftm.json"

// run parses data with parse and returns the entities by ID, in order.
func run(t testing.TB, name string, data []byte, delta bool, spoolLimit int) (source.Report, []*entity.Entity, error) {
	t.Helper()
	var got []*entity.Entity
	rep, err := parse(context.Background(), source.Input{Name: name, R: bytes.NewReader(data)},
		func(e *entity.Entity) error { got = append(got, e); return nil }, delta, spoolLimit)
	return rep, got, err
}

func TestParseRealFile(t *testing.T) {
	data := shareddata.Read(t, realFile)
	rep, got, err := run(t, realFile, data, false, defaultSpool)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 7 || len(got) != 6 || len(rep.Skipped) != 0 {
		t.Fatalf("records %d, parties %d, skipped %v; want 7 records (6 parties and 1 address), none skipped", rep.Records, len(got), rep.Skipped)
	}
	if rep.Dataset != "eu_fsf" || rep.Published != "2024-06-01" {
		t.Errorf("dataset %q published %q", rep.Dataset, rep.Published)
	}
	wantTypes := map[string]entity.Type{
		"NK-2GdmHtZTeNXjNVrBGEXZNj": entity.Organization, // RAB „Inter Tobacco“
		"NK-2Ka3UvopqbpZmVDFjWd4LA": entity.Person,       // KUZMENKO
		"NK-2KeUB68qUJtykm3BuAcazG": entity.Person,       // ZJURAVLEVA
		"NK-2Mht2rqBeravCTdyQAWc4o": entity.Person,       // PACHODAVA
		"NK-2Myxbs6wX9xFKGoQn3sLaY": entity.Person,       // Sojko
		"NK-2PacmNpiLUmoz4XD2mSt7A": entity.Organization, // IRGC
	}
	ents := sourcetest.ByID(got)
	for id, typ := range wantTypes {
		e := ents[id]
		if e == nil {
			t.Errorf("%s missing", id)
			continue
		}
		if e.Type != typ || e.Source != "eu_fsf" || !slices.Equal(e.Datasets, []string{"eu_fsf"}) {
			t.Errorf("%s: type %q source %q datasets %v", id, e.Type, e.Source, e.Datasets)
		}
	}

	tob := ents["NK-2GdmHtZTeNXjNVrBGEXZNj"]
	if len(tob.Names) != 12 || tob.Caption() != "RAB „Inter Tobacco“" {
		t.Errorf("Inter Tobacco: %d names, primary %q", len(tob.Names), tob.Caption())
	}
	script := 0
	for _, n := range tob.Names {
		if n.Script {
			script++
		}
		if n.Script != field.NonLatin(n.Full) {
			t.Errorf("Inter Tobacco name %q: Script %v", n.Full, n.Script)
		}
	}
	if script != 4 { // Greek, Russian, Belarusian, Bulgarian
		t.Errorf("Inter Tobacco: %d original-script names, want 4", script)
	}
	if want := []entity.Identifier{{Type: entity.Registration, Value: "808000714", Note: "Registration number"}}; !reflect.DeepEqual(tob.Identifiers, want) {
		t.Errorf("Inter Tobacco identifiers %+v", tob.Identifiers)
	}
	if !slices.Equal(tob.Countries, []string{"by"}) || tob.ListedOn != "2022-06-03" {
		t.Errorf("Inter Tobacco countries %v listed %q", tob.Countries, tob.ListedOn)
	}
	if !strings.HasPrefix(tob.Remarks, "Belarus (Minsk Free Economic Zone)") ||
		!strings.Contains(tob.Remarks, "addr-125caec37c3486d3a71de8ae943eec47f420b38a") {
		t.Errorf("Inter Tobacco remarks %q", tob.Remarks)
	}
	if len(tob.SourceIDs) != 10 || tob.SourceIDs[0] != tob.ID || tob.SourceIDs[1] != "ofac-32733" {
		t.Errorf("Inter Tobacco source IDs %v", tob.SourceIDs)
	}

	kuz := ents["NK-2Ka3UvopqbpZmVDFjWd4LA"]
	if kuz.Caption() != "Vitaly Yurievich KUZMENKO" || len(kuz.Names) != 3 {
		t.Errorf("KUZMENKO names %+v", kuz.Names)
	}
	if p := kuz.Names[0].Parts; p == nil || *p != (entity.NameParts{Given: "Vitaly", Family: "KUZMENKO"}) {
		t.Errorf("KUZMENKO primary parts %+v", p)
	}
	for _, n := range kuz.Names[1:] {
		switch n.Full {
		case "Виталий Юрьевич КУЗЬМЕНКО":
			if !n.Script || n.Parts == nil || *n.Parts != (entity.NameParts{Given: "Виталий", Family: "КУЗЬМЕНКО"}) {
				t.Errorf("KUZMENKO Cyrillic name %+v", n)
			}
		case "Vitalij Kuzmenko":
			if n.Script || n.Parts == nil || *n.Parts != (entity.NameParts{Given: "Vitalij", Family: "Kuzmenko"}) {
				t.Errorf("KUZMENKO Latin alias %+v", n)
			}
		default:
			t.Errorf("KUZMENKO unexpected name %q", n.Full)
		}
	}
	if len(kuz.BirthDates) != 1 || kuz.BirthDates[0].String() != "1971-01-22" {
		t.Errorf("KUZMENKO birth dates %v", kuz.BirthDates)
	}
	if kuz.Gender != entity.Male || !slices.Equal(kuz.Nationalities, []string{"ru"}) {
		t.Errorf("KUZMENKO gender %q nationalities %v", kuz.Gender, kuz.Nationalities)
	}
	if want := []entity.Identifier{{Type: entity.TaxID, Value: "366510784303", Note: "Tax number"}}; !reflect.DeepEqual(kuz.Identifiers, want) {
		t.Errorf("KUZMENKO identifiers %+v", kuz.Identifiers)
	}
	if !slices.Equal(kuz.Positions, []string{"General Director of JSC 163 Armor Repair Plant"}) || kuz.ListedOn != "2024-02-23" {
		t.Errorf("KUZMENKO positions %v listed %q", kuz.Positions, kuz.ListedOn)
	}
	if !strings.HasPrefix(kuz.Remarks, "The plant is part of the High Precision Systems holding company of Rostec") {
		t.Errorf("KUZMENKO remarks %q", kuz.Remarks)
	}

	soj := ents["NK-2Myxbs6wX9xFKGoQn3sLaY"]
	if soj.Names[0].Parts == nil || soj.Names[0].Parts.Title != "Colonel" {
		t.Errorf("Sojko title: %+v", soj.Names[0].Parts)
	}
	if !slices.Equal(soj.BirthPlaces, []string{"BELARUS, Komsomolskaya"}) || !slices.Equal(soj.Countries, []string{"by"}) {
		t.Errorf("Sojko birth places %v countries %v", soj.BirthPlaces, soj.Countries)
	}
}

func TestFoldsSideRecords(t *testing.T) {
	rep, got, err := run(t, "folded.ftm.json", sourcetest.ReadFixture(t, "folded.ftm.json"), false, defaultSpool)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 16 || len(rep.Skipped) != 0 || len(got) != 6 {
		t.Fatalf("records %d parties %d skipped %v", rep.Records, len(got), rep.Skipped)
	}
	if rep.Dataset != "us_ofac_sdn" || rep.Published != "2024-06-01" {
		t.Errorf("dataset %q published %q", rep.Dataset, rep.Published)
	}
	ents := sourcetest.ByID(got)

	p := ents["NK-person1"]
	wantNames := []entity.Name{
		{Full: "Qasem SOLEIMANI", Kind: entity.Primary, Parts: &entity.NameParts{Title: "Major General", Given: "Qasem", Family: "SOLEIMANI"}},
		{Full: "قاسم سلیمانی", Kind: entity.Alias, Script: true, Parts: &entity.NameParts{Given: "قاسم", Family: "سلیمانی"}},
		{Full: "Ghasem Soleymani", Kind: entity.Alias},
		{Full: "Qassem Suleimani", Kind: entity.Former},
		{Full: "Haj Qasem", Kind: entity.Alias, Weak: true, Parts: &entity.NameParts{Given: "Qasem"}},
	}
	if !reflect.DeepEqual(p.Names, wantNames) {
		t.Errorf("names:\n got %+v\nwant %+v", p.Names, wantNames)
	}
	checks := []struct {
		field string
		got   any
		want  any
	}{
		{"SourceIDs", p.SourceIDs, []string{"NK-person1", "ofac-1001", "un-QDi.999"}},
		{"Programs", p.Programs, []string{"IRAN", "SDGT"}},
		{"ListedOn (earliest listingDate)", p.ListedOn, "2001-10-12"},
		{"BirthDates", fmtDates(p.BirthDates), []string{"1957", "1957-03-11"}},
		{"BirthPlaces", p.BirthPlaces, []string{"Qom, Iran"}},
		{"Nationalities", p.Nationalities, []string{"ir"}},
		{"Countries (from the address)", p.Countries, []string{"ir"}},
		{"Gender", p.Gender, entity.Male},
		{"Addresses", p.Addresses, []entity.Address{{Full: "Pasdaran Ave, 19575 Tehran, Iran", Street: "Pasdaran Ave", City: "Tehran", PostalCode: "19575", Country: "ir"}}},
		{"Identifiers", p.Identifiers, []entity.Identifier{
			{Type: entity.NationalID, Value: "ID-OLD-1", Note: "ID number"},
			{Type: entity.Passport, Value: "008827", Country: "ir", Note: "Diplomatic passport; issued 1999-01-01"},
			{Type: entity.Crypto, Value: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", Currency: "XBT"},
			{Type: entity.NationalID, Value: "ID-9", Country: "ir", Note: "National ID No."},
		}},
		{"Positions", p.Positions, []string{"Commander of the Quds Force (1998 – 2020-01-03)"}},
		{"URL", p.URL, "https://example.org/soleimani"},
		{"Datasets", p.Datasets, []string{"un_sc_sanctions", "us_ofac_sdn"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("person %s = %#v, want %#v", c.field, c.got, c.want)
		}
	}
	for _, want := range []string{
		"Commander of the IRGC-Qods Force.", "Patronymic: Hassan", "Died: 2020-01-03",
		"Nationality: zz-unknown", "Religion: Shia", "Topics: sanction, role.pep",
		"Sanction: Office of Foreign Assets Control; program SDGT; listed 2001-10-12; reason: Leader of a terrorist group",
		"Sanction: UN Security Council; program IRAN; program ID UN-IRAN; listed 2007-03-24; UN SC reference QDi.999",
		"Created: 2000-01-01",
	} {
		if !strings.Contains(p.Remarks, want) {
			t.Errorf("person remarks lack %q:\n%s", want, p.Remarks)
		}
	}
	if !strings.HasPrefix(p.Remarks, "Commander of the IRGC-Qods Force.") {
		t.Errorf("notes should open the remarks: %q", p.Remarks)
	}

	c := ents["NK-company1"]
	if c.Type != entity.Organization || c.Caption() != "ACME Shipping LLC" ||
		!reflect.DeepEqual(c.Names[1:], []entity.Name{{Full: "ASL", Kind: entity.Alias}, {Full: "ACME Maritime", Kind: entity.Former}}) {
		t.Errorf("company names %+v", c.Names)
	}
	if fmtDates(c.BirthDates)[0] != "1999-05" || !slices.Equal(c.Countries, []string{"ru"}) {
		t.Errorf("company incorporation %v countries %v", c.BirthDates, c.Countries)
	}
	wantIDs := map[string]entity.IDType{"7701234567": entity.TaxID, "1027700000000": entity.Registration, "C-55": entity.Registration,
		"ACMEIRTH": entity.BIC, "info@acme.example": entity.Other, "acme.example": entity.Other}
	if len(c.Identifiers) != len(wantIDs) {
		t.Errorf("company identifiers %+v", c.Identifiers)
	}
	for _, id := range c.Identifiers {
		if wantIDs[id.Value] != id.Type {
			t.Errorf("company identifier %+v", id)
		}
	}
	if c.URL != "https://example.org/acme" || !strings.Contains(c.Remarks, "Source: https://example.org/acme-2") ||
		!strings.Contains(c.Remarks, "Legal form: Limited liability company") || !strings.Contains(c.Remarks, "Not itself a target") {
		t.Errorf("company URL %q remarks %q", c.URL, c.Remarks)
	}

	v := ents["NK-vessel1"]
	if v.Type != entity.Vessel || !reflect.DeepEqual(v.Vessel, &entity.Craft{Flag: "pa", Kind: "Crude Oil Tanker", Tonnage: "80000", GRT: "42000"}) {
		t.Errorf("vessel %q %+v", v.Type, v.Vessel)
	}
	for _, id := range []entity.Identifier{
		{Type: entity.IMO, Value: "IMO 9123456", Note: "IMO number"},
		{Type: entity.MMSI, Value: "352001234", Note: "MMSI"},
		{Type: entity.CallSign, Value: "3EAB4", Note: "Call sign"},
	} {
		if !slices.Contains(v.Identifiers, id) {
			t.Errorf("vessel lacks %+v: %+v", id, v.Identifiers)
		}
	}
	if !strings.Contains(v.Remarks, "Past flags: lr") || !strings.Contains(v.Remarks, "Owner: NK-company1") || !strings.Contains(v.Remarks, "Build date: 1998") {
		t.Errorf("vessel remarks %q", v.Remarks)
	}

	a := ents["NK-plane1"]
	if a.Type != entity.Aircraft || a.Vessel == nil || a.Vessel.Kind != "Boeing 747-200" || !slices.Equal(a.Countries, []string{"ir"}) {
		t.Errorf("airplane %+v", a)
	}
	if le := ents["NK-le1"]; le.Type != entity.Organization || !slices.Equal(le.Countries, []string{"ua-dpr"}) {
		t.Errorf("legal entity %+v", le)
	}
	if pb := ents["NK-pb1"]; pb.Type != entity.Organization || !slices.Equal(pb.Programs, []string{"IRAN-HR"}) || !pb.Names[1].Script {
		t.Errorf("public body %+v", pb)
	}
}

func fmtDates(ds []entity.Date) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func TestReadsNestedExport(t *testing.T) {
	rep, got, err := run(t, "nested.ftm.json", sourcetest.ReadFixture(t, "nested.ftm.json"), false, defaultSpool)
	if err != nil || len(got) != 1 || len(rep.Skipped) != 0 {
		t.Fatalf("err %v, %d entities, skipped %v", err, len(got), rep.Skipped)
	}
	e := got[0]
	checks := []struct {
		field     string
		got, want any
	}{
		{"Addresses", e.Addresses, []entity.Address{{Full: "Tverskaya 1, Moscow, Russia", Country: "ru"}}},
		{"Programs", e.Programs, []string{"RUS"}},
		{"ListedOn", e.ListedOn, "2022-02-23"},
		{"Identifiers", e.Identifiers, []entity.Identifier{{Type: entity.Passport, Value: "7212345", Country: "ru"}}},
		{"Positions", e.Positions, []string{"Member of the State Duma (since 2016)"}},
		{"Remarks", e.Remarks, "Sanction: European Union; program RUS; listed 2022-02-23; from 2022-02-24"},
		{"Names[1]", e.Names[1], entity.Name{Full: "Иван ПЕТРОВ", Kind: entity.Alias, Script: true, Parts: &entity.NameParts{Given: "Иван", Family: "ПЕТРОВ"}}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.field, c.got, c.want)
		}
	}
}

func TestDelta(t *testing.T) {
	rep, got, err := run(t, "delta.ftm.json", sourcetest.ReadFixture(t, "delta.ftm.json"), true, defaultSpool)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 8 || len(got) != 2 {
		t.Fatalf("records %d, entities %d", rep.Records, len(got))
	}
	if !slices.Equal(rep.Deleted, []string{"NK-2Myxbs6wX9xFKGoQn3sLaY"}) {
		t.Errorf("deleted %v", rep.Deleted)
	}
	ents := sourcetest.ByID(got)
	if n := ents["NK-new1"]; n == nil || !slices.Equal(n.Programs, []string{"RUS"}) || n.ListedOn != "2024-06-01" {
		t.Errorf("added person with its added sanction: %+v", n)
	}
	if m := ents["NK-2KeUB68qUJtykm3BuAcazG"]; m == nil || len(m.Names) != 2 {
		t.Errorf("modified person: %+v", m)
	}
	wantProblems := []struct {
		line         int
		record, text string
	}{
		{7, "NK-x", `unknown operation "RENAME"`},
		{8, "", "DEL operation names no entity id"},
		{5, "NK-addr-changed", "Address changed but no party"},
		{6, "sanc-orphan", "Sanction changed but no party"},
	}
	if len(rep.Skipped) != len(wantProblems) {
		t.Fatalf("problems %v", rep.Skipped)
	}
	for i, w := range wantProblems {
		p := rep.Skipped[i]
		if p.Line != w.line || p.Record != w.record || !strings.Contains(p.Err.Error(), w.text) || p.File != "delta.ftm.json" {
			t.Errorf("problem %d = %v, want line %d record %q %q", i, p, w.line, w.record, w.text)
		}
	}
}

func TestMalformedLinesAreReported(t *testing.T) {
	rep, got, err := run(t, "bad.ftm.json", sourcetest.ReadFixture(t, "bad.ftm.json"), false, defaultSpool)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 11 {
		t.Errorf("records %d, want 11", rep.Records)
	}
	var ids []string
	for _, e := range got {
		ids = append(ids, e.ID)
	}
	if !slices.Equal(ids, []string{"NK-good1", "NK-good2"}) {
		t.Errorf("emitted %v", ids)
	}
	if got[0].Remarks != "Birth date: sometime in spring" {
		t.Errorf("unparsed birth date should stay in remarks: %q", got[0].Remarks)
	}
	tests := []struct {
		line          int
		record, field string
		text          string
	}{
		{2, "", "", "invalid JSON"},
		{3, "", "id", "no id"},
		{4, "NK-noschema", "schema", "no schema"},
		{5, "NK-alien", "schema", `unknown FtM schema "Spaceship"`},
		{6, "NK-car", "schema", "listed target"},
		{8, "sanc-lost", "entity", "Sanction entity has no entity"},
		{10, "", "", "not an FtM entity object"},
		{1, "NK-good1", "birthDate", "sometime in spring"},
		{7, "NK-nameless", "name", "has no name"},
		{9, "NK-deep", "properties", "list inside a list"},
	}
	if len(rep.Skipped) != len(tests) {
		t.Fatalf("problems:\n%v", rep.Skipped)
	}
	for i, tt := range tests {
		p := rep.Skipped[i]
		if p.Line != tt.line || p.Record != tt.record || p.Field != tt.field || !strings.Contains(p.Err.Error(), tt.text) {
			t.Errorf("problem %d = %q, want line %d record %q field %q %q", i, p.Error(), tt.line, tt.record, tt.field, tt.text)
		}
	}
}

func TestFileErrors(t *testing.T) {
	full := `{"id":"a","schema":"Person","properties":{"name":["A"]}}` + "\n"
	delta := `{"op":"ADD","entity":{"id":"a","schema":"Person","properties":{"name":["A"]}}}` + "\n"
	tests := []struct {
		name  string
		data  string
		delta bool
		want  error
	}{
		{"empty", "", false, source.ErrNotList},
		{"blank lines", "\n  \n\n", false, source.ErrNotList},
		{"csv", "name,dob\nKim,1984\n", false, source.ErrNotList},
		{"other JSON", `{"DATA_SOURCE":"X","RECORD_ID":"1"}` + "\n", false, source.ErrNotList},
		{"delta given as full export", delta, false, source.ErrNotList},
		{"full export given as delta", full, true, source.ErrNotList},
		{"empty delta", "", true, source.ErrNotList},
		{"last line cut", string(sourcetest.ReadFixture(t, "truncated.ftm.json")), false, source.ErrTruncated},
		{"first line cut", `{"id":"a","schema":"Person","prop`, false, source.ErrTruncated},
		{"delta cut", delta + `{"op":"ADD","entity":{"id":"b","sch`, true, source.ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, err := run(t, "list.json", []byte(tt.data), tt.delta, defaultSpool)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), "list.json") {
				t.Errorf("error does not name the file: %v", err)
			}
			if len(got) != 0 {
				t.Errorf("emitted %d entities from a bad file", len(got))
			}
		})
	}
}

func TestLastLineWithoutNewline(t *testing.T) {
	rep, got, err := run(t, "x", sourcetest.ReadFixture(t, "nonewline.ftm.json"), false, defaultSpool)
	if err != nil || len(got) != 1 || rep.Records != 1 {
		t.Fatalf("err %v, %d entities", err, len(got))
	}
}

func TestSpillsPartiesToTempFile(t *testing.T) {
	data := sourcetest.ReadFixture(t, "folded.ftm.json")
	_, inMemory, err := run(t, "x", data, false, defaultSpool)
	if err != nil {
		t.Fatal(err)
	}
	_, spilled, err := run(t, "x", data, false, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(inMemory, spilled) {
		t.Error("parsing through the temporary file gives other entities")
	}
}

func TestSniff(t *testing.T) {
	long := `{"id":"NK-1","caption":"X","schema":"Person","properties":{"name":["` + strings.Repeat("x", 70000) + `"]}}`
	tests := []struct {
		name        string
		head        string
		full, delta bool
	}{
		{"entity", `{"id":"NK-1","schema":"Person","properties":{}}` + "\n", true, false},
		{"entity after BOM and blank line", "\ufeff\n" + `{"id":"NK-1","schema":"Person","properties":{}}`, true, false},
		{"first line longer than the head", long[:65536], true, false},
		{"delta", `{"op":"ADD","entity":{"id":"NK-1","schema":"Person","properties":{}}}`, false, true},
		{"senzing", `{"DATA_SOURCE":"OS_X","RECORD_ID":"1","NAMES":[]}`, false, false},
		{"json array", `[{"id":"NK-1","schema":"Person"}]`, false, false},
		{"csv", "id,schema,properties\n", false, false},
		{"xml", `<?xml version="1.0"?><sanctions/>`, false, false},
		{"empty", "", false, false},
	}
	for _, tt := range tests {
		if got := Sniff("entities.ftm.json", []byte(tt.head)); got != tt.full {
			t.Errorf("%s: Sniff = %v", tt.name, got)
		}
		if got := SniffDelta("entities.delta.json", []byte(tt.head)); got != tt.delta {
			t.Errorf("%s: SniffDelta = %v", tt.name, got)
		}
	}
	f, d := Format(), DeltaFormat()
	if f.Name != "ftm-json" || d.Name != "ftm-delta-json" || f.Source != "" || d.Source != "" || f.Parse == nil || d.Sniff == nil {
		t.Errorf("formats %+v %+v", f, d)
	}
}

func TestCancelledContext(t *testing.T) {
	sourcetest.HonoursCancellation(t, Parse, source.Input{Name: "x", R: bytes.NewReader(sourcetest.ReadFixture(t, "folded.ftm.json"))})
}

func TestEmitErrorStopsParse(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "x", R: bytes.NewReader(sourcetest.ReadFixture(t, "folded.ftm.json"))})
}

func TestContainsWord(t *testing.T) {
	tests := []struct {
		s, w string
		want bool
	}{
		{"Vitaly Yurievich KUZMENKO", "Kuzmenko", true},
		{"Vitaly Yurievich KUZMENKO", "Vitalij", false},
		{"Anna Maria", "Ann", false},
		{"Jong Un KIM", "Jong Un", true},
		{"КУЗЬМЕНКО Виталий", "виталий", true},
		{"Al-Baghdadi", "Baghdadi", true},
		{"x", "", false},
	}
	for _, tt := range tests {
		if got := containsWord(tt.s, tt.w); got != tt.want {
			t.Errorf("containsWord(%q, %q) = %v", tt.s, tt.w, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"folded.ftm.json", "nested.ftm.json", "delta.ftm.json", "bad.ftm.json", "truncated.ftm.json", "nonewline.ftm.json"} {
		f.Add(sourcetest.ReadFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, delta := range []bool{false, true} {
			rep, got, err := run(t, "fuzz", data, delta, 256)
			if err != nil {
				if !errors.Is(err, source.ErrNotList) && !errors.Is(err, source.ErrTruncated) {
					t.Fatalf("unexpected error kind: %v", err)
				}
				continue
			}
			if len(got) > rep.Records {
				t.Fatalf("%d entities from %d records", len(got), rep.Records)
			}
			for _, e := range got {
				if e.ID == "" || e.Caption() == "" || e.Names[0].Kind != entity.Primary {
					t.Fatalf("entity without ID or primary name: %+v", e)
				}
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	data := shareddata.Read(b, realFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := run(b, realFile, data, false, defaultSpool); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLineLongerThanReadBuffer(t *testing.T) {
	var names []string
	for i := range 6000 {
		names = append(names, fmt.Sprintf(`"Name Number %d"`, i))
	}
	line := `{"id":"NK-long","caption":"Name Number 0","schema":"Person","properties":{"name":[` + strings.Join(names, ",") + `]}}`
	data := []byte(line + "\n" + line[:len(line)-1] + "\n")
	if len(line) < 100<<10 {
		t.Fatalf("line of %d bytes is too short for the test", len(line))
	}
	rep, got, err := run(t, "long", data, false, defaultSpool)
	if err != nil || len(got) != 1 || len(got[0].Names) != 6000 || len(rep.Skipped) != 1 || rep.Skipped[0].Line != 2 {
		t.Fatalf("err %v, %d entities, problems %v", err, len(got), rep.Skipped)
	}
}
