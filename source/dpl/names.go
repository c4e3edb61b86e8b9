package dpl

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
)

// aliasMarker is a phrase that introduces another name inside a name field
// ("FUYI SUN A/K/A FRANK SUN", "SIBERIAN AIRLINES D/B/A S7 AIRLINES").
type aliasMarker struct {
	text string // upper case
	kind entity.NameKind
	dba  bool // a trade name: it says nothing about what the party is
}

// aliasMarkers are tried in order at each position, so a longer form comes
// before its prefix ("A.K.A." before "A.K.A").
var aliasMarkers = []aliasMarker{
	{"ALSO KNOWN AS", entity.Alias, false},
	{"FORMERLY KNOWN AS", entity.Former, false},
	{"NOW KNOWN AS", entity.Newer, false},
	{"DOING BUSINESS AS", entity.Alias, true},
	{"A.K.A.", entity.Alias, false},
	{"A.K.A", entity.Alias, false},
	{"A/K/A", entity.Alias, false},
	{"AKA", entity.Alias, false},
	{"F.K.A.", entity.Former, false},
	{"F.K.A", entity.Former, false},
	{"F/K/A", entity.Former, false},
	{"FKA", entity.Former, false},
	{"FORMERLY", entity.Former, false},
	{"N.K.A.", entity.Newer, false},
	{"N/K/A", entity.Newer, false},
	{"NKA", entity.Newer, false},
	{"D.B.A.", entity.Alias, true},
	{"D/B/A", entity.Alias, true},
	{"DBA", entity.Alias, true},
	{"T/A", entity.Alias, true},
}

// upperASCII upper-cases ASCII letters only, so that byte offsets in the
// result are offsets in s.
func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'a' && c <= 'z' {
					b[j] = c - 'a' + 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func markerBoundaryBefore(u string, i int) bool {
	if i == 0 {
		return true
	}
	switch u[i-1] {
	case ' ', ',', ';', '(', '[':
		return true
	}
	return false
}

func markerBoundaryAfter(u string, i int) bool {
	if i >= len(u) {
		return true
	}
	switch u[i] {
	case ' ', ',', ';', ':', ')', ']':
		return true
	}
	return false
}

// markerAt returns the marker that starts at byte i of the upper-cased
// name u, if any.
func markerAt(u string, i int) (aliasMarker, bool) {
	if !markerBoundaryBefore(u, i) {
		return aliasMarker{}, false
	}
	for _, m := range aliasMarkers {
		if strings.HasPrefix(u[i:], m.text) && markerBoundaryAfter(u, i+len(m.text)) {
			return m, true
		}
	}
	return aliasMarker{}, false
}

// leadingMarker reports whether s starts with an alias marker and returns
// the text after it.
func leadingMarker(s string) (aliasMarker, string, bool) {
	m, ok := markerAt(upperASCII(s), 0)
	if !ok {
		return m, s, false
	}
	return m, trimName(s[len(m.text):]), true
}

// trimName folds white space and trims the separators that surround the
// pieces of a split name.
func trimName(s string) string {
	return strings.Trim(clean(s), " ,;:")
}

// namePiece is one name found in a name field.
type namePiece struct {
	text string
	kind entity.NameKind
	dba  bool
}

// splitMarkers cuts a name at the alias markers that stand outside
// brackets and quotes.
func splitMarkers(s string) []namePiece {
	u := upperASCII(s)
	var out []namePiece
	cur := namePiece{kind: entity.Primary}
	start, depth, quoted := 0, 0, false
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case '(', '[':
			depth++
			continue
		case ')', ']':
			if depth > 0 {
				depth--
			}
			continue
		case '"':
			quoted = !quoted
			continue
		}
		if depth > 0 || quoted {
			continue
		}
		m, ok := markerAt(u, i)
		if !ok {
			continue
		}
		before := trimName(s[start:i])
		if before == "" && len(out) == 0 && cur.kind == entity.Primary {
			// A name that starts with a marker: not a split.
			continue
		}
		cur.text = before
		out = append(out, cur)
		cur = namePiece{kind: m.kind, dba: m.dba}
		start = i + len(m.text)
		i = start - 1
	}
	cur.text = trimName(s[start:])
	return append(out, cur)
}

