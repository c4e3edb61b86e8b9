package field

import "testing"

func TestNonLatin(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", false},
		{"Ivan Petrov", false},
		{"Müller-Lüdenscheidt, Çelik", false},
		{"Иван Петров", true},
		{"Ali محمد", true},
		{"王", true},
		{"123 — !", false},
	}
	for _, tt := range tests {
		if got := NonLatin(tt.s); got != tt.want {
			t.Errorf("NonLatin(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestJoinNonEmpty(t *testing.T) {
	if got := JoinNonEmpty(", ", " 1 Main St ", "", "  ", "Springfield"); got != "1 Main St, Springfield" {
		t.Errorf("JoinNonEmpty = %q", got)
	}
	if got := JoinNonEmpty("; "); got != "" {
		t.Errorf("JoinNonEmpty() = %q, want empty", got)
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct {
		v    string
		want string
		ok   bool
	}{
		{"us", "us", true},
		{" US ", "us", true},
		{"Germany", "de", true},
		{"UA-DPR", "ua-dpr", true},
		{"", "", false},
		{"Atlantis", "", false},
	}
	for _, tt := range tests {
		got, ok := CountryCode(tt.v)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CountryCode(%q) = %q, %v, want %q, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}
