package ods

import (
	"fmt"
	"io"
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/embargo/embargo/source/internal/xmlscan"
)

// The reader's limits. A value beyond them is an error wrapping ErrLimit;
// empty cells and rows beyond them cost nothing and are not an error.
const (
	// MaxColumns is the widest row read: 16,384 columns, the limit of
	// LibreOffice Calc and Excel.
	MaxColumns = 1 << 14
	// MaxRows is the last row number read: 1,048,576, the same
	// applications' limit.
	MaxRows = 1 << 20
	// maxCellText bounds the text of one cell.
	maxCellText = 16 << 20
)

// Cell is one cell of a row.
type Cell struct {
	// Text is the text the cell displays: its paragraphs joined with "\n".
	Text string
	// Type is the cell's office:value-type ("string", "float", "date",
	// "time", "percentage", "currency", "boolean"), "" for an empty cell.
	Type string
	// Value is the typed value as stored (office:value, office:date-value,
	// office:time-value, office:boolean-value or office:string-value,
	// following Type), "" when the cell stores none beside its text.
	Value string
	// Covered marks a cell hidden under a merged cell
	// (table:covered-table-cell).
	Covered bool
}

// String returns the cell's displayed text, or its stored value when it
// displays none.
func (c Cell) String() string {
	if c.Text != "" {
		return c.Text
	}
	return c.Value
}

// IsEmpty reports whether the cell holds neither text nor a value.
func (c Cell) IsEmpty() bool { return c.Text == "" && c.Value == "" }

// Row is one row of a sheet that holds at least one non-empty cell.
type Row struct {
	// Num is the 1-based row number in the sheet, counting repeated and
	// empty rows.
	Num int
	// Cells are the row's cells from the first column to the last
	// non-empty one. The slice is reused for the next row: copy it to keep
	// it beyond one iteration, and do not modify it.
	Cells []Cell
}

// Text returns the String of cell i (0-based), "" beyond the row's end.
func (r Row) Text(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i].String()
}

// Texts returns the String of every cell.
func (r Row) Texts() []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.String()
	}
	return out
}

// ContentRows reads the rows of a sheet from a content.xml stream (the
// document's content, already out of its package): the named sheet, or the
// first one when sheet is "". It yields each row that holds a value, in
// order, and stops after the sheet. Errors (malformed XML, a missing sheet
// wrapping ErrNoSheet, limits wrapping ErrLimit, data ending early wrapping
// source.ErrTruncated) are yielded once, last.
func ContentRows(r io.Reader, sheet string) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		rd := rowReader{s: newScanner(r), sheet: sheet}
		if err := rd.run(yield); err != nil {
			yield(Row{}, err)
		}
	}
}

// emptyRun is a run of empty cells, covered or not.
type emptyRun struct {
	n       int64
	covered bool
}

// rowReader turns the token stream into rows.
type rowReader struct {
	s      *scanner
	sheet  string
	sheets []string

	tableDepth int // stack depth of the sheet being read, 0 before it
	skipDepth  int // >0: inside an element whose content is ignored

	rowDepth     int // >0: inside a row
	rowRepeat    int64
	rowNum       int64 // rows before the current one
	cells        []Cell
	pendingEmpty int64      // empty cells not yet materialised...
	pendingRuns  []emptyRun // ...as runs of plain and covered cells

	cellDepth  int // >0: inside a cell
	cell       Cell
	cellRepeat int64
	paras      int

	pDepth  int // >0: inside a paragraph
	text    []byte
	atStart bool // nothing written in this paragraph yet
	pending bool // a collapsed space waits for the next character
	afterWS bool // the last character written was white space from text:s, text:tab or text:line-break

	scratch []byte
}

func (rd *rowReader) run(yield func(Row, error) bool) error {
	s := rd.s
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEOF:
			if rd.sheet == "" {
				return fmt.Errorf("%w: the document has no sheet", ErrNoSheet)
			}
			return fmt.Errorf("%w %q (sheets: %s)", ErrNoSheet, rd.sheet, quoteList(rd.sheets))
		case tokText:
			if rd.pDepth > 0 && rd.skipDepth == 0 {
				if err := rd.addText(s.text, s.cdata); err != nil {
					return err
				}
			}
		case tokStart:
			if rd.skipDepth > 0 {
				continue
			}
			depth := len(s.stack) // the element's depth when it is not empty
			if s.empty {
				depth++
			}
			done, err := rd.start(depth, yield)
			if err != nil || done {
				return err
			}
		case tokEnd:
			depth := len(s.stack) + 1 // the closed element's depth
			if rd.skipDepth > 0 {
				if depth == rd.skipDepth {
					rd.skipDepth = 0
				}
				continue
			}
			done, err := rd.end(depth, yield)
			if err != nil || done {
				return err
			}
		}
	}
}

