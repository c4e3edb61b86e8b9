package translit

import (
	"testing"
	"unicode/utf8"
)

func FuzzText(f *testing.F) {
	for _, c := range textCases {
		f.Add(c.in)
	}
	f.Add("\xff\xfe Пу\x00тин ـمُـ ๆ ์ ー 々 \u0301")
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if !validOutput(got) {
			t.Fatalf("Text(%q) = %q: not [a-z0-9] words separated by single spaces", s, got)
		}
		if again := Text(got); again != got {
			t.Fatalf("Text not stable: Text(%q) = %q, Text(%q) = %q", s, got, got, again)
		}
		if a := string(AppendText([]byte("x"), s)); a != "x"+got {
			t.Fatalf("AppendText(%q) = %q, want x%q", s, a, got)
		}
		if r := HangulRR(s); !validOutput(r) {
			t.Fatalf("HangulRR(%q) = %q", s, r)
		}
		if fs := Fold(s); utf8.ValidString(s) && !utf8.ValidString(fs) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, fs)
		}
		CyrillicLang(s)
		ArabicLang(s)
		WordScript(s)
	})
}

func FuzzLatin(f *testing.F) {
	langs := []string{"", "ru", "uk", "be", "bg", "sr", "mk", "kk", "ar", "fa", "ur", "ps", "xx"}
	for i, c := range textCases {
		f.Add(c.in, langs[i%len(langs)])
	}
	f.Fuzz(func(t *testing.T, w, lang string) {
		got := Latin(w, lang)
		if !validOutput(got) {
			t.Fatalf("Latin(%q, %q) = %q: not [a-z0-9] words separated by single spaces", w, lang, got)
		}
		if again := Latin(got, lang); again != got {
			t.Fatalf("Latin not stable: Latin(%q) = %q, then %q", w, got, again)
		}
	})
}
