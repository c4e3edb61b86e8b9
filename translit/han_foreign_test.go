package translit

import (
	"slices"
	"testing"
)

func TestHanForeign(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"谢尔盖·拉夫罗夫", []string{"sergei lavrov", "sergei ravrov", "selgei lavrov", "selgei ravrov"}},
		{"拉夫罗夫", []string{"lavrov", "ravrov"}},
		{"佩斯科夫", []string{"peskov"}},
		{"梅德韦杰夫", []string{"medvedev"}},
		{"德米特里", []string{"dmitri", "dmitli"}},
		{"扎哈罗娃", []string{"zakharova"}},
		{"绍伊古", []string{"shoigu"}},
		{"普京", []string{"putin"}},                    // 普 pu before t, 京 tin
		{"普里戈任", []string{"prigozhin", "pligozhin"}}, // 普 p before r
		{"埃尔维拉", []string{"ervila", "elvira"}},
		{"恩格斯", []string{"engs"}}, // a vowel starts a part as a syllable
		{"奥萨马·本·拉登", []string{"osama ben laden", "osama ben raden"}},
		{"谢尔盖 拉夫罗夫", []string{"sergei lavrov", "sergei ravrov", "selgei lavrov", "selgei ravrov"}},
		// Not a transcription by the tables.
		{"习近平", nil},
		{"金正恩", nil},
		{"马", nil},
		{"丽 马", nil}, // a part of one character at an edge: a Chinese name
		{"本·拉登", nil},
		{"拉夫罗夫拉夫罗夫拉", nil}, // nine characters
		{"拉夫·拉夫·拉夫·拉夫·拉夫", nil},
		{"Lavrov", nil},
		{"", nil},
	}
	for _, tc := range tests {
		if got := HanForeign(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("HanForeign(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, r := range "拉夫罗夫斯尔" {
		if !IsHanForeign(r) {
			t.Errorf("IsHanForeign(%q) = false", r)
		}
	}
	for _, r := range "习近正A" {
		if IsHanForeign(r) {
			t.Errorf("IsHanForeign(%q) = true", r)
		}
	}
}

// TestHanForeignTable checks the table: one entry per character, each
// reading lower-case ASCII letters.
func TestHanForeignTable(t *testing.T) {
	seen := map[rune]bool{}
	n := 0
	for _, r := range hanForeignSyllables {
		if ScriptOf(r) != Han {
			continue
		}
		if seen[r] {
			t.Errorf("%q listed twice", r)
		}
		seen[r] = true
		n++
	}
	tab := hanForeignTable()
	if len(tab) != n {
		t.Errorf("table has %d characters, the list %d", len(tab), n)
	}
	for r, s := range tab {
		for _, x := range []string{s.syl, s.lone, s.altSyl, s.altLone} {
			if x != "" && !validOutput(x) || x != "" && len(x) > 5 {
				t.Errorf("%q: bad reading %q", r, x)
			}
		}
		if s.syl == "" && s.lone == "" {
			t.Errorf("%q reads nothing", r)
		}
	}
}
