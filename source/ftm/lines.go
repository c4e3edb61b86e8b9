package ftm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxLine bounds one JSON line. OpenSanctions' largest entities (thousands
// of names and identifiers) stay far below it; a longer line is reported
// and skipped rather than read into memory.
const maxLine = 64 << 20

var errLineTooLong = fmt.Errorf("line longer than %d MiB", maxLine>>20)

// lineReader reads newline-terminated lines and counts them.
type lineReader struct {
	r    *bufio.Reader
	line int    // 1-based number of the line last returned
	buf  []byte // holds a line longer than the bufio buffer
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line without its line ending and whether it ended
// with a newline (false only for a last line cut short or a file without
// a final newline). The slice is valid until the next call. At the end it
// returns io.EOF; a line longer than maxLine gives errLineTooLong once,
// after which reading continues with the following line.
func (l *lineReader) next() (line []byte, terminated bool, err error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			if !tooLong {
				l.buf = append(l.buf, chunk...)
				if len(l.buf) > maxLine {
					tooLong, l.buf = true, l.buf[:0]
				}
			}
			continue
		case err == nil:
			l.line++
			if tooLong {
				return nil, true, errLineTooLong
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
				return nil, false, errLineTooLong
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

var bom = []byte("\ufeff")

// firstLine returns the first line of head that is not blank, without a
// byte order mark, and whether the line is complete within head.
func firstLine(head []byte) ([]byte, bool) {
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

// topKeys returns the keys of the JSON object that b starts with, as far
// as b goes: the head of a file may cut the first line short.
func topKeys(b []byte) map[string]bool {
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
