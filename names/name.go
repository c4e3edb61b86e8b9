// Package names turns a name, written in any script, into comparable
// parts: tokens with a folded Latin form, a phonetic key in a space shared
// by every transliteration convention, equivalence symbols, a kind (word, particle, initial, number...) and a
// weight. Legal forms of organisations are taken out and kept as a class.
//
// The one idea behind it: compare sounds, not letters. "Serguei",
// "Sergej", "Сергей" and "Siergiej" all become the key "sergei"; the
// matcher (package match) then aligns keys and scores the differences
// that remain.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/translit"
)

// Kind is the role of a token in a name.
type Kind uint8

// Token kinds.
const (
	Word       Kind = iota // a name part
	Particle               // al, bin, de, van: low weight, tolerated when missing
	Title                  // Haji, Mullah, Sheikh: low weight
	Initial                // a single letter standing for a name part
	Number                 // digits: must agree exactly
	Generic                // company, group, international: low weight
	Patronymic             // Viktorovich, Sergeyevna: low weight, only meets patronymics
)

var kindNames = [...]string{"word", "particle", "title", "initial", "number", "generic", "patronymic"}

func (k Kind) String() string { return kindNames[k] }

// Token is one comparable part of a name.
type Token struct {
	// Text is the folded Latin form ("mohammed", "kim").
	Text string
	// Key is the phonetic key (see Key).
	Key string
	// Cons is Key without vowels, for abjad comparisons.
	Cons string
	// Syms are equivalence symbols (see Symbols).
	Syms []string
	// Kind is the token's role.
	Kind Kind
	// Script is the script the token was written in.
	Script translit.Script
	// Start and End are the byte offsets in the analysed string of the word
	// the token comes from (several tokens may share one word: 김정은).
	Start, End int
	// Weight is the token's share in the name's score.
	Weight float64
	// Common marks one of the most common given names or surnames.
	Common bool
	// Dotted marks a word the input wrote with a full stop after it.
	Dotted bool
	// Joined marks the token that writes two adjacent parts as one word
	// (see Join). Joins are compared by key only, never by consonants.
	Joined bool
	// ExactOnly marks the join of two full name parts, or of a particle
	// and a word: it passes the gate only against an identical key (a space
	// moved or dropped), so that the index stores one key for it instead of
	// a neighbourhood.
	ExactOnly bool
}

// Abjad reports whether the token was written in a script without short
// vowels, so that only its consonants are reliable.
func (t *Token) Abjad() bool { return t.Script.IsAbjad() }

// Significant reports whether the token identifies (a word or a number),
// as opposed to particles, titles, initials and generic words.
func (t *Token) Significant() bool { return t.Kind == Word || t.Kind == Number }

// Name is an analysed name.
type Name struct {
	// Text is the name as given.
	Text string
	// Tokens are the comparable parts, in order.
	Tokens []Token
	// Legal holds the legal-form classes found (organisations).
	Legal []string
	// Org is set for the name of an organisation, vessel or aircraft.
	Org bool
}

// Significant returns the number of significant tokens.
func (n *Name) Significant() int {
	c := 0
	for i := range n.Tokens {
		if n.Tokens[i].Significant() {
			c++
		}
	}
	return c
}

// word is a run of letters in the input with its position.
type word struct {
	text       string
	start, end int
	script     translit.Script
	dotted     bool // a full stop follows
}

// splitWords cuts s into words: runs of letters, digits and combining
// marks, with apostrophes inside a word dropped (O'Brien, Cho'ng,
// Ja'far), a change of script starting a new word, and dotted
// abbreviations ("S.A.", "L.L.C.") kept together.
func splitWords(s string) []word {
	var out []word
	start := -1
	var cur translit.Script
	var b strings.Builder
	flush := func(end int) {
		if start >= 0 && b.Len() > 0 {
			out = append(out, word{b.String(), start, end, cur, end < len(s) && s[end] == '.'})
		}
		start = -1
		b.Reset()
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\u200c' || r == '\u200d':
			sc := translit.ScriptOf(r)
			if start >= 0 && sc != translit.Unknown && cur != translit.Unknown && sc != cur {
				flush(i)
			}
			if start < 0 {
				start = i
				cur = sc
			} else if cur == translit.Unknown {
				cur = sc
			}
			b.WriteRune(r)
		case isApostrophe(r) && start >= 0 && nextIsLetter(s, i+utf8.RuneLen(r)):
			// inside a word: drop it and go on
		case r == '.' && start >= 0 && isAbbrevDot(s, i, start):
			// "S.A.": keep the letters together
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '`', '´', 'ʹ':
		return true
	}
	return false
}

func nextIsLetter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// isAbbrevDot reports whether the dot at s[i] joins single letters of an
// abbreviation: the word so far is single letters and the next rune is a
// letter followed by a dot or the end.
func isAbbrevDot(s string, i, start int) bool {
	if i-start > 12 {
		return false
	}
	for _, p := range strings.Split(s[start:i], ".") {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
	}
	j := i + 1
	if j >= len(s) {
		return false
	}
	r, n := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsLetter(r) {
		return false
	}
	j += n
	if j >= len(s) {
		return true
	}
	r, _ = utf8.DecodeRuneInString(s[j:])
	return r == '.' || !unicode.IsLetter(r)
}

