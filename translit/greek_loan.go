package translit

import "strings"

// GreekLoan returns the Latin spellings a foreign name written in Greek
// may have had, or nil when the romanisation itself is all it reads.
// Greek has no letters for b, d and g: it writes them μπ, ντ and γκ
// (Βλαντιμίρ for Vladimir, Μπάιντεν for Biden, Γκαίτε for Goethe), which
// ELOT 743 romanises mp, nt and gk inside a word, as Greek words sound; ου
// is u; and γι before a vowel is y, or j, which Greek cannot write
// otherwise (Γιούρι for Yuri, Γιονγκ for both Yong and Jong): both are
// given, y first. Source: how the Greek press writes foreign names
// (Μπάιντεν, Ντόναλντ Τραμπ, Γιούρι, Κιμ Γιονγκ Ουν).
func GreekLoan(word string) []string {
	if WordScript(word) != Greek {
		return nil
	}
	lat := Latin(word, "")
	y := greekLoanReplacer.Replace(lat)
	var out []string
	if y != lat {
		out = append(out, y)
	}
	if j := greekJReplacer.Replace(y); j != y {
		out = append(out, j)
	}
	return out
}

var greekLoanReplacer = strings.NewReplacer("mp", "b", "nt", "d", "gk", "g", "ou", "u", "gia", "ya", "gio", "yo", "gie", "ye")

// greekJReplacer reads γι as j where greekLoanReplacer read it y.
var greekJReplacer = strings.NewReplacer("ya", "ja", "yo", "jo", "ye", "je")
