package translit

import (
	"slices"
	"strings"
	"testing"
)

func TestKanaLoan(t *testing.T) {
	tests := []struct {
		word string
		want []string // each must be among the readings
	}{
		{"ラブロフ", []string{"lavrov"}},
		{"プーチン", []string{"putin"}},
		{"ペスコフ", []string{"peskov"}},
		{"セルゲイ", []string{"sergei"}},
		{"ウラジーミル", []string{"vladimir"}},
		{"ドミトリー", []string{"dmitri"}},
		{"ショイグ", []string{"shoigu"}},
		{"ザハロワ", []string{"zakharova"}},
		{"マリア", []string{"maria"}},
		{"キム", []string{"kim"}},
		{"ジョンウン", []string{"jongun"}},
		{"メドベージェフ", []string{"medvedev"}},
		{"メドヴェージェフ", []string{"medvedev"}},
		{"ルカシェンコ", []string{"lukashenko"}},
		{"アレクサンドル", []string{"aleksandr"}},
		{"ボルトニコフ", []string{"bortnikov"}},
		{"ヴィクトル", []string{"viktor"}},
		{"ミハイル", []string{"mikhail"}},
		{"ジリノフスキー", []string{"zhirinovski"}},
		{"プリゴジン", []string{"prigozhin"}},
		{"ハマス", []string{"hamas"}},
		{"タリバン", []string{"taliban"}},
		{"アリ", []string{"ali"}},
		{"ヨジョン", []string{"yojong"}},
		{"ファティマ", []string{"fatima"}},
		{"ティモシェンコ", []string{"timoshenko"}},
		{"ウィリアム", []string{"wiliam"}},
		{"ｾﾙｹﾞｲ", []string{"sergei"}}, // half-width
	}
	for _, tc := range tests {
		got := KanaLoan(tc.word)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("KanaLoan(%q) = %q, want %q among them", tc.word, got, w)
			}
		}
		if len(got) > maxKanaLoan {
			t.Errorf("KanaLoan(%q) = %q: more than %d", tc.word, got, maxKanaLoan)
		}
	}
	// The likeliest reading comes first.
	for word, first := range map[string]string{"ラブロフ": "lavrov", "ペスコフ": "peskov", "ザハロワ": "zakharova", "ドミトリー": "dmitri", "ジョンウン": "jongun"} {
		if got := KanaLoan(word); len(got) == 0 || got[0] != first {
			t.Errorf("KanaLoan(%q) = %q, want %q first", word, got, first)
		}
	}
	for _, w := range []string{"", "ラ", "ー", "らぶろふ", "ラブロフさん", "セルゲイ・ラブロフ", "金正恩", "Lavrov", "ッ", "ラブロッ", "ャア", "ーラ"} {
		if got := KanaLoan(w); got != nil {
			t.Errorf("KanaLoan(%q) = %q, want none", w, got)
		}
	}
}

func TestKanaReadings(t *testing.T) {
	tests := []struct{ name, want string }{
		{"セルゲイ・ラブロフ", "sergei lavrov"},
		{"ウラジーミル・プーチン", "vladimir putin"},
		{"ドミトリー・ペスコフ", "dmitri peskov"},
		{"キム・ジョンウン", "kim jongun"},
		{"ジョン＝カービー", "jon kabi"},
		{"ｾﾙｹﾞｲ･ﾗﾌﾞﾛﾌ", "sergei lavrov"},
		{"ドミトリー ペスコフ", "dmitri peskov"},
	}
	for _, tc := range tests {
		got := Readings(tc.name)
		if !slices.Contains(got, tc.want) {
			t.Errorf("Readings(%q) = %q, want %q among them", tc.name, got, tc.want)
		}
		for _, r := range got {
			if strings.ContainsAny(r, "・＝") {
				t.Errorf("Readings(%q) has %q: the marks between the parts of a name separate words", tc.name, r)
			}
		}
	}
}
