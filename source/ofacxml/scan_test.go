package ofacxml

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
)

// tokens lists the tokens of doc as "<name attrs>", "</name>", "text".
func tokens(doc string, bufSize int) ([]string, error) {
	s := newScanner(iotest.HalfReader(strings.NewReader(doc)), bufSize)
	var out []string
	for {
		if err := s.next(); err != nil {
			return out, err
		}
		switch s.kind {
		case tokEOF:
			if s.depth() != 0 {
				return out, errEOF
			}
			return out, nil
		case tokStart:
			out = append(out, fmt.Sprintf("<%s%s>", s.name, s.attrs))
		case tokEnd:
			out = append(out, "</"+string(s.name)+">")
		case tokText:
			if s.cdata {
				out = append(out, "cdata:"+validString(s.raw))
			} else {
				out = append(out, decode(s.raw))
			}
		}
	}
}

func TestScannerTokens(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      string // tokens joined by |
		err       string
	}{
		{name: "elements and text", doc: "<a><b>x</b>y</a>", want: "<a>|<b>|x|</b>|y|</a>"},
		{name: "self-closing", doc: `<a><b c="1"/><d /></a>`, want: `<a>|<b c="1">|</b>|<d >|</d>|</a>`},
		{name: "prefixes dropped", doc: `<x:a xmlns:x="u"><x:b/></x:a>`, want: `<a xmlns:x="u">|<b>|</b>|</a>`},
		{name: "quoted >", doc: `<a t="1>2" u='x"y'>z</a>`, want: `<a t="1>2" u='x"y'>|z|</a>`},
		{name: "declaration, comment, doctype skipped", doc: "<?xml version=\"1.0\"?><!-- c > d --><!DOCTYPE a [<!ENTITY e \"v\">]><a>1</a>",
			want: "<a>|1|</a>"},
		{name: "cdata", doc: "<a><![CDATA[<b>&amp;]]></a>", want: "<a>|cdata:<b>&amp;|</a>"},
		{name: "entities", doc: "<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#X43;</a>", want: `<a>|<>&"'ABC|</a>`},
		{name: "bad entities kept", doc: "<a>&unknown; & &#; &#xZZ; &#0; &#1114112; fish &amp chips</a>",
			want: "<a>|&unknown; & &#; &#xZZ; \uFFFD \uFFFD fish &amp chips|</a>"},
		{name: "invalid utf-8 replaced", doc: "<a>\xff\xfeok</a>", want: "<a>|\uFFFDok|</a>"},
		{name: "mismatched end", doc: "<a><b></a>", want: "<a>|<b>", err: "end tag </a> does not match <b>"},
		{name: "end without start", doc: "</a>", err: "without a start tag"},
		{name: "bad name", doc: "<a>< b></a>", want: "<a>", err: "invalid character"},
		{name: "unclosed tag", doc: "<a><b </a>", want: "<a>", err: "unclosed tag"},
		{name: "eof in tag", doc: "<a><b", want: "<a>", err: "document ends inside a tag"},
		{name: "eof in comment", doc: "<a><!-- x", want: "<a>", err: "inside a comment"},
		{name: "eof in cdata", doc: "<a><![CDATA[x", want: "<a>", err: "inside a CDATA"},
		{name: "unknown bang", doc: "<a><!FOO></a>", want: "<a>", err: "unknown markup"},
		{name: "eof in element", doc: "<a><b>x</b>", want: "<a>|<b>|x|</b>", err: errEOF.Error()},
	} {
		for _, size := range []int{1, 3, 64 << 10} {
			got, err := tokens(tc.doc, size)
			if strings.Join(got, "|") != tc.want {
				t.Errorf("%s (buffer %d): tokens %q, want %q", tc.name, size, strings.Join(got, "|"), tc.want)
			}
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("%s (buffer %d): err = %v, want %q", tc.name, size, err, tc.err)
			}
		}
	}
}

func TestScannerText(t *testing.T) {
	for doc, want := range map[string]string{
		"<a>plain</a>":                              "plain",
		"<a/>":                                      "",
		"<a></a>":                                   "",
		"<a>x<b>y</b>z</a>":                         "xyz",
		"<a><b/>y<![CDATA[<&>]]>&amp;</a>":          "y<&>&",
		"<a>one<!-- comment -->two</a>":             "onetwo",
		"<a>\n  spaced  \n</a>":                     "\n  spaced  \n",
		"<a><b><c>deep</c></b>after</a>":            "deepafter",
		"<a>O&apos;BRIEN &amp; SONS</a>":            "O'BRIEN & SONS",
		"<a>caf\u00e9 \u0645\u062d\u0645\u062f</a>": "caf\u00e9 \u0645\u062d\u0645\u062f",
	} {
		s := newScanner(strings.NewReader(doc+"<z/>"), 2)
		if err := s.next(); err != nil {
			t.Fatal(err)
		}
		got, err := s.text()
		if err != nil || got != want {
			t.Errorf("text(%q) = %q, %v; want %q", doc, got, err, want)
		}
		if err := s.next(); err != nil || s.kind != tokStart || string(s.name) != "z" {
			t.Errorf("text(%q) did not stop at the end of the element", doc)
		}
	}
}

func TestAttr(t *testing.T) {
	attrs := []byte(` ID="12" Primary='true'  IssuedBy-CountryID = "7" Empty="" Amp="a&amp;b" bare x=y`)
	for name, want := range map[string]string{"ID": "12", "Primary": "true", "IssuedBy-CountryID": "7", "Empty": "",
		"Amp": "a&amp;b", "x": "y"} {
		if v, ok := attr(attrs, name); !ok || string(v) != want {
			t.Errorf("attr %s = %q %v, want %q", name, v, ok, want)
		}
	}
	for _, name := range []string{"Missing", "bare", "id"} {
		if _, ok := attr(attrs, name); ok {
			t.Errorf("attr %s found", name)
		}
	}
	for _, junk := range []string{"=", `="`, `a="`, "a=", "===", `"x"`} {
		attr([]byte(junk), "a") // must not panic or loop
	}
}

func TestScannerLimitsTokenSize(t *testing.T) {
	// A reader that never sends '<' again: the scanner must give up at
	// maxToken rather than grow without bound.
	r := &repeatReader{b: byte('x'), left: maxToken + 10}
	s := newScanner(r, 0)
	s.push([]byte("a"))
	err := s.next()
	for err == nil && s.kind == tokText {
		err = s.next()
	}
	if !errors.Is(err, errSyntax) || !strings.Contains(err.Error(), "token longer") {
		t.Errorf("err = %v, want a token-size error", err)
	}
}

type repeatReader struct {
	b    byte
	left int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, errors.New("unexpected read")
	}
	n := min(len(p), r.left)
	for i := range p[:n] {
		p[i] = r.b
	}
	r.left -= n
	return n, nil
}
