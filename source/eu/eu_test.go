package eu

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

func TestParseSample(t *testing.T) {
	byID, order, rep, err := sourcetest.CollectByID(t, Parse, "sample.xml", sourcetest.ReadFixture(t, "sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	sourcetest.Eq(t, "Published", rep.Published, "2026-02-20")
	sourcetest.Eq(t, "Records", rep.Records, 7)
	sourcetest.Eq(t, "entities", order, []string{"eu-139001", "eu-139002", "eu-139003", "eu-139004", "eu-139007"})
	if len(rep.Skipped) != 2 {
		t.Fatalf("Skipped = %v, want 2 problems", rep.Skipped)
	}
	if p := rep.Skipped[0]; p.Record != "Nameless Identifier" || !errors.Is(p, errNoID) || p.File != "sample.xml" || p.Line == 0 {
		t.Errorf("first problem = %+v", p)
	}
	if p := rep.Skipped[1]; p.Record != "139006" || !errors.Is(p, errNoName) {
		t.Errorf("second problem = %+v", p)
	}

	tests := []struct {
		id    string
		check func(t *testing.T, e *entity.Entity)
	}{
		{"eu-139001", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "SourceIDs", e.SourceIDs, []string{"139001", "EU.9001.12"})
			sourcetest.Eq(t, "Type", e.Type, entity.Person)
			sourcetest.Eq(t, "names", e.Names, []entity.Name{
				{Full: "Ivan Petrovich SIDOROV", Kind: entity.Primary,
					Parts: &entity.NameParts{Given: "Ivan", Middle: "Petrovich", Family: "SIDOROV"}},
				{Full: "Иван Петрович СИДОРОВ", Kind: entity.Alias, Script: true, Lang: "ru",
					Parts: &entity.NameParts{Given: "Иван", Middle: "Петрович", Family: "СИДОРОВ"}},
				{Full: "Ivan SYDOROV", Kind: entity.Alias, Lang: "uk"},
				{Full: "Vanya", Kind: entity.Alias, Weak: true, Lang: "en"},
			})
			sourcetest.Eq(t, "Gender", e.Gender, entity.Male)
			sourcetest.Eq(t, "Positions", e.Positions, []string{"Deputy Minister of Defence of the Russian Federation"})
			sourcetest.Eq(t, "Programs", e.Programs, []string{"UKR"})
			sourcetest.Eq(t, "ListedOn (designationDate)", e.ListedOn, "2022-02-28")
			sourcetest.Eq(t, "Citizenships", e.Citizenships, []string{"ru"})
			sourcetest.Eq(t, "Nationalities", e.Nationalities, []string(nil))
			sourcetest.Eq(t, "BirthDates", sourcetest.Dates(e), []string{"1960-06-29", "~1961"})
			sourcetest.Eq(t, "BirthPlaces", e.BirthPlaces, []string{"Moscow, RUSSIAN FEDERATION"})
			sourcetest.Eq(t, "Identifiers", e.Identifiers, []entity.Identifier{
				{Type: entity.Passport, Value: "7512345678", Country: "ru",
					Note: "National passport; known expired; issued by FMS 77001; issued 2010-05-12; valid to 2020-05-12; internal passport"},
				{Type: entity.Passport, Value: "20 1234567", Country: "ru", Note: "Diplomatic passport; diplomatic"},
				{Type: entity.TaxID, Value: "770123456789", Country: "ru", Note: "INN"},
			})
			sourcetest.Eq(t, "Addresses", e.Addresses, []entity.Address{{Full: "Frunzenskaya Naberezhnaya 22, Moscow, 119160, RUSSIAN FEDERATION",
				Street: "Frunzenskaya Naberezhnaya 22", City: "Moscow", PostalCode: "119160", Country: "ru"}})
			sourcetest.Eq(t, "Countries", e.Countries, []string{"ru"})
			sourcetest.Eq(t, "URL", e.URL, "")
			if !strings.HasPrefix(e.Remarks, "Date of listing: 28.2.2022.\nRegulation 2022/336 (OJ L58) (amendment, council), programme UKR, published 2022-02-28, in force 2022-02-28, https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R0336\n") {
				t.Errorf("remarks do not start with the entity remark and regulations:\n%s", e.Remarks)
			}
			sourcetest.HasRemark(t, e, `Name "Vanya": low quality alias`)
			sourcetest.HasRemark(t, e, "Address Frunzenskaya Naberezhnaya 22, Moscow, 119160, RUSSIAN FEDERATION: as at listing time")
		}},
		{"eu-139002", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "SourceIDs with the UN id", e.SourceIDs, []string{"139002", "EU.27.901", "TAi.901"})
			sourcetest.Eq(t, "primary", e.Names[0], entity.Name{Full: "Abdul Rahman", Kind: entity.Primary,
				Parts: &entity.NameParts{Title: "Mullah", Given: "Abdul", Family: "Rahman"}})
			sourcetest.Eq(t, "Arabic name", e.Names[1], entity.Name{Full: "عبد الرحمن", Kind: entity.Alias, Script: true, Lang: "ar"})
			sourcetest.Eq(t, "Positions", e.Positions, []string{"Governor of Kandahar Province under the Taliban regime", "Mullah"})
			sourcetest.Eq(t, "ListedOn (first regulation)", e.ListedOn, "2001-01-26")
			sourcetest.Eq(t, "BirthDates: circa range, no Islamic date", sourcetest.Dates(e), []string{"~1960/1962"})
			sourcetest.Eq(t, "BirthPlaces", e.BirthPlaces, []string{"Deh Rawood District, Kandahar, AFGHANISTAN"})
			sourcetest.Eq(t, "Citizenships", e.Citizenships, []string{"af"})
			sourcetest.Eq(t, "Identifiers", e.Identifiers, []entity.Identifier(nil))
			for _, r := range []string{
				"Designation details: Listed by the UN Security Council on 25.1.2001.",
				"Citizenship: Reportedly also holds another nationality",
				"Date of birth: 1380-6-24 (islamic calendar)",
				"Identification: passport; known false; name on document: Abdul Rahman Khan; Passport number not known",
			} {
				sourcetest.HasRemark(t, e, r)
			}
		}},
		{"eu-139003", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "Type", e.Type, entity.Organization)
			sourcetest.Eq(t, "names", e.Names, []entity.Name{
				{Full: `Joint Stock Company "Northern Precision Works"`, Kind: entity.Primary, Lang: "en"},
				{Full: "АО «Северный завод точного машиностроения»", Kind: entity.Alias, Script: true, Lang: "ru"},
				{Full: "AO SZTM", Kind: entity.Alias},
			})
			sourcetest.Eq(t, "Identifiers", e.Identifiers, []entity.Identifier{
				{Type: entity.Registration, Value: "1027801234567", Country: "ru", Note: "OGRN; issued 2002-11-14"},
				{Type: entity.TaxID, Value: "7801234567", Country: "ru", Note: "Tax identification number (INN)"},
				{Type: entity.BIC, Value: "NPWKRUMM", Note: "swiftbic"},
			})
			sourcetest.Eq(t, "no positions for an enterprise", e.Positions, []string(nil))
			sourcetest.Eq(t, "Gender", e.Gender, entity.Gender(""))
			sourcetest.Eq(t, "Addresses", e.Addresses, []entity.Address{{
				Full:   "Obvodnogo Kanala 93A, P.O. Box 12, Saint Petersburg, 191119, RUSSIAN FEDERATION",
				Street: "Obvodnogo Kanala 93A", City: "Saint Petersburg", PostalCode: "191119", Country: "ru"}})
			sourcetest.HasRemark(t, e, "Address Obvodnogo Kanala 93A, P.O. Box 12, Saint Petersburg, 191119, RUSSIAN FEDERATION: PHONE: +7 812 555 01 23; WEB: www.npw.example")
			sourcetest.HasRemark(t, e, "Function: Manufacturer of guidance systems")
		}},
		{"eu-139004", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "Type", e.Type, entity.Organization)
			sourcetest.Eq(t, "aliases", e.Aliases(), []string{"SEA GLORY"})
			sourcetest.Eq(t, "Identifiers", e.Identifiers, []entity.Identifier{{Type: entity.IMO, Value: "9123456", Note: "IMO number"}})
			sourcetest.Eq(t, "ListedOn (earliest regulation)", e.ListedOn, "2023-06-23")
			sourcetest.Eq(t, "Countries", e.Countries, []string{"pa"})
			sourcetest.HasRemark(t, e, "Address PANAMA: Flag State")
			sourcetest.HasRemark(t, e, "vesselDetails: flag=PA; tonnage=81000")
			sourcetest.HasRemark(t, e, "Function: Crude oil tanker")
			sourcetest.HasRemark(t, e, `Name "SEA GLORY": former name`)
		}},
		{"eu-139007", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "names", e.Names, []entity.Name{
				{Full: "Alena KAVALIOVA", Kind: entity.Primary, Parts: &entity.NameParts{Given: "Alena", Family: "KAVALIOVA"}},
				{Full: "Алена КАВАЛЁВА", Kind: entity.Alias, Weak: true, Script: true, Lang: "be",
					Parts: &entity.NameParts{Given: "Алена", Family: "КАВАЛЁВА"}},
			})
			sourcetest.HasRemark(t, e, `No strong name listed; "Alena KAVALIOVA", the first, is the primary name`)
			sourcetest.Eq(t, "BirthDates from year and month", sourcetest.Dates(e), []string{"1975-04"})
			sourcetest.Eq(t, "BirthPlaces", e.BirthPlaces, []string{"BELARUS"})
			sourcetest.Eq(t, "Gender", e.Gender, entity.Female)
			sourcetest.Eq(t, "ListedOn", e.ListedOn, "2024-12-16")
			sourcetest.Eq(t, "Programs", e.Programs, []string{"BLR"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e := byID[tt.id]
			if e == nil {
				t.Fatalf("%s not emitted", tt.id)
			}
			sourcetest.Eq(t, "Source", e.Source, "eu")
			tt.check(t, e)
		})
	}
}

