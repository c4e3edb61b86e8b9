package ods

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/embargo/embargo/internal/cputime"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
)

// pkg builds a spreadsheet package: mimetype first and stored, as ODF
// asks, then the other entries in order (name, content pairs).
func pkg(t testing.TB, mimetype string, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if mimetype != "" {
		// Stored, without a data descriptor, as OpenDocument asks.
		w, err := zw.CreateRaw(&zip.FileHeader{Name: "mimetype", Method: zip.Store,
			CRC32: crc32.ChecksumIEEE([]byte(mimetype)), CompressedSize64: uint64(len(mimetype)),
			UncompressedSize64: uint64(len(mimetype))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(mimetype))
	}
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: files[i], Method: zip.Deflate,
			Modified: time.Date(2025, 8, 11, 18, 41, 4, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func openFixture(t testing.TB, name string) *Doc {
	t.Helper()
	b := pkg(t, MimeType, "content.xml", fixture(t, name))
	d, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// collect reads all rows of a sheet, copying their cells.
func collect(t testing.TB, d *Doc, sheet string) ([]Row, error) {
	t.Helper()
	var rows []Row
	for row, err := range d.Rows(sheet) {
		if err != nil {
			return rows, err
		}
		row.Cells = append([]Cell(nil), row.Cells...)
		rows = append(rows, row)
	}
	return rows, nil
}

func texts(rows []Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Texts()
	}
	return out
}

func TestCellTextFollowsParagraphAndWhiteSpaceRules(t *testing.T) {
	rows, err := collect(t, openFixture(t, "text.xml"), "")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"two\nparagraphs", "a   b c", "tab\tand\nbreak"},
		{"collapsed white space", "McDonald link", `AT&T <x> l'AB"`},
		{"value", "foot1", "raw <cdata> & text"},
		{"  lead and trail ", "Кириллица 김정은 عربي", "\nafter empty"},
	}
	if got := texts(rows); !reflect.DeepEqual(got, want) {
		t.Errorf("texts:\n got %q\nwant %q", got, want)
	}
	for i, r := range rows {
		if r.Num != i+1 {
			t.Errorf("row %d: Num = %d", i, r.Num)
		}
	}
}

func TestRepeatsCoveredCellsAndTypedValues(t *testing.T) {
	d := openFixture(t, "grid.xml")
	start := time.Now()
	rows, err := collect(t, d, "Grid & Values")
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("reading a sheet padded to 16,384 columns and a million rows took %v", el)
	}
	nums := []int{}
	for _, r := range rows {
		nums = append(nums, r.Num)
	}
	if want := []int{1, 2, 3, 7, 8}; !reflect.DeepEqual(nums, want) {
		t.Errorf("row numbers = %v, want %v", nums, want)
	}
	wantTexts := [][]string{
		{"Name", "", "", "Amount"},
		{"twice", "twice", "1,234.50", "25-02-2022"},
		{"twice", "twice", "1,234.50", "25-02-2022"},
		{"merged", "", "true", "25%", "#DIV/0!"},
		{"", "stored only"},
	}
	if got := texts(rows); !reflect.DeepEqual(got, wantTexts) {
		t.Errorf("texts:\n got %q\nwant %q", got, wantTexts)
	}
	cells := []struct {
		row, col int
		want     Cell
	}{
		{1, 2, Cell{Text: "1,234.50", Type: "float", Value: "1234.5"}},
		{1, 3, Cell{Text: "25-02-2022", Type: "date", Value: "2022-02-25"}},
		{3, 1, Cell{Covered: true}},
		{3, 2, Cell{Type: "boolean", Value: "true"}},
		{3, 3, Cell{Text: "25%", Type: "percentage", Value: "0.25"}},
		{3, 4, Cell{Text: "#DIV/0!", Type: "error"}},
		{4, 1, Cell{Type: "string", Value: "stored only"}},
	}
	for _, c := range cells {
		if c.row >= len(rows) || c.col >= len(rows[c.row].Cells) {
			t.Errorf("no cell %d,%d", c.row, c.col)
			continue
		}
		if got := rows[c.row].Cells[c.col]; got != c.want {
			t.Errorf("cell %d,%d = %+v, want %+v", c.row, c.col, got, c.want)
		}
	}
}

