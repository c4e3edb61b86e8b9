package translit

import "strings"

// GreekLoan returns the Latin spelling a foreign name written in Greek may
// have had, or "" when it is the romanisation itself. Greek has no letters
// for b, d and g: it writes them μπ, ντ and γκ (Βλαντιμίρ for Vladimir,
// Μπάιντεν for Biden, Γκαίτε for Goethe), which ELOT 743 romanises mp, nt
// and gk inside a word, as Greek words sound; ου is u, and γι before a
// vowel is y (Γιούρι for Yuri, Γιονγκ for Yong). Source: how the Greek
// press writes foreign names (Μπάιντεν, Ντόναλντ Τραμπ, Γιούρι).
func GreekLoan(word string) string {
	if WordScript(word) != Greek {
		return ""
	}
	lat := Latin(word, "")
	r := greekLoanReplacer.Replace(lat)
	if r == lat {
		return ""
	}
	return r
}

var greekLoanReplacer = strings.NewReplacer("mp", "b", "nt", "d", "gk", "g", "ou", "u", "gia", "ya", "gio", "yo", "gie", "ye")
