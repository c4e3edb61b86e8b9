package text

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/names"
	"github.com/embargo/embargo/translit"
)

// winfo is what the dictionary says of one word of the text.
type winfo struct {
	// forms are the readings of the word: forms[0] is the word itself,
	// then its inflected forms and its readings as the transcription of
	// a foreign name (translit.WordReadings: Hangul and katakana
	// loanwords, the Russian spelling of Korean syllables).
	forms []string
	// best is the form the scorer reads in the normalised reading of a
	// span.
	best int
	// ids are the dictionary ids of all forms; exact those of the forms'
	// own keys and symbols (a subset), without spelling tolerance.
	ids, exact []uint32
	// single: some one-part form is, as spelled, a whole listed name.
	single bool
	// whole: some form written as one word (Hangul) is a whole listed
	// name of several parts.
	whole bool
	// particle: a particle or title that may sit inside a name (de, van,
	// bin, Agha, Hajji).
	particle bool
	// keys are the phonetic keys of the one-part forms, for linking.
	keys []string
	// common: the word is one of the most common given names or surnames.
	common bool
	// person: some id is a part of a person's name.
	person bool
	// abjad: written without short vowels (Arabic, Hebrew), so that no
	// spelling is exact: its pairs are looked up with tolerance on both
	// sides.
	abjad bool
}

// nameLike reports whether the word may be (part of) a listed name.
func (w *winfo) nameLike() bool { return len(w.ids) > 0 || w.single || w.whole }

// info returns the dictionary entry of word i.
func (st *scan) info(i int) *winfo {
	if wi := st.winfos[i]; wi != nil {
		return wi
	}
	w := &st.words[i]
	s := st.text[w.start:w.end]
	wi, ok := st.infos[s]
	if !ok {
		wi = st.sc.wordInfo(s, w.script, st.lang)
		st.infos[s] = wi
	}
	st.winfos[i] = wi
	return wi
}

// syllableForm returns the form of word i that is a syllable of a Korean
// name written in Russian (translit.KoreanCyrillic: Ыном → Ын) or in an
// abjad (translit.KoreanAbjad), or "".
func (st *scan) syllableForm(i int) string {
	sc := st.words[i].script
	if sc != translit.Cyrillic && sc != translit.Arabic && sc != translit.Hebrew {
		return ""
	}
	for _, f := range st.info(i).forms {
		if translit.WordScript(f) == sc && translit.KoreanSyllable(f) != nil {
			return f
		}
	}
	return ""
}

// allSyllables reports whether every word of ws is a syllable of a Korean
// name written in Russian.
func (st *scan) allSyllables(ws []int) bool {
	for _, i := range ws {
		if st.syllableForm(i) == "" {
			return false
		}
	}
	return true
}

// syllableReading returns the span of words ws as the syllables of a
// Korean name written in Russian, each word as its form that is one
// (Ким Чен Ыном → Ким Чен Ын), for the scorer to read as the Korean name
// it is (translit.Readings); "" when the words are not such a name. The
// normalised reading cannot give it: the dictionary may know a word
// better as a Russian word or as one of its readings (Ыном → un), and a
// mixed reading has no Korean shape.
func (st *scan) syllableReading(ws []int) string {
	if len(ws) < 2 || len(ws) > 4 {
		return ""
	}
	parts := make([]string, len(ws))
	for k, i := range ws {
		if parts[k] = st.syllableForm(i); parts[k] == "" {
			return ""
		}
	}
	if !translit.LooksKoreanSyllables(parts) {
		return ""
	}
	return strings.Join(parts, " ")
}

// wordInfo returns the dictionary entry of a word, from the scanner's
// cache when it has it.
func (sc *Scanner) wordInfo(s string, script translit.Script, lang string) *winfo {
	if sc.words == nil {
		return sc.lookupWord(s, script, lang)
	}
	if script != translit.Cyrillic {
		lang = "" // only Cyrillic words are read by the text's language
	}
	k := wordKey{s, lang, script}
	if wi, ok := sc.words.get(k); ok {
		return wi
	}
	k.s = strings.Clone(s) // the cache outlives the text
	wi := sc.lookupWord(k.s, script, lang)
	sc.words.put(k, wi)
	return wi
}

// wordKey identifies a word for the scanner's cache.
type wordKey struct {
	s, lang string
	script  translit.Script
}

