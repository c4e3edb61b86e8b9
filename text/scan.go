// Package text finds the listed parties and the sanctioned countries a
// free text mentions (news, reports, documents), in any language and
// script, with their byte offsets in the text.
//
// A Scanner is built once over a screen.Screener: from the listed names it
// builds a dictionary of name words (phonetic keys, equivalence symbols,
// and the pairs of parts that occur together in one listed name), and from
// the loaded entities' programs the table of countries they target. Scan
// then reads a text in one pass:
//
//  1. It cuts the text into words with their offsets, and marks the
//     boundaries a name never crosses (sentence and clause punctuation,
//     quotes, brackets, blank lines).
//  2. In scripts with capitals, capitalised words (and particles inside
//     them) are the words a name can be made of; in other scripts every
//     word is. Each such word is looked up, with its inflected forms
//     (Russian cases, Korean particles, German genitive...), in the
//     dictionary. Runs of consecutive name words form spans.
//  3. Only spans holding two words that are parts of one listed name, or a
//     word that is a whole listed name, go to the scorer (the screener's
//     index and matcher), which has the last word; Chinese text, written
//     without spaces, is searched by windows of two to four characters
//     that spell a whole listed name, in pinyin or, from a Korean family
//     name on, as a Korean name (金正恩, kimjongun); foreign names written
//     by Xinhua's transcription tables, in parts apart by middle dots
//     (谢尔盖·拉夫罗夫), are read so and looked up part by part.
//  4. The best non-overlapping mentions are kept; a later mention of a
//     person by surname only is linked to the full mention.
//  5. Country names in every language CLDR knows, with the forms news
//     uses, are reported when a program of a loaded list targets them.
//
// The scorer is called for candidate spans only, so the cost per word is
// a tokeniser step and, for capitalised words, a lookup; what is learnt
// about a distinct word, span or run is remembered for the rest of the
// scan, and, in bounded caches, for later scans (a stream of news names
// the same people).
package text

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/names"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/translit"
)

// ErrBadThreshold is returned for a threshold outside (0, 1].
var ErrBadThreshold = errors.New("threshold must be between 0 and 1")

// Options tune a Scanner.
type Options struct {
	// Logger receives the dictionary's statistics when the scanner is
	// built, at debug level. Nil discards them.
	Logger *slog.Logger
}

// Scanner finds listed parties and sanctioned countries in text. It is
// immutable and safe for concurrent use.
type Scanner struct {
	s     *screen.Screener
	dict  *dict
	ctry  *countryTable
	stats Stats
	// words and verdicts remember, across scans, the dictionary entries of
	// words and the scorer's verdicts on spans: news about the same
	// people repeats them. Nil disables them.
	words    *cache[wordKey, *winfo]
	verdicts *cache[string, *verdict]
	// firsts remembers the country names each word may begin.
	firsts *cache[string, []int32]
}

// Cache sizes, in entries.
const (
	wordCacheSize    = 1 << 16
	verdictCacheSize = 1 << 14
)

// Stats describes a Scanner's dictionary.
type Stats struct {
	// Names is the number of listed names read.
	Names int `json:"names"`
	// Keys is the number of distinct phonetic keys and symbols of name
	// parts.
	Keys int `json:"keys"`
	// FuzzyEntries is the number of entries of the table of keys and
	// their one-deletion variants.
	FuzzyEntries int `json:"fuzzy_entries"`
	// Pairs is the number of pairs of parts of one listed name.
	Pairs int `json:"pairs"`
	// CountryNames is the number of country names (all languages).
	CountryNames int `json:"country_names"`
	// SanctionedCountries is the number of countries a loaded program
	// targets.
	SanctionedCountries int `json:"sanctioned_countries"`
	// Bytes estimates the memory the tables take.
	Bytes int `json:"bytes"`
	// BuildTime is how long New took.
	BuildTime time.Duration `json:"build_time"`
}

