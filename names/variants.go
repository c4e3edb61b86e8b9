package names

// Name-part equivalences that the phonetic key cannot find by itself: short
// romanisations that differ in several letters (Korean Ri / Lee / Yi, Pak /
// Park), and the spellings one name takes in the transliteration systems
// of different languages (Sergey / Serhiy / Siergiej; Yevgeniy / Jewgeni /
// Evgueni). Translations of a name into another language (Pyotr / Peter /
// Pierre; Ivan / John) are deliberately absent: they are different names on
// identity documents, and equating them floods screening with namesakes.
// Each group is written canonical form first, in folded Latin.
//
// Sources: the Revised Romanization and McCune–Reischauer tables and the
// spellings of North and South Korean names on the UN and OFAC lists; for
// given names, the equivalences of the Russian, Ukrainian, Belarusian,
// Polish, German, French, Spanish, Portuguese, Italian and English forms
// of common Slavic and Western names, and the Arabic, Persian and Turkish
// forms of common Arabic names, as name dictionaries give them.

// SymbolKind says how close the members of a group are.
type SymbolKind uint8

const (
	// Spelling groups hold spellings of one name (Ri / Lee / Yi).
	Spelling SymbolKind = iota + 1
	// Cognate groups hold one name's forms in different languages
	// (Pyotr / Peter / Pierre): a weaker sign, not used by default.
	Cognate
)

// SymbolSimilarity is the similarity given to two name parts that share a
// symbol but no closer spelling.
func SymbolSimilarity(k SymbolKind) float64 {
	if k == Spelling {
		return 0.93
	}
	return 0.85
}

