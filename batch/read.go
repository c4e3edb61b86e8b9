package batch

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/embargo/embargo/entity"
)

// Input formats.
const (
	CSV   = "csv"
	JSONL = "jsonl"
)

// DefaultMaxRecordBytes bounds one input record (a CSV record, a JSONL
// line): a longer one is reported as malformed and skipped, so that an
// unclosed quote or a file that is not a customer file cannot exhaust
// memory.
const DefaultMaxRecordBytes = 1 << 20

// ReadOptions say how to read a customer file.
type ReadOptions struct {
	// Format is CSV or JSONL; "" detects it from the content (a first
	// non-blank byte '{' means JSONL).
	Format string
	// Map maps fields to columns explicitly; fields it leaves out are
	// mapped from the headers.
	Map Map
	// Delimiter is the CSV field delimiter; 0 detects it from the header
	// line (comma, semicolon, tab or pipe).
	Delimiter rune
	// NoHeader says the CSV file has no header line: columns are then
	// named by number in Map (name=#2).
	NoHeader bool
	// Encoding is "utf-8", "utf-16", "windows-1252" (or "latin-1"), or ""
	// to detect it: a byte-order mark says UTF-8 or UTF-16, else a file
	// whose beginning is not valid UTF-8 is read as Windows-1252.
	Encoding string
	// MaxRecordBytes bounds a record; 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int
}

// Record is one customer read from a file.
type Record struct {
	// Seq numbers the file's records from 0 (header excluded, malformed
	// records included): the position a resumed run restarts from.
	Seq int64
	// Line is the 1-based line the record starts on.
	Line int
	// ID is the record's identifier column, "" when it has none.
	ID string
	// Name is the name column, or the name parts joined.
	Name string
	// BirthDate, Gender and Type are as written in the file.
	BirthDate, Gender, Type string
	// Countries are the country columns' values, each split at ',', ';'
	// and '|'.
	Countries []string
	// Identifiers are the identifier columns' values.
	Identifiers []entity.Identifier
}

// RowError is a malformed record: it is skipped and reported, and reading
// goes on.
type RowError struct {
	// Seq is the record's position, as Record.Seq.
	Seq int64
	// Line is the 1-based line the record starts on.
	Line int
	// ID is the record's ID when it could be read.
	ID string
	// Err says what is wrong.
	Err error
}

