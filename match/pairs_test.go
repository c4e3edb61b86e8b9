package match

import (
	"testing"

	"github.com/embargo/embargo/entity"
)

// scoreNames compares two names as a query and a one-name entity.
func scoreNames(a, b string, t entity.Type) Result {
	return CompareNames(a, b, t)
}

// atLeast is a pair of people's names and the least score it must reach.
type atLeast struct {
	a, b string
	min  float64
}

// checkPeople checks that every pair of same scores at least its minimum
// and every pair of different scores below the default threshold.
func checkPeople(t *testing.T, same []atLeast, different [][2]string) {
	t.Helper()
	for _, p := range same {
		if r := scoreNames(p.a, p.b, entity.Person); r.Score < p.min {
			t.Errorf("%q vs %q: %.3f (alignment %+v), want at least %.2f", p.a, p.b, r.Score, r.Alignment.Pairs, p.min)
		}
	}
	for _, p := range different {
		if r := scoreNames(p[0], p[1], entity.Person); r.Score >= 0.7 {
			t.Errorf("%q vs %q: %.3f (alignment %+v), want below the threshold", p[0], p[1], r.Score, r.Alignment.Pairs)
		}
	}
}

// labelledPairs are name pairs an analyst would judge: the same party
// (true) or not (false). They cover the transliteration families the
// scorer must reconcile and the near-misses it must reject.
var labelledPairs = []struct {
	a, b string
	t    entity.Type
	same bool
}{
	// The Portuguese article and the lists.
	{"Serguei Lavrov", "Lavrov Sergei Viktorovich", entity.Person, true},
	{"Sergueï Lavrov", "Lavrov Sergei Viktorovich", entity.Person, true},
	{"Kim Jong-un", "KIM, Jong Un", entity.Person, true},
	{"Kim Dzong Un", "KIM, Jong Un", entity.Person, true},
	{"Kim Čong-un", "KIM, Jong Un", entity.Person, true},
	{"Kim Ir Sen", "KIM Il Sung", entity.Person, true},
	{"Kim Yong Un", "KIM, Jong Un", entity.Person, false}, // 용 is not 정
	{"Hussein Nasrallah", "NASRALLAH, Hasan", entity.Person, false},
	{"Dmitri Peskov", "PESKOV Dmitry Sergeyvich", entity.Person, true},
	{"Vladimir Putin", "PUTIN Vladimir Vladimirovich", entity.Person, true},
	{"John Kirby", "KIRBY, John", entity.Person, true},
	// Other scripts.
	{"Сергей Лавров", "Lavrov Sergei Viktorovich", entity.Person, true},
	{"Дмитрий Песков", "PESKOV Dmitry Sergeyvich", entity.Person, true},
	{"김정은", "KIM, Jong Un", entity.Person, true},
	{"리병철", "RI PYONG CHOL", entity.Person, true},
	{"드미트리 메드베데프", "MEDVEDEV Dmitry Anatolyevich", entity.Person, true},
	{"세르게이 라브로프", "Lavrov Sergei Viktorovich", entity.Person, true},
	{"Владимир Путин", "PUTIN Vladimir Vladimirovich", entity.Person, true},
	{"صدام حسين التكريتي", "SADDAM HUSSEIN AL-TIKRITI", entity.Person, true},
	{"Уладзімір Пуцін", "PUTIN Vladimir Vladimirovich", entity.Person, true},
	{"Дзмітрый Пяскоў", "PESKOV Dmitry Sergeyvich", entity.Person, true},
	{"Сяргей Лаўроў", "Lavrov Sergei Viktorovich", entity.Person, true},
	{"Дзмітрый Пяскоў", "PESKOV Sergei", entity.Person, false},
	{"Hizb Allah", "HIZBALLAH", entity.Organization, true},
	{"Хамас", "HAMAS", entity.Organization, true},
	{"하마스", "HAMAS", entity.Organization, true},
	{"حزب الله", "HIZBALLAH", entity.Organization, true},
	{"Abu Bakr", "ABUBAKR", entity.Person, true},
	{"Sa Na", "SANA", entity.Person, false},
	{"حسن نصر الله", "NASRALLAH, Hasan", entity.Person, true},
	{"حسن نصرالله", "NASRALLAH, Hasan", entity.Person, true},
	{"حسن نصر الله", "NASR, Hasan", entity.Person, false},
	{"Dmitri Medwedew", "MEDVEDEV Dmitry Anatolyevich", entity.Person, true},
	{"Dmitri Médvedev", "MEDVEDEV Dmitry Anatolyevich", entity.Person, true},
	{"Дмитрий Медведев", "MEDVEDEV Dmitry Anatolyevich", entity.Person, true},
	{"Nikita Chruschtschow", "Nikita Khrushchev", entity.Person, true},
	{"Nikita Jruschov", "Nikita Khrushchev", entity.Person, true},
	{"Michail Gorbatschow", "Mikhail Gorbachev", entity.Person, true},
	{"Boris Jelzin", "Boris Yeltsin", entity.Person, true},
	{"Iouri Andropov", "Yuri Andropov", entity.Person, true},
	{"Oleksandr Lukashenko", "Aleksandr Lukashenko", entity.Person, true},
	{"Mohammed Omar", "Muhammad Umar", entity.Person, true},
	{"Abdul Rahman Yasin", "ABDULRAHMAN YASIN", entity.Person, true},
	{"Osama bin Laden", "Usama bin Ladin", entity.Person, true},
	{"Lee Byong Chol", "RI PYONG CHOL", entity.Person, true},
	{"Pak Pong Ju", "Park Bong-ju", entity.Person, true},
	{"Choe Ryong Hae", "Choi Ryong-hae", entity.Person, true},
	{"Rosneft Oil Company", "ROSNEFT OIL COMPANY OAO", entity.Organization, true},
	{"OOO Gazprom Neft", "Gazprom Neft LLC", entity.Organization, true},
	{"Banco Nacional de Cuba", "BANCO NACIONAL DE CUBA", entity.Organization, true},
	// Different people and companies.
	{"Andrei Ivanov", "Victor Ivanov", entity.Person, false},
	{"Natalia Orlova", "Nikolai Orlov", entity.Person, false},
	{"Ahmed Hassan", "Mahmoud Hassan", entity.Person, false},
	{"Kim", "KIM, Jong Un", entity.Person, false},
	{"Kim Jong Il", "KIM, Jong Un", entity.Person, false},
	{"Kim Yo Jong", "KIM, Jong Un", entity.Person, false},
	{"김정일", "KIM, Jong Un", entity.Person, false},
	{"Mohammed", "Mohammed Omar", entity.Person, false},
	{"Maria", "LAVROVA Maria Aleksandrovna", entity.Person, false},
	{"John Kirby", "John Kerry", entity.Person, false},
	{"Vessel No. 3", "Vessel No. 5", entity.Vessel, false},
	{"Igor Putin", "PUTIN Vladimir Vladimirovich", entity.Person, false},
	{"Hassan Ali", "Hussein Ali", entity.Person, false},
}

