package translit

import (
	"slices"
	"testing"
)

func TestLoanReadings(t *testing.T) {
	tests := []struct{ word, want string }{
		{"드미트리", "dmitri"},
		{"메드베데프", "medvedev"},
		{"블라디미르", "vladimir"},
		{"푸틴", "putin"},
		{"세르게이", "sergei"},
		{"라브로프", "lavrov"},
		{"쇼이구", "shoigu"},
		{"자하로바", "zakharova"},
		{"나비울리나", "nabiulina"},
		{"알렉산드르", "aleksandr"},
	}
	for _, tc := range tests {
		if got := HangulLoan(tc.word); !slices.Contains(got, tc.want) {
			t.Errorf("HangulLoan(%q) = %q, want %q among them", tc.word, got, tc.want)
		}
	}
	for _, w := range []string{"김", "abc", "김a"} {
		if got := HangulLoan(w); got != nil {
			t.Errorf("HangulLoan(%q) = %q, want none", w, got)
		}
	}
}

func TestLooksKorean(t *testing.T) {
	for name, want := range map[string]bool{
		"김정은": true, "정식 김": true, "리병철": true, "김 여정": true,
		"드미트리 메드베데프": false, "푸틴": false, "하마스": false, "하마": true, "블라디미르 푸틴": false, "세르게이 라브로프": false,
	} {
		if got := LooksKorean(name); got != want {
			t.Errorf("LooksKorean(%q) = %v, want %v", name, got, want)
		}
	}
}
