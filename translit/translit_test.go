package translit

import (
	"strings"
	"testing"
)

// Real names in each script with the romanisation sanctions lists use (or
// the closest this package can give without a dictionary).
var textCases = []struct {
	script, in, want string
}{
	// Russian (BGN/PCGN as lists write it).
	{"ru", "Путин", "putin"},
	{"ru", "Владимир Владимирович Путин", "vladimir vladimirovich putin"},
	{"ru", "Лавров", "lavrov"},
	{"ru", "Сергей Лавров", "sergey lavrov"},
	{"ru", "Дмитрий", "dmitriy"},
	{"ru", "Медведев", "medvedev"},
	{"ru", "Песков", "peskov"},
	{"ru", "Шойгу", "shoygu"},
	{"ru", "Захарова", "zakharova"},
	{"ru", "Набиуллина", "nabiullina"},
	{"ru", "Пригожин", "prigozhin"},
	{"ru", "Евгений Викторович Пригожин", "yevgeniy viktorovich prigozhin"},
	{"ru", "Хрущёв", "khrushchev"},
	{"ru", "Хрущев", "khrushchev"},
	{"ru", "Чайковский", "chaykovskiy"},
	{"ru", "Горбачёв", "gorbachev"},
	{"ru", "Ельцин", "yeltsin"},
	{"ru", "Юрий", "yuriy"},
	{"ru", "Щербаков", "shcherbakov"},
	{"ru", "Артём", "artem"},
	{"ru", "Ёлкин", "yolkin"},
	{"ru", "Эльвира Набиуллина", "elvira nabiullina"},
	{"ru", "Умаров Доку Хаматович", "umarov doku khamatovich"},
	{"ru", "Ислам Сеит-Умарович Атабиев", "islam seit umarovich atabiev"},
	{"ru", "Катиба ат-Таухид валь-Джихад", "katiba at taukhid val dzhikhad"},
	{"ru", "ВАГНЕР", "vagner"},
	{"ru", "Подъячев", "podyachev"},
	{"ru", "Красный", "krasnyy"},
	{"ru", "Рыжий", "ryzhiy"},
	// Ukrainian (national system 2010).
	{"uk", "Олександр", "oleksandr"},
	{"uk", "Зеленський", "zelenskyi"},
	{"uk", "Володимир Зеленський", "volodymyr zelenskyi"},
	{"uk", "Юлія Тимошенко", "yuliia tymoshenko"},
	{"uk", "Віктор Янукович", "viktor yanukovych"},
	{"uk", "Згурський", "zghurskyi"},
	{"uk", "Євген Їжакевич", "yevhen yizhakevych"},
	{"uk", "Ґалаґан", "galagan"},
	{"uk", "Київ", "kyiv"},
	// Belarusian (passport practice).
	{"be", "Аляксандр Рыгоравіч Лукашэнка", "aliaksandr ryhoravich lukashenka"},
	{"be", "Сяргей Вайтовіч", "siarhei vaitovich"},
	{"be", "Уладзімір Макей", "uladzimir makei"},
	{"be", "Ўладзіслаў", "uladzislau"},
	// Bulgarian (Streamlined System).
	{"bg", "Тодор Живков Държавен", "todor zhivkov darzhaven"},
	{"bg", "Ангел Кънчев Щерев", "angel kanchev shterev"},
	{"bg", "България", "balgaria"},
	{"bg", "Христо Стоичков Мъжът", "hristo stoichkov mazhat"},
	// Serbian and Macedonian.
	{"sr", "Ратко Младић", "ratko mladic"},
	{"sr", "Радован Караџић", "radovan karadzic"},
	{"sr", "Александар Вучић", "aleksandar vucic"},
	{"sr", "Ђорђе Љубичић Његош", "djordje ljubicic njegos"},
	{"mk", "Ѓорѓе Ќосевски", "gjorgje kjosevski"},
	{"mk", "Никола Груевски Ѕвезда", "nikola gruevski dzvezda"},
	// Kazakh.
	{"kk", "Нұрсұлтан Әбішұлы Назарбаев", "nursultan abishuly nazarbaev"},
	{"kk", "Қасым-Жомарт Тоқаев", "qasym zhomart toqaev"},
	// Hangul (McCune–Reischauer, DPRK list style).
	{"ko", "김정은", "kim jong un"},
	{"ko", "김여정", "kim yo jong"},
	{"ko", "리병철", "ri pyong chol"},
	{"ko", "최룡해", "choe ryong hae"},
	{"ko", "박봉주", "pak pong ju"},
	{"ko", "장성택", "jang song thaek"},
	{"ko", "평양", "phyong yang"},
	{"ko", "조선", "jo son"},
	{"ko", "박", "pak"},
	{"ko", "김영철", "kim yong chol"},
	{"ko", "리수용", "ri su yong"},
	{"ko", "오국렬", "o kuk ryol"},
	{"ko", "현영철", "hyon yong chol"},
	{"ko", "김영남", "kim yong nam"},
	{"ko", "김격식", "kim kyok sik"},
	{"ko", "이명박", "ri myong pak"},
	{"ko", "림", "rim"},
	{"ko", "강필훈", "kang phil hun"},
	{"ko", "렴희봉", "ryom hui pong"},
	{"ko", "신", "sin"},
	{"ko", "조선민주주의인민공화국", "jo son min ju ju ui in min kong hwa kuk"},
	// Chinese (pinyin, one word per character).
	{"zh", "习近平", "xi jin ping"},
	{"zh", "李强", "li qiang"},
	{"zh", "王毅", "wang yi"},
	{"zh", "吕", "lu"},
	{"zh", "曾庆红", "zeng qing hong"},
	{"zh", "單", "dan"},
	{"zh", "金铁三", "jin tie san"},
	{"zh", "毛澤東", "mao ze dong"},
	// Japanese kana (passport Hepburn).
	{"ja", "カタカナ", "katakana"},
	{"ja", "ひらがな", "hiragana"},
	{"ja", "とうきょう", "tokyo"},
	{"ja", "しょうこう", "shoko"},
	{"ja", "あさはら", "asahara"},
	{"ja", "おおの", "ono"},
	{"ja", "きっさてん", "kissaten"},
	{"ja", "マッチ", "matchi"},
	{"ja", "ファイル", "fairu"},
	{"ja", "ティーム", "timu"},
	{"ja", "しんいち", "shinichi"},
	{"ja", "ｶﾀｶﾅ", "katakana"},
	{"ja", "ジェット", "jetto"},
	{"ja", "さとう", "sato"},
	{"ja", "セルゲイ・ラブロフ", "serugei raburofu"}, // ・ separates words (KanaLoan reads them as a foreign name)
	{"ja", "ジャン＝ポール゠サルトル", "jan poru sarutoru"},
	// Greek (ELOT 743).
	{"el", "Αλέξης Τσίπρας", "alexis tsipras"},
	{"el", "Κυριάκος Μητσοτάκης", "kyriakos mitsotakis"},
	{"el", "Γιάννης Βαρουφάκης", "giannis varoufakis"},
	{"el", "Ευάγγελος Βενιζέλος", "evangelos venizelos"},
	{"el", "Ευθύμιος", "efthymios"},
	{"el", "Μπακογιάννη", "bakogianni"},
	{"el", "Ντόρα", "dora"},
	{"el", "Παναγιώτης Κοντός", "panagiotis kontos"},
	{"el", "ΑΛΈΞΗΣ", "alexis"},
	{"el", "Ταΐζω", "taizo"},
	{"el", "Ψυχή", "psychi"},
	{"el", "Ἀθῆναι", "athinai"},
	// Georgian (national system 2002).
	{"ka", "ბიძინა ივანიშვილი", "bidzina ivanishvili"},
	{"ka", "მიხეილ სააკაშვილი", "mikheil saakashvili"},
	{"ka", "ირაკლი ღარიბაშვილი", "irakli gharibashvili"},
	{"ka", "ᲑᲘᲫᲘᲜᲐ", "bidzina"},
	// Armenian (BGN/PCGN).
	{"hy", "Սերժ Սարգսյան", "serzh sargsyan"},
	{"hy", "Նիկոլ Փաշինյան", "nikol pashinyan"},
	{"hy", "Երևան", "yerevan"},
	{"hy", "Ռոբերտ Քոչարյան", "robert kocharyan"},
	{"hy", "Օհանյան Ոսկանյան", "ohanyan voskanyan"},
	// Arabic.
	{"ar", "صدام حسين التكريتي", "sdam hsin al tkriti"},
	{"ar", "محمد", "mhmd"},
	{"ar", "مُحَمَّد", "muhammad"},
	{"ar", "حُسَيْن", "husayn"},
	{"ar", "عبد الله", "abd allah"},
	{"ar", "عبدالله", "abd allah"},
	{"ar", "عبدالرحمن", "abd al rhmn"},
	{"ar", "أسامة بن لادن", "asama bin ladn"},
	{"ar", "أبو بكر البغدادي", "abu bkr al bghdadi"},
	{"ar", "علي حسن المجيد", "ali hsn al mjid"},
	{"ar", "عزت ابراهيم الدوري", "azt abrahim al duri"},
	{"ar", "إبراهيم", "ibrahim"},
	{"ar", "يحيى", "yhya"},
	{"ar", "طه ياسين رمضان", "th yasin rmdan"},
	{"ar", "سعيد", "said"},
	{"ar", "إسماعيل", "ismail"},
	{"ar", "هدى صالح مهدي عماش", "hda salh mhdi amash"},
	{"ar", "فاطمة", "fatma"},
	{"ar", "فَاطِمَة", "fatima"},
	{"ar", "الطائي", "al tai"},
	{"ar", "ﺻﺍﻠﺡ", "salh"},
	{"ar", "يوسف", "yusf"},
	{"ar", "حويش", "hwish"},
	{"ar", "شُكْرًا", "shukran"},
	{"ar", "عَلِيّ", "ali"},
	{"ar", "رَحْمٰن", "rahman"},
	{"ar", "قُرْآن", "quran"},
	// Persian, Dari, Pashto.
	{"fa", "علی خامنه‌ای", "ali khamnei"},
	{"fa", "محمد جواد ظریف", "mhmd jvad zrif"},
	{"fa", "پسر زاده", "psr zade"},
	{"fa", "عبد الباری ﺁخوند", "abd al bari akhund"},
	{"ps", "ښاغلی", "shaghli"},
	// Hebrew.
	{"he", "בנימין נתניהו", "bnimin ntnihu"},
	{"he", "מֹשֶׁה", "moshe"},
	{"he", "יוֹסֵף", "yosef"},
	{"he", "שָׂרָה", "sara"},
	{"he", "אביגדור ליברמן", "avigdor livrmn"},
	{"he", "יצחק רבין", "ytshk rvin"},
	{"he", "ג׳ורג׳", "jorj"},
	{"he", "נֹחַ", "noah"},
	{"he", "אַבְרָהָם", "avraham"},
	{"he", "יִצְחָק", "yitshak"},
	{"he", "דָּוִד", "david"},
	// Devanagari and other Brahmic scripts.
	{"hi", "नरेंद्र मोदी", "narendra modi"},
	{"hi", "नरेन्द्र दामोदरदास मोदी", "narendra damodardas modi"},
	{"hi", "राहुल गांधी", "rahul gandhi"},
	{"hi", "मनमोहन सिंह", "manmohan singh"},
	{"hi", "अमित शाह", "amit shah"},
	{"hi", "राजकुमार", "rajkumar"},
	{"hi", "दाऊद इब्राहिम", "daud ibrahim"},
	{"hi", "अरविंद केजरीवाल", "arvind kejrival"},
	{"hi", "अंबानी", "ambani"},
	{"hi", "ज़ाकिर", "zakir"},
	{"bn", "শেখ হাসিনা", "shekh hasina"},
	{"ta", "ஸ்டாலின்", "stalin"},
	{"ml", "മലയാളം", "malayalam"},
	// Thai (RTGS).
	{"th", "ทักษิณ ชินวัตร", "thaksin chinwat"},
	{"th", "ประยุทธ์ จันทร์โอชา", "prayut chanocha"},
	{"th", "ยิ่งลักษณ์", "yinglak"},
	{"th", "สมชาย", "somchai"},
	{"th", "อภิสิทธิ์ เวชชาชีวะ", "aphisit wetchachiwa"},
	{"th", "ไทย", "thai"},
	{"th", "แก้ว", "kaeo"},
	{"th", "เปรม", "prem"},
	{"th", "ขนม", "khanom"},
	// Latin with diacritics.
	{"la", "Müller", "muller"},
	{"la", "Strauß", "strauss"},
	{"la", "Ærø Søren Œuvre", "aero soren oeuvre"},
	{"la", "Łukasz Wałęsa", "lukasz walesa"},
	{"la", "Đoković", "dokovic"},
	{"la", "Þórður Guðmundsson", "thordur gudmundsson"},
	{"la", "İlham Əliyev", "ilham aliyev"},
	{"la", "Kılıçdaroğlu", "kilicdaroglu"},
	{"la", "Nguyễn Phú Trọng", "nguyen phu trong"},
	{"la", "Ångström", "angstrom"},
	{"la", "ＡＢＣ", "abc"},
	{"la", "O'Brien", "o brien"},
	{"la", "Jean-Luc", "jean luc"},
	{"la", "e\u0301cole", "ecole"},
	// Mixed scripts, homoglyphs, digits.
	{"mix", "Пyтин", "putin"}, // Latin y in a Cyrillic word
	{"mix", "Рutin", "putin"}, // Cyrillic Р in a Latin word
	{"mix", "Bank Россия 2022", "bank rossiya 2022"},
	{"mix", "Kim 김정은", "kim kim jong un"},
	{"mix", "١٢٣ ۴۵۶ १२३", "123 456 123"},
	{"mix", "   ", ""},
	{"mix", "", ""},
	// Fallback scripts.
	{"am", "ሀይሌ", "hayelee"},
}

