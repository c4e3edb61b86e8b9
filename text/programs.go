package text

import (
	"slices"
	"strings"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
)

// Which countries are sanctioned: those a program or regime of a loaded
// list targets. Each list names its programs its own way; programCountry
// reads them. Programs that target conduct rather than a country
// (terrorism, narcotics, cyber, human rights, proliferation, corruption)
// target none.
//
// Sources:
//   - OFAC: the program tags of the SDN list ("Program Tag Definitions for
//     OFAC Sanctions Lists", U.S. Treasury), e.g. DPRK, DPRK2-4 and
//     DPRK-NKSPEA (North Korea), IRAN*, IRGC, IFSR, IFCA, ISA and
//     HRIT-IR / FSE-IR (Iran), SYRIA*, HRIT-SY, FSE-SY (Syria), CUBA,
//     BELARUS, VENEZUELA*, BURMA*, LIBYA*, IRAQ*, LEBANON, SOMALIA, SUDAN
//     and DARFUR (Sudan), SOUTH SUDAN, YEMEN, ZIMBABWE, CAR, DRCONGO,
//     NICARAGUA*, MALI*, BURUNDI, HK-EO13936 (Hong Kong), and for Russia
//     RUSSIA-EO14024, CAATSA - RUSSIA, MAGNIT (Magnitsky Act), PEESA
//     (Russian energy export pipelines) and UKRAINE-EO13661 / -EO13662
//     (officials and sectors of the Russian Federation, "Ukraine-/Russia-
//     related sanctions"). UKRAINE-EO13660 (persons undermining Ukraine)
//     and UKRAINE-EO13685 (the Crimea region) target no country as a
//     whole: Crimea is a region, and reporting every mention of Ukraine
//     would flood the results; BALKANS (Western Balkans) spans several
//     countries and names none.
//   - UN: the Security Council committees' list types, as the
//     consolidated list's reference numbers use them: DPRK (1718), Iran
//     (2231), Libya (1970), Iraq (1518), Somalia (751), Yemen (2140), CAR
//     (2127), DRC (1533), Sudan (1591), SouthSudan (2206), Haiti (2653), GB
//     (Guinea-Bissau, 2048), Taliban (1988: Afghanistan); Al-Qaida
//     (1267) targets no country.
//   - UK: the regime names of the UK Sanctions List (FCDO), which are
//     country names ("Russia", "Democratic People's Republic of Korea",
//     "Iran (Nuclear)") except for the thematic regimes (Chemical
//     Weapons, Counter-Terrorism, Cyber, Global Anti-Corruption, Global
//     Human Rights, Global Irregular Migration, ISIL (Da'esh) and
//     Al-Qaida).
//   - EU and other lists: programme codes that are ISO 3166 alpha-3 codes
//     (RUS, PRK, IRN, SYR, BLR...) or country names.

// ofacPrograms maps OFAC program tags to countries; "" marks a thematic
// program.
var ofacPrograms = map[string]string{
	"BALKANS": "", "BELARUS": "by", "BURUNDI": "bi", "CAATSA - IRAN": "ir", "CAATSA - RUSSIA": "ru",
	"CAR": "cf", "CUBA": "cu", "CYBER": "", "CYBER2": "", "DARFUR": "sd", "DPRK": "kp", "DPRK-NKSPEA": "kp",
	"DPRK2": "kp", "DPRK3": "kp", "DPRK4": "kp", "DRCONGO": "cd", "ELECTION-EO13848": "", "FSE-IR": "ir",
	"FSE-SY": "sy", "FTO": "", "GLOMAG": "", "HIFPAA": "", "HK-EO13936": "hk", "HRIT-IR": "ir", "HRIT-SY": "sy",
	"ICCP-EO13928": "", "IFCA": "ir", "IFSR": "ir", "IRAN": "ir", "IRGC": "ir", "IRAQ2": "iq", "IRAQ3": "iq",
	"ISA": "ir", "LEBANON": "lb", "LIBYA2": "ly", "LIBYA3": "ly", "MAGNIT": "ru", "MALI-EO13882": "ml",
	"NICARAGUA": "ni", "NICARAGUA-NHRAA": "ni", "NPWMD": "", "NS-PLC": "", "PEESA": "ru",
	"RUSSIA-EO14024": "ru", "SDGT": "", "SDNT": "", "SDNTK": "", "SOMALIA": "so", "SOUTH SUDAN": "ss",
	"SUDAN": "sd", "SYRIA": "sy", "SYRIA-CAESAR": "sy", "SYRIA-EO13894": "sy", "TCO": "",
	"UKRAINE-EO13660": "", "UKRAINE-EO13661": "ru", "UKRAINE-EO13662": "ru", "UKRAINE-EO13685": "",
	"VENEZUELA": "ve", "VENEZUELA-EO13850": "ve", "VENEZUELA-EO13884": "ve", "YEMEN": "ye", "ZIMBABWE": "zw",
	"ILLICIT-DRUGS-EO14059": "", "CMIC-EO13959": "", "CAATSA - DPRK": "kp", "BURMA-EO14014": "mm",
	"AFGHANISTAN-EO14064": "af", "RUSSIA-EO14066": "ru", "RUSSIA-EO14068": "ru", "RUSSIA-EO14071": "ru",
	"BELARUS-EO14038": "by", "ETHIOPIA-EO14046": "et", "IRAN-CON-ARMS-EO": "ir", "IRAN-EO13846": "ir",
	"IRAN-EO13871": "ir", "IRAN-EO13876": "ir", "IRAN-EO13902": "ir", "IRAN-HR": "ir", "IRAN-TRA": "ir",
}

