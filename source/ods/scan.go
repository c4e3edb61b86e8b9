package ods

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/xmlscan"
)

// scanner is a streaming XML tokenizer specialised for content.xml: it
// yields start tags, end tags and character data, resolves namespace
// prefixes to the few OpenDocument namespaces the reader cares about, and
// checks well-formedness (tag nesting, attribute syntax, references).
// Token slices point into its buffer and are valid until the next call to
// next, so that it allocates nothing per token (encoding/xml allocates
// several times per token and is about five times slower on content.xml).
type scanner struct {
	r   io.Reader
	buf []byte
	pos int // next unread byte
	end int // buf[pos:end] holds unread data
	eof bool

	lines int // newlines in the bytes discarded before buf[0]

	// The current token.
	kind  tokKind
	name  []byte // qualified name of a start or end tag
	attrs []byte // raw attributes of a start tag
	empty bool   // start tag is self-closing (<x/>)
	text  []byte // character data, raw (references undecoded) unless cdata
	cdata bool
	ns    nsID   // namespace of the current tag's element
	local []byte // local name of the current tag

	// Well-formedness: open elements and namespace scopes.
	arena  []byte  // qualified names of the open elements, concatenated
	stack  []frame // open elements
	scope  map[string]nsID
	undo   []nsUndo
	root   bool // the root element has started
	begun  bool // the byte order mark has been looked for
	closed bool // the root element has ended
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type frame struct {
	nameAt int // offset of the element's name in arena
	undoAt int // len(undo) when the element started
}

type nsUndo struct {
	prefix string
	old    nsID
	had    bool
}

// nsID names the namespaces the reader distinguishes; every other bound
// namespace is nsOther.
type nsID uint8

const (
	nsNone nsID = iota // no namespace (unprefixed name, no default namespace)
	nsOther
	nsOffice
	nsTable
	nsText
	nsDraw
	nsDr3d
	nsCalcExt
)

var knownNS = map[string]nsID{
	"urn:oasis:names:tc:opendocument:xmlns:office:1.0":                     nsOffice,
	"urn:oasis:names:tc:opendocument:xmlns:table:1.0":                      nsTable,
	"urn:oasis:names:tc:opendocument:xmlns:text:1.0":                       nsText,
	"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0":                    nsDraw,
	"urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0":                       nsDr3d,
	"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0": nsCalcExt,
}

const (
	readSize = 64 << 10
	// maxToken bounds one tag or one run of character data; content.xml
	// never comes near it, a hostile file cannot make the reader grow
	// without bound.
	maxToken = 32 << 20
)

// errSyntax is wrapped by every well-formedness error.
var errSyntax = errors.New("malformed XML")

func newScanner(r io.Reader) *scanner {
	return &scanner{
		r:     r,
		buf:   make([]byte, readSize),
		scope: map[string]nsID{"xml": nsOther},
	}
}

// line returns the 1-based line of the scanner's position.
func (s *scanner) line() int {
	return s.lines + bytes.Count(s.buf[:s.pos], []byte{'\n'}) + 1
}

func (s *scanner) syntaxf(format string, args ...any) error {
	return fmt.Errorf("content.xml:%d: %w: %s", s.line(), errSyntax, fmt.Sprintf(format, args...))
}

// wrap gives an error from attribute or reference parsing the line it
// happened at.
func (s *scanner) wrap(err error) error {
	if err == nil || errors.Is(err, errSyntax) {
		return err
	}
	return s.syntaxf("%v", err)
}

// truncated reports the end of the data in the middle of the document.
func (s *scanner) truncated() error {
	return fmt.Errorf("content.xml:%d: %w: XML ends inside the document", s.line(), source.ErrTruncated)
}

// fill reads more data, keeping buf[pos:end]. It returns false at the end
// of the input or on a read error (err set).
func (s *scanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		s.lines += bytes.Count(s.buf[:s.pos], []byte{'\n'})
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			return false, s.syntaxf("a tag or text run is longer than %d bytes", maxToken)
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
}

// next reads the next token.
func (s *scanner) next() (tokKind, error) {
	s.kind = tokEOF
	if !s.begun {
		s.begun = true
		for s.end < 3 && !s.eof {
			if _, err := s.fill(); err != nil {
				return tokEOF, err
			}
		}
		if bytes.HasPrefix(s.buf[:s.end], []byte("\xef\xbb\xbf")) {
			s.pos = 3
		}
	}
	for {
		if s.pos >= s.end {
			more, err := s.fill()
			if err != nil {
				return tokEOF, err
			}
			if !more {
				if !s.root {
					return tokEOF, fmt.Errorf("content.xml: %w: no root element", source.ErrTruncated)
				}
				if len(s.stack) > 0 {
					return tokEOF, s.truncated()
				}
				return tokEOF, nil
			}
			continue
		}
		if s.buf[s.pos] != '<' {
			i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
			if i < 0 {
				if !s.eof {
					if _, err := s.fill(); err != nil {
						return tokEOF, err
					}
					continue
				}
				i = s.end - s.pos
			}
			s.text = s.buf[s.pos : s.pos+i]
			s.cdata = false
			s.pos += i
			if len(s.stack) == 0 {
				// Outside the root only white space may appear (a BOM
				// is stripped before the scanner sees the data).
				if !isSpace(s.text) {
					return tokEOF, s.syntaxf("text outside the root element")
				}
				continue
			}
			s.kind = tokText
			return tokText, nil
		}
		k, ok, err := s.markup()
		if err != nil {
			return tokEOF, err
		}
		if !ok { // need more data
			more, err := s.fill()
			if err != nil {
				return tokEOF, err
			}
			if !more {
				return tokEOF, s.truncated()
			}
			continue
		}
		if k == tokEOF { // comment, PI, DOCTYPE: skipped
			continue
		}
		s.kind = k
		return k, nil
	}
}

// markup reads the markup at buf[pos] == '<'. ok is false when the buffer
// does not hold all of it yet. A skipped construct returns tokEOF, true.
func (s *scanner) markup() (tokKind, bool, error) {
	b := s.buf[s.pos:s.end]
	if len(b) < 2 {
		return tokEOF, false, nil
	}
	switch b[1] {
	case '/':
		i := bytes.IndexByte(b, '>')
		if i < 0 {
			return tokEOF, false, nil
		}
		name := bytes.TrimRight(b[2:i], " \t\r\n")
		s.pos += i + 1
		return tokEnd, true, s.endTag(name)
	case '?':
		i := bytes.Index(b, []byte("?>"))
		if i < 0 {
			return tokEOF, false, nil
		}
		s.pos += i + 2
		return tokEOF, true, nil
	case '!':
		if len(b) < 9 && !s.eof {
			return tokEOF, false, nil
		}
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return tokEOF, false, nil
			}
			s.pos += 4 + i + 3
			return tokEOF, true, nil
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			i := bytes.Index(b[9:], []byte("]]>"))
			if i < 0 {
				return tokEOF, false, nil
			}
			if len(s.stack) == 0 {
				return tokEOF, true, s.syntaxf("CDATA outside the root element")
			}
			s.text = b[9 : 9+i]
			s.cdata = true
			s.pos += 9 + i + 3
			return tokText, true, nil
		case bytes.HasPrefix(b, []byte("<!DOCTYPE")):
			if s.root {
				return tokEOF, true, s.syntaxf("DOCTYPE inside the document")
			}
			depth := 0
			for i := 2; i < len(b); i++ {
				switch b[i] {
				case '[':
					depth++
				case ']':
					depth--
				case '>':
					if depth <= 0 {
						s.pos += i + 1
						return tokEOF, true, nil
					}
				}
			}
			return tokEOF, false, nil
		}
		return tokEOF, true, s.syntaxf("unexpected %q", clip(b, 9))
	}
	// Start tag: find the closing '>' outside quoted attribute values.
	var quote byte
	i := 1
	for ; i < len(b); i++ {
		c := b[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			} else if c == '<' {
				return tokEOF, true, s.syntaxf("'<' in an attribute value")
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		} else if c == '<' {
			return tokEOF, true, s.syntaxf("'<' inside a tag")
		}
	}
	if i >= len(b) {
		return tokEOF, false, nil
	}
	tag := b[1:i]
	s.pos += i + 1
	name, attrs, empty := xmlscan.SplitTag(tag)
	if !validName(name) {
		return tokEOF, true, s.syntaxf("bad element name %q", clip(bytes.TrimSuffix(tag, []byte("/")), 40))
	}
	return tokStart, true, s.startTag(name, attrs, empty)
}

