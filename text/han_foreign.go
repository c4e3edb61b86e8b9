package text

import (
	"context"
	"unicode/utf8"

	"github.com/embargo/embargo/translit"
)

// Chinese writes a foreign name with the characters of Xinhua's
// transcription tables, its parts apart by middle dots (谢尔盖·拉夫罗夫,
// Sergei Lavrov), and runs it into the text around it (俄罗斯外长谢尔盖·
// 拉夫罗夫表示): the tokeniser cuts the text at the dots, so that the name
// is the end of one run of Chinese characters, the runs between, and the
// start of another. Parts are read as the transcriptions they are
// (translit.HanForeign) and looked up as name words; two parts of one
// listed name send the span to the scorer, which reads it so too.

// maxForeignPart bounds a part of a transcribed name, in characters
// (translit.HanForeign reads no longer ones).
const maxForeignPart = 8

// dotJoined reports whether word i, a run of Chinese characters, follows
// another after a middle dot alone.
func (st *scan) dotJoined(i int) bool {
	if i == 0 || st.words[i-1].script != translit.Han {
		return false
	}
	return isNameDot(st.text[st.words[i-1].end:st.words[i].start])
}

// isNameDot reports whether s is a middle dot written between the parts of
// a transcribed name, alone.
func isNameDot(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && (r == '·' || r == '・' || r == '‧' || r == '･')
}

// foreignKey identifies the cuts of a run of Chinese characters: its text
// and whether they end it (tail) or start it.
type foreignKey struct {
	s    string
	tail bool
}

// foreignCut is a part of a transcribed name cut from the end or the
// start of a run: the offset of the cut in the run (where it starts, or
// ends), and the dictionary entries of its readings.
type foreignCut struct {
	off   int
	infos []*winfo
}

// hanForeignNames searches for a foreign name transcribed in Chinese
// characters that starts at the end of word i and goes on, after middle
// dots, into the next runs (two to four parts). The first part is a tail
// of word i and the last a head of its run, of two to eight
// transcription characters, each cut tried; the runs between are parts
// as they are. A cut whose parts hold two parts of one listed name is
// verified by the scorer.
func (st *scan) hanForeignNames(ctx context.Context, i int) error {
	ws := st.words
	if st.dotJoined(i) && foreignHead(st.text[ws[i].start:ws[i].end]) == ws[i].end-ws[i].start {
		// A part of a name that started before; a run that is not all
		// transcription characters ends that name and may end the next
		// one's first part (佩斯科夫和发言人玛丽亚·扎哈罗娃).
		return nil
	}
	// The words of the name: i, and those after it each after a dot.
	last := i
	for last+1 < len(ws) && last-i < 3 && st.dotJoined(last+1) {
		last++
	}
	if last == i {
		return nil
	}
	// Parts between must be all transcription characters; the name stops
	// at the first that is not (it is then the last part's run).
	for k := i + 1; k < last; k++ {
		if foreignHead(st.text[ws[k].start:ws[k].end]) < ws[k].end-ws[k].start {
			last = k
			break
		}
	}
	firsts := st.foreignCuts(i, true)
	lasts := st.foreignCuts(last, false)
	if len(firsts) == 0 || len(lasts) == 0 {
		return nil
	}
	var middle [][]*winfo
	for k := i + 1; k < last; k++ {
		if c := st.foreignCuts(k, true); len(c) > 0 && c[0].off == 0 {
			middle = append(middle, c[0].infos)
		}
	}
	d := st.sc.dict
	pairs := func(a, b []*winfo) bool {
		for _, x := range a {
			for _, y := range b {
				if d.pairsWith(x, y) {
					return true
				}
			}
		}
		return false
	}
	for _, f := range firsts {
		for _, l := range lasts {
			ok := pairs(f.infos, l.infos)
			for m := 0; !ok && m < len(middle); m++ {
				ok = pairs(f.infos, middle[m]) || pairs(middle[m], l.infos)
			}
			if !ok {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			start, end := ws[i].start+f.off, ws[last].start+l.off
			if v := st.check([]string{st.text[start:end]}); v != nil {
				st.cands = append(st.cands, &cand{start: start, end: end, first: i, last: last, group: st.group, v: v})
			}
		}
	}
	return nil
}

// foreignCuts returns the parts of two to eight transcription characters
// that end word i (tail) or start it, longest first, that read as parts
// of listed names; remembered for the scan.
func (st *scan) foreignCuts(i int, tail bool) []foreignCut {
	s := st.text[st.words[i].start:st.words[i].end]
	k := foreignKey{s, tail}
	if cuts, ok := st.foreign[k]; ok {
		return cuts
	}
	var offs [maxForeignPart]int // where the cuts of 1, 2... characters start or end
	n := 0
	if tail {
		for p := len(s); p > 0 && n < maxForeignPart; n++ {
			r, size := utf8.DecodeLastRuneInString(s[:p])
			if !translit.IsHanForeign(r) {
				break
			}
			p -= size
			offs[n] = p
		}
	} else {
		for p := 0; p < len(s) && n < maxForeignPart; n++ {
			r, size := utf8.DecodeRuneInString(s[p:])
			if !translit.IsHanForeign(r) {
				break
			}
			p += size
			offs[n] = p
		}
	}
	var cuts []foreignCut
	for c := n - 1; c >= 1; c-- { // two characters or more
		part := s[offs[c]:]
		if !tail {
			part = s[:offs[c]]
		}
		var infos []*winfo
		for _, r := range translit.HanForeign(part) {
			// Looked up as a word of Chinese script: read as a
			// transcription, with tolerance, and cached apart from the
			// Latin word.
			if wi := st.sc.wordInfo(r, translit.Han, ""); len(wi.ids) > 0 {
				infos = append(infos, wi)
			}
		}
		if len(infos) > 0 {
			cuts = append(cuts, foreignCut{offs[c], infos})
		}
	}
	if st.foreign == nil {
		st.foreign = map[foreignKey][]foreignCut{}
	}
	st.foreign[k] = cuts
	return cuts
}

// foreignHead returns the length in bytes of the transcription characters
// that start s.
func foreignHead(s string) int {
	for k, r := range s {
		if !translit.IsHanForeign(r) {
			return k
		}
	}
	return len(s)
}