func TestSheetSelection(t *testing.T) {
	d := openFixture(t, "grid.xml")
	tests := []struct {
		sheet string
		first string
		err   error
	}{
		{"", "first sheet", nil},
		{"First", "first sheet", nil},
		{"Grid & Values", "Name", nil},
		{"Missing", "", ErrNoSheet},
	}
	for _, tt := range tests {
		rows, err := collect(t, d, tt.sheet)
		if !errors.Is(err, tt.err) {
			t.Errorf("sheet %q: err = %v, want %v", tt.sheet, err, tt.err)
			continue
		}
		if tt.err != nil {
			if !strings.Contains(err.Error(), `"First", "Grid & Values"`) {
				t.Errorf("sheet %q: error %q does not list the sheets", tt.sheet, err)
			}
			continue
		}
		if len(rows) == 0 || rows[0].Text(0) != tt.first {
			t.Errorf("sheet %q: first row %q, want %q", tt.sheet, texts(rows), tt.first)
		}
	}
	names, err := d.Sheets()
	if err != nil || !reflect.DeepEqual(names, []string{"First", "Grid & Values"}) {
		t.Errorf("Sheets() = %q, %v", names, err)
	}
}

func TestNamesAreMatchedByNamespaceNotPrefix(t *testing.T) {
	rows, err := collect(t, openFixture(t, "prefixes.xml"), "Prefixed")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"one", "2", "2"}, {"", "three"}}
	if got := texts(rows); !reflect.DeepEqual(got, want) {
		t.Errorf("texts = %q, want %q", got, want)
	}
}

func TestMalformedContentIsAnError(t *testing.T) {
	const head = `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row>`
	const tail = `</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`
	tests := []struct {
		name, body string
		truncated  bool
	}{
		{"mismatched end tag", `<table:table-cell><text:p>x</text:span></table:table-cell>`, false},
		{"unknown entity", `<table:table-cell><text:p>&nbsp;</text:p></table:table-cell>`, false},
		{"bad character reference", `<table:table-cell><text:p>&#0;</text:p></table:table-cell>`, false},
		{"unquoted attribute", `<table:table-cell table:number-columns-repeated=2><text:p>x</text:p></table:table-cell>`, false},
		{"bad repeat count", `<table:table-cell table:number-columns-repeated="-1"><text:p>x</text:p></table:table-cell>`, false},
		{"unbound prefix", `<foo:table-cell><text:p>x</text:p></foo:table-cell>`, false},
		{"cut in the middle", `<table:table-cell><text:p>x</text:p>`, true},
	}
	for _, tt := range tests {
		content := head + tt.body + tail
		if tt.truncated {
			content = head + tt.body
		}
		var err error
		for _, e := range ContentRows(strings.NewReader(content), "S") {
			if e != nil {
				err = e
			}
		}
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if errors.Is(err, source.ErrTruncated) != tt.truncated {
			t.Errorf("%s: err = %v, truncated want %v", tt.name, err, tt.truncated)
		}
		if !strings.Contains(err.Error(), "content.xml:") {
			t.Errorf("%s: error %q does not give the line", tt.name, err)
		}
	}
}

func TestLimits(t *testing.T) {
	const head = `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">`
	const tail = `</table:table></office:spreadsheet></office:body></office:document-content>`
	tests := []struct {
		name, body string
		rows       int
		err        error
	}{
		{"value beyond the last column", `<table:table-row><table:table-cell table:number-columns-repeated="16384"/><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>`, 0, ErrLimit},
		{"repeated value beyond the last column", `<table:table-row><table:table-cell table:number-columns-repeated="99999999999"><text:p>x</text:p></table:table-cell></table:table-row>`, 0, ErrLimit},
		{"value beyond the last row", `<table:table-row table:number-rows-repeated="1048576"/><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>`, 0, ErrLimit},
		{"empty cells and rows beyond the limits", `<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="99999999999"/></table:table-row><table:table-row table:number-rows-repeated="99999999999"><table:table-cell table:number-columns-repeated="99999999999"/></table:table-row>`, 1, nil},
		{"huge text:s", `<table:table-row><table:table-cell><text:p><text:s text:c="999999999"/></text:p></table:table-cell></table:table-row>`, 0, ErrLimit},
	}
	for _, tt := range tests {
		n := 0
		var err error
		for _, e := range ContentRows(strings.NewReader(head+tt.body+tail), "S") {
			if e != nil {
				err = e
				continue
			}
			n++
		}
		if !errors.Is(err, tt.err) || n != tt.rows {
			t.Errorf("%s: %d rows, err %v; want %d rows, err %v", tt.name, n, err, tt.rows, tt.err)
		}
	}
}

