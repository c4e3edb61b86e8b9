package text

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/translit"
)

// Country names in running text.
//
// The table holds the CLDR name of every sanctioned country in every
// language golang.org/x/text/language/display supports (261 locales), the
// forms news uses that CLDR does not give (newsForms), and, so that the
// longest name wins, the names of the other countries that share a word
// with them (South Korea, Papua New Guinea, South Sudan, Equatorial
// Guinea). Names are matched word by word on folded forms (lower case,
// no diacritics), in languages that decline country names with their case
// endings (Russian России, Северной Кореи; Polish Rosji; Czech Ruska;
// German Russlands; Finnish Venäjän; Greek Ρωσίας), and with the Korean
// particles, Arabic and Hebrew proclitics and Turkish suffixes written
// onto them. Scripts that do not space words (Chinese, Japanese, Thai) are
// searched for the names as substrings, except names in katakana, which
// are whole katakana words (ロシア, but not マリ in マリア).

// newsForms are names of sanctioned countries in common use that CLDR does
// not give (it has one name per language): official long forms, short
// forms and older names, in the languages of most news. Sources: the UN
// Terminology Database (UNTERM) short and formal names in its six official
// languages, and the style guides of the main news agencies (AP, Reuters,
// AFP, dpa, EFE, Lusa, TASS, Yonhap, Xinhua).
var newsForms = map[string][]nameForm{
	"kp": {
		{"en", "Democratic People's Republic of Korea"}, {"en", "DPRK"}, {"es", "República Popular Democrática de Corea"},
		{"fr", "République populaire démocratique de Corée"}, {"pt", "República Popular Democrática da Coreia"},
		{"de", "Demokratische Volksrepublik Korea"}, {"ru", "Северная Корея"}, {"ru", "Корейская Народно-Демократическая Республика"},
		{"ru", "КНДР"}, {"uk", "КНДР"}, {"ko", "북조선"}, {"ko", "조선민주주의인민공화국"}, {"zh", "北朝鲜"}, {"zh", "北韩"},
		{"zh", "朝鲜民主主义人民共和国"}, {"ja", "朝鮮民主主義人民共和国"}, {"ar", "جمهورية كوريا الشعبية الديمقراطية"},
		{"fr", "RPDC"}, {"es", "RPDC"}, {"pt", "RPDC"},
	},
	"ru": {
		{"en", "Russian Federation"}, {"es", "Federación de Rusia"}, {"es", "Federación Rusa"}, {"fr", "Fédération de Russie"},
		{"pt", "Federação Russa"}, {"de", "Russische Föderation"}, {"it", "Federazione Russa"}, {"ru", "Российская Федерация"},
		{"ru", "РФ"}, {"uk", "Російська Федерація"}, {"uk", "РФ"}, {"ar", "الاتحاد الروسي"}, {"zh", "俄罗斯联邦"}, {"zh", "俄國"},
		{"zh", "俄国"}, {"ko", "러시아 연방"},
	},
	"ir": {
		{"en", "Islamic Republic of Iran"}, {"es", "República Islámica de Irán"}, {"fr", "République islamique d'Iran"},
		{"pt", "República Islâmica do Irã"}, {"pt", "República Islâmica do Irão"}, {"de", "Islamische Republik Iran"},
		{"ru", "Исламская Республика Иран"}, {"ar", "جمهورية إيران الإسلامية"}, {"fa", "جمهوری اسلامی ایران"},
	},
	"sy": {{"en", "Syrian Arab Republic"}, {"fr", "République arabe syrienne"}, {"es", "República Árabe Siria"}, {"ru", "Сирийская Арабская Республика"}},
	"by": {
		{"en", "Belorussia"}, {"en", "Byelorussia"}, {"de", "Weißrussland"}, {"de", "Weissrussland"}, {"ru", "Белоруссия"},
		{"ru", "Беларусь"}, {"nl", "Wit-Rusland"}, {"it", "Bielorussia"}, {"pl", "Białoruś"},
	},
	"mm": {{"en", "Burma"}, {"pt", "Birmânia"}, {"es", "Birmania"}, {"fr", "Birmanie"}, {"de", "Birma"}, {"ru", "Бирма"}, {"ru", "Мьянма"}},
	"cd": {
		{"en", "Democratic Republic of the Congo"}, {"en", "Democratic Republic of Congo"}, {"en", "DR Congo"}, {"en", "DRC"},
		{"fr", "République démocratique du Congo"}, {"fr", "RDC"}, {"fr", "RD Congo"}, {"es", "República Democrática del Congo"},
		{"pt", "República Democrática do Congo"}, {"de", "Demokratische Republik Kongo"}, {"ru", "Демократическая Республика Конго"},
		{"ru", "ДР Конго"},
	},
	"cf": {{"en", "Central African Republic"}, {"fr", "Centrafrique"}, {"fr", "République centrafricaine"}},
	"hk": {{"en", "Hong Kong"}, {"de", "Hongkong"}, {"ru", "Гонконг"}, {"zh", "香港"}, {"ko", "홍콩"}, {"ja", "香港"}, {"ar", "هونغ كونغ"}},
	"ve": {{"en", "Bolivarian Republic of Venezuela"}, {"es", "República Bolivariana de Venezuela"}},
	"af": {{"en", "Islamic Emirate of Afghanistan"}},
}

