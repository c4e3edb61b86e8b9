package text

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/embargo/embargo/internal/shareddata"
)

// TestSharedArticle is the acceptance test: the Portuguese report
// on Lavrov's visit to Pyongyang, scanned with every shipped list loaded.
func TestSharedArticle(t *testing.T) {
	sc := sharedScanner(t)
	b, err := os.ReadFile(shareddata.Path(t, "news/pt-lavrov-pyongyang.txt"))
	if err != nil {
		t.Fatal(err)
	}
	input := string(b)
	res, err := sc.Scan(context.Background(), input, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, input, res)
	type want struct {
		start, end int
		text       string
		entity     string // an entity the mention must name
		linkedTo   string // the text of the full mention, for a surname
	}
	wants := []want{
		{44, 58, "Serguei Lavrov", "uk-RUS0252", ""},
		{414, 420, "Lavrov", "uk-RUS0252", "Serguei Lavrov"},
		{575, 586, "Kim Jong-un", "ofac-20157", ""},
		{645, 659, "Vladimir Putin", "uk-RUS0251", ""},
		{664, 670, "Lavrov", "uk-RUS0252", "Serguei Lavrov"},
		{1108, 1114, "Lavrov", "uk-RUS0252", "Serguei Lavrov"},
		{1201, 1206, "Putin", "uk-RUS0251", "Vladimir Putin"},
		{1392, 1397, "Putin", "uk-RUS0251", "Vladimir Putin"},
		{2269, 2282, "Dmitri Peskov", "uk-RUS0753", ""},
	}
	spans := map[[2]int][]Mention{}
	for _, m := range res.Mentions {
		k := [2]int{m.Start, m.End}
		spans[k] = append(spans[k], m)
	}
	for _, w := range wants {
		ms := spans[[2]int{w.start, w.end}]
		if len(ms) == 0 {
			t.Errorf("no mention %q at %d-%d", w.text, w.start, w.end)
			continue
		}
		delete(spans, [2]int{w.start, w.end})
		if ms[0].Text != w.text {
			t.Errorf("mention at %d-%d is %q, want %q", w.start, w.end, ms[0].Text, w.text)
		}
		found := false
		for _, m := range ms {
			found = found || m.Entity.ID == w.entity
			if w.linkedTo == "" && m.LinkedTo != nil {
				t.Errorf("full mention %q is linked", m.Text)
			}
			if w.linkedTo != "" && (m.LinkedTo == nil || res.Mentions[*m.LinkedTo].Text != w.linkedTo) {
				t.Errorf("mention %q at %d is not linked to %q: %v", m.Text, m.Start, w.linkedTo, m.LinkedTo)
			}
		}
		if !found {
			t.Errorf("mention %q names %v, want %s among them", w.text, entityIDs(ms), w.entity)
		}
	}
	for k, ms := range spans {
		t.Errorf("unexpected mention %q at %d-%d: %v", ms[0].Text, k[0], k[1], entityIDs(ms))
	}
	var countries []string
	for _, j := range res.Jurisdictions {
		countries = append(countries, j.Text+":"+j.Country)
	}
	wantCountries := []string{"Coreia do Norte:kp", "Rússia:ru", "Rússia:ru", "Rússia:ru", "Rússia:ru", "Coreia do Norte:kp",
		"Rússia:ru", "Coreia do Norte:kp", "Rússia:ru", "Coreia do Norte:kp", "Rússia:ru", "Rússia:ru", "Coreia do Norte:kp",
		"Rússia:ru", "Coreia do Norte:kp"}
	if !slices.Equal(countries, wantCountries) {
		t.Errorf("jurisdictions\n%v\nwant\n%v", countries, wantCountries)
	}
	for _, j := range res.Jurisdictions {
		if j.Country == "ru" && !slices.Contains(j.Programs, "uk: Russia") || j.Country == "kp" && !slices.Contains(j.Programs, "un: DPRK") {
			t.Errorf("%s: programs %v lack the regime that targets it", j.Text, j.Programs)
		}
	}
}

func entityIDs(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Entity.ID)
	}
	return out
}

