package translit

import (
	"slices"
	"strings"
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

func FuzzHanKorean(f *testing.F) {
	for _, s := range []string{"金正恩", "崔龙海", "李炳哲", "金 正恩", "金·正恩", "习近平", "拉夫罗夫", "金々", "金\xff正", "金正恩正恩", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := HanKorean(s)
		if len(got) > 2 {
			t.Fatalf("HanKorean(%q) = %q: more than two readings", s, got)
		}
		for i, r := range got {
			n := utf8.RuneCountInString(r)
			if n < 2 || n > 4 || !isHangulSyllable(r) {
				t.Fatalf("HanKorean(%q) = %q: not a Korean name in Hangul", s, got)
			}
			if i > 0 && r == got[0] {
				t.Fatalf("HanKorean(%q) = %q: repeated", s, got)
			}
			if l := Latin(r, ""); !validOutput(l) {
				t.Fatalf("Latin(%q) = %q", r, l)
			}
		}
		for _, r := range s {
			HanKoreanLatin(r)
		}
	})
}

func FuzzKoreanCyrillic(f *testing.F) {
	for _, s := range []string{"Ким", "Чен", "Ын", "Чен-Ын", "Ыном", "Е\u0308н", "Ки́м", "ЧЧЖВЭНЬ", "Ким Чен Ын", "Ким Ё Чжон", "Сергей Лавров", "-", "Ч\xffен", ""} {
		f.Add(s)
	}
	// word reports a lower-case ASCII word, or syllables joined by single
	// hyphens.
	word := func(s string) bool {
		for _, p := range strings.Split(s, "-") {
			if p == "" {
				return false
			}
			for i := 0; i < len(p); i++ {
				if p[i] < 'a' || p[i] > 'z' {
					return false
				}
			}
		}
		return true
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := KoreanCyrillic(s)
		if len(got) > maxKoreanReadings {
			t.Fatalf("KoreanCyrillic(%q) = %q: too many readings", s, got)
		}
		for i, r := range got {
			if !word(r) || slices.Contains(got[:i], r) {
				t.Fatalf("KoreanCyrillic(%q) = %q: not distinct lower-case ASCII words", s, got)
			}
		}
		words := strings.Fields(s)
		looks := LooksKoreanCyrillic(words)
		if looks && (len(words) < 2 || len(words) > 4) {
			t.Fatalf("LooksKoreanCyrillic(%q) with %d words", s, len(words))
		}
		if looks {
			for _, r := range Readings(s) {
				ws := strings.Fields(r)
				if len(ws) != len(words) || strings.Join(ws, " ") != r {
					t.Fatalf("Readings(%q) gives %q: not one word per word", s, r)
				}
				for _, w := range ws {
					if !word(w) {
						t.Fatalf("Readings(%q) gives %q", s, r)
					}
				}
			}
		}
		WordReadings(s)
	})
}

func FuzzKanaLoan(f *testing.F) {
	for _, s := range []string{"ラブロフ", "プーチン", "ウラジーミル", "ジョンウン", "メドベージェフ", "ティモシェンコ", "ファティマ", "ッチ", "ラブロッ",
		"キャ", "ヴァ", "ウィ", "クァ", "イェ", "ンウ", "ーラ", "ｾﾙｹﾞｲ", "らぶろふ", "セルゲイ・ラブロフ", "ラ\xffブ", "ヷヸヹヺ", "ヵヶ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := KanaLoan(s)
		if len(got) > maxKanaLoan {
			t.Fatalf("KanaLoan(%q) = %q: more than %d readings", s, got, maxKanaLoan)
		}
		for i, r := range got {
			if r == "" || strings.Trim(r, "abcdefghijklmnopqrstuvwxyz") != "" || slices.Contains(got[:i], r) {
				t.Fatalf("KanaLoan(%q) = %q: not distinct lower-case ASCII words", s, got)
			}
		}
		if len(got) > 0 {
			for _, r := range s {
				if !isKatakanaLetter(r) {
					t.Fatalf("KanaLoan(%q) = %q: %q is not katakana", s, got, r)
				}
			}
			if again := KanaLoan(s); !slices.Equal(again, got) {
				t.Fatalf("KanaLoan(%q) = %q, then %q", s, got, again)
			}
		}
		kana := true // every word is written in kana
		for _, w := range strings.Fields(s) {
			kana = kana && WordScript(w) == Kana
		}
		for _, r := range Readings(s) {
			if kana && strings.ContainsAny(r, kanaNameMarks) {
				t.Fatalf("Readings(%q) gives %q: ・ separates words", s, r)
			}
		}
	})
}

// isKatakanaLetter reports the runes of a word KanaLoan reads: full-width
// katakana letters (with ヷ to ヺ), ー, and half-width katakana.
func isKatakanaLetter(r rune) bool {
	return 0x30A1 <= r && r <= 0x30FA || r == 0x30FC || 0xFF66 <= r && r <= 0xFF9F
}

func FuzzHanForeign(f *testing.F) {
	for _, s := range []string{"谢尔盖·拉夫罗夫", "奥萨马·本·拉登", "普京", "丽 马", "拉夫·拉夫·拉夫·拉夫·拉夫", "拉\xff夫", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := HanForeign(s)
		if len(got) > maxReadings {
			t.Fatalf("HanForeign(%q): %d readings", s, len(got))
		}
		for _, r := range got {
			if !validOutput(r) || r == "" {
				t.Fatalf("HanForeign(%q) = %q: not [a-z0-9] words separated by single spaces", s, got)
			}
		}
		for _, r := range s {
			IsHanForeign(r)
		}
	})
}

func FuzzBelarusianRussian(f *testing.F) {
	for _, s := range []string{"Уладзімір", "Пуцін", "Дзмітрый", "Пяскоў", "Сяргей", "дз", "Ўя", "ц", "Ivan", "Ч\xffен", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := BelarusianRussian(s)
		if r == "" {
			return
		}
		if utf8.RuneCountInString(r) > utf8.RuneCountInString(s) {
			t.Fatalf("BelarusianRussian(%q) = %q: longer than the word", s, r)
		}
		if strings.ContainsAny(r, "ўЎ") {
			t.Fatalf("BelarusianRussian(%q) = %q: still has ў", s, r)
		}
		if WordScript(r) != Cyrillic {
			t.Fatalf("BelarusianRussian(%q) = %q: not Cyrillic", s, r)
		}
	})
}

func FuzzKoreanAbjad(f *testing.F) {
	for _, s := range []string{"كيم", "جونغ", "أون", "کیم", "ג'ונג", "און", "تشوي", "وزير", "ج\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := KoreanAbjad(s)
		if len(got) > maxAbjadReadings {
			t.Fatalf("KoreanAbjad(%q) = %q: too many readings", s, got)
		}
		for _, r := range got {
			if r == "" || !isLowerASCIIWord(r) {
				t.Fatalf("KoreanAbjad(%q) = %q: not a lower-case ASCII word", s, got)
			}
		}
	})
}

func FuzzGreekLoan(f *testing.F) {
	for _, s := range []string{"Βλαντιμίρ", "Μπάιντεν", "Γιονγκ", "Ντμίτρι", "Lavrov", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range GreekLoan(s) {
			if !isLowerASCIIWord(strings.ReplaceAll(r, " ", "")) {
				t.Fatalf("GreekLoan(%q) = %q: not lower-case ASCII", s, r)
			}
		}
	})
}
