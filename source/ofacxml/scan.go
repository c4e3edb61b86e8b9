package ofacxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/embargo/embargo/source/internal/xmlscan"
)

// The scanner is a small streaming XML tokenizer written for the two OFAC
// formats: it is several times faster than encoding/xml's Decoder, which
// the classic file needs to be read at ≥ 30 MB/s, and it keeps only the
// current token in memory. It checks what matters for well-formedness
// here: tags are closed in order (by local name), the document does not
// end inside an element, and markup is not cut short. It does not expand
// DTD-declared entities (the OFAC files have no DTD); the five predefined
// entities and character references are decoded.

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// errSyntax is wrapped by every malformed-markup error.
var errSyntax = errors.New("XML syntax error")

// errEOF is returned by the element readers when the input ends inside an
// element.
var errEOF = errors.New("unexpected end of file inside an element")

const (
	initialBuf = 64 << 10
	maxToken   = 64 << 20 // longest single token (tag or text run) accepted
)

type scanner struct {
	r    io.Reader
	buf  []byte
	pos  int // next unread byte
	n    int // bytes of buf holding data
	eof  bool
	rerr error // read error other than io.EOF
	line int   // line number of buf[pos], 1-based

	kind    tokKind
	name    []byte // local name of a start or end tag (valid until next call)
	attrs   []byte // raw attributes of a start tag (valid until next call)
	raw     []byte // text content, entities not decoded (valid until next call)
	cdata   bool   // raw came from a CDATA section
	tokLine int    // line where the current token starts

	selfClose bool // the current start tag is self-closing; an end token follows

	stack   []int  // end offsets into names of the open elements' local names
	names   []byte // open elements' local names, concatenated
	lenient bool   // resynchronising: do not check or track nesting

	encoding string // encoding named by the XML declaration, if any

	scratch []byte
}

func newScanner(r io.Reader, size int) *scanner {
	if size <= 0 {
		size = initialBuf
	}
	return &scanner{r: r, buf: make([]byte, size), line: 1}
}

// fill reads more input, moving unread bytes to the front of the buffer
// and growing it when it is full. It reports whether bytes were added.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		copy(s.buf, s.buf[s.pos:s.n])
		s.n -= s.pos
		s.pos = 0
	}
	if s.n == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.eof = true
			s.rerr = fmt.Errorf("%w: token longer than %d bytes", errSyntax, maxToken)
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.n])
		s.buf = nb
	}
	for empty := 0; ; empty++ {
		m, err := s.r.Read(s.buf[s.n:])
		s.n += m
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return m > 0
		}
		if m > 0 {
			return true
		}
		if empty > 100 {
			s.eof = true
			s.rerr = io.ErrNoProgress
			return false
		}
	}
}

// ensure makes at least k unread bytes available if the input has them.
func (s *scanner) ensure(k int) bool {
	for s.n-s.pos < k {
		if !s.fill() {
			return false
		}
	}
	return true
}

// index returns the offset from pos of seq at or after pos+from, reading
// more input as needed; -1 when the input ends first.
func (s *scanner) index(from int, seq string) int {
	for {
		if s.pos+from < s.n {
			if i := bytes.Index(s.buf[s.pos+from:s.n], []byte(seq)); i >= 0 {
				return from + i
			}
			// Keep the last len(seq)-1 bytes: seq may straddle the refill.
			if back := s.n - s.pos - len(seq) + 1; back > from {
				from = back
			}
		}
		if !s.fill() {
			return -1
		}
	}
}

func (s *scanner) advance(k int) {
	s.line += bytes.Count(s.buf[s.pos:s.pos+k], []byte{'\n'})
	s.pos += k
}

func (s *scanner) syntax(format string, args ...any) error {
	s.kind, s.raw, s.name, s.attrs = tokText, nil, nil, nil
	return fmt.Errorf("%w: line %d: %s", errSyntax, s.line, fmt.Sprintf(format, args...))
}

// depth is the number of open elements.
func (s *scanner) depth() int { return len(s.stack) }

func (s *scanner) push(name []byte) {
	s.names = append(s.names, name...)
	s.stack = append(s.stack, len(s.names))
}

func (s *scanner) top() []byte {
	if len(s.stack) == 0 {
		return nil
	}
	start := 0
	if len(s.stack) > 1 {
		start = s.stack[len(s.stack)-2]
	}
	return s.names[start:s.stack[len(s.stack)-1]]
}

func (s *scanner) pop() {
	if len(s.stack) == 0 {
		return
	}
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.names = s.names[:0]
	} else {
		s.names = s.names[:s.stack[len(s.stack)-1]]
	}
}

