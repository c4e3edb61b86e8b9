package translit

import "testing"

func TestBelarusianRussian(t *testing.T) {
	tests := []struct{ word, want string }{
		{"Уладзімір", "Владимир"},
		{"Пуцін", "Путин"},
		{"Дзмітрый", "Дмитрый"},
		{"Пяскоў", "Песков"},
		{"Сяргей", "Сергей"},
		{"Лаўроў", "Лавров"},
		{"Мядзведзеў", "Медведев"},
		{"Усевалад", "Всевалад"},
		{"лукашэнка", "лукашенка"},
		{"Ким", ""},  // the same in Russian
		{"Ivan", ""}, // not Cyrillic
		{"", ""},
	}
	for _, tc := range tests {
		if got := BelarusianRussian(tc.word); got != tc.want {
			t.Errorf("BelarusianRussian(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestReadingsBelarusian(t *testing.T) {
	for name, want := range map[string]string{
		"Уладзімір Пуцін": "Владимир Путин",
		"Дзмітрый Пяскоў": "Дмитрый Песков",
	} {
		got := Readings(name)
		if len(got) == 0 || got[0] != want {
			t.Errorf("Readings(%q) = %q, want %q first", name, got, want)
		}
	}
	if got := Readings("Цепов Ильич"); got != nil {
		t.Errorf("Readings of a Russian name = %q, want none", got)
	}
}