// skip ignores the content of the element just started.
func (rd *rowReader) skip(depth int) {
	if !rd.s.empty {
		rd.skipDepth = depth
	}
}

// start handles a start tag; done is true when the sheet is finished or
// the consumer stopped.
func (rd *rowReader) start(depth int, yield func(Row, error) bool) (done bool, err error) {
	s := rd.s
	ns, local := s.ns, string(s.local)
	if rd.tableDepth == 0 {
		if ns != nsTable || local != "table" {
			return false, nil
		}
		name, err := rd.attr(nsTable, "name")
		if err != nil {
			return false, err
		}
		rd.sheets = append(rd.sheets, name)
		if rd.sheet != "" && name != rd.sheet || rd.sheet == "" && len(rd.sheets) > 1 {
			rd.skip(depth)
			return false, nil
		}
		if s.empty {
			return true, nil // an empty sheet
		}
		rd.tableDepth = depth
		return false, nil
	}
	if rd.cellDepth > 0 {
		return false, rd.cellContent(depth, ns, local)
	}
	if ns != nsTable {
		if ns == nsDraw || ns == nsDr3d || ns == nsOffice && local == "annotation" {
			rd.skip(depth)
		}
		return false, nil
	}
	switch local {
	case "table-row":
		if rd.rowDepth > 0 {
			return false, s.syntaxf("table-row inside a table-row")
		}
		n, err := rd.repeat("number-rows-repeated")
		if err != nil {
			return false, err
		}
		rd.rowRepeat, rd.cells, rd.pendingEmpty, rd.pendingRuns = n, rd.cells[:0], 0, rd.pendingRuns[:0]
		if s.empty {
			return rd.finishRow(yield)
		}
		rd.rowDepth = depth
	case "table-cell", "covered-table-cell":
		if rd.rowDepth == 0 {
			return false, s.syntaxf("%s outside a table-row", local)
		}
		if err := rd.startCell(local == "covered-table-cell"); err != nil {
			return false, err
		}
		if s.empty {
			return false, rd.finishCell()
		}
		rd.cellDepth = depth
	case "table":
		rd.skip(depth) // a sub-table outside a cell: not part of this sheet's grid
	}
	return false, nil
}

// cellContent handles a start tag inside a cell.
func (rd *rowReader) cellContent(depth int, ns nsID, local string) error {
	s := rd.s
	switch {
	case ns == nsText && (local == "p" || local == "h"):
		if rd.pDepth > 0 {
			return nil // a paragraph nested in one: read its text as part of it
		}
		if rd.paras > 0 {
			rd.text = append(rd.text, '\n')
		}
		rd.paras++
		rd.atStart, rd.pending, rd.afterWS = true, false, false
		if !s.empty {
			rd.pDepth = depth
		}
	case ns == nsText && rd.pDepth > 0 && local == "s":
		n, err := rd.repeatAttr(nsText, "c")
		if err != nil {
			return err
		}
		if int64(len(rd.text))+n > maxCellText {
			return fmt.Errorf("content.xml:%d: %w: cell text longer than %d bytes", s.line(), ErrLimit, maxCellText)
		}
		rd.special(strings.Repeat(" ", int(n)))
	case ns == nsText && rd.pDepth > 0 && local == "tab":
		rd.special("\t")
	case ns == nsText && rd.pDepth > 0 && local == "line-break":
		rd.special("\n")
	case ns == nsText && (local == "note-body" || local == "ruby-text"),
		ns == nsOffice && local == "annotation",
		ns == nsDraw, ns == nsDr3d,
		ns == nsTable && local == "table":
		// Not part of the cell's text (OpenDocument Part 1 §6.1.1); a
		// sub-table in a cell is not part of the sheet's grid.
		rd.skip(depth)
	}
	return nil
}

// end handles an end tag at depth.
func (rd *rowReader) end(depth int, yield func(Row, error) bool) (done bool, err error) {
	switch depth {
	case rd.pDepth:
		rd.pDepth = 0
		rd.pending = false // trailing white space of a paragraph is dropped
	case rd.cellDepth:
		rd.cellDepth = 0
		return false, rd.finishCell()
	case rd.rowDepth:
		rd.rowDepth = 0
		return rd.finishRow(yield)
	case rd.tableDepth:
		return true, nil
	}
	return false, nil
}