// New builds a scanner over the screener's catalog: the dictionary of name
// words from every listed name, and the table of sanctioned countries from
// the programs of the loaded entities.
func New(s *screen.Screener, opts Options) *Scanner {
	t0 := time.Now()
	b := newDictBuilder()
	nNames := 0
	ents := s.Index().Entities()
	for _, e := range ents {
		for _, n := range e.Names {
			an := names.Analyze(n.Full, e.Type)
			b.addName(&an, e.Type)
			nNames++
		}
	}
	d := b.finish()
	ct := newCountryTable(targets(ents))
	sc := &Scanner{s: s, dict: d, ctry: ct, words: newCache[wordKey, *winfo](wordCacheSize), verdicts: newCache[string, *verdict](verdictCacheSize),
		firsts: newCache[string, []int32](wordCacheSize)}
	sc.stats = Stats{
		Names:               nNames,
		Keys:                d.keys,
		FuzzyEntries:        len(d.fuzzy.hashes),
		Pairs:               d.pairs.len(),
		CountryNames:        ct.names,
		SanctionedCountries: len(ct.programs),
		Bytes: d.fuzzy.bytes() + d.cons.bytes() + len(d.pairs.slots)*8 + len(d.whole.slots)*8 +
			len(d.exact)*24 + len(d.single)*8 + len(d.person)*8 + ct.bytes,
		BuildTime: time.Since(t0),
	}
	if opts.Logger != nil {
		opts.Logger.Debug("text scanner built", "names", nNames, "keys", d.keys, "fuzzy", sc.stats.FuzzyEntries,
			"pairs", sc.stats.Pairs, "country_names", ct.names, "bytes", sc.stats.Bytes, "took", sc.stats.BuildTime)
	}
	return sc
}

// Stats returns the scanner's size.
func (sc *Scanner) Stats() Stats { return sc.stats }

// Screener returns the screener the scanner verifies with.
func (sc *Scanner) Screener() *screen.Screener { return sc.s }

// Result is what a scan found.
type Result struct {
	// Mentions are the mentions of listed parties, in text order.
	Mentions []Mention `json:"mentions"`
	// Jurisdictions are the mentions of sanctioned countries, in text
	// order.
	Jurisdictions []Jurisdiction `json:"jurisdictions"`
}

// Mention is one mention of a listed party.
type Mention struct {
	// Start and End are byte offsets in the text: Text is text[Start:End].
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Score is the matcher's score of the mention against the entity (for
	// a linked mention, the score of the full mention it refers to).
	Score float64 `json:"score"`
	// MatchedName is the listed name that matched.
	MatchedName string `json:"matched_name"`
	// Entity is the listed party, as screen writes it.
	Entity *entity.Entity `json:"entity"`
	// Explanation says why, for an analyst.
	Explanation []string `json:"explanation"`
	// LinkedTo is set on a mention by surname only: the index in Mentions
	// of the full mention of the same person it refers to.
	LinkedTo *int `json:"linked_to,omitempty"`
	// FalsePositive is set when an analyst decided that these words were
	// not this entity (store.Allowlist); the scanner never sets it, the
	// caller that holds the allowlist does.
	FalsePositive bool `json:"false_positive,omitempty"`
}

// Jurisdiction is one mention of a sanctioned country.
type Jurisdiction struct {
	// Start and End are byte offsets in the text: Text is text[Start:End]
	// (with the case ending, particle or proclitic the text writes on the
	// name: Северной Кореи, 북한을, وإيران).
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Country is the ISO 3166-1 alpha-2 code, lower case.
	Country string `json:"country"`
	// CountryName is the country's English name.
	CountryName string `json:"country_name"`
	// Programs are the programs and regimes of the loaded lists that
	// target the country, as "list: program".
	Programs []string `json:"programs"`
}

// hitLimit is the most entities one span is compared with in detail.
const hitLimit = 20

// Scan finds the listed parties and sanctioned countries text mentions.
// threshold is the score from which a span is a mention (0:
// screen.DefaultThreshold). Any byte sequence is accepted: invalid UTF-8
// separates words.
func (sc *Scanner) Scan(ctx context.Context, text string, threshold float64) (*Result, error) {
	if threshold == 0 {
		threshold = screen.DefaultThreshold
	}
	if threshold < 0 || threshold > 1 || math.IsNaN(threshold) {
		return nil, fmt.Errorf("%w: %v", ErrBadThreshold, threshold)
	}
	st := &scan{
		sc:        sc,
		text:      text,
		threshold: threshold,
		infos:     map[string]*winfo{},
		verified:  map[string]*verdict{},
		runs:      map[string][]runCand{},
		lowerSeen: map[string]bool{},
		families:  map[string]family{},
		surnames:  map[surnameMemo][]string{},
	}
	st.lang = translit.CyrillicLang(sample(text))
	st.words = tokenize(text, make([]word, 0, len(text)/6+1))
	st.winfos = make([]*winfo, len(st.words))
	if err := st.findNames(ctx); err != nil {
		return nil, err
	}
	juris := sc.ctry.find(st)
	res := &Result{Mentions: st.choose(), Jurisdictions: juris}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.link(res)
	if res.Mentions == nil {
		res.Mentions = []Mention{}
	}
	if res.Jurisdictions == nil {
		res.Jurisdictions = []Jurisdiction{}
	}
	return res, nil
}