// checkOffsets checks that every mention's text is the input between its
// offsets, and that links point at a full mention of the same entity.
func checkOffsets(t *testing.T, input string, res *Result) {
	t.Helper()
	for _, m := range res.Mentions {
		if m.Start < 0 || m.End > len(input) || m.Start >= m.End || input[m.Start:m.End] != m.Text {
			t.Errorf("mention %q at %d-%d is not the input there", m.Text, m.Start, m.End)
		}
		if m.LinkedTo != nil {
			l := *m.LinkedTo
			if l < 0 || l >= len(res.Mentions) || res.Mentions[l].LinkedTo != nil || res.Mentions[l].Entity != m.Entity {
				t.Errorf("mention %q is linked to %d, not a full mention of %s", m.Text, l, m.Entity.ID)
			}
		}
	}
	for _, j := range res.Jurisdictions {
		if j.Start < 0 || j.End > len(input) || j.Start >= j.End || input[j.Start:j.End] != j.Text {
			t.Errorf("jurisdiction %q at %d-%d is not the input there", j.Text, j.Start, j.End)
		}
	}
}

// expect is an expected mention: the n-th occurrence (from 1) of text in
// the article, naming entity (or linked to the full mention link).
type expect struct {
	text   string
	n      int
	entity string
	link   string
}

