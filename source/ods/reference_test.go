package ods

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// referenceRows is a second, slow reader of content.xml built on
// encoding/xml, following the same OpenDocument rules. The tests compare
// it with the hand-written tokenizer, whose XML handling (references,
// CDATA, namespaces, nesting) it checks independently.
func referenceRows(data []byte, sheet string) ([]Row, error) {
	const (
		office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
		table  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
		text   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
		draw   = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
		dr3d   = "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0"
		calc   = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
	)
	attr := func(se xml.StartElement, space, local string) (string, bool) {
		for _, a := range se.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				return a.Value, true
			}
		}
		return "", false
	}
	count := func(se xml.StartElement, space, local string) int64 {
		v, ok := attr(se, space, local)
		if !ok {
			return 1
		}
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n < 1 {
			return -1
		}
		return min(n, 1<<40)
	}
	var (
		rows                                    []Row
		depth, tableDepth, skipDepth            int
		rowDepth, cellDepth, pDepth             int
		rowRepeat, rowNum, cellRepeat, pendingN int64
		cells                                   []Cell
		runs                                    []emptyRun
		cell                                    Cell
		paras                                   int
		buf                                     []byte
		atStart, pendingSpace, afterWS          bool
		tables                                  int
	)
	space := func() {
		if !atStart && !afterWS {
			pendingSpace = true
		}
	}
	char := func() {
		if pendingSpace {
			buf = append(buf, ' ')
			pendingSpace = false
		}
		atStart, afterWS = false, false
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rows, errors.New("no such sheet")
		}
		if err != nil {
			return rows, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if skipDepth > 0 {
				continue
			}
			sp, l := t.Name.Space, t.Name.Local
			switch {
			case tableDepth == 0:
				if sp == table && l == "table" {
					tables++
					name, _ := attr(t, table, "name")
					if sheet != "" && name != sheet || sheet == "" && tables > 1 {
						skipDepth = depth
					} else {
						tableDepth = depth
					}
				}
			case cellDepth > 0:
				switch {
				case sp == text && (l == "p" || l == "h"):
					if pDepth > 0 {
						continue
					}
					if paras > 0 {
						buf = append(buf, '\n')
					}
					paras++
					atStart, pendingSpace, afterWS = true, false, false
					pDepth = depth
				case sp == text && pDepth > 0 && l == "s":
					n := count(t, text, "c")
					if n < 0 || n > maxCellText {
						return rows, errors.New("bad text:c")
					}
					char()
					buf = append(buf, strings.Repeat(" ", int(n))...)
					afterWS = true
				case sp == text && pDepth > 0 && l == "tab":
					char()
					buf = append(buf, '\t')
					afterWS = true
				case sp == text && pDepth > 0 && l == "line-break":
					char()
					buf = append(buf, '\n')
					afterWS = true
				case sp == text && (l == "note-body" || l == "ruby-text"), sp == office && l == "annotation",
					sp == draw, sp == dr3d, sp == table && l == "table":
					skipDepth = depth
				}
			case sp == draw || sp == dr3d || sp == office && l == "annotation":
				skipDepth = depth
			case sp == table && l == "table-row":
				if rowDepth > 0 {
					return rows, errors.New("row in row")
				}
				if rowRepeat = count(t, table, "number-rows-repeated"); rowRepeat < 0 {
					return rows, errors.New("bad count")
				}
				rowDepth, cells, runs, pendingN = depth, nil, nil, 0
			case sp == table && (l == "table-cell" || l == "covered-table-cell"):
				if rowDepth == 0 {
					return rows, errors.New("cell outside row")
				}
				if cellRepeat = count(t, table, "number-columns-repeated"); cellRepeat < 0 {
					return rows, errors.New("bad count")
				}
				cell = Cell{Covered: l == "covered-table-cell"}
				cell.Type, _ = attr(t, office, "value-type")
				if cell.Type == "" {
					cell.Type, _ = attr(t, calc, "value-type")
				}
				key := map[string]string{"float": "value", "percentage": "value", "currency": "value", "date": "date-value",
					"time": "time-value", "boolean": "boolean-value", "string": "string-value"}[cell.Type]
				if key != "" {
					cell.Value, _ = attr(t, office, key)
				}
				paras, buf, cellDepth = 0, buf[:0], depth
			case sp == table && l == "table":
				skipDepth = depth
			}
		case xml.EndElement:
			switch {
			case skipDepth > 0:
				if depth == skipDepth {
					skipDepth = 0
				}
			case depth == pDepth:
				pDepth, pendingSpace = 0, false
			case depth == cellDepth:
				cellDepth = 0
				if paras > 0 {
					cell.Text = strings.ToValidUTF8(string(buf), "\uFFFD")
				}
				if cell.IsEmpty() {
					runs = append(runs, emptyRun{cellRepeat, cell.Covered})
					pendingN += cellRepeat
					break
				}
				if int64(len(cells))+pendingN+cellRepeat > MaxColumns {
					return rows, ErrLimit
				}
				for _, r := range runs {
					for i := int64(0); i < r.n; i++ {
						cells = append(cells, Cell{Covered: r.covered})
					}
				}
				runs, pendingN = nil, 0
				for i := int64(0); i < cellRepeat; i++ {
					cells = append(cells, cell)
				}
			case depth == rowDepth:
				rowDepth = 0
				first := rowNum + 1
				rowNum += rowRepeat
				if len(cells) > 0 {
					if rowNum > MaxRows {
						return rows, ErrLimit
					}
					for n := first; n <= rowNum && len(rows) < maxCompared; n++ {
						rows = append(rows, Row{Num: int(n), Cells: cells})
					}
				}
			case depth == tableDepth:
				return rows, nil
			}
			depth--
		case xml.CharData:
			if pDepth == 0 || skipDepth > 0 {
				continue
			}
			for _, r := range string(t) {
				if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
					space()
				} else {
					char()
					buf = append(buf, string(r)...)
				}
			}
		}
	}
}

