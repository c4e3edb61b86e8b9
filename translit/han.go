package translit

// Han characters: Hanyu Pinyin (ISO 7098), the readings of the go-pinyin
// dictionary, without tone marks, ü written u ("吕" → "lu"), one word per
// character as lists write Chinese names syllable by syllable ("习近平" →
// "xi jin ping"; the matcher joins given-name syllables). Where a character
// has several readings the dictionary's first is used, except for the
// common family names read differently as names (曾 zeng, 单 shan, 解 xie,
// 仇 qiu, 朴 piao, 区 ou, 查 zha, 翟 zhai, 乐 yue, 覃 qin, 盖 ge, 缪 miao,
// 种 chong, 秘 bi, 召 shao, 薄 bo, 重 chong, 藏 zang, 长 chang, 员 yun,
// 冼 xian, 任 ren, 沈 shen, 石 shi, 贾 jia) when they start a run of two to
// four characters. Japanese kanji and Korean hanja get their Mandarin
// readings too: a Japanese name in kanji cannot be read without a
// dictionary of names. Characters the dictionary lacks go through the
// unidecode fallback.

import (
	"strings"

	"github.com/mozillazg/go-pinyin"
)

var hanSurnames = map[rune]string{
	'曾': "zeng", '单': "shan", '單': "shan", '解': "xie", '仇': "qiu", '朴': "piao",
	'区': "ou", '區': "ou", '查': "zha", '翟': "zhai", '乐': "yue", '樂': "yue",
	'覃': "qin", '盖': "ge", '蓋': "ge", '缪': "miao", '繆': "miao", '种': "chong",
	'種': "chong", '秘': "bi", '召': "shao", '薄': "bo", '重': "chong", '藏': "zang",
	'长': "chang", '長': "chang", '员': "yun", '員': "yun", '冼': "xian", '任': "ren",
	'沈': "shen", '石': "shi", '贾': "jia", '賈': "jia",
}

func appendHan(dst []byte, rs []rune) []byte {
	n := 0
	for _, r := range rs {
		if ScriptOf(r) == Han {
			n++
		}
	}
	k := 0
	lastStart, lastEnd := 0, 0 // reading of the previous character, for 々
	for _, r := range rs {
		if ScriptOf(r) != Han {
			continue
		}
		if k > 0 {
			dst = append(dst, ' ')
		}
		start := len(dst)
		switch {
		case r == '々' || r == '〻':
			dst = append(dst, dst[lastStart:lastEnd]...)
		case k == 0 && n >= 2 && n <= 4 && hanSurnames[r] != "":
			dst = append(dst, hanSurnames[r]...)
		default:
			if py, ok := pinyin.PinyinDict[int(r)]; ok {
				if i := strings.IndexByte(py, ','); i >= 0 {
					py = py[:i]
				}
				for _, c := range py {
					if c < 0x80 {
						if 'a' <= c && c <= 'z' {
							dst = append(dst, byte(c))
						}
					} else if f, ok := foldLatin(c); ok {
						dst = append(dst, f...)
					}
				}
			} else {
				dst = appendUnidecode(dst, r)
			}
		}
		lastStart, lastEnd = start, len(dst)
		k++
	}
	return dst
}