func TestPrimaryPrefersLatinStrongName(t *testing.T) {
	doc := `<export xmlns="http://eu.europa.eu/fpi/fsd/export" generationDate="2026-01-01"><sanctionEntity logicalId="1">
	<subjectType code="person"/>
	<nameAlias wholeName="Weak Name" strong="false"/>
	<nameAlias wholeName="Сергей ИВАНОВ" nameLanguage="RU" strong="true"/>
	<nameAlias wholeName="Sergei IVANOV" strong="true"/>
	</sanctionEntity></export>`
	byID, _, _, err := sourcetest.CollectByID(t, Parse, "in.xml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	sourcetest.Eq(t, "aliases", byID["eu-1"].Aliases(), []string{"Weak Name", "Сергей ИВАНОВ"})
	sourcetest.Eq(t, "caption", byID["eu-1"].Caption(), "Sergei IVANOV")
}

func TestBirthdateForms(t *testing.T) {
	tests := []struct {
		attrs  string
		dates  []string
		places []string
		remark string
	}{
		{`birthdate="1960-06-29"`, []string{"1960-06-29"}, nil, ""},
		{`year="1960" monthOfYear="0" dayOfMonth="0"`, []string{"1960"}, nil, ""},
		{`year="1960" month="6" day="29"`, []string{"1960-06-29"}, nil, ""},
		{`year="1960" circa="true"`, []string{"~1960"}, nil, ""},
		{`yearRangeFrom="1970" yearRangeTo="1975"`, []string{"1970/1975"}, nil, ""},
		{`yearRangeFrom="1975" yearRangeTo="1970"`, nil, nil, "Date of birth: 1975 to 1970"},
		{`yearRangeFrom="1970"`, nil, nil, "Date of birth: 1970"},
		{`birthdate="1960-02-30"`, nil, nil, "Date of birth: 1960-02-30"},
		{`monthOfYear="6" dayOfMonth="29"`, nil, nil, "Date of birth: month 6, day 29"},
		{`year="1380" calendarType="ISLAMIC"`, nil, nil, "Date of birth: 1380 (islamic calendar)"},
		{`city="Tehran" countryIso2Code="IR" countryDescription="IRAN"`, nil, []string{"Tehran, IRAN"}, ""},
		{`year="1960"><remark>possibly 1961</remark></birthdate><birthdate place="x"`, []string{"1960"}, []string{"x"}, "Date of birth 1960: possibly 1961"},
	}
	for _, tt := range tests {
		t.Run(tt.attrs, func(t *testing.T) {
			doc := `<export><sanctionEntity logicalId="1"><subjectType code="person"/><nameAlias wholeName="A B"/><birthdate ` +
				tt.attrs + `/></sanctionEntity></export>`
			byID, _, _, err := sourcetest.CollectByID(t, Parse, "in.xml", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			e := byID["eu-1"]
			sourcetest.Eq(t, "dates", sourcetest.Dates(e), tt.dates)
			sourcetest.Eq(t, "places", e.BirthPlaces, tt.places)
			if tt.remark != "" {
				sourcetest.HasRemark(t, e, tt.remark)
			}
		})
	}
}

func TestIdentificationNumbers(t *testing.T) {
	doc := `<export><sanctionEntity logicalId="1"><subjectType code="person"/><nameAlias wholeName="A B"/>
	<identification identificationTypeCode="id" number="АБ 123" latinNumber="AB 123" countryIso2Code="UA"/>
	<identification identificationTypeCode="other" identificationTypeDescription="Personal identification number" documentNumber="555-12"/>
	<identification identificationTypeCode="regnumber" number="42" revokedByIssuer="true" reportedLost="true" validFrom="2001-01-01" region="Crimea" countryIso2Code="00" countryDescription="UNKNOWN" custom="x"/>
	</sanctionEntity></export>`
	byID, _, _, err := sourcetest.CollectByID(t, Parse, "in.xml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	sourcetest.Eq(t, "identifiers", byID["eu-1"].Identifiers, []entity.Identifier{
		{Type: entity.NationalID, Value: "АБ 123", Country: "ua", Note: "id"},
		{Type: entity.NationalID, Value: "AB 123", Country: "ua", Note: "id; number in Latin letters"},
		{Type: entity.NationalID, Value: "555-12", Note: "Personal identification number; document number"},
		{Type: entity.Registration, Value: "42", Note: "regnumber; reported lost; revoked by issuer; valid from 2001-01-01; region Crimea; custom=x"},
	})
}

func TestSubjectTypes(t *testing.T) {
	tests := []struct {
		attrs string
		want  entity.Type
	}{
		{`code="person" classificationCode="P"`, entity.Person},
		{`code="enterprise" classificationCode="E"`, entity.Organization},
		{`classificationCode="P"`, entity.Person},
		{`classificationCode="E"`, entity.Organization},
		{`code="vessel"`, entity.Vessel},
		{`code="spaceship"`, entity.Unknown},
	}
	for _, tt := range tests {
		doc := `<export><sanctionEntity logicalId="1"><subjectType ` + tt.attrs + `/><nameAlias wholeName="A B"/></sanctionEntity></export>`
		byID, _, _, err := sourcetest.CollectByID(t, Parse, "in.xml", []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		sourcetest.Eq(t, tt.attrs, byID["eu-1"].Type, tt.want)
	}
	byID, _, _, _ := sourcetest.CollectByID(t, Parse, "in.xml", []byte(`<export><sanctionEntity logicalId="1"><nameAlias wholeName="A B"/></sanctionEntity></export>`))
	sourcetest.HasRemark(t, byID["eu-1"], "No subjectType given")
}

func TestParseErrors(t *testing.T) {
	sample := sourcetest.ReadFixture(t, "sample.xml")
	tests := []struct {
		name    string
		data    string
		wantErr error
	}{
		{"empty file", "", source.ErrNotList},
		{"XML declaration only", `<?xml version="1.0"?>`, source.ErrNotList},
		{"CSV", "Entity_LogicalId;Entity_EU_ReferenceNumber\n1;EU.1\n", source.ErrNotList},
		{"UN list", `<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS/></CONSOLIDATED_LIST>`, source.ErrNotList},
		{"export root in another namespace", `<export xmlns="urn:example:other"><item/></export>`, source.ErrNotList},
		{"truncated in a record", string(sample[:bytes.Index(sample, []byte("<citizenship"))+20]), source.ErrTruncated},
		{"truncated between records", string(sample[:bytes.Index(sample, []byte("</sanctionEntity>"))+17]), source.ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sourcetest.Fails(t, Parse, "in.xml", []byte(tt.data), tt.wantErr)
		})
	}
}

func TestParseStopsOnEmitErrorAndCancel(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "in.xml", R: bytes.NewReader(sourcetest.ReadFixture(t, "sample.xml"))})
	sourcetest.CancelledBeforeAnyEntity(t, Parse, source.Input{Name: "in.xml", R: bytes.NewReader(sourcetest.ReadFixture(t, "sample.xml"))})
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"sample", string(sourcetest.ReadFixture(t, "sample.xml")), true},
		{"namespace with .eu", `<?xml version="1.0"?><export xmlns="http://eu.europa.eu/fpi/fsd/export" generationDate="2026-01-01">`, true},
		{"prefixed root", `<fsd:export xmlns:fsd="http://eu.europa.ec/fpi/fsd/export">`, true},
		{"no namespace but sanctionEntity", `<export generationDate="2026-01-01"><sanctionEntity logicalId="1">`, true},
		{"other export", `<?xml version="1.0"?><export version="2"><item id="1"/></export>`, false},
		{"UN list", `<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS>`, false},
		{"OFAC SDN XML", `<?xml version="1.0"?><sdnList xmlns="http://tempuri.org/sdnList.xsd">`, false},
		{"EU CSV", "Entity_LogicalId;sanctionEntity\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff("list.xml", []byte(tt.head)); got != tt.want {
				t.Errorf("Sniff = %v, want %v", got, tt.want)
			}
		})
	}
	if f := Format(); f.Name != "eu-xml" || f.Source != "eu" || f.Parse == nil || f.Sniff == nil || f.Description == "" {
		t.Errorf("Format() = %+v", f)
	}
}