// sample returns the start of a long text, enough to guess the language of
// its Cyrillic words.
func sample(s string) string {
	if len(s) > 1<<16 {
		s = s[:1<<16]
	}
	return s
}

// scan is the state of one Scan.
type scan struct {
	sc        *Scanner
	text      string
	threshold float64
	lang      string
	words     []word
	// infos remembers the dictionary entry of each distinct word.
	infos map[string]*winfo
	// verified remembers the scorer's verdict on each distinct span, runs
	// the candidates of each distinct run of name words.
	verified map[string]*verdict
	runs     map[string][]runCand
	// lowerSeen remembers whether a word occurs in lower case in the text.
	lowerSeen map[string]bool
	// cands are the verified candidate spans with hits, group by group
	// in text order; only candidates of one group can overlap.
	cands []*cand
	group int
	// winfos caches info by word index.
	winfos []*winfo
	// syll remembers the romanisations of Han characters, and foreign the
	// parts of transcribed names a run of them may start or end with.
	syll    map[rune]*hanChar
	foreign map[foreignKey][]foreignCut
	// kept are the selected mentions' spans and hits, in output order.
	kept []pick
	// countries are the byte spans of country names (any country).
	countries [][2]int
	// families remembers the keys of listed family names, surnames those
	// of full mentions.
	families map[string]family
	surnames map[surnameMemo][]string
}

// family is a listed family name as the linker uses it.
type family struct {
	keys   []string
	common bool
}

// cand is a span of the text that went to the scorer.
type cand struct {
	start, end  int // byte offsets
	first, last int // indices of the first and last words
	group       int // candidates of one run (or Chinese word) share a group
	v           *verdict
	// only, when set, keeps the hits of these entities alone.
	only map[*entity.Entity]bool
}

// verdict is the scorer's answer on a span's readings. It is shared by
// the scans that meet the same span.
type verdict struct {
	prep *screen.Prepared
	hits []index.Hit
	// explanations are written on first use (match.Explain is not cheap).
	mu           sync.Mutex
	explanations [][]string
}

// explain returns the explanation of hit k.
func (v *verdict) explain(k int) []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.explanations == nil {
		v.explanations = make([][]string, len(v.hits))
	}
	if v.explanations[k] == nil {
		v.explanations[k] = v.hits[k].Explain(v.prep.Query)
	}
	return v.explanations[k]
}

// findNames finds and verifies the candidate spans.
func (st *scan) findNames(ctx context.Context) error {
	ws := st.words
	var run []int // word indices of the current run (names and particles)
	flush := func() error {
		// Drop lower-case particles at the edges; a capitalised one belongs
		// to the name (Abu Rusdan, Torek Agha).
		for len(run) > 0 && !st.isName(run[len(run)-1]) && !st.words[run[len(run)-1]].flags.has(wUpper) {
			run = run[:len(run)-1]
		}
		for len(run) > 0 && !st.isName(run[0]) && !st.words[run[0]].flags.has(wUpper) {
			run = run[1:]
		}
		names := 0
		for _, i := range run {
			if st.isName(i) {
				names++
			}
		}
		var err error
		if names > 0 {
			err = st.processRun(ctx, run)
		}
		run = run[:0]
		return err
	}
	for i := range ws {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		w := &ws[i]
		if w.unspaced() {
			// Katakana words are not: they are read like the words of an
			// uncased spaced script (セルゲイ・ラブロフ).
			if err := flush(); err != nil {
				return err
			}
			if w.script == translit.Han {
				if err := st.hanWindows(ctx, i); err != nil {
					return err
				}
			}
			continue
		}
		role := st.role(i, len(run) > 0)
		if role == roleNone || w.flags.has(wBreak) || len(run) > 0 && ws[run[0]].script != w.script {
			if err := flush(); err != nil {
				return err
			}
		}
		if role == roleName || role == roleParticle && (len(run) > 0 || w.flags.has(wUpper)) {
			run = append(run, i)
		}
	}
	return flush()
}

