package translit

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Foreign names in Japanese are written in katakana by the loanword
// conventions (外来語の表記, Cabinet notice No. 2 of 1991): every
// consonant of the source language gets a vowel, u after most consonants
// and o after t and d (Dmitri ドミトリー: do-mi-to-rī), a long vowel is
// marked ー, a doubled consonant ッ, and sounds Japanese lacks are written
// with the nearest kana or a small vowel (ティ ti, ファ fa, ウィ wi, ジェ
// je, ヴ v). Russian names are written by their sound: в as ブ (Lavrov
// ラブロフ), final -ов and -ев as -フ, х as ハ, ти and ди as チ and ジ
// (Putin プーチン, Vladimir ウラジーミル), an initial вл as ウラ. The
// passport Hepburn of Latin (ラブロフ → raburofu) reads the kana as
// Japanese and cannot give those names back; KanaLoan reads them the other
// way, as a transcription, and gives the spellings the source name may have
// had. Callers offer every reading to the scorer, which keeps the best.

// maxKanaLoan bounds the readings of one word: the combinations of the
// readings of a name's words grow fast (see Readings).
const maxKanaLoan = 4

// kanaMora is one syllable of a katakana word: an onset as English spells
// it ("", "k", "sh", "ch", "ts", "j", "f", "ky"...) and a vowel, or ン.
type kanaMora struct {
	c    string
	v    byte // a i u e o, or 'n' for ン
	long bool // followed by ー
	gem  bool // preceded by ッ: the onset is doubled
	// plain is set when the vowel is the kana's own, not a small kana's:
	// only such a vowel may have been added after a lone consonant.
	plain bool
}

// KanaLoan returns the Latin spellings a foreign name written in katakana
// may have had, likeliest first and at most four: read as English
// names are written (b, j, h, ch, w) and as Slavic names are romanised (v
// for ブ and for a final -フ, kh for ハ, t and d for チ and ジ before i, v
// for an initial ウ before a consonant, l for an initial ラ行), the word's
// shape choosing which comes first (-フ, -ワ, -スキー, -ヴィチ are
// Slavic). Vowels added after a lone consonant are dropped (ラブロフ →
// lavrov), long vowels written once (プーチン → putin), ッ doubles the
// next consonant, ン before a vowel reads ng (ジョンウン → jongun), and
// so may a final ン (ヨジョン → yojong, after yojon). Words
// of fewer than two kana, and words with any rune but katakana, ー and
// the small kana (hiragana, Chinese characters, ・), give nothing.
// Half-width katakana are read as their full-width forms.
func KanaLoan(word string) []string {
	ms := kanaMorae(word)
	if ms == nil {
		return nil
	}
	slavic := slavicKana(ms)
	first, second := readKanaLoan(ms, slavic), readKanaLoan(ms, !slavic)
	var out []string
	for i := 0; len(out) < maxKanaLoan && (i < len(first) || i < len(second)); i++ {
		for _, rs := range [2][]string{first, second} {
			if i < len(rs) && !slices.Contains(out, rs[i]) && len(out) < maxKanaLoan {
				out = append(out, rs[i])
			}
		}
	}
	return out
}

// kanaMorae cuts a katakana word into morae, or returns nil when the word
// is not one of two kana or more written in katakana alone.
func kanaMorae(word string) []kanaMora {
	for _, r := range word {
		if 0xFF66 <= r && r <= 0xFF9F {
			word = norm.NFKC.String(word) // half-width katakana
			break
		}
	}
	var ms []kanaMora
	gem, kana := false, 0
	for _, r := range word {
		switch {
		case r == 0x30FC: // ー
			if len(ms) == 0 || ms[len(ms)-1].v == 'n' {
				return nil
			}
			ms[len(ms)-1].long = true
			continue
		case 0x30F7 <= r && r <= 0x30FA: // ヷ ヸ ヹ ヺ
			ms = append(ms, kanaMora{c: "v", v: "aieo"[r-0x30F7], gem: gem, plain: true})
			gem = false
			kana++
			continue
		case r < 0x30A1 || r > 0x30F6:
			return nil
		}
		i := int(r - 0x30A1)
		kana++
		if i == kanaSokuon {
			if gem {
				return nil
			}
			gem = true
			continue
		}
		s := hiragana[i]
		if isSmallKana(i) {
			if len(ms) == 0 || gem {
				return nil
			}
			ms = smallKana(ms, s)
			continue
		}
		m := kanaMora{gem: gem, plain: true}
		if s == "n" {
			m.v = 'n'
		} else {
			m.c, m.v = s[:len(s)-1], s[len(s)-1]
		}
		ms = append(ms, m)
		gem = false
	}
	if kana < 2 || gem || len(ms) == 0 {
		return nil
	}
	return ms
}