func (s *scanner) startTag(name, attrs []byte, empty bool) error {
	if s.closed {
		return s.syntaxf("second root element <%s>", name)
	}
	s.root = true
	s.name, s.attrs, s.empty = name, attrs, empty
	undoAt := len(s.undo)
	// Namespace declarations, and attribute syntax.
	err := eachAttr(attrs, func(qname, val []byte) error {
		var prefix string
		switch {
		case string(qname) == "xmlns":
			prefix = ""
		case bytes.HasPrefix(qname, []byte("xmlns:")):
			prefix = string(qname[6:])
			if prefix == "" {
				return s.syntaxf("empty namespace prefix")
			}
		default:
			return nil
		}
		uri, err := decodeAttr(nil, val)
		if err != nil {
			return s.syntaxf("%v", err)
		}
		id, ok := knownNS[string(uri)]
		if !ok {
			id = nsOther
			if len(uri) == 0 {
				id = nsNone
			}
		}
		old, had := s.scope[prefix]
		s.undo = append(s.undo, nsUndo{prefix, old, had})
		s.scope[prefix] = id
		return nil
	})
	if err != nil {
		return s.wrap(err)
	}
	var ok bool
	s.ns, s.local, ok = s.resolve(name)
	if !ok {
		return s.syntaxf("unbound namespace prefix in <%s>", name)
	}
	if empty {
		s.revert(undoAt)
		if len(s.stack) == 0 {
			s.closed = true
		}
		return nil
	}
	s.stack = append(s.stack, frame{nameAt: len(s.arena), undoAt: undoAt})
	s.arena = append(s.arena, name...)
	return nil
}