// resetStack replaces the open elements by the given local names, outermost
// first. It is used after resynchronisation.
func (s *scanner) resetStack(names ...string) {
	s.stack = s.stack[:0]
	s.names = s.names[:0]
	for _, n := range names {
		s.push([]byte(n))
	}
}

// next reads the next token. Comments, processing instructions and the
// document type declaration are skipped. At the end of input it sets kind
// to tokEOF and returns the read error, if any. On malformed markup it
// returns an error wrapping errSyntax after moving past the bad byte, so
// that a caller can resynchronise.
func (s *scanner) next() error {
	if s.selfClose {
		s.selfClose = false
		s.kind = tokEnd
		if !s.lenient {
			s.pop()
		}
		return nil
	}
	for {
		if s.pos >= s.n && !s.fill() {
			s.kind = tokEOF
			s.name, s.attrs, s.raw = nil, nil, nil
			return s.rerr
		}
		if s.buf[s.pos] != '<' {
			return s.scanText()
		}
		if !s.ensure(2) {
			s.advance(s.n - s.pos)
			return s.syntax("document ends with '<'")
		}
		switch c := s.buf[s.pos+1]; c {
		case '/':
			return s.scanEndTag()
		case '?':
			if err := s.skipPI(); err != nil {
				return err
			}
		case '!':
			done, err := s.scanBang()
			if err != nil || done {
				return err
			}
		default:
			return s.scanStartTag()
		}
	}
}

func (s *scanner) scanText() error {
	searched := 0
	for {
		if i := bytes.IndexByte(s.buf[s.pos+searched:s.n], '<'); i >= 0 {
			s.setText(searched+i, false, 0)
			return nil
		}
		searched = s.n - s.pos
		if !s.fill() {
			s.setText(s.n-s.pos, false, 0)
			return nil
		}
	}
}

