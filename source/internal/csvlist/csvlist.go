// Package csvlist holds what the parsers of lists kept as CSV or text
// tables (source/csl, source/custom, source/dpl, source/uk) share:
// finding the header line, normalising header names, mapping the header
// to the columns a parser reads and keeping the others for Remarks,
// reading the rows one behind so that a row cut short by a truncated file
// is not emitted, and numbering the IDs that repeat.
package csvlist

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// BOM is the UTF-8 byte order mark that spreadsheets write first.
var BOM = []byte("\xef\xbb\xbf")

// HeaderLine returns the first line of head, the first bytes of a file,
// without a byte order mark and line ending: the header of a list.
func HeaderLine(head []byte) []byte {
	head = bytes.TrimPrefix(head, BOM)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	return bytes.TrimRight(head, "\r")
}

// HeaderKey normalises a header cell: quotes and spaces trimmed, lower
// case, inner spaces as underscores ("Street Address" → "street_address").
func HeaderKey(s string) string {
	s = strings.ToLower(strings.Trim(strings.TrimSpace(s), `"' `))
	return strings.ReplaceAll(entity.CleanSpace(s), " ", "_")
}

// IsBlank reports whether every field of rec is blank.
func IsBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// Columns maps a header to the columns a parser reads.
type Columns struct {
	// Labels are the header's cells as the file writes them, spaces
	// folded: the labels of the Remarks that keep unread columns.
	Labels []string
	// Index maps a column key to the index of the first column with that
	// key.
	Index map[string]int
	// Extra are the indexes of the columns without a key and of the
	// repeats of a key: their values go to Remarks.
	Extra []int
}

// NewColumns maps a header. label turns a cell into its label, key into
// the key of the column the parser reads it as ("" for none).
func NewColumns(header []string, label, key func(cell string) string) *Columns {
	c := &Columns{Index: map[string]int{}}
	for i, h := range header {
		k := key(h)
		c.Labels = append(c.Labels, label(h))
		if _, dup := c.Index[k]; dup || k == "" {
			c.Extra = append(c.Extra, i)
			continue
		}
		c.Index[k] = i
	}
	return c
}

// Has reports whether the header has a column with key k.
func (c *Columns) Has(k string) bool {
	_, ok := c.Index[k]
	return ok
}

// Get returns the cleaned value of column k in rec, "" when the row is
// too short or the header has no such column.
func (c *Columns) Get(rec []string, k string) string {
	i, ok := c.Index[k]
	if !ok || i >= len(rec) {
		return ""
	}
	return entity.CleanSpace(rec[i])
}

// Label returns the header's label of column k, which must exist.
func (c *Columns) Label(k string) string { return c.Labels[c.Index[k]] }

// AppendExtras appends to remarks what rec holds beyond the columns
// read, as "label: value": the value of each extra column under its
// label, and each field past the header as "Extra field N" (1-based),
// cleaned; empty values are left out.
func (c *Columns) AppendExtras(remarks []string, rec []string) []string {
	note := func(label, v string) {
		if v != "" {
			remarks = append(remarks, label+": "+v)
		}
	}
	for _, i := range c.Extra {
		if i < len(rec) {
			note(c.Labels[i], entity.CleanSpace(rec[i]))
		}
	}
	for i := len(c.Labels); i < len(rec); i++ {
		note(fmt.Sprintf("Extra field %d", i+1), entity.CleanSpace(rec[i]))
	}
	return remarks
}

// NewReader returns a lenient encoding/csv reader of r for a list: a
// byte order mark taken off, rows of any number of fields, a quote inside
// an unquoted field read as text (so that the reader reports only read
// errors), records reused between reads. delim picks the delimiter from
// the first line (up to 16 KiB of it); nil means the comma. bom is the
// length of the byte order mark taken off, which InputOffset does not
// count.
func NewReader(r io.Reader, delim func(first []byte) rune) (cr *csv.Reader, bom int64) {
	br := bufio.NewReaderSize(r, 16<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, BOM) {
		_, _ = br.Discard(3)
		bom = 3
	}
	comma := ','
	if delim != nil {
		first, _ := br.Peek(16 << 10)
		if i := bytes.IndexByte(first, '\n'); i >= 0 {
			first = first[:i]
		}
		comma = delim(first)
	}
	cr = csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return cr, bom
}

