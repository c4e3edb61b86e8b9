package text

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
	"github.com/embargo/embargo/names"
	"github.com/embargo/embargo/translit"
)

// Linking: news names a person in full once ("o ministro Serguei Lavrov")
// and then by surname ("Lavrov agradeceu..."). A surname alone is not
// enough to match a listed name, but it refers to the full mention before
// it: such a word is reported as a mention of the same entity, with the
// full mention's score and LinkedTo set to its index. The surname is the
// family name the list gives for the matched name when it gives one
// (PUTIN Vladimir Vladimirovich), else the last word of the full mention,
// as running text puts the surname last. A very common surname (Kim,
// Lee, Smith) is never linked. A word is linked to the nearest full
// mention before it, or, when there is none, the nearest after it (a
// headline names the person before the article does). Chinese, which
// writes no spaces, names a foreign person in full with a middle dot
// (谢尔盖·拉夫罗夫) and then by the part after it (拉夫罗夫): linkHan.

type explainMemo struct {
	text string
	hit  *index.Hit
}

type surnameMemo struct {
	hit  *index.Hit
	last *winfo
}

// linkTarget is a full mention a surname may refer to.
type linkTarget struct {
	mentions []int // indices in Result.Mentions of the span's entities
	start    int
	end      int
	keys     []string
}

// link adds the surname-only mentions.
func (st *scan) link(res *Result) {
	var targets []*linkTarget
	explained := map[explainMemo][]string{}
	bySpan := map[[2]int]*linkTarget{}
	for k, p := range st.kept {
		h := p.hit
		if h.Entity.Type != entity.Person && h.Entity.Type != entity.Unknown {
			continue
		}
		q := p.c.v.prep.Query
		sig := 0
		for _, t := range q.Sides[h.QueryName].Tokens {
			if t.Significant() {
				sig++
			}
		}
		if sig < 2 || p.c.end-p.c.start == 0 {
			continue
		}
		mk := surnameMemo{p.hit, st.winfos[p.c.last]}
		keys, ok := st.surnames[mk]
		if !ok {
			keys = st.surnameKeys(p)
			st.surnames[mk] = keys
		}
		if len(keys) == 0 {
			continue
		}
		sp := [2]int{p.c.start, p.c.end}
		t := bySpan[sp]
		if t == nil {
			t = &linkTarget{start: p.c.start, end: p.c.end}
			bySpan[sp] = t
			targets = append(targets, t)
		}
		t.mentions = append(t.mentions, k)
		for _, key := range keys {
			if !slices.Contains(t.keys, key) {
				t.keys = append(t.keys, key)
			}
		}
	}
	if len(targets) == 0 {
		return
	}
	// Targets by surname key, in text order.
	byKey := map[string][]*linkTarget{}
	for _, t := range targets {
		for _, k := range t.keys {
			byKey[k] = append(byKey[k], t)
		}
	}
	for _, ts := range byKey {
		slices.SortFunc(ts, func(a, b *linkTarget) int { return a.start - b.start })
	}
	covered := make([]bool, len(st.words))
	for _, p := range st.kept {
		for i := p.c.first; i <= p.c.last; i++ {
			covered[i] = true
		}
	}
	var linked []Mention
	for i := range st.words {
		w := &st.words[i]
		if w.unspaced() || w.flags.has(wDigit) || !(w.flags.has(wUpper) || w.flags.has(wUncased)) {
			continue
		}
		wi := st.winfos[i]
		if covered[i] || wi == nil || wi.common || len(wi.keys) == 0 {
			continue
		}
		t := nearest(byKey, w.start, wi.keys)
		if t == nil || st.nextToPerson(i) {
			continue
		}
		for _, k := range t.mentions {
			linked = append(linked, st.linkedMention(res, k, w.start, w.end, explained))
		}
	}
	linked = append(linked, st.linkHan(res, explained)...)
	if len(linked) == 0 {
		return
	}
	// Merge in text order and renumber the links.
	all := append(res.Mentions, linked...)
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if all[a].Start != all[b].Start {
			return all[a].Start - all[b].Start
		}
		return a - b
	})
	newIdx := make([]int, len(all))
	for pos, old := range order {
		newIdx[old] = pos
	}
	out := make([]Mention, len(all))
	for pos, old := range order {
		m := all[old]
		if m.LinkedTo != nil {
			v := newIdx[*m.LinkedTo]
			m.LinkedTo = &v
		}
		out[pos] = m
	}
	res.Mentions = out
}

// linkedMention is the mention of text[start:end] as a surname referring
// to full mention k.
func (st *scan) linkedMention(res *Result, k, start, end int, explained map[explainMemo][]string) Mention {
	full := &res.Mentions[k]
	ek := explainMemo{full.Text, st.kept[k].hit}
	ex, ok := explained[ek]
	if !ok {
		ex = append([]string{fmt.Sprintf("surname only: refers to the full mention %q (linked_to)", full.Text)},
			full.Explanation...)
		explained[ek] = ex
	}
	idx := k
	return Mention{
		Start: start, End: end, Text: st.text[start:end],
		Score: full.Score, MatchedName: full.MatchedName, Entity: full.Entity,
		Explanation: ex, LinkedTo: &idx,
	}
}