// blockedSubstrings are words of unspaced scripts that contain a country's
// name without naming it: the Korean peninsula (朝鲜半岛), the Korean
// ethnic group of China (朝鲜族).
var blockedSubstrings = []string{"朝鲜半岛", "朝鮮半島", "朝鲜族", "朝鮮族", "朝鲜战争", "朝鮮戦争"}

type nameForm struct{ lang, name string }

// ending groups: languages that decline country names, and their endings.
type endingGroup uint8

const (
	endNone endingGroup = iota
	endCyrillic
	endSlavicLatin
	endBaltic
	endFinnic
	endGermanic
	endGreek
	endHungarian
	endRomanian
	endCaucasus
)

// groupEndings are the case endings (and, for Finnish, Estonian and
// Hungarian, the case suffixes) the groups write on country names.
// Sources: the declension tables of each language's grammar for feminine
// nouns in -a/-я/-ия (Россия, Rosja, Rusija), masculine nouns in a
// consonant (Иран, Iran) and adjectives (Северная, Północna).
var groupEndings = [...][]string{
	endCyrillic: {"а", "я", "у", "ю", "е", "и", "ы", "ой", "ей", "ою", "ею", "ом", "ем", "ём", "ью", "ии", "ию", "ией",
		"ая", "ую", "ое", "ого", "ому", "ых", "их", "ым", "им", "ыми", "ими", "і", "ї", "ій", "ої", "єю", "ії", "ію", "ією"},
	endSlavicLatin: {"a", "e", "i", "o", "u", "y", "ą", "ę", "ie", "em", "om", "ou", "ovi", "owi", "ej", "ji", "jí", "je", "ě", "é", "á",
		"ii", "ją", "ję", "ijo", "iji", "ije", "ija", "oj", "ego", "emu", "ym", "ím", "ou", "ej", "ą", "ý", "ého", "ému", "om"},
	endBaltic:    {"os", "ai", "oje", "ą", "ų", "ui", "a", "e", "as", "ā", "u", "ijos", "ijai", "iją", "ijoje", "ijas", "ijā", "iju", "s"},
	endFinnic:    {"n", "a", "ä", "lla", "llä", "lle", "lta", "ltä", "ssa", "ssä", "sta", "stä", "han", "hän", "ksi", "l", "le", "lt", "s", "st", "sse", "ga", "ni", "ta", "t"},
	endGermanic:  {"s", "es", "i"},
	endGreek:     {"ς", "ν", "ας", "ες", "ου"},
	endHungarian: {"ban", "ben", "ba", "be", "ból", "ből", "ot", "et", "öt", "t", "nak", "nek", "ra", "re", "ról", "ről", "on", "en", "ön", "tól", "től", "hoz", "hez", "höz", "val", "vel", "nal", "nel", "ig", "ért"},
	endRomanian:  {"ei", "ul", "ului", "ii", "a"},
	endCaucasus:  {"ის", "ში", "მა", "ით", "ად", "ს", "ი", "ում", "ից", "ով"},
}

