package translit

import (
	"strings"
	"sync"
)

// Chinese writes foreign names with a fixed set of characters, one per
// syllable of the source name, by the transcription tables of Xinhua
// (外国人名译名手册, Xinhua News Agency, the Russian, English, Arabic and
// other tables to Chinese): 拉夫罗夫 la-v-ro-v, Lavrov; 谢尔盖 se-r-gei,
// Sergei; 德米特里 d-mi-t-ri, Dmitri; parts of a name apart by a middle
// dot (谢尔盖·拉夫罗夫). A consonant with no vowel after it gets a
// character of its own, which reads with a vowel in Chinese (斯 s, 夫 v,
// 克 k, 特 t, 德 d, 尔 r); the syllables read with a Chinese sound
// (罗 ro for luo, 科 ko for ke, 韦 ve for wei). Pinyin cannot give the
// name back (拉夫罗夫 → la fu luo fu); HanForeign reads the characters
// the other way, as the transcription they are (普京 pu-tin, Putin).
// Conventional names that do not follow the tables (亚历山大 for
// Aleksandr, 尼古拉 for Nikolai) are read as written, and the scorer
// finds what it can of them.

// hanForeignSyllables are the characters of the transcription tables and
// their readings, each "character reading" or, for a character that also
// writes a lone consonant, "character syllable/consonant" (布 bu/b); a
// reading of "-" before the slash means the character only writes a lone
// consonant. Readings are spelled as Russian names are romanised by the
// lists (kh, zh, sh, ch, ts, v), r and l as the tables mostly use the
// character (罗 ro, 洛 lo); the characters the tables use for both (拉 la
// and ra, 尔 r and l) have the other after a comma.
const hanForeignSyllables = "" +
	// Vowels and the semivowel.
	"阿 a|埃 e|艾 ai|爱 ai|伊 i|奥 o|乌 u|厄 e|叶 ye|耶 ye|亚 ya|娅 ya|雅 ya|约 yo|尤 yu|" +
	"因 in|英 in|安 an|翁 on|欧 o|延 yen|扬 yan|" +
	// b, p
	"巴 ba|博 bo|布 bu/b|贝 be|比 bi|别 bye|宾 bin|本 ben|班 ban|邦 bon|鲍 bo|拜 bai|卜 bu/b|" +
	"帕 pa|波 po|普 pu/p|佩 pe|皮 pi|彼 pe|潘 pan|平 pin|庞 pon|派 pai|珀 po|" +
	// v, f
	"瓦 va|沃 vo|武 vu|韦 ve|维 vi|娃 va|万 van|文 ven|旺 van|温 ven|夫 -/v|弗 -/v|" +
	"法 fa|福 fo|富 fu|费 fe|菲 fi|芬 fin|丰 fon|" +
	// g, k, kh
	"加 ga|戈 go|古 gu|盖 gei|吉 gi|根 gen|冈 gan|格 ge/g|贡 gon|圭 gui|" +
	"卡 ka|科 ko|库 ku|克 ke/k|基 ki|凯 ke|坎 kan|孔 kon|金 kin|肯 ken|" +
	"哈 kha|霍 kho|胡 khu|赫 khe/kh|希 shi|汉 khan|罕 khan|侯 khu|" +
	// d, t
	"达 da|大 da|多 do|杜 du|德 de/d|季 di|迪 di|杰 de|丹 dan|登 den|东 don|丁 din|戴 dai|代 dai|" +
	"塔 ta|托 to|图 tu|特 te/t|蒂 ti|捷 te|坦 tan|廷 tin|京 tin|滕 ten|泰 tai|" +
	// z, zh, s, sh, shch, ch, ts
	"扎 za|佐 zo|祖 zu|泽 ze|济 zi|兹 -/z|赞 zan|宗 zon|" +
	"若 zho|茹 zhu|热 zhe|日 zhi/zh|任 zhin|让 zhan|" +
	"萨 sa|索 so|苏 su|谢 se|西 si|斯 -/s|桑 san|森 sen|辛 sin|松 son|塞 se|赛 sai|锡 si|" +
	"沙 sha|绍 sho|舒 shu|舍 she|什 -/sh|申 shen|山 shan|珊 shan|肖 sho|夏 sha|" +
	"恰 cha|乔 cho|丘 chu|切 che|奇 chi/ch|钦 chin|琴 chen|契 chi|" +
	"察 tsa|措 tso|楚 tsu|采 tse|齐 tsi|茨 -/ts|" +
	// m, n
	"马 ma|莫 mo|穆 mu|梅 me|米 mi|姆 -/m|玛 ma|曼 man|门 men|明 min|蒙 mon|默 mo/m|麦 mai|迈 mai|" +
	"纳 na|诺 no|努 nu|涅 ne|尼 ni|娜 na|南 nan|宁 nin|内 ne|农 non|妮 ni|恩 en/n|" +
	// l, r
	"拉 la,ra|洛 lo|卢 lu|列 le,re|利 li|历 li|丽 li,ri|莉 li,ri|琳 lin|林 lin|连 len|伦 len|兰 lan|隆 lon|勒 le/l|莱 lai|" +
	"罗 ro|鲁 ru|里 ri,li|雷 ry|尔 -/r,l"