// Error says which line is malformed and why.
func (e *RowError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("line %d (id %s): %v", e.Line, e.ID, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns what is wrong with the record.
func (e *RowError) Unwrap() error { return e.Err }

// Reader reads customer records from a CSV or JSONL file.
type Reader struct {
	// Format is the format read (CSV or JSONL).
	Format string
	// Encoding is the text encoding read ("utf-8", "utf-8 (BOM)",
	// "utf-16le", "windows-1252").
	Encoding string
	// Delimiter is the CSV delimiter used.
	Delimiter rune
	// Columns is the column mapping (for JSONL, the keys of the first
	// object; later objects are mapped by their own keys).
	Columns *Columns

	next func() (Record, error)
	seq  int64
}

// NewReader prepares to read records from r: it detects the encoding, the
// format and (CSV) the delimiter, and reads the header.
func NewReader(r io.Reader, opt ReadOptions) (*Reader, error) {
	if opt.MaxRecordBytes <= 0 {
		opt.MaxRecordBytes = DefaultMaxRecordBytes
	}
	text, enc, err := decode(r, opt.Encoding)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(text, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("reading: %w", err)
	}
	rd := &Reader{Format: strings.ToLower(opt.Format), Encoding: enc}
	switch rd.Format {
	case "":
		rd.Format = CSV
		if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
			rd.Format = JSONL
		}
	case "json", "ndjson", "jsonlines":
		rd.Format = JSONL
	case CSV, JSONL:
	case "tsv":
		rd.Format = CSV
		if opt.Delimiter == 0 {
			opt.Delimiter = '\t'
		}
	default:
		return nil, fmt.Errorf("input format %q: want csv or jsonl", opt.Format)
	}
	if rd.Format == JSONL {
		err = rd.initJSONL(br, opt)
	} else {
		err = rd.initCSV(br, head, opt)
	}
	if err != nil {
		return nil, err
	}
	return rd, nil
}

// Next returns the next record. A malformed record gives a *RowError, and
// reading can go on; the end of the input gives io.EOF.
func (r *Reader) Next() (Record, error) { return r.next() }

// decode returns r as UTF-8 text, with the name of the encoding read.
func decode(r io.Reader, enc string) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", fmt.Errorf("reading: %w", err)
	}
	utf16 := func(e unicode.Endianness, name string) (io.Reader, string, error) {
		// UseBOM: a byte-order mark, when there is one, wins and is dropped.
		dec := unicode.UTF16(e, unicode.UseBOM).NewDecoder()
		return transform.NewReader(br, dec), name, nil
	}
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(enc)), "_", "-") {
	case "":
		switch {
		case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
			br.Discard(3)
			return br, "utf-8 (BOM)", nil
		case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
			return utf16(unicode.LittleEndian, "utf-16le")
		case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
			return utf16(unicode.BigEndian, "utf-16be")
		case utf16Zeros(head, 1):
			return utf16(unicode.LittleEndian, "utf-16le")
		case utf16Zeros(head, 0):
			return utf16(unicode.BigEndian, "utf-16be")
		case !validPrefix(head):
			return crLines(transform.NewReader(br, charmap.Windows1252.NewDecoder()), head), "windows-1252", nil
		}
		return crLines(br, head), "utf-8", nil
	case "utf-8", "utf8":
		if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
			br.Discard(3)
		}
		return crLines(br, head), "utf-8", nil
	case "utf-16", "utf16", "utf-16le":
		if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
			return utf16(unicode.BigEndian, "utf-16be")
		}
		return utf16(unicode.LittleEndian, "utf-16le")
	case "utf-16be":
		return utf16(unicode.BigEndian, "utf-16be")
	case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1":
		return crLines(transform.NewReader(br, charmap.Windows1252.NewDecoder()), head), "windows-1252", nil
	}
	return nil, "", fmt.Errorf("encoding %q: want utf-8, utf-16 or windows-1252", enc)
}

// utf16Zeros reports whether b looks like UTF-16 text without a
// byte-order mark: most bytes at positions of parity odd (1: little
// endian; 0: big endian) are zero, as in Latin text, and none of the
// others.
func utf16Zeros(b []byte, odd int) bool {
	if len(b) < 4 {
		return false
	}
	b = b[:len(b)&^1]
	zeros := 0
	for i := range b {
		if b[i] == 0 {
			if i%2 != odd {
				return false
			}
			zeros++
		}
	}
	return zeros*2 > len(b)/2
}

// crLines returns r with carriage returns read as newlines when head, the
// start of the file, has carriage returns and no newline: a file written
// with the old Macintosh line ends.
func crLines(r io.Reader, head []byte) io.Reader {
	if bytes.IndexByte(head, '\n') >= 0 || bytes.IndexByte(head, '\r') < 0 {
		return r
	}
	return transform.NewReader(r, crToLF{})
}

// crToLF turns every carriage return into a newline.
type crToLF struct{ transform.NopResetter }

// Transform implements transform.Transformer.
func (crToLF) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	n := copy(dst, src)
	for i, c := range dst[:n] {
		if c == '\r' {
			dst[i] = '\n'
		}
	}
	if n < len(src) {
		return n, n, transform.ErrShortDst
	}
	return n, n, nil
}

// validPrefix reports whether b is valid UTF-8, allowing a rune cut at
// its end.
func validPrefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		r, _ := utf8.DecodeLastRune(b)
		if r != utf8.RuneError {
			return false
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// sniffDelimiter picks the delimiter that occurs most often, outside
// quotes, in the first line; a comma when none does.
func sniffDelimiter(head []byte) rune {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t' || c == '|'):
			counts[c]++
		}
	}
	best, n := byte(','), 0
	for _, c := range []byte{',', ';', '\t', '|'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}