// TestArticles scans news written for this test in ten languages and
// scripts, about people on the shipped lists and people on none, and
// checks every mention and every country at its exact offsets: nothing
// missing, nothing else.
func TestArticles(t *testing.T) {
	sc := sharedScanner(t)
	tests := []struct {
		file      string
		mentions  []expect
		countries []expect // entity holds the country code
	}{
		{"de.txt", []expect{
			{"Wladimir Putin", 1, "uk-RUS0251", ""}, {"Kim Jong Un", 1, "ofac-20157", ""},
			{"Putins", 1, "uk-RUS0251", "Wladimir Putin"}, {"Dmitri Peskow", 1, "uk-RUS0753", ""},
			{"Dmitri Medwedew", 1, "uk-RUS0725", ""}, {"Sergej Lawrow", 1, "uk-RUS0252", ""},
			{"Lawrow", 2, "uk-RUS0252", "Sergej Lawrow"},
		}, []expect{{"Russland", 1, "ru", ""}, {"Nordkorea", 1, "kp", ""}}},
		{"es.txt", []expect{
			{"Serguéi Lavrov", 1, "uk-RUS0252", ""}, {"Dmitri Médvedev", 1, "uk-RUS0725", ""},
			{"María Zajárova", 1, "uk-RUS0703", ""}, {"Vladímir Putin", 1, "uk-RUS0251", ""},
			{"Lavrov", 2, "uk-RUS0252", "Serguéi Lavrov"}, {"Nicolás Maduro", 1, "ofac-22790", ""},
		}, []expect{{"Rusia", 1, "ru", ""}, {"Corea del Norte", 1, "kp", ""}}},
		{"fr.txt", []expect{
			{"Vladimir Poutine", 1, "uk-RUS0251", ""}, {"Kim Jong-un", 1, "ofac-20157", ""},
			{"Sergueï Lavrov", 1, "uk-RUS0252", ""}, {"Dmitri Peskov", 1, "uk-RUS0753", ""},
			{"Evgueni Prigojine", 1, "ofac-21171", ""}, {"groupe Wagner", 1, "uk-RUS1090", ""},
			{"Poutine", 2, "uk-RUS0251", "Vladimir Poutine"},
		}, []expect{{"Russie", 1, "ru", ""}, {"Corée du Nord", 1, "kp", ""}, {"Syrie", 1, "sy", ""}, {"Iran", 1, "ir", ""}}},
		{"en.txt", []expect{
			{"Sergei Lavrov", 1, "uk-RUS0252", ""}, {"Kim Jong Un", 1, "ofac-20157", ""},
			{"Dmitry Peskov", 1, "uk-RUS0753", ""}, {"Vladimir Putin", 1, "uk-RUS0251", ""},
			{"Kim Yo Jong", 1, "ofac-21444", ""}, {"Sergei Shoigu", 1, "uk-RUS0689", ""},
			{"Elvira Nabiullina", 1, "uk-RUS1649", ""}, {"Hamas", 1, "ofac-4695", ""},
			{"Lavrov's", 1, "uk-RUS0252", "Sergei Lavrov"},
		}, []expect{{"Russia's", 1, "ru", ""}, {"Iran", 1, "ir", ""}, {"Russia", 3, "ru", ""}}},
		{"ru.txt", []expect{
			{"Сергей Лавров", 1, "uk-RUS0252", ""}, {"Дмитрий Песков", 1, "uk-RUS0753", ""},
			{"Владимира Путина", 1, "uk-RUS0251", ""}, {"Дмитрий Медведев", 1, "uk-RUS0725", ""},
			{"Лаврова", 1, "uk-RUS0252", "Сергей Лавров"}, {"Путин", 2, "uk-RUS0251", "Владимира Путина"},
			{"Дмитрия Медведева", 1, "uk-RUS0725", ""}, {"Мария Захарова", 1, "uk-RUS2053", ""},
			{"Лаврову", 1, "uk-RUS0252", "Сергей Лавров"}, {"Эльвира Набиуллина", 1, "uk-RUS1649", ""},
			{"Путиным", 1, "uk-RUS0251", "Владимира Путина"},
			// Korean names in the Russian spelling, the last syllable declined.
			{"Ким Чен Ын", 1, "ofac-20157", ""}, {"Ким Чен Ыном", 1, "ofac-20157", ""},
			{"Ким Чен Ына", 1, "ofac-20157", ""}, {"Ким Ё Чжон", 1, "ofac-21444", ""},
		}, []expect{{"России", 1, "ru", ""}, {"КНДР", 1, "kp", ""}, {"Северной Кореи", 1, "kp", ""}}},
		{"uk.txt", []expect{
			{"Володимир Путін", 1, "uk-RUS0251", ""}, {"Дмитро Пєсков", 1, "uk-RUS0753", ""},
			{"Путін", 2, "uk-RUS0251", "Володимир Путін"}, {"Сергій Лавров", 1, "uk-RUS0252", ""},
		}, []expect{{"Росії", 1, "ru", ""}, {"Північної Кореї", 1, "kp", ""}, {"Росії", 2, "ru", ""}, {"Ірану", 1, "ir", ""}}},
		{"be.txt", []expect{
			{"Уладзімір Пуцін", 1, "uk-RUS0251", ""}, {"Аляксандр Лукашэнка", 1, "ofac-9760", ""},
			{"Дзмітрый Пяскоў", 1, "uk-RUS0753", ""}, {"Пуцін", 2, "uk-RUS0251", "Уладзімір Пуцін"},
			{"Сяргей Лаўроў", 1, "uk-RUS0252", ""},
		}, []expect{{"Расіі", 1, "ru", ""}, {"Беларусі", 1, "by", ""}}},
		{"ko.txt", []expect{
			{"블라디미르 푸틴", 1, "uk-RUS0251", ""}, {"김정은", 1, "ofac-20157", ""},
			{"세르게이 라브로프", 1, "uk-RUS0252", ""}, {"드미트리 메드베데프", 1, "uk-RUS0725", ""},
			{"푸틴", 2, "uk-RUS0251", "블라디미르 푸틴"}, {"김여정", 1, "ofac-21444", ""},
		}, []expect{{"러시아", 1, "ru", ""}, {"북한을", 1, "kp", ""}}},
		{"zh.txt", []expect{
			{"夏宝龙", 1, "ofac-29262", ""}, {"骆惠宁", 1, "ofac-29263", ""},
			{"金正恩", 1, "ofac-20157", ""}, {"崔龙海", 1, "ofac-23213", ""},
			{"谢尔盖·拉夫罗夫", 1, "uk-RUS0252", ""}, {"拉夫罗夫", 2, "uk-RUS0252", "谢尔盖·拉夫罗夫"},
		}, []expect{{"俄罗斯", 1, "ru", ""}, {"朝鲜", 1, "kp", ""}, {"香港", 1, "hk", ""}, {"伊朗", 1, "ir", ""}, {"叙利亚", 1, "sy", ""}}},
		{"ja.txt", []expect{
			{"ラブロフ", 1, "uk-RUS0252", "セルゲイ・ラブロフ"}, {"プーチン", 1, "uk-RUS0251", "ウラジーミル・プーチン"},
			{"セルゲイ・ラブロフ", 1, "uk-RUS0252", ""}, {"キム・ジョンウン", 1, "ofac-20157", ""},
			{"ドミトリー・ペスコフ", 1, "uk-RUS0753", ""}, {"ウラジーミル・プーチン", 1, "uk-RUS0251", ""},
			{"ペスコフ", 2, "uk-RUS0753", "ドミトリー・ペスコフ"}, {"マリア・ザハロワ", 1, "uk-RUS0703", ""},
			{"ザハロワ", 2, "uk-RUS0703", "マリア・ザハロワ"}, {"セルゲイ・ショイグ", 1, "uk-RUS0689", ""},
			{"ドミトリー・メドベージェフ", 1, "uk-RUS0725", ""}, {"ラブロフ", 3, "uk-RUS0252", "セルゲイ・ラブロフ"},
			{"プーチン", 3, "uk-RUS0251", "ウラジーミル・プーチン"},
		}, []expect{{"ロシア", 1, "ru", ""}, {"北朝鮮", 1, "kp", ""}, {"ロシア", 2, "ru", ""}, {"北朝鮮", 2, "kp", ""},
			{"ロシア", 3, "ru", ""}, {"ロシア", 4, "ru", ""}, {"ロシア", 5, "ru", ""}, {"イラン", 1, "ir", ""}, {"シリア", 1, "sy", ""},
			{"ロシア", 6, "ru", ""}, {"北朝鮮", 3, "kp", ""}}},
		{"ar.txt", []expect{
			{"فلاديمير بوتين", 1, "uk-RUS0251", ""}, {"أيمن الظواهري", 1, "un-QDi.006", ""},
			{"كيم جونغ أون", 1, "ofac-20157", ""},
		}, []expect{{"روسيا", 1, "ru", ""}, {"وإيران", 1, "ir", ""}, {"كوريا الشمالية", 1, "kp", ""}, {"وسوريا", 1, "sy", ""}}},
		{"el.txt", []expect{
			{"Σεργκέι Λαβρόφ", 1, "uk-RUS0252", ""}, {"Κιμ Γιονγκ Ουν", 1, "ofac-20157", ""},
			{"Ντμίτρι Πεσκόφ", 1, "uk-RUS0753", ""}, {"Βλαντιμίρ Πούτιν", 1, "uk-RUS0251", ""},
		}, []expect{{"Βόρειας Κορέας", 1, "kp", ""}, {"Βόρεια Κορέα", 1, "kp", ""}, {"Ρωσία", 1, "ru", ""}}},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.file, ".txt"), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "news", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			input := string(b)
			res, err := sc.Scan(context.Background(), input, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, input, res)
			spans := map[[2]int][]Mention{}
			for _, m := range res.Mentions {
				spans[[2]int{m.Start, m.End}] = append(spans[[2]int{m.Start, m.End}], m)
			}
			for _, w := range tc.mentions {
				start := nth(t, input, w.text, w.n)
				k := [2]int{start, start + len(w.text)}
				ms := spans[k]
				delete(spans, k)
				if len(ms) == 0 {
					t.Errorf("no mention %q (#%d) at %d-%d", w.text, w.n, k[0], k[1])
					continue
				}
				if !slices.Contains(entityIDs(ms), w.entity) {
					t.Errorf("mention %q names %v, want %s among them", w.text, entityIDs(ms), w.entity)
				}
				for _, m := range ms {
					switch {
					case w.link == "" && m.LinkedTo != nil:
						t.Errorf("full mention %q is linked to %q", w.text, res.Mentions[*m.LinkedTo].Text)
					case w.link != "" && (m.LinkedTo == nil || res.Mentions[*m.LinkedTo].Text != w.link):
						t.Errorf("mention %q is not linked to %q", w.text, w.link)
					}
				}
			}
			for k, ms := range spans {
				t.Errorf("unexpected mention %q at %d-%d: %v", ms[0].Text, k[0], k[1], entityIDs(ms))
			}
			var got, want []string
			for _, j := range res.Jurisdictions {
				got = append(got, fmt.Sprintf("%s@%d:%s", j.Text, j.Start, j.Country))
			}
			for _, w := range tc.countries {
				want = append(want, fmt.Sprintf("%s@%d:%s", w.text, nth(t, input, w.text, w.n), w.entity))
			}
			if !slices.Equal(got, want) {
				t.Errorf("jurisdictions\n%v\nwant\n%v", got, want)
			}
		})
	}
}

// nth returns the offset of the n-th occurrence (from 1) of s in text.
func nth(t *testing.T, text, s string, n int) int {
	t.Helper()
	off := 0
	for k := 1; ; k++ {
		i := strings.Index(text[off:], s)
		if i < 0 {
			t.Fatalf("%q does not occur %d times", s, n)
		}
		if k == n {
			return off + i
		}
		off += i + len(s)
	}
}
