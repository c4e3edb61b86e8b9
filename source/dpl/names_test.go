package dpl

import (
	"reflect"
	"testing"

	"github.com/embargo/embargo/entity"
)

func TestParseNameSplitsAliases(t *testing.T) {
	type nm struct {
		full string
		kind entity.NameKind
	}
	tests := []struct {
		in   string
		want []nm
		typ  entity.Type
	}{
		{"JOHN QUINCY EXAMPLE", []nm{{"JOHN QUINCY EXAMPLE", entity.Primary}}, entity.Person},
		{" I. ASH", []nm{{"I. ASH", entity.Primary}}, entity.Person},
		{"UTAIR AVIATION JSC,", []nm{{"UTAIR AVIATION JSC", entity.Primary}}, entity.Organization},
		{"FUYI SUN A/K/A FRANK SUN", []nm{{"FUYI SUN", entity.Primary}, {"FRANK SUN", entity.Alias}}, entity.Person},
		{"John Doe a.k.a. Johnny D", []nm{{"John Doe", entity.Primary}, {"Johnny D", entity.Alias}}, entity.Person},
		{"JANE ROE ALSO KNOWN AS JANE POE", []nm{{"JANE ROE", entity.Primary}, {"JANE POE", entity.Alias}}, entity.Person},
		{"NEW CO LLC F/K/A OLD CO LLC", []nm{{"NEW CO LLC", entity.Primary}, {"OLD CO LLC", entity.Former}}, entity.Organization},
		{"OLD NAME GMBH N/K/A NEW NAME GMBH", []nm{{"OLD NAME GMBH", entity.Primary}, {"NEW NAME GMBH", entity.Newer}}, entity.Organization},
		{"SIBERIAN AIRLINES D/B/A S7 AIRLINES", []nm{{"SIBERIAN AIRLINES", entity.Primary}, {"S7 AIRLINES", entity.Alias}}, entity.Organization},
		// A person trading under a company name is still a person.
		{"JOHN SMITH D/B/A SMITH TRADING LLC", []nm{{"JOHN SMITH", entity.Primary}, {"SMITH TRADING LLC", entity.Alias}}, entity.Person},
		{"SAMMY (IHSAN MEDHAT) ELASHI", []nm{{"SAMMY ELASHI", entity.Primary}, {"IHSAN MEDHAT ELASHI", entity.Alias}}, entity.Person},
		{`IHSAN MEDHAT "SAMMY" ELASHI`, []nm{{"IHSAN MEDHAT ELASHI", entity.Primary}, {"SAMMY ELASHI", entity.Alias}}, entity.Person},
		{"PEARL (A.K.A. NEI-CHIEN CHU) LI", []nm{{"PEARL LI", entity.Primary}, {"NEI-CHIEN CHU", entity.Alias}}, entity.Person},
		{"APPLIED SYSTEMS METHODS AND TECHNOLOGY (ASMAT)", []nm{{"APPLIED SYSTEMS METHODS AND TECHNOLOGY", entity.Primary}, {"ASMAT", entity.Alias}}, entity.Organization},
		{"ASMAT (APPLIED SYSTEMS METHODS AND TECHNOLOGY)", []nm{{"ASMAT", entity.Primary}, {"APPLIED SYSTEMS METHODS AND TECHNOLOGY", entity.Alias}}, entity.Organization},
		// The bracket names the parent company: the trade name is an organization.
		{"SOCCER ZONE (MNC GROUP INTERNATIONAL, INC.)", []nm{{"SOCCER ZONE", entity.Primary}, {"MNC GROUP INTERNATIONAL, INC.", entity.Alias}}, entity.Organization},
		{"ACME TRADING (UK) LIMITED", []nm{{"ACME TRADING (UK) LIMITED", entity.Primary}}, entity.Organization},
		{"EXAMPLE HOLDINGS (PVT) LTD", []nm{{"EXAMPLE HOLDINGS (PVT) LTD", entity.Primary}}, entity.Organization},
		{"ABEL HERNANDEZ, JR.", []nm{{"ABEL HERNANDEZ, JR.", entity.Primary}}, entity.Person},
		{`"ACME"`, []nm{{"ACME", entity.Primary}}, entity.Organization},
		{"FOO (BAR", []nm{{"FOO (BAR", entity.Primary}}, entity.Person},
		{"AKA JONES", []nm{{"AKA JONES", entity.Primary}}, entity.Person},
		{"JOE BLOGGS A/K/A", []nm{{"JOE BLOGGS", entity.Primary}}, entity.Person},
		{"NORDIC TRADING AS", []nm{{"NORDIC TRADING AS", entity.Primary}}, entity.Organization},
	}
	for _, tt := range tests {
		names, typ := ParseName(tt.in)
		var got []nm
		for _, n := range names {
			got = append(got, nm{n.Full, n.Kind})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseName(%q) names = %v, want %v", tt.in, got, tt.want)
		}
		if typ != tt.typ {
			t.Errorf("ParseName(%q) type = %q, want %q", tt.in, typ, tt.typ)
		}
	}
}

func TestParseNameEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", ",;", " ; , "} {
		if names, typ := ParseName(in); len(names) != 0 || typ != entity.Unknown {
			t.Errorf("ParseName(%q) = %v, %q; want no names", in, names, typ)
		}
	}
}

func TestLooksLikeOrganization(t *testing.T) {
	tests := map[string]bool{
		"AIR FREIGHT LTD":                        true,
		"COTRICOM S.A.":                          true,
		"ELMONT AG":                              true,
		"GLOBE METALS AB":                        true,
		"GHARE SABZ CO.":                         true,
		"PJSC AEROFLOT":                          true,
		"KZ RESULTS":                             true,
		"TECHONWEB":                              true,
		"SYNAPTIX.NET":                           true,
		"HASA-INVEST":                            true,
		"AVIASTAR - TU":                          true,
		"ING. DIETMAR ULRICHSHOFER VERTRIEBS":    true,
		"BIB INDUSTRIE-HANDEL GMBH":              true,
		"MEGATECH ENGINEERING & SERVICES PVT LT": true,
		"AARON ABRAHAM VILLA":                    false,
		"ALI M HIJAZI":                           false,
		"T. K. MOHAN":                            false,
		"ALEXANDER BRAZHNIKOV JR":                false,
		"PROFESSOR MOJTABA ATARODI":              false,
		"ROBERT J. SHUBERT, SR.":                 false,
		"MARINE LE PEN":                          false,
		"AVIAD COHEN":                            false,
		"IVAN PETROV":                            false,
		"NG KIM LEE":                             false,
		"SAMMY SMITH":                            false,
	}
	for in, want := range tests {
		if got := LooksLikeOrganization(in); got != want {
			t.Errorf("LooksLikeOrganization(%q) = %v, want %v", in, got, want)
		}
	}
}
