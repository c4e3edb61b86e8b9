package entity

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"1984-01-08", "1984-01-08"},
		{"08 Jan 1984", "1984-01-08"},
		{"8 January 1984", "1984-01-08"},
		{"Jan 1984", "1984-01"},
		{"1984", "1984"},
		{"circa 1962", "~1962"},
		{"ca. 1962", "~1962"},
		{"1973 to 1974", "1973/1974"},
		{"between 1973 and 1974", "1973/1974"},
		{"1973-1974", "1973/1974"},
		{"08/01/1984", "1984-01-08"},
		{"12/31/1984", "1984-12-31"},
		{"08.01.1984", "1984-01-08"},
		{"01 Jan 1960 to 31 Dec 1962", "1960-01-01/1962-12-31"},
		{"~1962", "~1962"},
		{"1984-01", "1984-01"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, d, tt.want)
		}
		back, err := ParseISODate(d.String())
		if err != nil || back != d {
			t.Errorf("round trip of %q: %v, %v", d, back, err)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{"", "tomorrow", "31 Feb 1984", "1984-13-01", "1975 to 1970", "12"} {
		if d, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, d)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"08 Jan 1984", "circa 1962", "1973 to 1974", "1984-01", "12/31/1984"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) gave invalid %#v", s, d)
		}
		back, err := ParseISODate(d.String())
		if err != nil || back != d {
			t.Fatalf("round trip of %q (%#v): %#v, %v", d, d, back, err)
		}
	})
}
