package senzing

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A Senzing record is shallow: a root object whose values are scalars,
// feature objects, or lists of feature objects, and feature objects hold
// scalars only. This decoder reads exactly that shape in one pass, about
// five times faster than encoding/json into maps. A line it cannot read
// is checked with json.Valid by the caller to tell malformed JSON from a
// record of another shape.

// kv is one attribute and its value.
type kv struct{ k, v string }

// feature is one feature object, attributes in file order.
type feature []kv

// record is one decoded Senzing record.
type record struct {
	id, dataSource, lastChange, url string
	root                            feature   // root scalars other than the four above
	lists                           []feature // feature objects, in file order
}

var (
	errShape  = errors.New("not a Senzing record: want an object of attributes and lists of feature objects")
	errNested = errors.New("attribute value is an object or list")
	errSyntax = errors.New("JSON syntax error")
)

// names interns the registered attribute names, so that reading them does
// not allocate.
var names = func() map[string]string {
	m := map[string]string{}
	for a := range families {
		m[a] = a
	}
	for _, a := range []string{"DATA_SOURCE", "RECORD_ID", "LAST_CHANGE", "URL", "NAMES", "DATES",
		"COUNTRIES", "ADDRESSES", "IDENTIFIERS", "RISKS", "RELATIONSHIPS", "CONTACTS", "SOURCE_LINKS", "FEATURES"} {
		m[a] = a
	}
	return m
}()

// decoder reads records one after the other, reusing its buffers: a
// record and its features are valid until the next call to decode.
type decoder struct {
	b      []byte
	i      int
	rec    record
	arena  []kv              // the attributes of the record's features
	intern map[string]string // short values seen before ("PRIMARY", "us", "1972")
}

// maxIntern bounds the values interned, so that a file of distinct short
// values cannot grow the table without end.
const maxIntern = 1 << 14

func (d *decoder) decode(b []byte) (*record, error) {
	d.b, d.i = b, 0
	d.arena = d.arena[:0]
	d.rec = record{root: d.rec.root[:0], lists: d.rec.lists[:0]}
	r := &d.rec
	d.ws()
	if !d.eat('{') {
		return nil, errShape
	}
	d.ws()
	if d.eat('}') {
		return r, d.end()
	}
	for {
		key, err := d.member()
		if err != nil {
			return nil, err
		}
		if d.i >= len(d.b) {
			return nil, errSyntax
		}
		switch d.b[d.i] {
		case '[':
			d.i++
			d.ws()
			if !d.eat(']') {
				for {
					d.ws()
					f, err := d.feature()
					if err != nil {
						return nil, err
					}
					r.lists = append(r.lists, f)
					d.ws()
					if d.eat(']') {
						break
					}
					if !d.eat(',') {
						return nil, errSyntax
					}
				}
			}
		case '{':
			f, err := d.feature()
			if err != nil {
				return nil, err
			}
			r.lists = append(r.lists, f)
		default:
			v, err := d.scalar()
			if err != nil {
				return nil, err
			}
			switch key {
			case "RECORD_ID":
				r.id = v
			case "DATA_SOURCE":
				r.dataSource = v
			case "LAST_CHANGE":
				r.lastChange = v
			case "URL":
				r.url = v
			default:
				r.root = append(r.root, kv{key, v})
			}
		}
		d.ws()
		if d.eat('}') {
			return r, d.end()
		}
		if !d.eat(',') {
			return nil, errSyntax
		}
	}
}

func (d *decoder) end() error {
	d.ws()
	if d.i != len(d.b) {
		return errSyntax
	}
	return nil
}