// largeSample repeats the fixture's records n times with fresh logical ids,
// standing in for a real file, which the project does not keep.
func largeSample(tb testing.TB, n int) []byte {
	sample := string(sourcetest.ReadFixture(tb, "sample.xml"))
	start := strings.Index(sample, "<sanctionEntity")
	end := strings.LastIndex(sample, "</export>")
	records := sample[start:end]
	idRe := regexp.MustCompile(`logicalId="(\d+)"`)
	var b strings.Builder
	b.WriteString(sample[:start])
	for i := 0; i < n; i++ {
		b.WriteString(idRe.ReplaceAllString(records, fmt.Sprintf(`logicalId="${1}%d"`, i)))
	}
	b.WriteString(sample[end:])
	return []byte(b.String())
}

func TestParseLargeFile(t *testing.T) {
	byID, _, rep, err := sourcetest.CollectByID(t, Parse, "large.xml", largeSample(t, 200))
	if err != nil || len(byID) != 1000 || rep.Records != 1400 || len(rep.Skipped) != 400 {
		t.Errorf("%d entities, %d records, %d skipped, err %v", len(byID), rep.Records, len(rep.Skipped), err)
	}
}

// BenchmarkParse parses a synthetic file of 5,000 listed parties built from
// the fixture (the EU list has about that many); no real file is kept.
func BenchmarkParse(b *testing.B) {
	data := largeSample(b, 1000)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		_, err := Parse(context.Background(), source.Input{Name: "large.xml", R: bytes.NewReader(data)},
			func(*entity.Entity) error { n++; return nil })
		if err != nil || n != 5000 {
			b.Fatalf("%d entities, %v", n, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	// One small document per fixture record, without the indentation:
	// small seeds keep the fuzzer's minimisation of new inputs short.
	between := regexp.MustCompile(`>\s+<`)
	sample := string(sourcetest.ReadFixture(f, "sample.xml"))
	for _, m := range regexp.MustCompile(`(?s)<sanctionEntity.*?</sanctionEntity>`).FindAllString(sample, -1) {
		f.Add([]byte(`<?xml version="1.0"?><export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-02-20T17:26:53+01:00">` +
			between.ReplaceAllString(m, "><") + `</export>`))
	}
	f.Add([]byte(`<export><sanctionEntity logicalId="1"><nameAlias wholeName="A"/><birthdate yearRangeFrom="1990" yearRangeTo="1980"/></sanctionEntity></export>`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := Parse(context.Background(), source.Input{Name: "fuzz.xml", R: bytes.NewReader(data)}, func(e *entity.Entity) error {
			if !strings.HasPrefix(e.ID, "eu-") || len(e.ID) == 3 {
				t.Errorf("bad ID %q", e.ID)
			}
			if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Full == "" {
				t.Errorf("%s: bad names %+v", e.ID, e.Names)
			}
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Errorf("%s: invalid date %+v", e.ID, d)
				}
			}
			return nil
		})
		if rep.Records < len(rep.Skipped) {
			t.Errorf("records %d < skipped %d", rep.Records, len(rep.Skipped))
		}
		if err != nil && !strings.Contains(err.Error(), "fuzz.xml") {
			t.Errorf("error %q does not name the file", err)
		}
	})
}
