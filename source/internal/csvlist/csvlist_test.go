package csvlist

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo/embargo/source"
)

func TestHeaderLineAndKey(t *testing.T) {
	line := HeaderLine([]byte("\xef\xbb\xbf\"Name\",Street  Address\r\nrow"))
	if string(line) != `"Name",Street  Address` {
		t.Errorf("HeaderLine = %q", line)
	}
	for in, want := range map[string]string{` "Name" `: "name", "Street  Address": "street_address", "'FR Citation'": "fr_citation"} {
		if got := HeaderKey(in); got != want {
			t.Errorf("HeaderKey(%q) = %q, want %q", in, got, want)
		}
	}
	if !IsBlank([]string{"", " \t"}) || IsBlank([]string{"", "x"}) || !IsBlank(nil) {
		t.Error("IsBlank is wrong")
	}
}

func TestColumns(t *testing.T) {
	known := map[string]bool{"name": true, "city": true}
	c := NewColumns([]string{" Name ", "Notes", "City", "name"}, strings.TrimSpace, func(h string) string {
		if k := HeaderKey(h); known[k] {
			return k
		}
		return ""
	})
	if !c.Has("name") || c.Has("notes") || c.Label("name") != "Name" {
		t.Fatalf("columns = %+v", c)
	}
	if !reflect.DeepEqual(c.Extra, []int{1, 3}) {
		t.Errorf("Extra = %v, want [1 3]", c.Extra)
	}
	rec := []string{" Ann  Lee ", "vip", "Paris", "Ann", "more"}
	if got := c.Get(rec, "name"); got != "Ann Lee" {
		t.Errorf("Get(name) = %q", got)
	}
	if got := c.Get(rec[:1], "city"); got != "" {
		t.Errorf("Get(city) of a short row = %q", got)
	}
	notes := c.AppendExtras([]string{"first"}, append(rec, " "))
	want := []string{"first", "Notes: vip", "name: Ann", "Extra field 5: more"}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("AppendExtras = %q, want %q", notes, want)
	}
}

func TestRows(t *testing.T) {
	errCut := errors.New("cut")
	tests := []struct {
		name    string
		in      string
		cutLine int // line whose row is cut short, 0 for none
		rows    []string
		records int
		err     error
	}{
		{"rows and blank rows", "h1;h2\r\na;1\n;\n\nb;2\n", 0, []string{"2:a", "5:b"}, 2, nil},
		{"quoted field over lines", "h\n\"x\ny\"\nz\n", 0, []string{"2:x\ny", "4:z"}, 2, nil},
		{"last row cut", "h\na\nb", 3, []string{"2:a"}, 1, errCut},
		{"no rows", "h\n", 0, nil, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, bom := NewReader(strings.NewReader(tt.in), func(first []byte) rune {
				if strings.Contains(string(first), ";") {
					return ';'
				}
				return ','
			})
			if bom != 0 {
				t.Errorf("bom = %d", bom)
			}
			if _, err := r.Read(); err != nil {
				t.Fatal(err)
			}
			var rep source.Report
			var rows []string
			err := Rows(context.Background(), "f.csv", r, &rep,
				func(line int, rec []string) error {
					rows = append(rows, fmt.Sprintf("%d:%s", line, rec[0]))
					return nil
				},
				func(line int, rec []string, start int64) error {
					if line == tt.cutLine {
						return errCut
					}
					return nil
				})
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !reflect.DeepEqual(rows, tt.rows) || rep.Records != tt.records {
				t.Errorf("rows = %q, Records = %d; want %q, %d", rows, rep.Records, tt.rows, tt.records)
			}
		})
	}
}

func TestNewReaderTakesOffTheBOM(t *testing.T) {
	r, bom := NewReader(strings.NewReader("\xef\xbb\xbfname\n"), nil)
	rec, err := r.Read()
	if err != nil || bom != 3 || !reflect.DeepEqual(rec, []string{"name"}) {
		t.Errorf("Read = %q, %v, bom %d", rec, err, bom)
	}
}

func TestIDs(t *testing.T) {
	ids := IDs{}
	var got []string
	for _, id := range []string{"a", "b", "a", "a"} {
		id, n := ids.Next(id)
		got = append(got, fmt.Sprintf("%s/%d", id, n))
	}
	if want := []string{"a/1", "b/1", "a-2/2", "a-3/3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Next = %q, want %q", got, want)
	}
	if h := Hash("x-", ""); h != "x-e3b0c44298fc" {
		t.Errorf("Hash(\"x-\", \"\") = %q", h)
	}
}