// ofacPrefixes read OFAC tags not in the table by their country prefix
// (new executive orders keep the prefix: IRAN-EO13xxx, SYRIA-EO1xxxx).
var ofacPrefixes = []struct{ prefix, code string }{
	{"IRAN", "ir"}, {"SYRIA", "sy"}, {"DPRK", "kp"}, {"BELARUS", "by"}, {"VENEZUELA", "ve"},
	{"RUSSIA", "ru"}, {"BURMA", "mm"}, {"LIBYA", "ly"}, {"IRAQ", "iq"}, {"NICARAGUA", "ni"},
	{"MALI", "ml"}, {"CUBA", "cu"}, {"SUDAN", "sd"}, {"SOUTH SUDAN", "ss"}, {"YEMEN", "ye"},
	{"SOMALIA", "so"}, {"LEBANON", "lb"}, {"ZIMBABWE", "zw"}, {"HK-", "hk"},
}

// unPrograms maps the UN list types to countries.
var unPrograms = map[string]string{
	"DPRK": "kp", "Iran": "ir", "Libya": "ly", "Iraq": "iq", "Somalia": "so", "Yemen": "ye", "CAR": "cf",
	"DRC": "cd", "Sudan": "sd", "SouthSudan": "ss", "Haiti": "ht", "GB": "gw", "Taliban": "af", "Al-Qaida": "",
	"Mali": "ml", "Lebanon": "lb",
}

// ukThematic are the UK regimes that target conduct, not a country.
var ukThematic = []string{"chemical weapons", "counter-terrorism", "cyber", "global", "isil", "al-qaida"}

// ukRegimeCodes are UK regime names country.Code does not read.
var ukRegimeCodes = map[string]string{"Myanmar": "mm", "Burma": "mm"}

// programCountry returns the country a program of list src targets, or ""
// when it targets none (or is not known).
func programCountry(src, program string) string {
	p := strings.TrimSpace(program)
	if p == "" {
		return ""
	}
	switch src {
	case "ofac":
		if c, ok := ofacPrograms[p]; ok {
			return c
		}
		up := strings.ToUpper(p)
		for _, pf := range ofacPrefixes {
			if strings.HasPrefix(up, pf.prefix) {
				return pf.code
			}
		}
		return ""
	case "un":
		return unPrograms[p]
	case "uk":
		lp := strings.ToLower(p)
		for _, t := range ukThematic {
			if strings.HasPrefix(lp, t) {
				return ""
			}
		}
		if c, ok := ukRegimeCodes[p]; ok {
			return c
		}
		return country.Code(p)
	}
	// Other lists (EU, custom): ISO alpha-3 codes and country names.
	// Two-letter programme codes are thematic in the EU's files (HR: human
	// rights), not countries.
	if len([]rune(p)) < 3 {
		return ""
	}
	return country.Code(p)
}

// targets returns, for each country a loaded program targets, the
// programs ("list: program") that target it, sorted.
func targets(ents []*entity.Entity) map[string][]string {
	seen := map[[2]string]bool{}
	out := map[string][]string{}
	for _, e := range ents {
		for _, p := range e.Programs {
			k := [2]string{e.Source, p}
			if seen[k] {
				continue
			}
			seen[k] = true
			if c := programCountry(e.Source, p); c != "" {
				out[c] = append(out[c], e.Source+": "+p)
			}
		}
	}
	for c := range out {
		slices.Sort(out[c])
	}
	return out
}