// keepBracketed reports whether a bracketed part of a name belongs to the
// name rather than being another name: "(UK)", "(PVT)", "(JR)".
func keepBracketed(inner string) bool {
	if utf8.RuneCountInString(inner) < 2 {
		return true
	}
	if country.Code(inner) != "" {
		return true
	}
	key := strings.ReplaceAll(upperASCII(inner), ".", "")
	switch key {
	case "JR", "SR", "II", "III", "IV", "PVT", "PRIVATE", "PTY", "PTE", "LTD", "LIMITED", "LLC", "INC",
		"SA", "SAL", "SARL", "SPA", "GMBH", "AG", "PLC", "BVI", "FZE", "FZC", "FZCO", "HOLDINGS", "GROUP":
		return true
	}
	return false
}

// expandPiece takes the bracketed and quoted parts out of one name:
// "SAMMY (IHSAN MEDHAT) ELASHI" gives "SAMMY ELASHI" and the alias "IHSAN
// MEDHAT ELASHI"; `IHSAN MEDHAT "SAMMY" ELASHI` gives "IHSAN MEDHAT ELASHI"
// and "SAMMY ELASHI"; "SOCCER ZONE (MNC GROUP INTERNATIONAL, INC.)" gives
// "SOCCER ZONE" and "MNC GROUP INTERNATIONAL, INC."; a bracket that starts
// with a marker ("PEARL (A.K.A. NEI-CHIEN CHU) LI") holds a whole name.
func expandPiece(p namePiece) (namePiece, []namePiece) {
	base := p
	var extra []namePiece
	from := 0
	for guard := 0; guard < 16; guard++ {
		s := base.text
		open, closeCh := -1, byte(0)
		for i := from; i < len(s); i++ {
			switch s[i] {
			case '(':
				open, closeCh = i, ')'
			case '[':
				open, closeCh = i, ']'
			case '"':
				open, closeCh = i, '"'
			}
			if open >= 0 {
				break
			}
		}
		if open < 0 {
			break
		}
		rel := strings.IndexByte(s[open+1:], closeCh)
		if rel < 0 {
			break
		}
		end := open + 1 + rel
		inner := trimName(s[open+1 : end])
		before, after := trimName(s[:open]), trimName(s[end+1:])
		if inner == "" || closeCh != '"' && keepBracketed(inner) {
			from = end + 1
			continue
		}
		if closeCh == '"' && before == "" {
			// A quoted name, not a nickname inside one.
			base.text = trimName(inner + " " + after)
			from = 0
			continue
		}
		alias := namePiece{kind: entity.Alias}
		if m, rest, ok := leadingMarker(inner); ok {
			alias = namePiece{text: rest, kind: m.kind, dba: m.dba}
		} else {
			alias.text = trimName(inner + " " + after)
		}
		if before == "" {
			// "(ASMAT) APPLIED SYSTEMS": the rest is the name.
			base.text = after
		} else {
			base.text = trimName(before + " " + after)
		}
		if base.text == "" {
			base.text, alias.text = alias.text, ""
		}
		if alias.text != "" {
			extra = append(extra, alias)
		}
		from = 0
	}
	return base, extra
}