func TestOpenRejectsWhatIsNotASpreadsheet(t *testing.T) {
	content := fixture(t, "grid.xml")
	good := pkg(t, MimeType, "content.xml", content)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty file", nil, source.ErrNotList},
		{"text file", []byte("Unique ID,Name\nRUS0252,Lavrov\n"), source.ErrNotList},
		{"zip without mimetype", pkg(t, "", "content.xml", content), source.ErrNotList},
		{"text document", pkg(t, "application/vnd.oasis.opendocument.text", "content.xml", content), source.ErrNotList},
		{"spreadsheet without content", pkg(t, MimeType, "styles.xml", "<x/>"), source.ErrNotList},
		{"zip cut short", good[:len(good)*2/3], source.ErrTruncated},
		{"zip cut in its directory", good[:len(good)-10], source.ErrTruncated},
	}
	for _, tt := range tests {
		_, err := Open(bytes.NewReader(tt.data), int64(len(tt.data)))
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := OpenReader(bytes.NewBuffer(good)); err != nil {
		t.Errorf("OpenReader on a plain reader: %v", err)
	}
}

func TestContentCutShortIsTruncated(t *testing.T) {
	content := fixture(t, "grid.xml")
	b := pkg(t, MimeType, "content.xml", content[:len(content)/2])
	d, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = collect(t, d, "Grid & Values")
	if !errors.Is(err, source.ErrTruncated) {
		t.Errorf("err = %v, want ErrTruncated", err)
	}
}

func TestMetaAndModified(t *testing.T) {
	const meta = `<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:generator>Gen/1.0</meta:generator><dc:title>List</dc:title><meta:creation-date>2021-12-31T07:36:12Z</meta:creation-date><dc:date>2024-03-18T12:13:54Z</dc:date></office:meta></office:document-meta>`
	b := pkg(t, MimeType, "meta.xml", meta, "content.xml", fixture(t, "grid.xml"))
	d, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	m, err := d.Meta()
	want := Meta{Generator: "Gen/1.0", Title: "List", CreationDate: "2021-12-31T07:36:12Z", Date: "2024-03-18T12:13:54Z"}
	if err != nil || m != want {
		t.Errorf("Meta() = %+v, %v; want %+v", m, err, want)
	}
	if got := d.Modified().Format(time.DateOnly); got != "2025-08-11" {
		t.Errorf("Modified() = %v", d.Modified())
	}
}

func TestSniffHeadReadsMimetypeAndContentStart(t *testing.T) {
	content := fixture(t, "grid.xml")
	b := pkg(t, MimeType, "meta.xml", "<x/>", "content.xml", content)
	mime, got := SniffHead(b, 200)
	if mime != MimeType || string(got) != content[:200] {
		t.Errorf("SniffHead = %q, %q", mime, got)
	}
	mime, got = SniffHead(b[:len(b)/2], 1<<20)
	if mime != MimeType || len(got) == 0 || !strings.HasPrefix(content, string(got)) {
		t.Errorf("SniffHead on half a file = %q, %d bytes", mime, len(got))
	}
	// Go's zip writer gives every entry a data descriptor.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range [][2]string{{"mimetype", MimeType}, {"content.xml", content}} {
		method := zip.Deflate
		if f[0] == "mimetype" {
			method = zip.Store
		}
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f[0], Method: method})
		w.Write([]byte(f[1]))
	}
	zw.Close()
	if mime, got := SniffHead(buf.Bytes(), 100); mime != MimeType || string(got) != content[:100] {
		t.Errorf("SniffHead with data descriptors = %q, %q", mime, got)
	}
	if mime, got := SniffHead([]byte("Unique ID,Name"), 100); mime != "" || got != nil {
		t.Errorf("SniffHead on text = %q, %q", mime, got)
	}
}

// realSheet is the UK sanctions summary sheet shipped in ../shared/data.
func realSheet(tb testing.TB) []byte {
	b := shareddata.Read(tb, "lists/uk-sanctions-list-2025-08-11.ods")
	return b
}