// lookupWord builds the dictionary entry of a word.
//
// Every form is analysed as the scorer analyses a name (names.Analyze),
// and its parts looked up by phonetic key and symbols. The word itself
// and its readings as a transcription are looked up with spelling
// tolerance (one deletion, or two for a long word not listed as written);
// inflected forms only as spelled, since the form they stand for is a
// listed spelling or nothing.
func (sc *Scanner) lookupWord(s string, script translit.Script, lang string) *winfo {
	d := sc.dict
	wi := &winfo{forms: []string{s}}
	if script != translit.LatinScript || !sc.listedAsIs(s) {
		// A Latin word spelled as listed needs no other reading; Russian
		// and Ukrainian decline names so often that their forms are always
		// read (Лаврова is also a name, but mostly Lavrov's genitive).
		wi.forms = wordForms(s, script, wi.forms)
	}
	inflected := len(wi.forms)
	for k := range inflected {
		for _, r := range translit.WordReadings(wi.forms[k]) {
			wi.forms = appendForm(wi.forms, s, r)
		}
		if script == translit.Cyrillic && lang == "be" {
			// In a Belarusian text every word may spell a Russian name the
			// Belarusian way, with or without і or ў (Сяргей for Сергей).
			if r := translit.BelarusianRussian(wi.forms[k]); r != "" {
				wi.forms = appendForm(wi.forms, s, r)
			}
		}
	}
	exactOnly := script == translit.LatinScript || script == translit.Cyrillic
	bestQ := -1
	var tmp [maxWordIDs]uint32
	for fi, f := range wi.forms {
		af := f
		if script == translit.Cyrillic && lang != "" {
			// The language of the whole text (Ukrainian г is h, и is y) is a
			// better guess than the word's own.
			af = translit.Latin(f, lang)
		}
		an := names.Analyze(af, entity.Unknown)
		if len(an.Tokens) == 0 {
			continue
		}
		q := 0
		native, sig := false, 0
		for ti := range an.Tokens {
			native = native || an.Tokens[ti].Script == translit.Hangul
			if an.Tokens[ti].Significant() {
				sig++
			}
		}
		if native {
			// Korean syllables say nothing on their own (every syllable is in
			// some name); the word counts when it spells a whole name.
			var buf [64]byte
			cat := buf[:0]
			for ti := range an.Tokens {
				cat = append(cat, an.Tokens[ti].Text...)
			}
			if len(an.Tokens) >= 2 && d.whole.has(d.hashBytes(pfxWhole, cat)) {
				wi.whole = true
				q = 3
			}
		} else {
			exact, found := true, true
			for ti := range an.Tokens {
				t := &an.Tokens[ti]
				if !t.Significant() && t.Kind != names.Generic && t.Kind != names.Patronymic {
					continue
				}
				n := len(wi.exact)
				if id := d.exactID(t.Key); id != 0 {
					wi.exact = append(wi.exact, id)
				} else {
					exact = false
				}
				if t.Abjad() {
					wi.abjad = true
					// Written without short vowels, the skeleton is all a word
					// spells: its consonants meeting a listed part's is exact.
					wi.exact = d.consLookup(wi.exact, t.Key)
				}
				for _, sym := range t.Syms {
					if id := d.symID(sym); id != 0 {
						wi.exact = append(wi.exact, id)
					}
				}
				if fi > 0 && fi < inflected && exactOnly {
					found = found && len(wi.exact) > n
					wi.ids = append(wi.ids, wi.exact[n:]...)
					continue
				}
				ids := d.lookup(tmp[:0], t.Key, t.Syms, t.Abjad(), fi == 0 && len(wi.exact) == n)
				found = found && len(ids) > 0
				wi.ids = append(wi.ids, ids...)
			}
			switch {
			case exact && found:
				q = 2
			case found:
				q = 1
			}
			if sig == 1 && len(an.Tokens) == 1 && an.Tokens[0].Significant() {
				t := &an.Tokens[0]
				wi.keys = append(wi.keys, t.Key)
				if fi == 0 {
					wi.common = names.IsCommon(t.Text)
				}
			}
			if fi == 0 && len(an.Tokens) == 1 && (an.Tokens[0].Kind == names.Particle || an.Tokens[0].Kind == names.Title) {
				wi.particle = true
			}
		}
		if q > bestQ {
			bestQ, wi.best = q, fi
		}
	}
	slices.Sort(wi.ids)
	wi.ids = slices.Compact(wi.ids)
	if len(wi.ids) > maxWordIDs {
		wi.ids = wi.ids[:maxWordIDs]
	}
	slices.Sort(wi.exact)
	wi.exact = slices.Compact(wi.exact)
	wi.single = d.anySingle(wi.exact)
	wi.person = d.anyPerson(wi.exact)
	return wi
}

// listedAsIs reports whether the Latin word s is, as spelled, a part of a
// listed name (its key is a listed part's key).
func (sc *Scanner) listedAsIs(s string) bool {
	an := names.Analyze(s, entity.Unknown)
	return len(an.Tokens) == 1 && sc.dict.exactID(an.Tokens[0].Key) != 0
}

// isParticleWord reports the lower-case particles that sit inside names
// in running text (Coreia do Norte is not a name, but Luiz Inácio Lula da
// Silva, Ursula von der Leyen and Osama bin Laden are).
func isParticleWord(s string) bool {
	switch s {
	case "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "van", "von", "der", "den", "ter", "ten",
		"al", "el", "bin", "ibn", "bint", "abu", "ben", "ould", "y", "e", "la", "le", "zu", "ul", "ud", "ad":
		return true
	}
	return false
}

// cache is a bounded concurrent map, for what the scanner computes once
// per distinct word or span and reuses across scans: the answers depend
// only on the immutable dictionary and index. A full shard is emptied,
// which costs a few recomputations and keeps memory flat. Keys must not
// share memory with a scanned text.
type cache[K comparable, V any] struct {
	seed   maphash.Seed
	shards [32]cacheShard[K, V]
	max    int // entries per shard
}

type cacheShard[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

func newCache[K comparable, V any](entries int) *cache[K, V] {
	c := &cache[K, V]{seed: maphash.MakeSeed(), max: max(entries/32, 16)}
	for i := range c.shards {
		c.shards[i].m = make(map[K]V)
	}
	return c
}

func (c *cache[K, V]) shard(k K) *cacheShard[K, V] {
	return &c.shards[maphash.Comparable(c.seed, k)%32]
}

func (c *cache[K, V]) get(k K) (V, bool) {
	s := c.shard(k)
	s.mu.RLock()
	v, ok := s.m[k]
	s.mu.RUnlock()
	return v, ok
}

func (c *cache[K, V]) put(k K, v V) {
	s := c.shard(k)
	s.mu.Lock()
	if len(s.m) >= c.max {
		clear(s.m)
	}
	s.m[k] = v
	s.mu.Unlock()
}