type role uint8

const (
	roleNone role = iota
	roleName
	roleParticle
)

// role says what word i can be in a name; inRun is set when a run is open.
func (st *scan) role(i int, inRun bool) role {
	w := &st.words[i]
	f := w.flags
	switch {
	case f.has(wDigit):
		return roleNone
	case f.has(wInitial) && inRun:
		return roleParticle // Vladimir V. Putin
	case f.has(wUpper) || f.has(wUncased):
		wi := st.info(i)
		switch {
		case wi.nameLike():
			return roleName
		case wi.particle:
			return roleParticle // Ahmad Al-Hamzi, Abu Rusdan, Gul Agha Ishakzai
		}
		return roleNone
	case f.has(wHyphen) && inRun:
		// Jong-un: the lower-case part of a hyphenated name.
		if st.info(i).nameLike() {
			return roleName
		}
		return roleNone
	case inRun && (isParticleWord(st.text[w.start:w.end]) || f.has(wClitic)):
		return roleParticle
	}
	return roleNone
}

// isName reports whether word i is a name word (not a particle).
func (st *scan) isName(i int) bool {
	w := &st.words[i]
	if !(w.flags.has(wUpper) || w.flags.has(wUncased) || w.flags.has(wHyphen)) || w.flags.has(wDigit) {
		return false
	}
	return st.info(i).nameLike()
}

// maxPairGap is how far apart two words of one name may be in a run (a
// middle name and a patronymic between them).
const maxPairGap = 3

// processRun finds the candidate spans of a run of name words and
// verifies them.
//
// Two words of the run (at most maxPairGap apart) that are parts of one
// listed name make a pair; overlapping pairs make a span (a name of three
// parts or more), which is verified first, and its pairs on their own
// only when it has no hit (two names side by side). A word that is a
// whole listed name on its own and belongs to no pair is verified alone,
// unless another word of the run is part of a person's name (Richard
// Wagner is not the Wagner Group).
func (st *scan) processRun(ctx context.Context, run []int) error {
	st.group++
	run = st.extend(run)
	// A run met before (the same words) gives the same candidates.
	key := st.text[st.words[run[0]].start:st.words[run[len(run)-1]].end]
	if rcs, ok := st.runs[key]; ok {
		for _, rc := range rcs {
			c := st.newCand(run[rc.lo:rc.hi+1], rc.v)
			c.only = rc.only
			st.cands = append(st.cands, c)
		}
		return nil
	}
	n := len(st.cands)
	defer func() {
		var rcs []runCand
		for _, c := range st.cands[n:] {
			lo, hi := slices.Index(run, c.first), slices.Index(run, c.last)
			rcs = append(rcs, runCand{lo, hi, c.v, c.only})
		}
		st.runs[key] = rcs
	}()
	d := st.sc.dict
	gap := maxPairGap
	if st.words[run[0]].flags.has(wUncased) {
		gap = 1 // without capitals, name parts are next to each other
	}
	type span struct{ lo, hi int } // positions in run
	var pairs []span
	covered := make([]bool, len(run))
	for a := range run {
		ia := st.info(run[a])
		if len(ia.ids) == 0 {
			continue
		}
		for b := a + 1; b < len(run) && b <= a+gap; b++ {
			if ib := st.info(run[b]); len(ib.ids) > 0 && d.pairsWith(ia, ib) {
				pairs = append(pairs, span{a, b})
				covered[a], covered[b] = true, true
			}
		}
	}
	// Unions of overlapping pairs, in order (pairs are sorted by lo).
	var unions []span
	for _, p := range pairs {
		if n := len(unions); n > 0 && p.lo <= unions[n-1].hi {
			unions[n-1].hi = max(unions[n-1].hi, p.hi)
			continue
		}
		unions = append(unions, p)
	}
	verified := 0
	try := func(sp span) *cand {
		if verified >= maxSpansPerRun || ctx.Err() != nil {
			return nil
		}
		verified++
		return st.verify(run[sp.lo : sp.hi+1])
	}
	for _, u := range unions {
		cu := try(u)
		if cu != nil {
			st.cands = append(st.cands, cu)
		}
		if u.hi-u.lo >= 3 && st.allSyllables(run[u.lo:u.hi+1]) {
			// Korean names in Russian side by side (сестра Ким Чен Ына Ким
			// Ё Чжон), or next to a syllable that is no part of them: each
			// name on its own, read from the left, three syllables first.
			for p := u.lo; p < u.hi; {
				next := p + 1
				for _, l := range [...]int{3, 4, 2} {
					if p+l-1 > u.hi {
						continue
					}
					if c := try(span{p, p + l - 1}); c != nil {
						st.cands = append(st.cands, c)
						next = p + l
						break
					}
				}
				p = next
			}
		}
		if u.hi-u.lo == 1 || cu != nil && st.edgesAligned(cu, run[u.lo:u.hi+1]) {
			continue
		}
		// The pairs inside a longer span: a tighter span for an entity the
		// whole span found (Präsident Wladimir Putin → Wladimir Putin), or,
		// when the whole found nothing, a name standing next to words that
		// are no person's name (Monday Sergei Lavrov). A listed name inside a
		// longer person's name is not a mention of the listed person.
		for _, p := range pairs {
			if p.lo < u.lo || p.hi > u.hi {
				continue
			}
			cp := try(p)
			if cp == nil {
				continue
			}
			if cu != nil {
				cp.only = map[*entity.Entity]bool{}
				for _, h := range cu.v.hits {
					cp.only[h.Entity] = true
				}
				st.cands = append(st.cands, cp)
				continue
			}
			// Without capitals, a run does not end where the name does (وزير,
			// minister, is also a name): the pair stands on its own there.
			alone := true
			for k := u.lo; k <= u.hi && alone && !st.words[run[0]].flags.has(wUncased); k++ {
				if (k < p.lo || k > p.hi) && st.isName(run[k]) && st.info(run[k]).person {
					alone = false
				}
			}
			if alone {
				st.cands = append(st.cands, cp)
			}
		}
	}
	persons := 0
	for a := range run {
		if !covered[a] && st.isName(run[a]) && st.info(run[a]).person {
			persons++
		}
	}
	for a := range run {
		if covered[a] || !st.isName(run[a]) {
			continue
		}
		wi := st.info(run[a])
		others := persons
		if wi.person {
			others--
		}
		if wi.whole || wi.single && !wi.common && others == 0 {
			// With the particles and titles around it: Abu Rusdan.
			lo, hi := a, a
			for lo > 0 && !st.isName(run[lo-1]) && st.info(run[lo-1]).particle {
				lo--
			}
			for hi+1 < len(run) && !st.isName(run[hi+1]) && st.info(run[hi+1]).particle {
				hi++
			}
			if c := try(span{lo, hi}); c != nil {
				st.cands = append(st.cands, c)
			}
		}
	}
	return ctx.Err()
}