// hanDots are the marks Chinese writes between the parts of a foreign
// name (谢尔盖·拉夫罗夫).
const hanDots = "·・•‧"

// minHanSurname is the fewest characters of a Chinese surname that is
// linked on its own: a one-character part is a word too often.
const minHanSurname = 2

// linkHan links the surnames of foreign names written in Chinese
// characters: after 谢尔盖·拉夫罗夫, the bare 拉夫罗夫 is the same person.
// Chinese runs words together, so the surname is found as a string, where
// no mention is already; the part after the last middle dot is the
// surname, and it must have at least minHanSurname characters.
func (st *scan) linkHan(res *Result, explained map[explainMemo][]string) []Mention {
	type target struct {
		start    int
		mentions []int
	}
	bySurname := map[string][]*target{}
	var spans [][2]int
	for k, p := range st.kept {
		spans = append(spans, [2]int{p.c.start, p.c.end})
		if p.hit.Entity.Type != entity.Person {
			continue
		}
		full := st.text[p.c.start:p.c.end]
		i := strings.LastIndexAny(full, hanDots)
		if i < 0 || translit.WordScript(full) != translit.Han {
			continue
		}
		_, n := utf8.DecodeRuneInString(full[i:])
		sur := full[i+n:]
		if utf8.RuneCountInString(sur) < minHanSurname || translit.WordScript(sur) != translit.Han {
			continue
		}
		ts := bySurname[sur]
		if len(ts) == 0 || ts[len(ts)-1].start != p.c.start {
			ts = append(ts, &target{start: p.c.start})
			bySurname[sur] = ts
		}
		ts[len(ts)-1].mentions = append(ts[len(ts)-1].mentions, k)
	}
	if len(bySurname) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[1], b[1]) })
	var out []Mention
	for sur, ts := range bySurname {
		for off := 0; ; {
			j := strings.Index(st.text[off:], sur)
			if j < 0 {
				break
			}
			start, end := off+j, off+j+len(sur)
			off = end
			// The first span that ends after start (spans are in text
			// order, and do not overlap but within a group).
			k, _ := slices.BinarySearchFunc(spans, start, func(sp [2]int, pos int) int { return cmp.Compare(sp[1], pos+1) })
			if k < len(spans) && spans[k][0] < end {
				continue // inside a mention
			}
			t := ts[0] // the nearest full mention before, else the first after
			for _, c := range ts {
				if c.start < start {
					t = c
				}
			}
			for _, k := range t.mentions {
				out = append(out, st.linkedMention(res, k, start, end, explained))
			}
		}
	}
	return out
}

// nearest returns the target a word with the given surname keys at
// offset pos refers to: the nearest before it, else the nearest after it.
func nearest(byKey map[string][]*linkTarget, pos int, keys []string) *linkTarget {
	var before, after *linkTarget
	for _, k := range keys {
		ts := byKey[k]
		// ts is sorted by start; targets do not overlap the word.
		i, _ := slices.BinarySearchFunc(ts, pos, func(t *linkTarget, x int) int { return t.start - x })
		if i > 0 && ts[i-1].end <= pos && (before == nil || ts[i-1].end > before.end) {
			before = ts[i-1]
		}
		if i < len(ts) && ts[i].start > pos && (after == nil || ts[i].start < after.start) {
			after = ts[i]
		}
	}
	if before != nil {
		return before
	}
	return after
}

// surnameKeys returns the phonetic keys of the surname of a full mention:
// the family name the list gives for the matched name, when it gives one
// and it is not a very common one, and the keys of the mention's last
// word (Poutine for PUTIN).
func (st *scan) surnameKeys(p pick) []string {
	h := p.hit
	var keys []string
	if h.Name >= 0 {
		if parts := h.Entity.Names[h.Name].Parts; parts != nil && parts.Family != "" {
			fk, ok := st.families[parts.Family]
			if !ok {
				an := names.Analyze(parts.Family, entity.Person)
				for _, t := range an.Tokens {
					if t.Kind != names.Word {
						continue
					}
					if t.Common {
						fk.common = true // KIM: never a mention on its own
					}
					fk.keys = append(fk.keys, t.Key)
				}
				st.families[parts.Family] = fk
			}
			if fk.common {
				return nil
			}
			keys = append(keys, fk.keys...)
		}
	}
	last := p.c.last
	if last == p.c.first && st.words[last].unspaced() {
		return keys
	}
	wi := st.winfos[last]
	if wi == nil || wi.common {
		return keys
	}
	for _, k := range wi.keys {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// nextToPerson reports whether word i stands next to another capitalised
// word of a person's name (Anna Lavrov is not Sergei Lavrov).
func (st *scan) nextToPerson(i int) bool {
	check := func(j int) bool {
		w := &st.words[j]
		if !(w.flags.has(wUpper) || w.flags.has(wUncased)) || w.flags.has(wDigit) {
			return false
		}
		wi := st.winfos[j]
		return wi != nil && wi.person && !wi.particle
	}
	if i > 0 && !st.words[i].flags.has(wBreak) && check(i-1) {
		return true
	}
	return i+1 < len(st.words) && !st.words[i+1].flags.has(wBreak) && check(i+1)
}
