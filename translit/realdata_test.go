package translit

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/embargo/embargo/internal/shareddata"
)

// unOriginalNames reads the NAME_ORIGINAL_SCRIPT of every individual and
// entity of the UN Consolidated List, with the Latin name parts of the
// same record.
func unOriginalNames(tb testing.TB) (individuals, entities []unName) {
	tb.Helper()
	f, err := os.Open(shareddata.Path(tb, "lists/un-consolidated-2026-02-27.xml"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var cur *unName
	var field string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "INDIVIDUAL", "ENTITY":
				cur = &unName{kind: t.Name.Local}
			case "NAME_ORIGINAL_SCRIPT", "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME", "REFERENCE_NUMBER":
				field = t.Name.Local
				text.Reset()
			}
		case xml.CharData:
			if field != "" {
				text.Write(t)
			}
		case xml.EndElement:
			if cur == nil {
				continue
			}
			switch t.Name.Local {
			case "NAME_ORIGINAL_SCRIPT":
				cur.original = strings.TrimSpace(text.String())
			case "REFERENCE_NUMBER":
				cur.ref = strings.TrimSpace(text.String())
			case "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME":
				cur.latin = strings.TrimSpace(cur.latin + " " + text.String())
			case "INDIVIDUAL", "ENTITY":
				if cur.original != "" {
					if cur.kind == "INDIVIDUAL" {
						individuals = append(individuals, *cur)
					} else {
						entities = append(entities, *cur)
					}
				}
				cur = nil
			}
			field = ""
		}
	}
	return individuals, entities
}

type unName struct {
	kind, ref, original, latin string
}

func TestUNOriginalScriptNamesRomanise(t *testing.T) {
	ind, ent := unOriginalNames(t)
	if len(ind) != 336 || len(ent) != 42 {
		t.Fatalf("got %d individuals and %d entities with an original-script name, want 336 and 42", len(ind), len(ent))
	}
	byRef := map[string]string{}
	for _, n := range append(ind, ent...) {
		got := Text(n.original)
		if got == "" || !validOutput(got) {
			t.Errorf("%s: Text(%q) = %q: want non-empty [a-z0-9 ] words", n.ref, n.original, got)
		}
		if again := Text(got); again != got {
			t.Errorf("%s: Text not stable on %q: %q then %q", n.ref, n.original, got, again)
		}
		byRef[n.ref] = got
	}
	known := map[string]string{
		"IQi.001": "sdam hsin al tkriti",            // Saddam Hussein Al-Tikriti
		"IQi.039": "hda salh mhdi amash",            // Huda Salih Mahdi Ammash
		"QDi.006": "aymn mhmd rbi al zwahri",        // Aiman Muhammed Rabi al-Zawahiri
		"QDi.290": "umarov doku khamatovich",        // Doku Khamatovich Umarov
		"TAi.003": "abd al kbir mhmd jan",           // Abdul Kabir Mohammad Jan
		"TAi.004": "mhmd amr ghlam nbi",             // Mohammed Omar Ghulam Nabi
		"TAi.144": "sraj al din jlal al din hqana",  // Sirajuddin Jallaloudine Haqqani
		"QDe.002": "al athad al aslami",             // Al-Itihaad al-Islamiya
		"QDe.004": "al qada",                        // Al-Qaida
		"QDe.168": "katiba at taukhid val dzhikhad", // Khatiba al-Tawhid wal-Jihad
	}
	for ref, want := range known {
		got, ok := byRef[ref]
		if !ok {
			t.Errorf("%s: no original-script name found", ref)
			continue
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", ref, got, want)
		}
	}
}

// The romanised original-script names should mostly agree with the Latin
// names of the same records once vowels are ignored, the comparison the
// matcher makes for abjads. This guards the quality of the Arabic and
// Cyrillic tables against regressions: at the time of writing 268 of the
// 336 individuals agree exactly.
func TestUNOriginalScriptNamesAgreeWithLatinSkeleton(t *testing.T) {
	ind, _ := unOriginalNames(t)
	agree := 0
	for _, n := range ind {
		if skeleton(Text(n.original)) == skeleton(Text(n.latin)) {
			agree++
		}
	}
	if agree < 260 {
		t.Errorf("%d of %d original-script names agree with the Latin name by consonant skeleton, want at least 260", agree, len(ind))
	}
}

// skeleton keeps the consonants of romanised text in order, without
// doubles, dropping the letters lists and romanisations disagree on most
// (vowels, y, w, h, v).
func skeleton(s string) string {
	var b strings.Builder
	var last byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h', 'v', ' ':
			continue
		}
		if c != last {
			b.WriteByte(c)
		}
		last = c
	}
	return b.String()
}