// setText makes the next k bytes a text token, then skips tail more bytes.
func (s *scanner) setText(k int, cdata bool, head int) {
	s.kind = tokText
	s.cdata = cdata
	s.tokLine = s.line
	s.raw = s.buf[s.pos+head : s.pos+head+k]
	s.advance(head + k)
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

// tagEnd returns the offset from pos of the '>' closing the tag at pos,
// skipping quoted attribute values; -1 when the input ends first, -2 when
// a '<' shows the tag was never closed.
func (s *scanner) tagEnd() int {
	var q byte
	i := 1
	for {
		for ; s.pos+i < s.n; i++ {
			c := s.buf[s.pos+i]
			if q != 0 {
				if c == q {
					q = 0
				} else if c == '<' {
					return -2
				}
				continue
			}
			switch c {
			case '"', '\'':
				q = c
			case '>':
				return i
			case '<':
				return -2
			}
		}
		if !s.fill() {
			return -1
		}
	}
}

func localName(qname []byte) []byte {
	if i := bytes.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

// closingGT is tagEnd for a tag that must be closed: when it is not, it
// moves past the input or the '<' and returns a syntax error, saying the
// document ends inside the tag (inside names it: "a tag") or giving
// unclosed.
func (s *scanner) closingGT(inside, unclosed string) (int, error) {
	gt := s.tagEnd()
	if gt >= 0 {
		return gt, nil
	}
	if gt == -1 {
		s.advance(s.n - s.pos)
		return 0, s.syntax("document ends inside %s", inside)
	}
	s.advance(1)
	return 0, s.syntax("%s", unclosed)
}

func (s *scanner) scanStartTag() error {
	if !isNameStart(s.buf[s.pos+1]) {
		s.advance(1)
		return s.syntax("invalid character %q after '<'", s.buf[s.pos])
	}
	gt, err := s.closingGT("a tag", "unclosed tag")
	if err != nil {
		return err
	}
	qname, attrs, self := xmlscan.SplitTag(s.buf[s.pos+1 : s.pos+gt])
	s.kind = tokStart
	s.tokLine = s.line
	s.name = localName(qname)
	s.attrs = attrs
	s.selfClose = self
	if len(s.name) == 0 {
		s.advance(gt + 1)
		s.selfClose = false
		return s.syntax("empty element name")
	}
	if !s.lenient {
		s.push(s.name)
	}
	s.advance(gt + 1)
	return nil
}

func (s *scanner) scanEndTag() error {
	gt, err := s.closingGT("an end tag", "unclosed end tag")
	if err != nil {
		return err
	}
	tag := bytes.TrimRight(s.buf[s.pos+2:s.pos+gt], " \t\r\n")
	s.kind = tokEnd
	s.tokLine = s.line
	s.name = localName(tag)
	s.attrs = nil
	s.advance(gt + 1)
	if s.lenient {
		return nil
	}
	if len(s.stack) == 0 {
		return s.syntax("end tag </%s> without a start tag", s.name)
	}
	if !bytes.Equal(s.top(), s.name) {
		err := s.syntax("end tag </%s> does not match <%s>", s.name, s.top())
		return err
	}
	s.pop()
	return nil
}

func (s *scanner) skipPI() error {
	end := s.index(2, "?>")
	if end < 0 {
		s.advance(s.n - s.pos)
		return s.syntax("document ends inside a processing instruction")
	}
	pi := s.buf[s.pos+2 : s.pos+end]
	if bytes.HasPrefix(pi, []byte("xml")) && (len(pi) == 3 || xmlscan.IsSpace(pi[3])) {
		if v, ok := attr(pi[3:], "encoding"); ok {
			s.encoding = strings.ToLower(strings.TrimSpace(string(v)))
		}
	}
	s.advance(end + 2)
	return nil
}

// scanBang handles "<!": comments and the DOCTYPE are skipped (done is
// false), a CDATA section becomes a text token (done is true).
func (s *scanner) scanBang() (done bool, err error) {
	s.ensure(9)
	rest := s.buf[s.pos:s.n]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := s.index(4, "-->")
		if end < 0 {
			s.advance(s.n - s.pos)
			return false, s.syntax("document ends inside a comment")
		}
		s.advance(end + 3)
		return false, nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := s.index(9, "]]>")
		if end < 0 {
			s.advance(s.n - s.pos)
			return false, s.syntax("document ends inside a CDATA section")
		}
		s.setText(end-9, true, 9)
		s.advance(3)
		return true, nil
	case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
		// Skip to the '>' that closes the declaration, past any internal
		// subset in brackets.
		depth := 0
		for i := 9; ; i++ {
			if s.pos+i >= s.n && !s.fill() {
				s.advance(s.n - s.pos)
				return false, s.syntax("document ends inside the DOCTYPE")
			}
			switch s.buf[s.pos+i] {
			case '[':
				depth++
			case ']':
				depth--
			case '>':
				if depth <= 0 {
					s.advance(i + 1)
					return false, nil
				}
			}
		}
	}
	s.advance(2)
	return false, s.syntax("unknown markup '<!'")
}

// attr returns the raw value of the attribute with the given name (compared
// in full, prefix included) from raw start-tag attributes.
func attr(attrs []byte, name string) ([]byte, bool) {
	i := 0
	for i < len(attrs) {
		for i < len(attrs) && xmlscan.IsSpace(attrs[i]) {
			i++
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && !xmlscan.IsSpace(attrs[i]) {
			i++
		}
		key := attrs[start:i]
		for i < len(attrs) && xmlscan.IsSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || attrs[i] != '=' {
			if i == start {
				i++ // stray character: step over it
			}
			continue
		}
		i++
		for i < len(attrs) && xmlscan.IsSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) {
			return nil, false
		}
		q := attrs[i]
		if q != '"' && q != '\'' {
			// Unquoted value: not XML, but read it to the next space.
			vs := i
			for i < len(attrs) && !xmlscan.IsSpace(attrs[i]) {
				i++
			}
			if string(key) == name {
				return attrs[vs:i], true
			}
			continue
		}
		i++
		vs := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		val := attrs[vs:i]
		i++
		if string(key) == name {
			return val, true
		}
	}
	return nil, false
}

// attrString returns the decoded, trimmed value of an attribute of the
// current start tag, "" when absent.
func (s *scanner) attrString(name string) string {
	v, ok := attr(s.attrs, name)
	if !ok {
		return ""
	}
	return strings.TrimSpace(decode(v))
}

// decode expands the predefined entities and character references of raw
// XML text and replaces invalid UTF-8. Unknown entities are kept as
// written.
func decode(b []byte) string {
	amp := bytes.IndexByte(b, '&')
	if amp < 0 {
		return validString(b)
	}
	out := make([]byte, 0, len(b))
	for amp >= 0 {
		out = append(out, b[:amp]...)
		b = b[amp:]
		ent, n, ok := xmlscan.CutRef(b)
		if !ok {
			out = append(out, '&')
			b = b[1:]
		} else {
			if r, ok := xmlEntity(ent); ok {
				out = utf8.AppendRune(out, r)
			} else {
				out = append(out, b[:n]...)
			}
			b = b[n:]
		}
		amp = bytes.IndexByte(b, '&')
	}
	out = append(out, b...)
	return validString(out)
}

// xmlEntity decodes the body of a reference leniently: a character
// reference out of range or to a character that cannot be written (NUL, a
// surrogate) is U+FFFD, and ok is false for a reference that does not
// decode, which decode keeps as written.
func xmlEntity(ent []byte) (r rune, ok bool) {
	r, err := xmlscan.DecodeRef(ent, true)
	if err != nil {
		var e *xmlscan.RefError
		if errors.As(err, &e) && e.Problem == xmlscan.OutOfRange {
			return utf8.RuneError, true
		}
		return 0, false
	}
	if !utf8.ValidRune(r) || r == 0 {
		return utf8.RuneError, true
	}
	return r, true
}

func validString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// text reads the content of the element whose start tag is the current
// token, up to and including its end tag, and returns its text (that of
// nested elements included), decoded but not trimmed.
func (s *scanner) text() (string, error) {
	if s.selfClose {
		return "", s.next()
	}
	// Fast path: one text token followed by the end tag.
	if err := s.next(); err != nil {
		return "", err
	}
	switch s.kind {
	case tokEnd:
		return "", nil
	case tokEOF:
		return "", errEOF
	case tokText:
		var v string
		if s.cdata {
			v = validString(s.raw)
		} else {
			v = decode(s.raw)
		}
		if err := s.next(); err != nil {
			return "", err
		}
		if s.kind == tokEnd {
			return v, nil
		}
		return s.textSlow(v)
	}
	return s.textSlow("")
}

// textSlow continues text for mixed content: the current token is the
// first one not yet consumed.
func (s *scanner) textSlow(prefix string) (string, error) {
	b := append(s.scratch[:0], prefix...)
	depth := 1
	for {
		switch s.kind {
		case tokEOF:
			return "", errEOF
		case tokStart:
			depth++ // a self-closing tag's synthesized end token balances it
		case tokEnd:
			depth--
			if depth == 0 {
				s.scratch = b[:0]
				return string(b), nil
			}
		case tokText:
			if s.cdata {
				b = append(b, s.raw...)
			} else {
				b = append(b, decode(s.raw)...)
			}
		}
		if err := s.next(); err != nil {
			return "", err
		}
	}
}

// skip consumes the rest of the element whose start tag is the current
// token.
func (s *scanner) skip() error {
	depth := 1
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return errEOF
		case tokStart:
			depth++
		case tokEnd:
			depth--
			if depth == 0 {
				return nil
			}
		}
	}
}