// foreignSyl is the reading of one transcription character: its
// syllable and its lone consonant ("" when it writes none), and the same
// with the other liquid (r for l, l for r), equal when it has none.
type foreignSyl struct {
	syl, lone, altSyl, altLone string
}

// hanForeignTable returns hanForeignSyllables by character.
var hanForeignTable = sync.OnceValue(func() map[rune]foreignSyl {
	m := map[rune]foreignSyl{}
	for e := range strings.SplitSeq(hanForeignSyllables, "|") {
		c, reading, _ := strings.Cut(e, " ")
		syl, lone, _ := strings.Cut(reading, "/")
		var s foreignSyl
		s.syl, s.altSyl, _ = strings.Cut(syl, ",")
		s.lone, s.altLone, _ = strings.Cut(lone, ",")
		if s.syl == "-" {
			s.syl = ""
		}
		if s.altSyl == "" {
			s.altSyl = s.syl
		}
		if s.altLone == "" {
			s.altLone = s.lone
		}
		m[[]rune(c)[0]] = s
	}
	return m
})

// HanForeign returns the readings of a foreign name written in Chinese
// characters by the transcription tables (谢尔盖·拉夫罗夫 → "sergei
// lavrov"), likeliest first, or nil when the name is not such a
// transcription: every character must be one of the tables', each part of
// the name (parts apart by a middle dot or a space) two to eight
// characters (one between others: 奥萨马·本·拉登), the name at most four
// parts.
// Each part reads as the tables mostly write r and l, then, if it has a
// character written for both, the other way (埃尔维拉: ervila, elvira).
func HanForeign(name string) []string {
	tab := hanForeignTable()
	var parts [][]foreignSyl
	var cur []foreignSyl
	total := 0
	for _, r := range name {
		if r == ' ' || r == '\u3000' || isNameDot(r) {
			if len(cur) > 0 {
				parts = append(parts, cur)
				cur = nil
			}
			continue
		}
		s, ok := tab[r]
		if !ok || len(cur) == 8 {
			return nil
		}
		cur = append(cur, s)
		total++
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	if len(parts) == 0 || len(parts) > 4 || total < 2 {
		return nil
	}
	// A part of one character is a particle between others (本·拉登);
	// first or last, the name has the shape of a Chinese one (丽 马).
	if len(parts[0]) == 1 || len(parts[len(parts)-1]) == 1 {
		return nil
	}
	words := make([]string, len(parts))
	per := make([][]string, len(parts))
	for i, p := range parts {
		a, b := readForeign(p, false), readForeign(p, true)
		words[i] = a
		per[i] = []string{a}
		if b != a {
			per[i] = append(per[i], b)
		}
	}
	return combine(words, per)
}

// readForeign reads the characters of one part of a name, with the other
// liquid where alt is set. A character that also writes a lone consonant
// reads so at the end of the part and before a consonant, except at the
// start before a consonant that makes no cluster with it (普京 pu-tin,
// but 普里戈任 p-ri-, 德米特里 d-mi-) and for a vowel (恩 en).
func readForeign(p []foreignSyl, alt bool) string {
	var b strings.Builder
	for k, s := range p {
		syl, lone := s.syl, s.lone
		if alt {
			syl, lone = s.altSyl, s.altLone
		}
		useLone := lone != "" && syl == ""
		if lone != "" && syl != "" {
			switch {
			case k == len(p)-1:
				useLone = true
			case startsWithVowel(p[k+1]):
			case k > 0:
				useLone = true
			default:
				useLone = !startsWithVowel(s) && clusters(p[k+1].syl)
			}
		}
		if useLone {
			b.WriteString(lone)
		} else {
			b.WriteString(syl)
		}
	}
	return b.String()
}

// clusters reports whether a syllable starts with a consonant that
// follows another at the start of a word (r, l, v, m, n: Dmitri,
// Prigozhin, Kleber, Tver, Gnedich).
func clusters(syl string) bool {
	return syl != "" && strings.IndexByte("rlvmn", syl[0]) >= 0
}

// startsWithVowel reports whether a transcription character's syllable
// starts with a vowel.
func startsWithVowel(s foreignSyl) bool {
	return s.syl != "" && strings.IndexByte("aeiouy", s.syl[0]) >= 0
}

// IsHanForeign reports whether r is one of the characters the
// transcription tables write foreign names with (HanForeign).
func IsHanForeign(r rune) bool {
	_, ok := hanForeignTable()[r]
	return ok
}