func (rd *rowReader) startCell(covered bool) error {
	rd.cell = Cell{Covered: covered}
	rd.cellRepeat = 1
	rd.paras = 0
	rd.text = rd.text[:0]
	var values [6]string // value, date, time, boolean, string, calcext type
	err := eachAttr(rd.s.attrs, func(qname, raw []byte) error {
		ns, local := rd.s.attrNS(qname)
		i := -1
		switch ns {
		case nsOffice:
			switch string(local) {
			case "value-type":
				v, err := rd.valueType(raw)
				rd.cell.Type = v
				return err
			case "value":
				i = 0
			case "date-value":
				i = 1
			case "time-value":
				i = 2
			case "boolean-value":
				i = 3
			case "string-value":
				i = 4
			}
		case nsCalcExt:
			if string(local) == "value-type" {
				v, err := rd.valueType(raw)
				values[5] = v
				return err
			}
		case nsTable:
			if string(local) == "number-columns-repeated" {
				n, err := parseCount(raw)
				if err != nil {
					return rd.s.syntaxf("table:number-columns-repeated: %v", err)
				}
				rd.cellRepeat = n
			}
		}
		if i >= 0 {
			v, err := rd.decode(raw)
			values[i] = v
			return err
		}
		return nil
	})
	if err != nil {
		return rd.s.wrap(err)
	}
	if rd.cell.Type == "" {
		rd.cell.Type = values[5]
	}
	switch rd.cell.Type {
	case "float", "percentage", "currency":
		rd.cell.Value = values[0]
	case "date":
		rd.cell.Value = values[1]
	case "time":
		rd.cell.Value = values[2]
	case "boolean":
		rd.cell.Value = values[3]
	case "string":
		rd.cell.Value = values[4]
	}
	return nil
}

func (rd *rowReader) finishCell() error {
	c := rd.cell
	if rd.paras > 0 && len(rd.text) > 0 {
		if utf8.Valid(rd.text) {
			c.Text = string(rd.text)
		} else {
			c.Text = strings.ToValidUTF8(string(rd.text), "\uFFFD")
		}
	}
	if c.IsEmpty() {
		rd.pendingEmpty += rd.cellRepeat
		if k := len(rd.pendingRuns) - 1; k >= 0 && rd.pendingRuns[k].covered == c.Covered {
			rd.pendingRuns[k].n += rd.cellRepeat
		} else {
			rd.pendingRuns = append(rd.pendingRuns, emptyRun{rd.cellRepeat, c.Covered})
		}
		return nil
	}
	if int64(len(rd.cells))+rd.pendingEmpty+rd.cellRepeat > MaxColumns {
		return fmt.Errorf("content.xml:%d: %w: a value beyond column %d", rd.s.line(), ErrLimit, MaxColumns)
	}
	for _, run := range rd.pendingRuns {
		for i := int64(0); i < run.n; i++ {
			rd.cells = append(rd.cells, Cell{Covered: run.covered})
		}
	}
	rd.pendingEmpty, rd.pendingRuns = 0, rd.pendingRuns[:0]
	for i := int64(0); i < rd.cellRepeat; i++ {
		rd.cells = append(rd.cells, c)
	}
	return nil
}

func (rd *rowReader) finishRow(yield func(Row, error) bool) (done bool, err error) {
	first := rd.rowNum + 1
	rd.rowNum += rd.rowRepeat
	if len(rd.cells) == 0 {
		return false, nil
	}
	if rd.rowNum > MaxRows {
		return false, fmt.Errorf("content.xml:%d: %w: a value beyond row %d", rd.s.line(), ErrLimit, MaxRows)
	}
	for n := first; n <= rd.rowNum; n++ {
		if !yield(Row{Num: int(n), Cells: rd.cells}, nil) {
			return true, nil
		}
	}
	return false, nil
}

// addText adds paragraph character data, decoding references and
// collapsing white space (OpenDocument Part 1 §6.1.2).
func (rd *rowReader) addText(raw []byte, cdata bool) error {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '&' && !cdata:
			r, n, err := decodeRef(raw[i:])
			if err != nil {
				return rd.s.syntaxf("%v", err)
			}
			i += n
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
				rd.space()
			} else {
				rd.char()
				rd.text = utf8.AppendRune(rd.text, r)
			}
		case xmlscan.IsSpace(c):
			rd.space()
			i++
		default:
			// A run of ordinary bytes.
			j := i + 1
			for j < len(raw) && raw[j] != '&' && !xmlscan.IsSpace(raw[j]) {
				j++
			}
			rd.char()
			rd.text = append(rd.text, raw[i:j]...)
			i = j
		}
	}
	if len(rd.text) > maxCellText {
		return fmt.Errorf("content.xml:%d: %w: cell text longer than %d bytes", rd.s.line(), ErrLimit, maxCellText)
	}
	return nil
}