// ParseName reads a name field as the Denied Persons List writes it and
// returns its names, the primary first, and the type the names suggest.
//
// Aliases are split out at "A.K.A.", "A/K/A", "ALSO KNOWN AS", "F/K/A",
// "FORMERLY KNOWN AS", "N/K/A", "D/B/A", "DOING BUSINESS AS" and "T/A"
// (f.k.a. gives a Former name, n.k.a. a Newer one), from brackets
// ("SAMMY (IHSAN MEDHAT) ELASHI", "APPLIED SYSTEMS METHODS AND TECHNOLOGY
// (ASMAT)") and from quoted nicknames (`IHSAN MEDHAT "SAMMY" ELASHI`).
// Brackets that are part of the name ("(UK)", "(PVT)", "(JR)") stay.
//
// The type is Organization when the primary name or an a.k.a. looks like
// one (see LooksLikeOrganization; a d/b/a trade name does not count, since
// a person can trade under a company name), Person otherwise. It returns
// no names when the field holds none.
func ParseName(raw string) ([]entity.Name, entity.Type) {
	s := trimName(raw)
	if s == "" {
		return nil, entity.Unknown
	}
	var pieces []namePiece
	for _, p := range splitMarkers(s) {
		base, extra := expandPiece(p)
		pieces = append(pieces, base)
		pieces = append(pieces, extra...)
	}
	var e entity.Entity
	org := false
	for _, p := range pieces {
		if p.text == "" {
			continue
		}
		first := len(e.Names) == 0
		kind := p.kind
		if first {
			kind = entity.Primary
		} else if kind == entity.Primary {
			kind = entity.Alias
		}
		if !e.AddName(entity.Name{Full: p.text, Kind: kind}) {
			continue
		}
		if first && LooksLikeOrganization(p.text) || !p.dba && hasOrganizationMarks(p.text) {
			org = true
		}
	}
	if len(e.Names) == 0 {
		return nil, entity.Unknown
	}
	if org {
		return e.Names, entity.Organization
	}
	return e.Names, entity.Person
}