// children calls f for each child element of the element whose start tag
// is the current token; f is called with the child's start tag current
// and must consume the child (by text, skip or children). Text between
// children is ignored.
func (s *scanner) children(f func(name []byte) error) error {
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return errEOF
		case tokEnd:
			return nil
		case tokStart:
			if err := f(s.name); err != nil {
				return err
			}
		}
	}
}

// root moves to the document's first element and returns its local name
// and attributes (valid until the next call). It fails when the input
// has no element.
func (s *scanner) root() (string, []byte, error) {
	if s.ensure(3) && bytes.HasPrefix(s.buf[s.pos:s.n], []byte("\xef\xbb\xbf")) {
		s.pos += 3
	}
	if s.ensure(2) && (bytes.HasPrefix(s.buf[s.pos:s.n], []byte("\xff\xfe")) || bytes.HasPrefix(s.buf[s.pos:s.n], []byte("\xfe\xff"))) {
		return "", nil, errors.New("UTF-16 documents are not supported")
	}
	for {
		if err := s.next(); err != nil {
			return "", nil, err
		}
		switch s.kind {
		case tokEOF:
			return "", nil, errors.New("no XML element found")
		case tokStart:
			switch s.encoding {
			case "", "utf-8", "utf8", "us-ascii", "ascii":
			default:
				return "", nil, fmt.Errorf("unsupported encoding %q", s.encoding)
			}
			return string(s.name), s.attrs, nil
		case tokEnd:
			return "", nil, s.syntax("end tag before the first element")
		case tokText:
			if len(bytes.TrimSpace(s.raw)) > 0 {
				return "", nil, errors.New("text before the first element")
			}
		}
	}
}

// resync skips input after a syntax error, without checking nesting, until
// it finds a start tag for which path returns the local names of its
// ancestors below the root (ok true), or the root's end tag. It resets the
// element stack to match and leaves that tag as the current token. It
// returns false at the end of input.
func (s *scanner) resync(root string, path func(name []byte) ([]string, bool)) (bool, error) {
	s.lenient = true
	defer func() { s.lenient = false }()
	for {
		err := s.next()
		if s.kind == tokEOF {
			return false, err
		}
		if err != nil {
			if !errors.Is(err, errSyntax) {
				return false, err
			}
			continue
		}
		switch s.kind {
		case tokStart:
			if anc, ok := path(s.name); ok {
				names := append([]string{root}, anc...)
				names = append(names, string(s.name))
				s.resetStack(names...)
				return true, nil
			}
		case tokEnd:
			if string(s.name) == root {
				s.resetStack()
				return true, nil
			}
		}
	}
}