func TestLabelledPairs(t *testing.T) {
	for _, p := range labelledPairs {
		r := scoreNames(p.a, p.b, p.t)
		if got := r.Score >= 0.7; got != p.same {
			t.Errorf("%q vs %q: score %.3f (alignment %+v), want match=%v", p.a, p.b, r.Score, r.Alignment.Pairs, p.same)
		}
	}
}

func TestOrganisationsNeedTheirDistinctiveWords(t *testing.T) {
	for _, p := range []struct{ a, b string }{
		{"Central Bank", "CENTRAL BANK OF IRAN"},
		{"Gazprom", "GAZPROM NEFT"},
		{"United States", "UNITED WA STATE ARMY"},
	} {
		if r := scoreNames(p.a, p.b, entity.Organization); r.Score >= 0.7 {
			t.Errorf("%q vs %q: %.3f, want below the threshold", p.a, p.b, r.Score)
		}
	}
	for _, p := range []struct{ a, b string }{
		{"Central Bank of Iran", "CENTRAL BANK OF IRAN"},
		{"Gazprom Neft PJSC", "GAZPROM NEFT"},
		{"Wagner Group", "WAGNER"},
	} {
		if r := scoreNames(p.a, p.b, entity.Organization); r.Score < 0.7 {
			t.Errorf("%q vs %q: %.3f, want a match", p.a, p.b, r.Score)
		}
	}
}

func TestArabicSpellingsOfForeignNames(t *testing.T) {
	for _, p := range []struct{ a, b string }{
		{"ديمتري بيسكوف", "PESKOV Dmitry Sergeyvich"},
		{"فلاديمير بوتين", "PUTIN Vladimir Vladimirovich"},
		{"سيرغي لافروف", "Lavrov Sergei Viktorovich"},
	} {
		if r := scoreNames(p.a, p.b, entity.Person); r.Score < 0.7 {
			t.Errorf("%q vs %q: %.3f, want a match", p.a, p.b, r.Score)
		}
	}
}

