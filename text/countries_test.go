package text

import (
	"fmt"
	"slices"
	"testing"
)

// countryScanner scans for countries only, with these countries
// sanctioned.
func countryScan(t *testing.T, ct *countryTable, text string) []string {
	t.Helper()
	sc := &Scanner{ctry: ct}
	st := &scan{sc: sc, text: text, words: tokenize(text, nil)}
	var out []string
	for _, j := range ct.find(st) {
		if text[j.Start:j.End] != j.Text {
			t.Errorf("%q at %d-%d is not the text there", j.Text, j.Start, j.End)
		}
		out = append(out, fmt.Sprintf("%s:%s", j.Text, j.Country))
	}
	return out
}

func TestCountries(t *testing.T) {
	progs := map[string][]string{}
	for _, c := range []string{"ru", "kp", "ir", "sy", "sd", "gn", "cu", "by", "hk", "ml"} {
		progs[c] = []string{"test: " + c}
	}
	ct := newCountryTable(progs)
	tests := []struct {
		text string
		want []string
	}{
		{"A Rússia e a Coreia do Norte", []string{"Rússia:ru", "Coreia do Norte:kp"}},
		{"Corea del Norte, Nordkorea, Corée du Nord, North Korea", []string{"Corea del Norte:kp", "Nordkorea:kp", "Corée du Nord:kp", "North Korea:kp"}},
		{"Северная Корея и России; санкции против Северной Кореи", []string{"Северная Корея:kp", "России:ru", "Северной Кореи:kp"}},
		{"Росії та Північної Кореї", []string{"Росії:ru", "Північної Кореї:kp"}},
		{"w Rosji i Korei Północnej; Russlands Krieg; Irans Atomprogramm", []string{"Rosji:ru", "Korei Północnej:kp", "Russlands:ru", "Irans:ir"}},
		{"Venäjän ja Pohjois-Korean", []string{"Venäjän:ru", "Pohjois-Korean:kp"}},
		{"북한은 러시아와", []string{"북한은:kp", "러시아와:ru"}},
		{"俄罗斯和朝鲜。朝鲜半岛", []string{"俄罗斯:ru", "朝鲜:kp"}},
		{"北朝鮮とロシア", []string{"北朝鮮:kp", "ロシア:ru"}},
		// A name in katakana is a whole katakana word: Mali, not Maria.
		{"マリアはマリ、ロシア・イラン両国とロシア軍", []string{"マリ:ml", "ロシア:ru", "イラン:ir", "ロシア:ru"}},
		{"روسيا وإيران وكوريا الشمالية", []string{"روسيا:ru", "وإيران:ir", "وكوريا الشمالية:kp"}},
		{"ברוסיה ובאיראן", []string{"ברוסיה:ru", "ובאיראן:ir"}},
		{"l'Iran et la Syrie", []string{"Iran:ir", "Syrie:sy"}},
		{"Rusya'nın ve İran'ın", []string{"Rusya'nın:ru", "İran'ın:ir"}},
		{"Ρωσίας και Ιράν", []string{"Ρωσίας:ru", "Ιράν:ir"}},
		// The longest name wins: these countries are not sanctioned here.
		{"South Korea, Coreia do Sul, Южная Корея, South Sudan, Papua New Guinea, Equatorial Guinea", nil},
		{"Guinea and Sudan", []string{"Guinea:gn", "Sudan:sd"}},
		// Adjectives and words that only start like a country.
		{"Iranian oil, russo, norte-coreano, Russians, Cuban cigars", nil},
		{"Hong Kong and Belarus; Weißrussland", []string{"Hong Kong:hk", "Belarus:by", "Weißrussland:by"}},
		// Country names are capitalised where the script has capitals.
		{"a russia", nil},
	}
	for _, tc := range tests {
		if got := countryScan(t, ct, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("countries in %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestCountriesNoneSanctioned(t *testing.T) {
	if got := countryScan(t, newCountryTable(nil), "Russia and North Korea"); len(got) != 0 {
		t.Errorf("no program loaded, yet %q", got)
	}
}
