package translit

import (
	"slices"
	"strings"
	"testing"
)

func TestKoreanCyrillic(t *testing.T) {
	tests := []struct {
		word string
		want []string // each among the readings
	}{
		// Kim Jong Un, Kim Jong Il, Kim Il Sung (older Soviet spellings).
		{"Ким", []string{"kim"}},
		{"Чен", []string{"jong"}},
		{"Ын", []string{"un"}},
		{"Ир", []string{"il"}},
		{"Сен", []string{"song", "sung"}},
		// Kim Yo Jong, Choe Ryong Hae, Ri Pyong Chol, Pak Pong Ju.
		{"Ё", []string{"yo"}},
		{"Чжон", []string{"jong", "jon"}},
		{"Чхве", []string{"choe"}},
		{"Рён", []string{"ryong"}},
		{"Хэ", []string{"hae"}},
		{"Ли", []string{"ri"}},
		{"Ри", []string{"ri"}},
		{"Пён", []string{"pyong", "pyon"}},
		{"Чхоль", []string{"chol"}},
		{"Пак", []string{"pak"}},
		{"Пон", []string{"pong"}},
		{"Джу", []string{"ju"}},
		// Kim Yong Nam, Moon Jae-in, Yoon Suk Yeol, No Kwang Chol, Ri Son
		// Gwon, Jo Yong Won / Cho.
		{"Ён", []string{"yong", "yon"}},
		{"Нам", []string{"nam"}},
		{"Мун", []string{"mun"}},
		{"Чжэ", []string{"jae"}},
		{"Ин", []string{"in"}},
		{"Юн", []string{"yun"}},
		{"Сок", []string{"sok"}},
		{"Ёль", []string{"yol"}},
		{"Но", []string{"no"}},
		{"Гван", []string{"gwang", "kwang"}},
		{"Сон", []string{"song", "son"}},
		{"Гвон", []string{"gwon", "kwon"}},
		{"Чо", []string{"jo", "cho"}},
		{"Хён", []string{"hyong", "hyon"}},
		{"Тхэ", []string{"thae"}},
		{"Хый", []string{"hui"}},
		{"Ван", []string{"wang"}},
		// Case, a stress mark, ё written with a combining diaeresis.
		{"КИМ", []string{"kim"}},
		{"Ки́м", []string{"kim"}},
		{"Е\u0308н", []string{"yong"}},
		// A given name written as one word with a hyphen.
		{"Чен-Ын", []string{"jong-un"}},
	}
	for _, tc := range tests {
		got := KoreanCyrillic(tc.word)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("KoreanCyrillic(%q) = %q, want %q among them", tc.word, got, w)
			}
		}
		if len(got) > maxKoreanReadings {
			t.Errorf("KoreanCyrillic(%q) = %q: more than %d readings", tc.word, got, maxKoreanReadings)
		}
		if len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("KoreanCyrillic(%q) = %q, want %q first", tc.word, got, tc.want[0])
		}
	}
	// Words of several syllables, letters Korean does not use, other
	// scripts.
	for _, w := range []string{
		"Сергей", "Лавров", "Филби", "Пхеньян", "Ыном", "Ына", "Цой", "Щит", "Вов", "Шин", "Зон",
		"Ккк", "Кх", "Ь", "Ъ", "Kim", "김", "Ким1", "", "-", "Чен-", "-Ын", "Чен--Ын", "А-Б-В-Г",
	} {
		if got := KoreanCyrillic(w); got != nil {
			t.Errorf("KoreanCyrillic(%q) = %q, want none", w, got)
		}
	}
}

func TestLooksKoreanCyrillic(t *testing.T) {
	for name, want := range map[string]bool{
		"Ким Чен Ын": true, "Ким Ё Чжон": true, "Чхве Рён Хэ": true, "Ли Пён Чхоль": true,
		"Ким Чен-Ын": true, "Мун Чжэ Ин": true, "Ким Ир": true,
		"Сергей Лавров": false, "Ким Филби": false, "Анна Ли Смит": false, "Ким": false,
		"Ким Чен Ын Ким Ё Чжон": false, "Ким Чен-Ын-Ир Ким Ё": false, "Kim Jong Un": false,
		"Ким Jong Un": false,
	} {
		if got := LooksKoreanCyrillic(strings.Fields(name)); got != want {
			t.Errorf("LooksKoreanCyrillic(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestKoreanCyrillicReadings(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Ким Чен Ын", "kim jong un"},
		{"Ким Чен Ир", "kim jong il"},
		{"Ким Ир Сен", "kim il sung"},
		{"Ким Ё Чжон", "kim yo jong"},
		{"Чхве Рён Хэ", "choe ryong hae"},
		{"Ли Пён Чхоль", "ri pyong chol"},
		{"Пак Пон Джу", "pak pong ju"},
		{"Ким Ён Нам", "kim yong nam"},
		{"Но Гван Чхоль", "no kwang chol"},
		{"Ри Сон Гвон", "ri son gwon"},
		{"Ким Чен-Ын", "kim jong-un"},
	}
	for _, tc := range tests {
		got := Readings(tc.name)
		if !slices.Contains(got, tc.want) {
			t.Errorf("Readings(%q) = %q, want %q among them", tc.name, got, tc.want)
		}
		if want := strings.Fields(tc.name); len(got) > 0 && len(strings.Fields(got[0])) != len(want) {
			t.Errorf("Readings(%q)[0] = %q: not one word per word", tc.name, got[0])
		}
	}
	for _, name := range []string{"Сергей Лавров", "Ким Филби", "Владимир Путин"} {
		if got := Readings(name); got != nil {
			t.Errorf("Readings(%q) = %q, want none", name, got)
		}
	}
	// A word of the text reads on its own (the scanner looks every word
	// up), whatever the words around it.
	if got := WordReadings("Ыну"); got != nil {
		t.Errorf("WordReadings(Ыну) = %q, want none: the scanner strips the case ending first", got)
	}
	if got := WordReadings("Ын"); !slices.Contains(got, "un") {
		t.Errorf("WordReadings(Ын) = %q, want un among them", got)
	}
}
