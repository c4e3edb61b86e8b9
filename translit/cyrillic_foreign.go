package translit

import "strings"

// CyrillicForeignH returns the romanisation of a Cyrillic word with х read
// as h, or "" when it has no х. Russian and Ukrainian have no h of their
// own and write the foreign h with х, which romanises kh: Хамас is Hamas,
// Хезболла Hezbollah, Хусейн Hussein.
func CyrillicForeignH(word string) string {
	if !strings.ContainsAny(word, "хХ") || WordScript(word) != Cyrillic {
		return ""
	}
	lat := Latin(word, "")
	if r := strings.ReplaceAll(lat, "kh", "h"); r != lat {
		return r
	}
	return ""
}
