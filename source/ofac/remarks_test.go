package ofac

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
)

// fromRemarks reads remarks into an entity of type t, as Parse does.
func fromRemarks(t entity.Type, remarks string) *entity.Entity {
	p := &parser{countries: map[string]string{}}
	e := &entity.Entity{Type: t}
	p.dd.reset(e)
	p.applyRemarks(e, remarks)
	e.Normalize()
	return e
}

func TestRemarksPatterns(t *testing.T) {
	id := func(typ entity.IDType, value, country, note string) entity.Identifier {
		return entity.Identifier{Type: typ, Value: value, Country: country, Note: note}
	}
	tests := []struct {
		name    string
		typ     entity.Type
		remarks string
		want    entity.Entity
	}{
		{"full date of birth", entity.Person, "DOB 08 Jan 1984.",
			entity.Entity{BirthDates: []entity.Date{{Year: 1984, Month: 1, Day: 8}}}},
		{"year, month, circa, range and alternatives", entity.Person,
			"DOB 1962; alt. DOB Jun 1960; DOB circa 1951; alt. DOB 1960 to 1965; alt. DOB 01 Jan 1970 to 31 Dec 1970",
			entity.Entity{BirthDates: []entity.Date{
				{Year: 1960, ToYear: 1965}, {Year: 1960, Month: 6}, {Year: 1962},
				{Year: 1970, Month: 1, Day: 1, ToYear: 1970, ToMonth: 12, ToDay: 31}, {Year: 1951, Circa: true},
			}}},
		{"unreadable date stays in remarks only", entity.Person, "DOB early sixties", entity.Entity{}},
		{"places of birth keep their commas", entity.Person, "POB Leningrad, Russia; alt. POB Culiacan, Sinaloa, Mexico",
			entity.Entity{BirthPlaces: []string{"Leningrad, Russia", "Culiacan, Sinaloa, Mexico"}}},
		{"nationality and citizenship", entity.Person, "nationality Korea, North; alt. nationality Russia; citizen Iran; citizen Hong Kong",
			entity.Entity{Nationalities: []string{"kp", "ru"}, Citizenships: []string{"hk", "ir"}}},
		{"unknown nationality stays in remarks", entity.Person, "nationality possibly Palestinian", entity.Entity{}},
		{"gender", entity.Person, "Gender Female.", entity.Entity{Gender: entity.Female}},
		{"passport with country and dates", entity.Person,
			"Passport 717637093 (Russia); alt. Passport G 649385 issued 08 Sep 2006 expires 17 Jul 2011; Passport A755350 (Saudi Arabia) issued 2010",
			entity.Entity{Identifiers: []entity.Identifier{
				id(entity.Passport, "717637093", "ru", ""),
				id(entity.Passport, "G 649385", "", "issued 08 Sep 2006 expires 17 Jul 2011"),
				id(entity.Passport, "A755350", "sa", "issued 2010"),
			}}},
		{"diplomatic passport keeps its label", entity.Person, "Diplomatic Passport 008827 (Iran) issued 1999",
			entity.Entity{Identifiers: []entity.Identifier{id(entity.Passport, "008827", "ir", "Diplomatic Passport; issued 1999")}}},
		{"national documents", entity.Person,
			"National ID No. 781005202108 (Russia); Cedula No. 7548733 (Colombia); C.U.R.P. CIVJ650513HNEFLR06 (Mexico); SSN 523-33-8386 (United States); Kenyan ID No. 12773667",
			entity.Entity{Identifiers: []entity.Identifier{
				id(entity.NationalID, "781005202108", "ru", ""),
				id(entity.NationalID, "7548733", "co", "Cedula No."),
				id(entity.NationalID, "CIVJ650513HNEFLR06", "mx", "C.U.R.P."),
				id(entity.NationalID, "523-33-8386", "us", "SSN"),
				id(entity.NationalID, "12773667", "ke", "Kenyan ID No."),
			}}},
		{"tax and registration numbers", entity.Organization,
			"Tax ID No. 100036386 (Serbia); NIT # 800146749-7 (Colombia); Registration Number 02696754 (United Kingdom); Registration ID 14063277; Folio Mercantil No. 343997 (Mexico) issued 14 Dec 2005",
			entity.Entity{Identifiers: []entity.Identifier{
				id(entity.TaxID, "100036386", "rs", ""),
				id(entity.TaxID, "800146749-7", "co", "NIT #"),
				id(entity.Registration, "02696754", "gb", "Registration Number"),
				id(entity.Registration, "14063277", "", "Registration ID"),
				id(entity.Registration, "343997", "mx", "Folio Mercantil No.; issued 14 Dec 2005"),
			}}},
		{"generic identification number is a registration for an organization", entity.Organization,
			"Identification Number 2.194.575 (Paraguay)",
			entity.Entity{Identifiers: []entity.Identifier{id(entity.Registration, "2.194.575", "py", "Identification Number")}}},
		{"bank codes", entity.Organization, "SWIFT/BIC HAVIGB2L; BIK (RU) 044525607",
			entity.Entity{Identifiers: []entity.Identifier{
				id(entity.BIC, "HAVIGB2L", "", ""),
				id(entity.Other, "044525607", "ru", "BIK (RU)"),
			}}},
		{"vessel identifiers", entity.Vessel,
			"Vessel Registration Identification IMO 9187629; MMSI 572469210; Other Vessel Call Sign 5IM713; International Maritime Organization No. (5777731); Former Vessel Flag Malta",
			entity.Entity{Identifiers: []entity.Identifier{
				id(entity.IMO, "9187629", "", ""),
				id(entity.MMSI, "572469210", "", ""),
				id(entity.CallSign, "5IM713", "", "Other Vessel Call Sign"),
				id(entity.IMO, "5777731", "", ""),
			}}},
		{"IMO company number", entity.Organization, "Company Number IMO 5055293",
			entity.Entity{Identifiers: []entity.Identifier{id(entity.IMO, "5055293", "", "Company Number IMO")}}},
		{"aircraft particulars", entity.Aircraft,
			"Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft Manufacture Date Sep 1984; Aircraft Model IL76-TD; Aircraft Operator Iran Air; Aircraft Manufacturer's Serial Number (MSN) 1023409321; Aircraft Tail Number EP-MMH; Previous Aircraft Tail Number 2-WGLP; Nationality of Registration Russia",
			entity.Entity{
				BirthDates: []entity.Date{{Year: 1984, Month: 9}},
				Countries:  []string{"ru"},
				Identifiers: []entity.Identifier{
					id(entity.Other, "8401", "", "Aircraft Construction Number (also called L/N or S/N or F/N)"),
					id(entity.Other, "1023409321", "", "Aircraft Manufacturer's Serial Number (MSN)"),
					id(entity.Registration, "EP-MMH", "", "Aircraft Tail Number"),
					id(entity.Registration, "2-WGLP", "", "Previous Aircraft Tail Number"),
				},
				Vessel: &entity.Craft{Flag: "ru", Kind: "IL76-TD", Operator: "Iran Air"},
			}},
		{"digital currency addresses", entity.Person,
			"Digital Currency Address - XBT 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa; alt. Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c; Digital Currency Address - XMR 4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge",
			entity.Entity{Identifiers: []entity.Identifier{
				{Type: entity.Crypto, Currency: "XBT", Value: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"},
				{Type: entity.Crypto, Currency: "ETH", Value: "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c"},
				{Type: entity.Crypto, Currency: "XMR", Value: "4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge"},
			}}},
		{"weak aliases of a person get name parts", entity.Person,
			"a.k.a. 'ABU MANSUR'; a.k.a. 'CHAPORI, Petit'; f.k.a. 'OLD'; n.k.a. 'NEW'",
			entity.Entity{Names: []entity.Name{
				{Full: "ABU MANSUR", Kind: entity.Alias, Weak: true},
				{Full: "CHAPORI, Petit", Kind: entity.Alias, Weak: true, Parts: &entity.NameParts{Family: "CHAPORI", Given: "Petit"}},
				{Full: "OLD", Kind: entity.Former, Weak: true},
				{Full: "NEW", Kind: entity.Newer, Weak: true},
			}}},
		{"quotes inside weak aliases", entity.Organization, "a.k.a. ''ABD-AL-'IZ'; a.k.a. 'DOCTOR M.R.O.'.",
			entity.Entity{Names: []entity.Name{
				{Full: "'ABD-AL-'IZ", Kind: entity.Alias, Weak: true},
				{Full: "DOCTOR M.R.O.", Kind: entity.Alias, Weak: true},
			}}},
		{"contact details", entity.Organization,
			"Email Address info@arrai.tv; Website www.hib.uk.com; Phone Number 982188526300; Telephone (98)(21)(66153220); Fax: 0097282858208",
			entity.Entity{Identifiers: []entity.Identifier{
				id(entity.Other, "info@arrai.tv", "", "Email Address"),
				id(entity.Other, "www.hib.uk.com", "", "Website"),
				id(entity.Other, "982188526300", "", "Phone Number"),
				id(entity.Other, "(98)(21)(66153220)", "", "Telephone"),
				id(entity.Other, "0097282858208", "", "Fax"),
			}}},
		{"titles in the remarks", entity.Person, "Alternate Title, Police Chief, Alternate Title, Commander of Police",
			entity.Entity{Positions: []string{"Police Chief", "Commander of Police"}}},
		{"organization established date", entity.Organization, "Organization Established Date 17 Dec 2016; Organization Type: Central banking",
			entity.Entity{BirthDates: []entity.Date{{Year: 2016, Month: 12, Day: 17}}}},
		{"semicolons inside brackets do not split", entity.Person,
			"Passport 0310857 (Eritrea); (Following data derived from a passport: Alt. DOB: 10 October 1969; Passport No.: 999, Eritrea); a.k.a. 'ABU'",
			entity.Entity{
				Names:       []entity.Name{{Full: "ABU", Kind: entity.Alias, Weak: true}},
				Identifiers: []entity.Identifier{id(entity.Passport, "0310857", "er", "")},
			}},
		{"unbalanced brackets still split", entity.Person, "DOB 1970; POB Kabul (Afghanistan; Gender Male",
			entity.Entity{BirthDates: []entity.Date{{Year: 1970}}, BirthPlaces: []string{"Kabul (Afghanistan"}, Gender: entity.Male}},
		{"bracket that is not a country", entity.Person,
			"Tarjeta Profesional 186785 (Abogado) (Colombia); National ID No. 13/Ta Ta Na (Naing) 019077 (Burma)",
			entity.Entity{Identifiers: []entity.Identifier{
				id(entity.Other, "186785", "co", "Tarjeta Profesional; Abogado"),
				id(entity.NationalID, "13/Ta Ta Na (Naing) 019077", "mm", ""),
			}}},
		{"linked parties and program notes are not fields", entity.Organization,
			"Linked To: HIZBALLAH; Additional Sanctions Information - Subject to Secondary Sanctions; all offices worldwide",
			entity.Entity{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fromRemarks(tt.typ, tt.remarks)
			want := tt.want
			want.Type = tt.typ
			want.Normalize()
			if !reflect.DeepEqual(got, &want) {
				diffEntity(t, got, &want)
			}
		})
	}
}

func TestSplitRemarks(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"DOB 1970; POB Kabul", []string{"DOB 1970", "POB Kabul"}},
		{"a (b; c); d", []string{"a (b; c)", "d"}},
		{"a (b; c; d", []string{"a (b", "c", "d"}},
		{"a) b; c", []string{"a) b", "c"}},
		{" ;; x ;", []string{"x"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitRemarks(tt.in, nil); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitRemarks(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchLabelPrefersLongestLabel(t *testing.T) {
	tests := []struct {
		in, label, rest string
	}{
		{"Vessel Registration Identification IMO 9187629", "Vessel Registration Identification IMO", "9187629"},
		{"Nationality of Registration Iran", "Nationality of Registration", "Iran"},
		{"nationality Iran", "nationality", "Iran"},
		{"Citizen's Card Number 211226197812154256 (China)", "Citizen's Card Number", "211226197812154256 (China)"},
		{"Email:adelb@shabakah.net.sa", "Email", "adelb@shabakah.net.sa"},
		{"PHONE 850 2 381 8221", "Phone", "850 2 381 8221"},
		{"Identification Number IMO 5342883", "Identification Number IMO", "5342883"},
	}
	for _, tt := range tests {
		l, rest, ok := matchLabel(tt.in)
		if !ok || l.text != tt.label || rest != tt.rest {
			t.Errorf("matchLabel(%q) = %q, %q, %v; want %q, %q", tt.in, l.text, rest, ok, tt.label, tt.rest)
		}
	}
	// A label must end at a space, colon or comma, not inside a word.
	for _, in := range []string{"Linked To: X", "DOBBS 1970", "Passports are many", "Titles", ""} {
		if l, _, ok := matchLabel(in); ok {
			t.Errorf("matchLabel(%q) matched %q", in, l.text)
		}
	}
}

// An entry with more names, identifiers or dates than any real one must
// be deduplicated the same way, in linear time.
func TestRemarksDeduplicateLongLists(t *testing.T) {
	var b strings.Builder
	for round := 0; round < 2; round++ {
		for i := 0; i < 100; i++ {
			fmt.Fprintf(&b, "a.k.a. 'NAME %d'; Passport P%d (Iran); DOB %d; Aircraft Model M%d; ", i, i, 1900+i, i%3)
		}
	}
	e := fromRemarks(entity.Aircraft, b.String())
	if len(e.Names) != 100 || len(e.Identifiers) != 100 || len(e.BirthDates) != 100 {
		t.Errorf("got %d names, %d identifiers, %d dates; want 100 of each", len(e.Names), len(e.Identifiers), len(e.BirthDates))
	}
	if e.Vessel == nil || e.Vessel.Kind != "M0; M1; M2" {
		t.Errorf("craft %+v", e.Vessel)
	}
	// A name first given as weak and then as strong is strong, past the
	// short-list threshold too.
	p := &parser{countries: map[string]string{}}
	big := &entity.Entity{Type: entity.Organization}
	p.dd.reset(big)
	for i := 0; i < 2*small; i++ {
		p.dd.addName(entity.Name{Full: fmt.Sprintf("N%d", i), Kind: entity.Alias, Weak: true})
	}
	p.dd.addName(entity.Name{Full: "n40", Kind: entity.Alias})
	p.dd.addName(entity.Name{Full: "  ", Kind: entity.Alias})
	if len(big.Names) != 2*small || big.Names[40].Weak {
		t.Errorf("names %d, N40 weak=%v", len(big.Names), big.Names[40].Weak)
	}
}
