package un

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

func names(e *entity.Entity) []entity.Name { return e.Names }

func TestParseSample(t *testing.T) {
	byID, order, rep, err := sourcetest.CollectByID(t, Parse, "sample.xml", sourcetest.ReadFixture(t, "sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Published != "2026-02-27" {
		t.Errorf("Published = %q", rep.Published)
	}
	if rep.Records != 8 {
		t.Errorf("Records = %d, want 8", rep.Records)
	}
	wantOrder := []string{"un-QDi.901", "un-KPi.901", "un-QDi.902", "un-TAi.901", "un-KPe.901", "un-QDe.901"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("entities = %v, want %v", order, wantOrder)
	}
	if len(rep.Skipped) != 2 {
		t.Fatalf("Skipped = %v, want 2 problems", rep.Skipped)
	}
	if p := rep.Skipped[0]; p.Record != "900004" || !errors.Is(p, errNoName) || p.File != "sample.xml" || p.Line == 0 {
		t.Errorf("first problem = %+v", p)
	}
	if p := rep.Skipped[1]; p.Record != "NOBODY KNOWN" || !errors.Is(p, errNoID) {
		t.Errorf("second problem = %+v", p)
	}

	tests := []struct {
		id    string
		check func(t *testing.T, e *entity.Entity)
	}{
		{"un-QDi.901", func(t *testing.T, e *entity.Entity) {
			want := []entity.Name{
				{Full: "HASSAN ALI MAHMOUD AL-SAMARRAI", Kind: entity.Primary,
					Parts: &entity.NameParts{Given: "HASSAN", Middle: "ALI MAHMOUD", Family: "AL-SAMARRAI"}},
				{Full: "حسن علي محمود السامرائي", Kind: entity.Alias, Script: true, Lang: "ar"},
				{Full: "Абу Али", Kind: entity.Alias, Weak: true, Script: true, Lang: "ru"},
				{Full: "حسن السامرائي", Kind: entity.Alias, Script: true, Lang: "ar"},
				{Full: "Hasan Ali Mahmud", Kind: entity.Alias},
				{Full: "Abu Ali", Kind: entity.Alias, Weak: true},
				{Full: "Hassan al-Iraqi", Kind: entity.Former},
				{Full: "Hassan Samarrai", Kind: entity.Alias},
			}
			if !reflect.DeepEqual(names(e), want) {
				t.Errorf("names =\n%+v\nwant\n%+v", names(e), want)
			}
			sourcetest.Eq(t, "SourceIDs", e.SourceIDs, []string{"QDi.901", "900001"})
			sourcetest.Eq(t, "Type", e.Type, entity.Person)
			sourcetest.Eq(t, "Programs", e.Programs, []string{"Al-Qaida"})
			sourcetest.Eq(t, "ListedOn", e.ListedOn, "2015-03-27")
			sourcetest.Eq(t, "Gender", e.Gender, entity.Male)
			sourcetest.Eq(t, "Nationalities", e.Nationalities, []string{"iq"})
			sourcetest.Eq(t, "Countries", e.Countries, []string{"iq"})
			sourcetest.Eq(t, "Positions", e.Positions, []string{"Sheikh"})
			sourcetest.Eq(t, "BirthDates", sourcetest.Dates(e), []string{"1960-06-29", "1969-02-05", "1979-03-03"})
			sourcetest.Eq(t, "BirthPlaces", e.BirthPlaces, []string{"Tripoli, Libya", "Samarra, Salah al-Din Province, Iraq"})
			sourcetest.Eq(t, "Addresses", e.Addresses, []entity.Address{{Full: "12 Al-Rashid Street, Baghdad, Iraq",
				Street: "12 Al-Rashid Street", City: "Baghdad", Country: "iq"}})
			sourcetest.Eq(t, "Identifiers", e.Identifiers, []entity.Identifier{
				{Type: entity.Passport, Value: "A4059346", Country: "iq",
					Note: "Passport; issued 2013-05-29; issued in Baghdad, Iraq; expires on 27 May 2021"},
				{Type: entity.NationalID, Value: "300397", Country: "iq",
					Note: "National Identification Number, Certificate of Iraqi Nationality; name in Arabic script: حسن السامرائي"},
			})
			for _, r := range []string{
				"Gender: male. Review pursuant to Security Council resolution 2368 (2017) was concluded on 4 Dec. 2019.",
				"Nationality: former Soviet Union",
				`a.k.a. "Hasan Ali Mahmud": previously listed as`,
				`a.k.a. "Hassan Samarrai": date of birth 1969-02-05; place of birth Tripoli, Libya`,
				"Address 12 Al-Rashid Street, Baghdad, Iraq: as of 2019",
				"Date of birth 1979-03-03: from false passport",
				"Document: Passport; Tunisian passport number L 191609 issued on 28 Feb. 1996",
				"PHYSICAL_DESCRIPTION: 180 cm",
				"Last updated: 2019-12-06",
			} {
				sourcetest.HasRemark(t, e, r)
			}
			if !strings.HasPrefix(e.Remarks, "Gender: male. Review") {
				t.Errorf("COMMENTS1 is not the first remark: %q", e.Remarks)
			}
		}},
		{"un-KPi.901", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "primary", e.Names[0], entity.Name{Full: "PAK CHOL SU", Kind: entity.Primary,
				Parts: &entity.NameParts{Family: "PAK", Given: "CHOL SU"}})
			sourcetest.Eq(t, "aliases", e.Aliases(), []string{"Pak Ch’ol-su"})
			sourcetest.Eq(t, "BirthDates", sourcetest.Dates(e), []string{"1967/1969"})
			sourcetest.Eq(t, "Gender from COMMENTS1", e.Gender, entity.Female)
			sourcetest.Eq(t, "Nationalities", e.Nationalities, []string{"kp"})
			sourcetest.Eq(t, "Positions", e.Positions, []string{"Deputy Director of the Munitions Industry Department"})
			sourcetest.Eq(t, "Remarks", e.Remarks, "Gender: female")
		}},
		{"un-QDi.902", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "primary parts", e.Names[0].Parts, &entity.NameParts{Given: "RUSLAN", Patronymic: "MAGOMEDOVICH", Family: "ISAEV"})
			sourcetest.Eq(t, "script name", e.Names[1], entity.Name{Full: "Руслан Магомедович Исаев", Kind: entity.Alias, Script: true, Lang: "ru"})
			sourcetest.Eq(t, "aliases", e.Aliases(), []string{"Руслан Магомедович Исаев", "Ruslan Isayev", "Abu Ruslan"})
			// APPROXIMATELY YEAR, YEAR with a month note, a date note, a
			// Hijri note (kept in Remarks only) and an approximate range.
			sourcetest.Eq(t, "BirthDates", sourcetest.Dates(e), []string{"1973-11", "1976-09", "~1970/1972", "~1975"})
			sourcetest.Eq(t, "Nationalities", e.Nationalities, []string(nil))
			sourcetest.Eq(t, "BirthPlaces", e.BirthPlaces, []string{"Khadzhalmakhi Village, Republic of Dagestan, Russian Federation (now Levashinskiy District)"})
			sourcetest.Eq(t, "Identifiers", e.Identifiers, []entity.Identifier{{Type: entity.Passport, Value: "8204 123456",
				Country: "ru", Note: "National Identification Number, national passport"}})
			sourcetest.Eq(t, "Addresses", e.Addresses, []entity.Address(nil))
			for _, r := range []string{"Nationality: na", "Address: whereabouts unknown",
				"Date of birth: 24/06/1402 (Hijri Calendar)", `"ABU RUSLAN" is also listed as f.k.a.`} {
				sourcetest.HasRemark(t, e, r)
			}
		}},
		{"un-TAi.901", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "script name", e.Names[1], entity.Name{Full: "محمد ګل", Kind: entity.Alias, Script: true, Lang: "ps"})
			sourcetest.Eq(t, "Positions keep order", e.Positions, []string{"Maulavi", "Haji"})
			sourcetest.Eq(t, "BirthDates", sourcetest.Dates(e), []string(nil))
			sourcetest.HasRemark(t, e, "Date of birth (approximately): 30-35 years old")
		}},
		{"un-KPe.901", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "Type", e.Type, entity.Organization)
			want := []entity.Name{
				{Full: "SEA STAR SHIPPING & TRADING", Kind: entity.Primary},
				{Full: "شركة نجم البحر", Kind: entity.Alias, Script: true, Lang: "ar"},
				{Full: "SEA STAR CO", Kind: entity.Alias},
				{Full: "OCEAN STAR TRADING", Kind: entity.Former},
			}
			sourcetest.Eq(t, "names", names(e), want)
			sourcetest.Eq(t, "Identifiers", e.Identifiers, []entity.Identifier{{Type: entity.IMO, Value: "5123456", Note: "IMO number quoted in the UN comments"}})
			sourcetest.Eq(t, "Countries", e.Countries, []string{"kp"})
			sourcetest.Eq(t, "unknown address country kept in Full", e.Addresses[1], entity.Address{
				Full: "Room 1203, Tower B, Hong Kong, 999077, Atlantis", Street: "Room 1203, Tower B", City: "Hong Kong", PostalCode: "999077"})
			sourcetest.Eq(t, "Gender", e.Gender, entity.Gender(""))
		}},
		{"un-QDe.901", func(t *testing.T, e *entity.Entity) {
			sourcetest.Eq(t, "names", names(e), []entity.Name{{Full: "NAMELESS BRIGADE", Kind: entity.Primary}})
			sourcetest.HasRemark(t, e, `No primary name listed; "NAMELESS BRIGADE" is the first alias`)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e := byID[tt.id]
			if e == nil {
				t.Fatalf("%s not emitted", tt.id)
			}
			sourcetest.Eq(t, "Source", e.Source, "un")
			sourcetest.Eq(t, "URL", e.URL, "")
			tt.check(t, e)
		})
	}
}