func TestTextRealNames(t *testing.T) {
	for _, c := range textCases {
		if got := Text(c.in); got != c.want {
			t.Errorf("%s: Text(%q) = %q, want %q", c.script, c.in, got, c.want)
		}
	}
}

func TestLatinWordWithLanguageHint(t *testing.T) {
	cases := []struct{ word, lang, want string }{
		{"Олександр", "uk", "oleksandr"},
		{"Олександр", "", "oleksandr"},
		{"Зеленський", "uk", "zelenskyi"},
		{"Зеленський", "", "zelenskyi"}, // і guessed from the word
		{"Гнат", "uk", "hnat"},
		{"Гнат", "ru", "gnat"},
		{"Гнат", "", "gnat"},
		{"Щерев", "bg", "shterev"},
		{"Щерев", "", "shcherev"},
		{"Джихад", "ar", "dzhikhad"}, // a hint for another script is ignored
		{"جواد", "fa", "jvad"},
		{"جواد", "ar", "jwad"},
		{"جواد", "", "jwad"},
		{"Yevgeniy", "", "yevgeniy"},
		{"yevgeniy", "ru", "yevgeniy"},
		{"YEVGENIY", "", "yevgeniy"},
		{"김정은", "", "kim jong un"},
		{"التكريتي", "", "al tkriti"},
	}
	for _, c := range cases {
		if got := Latin(c.word, c.lang); got != c.want {
			t.Errorf("Latin(%q, %q) = %q, want %q", c.word, c.lang, got, c.want)
		}
	}
}