// recorder passes text to the CSV parser and keeps what it passed since
// the start of the current record, so that a malformed record's raw bytes
// can be read again: re-parsed leniently, or parsed line by line after an
// unclosed quote. It bounds how much a record may hold, and counts lines.
type recorder struct {
	under   io.Reader
	pending []byte // bytes to serve again before under
	buf     []byte // bytes served from absolute offset base on
	base    int64
	lines   int   // newlines before base
	mark    int64 // absolute offset where the current record starts
	limit   int
	over    bool // the current record went over the limit
}

var errTooLong = errors.New("record too long")

// Read serves pending bytes, then the input's, keeping them; it fails
// with errTooLong when the current record has grown past the limit.
func (r *recorder) Read(p []byte) (int, error) {
	if r.base+int64(len(r.buf))-r.mark > int64(r.limit) {
		r.over = true
		return 0, errTooLong
	}
	var n int
	var err error
	if len(r.pending) > 0 {
		n = copy(p, r.pending)
		r.pending = r.pending[n:]
	} else {
		n, err = r.under.Read(p)
	}
	r.buf = append(r.buf, p[:n]...)
	return n, err
}

// skipLine drops the bytes up to the next newline (included) from what
// is still to be served, and starts afresh after it (or at the end of the
// input).
func (r *recorder) skipLine() error {
	r.rewind(r.base + int64(len(r.buf)))
	buf := make([]byte, 32<<10)
	for {
		var chunk []byte
		var err error
		if len(r.pending) > 0 {
			chunk, r.pending = r.pending, nil
		} else {
			var n int
			n, err = r.under.Read(buf)
			chunk = buf[:n]
		}
		if i := bytes.IndexByte(chunk, '\n'); i >= 0 {
			r.base += int64(i + 1)
			r.lines++
			r.mark = r.base
			r.pending = append(slices.Clip(chunk[i+1:]), r.pending...)
			return nil
		}
		r.base += int64(len(chunk))
		r.mark = r.base
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// release forgets the bytes before the absolute offset off, the start of
// the next record.
func (r *recorder) release(off int64) {
	r.mark, r.over = off, false
	if drop := int(off - r.base); drop > 64<<10 && drop <= len(r.buf) {
		r.lines += lineCount(r.buf[:drop])
		r.buf = r.buf[:copy(r.buf, r.buf[drop:])]
		r.base = off
	}
}

// raw returns the kept bytes from absolute offset from to to.
func (r *recorder) raw(from, to int64) []byte {
	from, to = max(from, r.base), min(to, r.base+int64(len(r.buf)))
	if from >= to {
		return nil
	}
	return r.buf[from-r.base : to-r.base]
}

// lineAt returns the 1-based line of absolute offset off (at or after
// base).
func (r *recorder) lineAt(off int64) int {
	return r.lines + lineCount(r.raw(r.base, off)) + 1
}

// rewind makes the bytes from absolute offset off (at or after base) on
// be served again.
func (r *recorder) rewind(off int64) {
	r.lines = r.lineAt(off) - 1
	if i := int(off - r.base); i >= 0 && i <= len(r.buf) {
		r.pending = append(slices.Clip(r.buf[i:]), r.pending...)
	}
	r.buf = nil
	r.base, r.mark, r.over = off, off, false
}

// csvSource parses CSV records with encoding/csv in strict mode, and
// recovers from its errors without losing records: a record with a stray
// quote on one line is re-read leniently; an unclosed quote, which would
// swallow the rest of the file into one field, is reported on its line and
// parsing restarts on the next line.
type csvSource struct {
	rec      *recorder
	r        *csv.Reader
	comma    rune
	start    int64 // absolute offset where r started
	lineBase int   // lines before r started
}

// restart starts a new parser at absolute offset off.
func (s *csvSource) restart(off int64) {
	s.rec.rewind(off)
	s.start, s.lineBase = off, s.rec.lines
	s.r = csv.NewReader(s.rec)
	s.r.Comma = s.comma
	s.r.FieldsPerRecord = -1
	s.r.ReuseRecord = true // callers copy what they keep (the strings are fresh)
}

func (s *csvSource) offset() int64 { return s.start + s.r.InputOffset() }

// read returns the next record's fields and line, or a *RowError (with
// no Seq) for a malformed one.
func (s *csvSource) read() ([]string, int, error) {
	for {
		from := s.offset()
		fields, err := s.r.Read()
		to := s.offset()
		if err == nil {
			line, _ := s.r.FieldPos(0)
			s.rec.release(to)
			if to-from > int64(s.rec.limit) && len(bytes.TrimLeft(s.rec.raw(from, to), "\r\n")) > s.rec.limit {
				return nil, 0, &RowError{Line: s.lineBase + line, Err: fmt.Errorf("record longer than %d bytes", s.rec.limit)}
			}
			return fields, s.lineBase + line, nil
		}
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		var pe *csv.ParseError
		switch {
		case errors.Is(err, errTooLong) || s.rec.over:
			// The parser may report a quote error in the part of an overlong
			// record it read before the limit stopped it: the record is too long.
			raw := s.rec.raw(from, s.rec.base+int64(len(s.rec.buf)))
			if len(bytes.Trim(raw, "\r\n")) == 0 {
				// Only empty lines, which the parser skips: not a record.
				s.restart(from + int64(len(raw)))
				continue
			}
			line := s.rec.lineAt(from) + leadingBlankLines(raw)
			if end := firstLineEnd(raw); end < len(raw) || len(raw) > 0 && raw[len(raw)-1] == '\n' {
				s.restart(from + int64(end))
			} else {
				// The line goes on beyond what was read: drop the rest of it.
				if err := s.rec.skipLine(); err != nil {
					return nil, 0, fmt.Errorf("reading line %d: %w", line, err)
				}
				s.restart(s.rec.base)
			}
			return nil, 0, &RowError{Line: line, Err: fmt.Errorf("record longer than %d bytes (an unclosed quote?): skipped to the next line", s.rec.limit)}
		case errors.As(err, &pe) && pe.StartLine == pe.Line:
			// A stray quote within one line: read the line leniently.
			raw := s.rec.raw(from, to)
			s.rec.release(to)
			lr := csv.NewReader(bytes.NewReader(raw))
			lr.Comma, lr.FieldsPerRecord, lr.LazyQuotes = s.comma, -1, true
			f, err1 := lr.Read()
			if _, err2 := lr.Read(); err1 == nil && errors.Is(err2, io.EOF) {
				return f, s.lineBase + pe.StartLine, nil
			}
			return nil, 0, &RowError{Line: s.lineBase + pe.StartLine, Err: fmt.Errorf("cannot read the fields: %w", pe.Err)}
		case errors.As(err, &pe):
			// A quote opened and not closed on its line: the record ran on to
			// line pe.Line. Only its first line is lost.
			line := s.lineBase + pe.StartLine
			s.restart(from + int64(firstLineEnd(s.rec.raw(from, to))))
			return nil, 0, &RowError{Line: line, Err: fmt.Errorf("a quoted field opened on this line is not closed (the %d lines after it were read again as records)", pe.Line-pe.StartLine)}
		default:
			return nil, 0, fmt.Errorf("reading line %d: %w", s.rec.lineAt(from), err)
		}
	}
}

// lineCount counts the newlines in b.
func lineCount(b []byte) int { return bytes.Count(b, []byte{'\n'}) }

// leadingBlankLines counts the empty lines at the start of b, which the
// CSV parser skips.
func leadingBlankLines(b []byte) int {
	n := 0
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 || len(bytes.TrimRight(b[:i], "\r")) > 0 {
			return n
		}
		n++
		b = b[i+1:]
	}
}

// firstLineEnd returns the offset just past the newline ending the first
// non-empty line of b, len(b) when there is none.
func firstLineEnd(b []byte) int {
	off := 0
	for {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			return len(b)
		}
		l := b[off : off+i]
		off += i + 1
		if len(bytes.TrimRight(l, "\r")) > 0 {
			return off
		}
	}
}