func (d *decoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) eat(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// feature reads an object of scalars.
// member reads the key of an object member and the colon after it, with
// the white space around them.
func (d *decoder) member() (string, error) {
	d.ws()
	key, err := d.key()
	if err != nil {
		return "", err
	}
	d.ws()
	if !d.eat(':') {
		return "", errSyntax
	}
	d.ws()
	return key, nil
}

func (d *decoder) feature() (feature, error) {
	if !d.eat('{') {
		return nil, errShape
	}
	d.ws()
	if d.eat('}') {
		return nil, nil
	}
	start := len(d.arena)
	for {
		key, err := d.member()
		if err != nil {
			return nil, err
		}
		v, err := d.scalar()
		if err != nil {
			return nil, err
		}
		d.arena = append(d.arena, kv{key, v})
		d.ws()
		if d.eat('}') {
			return d.arena[start:len(d.arena):len(d.arena)], nil
		}
		if !d.eat(',') {
			return nil, errSyntax
		}
	}
}

// key reads an object key, interned when it is a registered attribute.
func (d *decoder) key() (string, error) {
	raw, simple, err := d.rawString()
	if err != nil {
		return "", err
	}
	if simple {
		if s, ok := names[string(raw)]; ok {
			return s, nil
		}
	}
	return d.finish(raw, simple)
}

// scalar reads a string, number, true, false or null (as "").
func (d *decoder) scalar() (string, error) {
	if d.i >= len(d.b) {
		return "", errSyntax
	}
	switch c := d.b[d.i]; {
	case c == '"':
		raw, simple, err := d.rawString()
		if err != nil {
			return "", err
		}
		return d.finish(raw, simple)
	case c == '{' || c == '[':
		return "", errNested
	case c == 'n':
		return "", d.literal("null")
	case c == 't':
		return "true", d.literal("true")
	case c == 'f':
		return "false", d.literal("false")
	case c == '-' || c >= '0' && c <= '9':
		start := d.i
		for d.i < len(d.b) && strings.IndexByte("+-.0123456789eE", d.b[d.i]) >= 0 {
			d.i++
		}
		return string(d.b[start:d.i]), nil
	}
	return "", errSyntax
}

func (d *decoder) literal(lit string) error {
	if len(d.b)-d.i >= len(lit) && string(d.b[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return nil
	}
	return errSyntax
}

// rawString reads a JSON string and returns its bytes between the quotes,
// and whether they hold no escape and are valid UTF-8.
func (d *decoder) rawString() ([]byte, bool, error) {
	if !d.eat('"') {
		return nil, false, errSyntax
	}
	start := d.i
	simple := true
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			raw := d.b[start:d.i]
			d.i++
			return raw, simple && utf8.Valid(raw), nil
		case c == '\\':
			simple = false
			d.i += 2
		case c < 0x20:
			return nil, false, errSyntax
		default:
			d.i++
		}
	}
	return nil, false, errSyntax
}

// finish turns a raw string into its value, decoding escapes and
// replacing invalid UTF-8 as encoding/json does.
func (d *decoder) finish(raw []byte, simple bool) (string, error) {
	if simple {
		if len(raw) > 16 {
			return string(raw), nil
		}
		if s, ok := d.intern[string(raw)]; ok {
			return s, nil
		}
		s := string(raw)
		if d.intern == nil {
			d.intern = map[string]string{}
		}
		if len(d.intern) < maxIntern {
			d.intern[s] = s
		}
		return s, nil
	}
	var sb strings.Builder
	sb.Grow(len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			r, size := utf8.DecodeRune(raw[i:])
			sb.WriteRune(r) // RuneError for invalid bytes
			i += size
			continue
		}
		if i+1 >= len(raw) {
			return "", errSyntax
		}
		switch raw[i+1] {
		case '"', '\\', '/':
			sb.WriteByte(raw[i+1])
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			r, n := hex4(raw[i+2:])
			if n < 0 {
				return "", errSyntax
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if len(raw)-i >= 6 && raw[i] == '\\' && raw[i+1] == 'u' {
					if r2, n2 := hex4(raw[i+2:]); n2 >= 0 {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							sb.WriteRune(dec)
							i += 6
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			sb.WriteRune(r)
			continue
		default:
			return "", errSyntax
		}
		i += 2
	}
	return sb.String(), nil
}

func hex4(b []byte) (rune, int) {
	if len(b) < 4 {
		return 0, -1
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 32)
	if err != nil {
		return 0, -1
	}
	return rune(v), 4
}
