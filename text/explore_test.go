package text

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"
	"log/slog"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/names"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/translit"
)

func TestExplore(t *testing.T) {
	cat, err := catalog.NewLoader(slog.New(slog.DiscardHandler)).Load(context.Background(), []string{"/work/shared/data/lists"})
	if err != nil { t.Fatal(err) }
	s := screen.New(cat)
	keys := map[string]int{}
	texts := map[string]int{}
	n := 0
	kinds := map[names.Kind]int{}
	s.Index().EachToken(func(tok *names.Token) {
		n++
		keys[names.Key(tok.Text)]++
		texts[tok.Text]++
		kinds[tok.Kind]++
	})
	fmt.Println("vocab", n, "keys", len(keys), "texts", len(texts), kinds, s.Index().Stats())
	b, _ := os.ReadFile("/work/shared/data/news/pt-lavrov-pyongyang.txt")
	hit, miss := []string{}, []string{}
	for _, w := range strings.FieldsFunc(string(b), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		for _, p := range strings.Split(w, "-") {
			if p == "" { continue }
			lat := translit.Latin(p, "")
			k := names.Key(lat)
			if keys[k] > 0 { hit = append(hit, p) } else { miss = append(miss, p) }
		}
	}
	fmt.Println("hit", len(hit), strings.Join(hit, " "))
	fmt.Println("miss", len(miss))
}
