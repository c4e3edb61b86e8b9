package names

import "strings"

// Arabic names are written with their parts joined or apart as the writer
// pleases: "Abdulrahman", "Abdul Rahman", "Abd al-Rahman"; "Salahuddin",
// "Salah ad-Din", "Salaheddine". splitArabic writes them apart, so that
// every spelling gives the same parts: "abd" + "rahman", "salah" + "din".

// abdPrefixes are the joined forms of "abd al-" (servant of), longest first;
// the assimilated forms (abdur-, abdus-) drop the doubled consonant.
var abdPrefixes = []struct{ prefix, keep string }{
	{"abdoul", ""}, {"abdool", ""}, {"abdul", ""}, {"abdel", ""}, {"abdal", ""}, {"abdol", ""},
	{"abdur", "r"}, {"abdus", "s"}, {"abduz", "z"}, {"abdar", "r"}, {"abdas", "s"}, {"abdan", "n"},
	{"abdu", ""}, {"abd", ""},
}

// dinSuffixes are the joined forms of "ad-Din" (of the faith).
var dinSuffixes = []string{"uddin", "uddeen", "eddine", "eddin", "addin", "uldin", "aldin", "oddin", "iddin", "oudine", "oudin", "udin", "udeen", "edine", "edin"}

func splitArabic(toks []Token) []Token {
	var out []Token
	for _, t := range toks {
		if t.Script != 0 && len(t.Text) >= 6 {
			if a, b, ok := splitAbd(t.Text); ok {
				out = append(out, retext(t, a), retext(t, b))
				continue
			}
			if a, ok := splitDin(t.Text); ok {
				out = append(out, retext(t, a), retext(t, "din"))
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

func retext(t Token, s string) Token {
	t.Text = s
	return t
}

func splitAbd(w string) (string, string, bool) {
	for _, p := range abdPrefixes {
		if !strings.HasPrefix(w, p.prefix) {
			continue
		}
		rest := w[len(p.prefix):]
		if p.keep != "" {
			// abdurrahman → rahman; abdurahman → rahman
			rest = strings.TrimPrefix(rest, p.keep)
			rest = p.keep + rest
		}
		// Only a real name follows: at least three letters, and not the
		// rest of another word (Abdullah is "abd" + "allah": keep whole).
		if len(rest) < 3 || rest == "lah" || rest == "llah" || rest == "allah" || rest == "ullah" || rest == "ulla" || rest == "alla" || rest == "ella" || rest == "ellah" || rest == "ulloh" || rest == "ullo" {
			return "", "", false
		}
		if p.prefix == "abdu" || p.prefix == "abd" {
			// "abdu" + "lrahman" never happens; a vowel must not follow "abd"
			// directly unless it begins the article (abdalaziz).
			if strings.HasPrefix(rest, "l") || isVowel(rest[0]) && !strings.HasPrefix(rest, "al") {
				return "", "", false
			}
			rest = strings.TrimPrefix(rest, "al")
			if len(rest) < 3 {
				return "", "", false
			}
		}
		return "abd", rest, true
	}
	return "", "", false
}

func splitDin(w string) (string, bool) {
	for _, s := range dinSuffixes {
		if strings.HasSuffix(w, s) && len(w)-len(s) >= 3 {
			return w[:len(w)-len(s)], true
		}
	}
	return "", false
}