// foldedEndings are groupEndings folded as text words are (foldWord
// turns й into и, ї into і).
var foldedEndings = func() [len(groupEndings)][]string {
	var out [len(groupEndings)][]string
	for g, es := range groupEndings {
		for _, e := range es {
			out[g] = append(out[g], foldWord(e))
		}
	}
	return out
}()

// adjectiveEndings are the nominative endings of Russian and Ukrainian
// adjectives (Северная, Північна), folded.
var adjectiveEndings = func() []string {
	var out []string
	for _, e := range []string{"ая", "яя", "ое", "ее", "ый", "ий", "ой", "ія", "а"} {
		out = append(out, foldWord(e))
	}
	return out
}()

// langGroup returns the ending group of a language (base code).
func langGroup(lang string, sc translit.Script) endingGroup {
	switch lang {
	case "ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "tt", "ba", "cv", "sah", "os", "mn", "ce", "uz", "az":
		if sc == translit.Cyrillic {
			return endCyrillic
		}
	}
	switch lang {
	case "pl", "cs", "sk", "sl", "hr", "bs", "sr", "hsb", "dsb":
		return endSlavicLatin
	case "lt", "lv", "sgs":
		return endBaltic
	case "fi", "et", "smn", "se":
		return endFinnic
	case "de", "gsw", "lb", "is", "fo", "sv", "da", "nb", "nn", "no", "ksh":
		return endGermanic
	case "el":
		return endGreek
	case "hu":
		return endHungarian
	case "ro":
		return endRomanian
	case "ka", "hy":
		return endCaucasus
	}
	if sc == translit.Cyrillic {
		return endCyrillic
	}
	return endNone
}

// cword is one word of a country name.
type cword struct {
	folded string
	group  endingGroup
}

// cpattern is one country name as words.
type cpattern struct {
	code  string
	words []cword
}

// stemRef points at a country name whose first word a stem begins.
type stemRef struct {
	pat   int32
	group endingGroup
}

// countryTable finds country names in text. It is immutable.
type countryTable struct {
	// programs maps each sanctioned country to the programs targeting it.
	programs map[string][]string
	pats     []cpattern
	// first maps the folded first word of a name to the names.
	first map[string][]int32
	// stems maps the stem of a first word (the word without its final
	// vowel, or the word itself) to the names it begins, for languages that
	// decline the word.
	stems map[string][]stemRef
	// substr maps names in unspaced scripts to their country ("" blocks);
	// substrLens gives the lengths of those a rune begins, longest first.
	substr     map[string]string
	substrLens map[rune][]int
	names      int
	bytes      int
}

// newCountryTable builds the table for the sanctioned countries (with the
// programs that target them).
func newCountryTable(programs map[string][]string) *countryTable {
	t := &countryTable{programs: programs, first: map[string][]int32{}, stems: map[string][]stemRef{}, substr: map[string]string{}}
	if len(programs) == 0 {
		return t
	}
	type entry struct {
		code, lang, name string
	}
	var sanctioned, others []entry
	var regions []language.Region
	codes := slices.Clone(country.Default().Codes())
	slices.Sort(codes)
	for _, c := range codes {
		if len(c) != 2 {
			continue
		}
		r, err := language.ParseRegion(strings.ToUpper(c))
		if err != nil || !r.IsCountry() {
			continue
		}
		regions = append(regions, r)
	}
	for _, tag := range display.Supported.Tags() {
		nm := display.Regions(tag)
		if nm == nil {
			continue
		}
		base, _ := tag.Base()
		lang := base.String()
		for _, r := range regions {
			name := nm.Name(r)
			if name == "" {
				continue
			}
			code := strings.ToLower(r.String())
			for _, n := range alternatives(name) {
				e := entry{code, lang, n}
				if _, ok := programs[code]; ok {
					sanctioned = append(sanctioned, e)
				} else {
					others = append(others, e)
				}
			}
		}
	}
	for code, forms := range newsForms {
		if _, ok := programs[code]; !ok {
			continue
		}
		for _, f := range forms {
			sanctioned = append(sanctioned, entry{code, f.lang, f.name})
		}
	}
	// Words of sanctioned names: other countries' names sharing one are
	// kept so that the longest name wins (South Sudan is not Sudan).
	words := map[string]bool{}
	for _, e := range sanctioned {
		for _, w := range nameWords(e.name) {
			words[w] = true
		}
	}
	seen := map[[2]string]bool{}
	add := func(e entry) {
		k := [2]string{e.code, e.name}
		if seen[k] {
			return
		}
		seen[k] = true
		t.add(e.code, e.lang, e.name)
	}
	for _, e := range sanctioned {
		add(e)
	}
	for _, e := range others {
		for _, w := range nameWords(e.name) {
			if words[w] {
				add(e)
				break
			}
		}
	}
	for _, b := range blockedSubstrings {
		t.substr[b] = ""
	}
	t.indexSubstr()
	t.bytes = t.size()
	return t
}