// Analyze analyses a name of an entity of type t (Unknown when the caller
// does not know).
func Analyze(s string, t entity.Type) Name {
	n := Name{Text: s, Org: t == entity.Organization || t == entity.Vessel || t == entity.Aircraft}
	words := splitWords(s)
	lang := translit.CyrillicLang(s)
	var toks []Token
	for _, w := range words {
		latin := w.text
		if w.script != translit.LatinScript && w.script != translit.Unknown {
			latin = translit.Latin(w.text, lang)
		} else {
			latin = translit.Fold(w.text)
		}
		for _, part := range strings.Fields(latin) {
			part = asciiOnly(part)
			if part == "" {
				continue
			}
			toks = append(toks, Token{Text: part, Script: w.script, Start: w.start, End: w.end, Dotted: w.dotted})
		}
	}
	toks = splitArabic(toks)
	if t != entity.Person {
		toks, n.Legal = takeLegalForms(toks)
	}
	if t == entity.Vessel || t == entity.Unknown {
		toks = dropVesselPrefix(toks, t)
	}
	out := toks[:0]
	for _, tok := range toks {
		tok.Kind = kindOf(tok, t)
		if tok.Kind == Word && t != entity.Organization && t != entity.Vessel && t != entity.Aircraft && honorifics[tok.Text] && len(toks) > 1 {
			continue
		}
		finish(&tok)
		out = append(out, tok)
	}
	n.Tokens = out
	return n
}

// AnalyzeSyllables analyses a name written syllable by syllable, one word
// per syllable, in a script that does not show it (the Korean name "Ким
// Чен Ын" and its reading "kim jong un", see translit.Readings) as if it
// had been written in the syllabic script sc: every part is a syllable of
// its own, and the matcher holds it to the rules of syllables (a missing
// syllable is another name: Kim Jong is not Kim Jong Un; a syllable that
// differs by more than a spelling is another syllable). The parts are the
// tokens the romanisation of the same syllables written in sc gives
// (SyllableKey: "chol" from Чхоль is the "chol" of 철), and a syllable is
// never a particle, title or legal form (Da, An, Ing are syllables of
// Korean names). A script sc that is not syllabic analyses s as Analyze
// does.
func AnalyzeSyllables(s string, t entity.Type, sc translit.Script) Name {
	if !sc.IsSyllabic() {
		return Analyze(s, t)
	}
	n := Name{Text: s, Org: t == entity.Organization || t == entity.Vessel || t == entity.Aircraft}
	lang := translit.CyrillicLang(s)
	for _, w := range splitWords(s) {
		latin := translit.Fold(w.text)
		if w.script != translit.LatinScript && w.script != translit.Unknown {
			latin = translit.Latin(w.text, lang)
		}
		for _, part := range strings.Fields(latin) {
			part = asciiOnly(part)
			if part == "" {
				continue
			}
			tok := Token{Text: part, Script: sc, Start: w.start, End: w.end, Dotted: w.dotted}
			if isDigits(part) {
				tok.Kind = Number
			}
			finish(&tok)
			n.Tokens = append(n.Tokens, tok)
		}
	}
	return n
}

