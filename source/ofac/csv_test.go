package ofac

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/embargo/embargo/source"
)

// readAllRecords reads every record of s, one byte at a time when slow is
// set so that every buffer boundary is crossed.
func readAllRecords(s string, slow bool) ([][]string, []int, error) {
	var r io.Reader = strings.NewReader(s)
	if slow {
		r = iotest.OneByteReader(r)
	}
	cr := newCSVReader(r, "t.csv")
	var recs [][]string
	var lines []int
	for {
		rec, err := cr.next()
		if err == io.EOF {
			return recs, lines, nil
		}
		if err != nil {
			return recs, lines, err
		}
		recs = append(recs, append([]string(nil), rec.fields...))
		lines = append(lines, rec.line)
	}
}

func TestCSVReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  [][]string
		lines []int
	}{
		{"OFAC null markers and quotes", "1,\"A, B\",-0- \r\n2,\"C\",-0- \r\n\x1a",
			[][]string{{"1", "A, B", "-0- "}, {"2", "C", "-0- "}}, []int{1, 2}},
		{"doubled quote", `1,"say ""hi""",x` + "\r\n",
			[][]string{{"1", `say "hi"`, "x"}}, []int{1}},
		{"LF and lone CR line ends", "1,a\n2,b\r3,c",
			[][]string{{"1", "a"}, {"2", "b"}, {"3", "c"}}, []int{1, 2, 3}},
		{"blank lines are skipped and counted", "\r\n1,a\r\n\r\n2,b\r\n",
			[][]string{{"1", "a"}, {"2", "b"}}, []int{2, 4}},
		{"line break inside quotes", "1,\"a\r\nb\"\r\n2,c\r\n",
			[][]string{{"1", "a\r\nb"}, {"2", "c"}}, []int{1, 3}},
		{"lenient quotes", `1,"a"b,c"d` + "\n",
			[][]string{{"1", "ab", `c"d`}}, []int{1}},
		{"empty fields", ",,\n",
			[][]string{{"", "", ""}}, []int{1}},
		{"end-of-file byte after the last record", "1,\"a\"\x1a",
			[][]string{{"1", "a"}}, []int{1}},
		{"Windows-1252 text", "1,\"Caf\xe9 \x93X\x94\"\r\n",
			[][]string{{"1", "Café “X”"}}, []int{1}},
		{"UTF-8 text", "1,\"Café\"\r\n",
			[][]string{{"1", "Café"}}, []int{1}},
	}
	for _, tt := range tests {
		for _, slow := range []bool{false, true} {
			got, lines, err := readAllRecords(tt.in, slow)
			if err != nil {
				t.Errorf("%s (slow=%v): %v", tt.name, slow, err)
				continue
			}
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("%s (slow=%v):\n got %q lines %v\nwant %q lines %v", tt.name, slow, got, lines, tt.want, tt.lines)
			}
		}
	}
}

func TestCSVReaderReportsOpenQuoteAtEndAsTruncated(t *testing.T) {
	_, _, err := readAllRecords("1,a\r\n2,\"b", false)
	if !errors.Is(err, source.ErrTruncated) {
		t.Errorf("err = %v, want ErrTruncated", err)
	}
}

func TestCSVReaderPassesReadErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	cr := newCSVReader(io.MultiReader(strings.NewReader("1,a\n2,"), iotest.ErrReader(boom)), "t.csv")
	if _, err := cr.next(); err != nil {
		t.Fatal(err)
	}
	if _, err := cr.next(); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the read error", err)
	}
}