func (s *scanner) endTag(name []byte) error {
	if len(s.stack) == 0 {
		return s.syntaxf("unexpected </%s>", clip(name, 40))
	}
	f := s.stack[len(s.stack)-1]
	if !bytes.Equal(s.arena[f.nameAt:], name) {
		return s.syntaxf("</%s> closes <%s>", clip(name, 40), clip(s.arena[f.nameAt:], 40))
	}
	s.name = name
	var ok bool
	s.ns, s.local, ok = s.resolve(name)
	if !ok {
		return s.syntaxf("unbound namespace prefix in </%s>", name)
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.arena = s.arena[:f.nameAt]
	s.revert(f.undoAt)
	if len(s.stack) == 0 {
		s.closed = true
	}
	return nil
}

func (s *scanner) revert(to int) {
	for i := len(s.undo) - 1; i >= to; i-- {
		u := s.undo[i]
		if u.had {
			s.scope[u.prefix] = u.old
		} else {
			delete(s.scope, u.prefix)
		}
	}
	s.undo = s.undo[:to]
}

// resolve splits a qualified element name and maps its prefix to a
// namespace.
func (s *scanner) resolve(qname []byte) (nsID, []byte, bool) {
	i := bytes.IndexByte(qname, ':')
	if i < 0 {
		return s.scope[""], qname, true
	}
	id, ok := s.scope[string(qname[:i])]
	return id, qname[i+1:], ok
}

// attrNS resolves an attribute's qualified name: unprefixed attributes are
// in no namespace.
func (s *scanner) attrNS(qname []byte) (nsID, []byte) {
	i := bytes.IndexByte(qname, ':')
	if i < 0 {
		return nsNone, qname
	}
	id, ok := s.scope[string(qname[:i])]
	if !ok {
		return nsOther, qname[i+1:]
	}
	return id, qname[i+1:]
}

// eachAttr calls fn for each attribute of a start tag's attribute text,
// with the raw (undecoded) value.
func eachAttr(b []byte, fn func(name, val []byte) error) error {
	for {
		i := 0
		for i < len(b) && xmlscan.IsSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return nil
		}
		if i == 0 {
			return fmt.Errorf("no space before attribute %q", clip(b, 40))
		}
		b = b[i:]
		j := 0
		for j < len(b) && b[j] != '=' && !xmlscan.IsSpace(b[j]) {
			j++
		}
		name := b[:j]
		if !validName(name) {
			return fmt.Errorf("bad attribute name %q", clip(name, 40))
		}
		for j < len(b) && xmlscan.IsSpace(b[j]) {
			j++
		}
		if j == len(b) || b[j] != '=' {
			return fmt.Errorf("attribute %s has no value", name)
		}
		j++
		for j < len(b) && xmlscan.IsSpace(b[j]) {
			j++
		}
		if j == len(b) || (b[j] != '"' && b[j] != '\'') {
			return fmt.Errorf("attribute %s value is not quoted", name)
		}
		q := b[j]
		k := bytes.IndexByte(b[j+1:], q)
		if k < 0 {
			return fmt.Errorf("attribute %s value is not closed", name)
		}
		if err := fn(name, b[j+1:j+1+k]); err != nil {
			return err
		}
		b = b[j+1+k+1:]
	}
}

// decodeAttr appends the value of an attribute to dst, with references
// decoded and literal white space normalised to spaces as XML requires.
func decodeAttr(dst, raw []byte) ([]byte, error) {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '&':
			r, n, err := decodeRef(raw[i:])
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
			i += n
			continue
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++ // a line end "\r\n" is one character
			}
			c = ' '
		case '\t', '\n':
			c = ' '
		}
		dst = append(dst, c)
		i++
	}
	return dst, nil
}

// decodeRef decodes the entity or character reference at the start of b
// ("&amp;", "&#x41;"), returning the character and the reference length.
// A reference that does not decode, or that names a character XML does
// not allow, is an error.
func decodeRef(b []byte) (rune, int, error) {
	ref, n, ok := xmlscan.CutRef(b)
	if !ok {
		return 0, 0, fmt.Errorf("unterminated reference %q", clip(b, 12))
	}
	r, err := xmlscan.DecodeRef(ref, false)
	if err != nil {
		return 0, 0, err
	}
	if !isXMLChar(r) {
		return 0, 0, fmt.Errorf("character reference &%s; is not an XML character", ref)
	}
	return r, n, nil
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if !xmlscan.IsSpace(c) {
			return false
		}
	}
	return true
}

// notName marks the bytes that cannot appear in an XML name (a cheap
// check: the reader does not validate every Unicode name character).
var notName = func() (t [256]bool) {
	for _, c := range []byte(" \t\n\r<>&\"'=/!?;(),[]") {
		t[c] = true
	}
	return t
}()

// validName is a cheap check of an XML name: not empty, none of the
// characters that cannot appear in one, not starting with a digit, '-',
// '.' or ':', not ending with ':'.
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch c := b[0]; {
	case c >= '0' && c <= '9', c == '-', c == '.', c == ':':
		return false
	}
	for _, c := range b {
		if notName[c] {
			return false
		}
	}
	return b[len(b)-1] != ':'
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