// asciiOnly keeps lower-case ASCII letters and digits.
func asciiOnly(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// dropVesselPrefix removes the kind-of-ship abbreviation before a vessel's
// name ("MV Ocean Star", "M/T Adrian Darya"): of a vessel's name when one
// word follows it, of a name of unknown type when two do (a person may be
// called My Lan).
func dropVesselPrefix(toks []Token, t entity.Type) []Token {
	rest := 1
	if t == entity.Unknown {
		rest = 2
	}
	switch {
	case len(toks) > rest && vesselPrefixes[toks[0].Text] && toks[0].Script == translit.LatinScript:
		return toks[1:]
	case len(toks) > rest+1 && len(toks[0].Text) == 1 && len(toks[1].Text) == 1 && toks[0].Start != toks[1].Start &&
		vesselPrefixes[toks[0].Text+toks[1].Text] && toks[0].Script == translit.LatinScript:
		return toks[2:]
	}
	return toks
}

func kindOf(tok Token, t entity.Type) Kind {
	w := tok.Text
	switch {
	case isDigits(w):
		return Number
	case len(w) == 1 && tok.Script == translit.LatinScript && (!isVowel(w[0]) || tok.Dotted):
		// A single consonant, or any letter with a full stop, stands for a
		// name; a single vowel is a name of its own (O, U, I in Korean).
		return Initial
	}
	org := t == entity.Organization || t == entity.Vessel || t == entity.Aircraft
	switch {
	case org && (orgGeneric[w] || particles[w] || w == "no" || w == "nr" || w == "number"):
		return Generic
	case particles[w]:
		return Particle
	case weakTitles[w] && t != entity.Organization:
		return Title
	case t == entity.Unknown && orgGeneric[w]:
		return Generic
	case !org && isPatronymic(w):
		return Patronymic
	}
	return Word
}

// patronymicEndings are the endings of East Slavic patronymics as the
// lists romanise them (Viktorovich, Sergeyevna, Petrivna, Ivanovych).
// South Slavic surnames in -ović / -ević fold to -ovic / -evic and are not
// matched.
var patronymicEndings = []string{"ovich", "evich", "yvich", "ovych", "evych", "ovna", "evna", "ivna", "ichna"}

func isPatronymic(w string) bool {
	if len(w) < 7 {
		return false
	}
	for _, e := range patronymicEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// finish computes the derived fields of a token.
func finish(t *Token) {
	if t.Script.IsSyllabic() {
		t.Key = SyllableKey(t.Text)
	} else {
		t.Key = Key(t.Text)
	}
	if t.Key == "" {
		t.Key = t.Text
	}
	t.Cons = Consonants(t.Key)
	t.Syms = Symbols(t.Text)
	t.Common = IsCommon(t.Text)
	switch t.Kind {
	case Word:
		t.Weight = float64(min(max(len(t.Key), 2), 8))
	case Number:
		t.Weight = 3
	case Initial:
		t.Weight = 1
	case Generic:
		t.Weight = 1
	case Patronymic:
		t.Weight = 2
	default: // particles and titles
		t.Weight = 0.5
	}
}

// NewToken analyses one folded Latin word on its own (tests, joined
// tokens).
func NewToken(text string, k Kind) Token {
	t := Token{Text: text, Kind: k, Script: translit.LatinScript}
	finish(&t)
	return t
}

// Joinable reports whether two adjacent tokens may be read as one word
// ("Jong Un" / "Jongun", "Bin Ladin" / "Binladin", "Abdelfattah Remadna" /
// "Abdelfattahr Emadna"). Syllables of a script written without spaces
// join only within one written word (the syllables of 김정은, not the given
// name of "艳 韩" and the family name after it).
func Joinable(a, b *Token) bool {
	for _, t := range [2]*Token{a, b} {
		if t.Kind != Word && t.Kind != Particle && t.Kind != Generic {
			return false
		}
	}
	if (a.Script.IsSyllabic() || b.Script.IsSyllabic()) && a.Start != b.Start {
		return false
	}
	return true
}

// maxJoinPart is the longest key of the short part (a particle, a
// syllable) of a pair whose join is compared like any word; the join of two
// longer parts only meets an identical key, see Token.ExactOnly.
const maxJoinPart = 3

// Join returns the token that writes a and b as one word ("jong" + "un" →
// "jongun"), for names written with or without spaces or hyphens.
func Join(a, b *Token) Token {
	t := Token{Text: a.Text + b.Text, Kind: Word, Script: a.Script, Start: a.Start, End: max(a.End, b.End), Joined: true}
	finish(&t)
	// Only syllables and short name parts joined together are compared
	// fuzzily ("Awliyajan" for "Awliya Jan"); two full parts, or a particle
	// and a word ("alrahman" for "al Rahman"), meet only an identical key.
	t.ExactOnly = len(a.Key) > maxJoinPart && len(b.Key) > maxJoinPart || !a.Significant() || !b.Significant()
	return t
}

// takeLegalForms removes legal-form phrases, returning the remaining tokens
// and the classes found. Forms of one or two letters ("SA", "AG", "Co")
// count only at the start or the end of the name, where they are written.
func takeLegalForms(toks []Token) ([]Token, []string) {
	var classes []string
	out := make([]Token, 0, len(toks))
	for i := 0; i < len(toks); {
		found := 0
		for k := min(maxLegalWords, len(toks)-i); k >= 1; k-- {
			parts := make([]string, k)
			for j := range k {
				parts[j] = toks[i+j].Text
			}
			phrase := strings.Join(parts, " ")
			class := legalForms[phrase]
			if class == "" {
				continue
			}
			atEdge := i == 0 || i+k == len(toks)
			if k == 1 && len(phrase) <= 2 && !atEdge {
				continue
			}
			if len(toks) == k {
				break // a name that is only a legal form stays a name
			}
			classes = append(classes, class)
			found = k
			break
		}
		if found > 0 {
			i += found
			continue
		}
		out = append(out, toks[i])
		i++
	}
	return out, classes
}

// Gate reports whether query part q and listed part n may be compared at
// all: their keys meet (see Meet), or, for a query word written in an
// abjad against a listed Latin word, their consonants meet. Parts that share
// a symbol are compared whatever the gate says. The index retrieves exactly
// the parts that pass.
func Gate(q, n *Token) bool {
	if q.ExactOnly || n.ExactOnly {
		return q.Key == n.Key
	}
	if q.Abjad() && !n.Abjad() && !n.Joined {
		return len(q.Cons) >= 2 && Meet(q.Cons, n.Cons)
	}
	return Meet(q.Key, n.Key)
}
