package match

import (
	"testing"

	"github.com/embargo/embargo/entity"
)

// TestKoreanNamesInChineseCharacters compares Korean names written in
// Chinese characters, as Chinese and Japanese news write them, with the
// lists' romanisations: the scorer reads them by their Korean readings
// (translit.HanKorean), besides pinyin.
func TestKoreanNamesInChineseCharacters(t *testing.T) {
	for _, p := range []struct {
		a, b string
		min  float64
	}{
		{"金正恩", "KIM, Jong Un", 0.9},
		{"金 正恩", "KIM, Jong Un", 0.9},
		{"金与正", "KIM, Yo Jong", 0.9},
		{"金與正", "KIM, Yo Jong", 0.9},
		{"崔龙海", "CHOE, Ryong Hae", 0.9},
		{"崔竜海", "CHOE, Ryong Hae", 0.9},
		{"李炳哲", "RI PYONG CHOL", 0.9},
		{"朴奉珠", "PAK, Pong Ju", 0.9},
		// Chinese names keep their pinyin reading.
		{"李强", "LI Qiang", 0.9},
		{"夏宝龙", "XIA, Baolong", 0.9},
	} {
		if r := CompareNames(p.a, p.b, entity.Person); r.Score < p.min {
			t.Errorf("%q vs %q: %.3f, want at least %.2f", p.a, p.b, r.Score, p.min)
		}
	}
	for _, p := range []struct{ a, b string }{
		{"金正日", "KIM, Jong Un"},
		{"金日成", "KIM, Jong Un"},
		{"金与正", "KIM, Jong Un"},
		{"金正", "KIM, Jong Un"},
		{"习近平", "KIM, Jong Un"},
	} {
		if r := CompareNames(p.a, p.b, entity.Person); r.Score >= 0.7 {
			t.Errorf("%q vs %q: %.3f, want below 0.7", p.a, p.b, r.Score)
		}
	}
}

// TestForeignNamesInChineseCharacters compares foreign names transcribed
// in Chinese characters by Xinhua's tables with the lists' spellings
// (translit.HanForeign).
func TestForeignNamesInChineseCharacters(t *testing.T) {
	for _, p := range []struct{ a, b string }{
		{"谢尔盖·拉夫罗夫", "Lavrov Sergei Viktorovich"},
		{"德米特里·佩斯科夫", "PESKOV Dmitry Sergeyvich"},
		{"德米特里·梅德韦杰夫", "MEDVEDEV Dmitry Anatolyevich"},
		{"玛丽亚·扎哈罗娃", "ZAKHAROVA Maria Vladimirovna"},
		{"谢尔盖·绍伊古", "SHOIGU Sergei Kuzhugetovich"},
		{"叶夫根尼·普里戈任", "PRIGOZHIN, Yevgeniy Viktorovich"},
		{"埃尔维拉·纳比乌琳娜", "NABIULLINA Elvira Sakhipzadovna"},
		{"弗拉基米尔·普京", "PUTIN Vladimir Vladimirovich"},
		{"巴沙尔·阿萨德", "AL-ASAD, Bashar"},
		{"奥萨马·本·拉登", "BIN LADIN, Usama"},
	} {
		if r := CompareNames(p.a, p.b, entity.Person); r.Score < 0.9 {
			t.Errorf("%q vs %q: %.3f, want at least 0.9", p.a, p.b, r.Score)
		}
	}
	for _, p := range []struct{ a, b string }{
		{"谢尔盖·拉夫罗夫", "SHOIGU Sergei Kuzhugetovich"},
		{"德米特里·佩斯科夫", "MEDVEDEV Dmitry Anatolyevich"},
		{"拉夫罗夫", "Lavrov Sergei Viktorovich"}, // the family name alone
		{"玛丽", "ZAKHAROVA Maria Vladimirovna"},
	} {
		if r := CompareNames(p.a, p.b, entity.Person); r.Score >= 0.7 {
			t.Errorf("%q vs %q: %.3f, want below 0.7", p.a, p.b, r.Score)
		}
	}
}