func TestParseErrors(t *testing.T) {
	sample := sourcetest.ReadFixture(t, "sample.xml")
	cut := bytes.Index(sample, []byte("<INDIVIDUAL_ALIAS>"))
	tests := []struct {
		name    string
		data    string
		wantErr error
	}{
		{"empty file", "", source.ErrNotList},
		{"white space only", " \n\t", source.ErrNotList},
		{"XML declaration only", `<?xml version="1.0"?>`, source.ErrNotList},
		{"CSV", "ent_num,name\n1,SMITH\n", source.ErrNotList},
		{"other XML root", `<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity/></export>`, source.ErrNotList},
		{"binary", "\x00\x01\x02PK\x03\x04", source.ErrNotList},
		{"truncated in a record", string(sample[:cut+30]), source.ErrTruncated},
		{"truncated between records", string(sample[:bytes.Index(sample, []byte("<ENTITIES>"))]), source.ErrTruncated},
		{"root not closed", `<CONSOLIDATED_LIST dateGenerated="2026-01-01">`, source.ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sourcetest.Fails(t, Parse, "in.xml", []byte(tt.data), tt.wantErr)
		})
	}
}

func TestParseMismatchedTags(t *testing.T) {
	for _, doc := range []string{
		`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</SECOND_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`,
		`<CONSOLIDATED_LIST><INDIVIDUALS></ENTITIES></CONSOLIDATED_LIST>`,
	} {
		_, _, _, err := sourcetest.CollectByID(t, Parse, "in.xml", []byte(doc))
		if err == nil || !strings.Contains(err.Error(), "closed by") || !strings.Contains(err.Error(), "in.xml:1") {
			t.Errorf("%s: err = %v, want a mismatched-tag error at in.xml:1", doc, err)
		}
	}
}