// smallKana combines a small kana (s is its full-size reading) with the
// mora before it: キャ kya, シャ sha, ファ fa, ティ ti, トゥ tu, ウィ wi,
// シェ she, イェ ye, クァ kwa. A small kana that combines with nothing is
// a vowel of its own, or lengthens the same vowel.
func smallKana(ms []kanaMora, s string) []kanaMora {
	m := &ms[len(ms)-1]
	v := s[len(s)-1]
	switch {
	case m.v == 'n':
	case s == "ya" || s == "yu" || s == "yo":
		switch {
		case m.v == 'i' && (m.c == "sh" || m.c == "ch" || m.c == "j"):
			m.v, m.plain = v, false
			return ms
		case m.v == 'i' && m.c != "" || m.v == 'u' && (m.c == "f" || m.c == "v") || m.v == 'e' && (m.c == "t" || m.c == "d"):
			m.c, m.v, m.plain = m.c+"y", v, false
			return ms
		}
		return append(ms, kanaMora{c: "y", v: v})
	case s == "wa":
		if m.v == 'u' && (m.c == "k" || m.c == "g") {
			m.c, m.v, m.plain = m.c+"w", 'a', false
			return ms
		}
		return append(ms, kanaMora{c: "w", v: 'a'})
	case m.c == "" && m.v == 'u' && v != 'u':
		m.c, m.v, m.plain = "w", v, false // ウィ ウェ ウォ
		return ms
	case m.c == "" && m.v == 'i' && v == 'e':
		m.c, m.v, m.plain = "y", v, false // イェ
		return ms
	case m.v == 'u' && m.c != "" && v != 'u':
		if m.c == "k" || m.c == "g" {
			m.c += "w" // クァ クォ
		}
		m.v, m.plain = v, false // ファ ツァ ヴァ スィ
		return ms
	case (m.c == "t" || m.c == "d") && (m.v == 'e' && (v == 'i' || v == 'u') || m.v == 'o' && v == 'u'):
		m.v, m.plain = v, false // ティ ディ トゥ ドゥ
		return ms
	case m.v == 'i' && v == 'e':
		if m.c != "sh" && m.c != "ch" && m.c != "j" {
			m.c += "y"
		}
		m.v, m.plain = v, false // シェ ジェ チェ
		return ms
	case m.v == v:
		m.long = true
		return ms
	}
	return append(ms, kanaMora{v: v})
}

// slavicKana reports whether a word has the shape of a Russian or other
// Slavic name written in katakana: a surname in -ov, -ev, -in written -フ
// after a vowel, -ova or -eva written -ワ, -sky, -skaya, -vich, -vna, or
// -enko.
func slavicKana(ms []kanaMora) bool {
	n := len(ms)
	last := ms[n-1]
	prev := func(k int) kanaMora {
		if n-k < 0 {
			return kanaMora{}
		}
		return ms[n-k]
	}
	switch {
	case last.c == "f" && last.v == 'u' && !last.long && n >= 2 && prev(2).v != 'n':
		return true // -ov, -ev
	case last.c == "w" && last.v == 'a' && n >= 2 && (prev(2).v == 'o' || prev(2).v == 'e'):
		return true // -ova, -eva
	case last.v == 'i' && last.long && last.c == "k" && (prev(2).c == "s" || prev(2).c == "ts") && prev(2).v == 'u':
		return true // -sky, -tsky
	case last.c == "y" && last.v == 'a' && prev(2).c == "k" && prev(3).c == "s":
		return true // -skaya
	case last.c == "ch" && last.v == 'i' && (prev(2).c == "v" || prev(2).c == "b"):
		return true // -vich
	case last.c == "n" && last.v == 'a' && (prev(2).c == "v" || prev(2).c == "b") && prev(2).v == 'u':
		return true // -vna
	case last.c == "k" && last.v == 'o' && prev(2).v == 'n' && prev(3).v == 'e':
		return true // -enko
	}
	return false
}

