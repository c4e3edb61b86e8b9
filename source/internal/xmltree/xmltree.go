// Package xmltree reads the XML sanctions lists whose records are
// elements of a root element (the UN Consolidated List, the EU Financial
// Sanctions Files) one record at a time: each record element is read into
// a small tree of Nodes, so that a parser can convert it as a whole while
// only one record is held in memory.
//
// It also holds what those parsers share around the tree: a strict
// decoder that takes off a byte order mark and understands the legacy
// encodings IANA names, the loop over the records with Problems for the
// records a parser refuses, errors that name the file and line and wrap
// source.ErrTruncated when the input ends inside an element, and the
// cheap look at the root element that sniffing needs.
package xmltree

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/ianaindex"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// Node is one XML element of a record.
type Node struct {
	// Name is the element's local name.
	Name string
	// Attrs are the element's attributes.
	Attrs []xml.Attr
	// Text is the element's own character data.
	Text []byte
	// Kids are the child elements, in document order.
	Kids []*Node
}

// Child returns the first child element called name, or nil.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// All returns the child elements called name.
func (n *Node) All(name string) []*Node {
	var out []*Node
	for _, k := range n.Kids {
		if k.Name == name {
			out = append(out, k)
		}
	}
	return out
}

// Value is the element's own text with white space folded, "" for a nil
// node.
func (n *Node) Value() string {
	if n == nil {
		return ""
	}
	return entity.CleanSpace(string(n.Text))
}

// Get is the folded text of the first child called name.
func (n *Node) Get(name string) string { return n.Child(name).Value() }

// Attr is the folded value of the element's attribute called name ("" when
// absent), whatever its namespace.
func (n *Node) Attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return entity.CleanSpace(a.Value)
		}
	}
	return ""
}

// ExtraAttrs renders the non-empty attributes not in known as
// "name=value", for Remarks.
func (n *Node) ExtraAttrs(known map[string]bool) []string {
	var out []string
	for _, a := range n.Attrs {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || a.Name.Space != "" || known[a.Name.Local] {
			continue
		}
		if v := entity.CleanSpace(a.Value); v != "" {
			out = append(out, a.Name.Local+"="+v)
		}
	}
	return out
}

