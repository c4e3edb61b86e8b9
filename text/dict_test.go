package text

import (
	"slices"
	"testing"

	"github.com/embargo/embargo/translit"
)

func TestSets(t *testing.T) {
	keys := []uint64{pairKey(3, 1), pairKey(7, 9), 1 << 40}
	s := newU64set(slices.Clone(keys))
	for _, k := range keys {
		if !s.has(k) {
			t.Errorf("set lacks %x", k)
		}
	}
	if s.has(pairKey(1, 2)) || s.has(0) || s.len() != 3 {
		t.Errorf("set: spurious member or length %d", s.len())
	}
	if pairKey(3, 1) != pairKey(1, 3) {
		t.Error("pairKey is not symmetric")
	}
	m := newMultimap([]mmEntry{{5, 1}, {5, 2}, {5, 1}, {9, 3}})
	var got []uint32
	m.lookup(5, func(id uint32) { got = append(got, id) })
	if !slices.Equal(got, []uint32{1, 2}) {
		t.Errorf("multimap(5) = %v", got)
	}
	got = nil
	m.lookup(6, func(id uint32) { got = append(got, id) })
	if got != nil {
		t.Errorf("multimap(6) = %v", got)
	}
	b := newBitset(130, []uint32{0, 64, 129})
	if !b.has(64) || !b.has(129) || b.has(65) || b.has(1000) {
		t.Error("bitset")
	}
}

func TestDeletions(t *testing.T) {
	var one []string
	deletions1("putine", func(v []byte) { one = append(one, string(v)) })
	if !slices.Contains(one, "putin") || len(one) != 6 {
		t.Errorf("deletions1(putine) = %q", one)
	}
	var two []string
	deletions2("prigoYine", func(v []byte) { two = append(two, string(v)) })
	if !slices.Contains(two, "prigoin") || len(two) != 36 {
		t.Errorf("deletions2(prigoYine): %d variants, prigoin among them: %v", len(two), slices.Contains(two, "prigoin"))
	}
}

// TestDictionaryFindsSpellings checks the filter on a small catalog: a
// listed spelling, a transliteration convention away, and unrelated
// words.
func TestDictionaryFindsSpellings(t *testing.T) {
	sc := smallScanner()
	pair := func(a, b string) bool {
		wa := sc.lookupWord(a, scriptOf(a), "")
		wb := sc.lookupWord(b, scriptOf(b), "")
		return sc.dict.pairsWith(wa, wb)
	}
	for _, p := range [][2]string{{"Vladimir", "Putin"}, {"Wladimir", "Poutine"}, {"Putin", "Vladimir"}, {"Sergej", "Lawrow"},
		{"Сергей", "Лавров"}, {"Kim", "Jong"}} {
		if !pair(p[0], p[1]) {
			t.Errorf("%q and %q are not taken for parts of one listed name", p[0], p[1])
		}
	}
	for _, p := range [][2]string{{"Vladimir", "Lavrov"}, {"Casa", "Branca"}, {"John", "Kirby"}} {
		if pair(p[0], p[1]) {
			t.Errorf("%q and %q are taken for parts of one listed name", p[0], p[1])
		}
	}
}

func scriptOf(s string) (sc translit.Script) {
	for _, r := range s {
		_, sc = classify(r)
		return sc
	}
	return sc
}