// kanaAlt is one way to read a mora, with its cost: 0 for the likeliest.
type kanaAlt struct {
	s    string
	cost int
}

// Costs of the less likely readings of a mora. A consonant the profile
// reads two ways costs least; a vowel kept after a consonant that may
// have been alone (the lone consonant is the rule of the conventions), an
// l for a ラ行 inside the word, or ng for a final ン cost more, and a vowel
// kept at the end of the word most.
const (
	costOther    = 1 // the other reading of a consonant (b for ブ in a Slavic name)
	costKeep     = 2 // a vowel kept inside the word (ヴィクトル Viktor)
	costKeepEnd  = 3 // a vowel kept at the end (ショイグ Shoigu)
	costL        = 2 // l for a ラ行 inside the word (アリ Ali)
	costFinalNg  = 2 // ng for a final ン (ヨジョン Yo Jong)
	costUnlikely = 3 // a reading against the profile (v for an initial ウ in English)
)

// kanaBeam bounds the partial readings kept while reading a word: the
// costs of the morae add up, so the best readings of the whole word
// extend the best readings of its start.
const kanaBeam = 8

// readKanaLoan returns the likeliest readings of the morae as English
// (slavic false) or Slavic names are written, best first.
func readKanaLoan(ms []kanaMora, slavic bool) []string {
	beam := []kanaAlt{{"", 0}}
	var next []kanaAlt
	var alts [8]kanaAlt
	for i := range ms {
		as := moraAlts(ms, i, slavic, alts[:0])
		next = next[:0]
		for _, p := range beam {
			for _, a := range as {
				next = append(next, kanaAlt{p.s + a.s, p.cost + a.cost})
			}
		}
		slices.SortStableFunc(next, func(a, b kanaAlt) int { return a.cost - b.cost })
		beam = beam[:0]
		for _, a := range next {
			if len(beam) == kanaBeam {
				break
			}
			if !slices.ContainsFunc(beam, func(b kanaAlt) bool { return b.s == a.s }) {
				beam = append(beam, a)
			}
		}
	}
	out := make([]string, 0, len(beam))
	for _, a := range beam {
		if a.s != "" {
			out = append(out, a.s)
		}
	}
	return out
}

// moraAlts appends to dst the readings of mora i.
func moraAlts(ms []kanaMora, i int, slavic bool, dst []kanaAlt) []kanaAlt {
	m := ms[i]
	var next *kanaMora
	if i+1 < len(ms) {
		next = &ms[i+1]
	}
	if m.v == 'n' {
		switch {
		case next != nil && next.c == "" && next.v != 'n':
			// ン before a vowel: a Korean or Chinese syllable (ジョンウン Jong
			// Un), where a source n would have been written ナ, ニ, ヌ...
			return append(dst, kanaAlt{"ng", 0}, kanaAlt{"n", costOther})
		case next == nil:
			return append(dst, kanaAlt{"n", 0}, kanaAlt{"ng", costFinalNg})
		}
		return append(dst, kanaAlt{"n", 0})
	}
	beforeCons := next != nil && next.c != "" && next.v != 'n'
	if i == 0 && m.c == "" && m.v == 'u' && !m.long && beforeCons {
		// An initial ウ before a consonant: Vladimir ウラジーミル, Vsevolod.
		if slavic {
			return append(dst, kanaAlt{"v", 0}, kanaAlt{"u", costOther})
		}
		return append(dst, kanaAlt{"u", 0}, kanaAlt{"v", costUnlikely})
	}
	// A vowel added after a lone consonant: u after most, o after t and d,
	// i after a final ch or j (-tch, -dge).
	end := next == nil
	added := m.plain && !m.long && (beforeCons || end) && m.c != "" &&
		(m.v == 'u' && m.c != "y" && m.c != "w" || m.v == 'o' && (m.c == "t" || m.c == "d") ||
			m.v == 'i' && end && (m.c == "ch" || m.c == "j"))
	if added && i == 0 && !end && !initialCluster(m.c, next.c) {
		added = false // no name starts lk, mh: the vowel is the source's
	}
	var cs [3]kanaAlt
	cons := consAlts(ms, i, slavic, added, cs[:0])
	vowel := string(m.v)
	keep := costKeep
	if end {
		keep = costKeepEnd
	}
	for _, c := range cons {
		s := c.s
		if m.gem && s != "" {
			if strings.HasPrefix(s, "ch") {
				s = "t" + s
			} else {
				s = s[:1] + s
			}
		}
		if added {
			dst = append(dst, kanaAlt{s, c.cost}, kanaAlt{s + vowel, c.cost + keep})
		} else {
			dst = append(dst, kanaAlt{s + vowel, c.cost})
		}
	}
	return dst
}

