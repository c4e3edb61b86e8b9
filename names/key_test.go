package names

import (
	"testing"
)

func TestKeyReconcilesConventions(t *testing.T) {
	// Each group is one name as different languages spell it: every member
	// must be a spelling of the first (Similarity accepts it).
	groups := [][]string{
		{"aleksandr", "alexander", "alexandre", "oleksandr"},
		{"khrushchev", "chruschtschow", "khrouchtchev", "jruschov"},
		{"tchaikovsky", "tschaikowski", "czajkowski"},
		{"gorbachev", "gorbatschow", "gorbatchev", "gorbaczow"},
		{"yeltsin", "jelzin", "eltsine"},
		{"yuri", "iouri", "jurij", "juri"},
		{"sergei", "sergey", "serguei", "sergej"},
		{"dmitry", "dmitri", "dmitriy", "dmitrij"},
		{"medvedev", "medwedew"},
		{"lavrov", "lawrow"},
		{"mohammed", "muhammad", "mohamad", "mohammad", "mohamed"},
		{"hussein", "husayn", "hossein", "hussain"},
		{"jong", "chong", "jeong"},
		{"un", "eun"},
		{"pyong", "byeong", "pyeong"},
		{"chol", "cheol"},
		{"choe", "choi"},
		{"zelensky", "zelenskyy", "zelenskyi", "selenskyj"},
		{"shoigu", "schoigu", "shoygu"},
		{"peskov", "peskow"},
		{"kang", "gang"},
		{"pong", "bong"},
		{"omar", "umar"},
		{"deng", "teng"},
	}
	for _, g := range groups {
		a := Key(g[0])
		for _, w := range g[1:] {
			b := Key(w)
			if s, ok := Similarity(a, b); !ok || s < 0.75 {
				t.Errorf("%s (%s) vs %s (%s): similarity %.2f, ok=%v; want a match", g[0], a, w, b, s, ok)
			}
			if !Meet(a, b) {
				t.Errorf("%s (%s) vs %s (%s): keys do not meet", g[0], a, w, b)
			}
		}
	}
}

func TestKeySeparatesDifferentNames(t *testing.T) {
	pairs := [][2]string{
		{"andrei", "victor"},
		{"natalia", "nikolai"},
		{"ahmed", "mahmoud"},
		{"hassan", "hussein"},
		{"ali", "eli"},
		{"un", "il"},
		{"jong", "yo"},
		{"ghassan", "hassan"},
		{"ivanov", "ivanenko"},
		{"kim", "pak"},
		{"jong", "young"},
		{"jong", "song"},
		{"un", "yun"},
	}
	for _, p := range pairs {
		a, b := Key(p[0]), Key(p[1])
		if s, ok := Similarity(a, b); ok {
			t.Errorf("%s (%s) vs %s (%s): similarity %.2f accepted; want different names", p[0], a, p[1], b, s)
		}
	}
}

func TestKey(t *testing.T) {
	tests := map[string]string{
		"khrushchev":    "XruSev",
		"chruschtschow": "GruSov",
		"tchaikovsky":   "Caikovski",
		"czajkowski":    "Caikovski",
		"yuri":          "Yuri",
		"iouri":         "Yuri",
		"jurij":         "Juri",
		"sergey":        "sergei",
		"abdullah":      "abdula",
		"rhee":          "ri",
		"jelzin":        "Jelzin",
	}
	for in, want := range tests {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDeletionsMatchGate(t *testing.T) {
	// The index finds pairs by shared deletion variants; the scorer by
	// Meet. They must agree on every pair.
	words := []string{"khrushchev", "jruschov", "kim", "gim", "muhammad", "mhmd", "ahmed", "mahmoud",
		"aleksandr", "oleksandr", "un", "eun", "yo", "jong", "chong", "smith", "schmidt", "a", "ri", "lee",
		"abdulrahman", "abdurrahman", "tharwat", "shihata", "shihapa"}
	for _, x := range words {
		for _, y := range words {
			kx, ky := Key(x), Key(y)
			vars := map[string]bool{}
			Deletions(kx, func(d []byte) { vars[string(d)] = true })
			shared := false
			Deletions(ky, func(d []byte) {
				if vars[string(d)] {
					shared = true
				}
			})
			if meet := Meet(kx, ky); meet != shared {
				t.Errorf("%s (%s) / %s (%s): Meet=%v, shared deletion=%v", x, kx, y, ky, meet, shared)
			}
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"khrushchev", "schtsch", "jjj", "y", "hh", "abc123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := asciiOnly(s)
		k := Key(w)
		for i := 0; i < len(k); i++ {
			if k[i] >= 128 {
				t.Fatalf("Key(%q) = %q has a non-ASCII byte", w, k)
			}
		}
		Deletions(k, func([]byte) {})
		if !Meet(k, k) {
			t.Fatalf("Meet(%q, itself) is false", k)
		}
		if d := Distance(k, k); d != 0 {
			t.Fatalf("Distance(%q, itself) = %v", k, d)
		}
	})
}