// alternatives splits a CLDR name into the names it holds: "Myanmar
// (Burma)" is Myanmar and Burma, "Hong Kong, RAE da China" is Hong Kong.
func alternatives(name string) []string {
	var out []string
	if i := strings.IndexAny(name, "(（"); i > 0 {
		inner := name[i:]
		inner = strings.TrimLeft(inner, "(（")
		if j := strings.IndexAny(inner, ")）"); j >= 0 {
			inner = inner[:j]
		}
		out = append(out, strings.TrimSpace(inner))
		name = strings.TrimSpace(name[:i])
	}
	if i := strings.IndexAny(name, ",，、"); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	return append(out, name)
}

// nameWords returns the folded words of a name.
func nameWords(name string) []string {
	var out []string
	for _, w := range tokenize(name, nil) {
		out = append(out, foldWord(name[w.start:w.end]))
	}
	return out
}

// add adds one name of a country in a language.
func (t *countryTable) add(code, lang, name string) {
	ws := tokenize(name, nil)
	// Leading lower-case articles (Irish "an Rúis", Zulu "i-Russia") are
	// not written in running text before a capital.
	for len(ws) > 1 && ws[0].flags.has(wLower) {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return
	}
	if ws[0].unspaced() {
		var b strings.Builder
		for _, w := range ws {
			b.WriteString(name[w.start:w.end])
		}
		s := b.String()
		if utf8.RuneCountInString(s) < 2 {
			return
		}
		if _, ok := t.substr[s]; !ok {
			t.substr[s] = code
			t.names++
		}
		return
	}
	first := name[ws[0].start:ws[0].end]
	if len(ws) == 1 && utf8.RuneCountInString(first) < 3 && ws[0].script != translit.Hangul && !ws[0].flags.has(wKatakana) {
		return // too short to mean a country in running text (a syllable is enough: 북한, マリ)
	}
	p := cpattern{code: code}
	for _, w := range ws {
		s := name[w.start:w.end]
		p.words = append(p.words, cword{folded: foldWord(s), group: langGroup(lang, w.script)})
	}
	for _, q := range t.pats {
		if q.code == p.code && slices.Equal(q.words, p.words) {
			return
		}
	}
	id := int32(len(t.pats))
	t.pats = append(t.pats, p)
	t.names++
	f := p.words[0]
	t.first[f.folded] = append(t.first[f.folded], id)
	if f.group != endNone {
		for _, s := range stemsOf(f.folded, f.group) {
			t.stems[s] = append(t.stems[s], stemRef{id, f.group})
		}
	}
}

// stemsOf returns the stems a declined word is written on: the word
// itself, the word without its final vowel (Росси-и, Rosj-i, Rusij-os),
// and an adjective without its ending (Северн-ой, Північн-ої).
func stemsOf(folded string, g endingGroup) []string {
	out := []string{folded}
	r, n := utf8.DecodeLastRuneInString(folded)
	if isStemVowel(r) && utf8.RuneCountInString(folded)-1 >= minCountryStem(g) {
		out = append(out, folded[:len(folded)-n])
	}
	if g == endCyrillic {
		for _, e := range adjectiveEndings {
			if strings.HasSuffix(folded, e) && utf8.RuneCountInString(folded)-utf8.RuneCountInString(e) >= 4 {
				if st := strings.TrimSuffix(folded, e); !slices.Contains(out, st) {
					out = append(out, st)
				}
			}
		}
	}
	return out
}