func TestRealUKSheet(t *testing.T) {
	b := realSheet(t)
	d, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if names, err := d.Sheets(); err != nil || !reflect.DeepEqual(names, []string{"UK_Sanction_List"}) {
		t.Errorf("Sheets() = %q, %v", names, err)
	}
	n, last := 0, Row{}
	for row, err := range d.Rows("UK_Sanction_List") {
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			want := []string{"Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type", "Designation source", "Date Designated", "Sanctions Imposed"}
			if !reflect.DeepEqual(row.Texts(), want) {
				t.Errorf("header = %q", row.Texts())
			}
		}
		if row.Num == 649 && (row.Text(0) != "BEL0174" || row.Text(2) != "" || row.Text(3) != "Belarus") {
			t.Errorf("row 649 = %q", row.Texts())
		}
		n++
		last = row
	}
	// 1 header row + 5,302 designations; the 1,043,268 empty rows padding
	// the sheet to 1,048,576 are not yielded.
	if n != 5303 || last.Num != 5303 || last.Text(0) != "YEM0018" {
		t.Errorf("%d rows, last %d %q", n, last.Num, last.Texts())
	}
	m, err := d.Meta()
	if err != nil || m.Date != "2024-03-18T12:13:54Z" {
		t.Errorf("Meta() = %+v, %v", m, err)
	}
	if got := d.Modified().Format(time.DateOnly); got != "2025-08-11" {
		t.Errorf("Modified() = %v", d.Modified())
	}
	mime, content := SniffHead(b[:64<<10], 64<<10)
	if mime != MimeType || !bytes.Contains(content, []byte("<text:p>OFSI Group ID</text:p>")) {
		t.Errorf("SniffHead = %q, %d bytes", mime, len(content))
	}
}

func BenchmarkRows(b *testing.B) {
	data := realSheet(b)
	b.ReportAllocs()
	defer cputime.Report(b)()
	for b.Loop() {
		d, err := Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, err := range d.Rows("UK_Sanction_List") {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 5303 {
			b.Fatalf("%d rows", n)
		}
	}
}

// normalize maps attribute white space as XML attribute-value
// normalization does: encoding/xml leaves it, so that a value written with
// a character reference (&#10;) and one written with a literal line end
// cannot be told apart in its output.
func normalize(rows []Row) []Row {
	ws := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = Row{Num: r.Num, Cells: make([]Cell, len(r.Cells))}
		for j, c := range r.Cells {
			c.Type, c.Value = ws.Replace(c.Type), ws.Replace(c.Value)
			out[i].Cells[j] = c
		}
	}
	return out
}

// FuzzParse feeds arbitrary bytes to the content.xml reader and, when they
// form a zip, to Open: neither may panic, and the rows they yield keep the
// reader's invariants.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"text.xml", "grid.xml", "prefixes.xml"} {
		c := fixture(f, name)
		f.Add([]byte(c))
		f.Add(pkg(f, MimeType, "content.xml", c))
	}
	f.Add([]byte(`<a:b xmlns:a="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><a:table><a:table-row a:number-rows-repeated="3"><a:table-cell/></a:table-row></a:table></a:b>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(rows func(func(Row, error) bool)) {
			last := 0
			for row, err := range rows {
				if err != nil {
					return
				}
				if row.Num <= last || row.Num > MaxRows {
					t.Fatalf("row number %d after %d", row.Num, last)
				}
				last = row.Num
				if len(row.Cells) == 0 || len(row.Cells) > MaxColumns || row.Cells[len(row.Cells)-1].IsEmpty() {
					t.Fatalf("row %d has %d cells", row.Num, len(row.Cells))
				}
				if last > 5000 {
					return
				}
			}
		}
		check(ContentRows(bytes.NewReader(data), ""))
		// Where encoding/xml reads the same content without error, both
		// readers must give the same rows.
		if want, err := referenceRows(data, ""); err == nil {
			if got, err := ourRows(data, ""); err == nil && !reflect.DeepEqual(normalize(got), normalize(want)) {
				t.Fatalf("rows differ from encoding/xml's:\n got %+v\nwant %+v", got, want)
			}
		}
		SniffHead(data, 1<<16)
		if d, err := Open(bytes.NewReader(data), int64(len(data))); err == nil {
			check(d.Rows(""))
			d.Meta()
		}
	})
}