func (rd *Reader) initCSV(br *bufio.Reader, head []byte, opt ReadOptions) error {
	comma := opt.Delimiter
	if comma == 0 {
		comma = sniffDelimiter(head)
	}
	if comma == '"' || comma == '\r' || comma == '\n' || !utf8.ValidRune(comma) || comma == utf8.RuneError {
		return fmt.Errorf("delimiter %q cannot be used", comma)
	}
	rd.Delimiter = comma
	src := &csvSource{rec: &recorder{under: br, limit: opt.MaxRecordBytes}, comma: comma}
	src.restart(0)
	var header []string
	width := 0
	if !opt.NoHeader {
		f, _, err := src.read()
		var re *RowError
		switch {
		case errors.As(err, &re):
			return fmt.Errorf("header: %w", re)
		case errors.Is(err, io.EOF):
			return fmt.Errorf("the file is empty: no header line")
		case err != nil:
			return fmt.Errorf("header: %w", err)
		}
		header = slices.Clone(f)
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
		for i := range header {
			header[i] = strings.TrimSpace(header[i])
		}
		width = len(header)
	}
	cols, err := resolveCSV(header, opt.Map, width)
	if err != nil {
		return err
	}
	rd.Columns = cols
	rd.next = func() (Record, error) {
		for {
			fields, line, err := src.read()
			if err != nil {
				return Record{}, rd.numbered(err)
			}
			if len(fields) == 1 && strings.TrimSpace(fields[0]) == "" {
				continue // a blank line
			}
			seq := rd.seq
			rd.seq++
			if width == 0 {
				width = len(fields)
			}
			rec, err := cols.record(fields, width)
			rec.Seq, rec.Line = seq, line
			if err != nil {
				return Record{}, &RowError{Seq: seq, Line: line, ID: rec.ID, Err: err}
			}
			return rec, nil
		}
	}
	return nil
}