// TestKoreanNamesInRussian checks the Russian spellings of Korean names
// (Kontsevich and the older Soviet spellings, translit.KoreanCyrillic)
// against the lists' romanisations: the same name scores as the list's
// own spelling would, and a different syllable is a different person.
func TestKoreanNamesInRussian(t *testing.T) {
	checkPeople(t, []atLeast{
		{"Ким Чен Ын", "KIM, Jong Un", 0.9},
		{"Ким Чен-Ын", "KIM, Jong Un", 0.9},
		{"КИМ Чен Ын", "Kim Jong-un", 0.9},
		{"Ким Ё Чжон", "KIM Yo Jong", 0.9},
		{"Чхве Рён Хэ", "CHOE Ryong Hae", 0.9},
		{"Чхве Рён Хэ", "Choi Ryong-hae", 0.9},
		{"Ли Пён Чхоль", "RI Pyong Chol", 0.9},
		{"Ри Пён Чхоль", "RI Pyong Chol", 0.9},
		{"Пак Пон Джу", "PAK Pong Ju", 0.9},
		{"Ким Ён Нам", "Kim Yong Nam", 0.9},
		{"Мун Чжэ Ин", "Moon Jae-in", 0.9},
		{"Юн Сок Ёль", "Yoon Suk Yeol", 0.9},
		{"Но Гван Чхоль", "NO Kwang Chol", 0.9},
		{"Ри Сон Гвон", "RI Son Gwon", 0.9},
		// Kim, Il and Sung are all very common name parts: the list's own
		// spelling scores 0.8 (commonFactor), and so does the Russian one.
		{"Ким Ир Сен", "Kim Il Sung", 0.8},
		{"Ким Чен Ир", "Kim Jong Il", 0.8},
	}, [][2]string{
		{"Ким Чен Ир", "KIM, Jong Un"},
		{"Ким Чен Ын", "KIM Jong Il"},
		{"Ким Ир Сен", "KIM Jong Il"},
		{"Ким Ё Чжон", "KIM, Jong Un"},
		{"Ли Пён Чхоль", "RI Pyong Su"},
		// A syllable missing is another name, as in Hangul (Kim Jong is not
		// Kim Jong Un; Kim Yo is not Kim Yo Jong).
		{"Ким Чен", "KIM, Jong Un"},
		{"Ким Ё", "KIM Yo Jong"},
		{"Пак Пон", "PAK, Pong-nam"},
		// Russian names are read as Russian.
		{"Анна Ли", "RI Pyong Chol"},
	})
}

// TestKatakanaNames checks foreign names written in Japanese katakana,
// their parts separated by ・, read back as the names they transcribe
// (translit.KanaLoan).
func TestKatakanaNames(t *testing.T) {
	checkPeople(t, []atLeast{
		{"セルゲイ・ラブロフ", "Lavrov Sergei Viktorovich", 0.9},
		{"ウラジーミル・プーチン", "PUTIN Vladimir Vladimirovich", 0.9},
		{"ドミトリー・ペスコフ", "PESKOV Dmitry Sergeyvich", 0.9},
		{"キム・ジョンウン", "KIM, Jong Un", 0.9},
		{"ドミトリー・メドベージェフ", "MEDVEDEV Dmitry Anatolyevich", 0.9},
		{"マリア・ザハロワ", "ZAKHAROVA Maria Vladimirovna", 0.9},
		{"セルゲイ・ショイグ", "SHOIGU Sergei Kuzhugetovich", 0.9},
		{"ｾﾙｹﾞｲ･ﾗﾌﾞﾛﾌ", "Lavrov Sergei Viktorovich", 0.9},
	}, [][2]string{
		{"ウラジーミル・ラブロフ", "Lavrov Sergei Viktorovich"},
		{"ドミトリー・メドベージェフ", "PESKOV Dmitry Sergeyvich"},
		{"ラブロフ", "Lavrov Sergei Viktorovich"},
		{"キム・ジョンイル", "KIM, Jong Un"},
		{"キム・ヨジョン", "KIM, Jong Un"},
		{"ジョン・カービー", "John Kerry"},
	})
}

// TestKoreanNamesInAbjads checks Korean names written in Arabic, Persian
// and Hebrew letters (translit.KoreanAbjad), read syllable by syllable:
// a different or missing syllable is another person.
func TestKoreanNamesInAbjads(t *testing.T) {
	checkPeople(t, []atLeast{
		{"كيم جونغ أون", "KIM, Jong Un", 0.9},
		{"کیم جونگ اون", "KIM, Jong Un", 0.9},
		{"קים ג'ונג און", "KIM, Jong Un", 0.9},
		{"كيم يو جونغ", "KIM Yo Jong", 0.9},
		{"ري بيونغ تشول", "RI Pyong Chol", 0.9},
		{"تشوي ريونغ هاي", "CHOE Ryong Hae", 0.9},
	}, [][2]string{
		{"كيم جونغ", "KIM, Chung Chong"},
		{"كيم جونغ إيل", "KIM, Jong Un"},
		{"كيم يو جونغ", "KIM, Jong Un"},
	})
}

// TestForeignNamesInGreek checks foreign names written in Greek, whose b,
// d and g Greek writes μπ, ντ and γκ (translit.GreekLoan).
func TestForeignNamesInGreek(t *testing.T) {
	checkPeople(t, []atLeast{
		{"Βλαντιμίρ Πούτιν", "PUTIN Vladimir Vladimirovich", 0.9},
		{"Σεργκέι Λαβρόφ", "Lavrov Sergei Viktorovich", 0.9},
		{"Ντμίτρι Πεσκόφ", "PESKOV Dmitry Sergeyvich", 0.9},
		{"Κιμ Γιονγκ Ουν", "KIM, Jong Un", 0.9},
	}, [][2]string{
		{"Βλαντιμίρ Λαβρόφ", "Lavrov Sergei Viktorovich"},
		{"Κιμ Γιονγκ Ιλ", "KIM, Jong Un"},
	})
}
