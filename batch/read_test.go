package batch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// got is what reading a file gave: records as "line:id:name:dob:countries"
// and malformed ones as "line:!reason".
func readAll(t *testing.T, in []byte, opt ReadOptions) (*Reader, []string) {
	t.Helper()
	rd, err := NewReader(bytes.NewReader(in), opt)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var out []string
	var seq int64
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		switch {
		case errors.As(err, &re):
			if re.Seq != seq {
				t.Errorf("malformed record at line %d has seq %d, want %d", re.Line, re.Seq, seq)
			}
			out = append(out, fmt.Sprintf("%d:!%v", re.Line, re.Err))
		case err != nil:
			t.Fatalf("Next: %v", err)
		default:
			if rec.Seq != seq {
				t.Errorf("record at line %d has seq %d, want %d", rec.Line, rec.Seq, seq)
			}
			s := fmt.Sprintf("%d:%s:%s", rec.Line, rec.ID, rec.Name)
			if rec.BirthDate != "" || len(rec.Countries) > 0 {
				s += ":" + rec.BirthDate + ":" + strings.Join(rec.Countries, "/")
			}
			for _, id := range rec.Identifiers {
				s += fmt.Sprintf(":%s=%s", id.Type, id.Value)
			}
			out = append(out, s)
		}
		seq++
	}
	return rd, out
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		want []string
	}{
		{name: "plain",
			in:   "id,name,dob,country\n1,Ann Lee,1980-01-02,France\n2,Bo Chen,,\n",
			want: []string{"2:1:Ann Lee:1980-01-02:France", "3:2:Bo Chen"}},
		{name: "byte-order mark and CRLF",
			in:   "\ufeffid,name\r\n1,Ann Lee\r\n2,Bo Chen\r\n",
			want: []string{"2:1:Ann Lee", "3:2:Bo Chen"}},
		{name: "semicolons sniffed",
			in:   "id;name;country\n1;Lee, Ann;France, Spain\n",
			want: []string{"2:1:Lee, Ann::France/Spain"}},
		{name: "tabs sniffed",
			in:   "id\tname\n1\tAnn \"Nan\" Lee\n",
			want: []string{`2:1:Ann "Nan" Lee`}},
		{name: "quoted delimiter, quote and newline",
			in:   "id,name,note\n1,\"Lee, Ann \"\"Nan\"\"\",\"two\nlines\"\n2,Bo Chen,x\n",
			want: []string{`2:1:Lee, Ann "Nan"`, "4:2:Bo Chen"}},
		{name: "empty lines",
			in:   "id,name\n\n1,Ann Lee\n\n\n2,Bo Chen\n",
			want: []string{"3:1:Ann Lee", "6:2:Bo Chen"}},
		{name: "ragged rows",
			in: "id,name,dob\n1,Ann Lee\n2,Bo Chen,1970,\n3,Cy Do,1970,extra\n4,Di Ek,1971\n",
			want: []string{"2:!2 fields, the header has 3", "3:2:Bo Chen:1970:",
				"4:!4 fields, the header has 3 (an unquoted delimiter in a field?)", "5:4:Di Ek:1971:"}},
		{name: "name from parts",
			in:   "first_name,middle_name,last_name\nAnn,, Lee\n,,\n",
			want: []string{"2::Ann Lee", "3::"}},
		{name: "bare quote read leniently",
			in:   "id,name\n1,Ann \"Nan\" Lee\n2,Bo\n",
			want: []string{`2:1:Ann "Nan" Lee`, "3:2:Bo"}},
		{name: "unclosed quote loses one line only",
			in: "id,name\n1,\"Ann Lee\n2,Bo Chen\n3,Cy Do\n",
			want: []string{"2:!a quoted field opened on this line is not closed (the 2 lines after it were read again as records)",
				"3:2:Bo Chen", "4:3:Cy Do"}},
		{name: "identifiers",
			in:   "name,passport,imo\nAnn Lee,X123,\nMV Sea,,9123456\n",
			want: []string{"2::Ann Lee:passport=X123", "3::MV Sea:imo=9123456"}},
		{name: "no header, columns by number",
			in:   "Ann Lee,1980\nBo Chen,1970\n",
			opt:  ReadOptions{NoHeader: true, Map: Map{FieldName: {"#1"}, FieldBirthDate: {"2"}}},
			want: []string{"1::Ann Lee:1980:", "2::Bo Chen:1970:"}},
		{name: "explicit delimiter",
			in:   "id|name\n1|Ann\n",
			opt:  ReadOptions{Delimiter: '|'},
			want: []string{"2:1:Ann"}},
		{name: "header only", in: "id,name\n", want: nil},
		{name: "old Macintosh line ends",
			in:   "id,name\r1,Ann Lee\r2,Bo Chen\r",
			want: []string{"2:1:Ann Lee", "3:2:Bo Chen"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := readAll(t, []byte(tt.in), tt.opt)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReadCSVHugeField(t *testing.T) {
	// A field larger than the record bound is reported on its line and the
	// next records are read, in both shapes: one long line, and a quote
	// left open over many lines.
	long := strings.Repeat("x", 5000)
	open := "\"" + strings.Repeat("y\n", 3000)
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"long line", "id,name\n1," + long + "\n2,Bo Chen\n",
			[]string{"2:!record longer than 4096 bytes", "3:2:Bo Chen"}},
		{"empty lines", "id,name\n" + strings.Repeat("\n", 5000) + "2,Bo Chen\n",
			[]string{"5002:2:Bo Chen"}},
		{"open quote", "id,name\n1," + open + "2,Bo Chen\n",
			[]string{"2:!record longer than 4096 bytes (an unclosed quote?): skipped to the next line"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, got := readAll(t, []byte(tt.in), ReadOptions{MaxRecordBytes: 4096})
			if len(got) < len(tt.want) {
				t.Fatalf("read %q, want at least %q", got, tt.want)
			}
			for i, w := range tt.want {
				if got[i] != w {
					t.Errorf("record %d: %q, want %q", i, got[i], w)
				}
			}
			if tt.name == "open quote" {
				// The lines of the open quote are read again as records
				// (one field each: wrong field count); the last is Bo.
				if last := got[len(got)-1]; last != "3002:2:Bo Chen" {
					t.Errorf("last record %q, want Bo Chen on line 3002 (of %d records)", last, len(got))
				}
			}
		})
	}
}

func TestReadEncodings(t *testing.T) {
	text := "id,name\n1,Zoë Ünal\n2,Jiří Đoković\n"
	want := []string{"2:1:Zoë Ünal", "3:2:Jiří Đoković"}
	utf16le := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	cp1252, err := charmap.Windows1252.NewEncoder().String("id,name\n1,Zoë Ünal\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		in      []byte
		opt     ReadOptions
		encName string
		want    []string
	}{
		{"utf-8", []byte(text), ReadOptions{}, "utf-8", want},
		{"utf-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...), ReadOptions{}, "utf-8 (BOM)", want},
		{"utf-16 BOM", utf16le(text, true), ReadOptions{}, "utf-16le", want},
		{"utf-16 named", utf16le(text, false), ReadOptions{Encoding: "utf-16"}, "utf-16le", want},
		{"utf-16 without BOM detected", utf16le(text, false), ReadOptions{}, "utf-16le", want},
		{"windows-1252 detected", []byte(cp1252), ReadOptions{}, "windows-1252", want[:1]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rd, got := readAll(t, tt.in, tt.opt)
			if rd.Encoding != tt.encName {
				t.Errorf("encoding %q, want %q", rd.Encoding, tt.encName)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("read %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"customer_id": 17, "full_name": "Ann Lee", "dob": "1980-01-02", "nationality": ["France", "Spain"]}

{"id": "B-2", "first_name": "Bo", "last_name": "Chen", "identifiers": [{"type": "passport", "value": "X123", "country": "cn"}]}
not json
{"id": "C-3", "name": "Cy Do", "full_name": "Cy Do Long"} {"id": 4}
{"id": "D-4", "name": {"first": "Di"}}
{"name": "Ek Fo", "passport_no": "P9", "imo": 9123456}
` + `{"id": "` + strings.Repeat("z", 300) + `", "name": "x"}` + "\n" + `{"id": "E-5", "name": "Ek"}`
	rd, got := readAll(t, []byte(in), ReadOptions{MaxRecordBytes: 200})
	want := []string{
		"1:17:Ann Lee:1980-01-02:France/Spain",
		"3:B-2:Bo Chen:passport=X123",
		"4:!not a JSON object: invalid character 'o' in literal null (expecting 'u')",
		"5:!more than one JSON value on the line",
		`6:!"name" is not a string or a number`,
		"7::Ek Fo:imo=9123456:passport=P9",
		"8:!line longer than 200 bytes",
		"9:E-5:Ek",
	}
	if rd.Format != JSONL {
		t.Errorf("format %q, want jsonl", rd.Format)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := rd.Columns.Describe(); !strings.Contains(d, `id <- "customer_id"`) || !strings.Contains(d, `name <- "full_name"`) {
		t.Errorf("columns of the first object: %s", d)
	}
}

func TestReadJSONLMap(t *testing.T) {
	in := `{"ref": "A", "nom": "Ann Lee", "name": "ignored"}` + "\n"
	m, err := ParseMap("id=ref,name=nom")
	if err != nil {
		t.Fatal(err)
	}
	_, got := readAll(t, []byte(in), ReadOptions{Map: m})
	if want := "1:A:Ann Lee"; len(got) != 1 || got[0] != want {
		t.Errorf("read %q, want %q", got, want)
	}
	if _, err := NewReader(strings.NewReader(`{"x": 1}`+"\n"), ReadOptions{}); err == nil || !strings.Contains(err.Error(), "no key holds the name") {
		t.Errorf("a JSONL file without a name key: error %v", err)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		opt      ReadOptions
	}{
		{"", "the file is empty", ReadOptions{}},
		{"id,dob\n1,1970\n", "no column holds the name", ReadOptions{}},
		{"a,b\n", "unknown", ReadOptions{Format: "xml"}},
		{"a,b\n", "encoding", ReadOptions{Encoding: "ebcdic"}},
	} {
		_, err := NewReader(strings.NewReader(tt.in), tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) && !strings.Contains(err.Error(), "want csv or jsonl") {
			t.Errorf("NewReader(%q, %+v): error %v, want %q", tt.in, tt.opt, err, tt.want)
		}
	}
}

// FuzzReadRecords reads arbitrary bytes as a customer file: reading must
// end, never panic, number records 0, 1, 2... and give strictly growing
// line numbers.
func FuzzReadRecords(f *testing.F) {
	for _, s := range []string{
		"id,name\n1,Ann\n", "\ufeffname;dob\n\"a;b\";1\n", "name\n\"open\nx\ny\n", "name,x\n\"a\"b\",1\n",
		`{"name": "x"}` + "\n{bad\n", "name\tid\n\n\nA\t1\n", "name\r\nA\rB\r\n", "\xff\xfe\x00n\x00a",
		"name,b\n" + strings.Repeat("\"", 300) + "\n",
	} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, in []byte, mode uint8) {
		opt := ReadOptions{MaxRecordBytes: 256}
		switch mode % 4 {
		case 1:
			opt.Format = JSONL
		case 2:
			opt.NoHeader, opt.Map = true, Map{FieldName: {"#1"}}
		case 3:
			opt.Format = CSV
		}
		rd, err := NewReader(bytes.NewReader(in), opt)
		if err != nil {
			return
		}
		var seq int64
		line := 0
		for n := 0; ; n++ {
			if n > len(in)+2 {
				t.Fatalf("more records than bytes: %d", n)
			}
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			var re *RowError
			gotSeq, gotLine := rec.Seq, rec.Line
			if errors.As(err, &re) {
				gotSeq, gotLine = re.Seq, re.Line
			} else if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if gotSeq != seq {
				t.Fatalf("record %d has seq %d", seq, gotSeq)
			}
			if gotLine <= line {
				t.Fatalf("record %d on line %d, after a record on line %d", seq, gotLine, line)
			}
			seq, line = seq+1, gotLine
		}
	})
}