// record builds a Record from a CSV record's fields.
func (c *Columns) record(fields []string, width int) (Record, error) {
	var rec Record
	get := func(slot int) string {
		if ix := c.slots[slot]; len(ix) > 0 && ix[0] < len(fields) {
			return strings.TrimSpace(fields[ix[0]])
		}
		return ""
	}
	rec.ID = get(slotID)
	if len(fields) < width {
		return rec, fmt.Errorf("%d fields, the header has %d", len(fields), width)
	}
	if len(fields) > width {
		for _, f := range fields[width:] {
			if strings.TrimSpace(f) != "" {
				return rec, fmt.Errorf("%d fields, the header has %d (an unquoted delimiter in a field?)", len(fields), width)
			}
		}
	}
	rec.Name = get(slotName)
	if rec.Name == "" {
		rec.Name = joinName(get(slotFirstName), get(slotMiddleName), get(slotLastName))
	}
	rec.BirthDate, rec.Gender, rec.Type = get(slotBirthDate), get(slotGender), get(slotType)
	for _, i := range c.slots[slotCountry] {
		if i < len(fields) {
			rec.Countries = append(rec.Countries, splitCountries(fields[i])...)
		}
	}
	for _, is := range idSlots {
		for _, i := range c.slots[is.slot] {
			if i < len(fields) {
				if v := strings.TrimSpace(fields[i]); v != "" {
					rec.Identifiers = append(rec.Identifiers, entity.Identifier{Type: is.typ, Value: v})
				}
			}
		}
	}
	return rec, nil
}

