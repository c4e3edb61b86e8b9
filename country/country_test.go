package country

import "testing"

func TestCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia", "ru"},
		{"Russian Federation", "ru"},
		{"RUS", "ru"},
		{"ru", "ru"},
		{"Korea, North", "kp"},
		{"Democratic People's Republic of Korea", "kp"},
		{"North Korea", "kp"},
		{"Iran (Islamic Republic of)", "ir"},
		{"Syrian Arab Republic", "sy"},
		{"Congo, Democratic Republic of the", "cd"},
		{"Democratic Republic of the Congo", "cd"},
		{"Côte d’Ivoire", "ci"},
		{"Türkiye", "tr"},
		{"Burma", "mm"},
		{"United Kingdom", "gb"},
		{"Russia (as of 2020)", "ru"},
		{"Atlantis", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Code(tt.in); got != tt.want {
			t.Errorf("Code(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAliasesDoNotCollide guards the alias table: one folded form must name
// one country, or lookups would depend on map order.
func TestAliasesDoNotCollide(t *testing.T) {
	seen := map[string]string{}
	for code, forms := range aliases {
		for _, f := range forms {
			k := Fold(f)
			if other, ok := seen[k]; ok && other != code {
				t.Errorf("alias %q names both %s and %s", f, other, code)
			}
			seen[k] = code
		}
	}
}

func TestName(t *testing.T) {
	if got := Name("kp"); got != "North Korea" {
		t.Errorf("Name(kp) = %q", got)
	}
	if got := Name("ru"); got != "Russia" {
		t.Errorf("Name(ru) = %q", got)
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Côte d’Ivoire")
	f.Add("Korea, North")
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if Fold(k) != k {
			t.Errorf("Fold not idempotent on %q: %q then %q", s, k, Fold(k))
		}
		_ = Code(s)
	})
}

func TestTerritoryCodes(t *testing.T) {
	for _, c := range []string{"ua-dpr", "suhh", "ua-cri"} {
		if got := Code(c); got != c {
			t.Errorf("Code(%q) = %q", c, got)
		}
	}
}

func TestListSpellings(t *testing.T) {
	for in, want := range map[string]string{
		"Hong Kong": "hk", "Bosnia and Herzegovina": "ba", "The Gambia": "gm", "Trinidad and Tobago": "tt",
		"Saint Kitts and Nevis": "kn", "Cabo Verde": "cv", "Cote d Ivoire": "ci", "Virgin Islands, British": "vg",
		"Man, Isle of": "im", "Saint Vincent and the Grenadines": "vc", "Saint Lucia": "lc", "Antigua and Barbuda": "ag",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}