var spellingGroups = [][]string{
	// Korean family names and syllables (RR, MR, South and North usage).
	{"ri", "li", "lee", "yi", "rhee", "rhie", "ree", "rie", "yee", "i", "lie", "rhi"},
	{"pak", "park", "bak", "bag", "pahk"},
	{"kim", "gim", "ghim"},
	{"choe", "choi", "chwe", "choy", "choei", "chae"},
	{"ko", "go", "koh", "goh"},
	{"sin", "shin", "syn"},
	{"ryu", "yu", "yoo", "ryoo", "lyu", "you", "yoou"},
	{"rim", "lim", "im", "yim", "leem"},
	{"ryong", "yong", "young", "yeong", "lyong", "ryeong"},
	{"hui", "hee", "heui", "hi"},
	{"no", "noh", "roh", "ro"},
	{"pae", "bae"},
	{"pyon", "byun", "byeon", "pyeon", "byon"},
	{"yang", "ryang"},
	{"ryol", "yol", "yeol", "ryeol", "yul", "ryul"},
	{"rak", "nak", "lak"},
	{"ran", "nan", "lan"},
	{"ryo", "yo", "yeo", "ryeo"},
	{"rye", "ye"},
	{"o", "oh"},
	{"u", "woo", "wu"},
	{"kyong", "kyoung", "gyeong", "kyeong", "gyong", "kyung"},
	{"jong", "chong", "jeong", "cheong", "joung", "jung", "dzong", "cong", "dschong", "tchong"}, // Polish Dzong, Czech Čong, German Dschong, French Tchong
	{"il", "ir"}, // Kim Ir Sen: the Russian spelling Polish and Czech took over
	{"song", "sung", "seong", "soung", "sen"}, // 성; Sen as in Kim Ir Sen
	// Chinese romanisations (pinyin, Wade–Giles, Cantonese).
	{"zhang", "chang", "cheung", "jang"},
	{"zhou", "chou", "chow", "jou"},
	{"xu", "hsu"},
	{"xie", "hsieh", "tse"},
	{"huang", "hwang"},
	{"chen", "chan", "tan"},
	{"liu", "lau", "lew"},
	{"wu", "ng", "woo"},
	// Arabic forms the key leaves apart.
	{"muhammad", "mohammed", "mohammad", "mohamed", "mohamad", "muhammed", "mohd", "muhamad", "mehmet", "mehmed", "mahomed", "mukhammad", "magomed"},
	{"jamal", "gamal", "djamal", "dzhamal", "jamel", "gamel"},
	{"jafar", "jaafar", "djafar", "cafer", "dzhafar"},
	{"qasim", "kassem", "qassem", "kasim", "qasem", "kacem", "gasim"},
	{"uthman", "othman", "osman", "usman", "outhman", "usmon"},
	{"abdullah", "abdallah", "abdulla", "abdellah", "abdalla", "abdula", "abdoulla"},
	{"ibrahim", "ebrahim", "ibragim", "brahim", "ibrohim"},
	{"ismail", "ismael", "esmail", "ismoil", "smail"},
	{"yusuf", "yousef", "youssef", "yusef", "jusuf", "yousuf", "yusif", "yussuf", "yosef"},
	{"husayn", "hussein", "hussain", "husain", "hossein", "huseyin", "husein", "houssein", "gusein", "huseyn"},
	{"hasan", "hassan", "hassen", "gasan"},
	{"ahmad", "ahmed", "achmed", "ahmet", "akhmed", "akhmad", "ahmat"},
	{"mahmud", "mahmoud", "mahmut", "makhmud", "mahamud"},
	{"mustafa", "mostafa", "moustafa", "mustapha", "mostapha"},
	{"yahya", "yahia", "yehia", "yahiya"},
	{"zakariya", "zakaria", "zakariyya", "zakarya", "zacharia"},
	{"sulayman", "suleiman", "sulaiman", "suleyman", "soliman", "sulejman"},
	{"khalid", "khaled", "halid", "chaled", "khaleed"},
	{"walid", "waleed", "valid", "oualid"},
	{"tariq", "tarek", "tarik", "tareq"},
	{"hisham", "hicham", "hesham"},
	{"rashid", "rachid", "rasheed", "rashed", "rachad"},
	{"abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdool", "abdu", "abdo"},
	// Slavic given names across transliteration systems.
	{"ivan", "iwan", "yvan"},
	{"oleg", "oleh"},
	{"igor", "ihor"},
	{"olga", "olha", "olia"},
	{"galina", "halyna", "halina"},
	{"grigoriy", "hryhoriy", "grigori", "grigory", "hryhorii", "hrihoriy"},
	{"georgiy", "heorhiy", "georgi", "georgy", "heorhii"},
	{"yevgeniy", "evgeny", "evgeniy", "yevhen", "evgenij", "jewgeni", "ievgen", "evgueni", "yevgeny", "evgenii"},
	{"aleksey", "alexei", "alexey", "oleksiy", "oleksii", "aleksei", "alexej", "aleksiej"},
	{"vasiliy", "vasily", "vasyl", "wassili", "vassili", "wasilij", "vasili"},
	{"fedor", "fyodor", "fedir", "feodor", "fiodor"},
	{"kirill", "kyrylo", "kiril", "kyrill"},
	{"konstantin", "kostiantyn", "kostyantyn", "constantin"},
	{"yakov", "yakiv", "jakow", "iakov", "jakov", "yaakov"},
	{"iosif", "yosyp", "iossif", "josif"},
	{"pavel", "pavlo", "pawel", "pavlos"},
	{"petr", "pyotr", "petro", "piotr", "pjotr", "piotr"},
	{"mikhail", "mykhailo", "michail", "mihail", "mikhailo", "michal"},
	{"nikolay", "nikolai", "mykola", "nikola", "mikola", "nicolai", "mikolaj", "nikolaj"},
	{"aleksandr", "alexander", "oleksandr", "alexandre", "aleksander", "aleksandar", "alexandros", "alyaksandr", "alexandr"},
	{"andrey", "andrei", "andriy", "andrii", "andrzej", "andrej", "andrij"},
	{"dmitriy", "dmitry", "dmitri", "dmytro", "dimitri", "dmitrij", "dymitr"},
	{"sergey", "sergei", "serhiy", "serhii", "sergej", "serguei", "siergiej", "serhij"},
	{"vladimir", "volodymyr", "wladimir", "wlodzimierz", "uladzimir"},
	{"stepan", "stefan", "stepane"},
	{"matvey", "matviy", "matvei", "matwei"},
	{"semyon", "semen", "semion", "simeon"},
	{"timofey", "tymofiy", "timofei"},
	{"yelena", "elena", "olena", "alena", "jelena", "alyona"},
	{"natalya", "natalia", "nataliya", "natalja"},
	{"yekaterina", "ekaterina", "kateryna", "katerina", "jekaterina"},
	{"mariya", "maria", "marija", "mariia"},
	{"anna", "hanna", "ganna"},
	{"yuliya", "yulia", "iuliia", "julija", "juliya", "julia"},
	{"tatyana", "tatiana", "tetiana", "tetyana", "tatjana"},
	{"viktoriya", "viktoria", "wiktoria"},
	{"ilya", "illia", "ilia", "ilja"},
	{"bogdan", "bohdan"},
	{"maksim", "maxim", "maksym"},
	{"yuriy", "yuri", "yury", "iouri", "jurij", "juri", "yurii", "yurij"},
	{"leonid", "leonide"},
	{"anatoliy", "anatoly", "anatolii", "anatolij", "anatole"},
	{"gennadiy", "gennady", "hennadiy", "gennadi", "hennadii"},
	{"valeriy", "valery", "valerii", "valeri", "valerij"},
	{"arkadiy", "arkady", "arkadii"},
	{"ruslan", "rouslan"},
	{"yaroslav", "jaroslaw", "jaroslav", "iaroslav"},
}

// symbolTable maps a folded name part to its group's canonical form.
type symbolTable map[string]symbolEntry

type symbolEntry struct {
	sym  string
	kind SymbolKind
}

// symbols is built once; it never changes.
var symbols = func() symbolTable {
	t := symbolTable{}
	for _, g := range spellingGroups {
		for _, w := range g {
			if _, ok := t[w]; !ok {
				t[w] = symbolEntry{g[0], Spelling}
			}
		}
	}
	return t
}()

// Symbols returns the equivalence symbols of a folded name part: its
// spelling group's canonical form.
func Symbols(folded string) []string {
	if e, ok := symbols[folded]; ok {
		return []string{e.sym}
	}
	return nil
}