// edgesAligned reports whether every hit of c aligns a part of the first
// and of the last of its words ws with the listed name: no tighter span
// can then do better.
func (st *scan) edgesAligned(c *cand, ws []int) bool {
	q := c.v.prep.Query
	for k := range c.v.hits {
		h := &c.v.hits[k]
		// The byte ranges of the first and last words in the query name
		// the hit aligned: the span's text, or its normalised reading
		// (forms joined by single spaces).
		var firstEnd, lastStart int
		if h.QueryName == 0 {
			firstEnd = st.words[ws[0]].end - c.start
			lastStart = st.words[ws[len(ws)-1]].start - c.start
		} else {
			pos := 0
			for i, w := range ws {
				wi := st.info(w)
				f := wi.forms[wi.best]
				if i == 0 {
					firstEnd = len(f)
				}
				if i == len(ws)-1 {
					lastStart = pos
				}
				pos += len(f) + 1
			}
		}
		qs := &q.Sides[h.QueryName]
		first, last := false, false
		for _, p := range h.Alignment.Pairs {
			a, b := p.Q, p.Q
			if p.Q >= len(qs.Tokens) {
				a, b = p.Q-len(qs.Tokens), p.Q-len(qs.Tokens)+1
			}
			for t := a; t <= b && t < len(qs.Tokens); t++ {
				first = first || qs.Tokens[t].Start < firstEnd
				last = last || qs.Tokens[t].End > lastStart
			}
		}
		if !first || !last {
			return false
		}
	}
	return true
}

// runCand is a candidate of a run, by word positions in the run.
type runCand struct {
	lo, hi int
	v      *verdict
	only   map[*entity.Entity]bool
}