func TestParseTruncatedKeepsEarlierRecords(t *testing.T) {
	sample := sourcetest.ReadFixture(t, "sample.xml")
	byID, _, rep, err := sourcetest.CollectByID(t, Parse, "in.xml", sample[:bytes.Index(sample, []byte("<ENTITIES>"))+20])
	if !errors.Is(err, source.ErrTruncated) {
		t.Fatalf("err = %v", err)
	}
	if len(byID) != 4 || rep.Records != 6 {
		t.Errorf("got %d entities, %d records before the cut, want 4 and 6", len(byID), rep.Records)
	}
}

func TestParseEmptyList(t *testing.T) {
	byID, _, rep, err := sourcetest.CollectByID(t, Parse, "in.xml", []byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>`))
	if err != nil || len(byID) != 0 || rep.Records != 0 || rep.Published != "2026-01-02" {
		t.Errorf("got %d entities, report %+v, err %v", len(byID), rep, err)
	}
}

func TestParseByteOrderMarkAndLatin1(t *testing.T) {
	for name, data := range map[string][]byte{
		"BOM":    append([]byte{0xEF, 0xBB, 0xBF}, sourcetest.ReadFixture(t, "sample.xml")...),
		"latin1": []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER><FIRST_NAME>J\xc9R\xd4ME</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"),
	} {
		t.Run(name, func(t *testing.T) {
			byID, _, _, err := sourcetest.CollectByID(t, Parse, "in.xml", data)
			if err != nil || len(byID) == 0 {
				t.Fatalf("got %d entities, err %v", len(byID), err)
			}
			if e := byID["un-X.1"]; name == "latin1" && e.Caption() != "JÉRÔME" {
				t.Errorf("caption = %q", e.Caption())
			}
		})
	}
}

func TestParseStopsOnEmitError(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, source.Input{Name: "in.xml", R: bytes.NewReader(sourcetest.ReadFixture(t, "sample.xml"))})
}

func TestParseHonoursCancelledContext(t *testing.T) {
	sourcetest.CancelledBeforeAnyEntity(t, Parse, source.Input{Name: "in.xml", R: bytes.NewReader(sourcetest.ReadFixture(t, "sample.xml"))})
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"sample", string(sourcetest.ReadFixture(t, "sample.xml")), true},
		{"bare root with sections", "<CONSOLIDATED_LIST><INDIVIDUALS>", true},
		{"BOM", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-01-01\">", true},
		{"EU FSF", `<?xml version="1.0"?><export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="1">`, false},
		{"OFAC SDN XML", `<?xml version="1.0"?><sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation>`, false},
		{"UN element nested in another document", `<root><CONSOLIDATED_LIST><INDIVIDUALS>`, false},
		{"CSV", "CONSOLIDATED_LIST,INDIVIDUALS\n", false},
		{"empty", "", false},
		{"root alone", "<CONSOLIDATED_LIST>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff("list.xml", []byte(tt.head)); got != tt.want {
				t.Errorf("Sniff = %v, want %v", got, tt.want)
			}
		})
	}
	if f := Format(); f.Name != "un-xml" || f.Source != "un" || f.Parse == nil || f.Sniff == nil || f.Description == "" {
		t.Errorf("Format() = %+v", f)
	}
}

func TestPersonParts(t *testing.T) {
	tests := []struct {
		names []string
		ref   string
		want  *entity.NameParts
	}{
		{nil, "QDi.1", nil},
		{[]string{"HIDAYATULLAH"}, "TAi.1", &entity.NameParts{Given: "HIDAYATULLAH"}},
		{[]string{"SAIF AL-ISLAM", "QADHAFI"}, "LYi.1", &entity.NameParts{Given: "SAIF AL-ISLAM", Family: "QADHAFI"}},
		{[]string{"KIM", "JONG SIK"}, "KPi.066", &entity.NameParts{Family: "KIM", Given: "JONG SIK"}},
		{[]string{"PAK", "CHUN", "IL"}, "KPi.1", &entity.NameParts{Family: "PAK", Given: "CHUN IL"}},
		{[]string{"THARWAT", "SALAH", "SHIHATA"}, "QDi.017", &entity.NameParts{Given: "THARWAT", Middle: "SALAH", Family: "SHIHATA"}},
		{[]string{"QUSAY", "SADDAM", "HUSSEIN", "AL-TIKRITI"}, "IQi.1", &entity.NameParts{Given: "QUSAY", Middle: "SADDAM HUSSEIN", Family: "AL-TIKRITI"}},
		{[]string{"DOKU", "KHAMATOVICH", "UMAROV"}, "QDi.290", &entity.NameParts{Given: "DOKU", Patronymic: "KHAMATOVICH", Family: "UMAROV"}},
	}
	for _, tt := range tests {
		sourcetest.Eq(t, strings.Join(tt.names, " "), personParts(tt.names, tt.ref), tt.want)
	}
}

func TestScriptOf(t *testing.T) {
	tests := []struct {
		s        string
		nonLatin bool
		lang     string
	}{
		{"JAMAAH ANSHARUT DAULAH", false, ""},
		{"ثروت صالح شحاته", true, "ar"},
		{"Умаров Доку Хаматович", true, "ru"},
		{"عبد الکبیر محمد جان", true, ""},
		{"حرکت الجہاد الاسلامی", true, "ur"},
		{"محمد ګل", true, "ps"},
		{"김정은", true, "ko"},
		{"金正恩", true, "zh"},
		{"Ελλάδα", true, "el"},
	}
	for _, tt := range tests {
		nonLatin, lang := scriptOf(tt.s)
		if nonLatin != tt.nonLatin || lang != tt.lang {
			t.Errorf("scriptOf(%q) = %v, %q, want %v, %q", tt.s, nonLatin, lang, tt.nonLatin, tt.lang)
		}
	}
}

const realFile = "lists/un-consolidated-2026-02-27.xml"

func TestParseRealFile(t *testing.T) {
	data := shareddata.Read(t, realFile)
	byID, order, rep, err := sourcetest.CollectByID(t, Parse, realFile, data)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[entity.Type]int{}
	for _, e := range byID {
		counts[e.Type]++
		if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Caption() == "" {
			t.Errorf("%s has no primary name", e.ID)
		}
		if len(e.Programs) != 1 || e.ListedOn == "" {
			t.Errorf("%s: programs %v, listed on %q", e.ID, e.Programs, e.ListedOn)
		}
	}
	if len(order) != 1003 || counts[entity.Person] != 730 || counts[entity.Organization] != 273 {
		t.Errorf("got %d entities (%v), want 1003: 730 persons, 273 organizations", len(order), counts)
	}
	if rep.Records != 1003 || len(rep.Skipped) != 0 || rep.Published != "2026-02-27" {
		t.Errorf("report: %d records, skipped %v, published %q", rep.Records, rep.Skipped, rep.Published)
	}

	t.Run("QDi.017", func(t *testing.T) {
		e := byID["un-QDi.017"]
		sourcetest.Eq(t, "caption", e.Caption(), "THARWAT SALAH SHIHATA")
		sourcetest.Eq(t, "SourceIDs", e.SourceIDs, []string{"QDi.017", "111782"})
		sourcetest.Eq(t, "Type", e.Type, entity.Person)
		sourcetest.Eq(t, "BirthDates", sourcetest.Dates(e), []string{"1960-06-29"})
		sourcetest.Eq(t, "Nationalities", e.Nationalities, []string{"eg"})
		sourcetest.Eq(t, "BirthPlaces", e.BirthPlaces, []string{"Egypt"})
		sourcetest.Eq(t, "Programs", e.Programs, []string{"Al-Qaida"})
		sourcetest.Eq(t, "ListedOn", e.ListedOn, "2001-10-06")
		sourcetest.Eq(t, "script name", e.Names[1], entity.Name{Full: "ثروت صالح شحاته", Kind: entity.Alias, Script: true, Lang: "ar"})
		sourcetest.Eq(t, "aliases", e.Aliases(), []string{"ثروت صالح شحاته", "Tarwat Salah Abdallah", "Salah Shihata Thirwat",
			"Shahata Thirwat", "Tharwat Salah Shihata Ali"})
		sourcetest.HasRemark(t, e, `a.k.a. "Tharwat Salah Shihata Ali": previously listed as`)
	})
	t.Run("KPi.066", func(t *testing.T) {
		e := byID["un-KPi.066"]
		sourcetest.Eq(t, "caption", e.Caption(), "KIM JONG SIK")
		sourcetest.Eq(t, "parts", e.Names[0].Parts, &entity.NameParts{Family: "KIM", Given: "JONG SIK"})
		sourcetest.Eq(t, "aliases", e.Aliases(), []string{"Kim Cho’ng-sik"})
		sourcetest.Eq(t, "BirthDates", sourcetest.Dates(e), []string{"1967/1969"})
		sourcetest.Eq(t, "Nationalities", e.Nationalities, []string{"kp"})
		sourcetest.Eq(t, "Gender", e.Gender, entity.Male)
		sourcetest.Eq(t, "Programs", e.Programs, []string{"DPRK"})
		sourcetest.Eq(t, "ListedOn", e.ListedOn, "2017-12-22")
	})
	t.Run("low-quality alias is weak", func(t *testing.T) {
		e := byID["un-CDi.003"]
		for _, n := range e.Names {
			if n.Full == "Rumuli" {
				sourcetest.Eq(t, "Rumuli", n, entity.Name{Full: "Rumuli", Kind: entity.Alias, Weak: true})
				return
			}
		}
		t.Errorf("CDi.003 lacks alias Rumuli: %v", e.Aliases())
	})
	t.Run("document", func(t *testing.T) {
		sourcetest.Eq(t, "QDi.290 identifiers", byID["un-QDi.290"].Identifiers, []entity.Identifier{
			{Type: entity.Passport, Value: "96 03 464086", Country: "ru", Note: "Passport; issued 2003-06-01"}})
	})
	t.Run("original script names", func(t *testing.T) {
		// Every NAME_ORIGINAL_SCRIPT in the file is a name of its entity;
		// 336 individuals and 42 entities have one, all but one (QDe.164,
		// in Latin letters) in a non-Latin script.
		recRe := regexp.MustCompile(`(?s)<(INDIVIDUAL|ENTITY)>.*?</(?:INDIVIDUAL|ENTITY)>`)
		refRe := regexp.MustCompile(`<REFERENCE_NUMBER>([^<]*)<`)
		osRe := regexp.MustCompile(`<NAME_ORIGINAL_SCRIPT>([^<]+)<`)
		with := map[string]int{}
		script := 0
		for _, m := range recRe.FindAllSubmatch(data, -1) {
			os := osRe.FindSubmatch(m[0])
			if os == nil {
				continue
			}
			with[string(m[1])]++
			ref := string(refRe.FindSubmatch(m[0])[1])
			full := entity.CleanSpace(string(os[1]))
			found := false
			for _, n := range byID["un-"+ref].Names {
				if n.Full == full || strings.EqualFold(n.Full, full) && n.Kind == entity.Primary {
					found = true
					if n.Script {
						script++
					}
				}
			}
			if !found {
				t.Errorf("%s lacks its original-script name %q", ref, full)
			}
		}
		sourcetest.Eq(t, "records with an original-script name", with, map[string]int{"INDIVIDUAL": 336, "ENTITY": 42})
		sourcetest.Eq(t, "of which in a non-Latin script", script, 377)
	})
}

func BenchmarkParse(b *testing.B) {
	data := shareddata.Read(b, realFile)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		_, err := Parse(context.Background(), source.Input{Name: realFile, R: bytes.NewReader(data)},
			func(*entity.Entity) error { n++; return nil })
		if err != nil || n != 1003 {
			b.Fatalf("%d entities, %v", n, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	// One small document per fixture record, without the indentation:
	// small seeds keep the fuzzer's minimisation of new inputs short.
	between := regexp.MustCompile(`>\s+<`)
	sample := string(sourcetest.ReadFixture(f, "sample.xml"))
	for _, m := range regexp.MustCompile(`(?s)<(INDIVIDUAL|ENTITY)>.*?</(?:INDIVIDUAL|ENTITY)>`).FindAllStringSubmatch(sample, -1) {
		f.Add([]byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09Z"><` + m[1] + `S>` +
			between.ReplaceAllString(m[0], "><") + `</` + m[1] + `S></CONSOLIDATED_LIST>`))
	}
	f.Add([]byte(`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>A</REFERENCE_NUMBER><FIRST_NAME>X</FIRST_NAME><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1990</FROM_YEAR><TO_YEAR>1980</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		ids := map[string]bool{}
		rep, err := Parse(context.Background(), source.Input{Name: "fuzz.xml", R: bytes.NewReader(data)}, func(e *entity.Entity) error {
			if !strings.HasPrefix(e.ID, "un-") || len(e.ID) == 3 {
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
			ids[e.ID] = true
			return nil
		})
		if err == nil && rep.Records < len(rep.Skipped) {
			t.Errorf("records %d < skipped %d", rep.Records, len(rep.Skipped))
		}
		if err != nil && !strings.Contains(err.Error(), "fuzz.xml") {
			t.Errorf("error %q does not name the file", err)
		}
	})
}