func joinName(parts ...string) string {
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func splitCountries(s string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// jsonlSource reads JSON lines, bounding each line.
type jsonlSource struct {
	br    *bufio.Reader
	line  int
	limit int
}

// readLine returns the next line without its newline, or a *RowError for
// one longer than the limit (skipped).
func (s *jsonlSource) readLine() ([]byte, int, error) {
	var buf []byte
	tooLong := false
	s.line++
	line := s.line
	for {
		chunk, err := s.br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > s.limit {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && !errors.Is(err, io.EOF):
			return nil, line, fmt.Errorf("reading line %d: %w", line, err)
		case tooLong:
			return nil, line, &RowError{Line: line, Err: fmt.Errorf("line longer than %d bytes", s.limit)}
		case err != nil && len(buf) == 0:
			return nil, line, io.EOF
		}
		return bytes.TrimRight(buf, "\r\n"), line, nil
	}
}

// numbered gives a malformed row's error the next sequence number (rows,
// good or bad, are numbered in input order); other errors pass as they
// are.
func (rd *Reader) numbered(err error) error {
	var re *RowError
	if errors.As(err, &re) {
		re.Seq = rd.seq
		rd.seq++
	}
	return err
}

func (rd *Reader) initJSONL(br *bufio.Reader, opt ReadOptions) error {
	src := &jsonlSource{br: br, limit: opt.MaxRecordBytes}
	keys := newKeyMapper(opt.Map)
	first := true
	rd.next = func() (Record, error) {
		for {
			b, line, err := src.readLine()
			if err != nil {
				return Record{}, rd.numbered(err)
			}
			if len(bytes.TrimSpace(b)) == 0 {
				continue
			}
			seq := rd.seq
			rd.seq++
			rec, cols, err := keys.record(b)
			rec.Seq, rec.Line = seq, line
			if first && cols != nil {
				rd.Columns, first = cols, false
			}
			if err != nil {
				return Record{}, &RowError{Seq: seq, Line: line, ID: rec.ID, Err: err}
			}
			return rec, nil
		}
	}
	if err := keys.check(); err != nil {
		return err
	}
	rd.Columns = &Columns{Keys: map[Field][]string{}}
	// Map the first object's keys now, to describe and check the mapping
	// before the run.
	head, _ := br.Peek(opt.MaxRecordBytes)
	for len(head) > 0 {
		line := head
		i := bytes.IndexByte(head, '\n')
		if i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if rec, cols, err := keys.record(line); err == nil && cols != nil {
			rd.Columns = cols
			if err := cols.check(); err != nil && len(rec.Identifiers) == 0 {
				return fmt.Errorf("first object: %w", err)
			}
		}
		break
	}
	return nil
}

// keyMapper maps JSON object keys to fields, remembering each key's field.
type keyMapper struct {
	explicit map[string]Field // normalised key → field
	cache    map[string]keyField
}

type keyField struct {
	field Field
	rank  int // lower wins when two keys give one single-valued field
	ok    bool
}

func newKeyMapper(m Map) *keyMapper {
	km := &keyMapper{explicit: map[string]Field{}, cache: map[string]keyField{}}
	for f, cols := range m {
		for _, c := range cols {
			km.explicit[normHeader(c)] = f
		}
	}
	return km
}

// check fails when the explicit map names a column by number, which a
// JSON object does not have.
func (km *keyMapper) check() error {
	for k, f := range km.explicit {
		if k != "" && strings.Trim(k, "0123456789") == "" {
			return fmt.Errorf("--map %s=%s: JSON lines name fields by key, not by column number", f, k)
		}
	}
	return nil
}

func (km *keyMapper) field(k string) keyField {
	if kf, ok := km.cache[k]; ok {
		return kf
	}
	n := normHeader(k)
	var kf keyField
	if f, ok := km.explicit[n]; ok {
		kf = keyField{f, -1, true}
	} else if f, ok := synonymField[n]; ok {
		explicitField := false
		for _, ef := range km.explicit {
			explicitField = explicitField || ef == f
		}
		if !explicitField {
			kf = keyField{f, slices.Index(headerSynonyms[f], n), true}
		}
	}
	if len(km.cache) < 4096 {
		km.cache[k] = kf
	}
	return kf
}

// record decodes one JSON line.
func (km *keyMapper) record(b []byte) (Record, *Columns, error) {
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return rec, nil, fmt.Errorf("not a JSON object: %w", err)
	}
	if dec.More() {
		return rec, nil, fmt.Errorf("more than one JSON value on the line")
	}
	cols := &Columns{Keys: map[Field][]string{}}
	best := map[Field]int{}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var problems []string
	for _, k := range keys {
		v := obj[k]
		if normHeader(k) == "identifiers" {
			ids, err := jsonIdentifiers(v)
			if err != nil {
				problems = append(problems, err.Error())
			}
			rec.Identifiers = append(rec.Identifiers, ids...)
			continue
		}
		kf := km.field(k)
		if !kf.ok {
			cols.Ignored = append(cols.Ignored, k)
			continue
		}
		f := kf.field
		if f == FieldCountry {
			for _, s := range jsonStrings(v) {
				rec.Countries = append(rec.Countries, splitCountries(s)...)
			}
			cols.Keys[f] = append(cols.Keys[f], k)
			continue
		}
		if t, ok := idFields[f]; ok {
			for _, s := range jsonStrings(v) {
				if s = strings.TrimSpace(s); s != "" {
					rec.Identifiers = append(rec.Identifiers, entity.Identifier{Type: t, Value: s})
				}
			}
			cols.Keys[f] = append(cols.Keys[f], k)
			continue
		}
		s, ok := jsonString(v)
		if !ok {
			problems = append(problems, fmt.Sprintf("%q is not a string or a number", k))
			continue
		}
		if r, seen := best[f]; seen && r <= kf.rank {
			continue
		}
		best[f] = kf.rank
		cols.Keys[f] = []string{k}
		s = strings.TrimSpace(s)
		switch f {
		case FieldID:
			rec.ID = s
		case FieldName:
			rec.Name = s
		case FieldFirstName, FieldMiddleName, FieldLastName:
			// joined below, in order
		case FieldBirthDate:
			rec.BirthDate = s
		case FieldGender:
			rec.Gender = s
		case FieldType:
			rec.Type = s
		}
	}
	if rec.Name == "" {
		var parts []string
		for _, f := range []Field{FieldFirstName, FieldMiddleName, FieldLastName} {
			if ks := cols.Keys[f]; len(ks) > 0 {
				s, _ := jsonString(obj[ks[0]])
				parts = append(parts, s)
			}
		}
		rec.Name = joinName(parts...)
	}
	if len(problems) > 0 && rec.Name == "" && len(rec.Identifiers) == 0 {
		return rec, cols, errors.New(strings.Join(problems, "; "))
	}
	return rec, cols, nil
}

func jsonString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case nil:
		return "", true
	}
	return "", false
}

func jsonStrings(v any) []string {
	if l, ok := v.([]any); ok {
		var out []string
		for _, x := range l {
			if s, ok := jsonString(x); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	if s, ok := jsonString(v); ok && s != "" {
		return []string{s}
	}
	return nil
}

// jsonIdentifiers reads an "identifiers" array as screen.Request has it:
// objects with type, value and country.
func jsonIdentifiers(v any) ([]entity.Identifier, error) {
	l, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil, nil
		}
		return nil, fmt.Errorf("identifiers is not an array")
	}
	var out []entity.Identifier
	for i, x := range l {
		o, ok := x.(map[string]any)
		if !ok {
			return out, fmt.Errorf("identifiers[%d] is not an object", i)
		}
		val, _ := jsonString(o["value"])
		if strings.TrimSpace(val) == "" {
			continue
		}
		typ, _ := jsonString(o["type"])
		ctry, _ := jsonString(o["country"])
		out = append(out, entity.Identifier{Type: entity.ParseIDType(typ), Value: strings.TrimSpace(val), Country: strings.TrimSpace(ctry)})
	}
	return out, nil
}
