package text

import (
	"testing"
	"unicode"

	"github.com/embargo/embargo/translit"
)

// TestClassify checks the fast paths of classify against the unicode
// package and translit.ScriptOf over the blocks they cover.
func TestClassify(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		got, sc := classify(r)
		want := clOther
		switch {
		case unicode.IsLetter(r):
			want = clLetter
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				want = clUpper
			} else if unicode.IsLower(r) {
				want = clLower
			}
		case unicode.IsDigit(r):
			want = clDigit
		case unicode.IsMark(r) || r == '\u200c' || r == '\u200d':
			want = clMark
		}
		if got != want {
			t.Fatalf("classify(%U %q) = class %d, want %d", r, r, got, want)
		}
		if want >= clLetter && sc != translit.ScriptOf(r) {
			t.Fatalf("classify(%U %q) = script %v, want %v", r, r, sc, translit.ScriptOf(r))
		}
	}
}
