package xmlscan

import (
	"errors"
	"testing"
)

func TestCutRef(t *testing.T) {
	tests := []struct {
		in   string
		body string
		n    int
		ok   bool
	}{
		{"&amp; rest", "amp", 5, true},
		{"&#x10FFFF;", "#x10FFFF", 10, true},
		{"&amp", "", 0, false},
		{"&verylongname;", "", 0, false},
	}
	for _, tt := range tests {
		body, n, ok := CutRef([]byte(tt.in))
		if string(body) != tt.body || n != tt.n || ok != tt.ok {
			t.Errorf("CutRef(%q) = %q, %d, %v, want %q, %d, %v", tt.in, body, n, ok, tt.body, tt.n, tt.ok)
		}
	}
}

func TestDecodeRef(t *testing.T) {
	tests := []struct {
		body    string
		upperX  bool
		want    rune
		problem Problem
		msg     string
	}{
		{"amp", false, '&', 0, ""},
		{"lt", false, '<', 0, ""},
		{"gt", false, '>', 0, ""},
		{"apos", false, '\'', 0, ""},
		{"quot", false, '"', 0, ""},
		{"#233", false, 'é', 0, ""},
		{"#xE9", false, 'é', 0, ""},
		{"#xe9", false, 'é', 0, ""},
		{"#XE9", true, 'é', 0, ""},
		{"#XE9", false, 0, Malformed, "bad character reference &#XE9;"},
		{"#0", false, 0, 0, ""},
		{"nbsp", false, 0, Unknown, "unknown entity &nbsp;"},
		{"#", false, 0, Unknown, "unknown entity &#;"},
		{"#x", false, 0, Malformed, "bad character reference &#x;"},
		{"#12a", false, 0, Malformed, "bad character reference &#12a;"},
		{"#x110000", false, 0, OutOfRange, "character reference &#x110000; out of range"},
	}
	for _, tt := range tests {
		r, err := DecodeRef([]byte(tt.body), tt.upperX)
		if tt.problem == 0 {
			if err != nil || r != tt.want {
				t.Errorf("DecodeRef(%q) = %q, %v, want %q", tt.body, r, err, tt.want)
			}
			continue
		}
		var e *RefError
		if !errors.As(err, &e) || e.Problem != tt.problem || err.Error() != tt.msg {
			t.Errorf("DecodeRef(%q) error = %v, want problem %d %q", tt.body, err, tt.problem, tt.msg)
		}
	}
}

func TestSplitTag(t *testing.T) {
	tests := []struct {
		tag, name, attrs string
		empty            bool
	}{
		{`table:table-cell office:value-type="string"`, "table:table-cell", ` office:value-type="string"`, false},
		{`br/`, "br", "", true},
		{"x\ta='1' /", "x", "\ta='1' ", true},
		{``, "", "", false},
	}
	for _, tt := range tests {
		name, attrs, empty := SplitTag([]byte(tt.tag))
		if string(name) != tt.name || string(attrs) != tt.attrs || empty != tt.empty {
			t.Errorf("SplitTag(%q) = %q, %q, %v; want %q, %q, %v", tt.tag, name, attrs, empty, tt.name, tt.attrs, tt.empty)
		}
	}
}
