package translit

import "testing"

func TestCyrillicForeignH(t *testing.T) {
	for word, want := range map[string]string{
		"Хамас": "hamas", "Хезболла": "hezbolla", "Хусейн": "huseyn", "Лавров": "",
	} {
		if got := CyrillicForeignH(word); got != want {
			t.Errorf("CyrillicForeignH(%q) = %q, want %q", word, got, want)
		}
	}
}
