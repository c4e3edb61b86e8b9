package ofac

import (
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/embargo/embargo/source"
)

// maxRecord bounds one record. OFAC's longest field is the 1,000-character
// remark and spillover rows are a few kilobytes; a record this large means
// the file is not an OFAC CSV file.
const maxRecord = 4 << 20

// csvReader reads OFAC's comma-separated files: records end with CR LF
// (a lone CR or LF is accepted too), text fields are quoted with '"' and a
// doubled quote stands for one, and null fields are an unquoted "-0- ".
// It is lenient where OFAC's files are not strict (text after a closing
// quote, a bare quote inside an unquoted field), skips blank lines and the
// DOS end-of-file byte (0x1A), and reports a file that ends inside a
// quoted field as truncated.
type csvReader struct {
	r    io.Reader
	name string
	buf  []byte
	pos  int
	end  int
	rerr error // error from r, returned once buf is drained

	line int // lines consumed so far

	rec  []byte // the current record's field bytes
	ends []int  // end offset of each field in rec
	out  []string
}

func newCSVReader(r io.Reader, name string) *csvReader {
	return &csvReader{r: r, name: name, buf: make([]byte, 64<<10), line: 1}
}

// fill reads more input; it reports false at end of input.
func (c *csvReader) fill() (bool, error) {
	if c.pos < c.end {
		return true, nil
	}
	for c.rerr == nil {
		n, err := c.r.Read(c.buf)
		c.pos, c.end = 0, n
		if err != nil {
			c.rerr = err
		}
		if n > 0 {
			return true, nil
		}
	}
	if c.rerr == io.EOF {
		return false, nil
	}
	return false, fmt.Errorf("%s: read: %w", c.name, c.rerr)
}

// peek returns the next byte without consuming it.
func (c *csvReader) peek() (byte, bool, error) {
	ok, err := c.fill()
	if !ok || err != nil {
		return 0, false, err
	}
	return c.buf[c.pos], true, nil
}

// record is one CSV record: its fields (valid until the next call to
// next), the line it starts on, and whether it ended without a line break.
type record struct {
	fields []string
	line   int
	noEOL  bool
}

// next returns the next non-blank record, or io.EOF.
func (c *csvReader) next() (record, error) {
	for {
		rec, blank, err := c.read()
		if err != nil || !blank {
			return rec, err
		}
	}
}

// read reads one physical record; blank reports an empty line or one that
// holds only the end-of-file byte.
func (c *csvReader) read() (rec record, blank bool, err error) {
	c.rec = c.rec[:0]
	c.ends = c.ends[:0]
	rec.line = c.line
	const (
		fieldStart = iota
		unquoted
		quoted
		afterQuote
	)
	state := fieldStart
	sawAny := false
	for {
		ok, err := c.fill()
		if err != nil {
			return rec, false, err
		}
		if !ok { // end of input
			if state == quoted {
				return rec, false, fmt.Errorf("%s:%d: end of file inside a quoted field: %w", c.name, rec.line, source.ErrTruncated)
			}
			if !sawAny {
				return rec, false, io.EOF
			}
			rec.noEOL = true
			// A final record may carry the end-of-file byte without a
			// line break before it.
			last := 0
			if len(c.ends) > 0 {
				last = c.ends[len(c.ends)-1]
			}
			for len(c.rec) > last && c.rec[len(c.rec)-1] == 0x1a {
				c.rec = c.rec[:len(c.rec)-1]
			}
			c.ends = append(c.ends, len(c.rec))
			if len(c.ends) == 1 && len(c.rec) == 0 {
				return rec, true, nil
			}
			return c.finish(rec)
		}
		// Scan a run of ordinary bytes in one go.
		b := c.buf[c.pos]
		if state == quoted {
			i := c.pos
			for i < c.end && c.buf[i] != '"' && c.buf[i] != '\n' {
				i++
			}
			if i > c.pos {
				c.rec = append(c.rec, c.buf[c.pos:i]...)
				c.pos = i
				sawAny = true
				if len(c.rec) > maxRecord {
					return rec, false, fmt.Errorf("%s:%d: record longer than %d bytes: %w", c.name, rec.line, maxRecord, source.ErrNotList)
				}
				continue
			}
			c.pos++
			sawAny = true
			if b == '\n' {
				c.line++
				c.rec = append(c.rec, b)
				continue
			}
			// A quote: doubled means a literal quote.
			nb, ok, err := c.peek()
			if err != nil {
				return rec, false, err
			}
			if ok && nb == '"' {
				c.pos++
				c.rec = append(c.rec, '"')
				continue
			}
			state = afterQuote
			continue
		}
		if state != fieldStart && b != ',' && b != '\r' && b != '\n' && b != '"' {
			i := c.pos
			for i < c.end {
				if x := c.buf[i]; x == ',' || x == '\r' || x == '\n' || x == '"' {
					break
				}
				i++
			}
			c.rec = append(c.rec, c.buf[c.pos:i]...)
			c.pos = i
			sawAny = true
			if len(c.rec) > maxRecord {
				return rec, false, fmt.Errorf("%s:%d: record longer than %d bytes: %w", c.name, rec.line, maxRecord, source.ErrNotList)
			}
			continue
		}
		c.pos++
		switch b {
		case ',':
			sawAny = true
			c.ends = append(c.ends, len(c.rec))
			state = fieldStart
		case '\r', '\n':
			if b == '\r' {
				if nb, ok, err := c.peek(); err != nil {
					return rec, false, err
				} else if ok && nb == '\n' {
					c.pos++
				}
			}
			c.line++
			if !sawAny {
				return rec, true, nil
			}
			c.ends = append(c.ends, len(c.rec))
			return c.finish(rec)
		case '"':
			sawAny = true
			if state == fieldStart {
				state = quoted
			} else { // a bare quote inside an unquoted field is kept
				c.rec = append(c.rec, b)
			}
		default:
			sawAny = true
			c.rec = append(c.rec, b)
			state = unquoted
		}
	}
}

// finish turns the record's bytes into strings, with one allocation when
// the record is valid UTF-8 (OFAC's files are ASCII today). A record that is
// not is read as Windows-1252, which the legacy files used for accented
// letters, field by field.
func (c *csvReader) finish(rec record) (record, bool, error) {
	if len(c.ends) == 1 && isEOFMarker(c.rec) {
		return rec, true, nil
	}
	c.out = c.out[:0]
	start := 0
	if utf8.Valid(c.rec) {
		s := string(c.rec)
		for _, e := range c.ends {
			c.out = append(c.out, s[start:e])
			start = e
		}
	} else {
		for _, e := range c.ends {
			c.out = append(c.out, decodeWindows1252(c.rec[start:e]))
			start = e
		}
	}
	rec.fields = c.out
	return rec, false, nil
}

// isEOFMarker reports a line made of the DOS end-of-file byte (0x1A) and
// spaces only.
func isEOFMarker(b []byte) bool {
	seen := false
	for _, x := range b {
		switch x {
		case 0x1a:
			seen = true
		case ' ', '\t':
		default:
			return false
		}
	}
	return seen
}

// decodeWindows1252 reads b as Windows-1252.
func decodeWindows1252(b []byte) string {
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return string(b)
	}
	return string(s)
}