// orgWords are whole words (dots removed) that mark an organization's
// name: legal forms and the nouns businesses and bodies name themselves by.
// Words that are also common given names or surnames ("PLANT", "MARINE")
// are left out.
var orgWords = wordSet(`
		LTD LIMITED LLC LLP INC INCORPORATED CORP CORPORATION COMPANY COMPANIES GMBH MBH
		SARL SAS SRL SPA PLC PTY PTE PVT JSC PJSC OJSC CJSC OAO ZAO OOO FZE FZC FZCO FZLLC DMCC
		EST ESTABLISHMENT ANSTALT STIFTUNG KFT ZRT SDN BHD TBK LTDA CIA
		TRADING TRADE TRADERS INDUSTRIES INDUSTRY INDUSTRIAL INDUSTRIE INDUSTRIAS
		ENTERPRISE ENTERPRISES GROUP HOLDING HOLDINGS INTERNATIONAL INTERNACIONAL INTERNATIONALE
		ASSOCIATES SERVICE SERVICES SOLUTIONS SYSTEMS TECHNOLOGY TECHNOLOGIES TECHNIK TECHNIQUES
		ELECTRONICS ELECTRONIC ELEKTRONIK ENGINEERING MANUFACTURING COMPUTERS COMPUTER METALS
		AIRLINES AIRLINE AIRWAYS AIR AVIATION AEROSPACE SHIPPING LOGISTICS MARITIME NAVIGATION
		EXPORT EXPORTS IMPORT IMPORTS IMPEX EQUIPMENT MACHINERY SUPPLY SUPPLIES CONTRACTING CONTRACTORS
		PRODUCTS BANK BANCO BANQUE UNIVERSITY INSTITUTE INSTITUTO ACADEMY LABORATORY LABORATORIES
		LABS CENTER CENTRE FOUNDATION ASSOCIATION EMPRESA COMPANIA SOCIEDAD SOCIETE VERTRIEB VERTRIEBS
		HANDEL HANDELS GIE MINISTRY DEPARTMENT BUREAU AGENCY FACTORY RESEARCH PARTNERS PARTNERSHIP
		CONSULTING CONSULTANTS INVEST INVESTMENT INVESTMENTS FUND CAPITAL MOTORS CHEMICAL CHEMICALS
		PHARMACEUTICAL PHARMACEUTICALS ENERGY PETROLEUM MINING EXCHANGE INSURANCE TRANSPORT
		TRANSPORTATION CARGO FREIGHT TELECOM COMMUNICATIONS NETWORKS SOFTWARE REFINING COMMERCIAL
		COMMERCIO COMERCIAL WORKS COOPERATIVE COUNCIL COMMITTEE ORGANIZATION ORGANISATION ARMY CORPS
		MARKETING DISTRIBUTION DISTRIBUTORS WHOLESALE OVERSEAS GLOBAL WORLDWIDE VENTURES PROJECTS
		CONSTRUCTION DEVELOPMENT HOTEL SHIPYARD`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// shortForms are two-letter legal forms that count only as the last word
// or when written with dots ("ELMONT AG", "COTRICOM S.A."), since as
// middle words they are initials.
var shortForms = map[string]bool{
	"AG": true, "AB": true, "AS": true, "SA": true, "SL": true, "CO": true, "BV": true,
	"NV": true, "KG": true, "OY": true, "SE": true,
}

// personAbbrev are vowel-less words that occur in persons' names.
var personAbbrev = map[string]bool{
	"JR": true, "SR": true, "MR": true, "MRS": true, "MS": true, "DR": true, "ST": true,
	"NG": true, "NGH": true, "PHD": true, "MD": true, "MSC": true, "BSC": true, "PH": true,
}

// orgPrefixes start words that only businesses use ("AEROFLOT",
// "MICROCIRCUIT", "TECHNOCOM").
var orgPrefixes = []string{"AERO", "TECHN", "ELECTR", "ELEKTR", "MICRO"}

// hasOrganizationMarks applies the word rules of LooksLikeOrganization.
func hasOrganizationMarks(name string) bool {
	u := upperASCII(name)
	for _, dom := range []string{".COM", ".NET", ".ORG", "WWW."} {
		if strings.Contains(u, dom) {
			return true
		}
	}
	words := strings.FieldsFunc(u, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'')
	})
	for i, w := range words {
		w = strings.Trim(w, ".'")
		d := strings.ReplaceAll(w, ".", "")
		if d == "" {
			continue
		}
		if orgWords[d] {
			return true
		}
		if shortForms[d] && (i == len(words)-1 || strings.Contains(w, ".")) {
			return true
		}
		for _, p := range orgPrefixes {
			if len(d) > len(p)+2 && strings.HasPrefix(d, p) {
				return true
			}
		}
		if len(d) > 6 && strings.HasPrefix(d, "AVIA") {
			return true // AVIASTAR; not AVIAD or AVIAHU
		}
		if vowelless(d) && !personAbbrev[d] {
			return true // "KZ RESULTS", "GHS TECHNOLOGY", "JFD INTERNATIONAL"
		}
	}
	return false
}

// vowelless reports whether w is an all-letter acronym of two to five
// letters with no vowel (Y counts as one).
func vowelless(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < 'A' || c > 'Z' {
			return false
		}
		switch c {
		case 'A', 'E', 'I', 'O', 'U', 'Y':
			return false
		}
	}
	return true
}

// LooksLikeOrganization reports whether a name has the marks of an
// organization rather than a person, for lists that do not say which:
//
//   - a legal form or business word as a whole word (LTD, LLC, INC, CORP,
//     COMPANY, GMBH, S.A., TRADING, INDUSTRIES, ENTERPRISES, AIRLINES,
//     AVIATION, TECHNOLOGY, INTERNATIONAL, ... — see orgWords); two-letter
//     forms (AG, AB, SA, CO, ...) only as the last word or with dots;
//   - a web domain (".COM", ".NET");
//   - a word starting with AERO, TECHN, ELECTR, MICRO (AEROFLOT);
//   - a vowel-less acronym of two to five letters other than JR, SR, MR,
//     DR, NG... ("KZ RESULTS", "GHS TECHNOLOGY");
//   - a single word ("TECHONWEB", "WEARFORM"): listed persons always have
//     at least two names.
//
// Everything else is taken for a person.
func LooksLikeOrganization(name string) bool {
	if len(strings.Fields(name)) == 1 {
		return true
	}
	return hasOrganizationMarks(name)
}
