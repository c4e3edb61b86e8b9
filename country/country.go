// Package country maps the many ways lists and people name a country to
// its ISO 3166-1 alpha-2 code (lower case, as FollowTheMoney writes it),
// and back to an English name.
//
// The table is built from the CLDR region names shipped with
// golang.org/x/text (English), ISO alpha-2 and alpha-3 codes, and the
// forms sanctions lists use that CLDR does not ("Korea, North",
// "Iran (Islamic Republic of)", "Burma", "Türkiye", ...), see aliases.go.
// It is immutable after construction and safe for concurrent use.
package country

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// Table maps country names and codes to ISO codes.
type Table struct {
	byKey map[string]string // folded name or code -> alpha-2
	names map[string]string // alpha-2 -> English name
	codes []string          // every alpha-2 code, sorted
}

// Default returns the shared table, built on first use. The table never
// changes after it is built.
var Default = sync.OnceValue(New)

// New builds a table.
func New() *Table {
	t := &Table{byKey: make(map[string]string, 1500), names: make(map[string]string, 300)}
	en := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			// Skip deprecated and reserved codes that CLDR maps onto another
			// ("UK" → "GB").
			if err != nil || !r.IsCountry() || r.Canonicalize().String() != string([]rune{a, b}) {
				continue
			}
			code := strings.ToLower(r.String())
			name := en.Name(r)
			t.names[code] = name
			t.codes = append(t.codes, code)
			t.byKey[code] = code
			t.byKey[Fold(r.ISO3())] = code
			t.byKey[Fold(name)] = code
			// CLDR writes "St. Kitts & Nevis"; lists write "Saint Kitts and Nevis".
			if strings.HasPrefix(name, "St. ") {
				t.byKey[Fold("Saint "+name[4:])] = code
			}
		}
	}
	for code, forms := range aliases {
		for _, f := range forms {
			t.byKey[Fold(f)] = code
		}
		if _, ok := t.names[code]; !ok {
			t.names[code] = forms[0]
			t.codes = append(t.codes, code)
			t.byKey[Fold(code)] = code // territory codes such as "ua-cri", "suhh"
		}
	}
	for code, name := range preferredNames {
		t.names[code] = name
	}
	return t
}

// Code returns the ISO 3166-1 alpha-2 code (lower case) for a country name,
// an alpha-2 or alpha-3 code, or a common alternative name; "" when s names
// no country it knows.
func (t *Table) Code(s string) string {
	k := Fold(s)
	if k == "" {
		return ""
	}
	if c, ok := t.byKey[k]; ok {
		return c
	}
	// "Russia (as of 2020)", "Syria; Iraq": try the part before a bracket.
	if i := strings.IndexAny(s, "(;,"); i > 0 {
		if c, ok := t.byKey[Fold(s[:i])]; ok {
			return c
		}
	}
	return ""
}

// Name returns the English name of an ISO alpha-2 code, or the code itself
// when unknown.
func (t *Table) Name(code string) string {
	if n, ok := t.names[strings.ToLower(code)]; ok {
		return n
	}
	return code
}

// Codes returns every known alpha-2 code, in no particular order. The slice
// must not be modified.
func (t *Table) Codes() []string { return t.codes }

// Code is Default().Code.
func Code(s string) string { return Default().Code(s) }

// Name is Default().Name.
func Name(code string) string { return Default().Name(code) }

// Fold lower-cases s, removes diacritics and punctuation and folds spaces,
// the key under which names are compared ("Côte d'Ivoire" → "cote divoire",
// "Bosnia & Herzegovina" → "bosnia and herzegovina").
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '‘':
			// "People's" → "peoples"
		case r == '&':
			if b.Len() > 0 {
				b.WriteString(" and")
			}
			space = true
		default:
			space = true
		}
	}
	return b.String()
}