// Rows reads the data rows of r, a reader from NewReader past the header.
// Blank rows are passed over. Every other row is counted in rep.Records
// and passed to row with the line it starts on, one row behind the
// reading, so that the last row can be checked first: cut gets it with
// its line and the offset it starts at (as r.InputOffset counts) and
// returns the error of a file cut short in it, nil when it is whole; a
// row cut short is neither counted nor passed on. An error from row or
// cut, or a read error (named after file), stops the reading. ctx is
// checked every 1024 rows.
func Rows(ctx context.Context, file string, r *csv.Reader, rep *source.Report,
	row func(line int, rec []string) error,
	cut func(line int, rec []string, start int64) error) error {
	var prev []string
	prevLine := 0
	var prevStart int64
	for {
		start := r.InputOffset()
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if IsBlank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		if prev != nil {
			if err := row(prevLine, prev); err != nil {
				return err
			}
		}
		rep.Records++
		if err := source.CheckContext(ctx, rep.Records); err != nil {
			return err
		}
		prev = append(prev[:0], rec...)
		prevLine, prevStart = line, start
	}
	if prev == nil {
		return nil
	}
	if err := cut(prevLine, prev, prevStart); err != nil {
		rep.Records--
		return err
	}
	return row(prevLine, prev)
}

// Hash returns prefix and the first 12 hex digits of the SHA-256 of s:
// an ID for a row the publisher gives none.
func Hash(prefix, s string) string {
	sum := sha256.Sum256([]byte(s))
	var digits [12]byte
	hex.Encode(digits[:], sum[:6])
	return prefix + string(digits[:])
}

// IDs numbers the IDs that repeat in a file, so that every entity keeps
// an ID of its own.
type IDs map[string]int

// Next returns id the first time it is given, id-2 the second time, id-3
// the third..., and n, how many times id has been given.
func (c IDs) Next(id string) (string, int) {
	c[id]++
	n := c[id]
	if n > 1 {
		return fmt.Sprintf("%s-%d", id, n), n
	}
	return id, n
}

// TailReader keeps the last bytes read from a file, so that a parser can
// look at the raw text of its last record: a file cut inside a quoted
// field ends with an odd number of quotes in its last record (quotes in
// earlier records, stray or not, do not matter).
type TailReader struct {
	r    io.Reader
	n    int64
	ring [1 << 16]byte
}

// NewTailReader returns a TailReader reading from r.
func NewTailReader(r io.Reader) *TailReader { return &TailReader{r: r} }

// Read reads from the underlying reader, keeping the last bytes.
func (t *TailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i := 0; i < n; {
		at := int(t.n % int64(len(t.ring)))
		c := copy(t.ring[at:], p[i:n])
		i += c
		t.n += int64(c)
	}
	return n, err
}

// EndsWithNewline reports whether the text read so far ends with a
// newline (or is empty).
func (t *TailReader) EndsWithNewline() bool {
	return t.n == 0 || t.ring[(t.n-1)%int64(len(t.ring))] == '\n'
}

// EndsInsideQuotes reports whether the text from offset off to the end
// has an odd number of quotes and no final newline: the file stops inside
// a quoted field. A last record longer than 64 KiB is judged by its last
// 64 KiB.
func (t *TailReader) EndsInsideQuotes(off int64) bool {
	if t.EndsWithNewline() {
		return false
	}
	if off < t.n-int64(len(t.ring)) {
		off = t.n - int64(len(t.ring))
	}
	quotes := 0
	for i := off; i < t.n; i++ {
		if t.ring[i%int64(len(t.ring))] == '"' {
			quotes++
		}
	}
	return quotes%2 == 1
}
