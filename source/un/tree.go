package un

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/ianaindex"

	"github.com/embargo/embargo/entity"
)

// node is one XML element of a record, read into memory so that a record
// can be converted as a whole. Only one record is held at a time.
type node struct {
	name  string
	attrs []xml.Attr
	text  []byte // the element's own character data
	kids  []*node
}

// child returns the first child element called name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// all returns the child elements called name.
func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// value is the element's own text with white space folded.
func (n *node) value() string {
	if n == nil {
		return ""
	}
	return entity.CleanSpace(string(n.text))
}

// get is the folded text of the first child called name.
func (n *node) get(name string) string { return n.child(name).value() }

// flatten renders an element the model has no field for as text, so that
// it can be kept in Remarks: "TAG: text; CHILD: text".
func (n *node) flatten() string {
	var parts []string
	if v := n.value(); v != "" {
		parts = append(parts, v)
	}
	for _, a := range n.attrs {
		if v := entity.CleanSpace(a.Value); v != "" && a.Name.Space == "" {
			parts = append(parts, a.Name.Local+"="+v)
		}
	}
	for _, k := range n.kids {
		if v := k.flatten(); v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return n.name + ": " + strings.Join(parts, "; ")
}

// nextToken returns the decoder's next token. It reads raw tokens, which
// spares the name space translation the UN list has no use for, and checks
// itself that every end tag closes the element open: open is the stack of
// open elements' names.
func nextToken(d *xml.Decoder, open *[]xml.Name) (xml.Token, error) {
	tok, err := d.RawToken()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		*open = append(*open, t.Name)
	case xml.EndElement:
		n := len(*open)
		if n == 0 {
			line, _ := d.InputPos()
			return nil, &xml.SyntaxError{Msg: "unexpected end element </" + t.Name.Local + ">", Line: line}
		}
		if want := (*open)[n-1]; want != t.Name {
			line, _ := d.InputPos()
			return nil, &xml.SyntaxError{Msg: "element <" + want.Local + "> closed by </" + t.Name.Local + ">", Line: line}
		}
		*open = (*open)[:n-1]
	}
	return tok, nil
}

// readElement reads the element that start opened, up to its end tag.
func readElement(d *xml.Decoder, start xml.StartElement, open *[]xml.Name) (*node, error) {
	root := &node{name: start.Name.Local, attrs: copyAttrs(start.Attr)}
	stack := []*node{root}
	for {
		tok, err := nextToken(d, open)
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			k := &node{name: t.Name.Local, attrs: copyAttrs(t.Attr)}
			top.kids = append(top.kids, k)
			stack = append(stack, k)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
		case xml.CharData:
			top.text = append(top.text, t...)
		}
	}
}

func copyAttrs(a []xml.Attr) []xml.Attr {
	if len(a) == 0 {
		return nil
	}
	return append([]xml.Attr(nil), a...)
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

// syntaxLine returns the line an XML syntax error is reported on, or the
// decoder's current line.
func syntaxLine(d *xml.Decoder, err error) int {
	if se, ok := err.(*xml.SyntaxError); ok {
		return se.Line
	}
	line, _ := d.InputPos()
	return line
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