// maxCompared bounds the rows the readers are compared on.
const maxCompared = 6000

// ourRows reads rows with the package's reader, up to maxCompared.
func ourRows(data []byte, sheet string) ([]Row, error) {
	var rows []Row
	for row, err := range ContentRows(bytes.NewReader(data), sheet) {
		if err != nil {
			return rows, err
		}
		rows = append(rows, Row{Num: row.Num, Cells: append([]Cell(nil), row.Cells...)})
		if len(rows) >= maxCompared {
			break
		}
	}
	return rows, nil
}

func TestTokenizerAgreesWithEncodingXML(t *testing.T) {
	for _, name := range []string{"text.xml", "grid.xml", "prefixes.xml"} {
		data := []byte(fixture(t, name))
		for _, sheet := range []string{"", "Grid & Values"} {
			want, werr := referenceRows(data, sheet)
			got, gerr := ourRows(data, sheet)
			if (werr != nil) != (gerr != nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q:\n got %v, %v\nwant %v, %v", name, sheet, got, gerr, want, werr)
			}
		}
	}
}

func TestTokenizerAgreesWithEncodingXMLOnTheRealSheet(t *testing.T) {
	b := realSheet(t)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var content []byte
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			rc, _ := f.Open()
			content, err = io.ReadAll(rc)
			rc.Close()
		}
	}
	if err != nil || len(content) == 0 {
		t.Fatal("no content.xml", err)
	}
	// encoding/xml does not skip a byte order mark.
	content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))
	want, werr := referenceRows(content, "UK_Sanction_List")
	got, gerr := ourRows(content, "UK_Sanction_List")
	if werr != nil || gerr != nil || len(want) != 5303 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d rows (%v) against %d (%v)", len(got), gerr, len(want), werr)
	}
}