// Flatten renders an element the model has no field for as text, so that
// it can be kept in Remarks: "TAG: text; CHILD: text".
func (n *Node) Flatten() string {
	var parts []string
	if v := n.Value(); v != "" {
		parts = append(parts, v)
	}
	for _, a := range n.Attrs {
		if v := entity.CleanSpace(a.Value); v != "" && a.Name.Space == "" {
			parts = append(parts, a.Name.Local+"="+v)
		}
	}
	for _, k := range n.Kids {
		if v := k.Flatten(); v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return n.Name + ": " + strings.Join(parts, "; ")
}

// Decoder reads a list's tokens and keeps the stack of open elements.
type Decoder struct {
	d    *xml.Decoder
	raw  bool
	open []xml.Name
}

// Open returns a Decoder of in.R for a parse: it fails with ctx's error
// when ctx is done and with source.ErrNotList when in has no content.
// With raw, the decoder reads raw tokens, which spares the name space
// translation a list without name spaces has no use for, and checks
// itself that every end tag closes the element open.
func Open(ctx context.Context, in source.Input, raw bool) (*Decoder, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.R == nil {
		return nil, fmt.Errorf("%s: no content: %w", in.Name, source.ErrNotList)
	}
	return &Decoder{d: newDecoder(in.R), raw: raw}, nil
}

// newDecoder returns a strict XML decoder over r with a UTF-8 byte order
// mark removed and the legacy encodings that IANA names understood.
func newDecoder(r io.Reader) *xml.Decoder {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	d := xml.NewDecoder(br)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := ianaindex.IANA.Encoding(label)
		if err != nil || enc == nil {
			return nil, fmt.Errorf("unsupported character encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	return d
}

// Token returns the next token.
func (d *Decoder) Token() (xml.Token, error) {
	var tok xml.Token
	var err error
	if d.raw {
		tok, err = d.d.RawToken()
	} else {
		tok, err = d.d.Token()
	}
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		d.open = append(d.open, t.Name)
	case xml.EndElement:
		// The standard decoder checks the nesting itself; RawToken does
		// not.
		n := len(d.open)
		if d.raw && n == 0 {
			return nil, &xml.SyntaxError{Msg: "unexpected end element </" + t.Name.Local + ">", Line: d.line()}
		}
		if d.raw && d.open[n-1] != t.Name {
			return nil, &xml.SyntaxError{Msg: "element <" + d.open[n-1].Local + "> closed by </" + t.Name.Local + ">", Line: d.line()}
		}
		if n > 0 {
			d.open = d.open[:n-1]
		}
	}
	return tok, nil
}

func (d *Decoder) line() int {
	line, _ := d.d.InputPos()
	return line
}

// Root reads up to the document's first element and returns its start
// tag. A document without one, or not XML, gives an error wrapping
// source.ErrNotList; file names the input and what the format ("a UN XML
// list") in it.
func (d *Decoder) Root(file, what string) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return xml.StartElement{}, fmt.Errorf("%s: no XML element: %w", file, source.ErrNotList)
		}
		if err != nil {
			return xml.StartElement{}, fmt.Errorf("%s:%d: not %s: %w: %w", file, d.syntaxLine(err), what, source.ErrNotList, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// Records reads the rest of the root element. Each element isRecord
// accepts, at any depth, is read whole and given to convert; the entity
// convert returns is passed to emit, and the Problem it returns instead
// is reported in rep with the file and the line the record starts on.
// rep.Records counts the records; ctx is checked every 1024 of them. A
// read error names the file and line and wraps source.ErrTruncated when
// the input ends inside an element; an error from emit stops the read.
func (d *Decoder) Records(ctx context.Context, in source.Input, rep *source.Report,
	isRecord func(name string) bool, convert func(*Node) (*entity.Entity, *source.Problem), emit source.Emit) error {
	for len(d.open) > 0 {
		tok, err := d.Token()
		if err != nil {
			return d.readError(in.Name, err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok || !isRecord(t.Name.Local) {
			continue
		}
		if err := source.CheckContext(ctx, rep.Records); err != nil {
			return err
		}
		line := d.line()
		n, err := d.readElement(t)
		if err != nil {
			return d.readError(in.Name, err)
		}
		rep.Records++
		e, prob := convert(n)
		if prob != nil {
			prob.File, prob.Line = in.Name, line
			rep.Skip(*prob)
			continue
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// readElement reads the element that start opened, up to its end tag.
func (d *Decoder) readElement(start xml.StartElement) (*Node, error) {
	root := &Node{Name: start.Name.Local, Attrs: copyAttrs(start.Attr)}
	stack := []*Node{root}
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			k := &Node{Name: t.Name.Local, Attrs: copyAttrs(t.Attr)}
			top.Kids = append(top.Kids, k)
			stack = append(stack, k)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
		case xml.CharData:
			top.Text = append(top.Text, t...)
		}
	}
}

func copyAttrs(a []xml.Attr) []xml.Attr {
	if len(a) == 0 {
		return nil
	}
	return append([]xml.Attr(nil), a...)
}

func (d *Decoder) readError(name string, err error) error {
	if err == io.EOF || isTruncation(err) {
		return fmt.Errorf("%s:%d: %w: %w", name, d.syntaxLine(err), source.ErrTruncated, err)
	}
	return fmt.Errorf("%s:%d: %w", name, d.syntaxLine(err), err)
}

// syntaxLine returns the line an XML syntax error is reported on, or the
// decoder's current line.
func (d *Decoder) syntaxLine(err error) int {
	if se, ok := err.(*xml.SyntaxError); ok {
		return se.Line
	}
	return d.line()
}

// isTruncation reports whether err is the XML decoder's "the input ended
// inside an element".
func isTruncation(err error) bool {
	if err == io.ErrUnexpectedEOF {
		return true
	}
	se, ok := err.(*xml.SyntaxError)
	return ok && strings.Contains(se.Msg, "unexpected EOF")
}

// RootElement returns the local name of the first element in head, the
// first bytes of a file, skipping a byte order mark, the XML declaration,
// processing instructions, comments, a DOCTYPE and white space, and the
// bytes from that element on. It returns "" when head starts with
// anything else.
func RootElement(head []byte) (string, []byte) {
	b := bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return "", nil
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return "", nil
			}
			b = b[i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			i := bytes.IndexByte(b, '>')
			if i < 0 {
				return "", nil
			}
			b = b[i+1:]
		case bytes.HasPrefix(b, []byte("<")):
			end := bytes.IndexAny(b[1:], " \t\r\n/>")
			if end < 0 {
				return "", nil
			}
			name := string(b[1 : 1+end])
			if i := strings.IndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			return name, b
		default:
			return "", nil
		}
	}
}

// Day returns the ISO date at the start of s, an XML Schema date or
// dateTime ("2026-02-27T00:00:09.554Z" → "2026-02-27", "2015-03-27-04:00"
// → "2015-03-27"), or "" when s does not start with a full date.
func Day(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	d, err := entity.ParseISODate(s[:10])
	if err != nil || d.Day == 0 {
		return ""
	}
	return d.String()
}