func minCountryStem(g endingGroup) int {
	if g == endCyrillic {
		return 3
	}
	return 4
}

func isStemVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'а', 'я', 'о', 'е', 'и', 'ы', 'у', 'ю', 'ь', 'й', 'і', 'ї', 'є', 'α', 'η', 'ο', 'ι', 'ა', 'ი':
		return true
	}
	return false
}

// matchWord reports whether the folded text word s is the country name
// word w, possibly declined.
func matchWord(s string, w cword) bool {
	if s == w.folded {
		return true
	}
	if w.group == endNone || !strings.HasPrefix(s, w.folded[:min(len(w.folded), 2)]) {
		return false
	}
	for _, st := range stemsOf(w.folded, w.group) {
		if strings.HasPrefix(s, st) && slices.Contains(foldedEndings[w.group], s[len(st):]) {
			return true
		}
	}
	return false
}

func (t *countryTable) size() int {
	n := 0
	for _, p := range t.pats {
		n += 32 + len(p.words)*24
		for _, w := range p.words {
			n += len(w.folded)
		}
	}
	for k, v := range t.first {
		n += len(k) + 16 + len(v)*4
	}
	for k, v := range t.stems {
		n += len(k) + 16 + len(v)*8
	}
	for k, v := range t.substr {
		n += len(k) + len(v) + 32
	}
	return n
}