// space records literal white space: it becomes one space before the next
// character, unless it starts the paragraph or follows white space.
func (rd *rowReader) space() {
	if !rd.atStart && !rd.afterWS {
		rd.pending = true
	}
}

// char prepares for a character: a pending space is written first.
func (rd *rowReader) char() {
	if rd.pending {
		rd.text = append(rd.text, ' ')
		rd.pending = false
	}
	rd.atStart, rd.afterWS = false, false
}

// special writes the white space of text:s, text:tab or text:line-break,
// which is never collapsed.
func (rd *rowReader) special(ws string) {
	rd.char()
	rd.text = append(rd.text, ws...)
	rd.afterWS = true
}

// attr returns the decoded value of an attribute of the current start tag.
func (rd *rowReader) attr(ns nsID, local string) (string, error) {
	var out string
	var found bool
	err := eachAttr(rd.s.attrs, func(qname, raw []byte) error {
		if found {
			return nil
		}
		if n, l := rd.s.attrNS(qname); n == ns && string(l) == local {
			found = true
			v, err := rd.decode(raw)
			out = v
			return err
		}
		return nil
	})
	return out, rd.s.wrap(err)
}

// valueType decodes a value-type attribute without allocating for the
// types OpenDocument defines.
func (rd *rowReader) valueType(raw []byte) (string, error) {
	switch string(raw) {
	case "string":
		return "string", nil
	case "float":
		return "float", nil
	case "date":
		return "date", nil
	case "time":
		return "time", nil
	case "boolean":
		return "boolean", nil
	case "percentage":
		return "percentage", nil
	case "currency":
		return "currency", nil
	case "void":
		return "void", nil
	}
	return rd.decode(raw)
}

func (rd *rowReader) decode(raw []byte) (string, error) {
	var err error
	rd.scratch, err = decodeAttr(rd.scratch[:0], raw)
	if err != nil {
		return "", rd.s.syntaxf("%v", err)
	}
	return string(rd.scratch), nil
}

// repeat reads a table:number-*-repeated attribute of the current tag.
func (rd *rowReader) repeat(local string) (int64, error) {
	return rd.repeatAttr(nsTable, local)
}

// repeatAttr reads a positive count attribute, 1 when absent.
func (rd *rowReader) repeatAttr(ns nsID, local string) (int64, error) {
	n := int64(1)
	err := eachAttr(rd.s.attrs, func(qname, raw []byte) error {
		if a, l := rd.s.attrNS(qname); a == ns && string(l) == local {
			v, err := parseCount(raw)
			if err != nil {
				return rd.s.syntaxf("%s: %v", qname, err)
			}
			n = v
		}
		return nil
	})
	return n, rd.s.wrap(err)
}

// parseCount reads a positive decimal count. Counts are capped at 2^40,
// far beyond any sheet, so that sums cannot overflow.
func parseCount(b []byte) (int64, error) {
	b = trimSpace(b)
	if len(b) == 0 || len(b) > 19 {
		return 0, fmt.Errorf("%q is not a count", clip(b, 20))
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a count", clip(b, 20))
		}
		n = n*10 + int64(c-'0')
	}
	if n < 1 {
		return 0, fmt.Errorf("count %d is not positive", n)
	}
	return min(n, 1<<40), nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && xmlscan.IsSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && xmlscan.IsSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// sheetNames lists the sheets of a content.xml stream.
func sheetNames(r io.Reader) ([]string, error) {
	rd := rowReader{s: newScanner(r)}
	names := []string{}
	for {
		k, err := rd.s.next()
		if err != nil {
			return names, err
		}
		switch k {
		case tokEOF:
			return names, nil
		case tokStart:
			if rd.skipDepth > 0 || rd.s.ns != nsTable || string(rd.s.local) != "table" {
				continue
			}
			name, err := rd.attr(nsTable, "name")
			if err != nil {
				return names, err
			}
			names = append(names, name)
			rd.skip(len(rd.s.stack))
		case tokEnd:
			if rd.skipDepth > 0 && len(rd.s.stack)+1 == rd.skipDepth {
				rd.skipDepth = 0
			}
		}
	}
}

func quoteList(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
