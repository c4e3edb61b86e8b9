package translit

import (
	"slices"
	"strings"
	"testing"
)

func TestHanKorean(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"金正恩", []string{"김정은"}},
		{"金与正", []string{"김여정"}}, // 与, simplified 與
		{"金與正", []string{"김여정"}},
		{"崔龙海", []string{"최룡해", "최용해"}}, // the North keeps ㄹ, the South drops it
		{"崔龍海", []string{"최룡해", "최용해"}},
		{"崔竜海", []string{"최룡해", "최용해"}}, // Japanese 竜
		{"李炳哲", []string{"리병철"}},
		{"朴奉珠", []string{"박봉주"}},
		{"金日成", []string{"김일성"}},
		{"金正日", []string{"김정일"}},
		{"郑成龙", []string{"정성룡"}},
		{"赵甲济", []string{"조갑제"}},
		{"韩成烈", []string{"한성렬"}},
		{"羅明植", []string{"라명식", "나명식"}},
		{"林东一", []string{"림동일", "임동일"}},
		{"金 正恩", []string{"김정은"}},
		{"金·正恩", []string{"김정은"}},
		{"金・正恩", []string{"김정은"}},
		// Not the shape of a Korean name.
		{"普京", nil},
		{"习近平", nil}, // 习 is no Korean family name
		{"拉夫罗夫", nil},
		{"金", nil},
		{"金正恩正恩", nil},
		{"金正 恩", nil},
		{"金 正 恩", nil},
		{"柳秦", nil}, // two characters: as often Chinese
		{"金正", nil},
		{"金正恩 Kim", nil},
		{"김정은", nil},
		{"金々", nil},
		{"", nil},
	}
	for _, tc := range tests {
		if got := HanKorean(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("HanKorean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Romanised as the lists write the names.
	for in, want := range map[string]string{
		"金正恩": "kim jong un", "金与正": "kim yo jong", "崔龙海": "choe ryong hae",
		"李炳哲": "ri pyong chol", "朴奉珠": "pak pong ju", "金永南": "kim yong nam",
	} {
		if r := HanKorean(in); len(r) == 0 || Latin(r[0], "") != want {
			t.Errorf("Latin(HanKorean(%q)) = %q, want %q", in, r, want)
		}
	}
}

func TestHanjaReading(t *testing.T) {
	for r, want := range map[rune]rune{
		'正': '정', '恩': '은', '金': '금', '与': '여', '龙': '룡', '竜': '룡', '海': '해',
		'炳': '병', '哲': '철', '郑': '정', '张': '장', '韩': '한', '权': '권', '卢': '로',
		'A': 0, '김': 0, 'ア': 0,
	} {
		if got := HanjaReading(r); got != want {
			t.Errorf("HanjaReading(%q) = %q, want %q", r, got, want)
		}
	}
	for r, want := range map[rune]rune{'金': '김', '李': '리', '郑': '정', '车': '차', '沈': '심', '习': 0, '普': 0} {
		if got := KoreanFamilyHanja(r); got != want {
			t.Errorf("KoreanFamilyHanja(%q) = %q, want %q", r, got, want)
		}
	}
}

// TestHanjaTables checks the generated table and the family names: one
// reading per character, family names paired with a syllable and read
// by the table where they are not read otherwise as names.
func TestHanjaTables(t *testing.T) {
	tab := hanjaTable()
	if len(tab) < 10000 {
		t.Fatalf("hanjaTable has %d characters", len(tab))
	}
	for i := 1; i < len(tab); i++ {
		if tab[i]>>14 == tab[i-1]>>14 {
			t.Fatalf("character %q read twice", rune(tab[i]>>14))
		}
	}
	rs := []rune(koreanFamilyHanja)
	if len(rs)%2 != 0 {
		t.Fatal("koreanFamilyHanja is not pairs")
	}
	seen := map[rune]bool{}
	// Family names whose reading as a name is not the table's: 金 김
	// (금), 車 차 (거), 沈 심 (침). The North's ㄹ where the table has the
	// South's form (魯 로, 노) is the same reading. 慎 and 辺, which Unihan
	// does not link to 愼 and 邊, have no reading in the table.
	asName := "金车車沈"
	for i := 0; i < len(rs); i += 2 {
		c, h := rs[i], rs[i+1]
		if ScriptOf(c) != Han || h < hangulBase || h > hangulLast || seen[c] {
			t.Errorf("koreanFamilyHanja: bad pair %q %q", c, h)
		}
		seen[c] = true
		if r := HanjaReading(c); r != 0 && r != h && southReading(r) != southReading(h) && !strings.ContainsRune(asName, c) {
			t.Errorf("family name %q read %q, table %q", c, h, r)
		}
	}
}

func TestSouthReading(t *testing.T) {
	for in, want := range map[rune]rune{
		'리': '이', '룡': '용', '류': '유', '량': '양', '렬': '열', '라': '나', '로': '노', '락': '낙',
		'녀': '여', '니': '이', '김': '김', '나': '나', '이': '이', 'A': 'A',
	} {
		if got := southReading(in); got != want {
			t.Errorf("southReading(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHanKoreanLatin checks that the syllables a text scanner joins spell
// the name as the scorer reads it.
func TestHanKoreanLatin(t *testing.T) {
	for _, name := range []string{"金正恩", "金与正", "崔龙海", "李炳哲", "李伊哲", "羅明植", "林东一", "朴奉珠", "韩成烈"} {
		readings := HanKorean(name)
		var north, south strings.Builder
		for i, r := range []rune(name) {
			s := HanKoreanLatin(r)
			switch i {
			case 0:
				north.WriteString(s.Family)
				south.WriteString(s.FamilySouth)
			case 1:
				north.WriteString(s.Given)
				south.WriteString(s.GivenSouth)
			default:
				north.WriteString(s.Given)
				south.WriteString(s.Given)
			}
		}
		want := []string{strings.ReplaceAll(Latin(readings[0], ""), " ", "")}
		if len(readings) > 1 {
			want = append(want, strings.ReplaceAll(Latin(readings[1], ""), " ", ""))
		} else {
			want = append(want, want[0])
		}
		if got := []string{north.String(), south.String()}; !slices.Equal(got, want) {
			t.Errorf("%s: HanKoreanLatin spells %q, HanKorean reads %q", name, got, want)
		}
	}
	if s := HanKoreanLatin('习'); s.Family != "" || s.Given != "seup" && s.Given != "sup" {
		t.Errorf("HanKoreanLatin('习') = %+v", s)
	}
	if n := testing.AllocsPerRun(100, func() { HanKoreanLatin('金') }); n != 0 {
		t.Errorf("HanKoreanLatin allocates %v times", n)
	}
}