// initialCluster reports whether a name may start with consonant c
// followed by the onset next: the vowel of a first mora is only dropped
// then (Dmitri ドミトリー, Smirnov スミルノフ, Pskov プスコフ, but Lukashenko
// ルカシェンコ, Hussein フセイン).
func initialCluster(c, next string) bool {
	n := next[0]
	switch {
	case n == 'r' || n == 'w':
		return true
	case c == "s" || c == "sh" || c == "z":
		return strings.IndexByte("kptmnfvc", n) >= 0
	case c == "d" || c == "t":
		return n == 'm' || n == 'v'
	case c == "k" || c == "p":
		return n == 's'
	}
	return false
}

// consAlts appends to dst the readings of the onset of mora i; added is
// set when the mora's vowel may have been added after a lone consonant.
func consAlts(ms []kanaMora, i int, slavic, added bool, dst []kanaAlt) []kanaAlt {
	m := ms[i]
	c := m.c
	end := i == len(ms)-1
	// The first consonant of the word, after an initial vowel (Aleksandr
	// アレクサンドル) or ウ read v (Vladimir ウラジーミル).
	first := i == 0 || i == 1 && ms[0].c == "" && ms[0].v != 'n'
	if c == "r" {
		switch {
		case slavic && i == 0:
			return append(dst, kanaAlt{"l", 0}, kanaAlt{"r", 0})
		case slavic && first:
			return append(dst, kanaAlt{"l", 0}, kanaAlt{"r", costOther}) // вл, ал
		case slavic && end && added:
			return append(dst, kanaAlt{"r", 0}, kanaAlt{"l", costOther}) // -р, -ль
		case first:
			return append(dst, kanaAlt{"r", 0}, kanaAlt{"l", costOther})
		}
		return append(dst, kanaAlt{"r", 0}, kanaAlt{"l", costL})
	}
	if !slavic {
		return append(dst, kanaAlt{c, 0})
	}
	switch c {
	case "b":
		if i == 0 {
			return append(dst, kanaAlt{"b", 0}, kanaAlt{"v", costOther}) // Boris, but Lavrov
		}
		return append(dst, kanaAlt{"v", 0}, kanaAlt{"b", costOther})
	case "h":
		return append(dst, kanaAlt{"kh", 0}, kanaAlt{"h", costOther})
	case "f":
		if added {
			return append(dst, kanaAlt{"v", 0}, kanaAlt{"f", costKeep}) // -ov, -ev, -vsky
		}
	case "w":
		return append(dst, kanaAlt{"v", 0})
	case "j":
		switch m.v {
		case 'i':
			return append(dst, kanaAlt{"d", 0}, kanaAlt{"zh", costOther}) // ди, жи
		case 'e':
			return append(dst, kanaAlt{"zh", 0}, kanaAlt{"d", 0}) // же, де: Medvedev
		}
		return append(dst, kanaAlt{"zh", 0}, kanaAlt{"j", costOther})
	case "ch":
		if m.v == 'i' && !end {
			return append(dst, kanaAlt{"t", 0}, kanaAlt{"ch", costOther}) // ти
		}
	case "sh":
		if m.v == 'i' {
			return append(dst, kanaAlt{"sh", 0}, kanaAlt{"s", costOther}) // ши, си
		}
	}
	return append(dst, kanaAlt{c, 0})
}