// foldWord folds a word for comparison: lower case, without diacritics
// (Latin, Greek, Cyrillic ё), Arabic letters normalised (alef forms, alef
// maqsura, ta marbuta, no harakat or tatweel), joiners dropped.
func foldWord(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		sc := translit.ScriptOf(r)
		switch {
		case r == '\u200c' || r == '\u200d' || r == 'ـ' || r == '\u00ad':
			continue
		case unicode.Is(unicode.Mn, r):
			// Combining marks of scripts that write them as accents or
			// optional vowels; Indic vowel signs are kept.
			if sc == translit.Unknown || sc == translit.LatinScript || sc == translit.Greek || sc == translit.Cyrillic || sc == translit.Arabic || sc == translit.Hebrew {
				continue
			}
		}
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ى':
			r = 'ي'
		case 'ة':
			r = 'ه'
		case 'ک':
			r = 'ك'
		case 'ی':
			r = 'ي'
		case 'ß':
			b.WriteString("ss")
			continue
		case 'ł':
			r = 'l'
		case 'ı':
			r = 'i'
		case 'ς':
			r = 'σ'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// find returns the sanctioned countries the scanned text mentions.
func (t *countryTable) find(st *scan) []Jurisdiction {
	if len(t.programs) == 0 {
		return nil
	}
	var out []Jurisdiction
	firsts := map[string][]int32{} // names each distinct word may begin
	folded := map[string]string{}
	fold := func(i int) string {
		w := &st.words[i]
		s := st.text[w.start:w.end]
		if f, ok := folded[s]; ok {
			return f
		}
		f := foldWord(s)
		folded[s] = f
		return f
	}
	report := func(code string, start, end int) {
		if code != "" {
			st.countries = append(st.countries, [2]int{start, end})
		}
		progs, ok := t.programs[code]
		if !ok || code == "" {
			return
		}
		out = append(out, Jurisdiction{Start: start, End: end, Text: st.text[start:end], Country: code,
			CountryName: country.Name(code), Programs: progs})
	}
	ws := st.words
	for i := 0; i < len(ws); i++ {
		w := &ws[i]
		if w.unspaced() {
			t.findSubstr(st.text[w.start:w.end], w.start, report)
			continue
		}
		if w.flags.has(wDigit) || !(w.flags.has(wUpper) || w.flags.has(wUncased)) {
			continue
		}
		s := st.text[w.start:w.end]
		cands, ok := firsts[s]
		if !ok {
			if st.sc.firsts != nil {
				cands, ok = st.sc.firsts.get(s)
			}
			if !ok {
				for _, f := range countryForms(st, i, fold(i)) {
					for _, id := range t.candidates(f) {
						if !slices.Contains(cands, id) {
							cands = append(cands, id)
						}
					}
				}
				if st.sc.firsts != nil {
					st.sc.firsts.put(strings.Clone(s), cands)
				}
			}
			firsts[s] = cands
		}
		best, bestLen := -1, 0
		for _, id := range cands {
			if n := t.matchAt(st, i, id, fold); n > bestLen {
				best, bestLen = int(id), n
			}
		}
		if best < 0 {
			continue
		}
		last := i + bestLen - 1
		report(t.pats[best].code, w.start, ws[last].end)
		i = last
	}
	return out
}

// countryForms returns the folded forms of word i to look up: the word,
// and the word without the particles, proclitics and suffixes written
// onto it.
func countryForms(st *scan, i int, f string) []string {
	w := &st.words[i]
	s := st.text[w.start:w.end]
	var fs []string
	switch w.script {
	case translit.Hangul, translit.Arabic:
		fs = wordForms(s, w.script, nil)
	case translit.Hebrew:
		fs = hebrewForms(s, nil)
	case translit.LatinScript:
		if a := apostropheForm(s); a != "" {
			fs = append(fs, a)
		}
	}
	out := []string{f}
	for _, x := range fs {
		out = append(out, foldWord(x))
	}
	return out
}

// hebrewProclitics are the prefixes Hebrew writes onto a word: and, in,
// to, from, the, that, as.
var hebrewProclitics = "ובלמהשכ"

func hebrewForms(s string, dst []string) []string {
	rs := []rune(s)
	for k := 0; k < 2 && len(rs) > 3; k++ {
		if !strings.ContainsRune(hebrewProclitics, rs[0]) {
			break
		}
		rs = rs[1:]
		dst = appendForm(dst, s, string(rs))
	}
	return dst
}

// candidates returns the names whose first word may be the folded word f.
func (t *countryTable) candidates(f string) []int32 {
	out := t.first[f]
	if len(t.stems) == 0 {
		return out
	}
	// Declined: a stem plus an ending of at most four letters.
	n := 0
	for i := len(f); i > 0 && n <= 4; {
		_, sz := utf8.DecodeLastRuneInString(f[:i])
		i -= sz
		n++
		for _, ref := range t.stems[f[:i]] {
			if slices.Contains(foldedEndings[ref.group], f[i:]) && !slices.Contains(out, ref.pat) {
				out = append(slices.Clip(out), ref.pat)
			}
		}
	}
	return out
}

// matchAt returns how many words of name id match the text from word i
// (which matched the first), or 0.
func (t *countryTable) matchAt(st *scan, i int, id int32, fold func(int) string) int {
	p := &t.pats[id]
	for k := 1; k < len(p.words); k++ {
		j := i + k
		if j >= len(st.words) || st.words[j].flags.has(wBreak) || st.words[j].unspaced() {
			return 0
		}
		if !matchWord(fold(j), p.words[k]) {
			return 0
		}
	}
	return len(p.words)
}

// findSubstr finds country names in a run of an unspaced script.
func (t *countryTable) findSubstr(s string, base int, report func(string, int, int)) {
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		found := 0
		for _, l := range t.substrLens[r] {
			if i+l > len(s) {
				continue
			}
			if code, ok := t.substr[s[i:i+l]]; ok {
				if code != "" {
					report(code, base+i, base+i+l)
				}
				found = l
				break
			}
		}
		if found > 0 {
			i += found
			continue
		}
		i += sz
	}
}

// indexSubstr records, for each first rune of a name in an unspaced
// script, the lengths of the names it begins, longest first.
func (t *countryTable) indexSubstr() {
	t.substrLens = map[rune][]int{}
	for name := range t.substr {
		r, _ := utf8.DecodeRuneInString(name)
		if !slices.Contains(t.substrLens[r], len(name)) {
			t.substrLens[r] = append(t.substrLens[r], len(name))
		}
	}
	for _, ls := range t.substrLens {
		slices.SortFunc(ls, func(a, b int) int { return b - a })
	}
}
