package text

import (
	"slices"
	"testing"

	"github.com/embargo/embargo/entity"
)

func TestProgramCountry(t *testing.T) {
	tests := []struct{ src, program, want string }{
		{"ofac", "DPRK3", "kp"}, {"ofac", "DPRK-NKSPEA", "kp"}, {"ofac", "IRAN-EO13846", "ir"}, {"ofac", "IRGC", "ir"},
		{"ofac", "IFSR", "ir"}, {"ofac", "SYRIA-CAESAR", "sy"}, {"ofac", "HRIT-SY", "sy"}, {"ofac", "CUBA", "cu"},
		{"ofac", "RUSSIA-EO14024", "ru"}, {"ofac", "CAATSA - RUSSIA", "ru"}, {"ofac", "UKRAINE-EO13662", "ru"},
		{"ofac", "UKRAINE-EO13660", ""}, {"ofac", "UKRAINE-EO13685", ""}, {"ofac", "BURMA-EO14014", "mm"},
		{"ofac", "HK-EO13936", "hk"}, {"ofac", "VENEZUELA-EO13884", "ve"}, {"ofac", "SOUTH SUDAN", "ss"},
		{"ofac", "DARFUR", "sd"}, {"ofac", "SDGT", ""}, {"ofac", "SDNTK", ""}, {"ofac", "CYBER2", ""},
		{"ofac", "GLOMAG", ""}, {"ofac", "NPWMD", ""}, {"ofac", "BALKANS", ""}, {"ofac", "IRAN-EO13999", "ir"},
		{"un", "DPRK", "kp"}, {"un", "GB", "gw"}, {"un", "Taliban", "af"}, {"un", "SouthSudan", "ss"},
		{"un", "Al-Qaida", ""}, {"un", "CAR", "cf"}, {"un", "DRC", "cd"},
		{"uk", "Russia", "ru"}, {"uk", "Democratic People's Republic of Korea", "kp"}, {"uk", "Iran (Nuclear)", "ir"},
		{"uk", "Myanmar", "mm"}, {"uk", "Guinea-Bissau", "gw"}, {"uk", "Global Human Rights", ""},
		{"uk", "Counter-Terrorism (International)", ""}, {"uk", "ISIL (Da'esh) and Al-Qaida", ""}, {"uk", "Cyber", ""},
		{"eu_fsf", "RUS", "ru"}, {"eu", "PRK", "kp"}, {"eu", "IRN", "ir"}, {"eu", "HR", ""}, {"eu", "TERR", ""},
		{"ofac", "", ""},
	}
	for _, tc := range tests {
		if got := programCountry(tc.src, tc.program); got != tc.want {
			t.Errorf("programCountry(%q, %q) = %q, want %q", tc.src, tc.program, got, tc.want)
		}
	}
}

func TestTargets(t *testing.T) {
	ents := []*entity.Entity{
		{Source: "ofac", Programs: []string{"DPRK3", "SDGT"}},
		{Source: "ofac", Programs: []string{"DPRK3"}},
		{Source: "un", Programs: []string{"DPRK", "Al-Qaida"}},
		{Source: "uk", Programs: []string{"Russia"}},
	}
	got := targets(ents)
	if !slices.Equal(got["kp"], []string{"ofac: DPRK3", "un: DPRK"}) || !slices.Equal(got["ru"], []string{"uk: Russia"}) || len(got) != 2 {
		t.Errorf("targets = %v", got)
	}
}