// newCand returns the candidate of the words ws, in the current group.
func (st *scan) newCand(ws []int, v *verdict) *cand {
	return &cand{start: st.words[ws[0]].start, end: st.words[ws[len(ws)-1]].end,
		first: ws[0], last: ws[len(ws)-1], group: st.group, v: v}
}

// maxSpansPerRun bounds the spans of one run sent to the scorer.
const maxSpansPerRun = 24

// extend adds to a run the lower-case word just before or after it when
// that word and the run's edge word are parts of one listed name: "o
// grupo Wagner", "the Wagner group". Short function words (of, and, de)
// are not taken.
func (st *scan) extend(run []int) []int {
	d := st.sc.dict
	first, last := run[0], run[len(run)-1]
	if len(run) != 1 {
		return run // a name of several words needs no designation
	}
	ok := func(j, edge int) bool {
		w := &st.words[j]
		return w.flags.has(wLower) && !w.flags.has(wDigit) && w.script == st.words[edge].script &&
			utf8.RuneCountInString(st.text[w.start:w.end]) >= 4 && d.pairsWith(st.info(j), st.info(edge))
	}
	if p := first - 1; p >= 0 && !st.words[first].flags.has(wBreak) && ok(p, first) {
		run = append([]int{p}, run...)
	}
	if n := last + 1; n < len(st.words) && !st.words[n].flags.has(wBreak) && ok(n, last) {
		run = append(run, n)
	}
	return run
}

// verify sends the span of words ws to the scorer and returns it with its
// hits at or above the threshold, or nil.
func (st *scan) verify(ws []int) *cand {
	start, end := st.words[ws[0]].start, st.words[ws[len(ws)-1]].end
	alts := []string{st.text[start:end]}
	for _, i := range ws {
		if st.info(i).best != 0 {
			// A normalised reading: each word as the form the dictionary
			// knows best (Дмитрия Медведева → Дмитрий Медведев).
			var b strings.Builder
			for k, i := range ws {
				wi := st.info(i)
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(wi.forms[wi.best])
			}
			alts = append(alts, b.String())
			break
		}
	}
	if len(alts) > 1 && st.suffixed(ws) {
		// A suffix after an apostrophe is grammar, never part of a name
		// (Putin'in is Putin's, not Potanin): only the reading without it.
		alts = alts[1:]
	}
	if k := st.syllableReading(ws); k != "" {
		// A Korean name in Russian: its syllables, not a normalised reading
		// that mixes them with their romanisations (Пак pong), which the
		// scorer could not read as syllables.
		alts = alts[:1]
		if k != alts[0] {
			alts = append(alts, k)
		}
	}
	v := st.check(alts)
	if v == nil {
		return nil
	}
	return st.newCand(ws, v)
}

// suffixed reports whether some word of the span reads best without the
// suffix it writes after an apostrophe (Putin'in, Lavrov'un, Putin's).
func (st *scan) suffixed(ws []int) bool {
	for _, i := range ws {
		wi := st.info(i)
		w := &st.words[i]
		if wi.best != 0 && wi.forms[wi.best] == apostropheForm(st.text[w.start:w.end]) {
			return true
		}
	}
	return false
}

// check runs the scorer on the readings of a span, remembering verdicts
// for the scan and, in the scanner's cache, for later scans.
func (st *scan) check(alts []string) *verdict {
	key := strings.Join(alts, "\x00")
	if v, ok := st.verified[key]; ok {
		return v
	}
	sc := st.sc
	var v *verdict
	if sc.verdicts == nil {
		v = sc.verify(alts, st.threshold)
	} else {
		ck := strconv.FormatFloat(st.threshold, 'g', -1, 64) + "\x00" + key
		var ok bool
		if v, ok = sc.verdicts.get(ck); !ok {
			// The verdict outlives the text: it must not point into it.
			for i := range alts {
				alts[i] = strings.Clone(alts[i])
			}
			v = sc.verify(alts, st.threshold)
			sc.verdicts.put(ck, v)
		}
	}
	st.verified[key] = v
	return v
}

