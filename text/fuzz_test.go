package text

import (
	"context"
	"strings"
	"testing"
)

// FuzzScan scans arbitrary input: no panic, and every mention and country
// is the input between its offsets.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"O ministro Serguei Lavrov chegou à Coreia do Norte. Lavrov agradeceu.",
		"Vladimir V. Putin, Kim Jong-un, HAMAS, the Wagner Group; Putin's.",
		"Владимира Путина и Северной Кореи", "블라디미르 푸틴은 북한을", "俄罗斯朝鲜半岛", "وبوتين وإيران",
		"l'Iran\n\nRusya'nın", "a\xffb\xc3 Putin", strings.Repeat("Putin ", 100), "\u0301\u200d-'·",
		"ロシアのセルゲイ・ラブロフ外相はマリアと。ラブロフ氏", "ｾﾙｹﾞｲ･ﾗﾌﾞﾛﾌ＝ウラジーミル゠プーチン",
	} {
		f.Add(s)
	}
	sc := smallScanner()
	f.Fuzz(func(t *testing.T, s string) {
		res, err := sc.Scan(context.Background(), s, 0)
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, s, res)
	})
}
