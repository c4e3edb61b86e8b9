// Package jsonl reads the JSON-lines files that OpenSanctions publishes
// (one JSON value per line) for the parsers that read them, source/ftm and
// source/senzing. It does the part those formats share: lines counted
// from 1 for Problems, blank lines and a byte order mark passed over, an
// overlong line reported and skipped instead of read into memory, a last
// line without a newline told apart so that a truncated file can be
// refused, and the cheap look at a file's first keys that sniffing needs.
// What a line means is left to the parser.
package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/embargo/embargo/source"
)

// MaxLine bounds one JSON line. OpenSanctions' largest entities (thousands
// of names and identifiers) stay far below it; a longer line is reported
// and skipped rather than read into memory.
const MaxLine = 64 << 20

// ErrLineTooLong is returned for a line longer than MaxLine.
var ErrLineTooLong = fmt.Errorf("line longer than %d MiB", MaxLine>>20)

// Reader reads newline-terminated lines and counts them.
type Reader struct {
	r    *bufio.Reader
	max  int    // MaxLine; smaller in tests
	line int    // 1-based number of the line last returned
	buf  []byte // holds a line longer than the bufio buffer
}

// NewReader returns a Reader of r.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64<<10), max: MaxLine}
}

// Line returns the 1-based number of the line Next returned last.
func (l *Reader) Line() int { return l.line }

// Next returns the next line without its line ending and whether it ended
// with a newline (false only for a last line cut short or a file without
// a final newline). The slice is valid until the next call. At the end it
// returns io.EOF; a line longer than MaxLine gives ErrLineTooLong once,
// after which reading continues with the following line.
func (l *Reader) Next() (line []byte, terminated bool, err error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			if !tooLong {
				l.buf = append(l.buf, chunk...)
				if len(l.buf) > l.max {
					tooLong, l.buf = true, l.buf[:0]
				}
			}
			continue
		case err == nil:
			l.line++
			if tooLong {
				return nil, true, ErrLineTooLong
			}
			chunk = chunk[:len(chunk)-1]
			if len(l.buf) > 0 {
				l.buf = append(l.buf, chunk...)
				chunk = l.buf
			}
			return bytes.TrimSuffix(chunk, []byte{'\r'}), true, nil
		case errors.Is(err, io.EOF):
			if len(chunk) == 0 && len(l.buf) == 0 && !tooLong {
				return nil, false, io.EOF
			}
			l.line++
			if tooLong {
				return nil, false, ErrLineTooLong
			}
			if len(l.buf) > 0 {
				chunk = append(l.buf, chunk...)
			}
			return chunk, false, nil
		default:
			return nil, false, err
		}
	}
}

// Scan reads in.R line by line for a parser. It passes over blank lines
// and a byte order mark, calls first with the first line that is not
// blank (to refuse a file of another format: its error stops the scan),
// then counts each line in rep.Records and calls fn with it, its
// newline flag and its number; an error from fn stops the scan. A line
// longer than MaxLine is counted and reported in rep as a Problem. ctx is
// checked every 1024 records. A file without any line fails with
// source.ErrNotList.
func Scan(ctx context.Context, in source.Input, rep *source.Report,
	first func(line []byte, terminated bool) error,
	fn func(line []byte, terminated bool, n int) error) error {
	lr := NewReader(in.R)
	seen := false
	for {
		if err := source.CheckContext(ctx, rep.Records); err != nil {
			return err
		}
		line, terminated, err := lr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, ErrLineTooLong) {
			rep.Records++
			rep.Skip(source.Problem{File: in.Name, Line: lr.line, Err: err})
			seen = true
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", in.Name, err)
		}
		if lr.line == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !seen {
			seen = true
			if err := first(line, terminated); err != nil {
				return err
			}
		}
		rep.Records++
		if err := fn(line, terminated, lr.line); err != nil {
			return err
		}
	}
	if !seen {
		return fmt.Errorf("%s: empty file: %w", in.Name, source.ErrNotList)
	}
	return nil
}

// CutShort reports whether line is the start of a JSON value cut short by
// the end of the file: it has no newline and is not valid JSON. A parser
// fails on such a line with source.ErrTruncated instead of reporting it
// as a malformed record.
func CutShort(line []byte, terminated bool) bool {
	return !terminated && !json.Valid(line)
}

var bom = []byte("\ufeff")

// FirstLine returns the first line of head that is not blank, without a
// byte order mark, and whether the line is complete within head.
func FirstLine(head []byte) ([]byte, bool) {
	head = bytes.TrimPrefix(head, bom)
	for len(head) > 0 {
		line, rest, found := bytes.Cut(head, []byte{'\n'})
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return t, found
		}
		head = rest
	}
	return nil, false
}

// TopKeys returns the keys of the JSON object that b starts with, as far
// as b goes: the head of a file may cut the first line short.
func TopKeys(b []byte) map[string]bool {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	keys := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, ok := tok.(string)
		if !ok {
			return keys
		}
		keys[k] = true
		// Skip the value, however deep.
		depth := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				return keys
			}
			if d, ok := tok.(json.Delim); ok {
				if d == '{' || d == '[' {
					depth++
				} else {
					depth--
				}
			}
			if depth == 0 {
				break
			}
		}
	}
	return keys
}