// verify screens the readings of one span; nil when nothing reaches the
// threshold.
func (sc *Scanner) verify(alts []string, threshold float64) *verdict {
	p, err := sc.s.Prepare(screen.Request{Name: alts[0], Threshold: threshold, Limit: hitLimit})
	if err != nil {
		return nil // no letters to compare, too long: not a name
	}
	if len(alts) > 1 {
		q := match.Analyze(match.Query{Names: alts})
		if len(q.Names) == 0 {
			return nil
		}
		p.Query = q
	}
	hits := sc.s.Hits(p)
	n := 0
	for _, h := range hits {
		if h.Score >= threshold {
			hits[n] = h
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return &verdict{prep: p, hits: hits[:n]}
}

// hanChar is what a scan knows of a Chinese character: its pinyin, and
// its romanisation as a syllable of a Korean name.
type hanChar struct {
	py string
	ko translit.HanKoreanSyllable
}

// hanWindows searches a run of Chinese characters for listed names of two
// to four syllables written together: read in pinyin (习近平, xijinping)
// and, for windows of three or four starting with a Korean family name,
// as a Korean name (金正恩, 김정은, kimjongun; translit.HanKoreanLatin),
// which the scorer reads so too (translit.HanKorean); then for a foreign
// name whose parts it ends and the next runs start (hanForeignNames).
func (st *scan) hanWindows(ctx context.Context, i int) error {
	w := &st.words[i]
	d := st.sc.dict
	if st.syll == nil {
		st.syll = map[rune]*hanChar{}
	}
	if !st.dotJoined(i) {
		// A run after a middle dot is the next part of the name the last
		// run may end with (谢尔盖·拉夫罗夫): their candidates may overlap.
		st.group++
	}
	var offsBuf [65]int
	var sylBuf [64]*hanChar
	offs, syl := offsBuf[:0], sylBuf[:0]
	for k, r := range st.text[w.start:w.end] {
		c := st.syll[r]
		if c == nil {
			c = &hanChar{py: translit.Latin(string(r), ""), ko: translit.HanKoreanLatin(r)}
			st.syll[r] = c
		}
		offs = append(offs, w.start+k)
		syl = append(syl, c)
	}
	offs = append(offs, w.end)
	var buf, nbuf, sbuf [64]byte
	for a := range syl {
		cat := buf[:0]
		// The Korean reading, as North Korea writes it and as the South
		// does (羅 ra, na), while every character has one.
		fam := &syl[a].ko
		korean := fam.Family != ""
		north, south := append(nbuf[:0], fam.Family...), append(sbuf[:0], fam.FamilySouth...)
		southDiffers := korean && (fam.FamilySouth != fam.Family ||
			a+1 < len(syl) && syl[a+1].ko.GivenSouth != syl[a+1].ko.Given)
		for l := 1; l <= 4 && a+l <= len(syl); l++ {
			c := syl[a+l-1]
			cat = append(cat, c.py...)
			if l >= 2 && korean {
				if korean = c.ko.Given != ""; korean {
					north = append(north, c.ko.Given...)
					if l == 2 {
						south = append(south, c.ko.GivenSouth...)
					} else {
						south = append(south, c.ko.Given...)
					}
				}
			}
			if l < 2 {
				continue
			}
			hit := c.py != "" && d.whole.has(d.hashBytes(pfxWhole, cat))
			if !hit && korean && l >= 3 { // as translit.HanKorean reads names
				hit = d.whole.has(d.hashBytes(pfxWhole, north)) ||
					southDiffers && d.whole.has(d.hashBytes(pfxWhole, south))
			}
			if !hit {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			start, end := offs[a], offs[a+l]
			v := st.check([]string{st.text[start:end]})
			if v == nil {
				continue
			}
			cd := &cand{start: start, end: end, first: i, last: i, group: st.group, v: v}
			if l == 2 {
				// Two characters read as two syllables are also countless
				// words (合意 he yi, 同意 tong yi): a two-character name counts
				// only where the list writes it in these characters.
				if cd.only = hanListed(v, st.text[start:end]); cd.only == nil {
					continue
				}
			}
			st.cands = append(st.cands, cd)
		}
	}
	return st.hanForeignNames(ctx, i)
}

// hanListed returns the entities among the verdict's hits that have a
// name written as s (in Chinese characters, spaces aside), or nil.
func hanListed(v *verdict, s string) map[*entity.Entity]bool {
	var only map[*entity.Entity]bool
	for k := range v.hits {
		e := v.hits[k].Entity
		for _, n := range e.Names {
			if n.Full == s || strings.ContainsRune(n.Full, ' ') && strings.ReplaceAll(n.Full, " ", "") == s {
				if only == nil {
					only = map[*entity.Entity]bool{}
				}
				only[e] = true
				break
			}
		}
	}
	return only
}
