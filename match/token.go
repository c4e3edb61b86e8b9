// Package match scores how well a query matches a listed entity: it aligns
// the parts of two names (order-independent, tolerant of missing middle
// names, strict about a different given name), adds the evidence of birth
// dates, countries, gender and identifiers, and explains each step so an
// analyst can see why.
//
// Scores run from 0 to 1 and are calibrated so that the default threshold
// 0.7 means "an analyst should look".
package match

import (
	"slices"

	"github.com/embargo/embargo/names"
)

// How says how two name parts matched.
type How uint8

// Ways two name parts match, strongest first.
const (
	NoMatch    How = iota
	Exact          // same folded spelling
	Translit       // same spelling after transliteration from another script
	Phonetic       // same phonetic key (Sergei / Sergey)
	Variant        // known spelling variant (Ri / Lee, Pak / Park)
	Cognate        // the name's form in another language (Pyotr / Peter)
	Fuzzy          // close phonetic keys: a typo or a transliteration difference
	Consonants     // same consonants, for a word from a script without short vowels
	InitialOf      // an initial and a name starting with it
)

var howNames = [...]string{"no match", "exact", "transliteration", "phonetic", "spelling variant", "cognate", "fuzzy", "consonants", "initial"}

func (h How) String() string { return howNames[h] }

// Similarities of the ways two parts can match, where the way fixes it.
const (
	simPhonetic = 0.97
	simInitial  = 0.8
	// minSyllableSim is the least fuzzy similarity accepted for a
	// syllable written in Hangul or Chinese characters.
	minSyllableSim = 0.9
	// abjadCeiling is the most a comparison of consonants alone can give:
	// without vowels, Mahmud and Muhammad look alike.
	abjadCeiling = 0.85
)

// TokenSim compares a query name part a with a listed name part b. It
// returns 0 and NoMatch when they are not spellings of one part. Tokens
// must pass names.Gate (or share a symbol) to match at all: that is the
// rule the index relies on.
//
// A listed word in an abjad script (the UN's Arabic original-script names)
// is only compared by consonants with a query in the same script: the
// entity's Latin names serve Latin queries, and a vowel-less word compared
// with a Latin one is too loose a match to add anything but noise.
func TokenSim(a, b *names.Token) (float64, How) {
	if sim, how, ok := kindSim(a, b); ok {
		return sim, how
	}
	return spellingSim(a, b, names.Gate(a, b))
}

// GatedSim is TokenSim for a caller that has already decided whether the
// two parts pass names.Gate (the index knows it from how it found them).
func GatedSim(a, b *names.Token, gate bool) (float64, How) {
	if sim, how, ok := kindSim(a, b); ok {
		return sim, how
	}
	return spellingSim(a, b, gate)
}

// kindSim settles the comparisons the kinds of the parts decide, before
// spelling is looked at; ok is false when spelling must decide.
func kindSim(a, b *names.Token) (float64, How, bool) {
	if a.Kind == names.Number || b.Kind == names.Number {
		if a.Text == b.Text {
			return 1, Exact, true
		}
		return 0, NoMatch, true
	}
	if a.Kind == names.Initial || b.Kind == names.Initial {
		switch {
		case a.Text == b.Text:
			return 1, Exact, true
		case a.Text[0] == b.Text[0] && (a.Kind != names.Initial || b.Kind != names.Initial):
			return simInitial, InitialOf, true
		}
		return 0, NoMatch, true
	}
	if (a.Kind == names.Patronymic) != (b.Kind == names.Patronymic) || a.Significant() != b.Significant() {
		// A patronymic is not a surname (Vladimirovna is not Vladimirova),
		// and a particle or title is not a name part (de is not Dee).
		return 0, NoMatch, true
	}
	if a.Text == b.Text {
		if a.Script != b.Script {
			return 1, Translit, true
		}
		return 1, Exact, true
	}
	return 0, NoMatch, false
}

// spellingSim compares two different spellings of words: by shared
// symbol, then, when they pass the gate, by phonetic key.
func spellingSim(a, b *names.Token, gate bool) (float64, How) {
	symSim, symHow := symbolSim(a, b)
	if !gate || symHow == NoMatch && hasSpelling(a) && hasSpelling(b) {
		// Parts that belong to different groups of known spellings are
		// different names, however close their letters (Jong and Yong,
		// Hasan and Husayn).
		return symSim, symHow
	}
	best, how := symSim, symHow
	qAbjad, nAbjad := a.Abjad(), b.Abjad()
	switch {
	case a.Key == b.Key:
		h := Phonetic
		if a.Script != b.Script {
			h = Translit
		}
		if qAbjad != nAbjad {
			return abjadCeiling, Consonants
		}
		return simPhonetic, h
	case nAbjad && !qAbjad:
		return best, how
	case qAbjad && !nAbjad:
		if s, ok := names.AbjadSimilarity(a.Key, b.Key); ok && s*abjadCeiling > best {
			best, how = s*abjadCeiling, Consonants
		}
		return best, how
	}
	if s, ok := names.Similarity(a.Key, b.Key); ok && s > best {
		// A syllable of a Hangul or Chinese name that differs by a letter is
		// another syllable (Yan is not Yun); only spelling-level differences
		// (Jong / Chong, Pyong / Byong) are allowed.
		if s >= minSyllableSim || !a.Script.IsSyllabic() && !b.Script.IsSyllabic() {
			best, how = s, Fuzzy
		}
	}
	return best, how
}

// symbolSim is the similarity two parts get from a shared equivalence
// symbol.
// hasSpelling reports whether a part belongs to a group of spellings of
// one name (names.Spelling), not only to a group of cognates.
func hasSpelling(t *names.Token) bool {
	for _, s := range t.Syms {
		if s[0] != '~' {
			return true
		}
	}
	return false
}

func symbolSim(a, b *names.Token) (float64, How) {
	best, how := 0.0, NoMatch
	for _, s := range a.Syms {
		if !slices.Contains(b.Syms, s) {
			continue
		}
		if s[0] == '~' {
			if best < names.SymbolSimilarity(names.Cognate) {
				best, how = names.SymbolSimilarity(names.Cognate), Cognate
			}
			continue
		}
		return names.SymbolSimilarity(names.Spelling), Variant
	}
	return best, how
}
