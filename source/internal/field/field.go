// Package field holds the small readings of field values that several
// list parsers share: whether a name is written in another script than
// the Latin one, country codes as OpenSanctions writes them, and joining
// the parts of an address or a note.
package field

import (
	"strings"
	"sync"
	"unicode"

	"github.com/embargo/embargo/country"
)

// NonLatin reports whether s has a letter outside the Latin script
// (Cyrillic, Greek, Arabic, Han...): the names parsers mark as Script.
func NonLatin(s string) bool {
	for _, r := range s {
		if r >= 0x80 && unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// JoinNonEmpty joins the parts of parts that are not blank, trimmed of
// white space, with sep.
func JoinNonEmpty(sep string, parts ...string) string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// knownCodes holds every code the country table knows, FtM's territory
// codes included ("ua-dpr", "suhh"), which country.Code does not return
// for the code itself.
var knownCodes = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range country.Default().Codes() {
		m[c] = true
	}
	return m
})

// CountryCode reads a country as OpenSanctions' exports give it: a code
// of the country table in either case ("us", "US"), FtM's territory codes
// ("ua-dpr") included, or anything country.Code reads (a name, an alpha-3
// code). It reports false for a value it cannot place, which the caller
// keeps in Remarks.
func CountryCode(v string) (string, bool) {
	l := strings.ToLower(strings.TrimSpace(v))
	if l == "" {
		return "", false
	}
	if knownCodes()[l] {
		return l, true
	}
	if c := country.Code(v); c != "" {
		return c, true
	}
	return "", false
}