func TestHangulRRFollowsRevisedRomanization(t *testing.T) {
	cases := map[string]string{
		"김정은":  "gim jeong eun",
		"박근혜":  "bak geun hye",
		"이명박":  "i myeong bak",
		"평양":   "pyeong yang",
		"최룡해":  "choe ryong hae",
		"서울":   "seo ul",
		"Kim":  "kim",
		"김 정은": "gim jeong eun",
	}
	for in, want := range cases {
		if got := HangulRR(in); got != want {
			t.Errorf("HangulRR(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCyrillicLangFromDistinctiveLetters(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Владимир Путин", "ru"},
		{"Хрущев", "ru"},
		{"Щербаков Алексей", "ru"},
		{"Подъячев", "ru"},
		{"Володимир Зеленський", "uk"},
		{"Київ", "uk"},
		{"Євген", "uk"},
		{"Ґалаґан", "uk"},
		{"Аляксандр Лукашэнка Рыгоравіч", "be"},
		{"Ўладзіслаў", "be"},
		{"Радован Караџић", "sr"},
		{"Љубиша", "sr"},
		{"Ѓорѓе", "mk"},
		{"Нұрсұлтан Назарбаев", "kk"},
		{"Тоқаев", "kk"},
		{"Тодор Живков Държавен", "bg"},
		{"в Търново", "bg"},
		{"Vladimir Putin", ""},
		{"", ""},
		{"김정은", ""},
	}
	for _, c := range cases {
		if got := CyrillicLang(c.in); got != c.want {
			t.Errorf("CyrillicLang(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestArabicLangFromDistinctiveLetters(t *testing.T) {
	cases := []struct{ in, want string }{
		{"صدام حسين", "ar"},
		{"علی خامنه‌ای", "fa"},
		{"پرویز مشرف", "fa"},
		{"عمران خان نیازی ٹیپو", "ur"},
		{"ښاغلی", "ps"},
		{"Saddam", ""},
		{"Путин", ""},
	}
	for _, c := range cases {
		if got := ArabicLang(c.in); got != c.want {
			t.Errorf("ArabicLang(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScriptOfRunes(t *testing.T) {
	cases := []struct {
		r    rune
		want Script
	}{
		{'a', LatinScript}, {'Z', LatinScript}, {'é', LatinScript}, {'ß', LatinScript}, {'Ａ', LatinScript},
		{'1', Unknown}, {' ', Unknown}, {'-', Unknown}, {'\u0301', Unknown}, {'·', Unknown},
		{'Ж', Cyrillic}, {'ґ', Cyrillic}, {'ә', Cyrillic},
		{'Ω', Greek}, {'ά', Greek}, {'ἀ', Greek},
		{'Ա', Armenian}, {'ბ', Georgian}, {'Ბ', Georgian},
		{'ع', Arabic}, {'پ', Arabic}, {'ﺻ', Arabic}, {'ـ', Unknown}, {'\u064E', Unknown}, {'،', Unknown},
		{'ש', Hebrew}, {'김', Hangul}, {'ㄱ', Hangul}, {'习', Han}, {'々', Han},
		{'カ', Kana}, {'ひ', Kana}, {'ｶ', Kana}, {'ー', Unknown},
		{'न', Devanagari}, {'ก', Thai},
		{'শ', Other}, {'ሀ', Other}, {'ក', Other},
		{0x10FFFF, Unknown}, {0xE000, Unknown},
	}
	for _, c := range cases {
		if got := ScriptOf(c.r); got != c.want {
			t.Errorf("ScriptOf(%q U+%04X) = %v, want %v", c.r, c.r, got, c.want)
		}
	}
}

func TestWordScriptMajorityAndTies(t *testing.T) {
	cases := []struct {
		in   string
		want Script
	}{
		{"Путин", Cyrillic},
		{"Пyтин", Cyrillic},
		{"ab", LatinScript},
		{"aбв", Cyrillic},
		{"aб", LatinScript}, // tie: first script met
		{"бa", Cyrillic},
		{"123", Unknown},
		{"", Unknown},
		{"김정은", Hangul},
		{"ـمـ", Arabic},
		{"東京タワー", Han}, // tie: first script met (ー is of no script)
		{"とうきょうタワー", Kana},
	}
	for _, c := range cases {
		if got := WordScript(c.in); got != c.want {
			t.Errorf("WordScript(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestScriptStringAndAbjad(t *testing.T) {
	if LatinScript.String() != "Latin" || Hangul.String() != "Hangul" || Other.String() != "Other" || Unknown.String() != "Unknown" {
		t.Error("Script.String gives wrong names")
	}
	if Script(200).String() != "Script(200)" {
		t.Errorf("Script(200).String() = %q", Script(200).String())
	}
	for s := Unknown; s <= Other; s++ {
		if got, want := s.IsAbjad(), s == Arabic || s == Hebrew; got != want {
			t.Errorf("%v.IsAbjad() = %v", s, got)
		}
	}
}

func TestFoldStripsLatinDiacriticsOnly(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Müller-Lüdenscheidt", "muller-ludenscheidt"},
		{"STRAUSS", "strauss"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Ærøskøbing", "aeroskobing"},
		{"Þór", "thor"},
		{"e\u0301cole", "ecole"},
		{"ﬁnance", "finance"},
		{"ＡＢＣ", "abc"},
		{"İstanbul", "istanbul"},
		{"Йошкар-Ола", "йошкар-ола"}, // Cyrillic keeps й (not и + breve)
		{"и\u0306", "и\u0306"},       // marks on other scripts kept
		{"김정은 Kim", "김정은 kim"},       // Hangul not decomposed
		{"مُحَمَّد", "مُحَمَّد"},     // harakat kept
		{"Αλέξης", "αλέξης"},         // Greek lower-cased, accents kept
		{"plain ascii 123", "plain ascii 123"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTextIsStableAndASCII(t *testing.T) {
	for _, c := range textCases {
		got := Text(c.in)
		if !validOutput(got) {
			t.Errorf("Text(%q) = %q: not [a-z0-9] words with single spaces", c.in, got)
		}
		if again := Text(got); again != got {
			t.Errorf("Text(Text(%q)) = %q, want %q", c.in, again, got)
		}
	}
}

func TestAppendTextMatchesText(t *testing.T) {
	buf := []byte("x:")
	for _, c := range textCases {
		out := AppendText(buf[:2], c.in)
		if string(out[:2]) != "x:" || string(out[2:]) != Text(c.in) {
			t.Errorf("AppendText(%q) = %q, want x:%q", c.in, out, Text(c.in))
		}
	}
}

func TestLatinSplitsOnSeparators(t *testing.T) {
	if got := Latin("Jean-Luc Picard", ""); got != "jean luc picard" {
		t.Errorf("got %q", got)
	}
	if got := Latin("...", ""); got != "" {
		t.Errorf("got %q", got)
	}
}

// validOutput reports whether s is empty or [a-z0-9]+ words separated by
// single spaces.
func validOutput(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}
