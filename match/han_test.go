package match

import "testing"

// TestKoreanNamesInChineseCharacters compares Korean names written in
// Chinese characters, as Chinese and Japanese news write them, with the
// lists' romanisations: the scorer reads them by their Korean readings
// (translit.HanKorean), besides pinyin.
func TestKoreanNamesInChineseCharacters(t *testing.T) {
	checkPeople(t, []atLeast{
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
	}, [][2]string{
		{"金正日", "KIM, Jong Un"},
		{"金日成", "KIM, Jong Un"},
		{"金与正", "KIM, Jong Un"},
		{"金正", "KIM, Jong Un"},
		{"习近平", "KIM, Jong Un"},
	})
}

// TestForeignNamesInChineseCharacters compares foreign names transcribed
// in Chinese characters by Xinhua's tables with the lists' spellings
// (translit.HanForeign).
func TestForeignNamesInChineseCharacters(t *testing.T) {
	checkPeople(t, []atLeast{
		{"谢尔盖·拉夫罗夫", "Lavrov Sergei Viktorovich", 0.9},
		{"德米特里·佩斯科夫", "PESKOV Dmitry Sergeyvich", 0.9},
		{"德米特里·梅德韦杰夫", "MEDVEDEV Dmitry Anatolyevich", 0.9},
		{"玛丽亚·扎哈罗娃", "ZAKHAROVA Maria Vladimirovna", 0.9},
		{"谢尔盖·绍伊古", "SHOIGU Sergei Kuzhugetovich", 0.9},
		{"叶夫根尼·普里戈任", "PRIGOZHIN, Yevgeniy Viktorovich", 0.9},
		{"埃尔维拉·纳比乌琳娜", "NABIULLINA Elvira Sakhipzadovna", 0.9},
		{"弗拉基米尔·普京", "PUTIN Vladimir Vladimirovich", 0.9},
		{"巴沙尔·阿萨德", "AL-ASAD, Bashar", 0.9},
		{"奥萨马·本·拉登", "BIN LADIN, Usama", 0.9},
	}, [][2]string{
		{"谢尔盖·拉夫罗夫", "SHOIGU Sergei Kuzhugetovich"},
		{"德米特里·佩斯科夫", "MEDVEDEV Dmitry Anatolyevich"},
		{"拉夫罗夫", "Lavrov Sergei Viktorovich"}, // the family name alone
		{"玛丽", "ZAKHAROVA Maria Vladimirovna"},
	})
}
