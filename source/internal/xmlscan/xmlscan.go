// Package xmlscan holds the byte-level pieces of XML syntax that the
// hand-written XML scanners of source/ods and source/ofacxml share: white
// space, the parts of a start tag, and entity and character references
// ("&amp;", "&#233;", "&#xE9;"). Only the five predefined entities are
// known: the lists read have no DTD to declare others. What to do with a
// reference that does not decode is the scanner's choice (source/ods
// refuses the document, source/ofacxml keeps the text as written), so
// DecodeRef reports what is wrong instead of choosing.
package xmlscan

import (
	"bytes"
	"unicode/utf8"
)

// IsSpace reports whether c is XML white space.
func IsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// SplitTag splits the text of a start tag between '<' and '>' into the
// element's qualified name and the raw attributes that follow it, and
// says whether the tag closes itself ("<x/>").
func SplitTag(tag []byte) (name, attrs []byte, empty bool) {
	if len(tag) > 0 && tag[len(tag)-1] == '/' {
		empty = true
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && !IsSpace(tag[n]) {
		n++
	}
	return tag[:n], tag[n:], empty
}

// maxLen bounds the search for the ';' that ends a reference: the longest
// one, "&#x10FFFF;" with some leading zeros, stays within it.
const maxLen = 12

// CutRef returns the body of the reference that b starts with (b[0] is '&'),
// the text between '&' and ';', and the length of the whole reference. ok
// is false when no ';' follows within 12 bytes.
func CutRef(b []byte) (body []byte, n int, ok bool) {
	end := bytes.IndexByte(b, ';')
	if end < 0 || end > maxLen {
		return nil, 0, false
	}
	return b[1:end], end + 1, true
}

// Problem says why a reference does not decode.
type Problem uint8

// The problems DecodeRef reports.
const (
	// Unknown is an entity other than the predefined ones.
	Unknown Problem = iota + 1
	// Malformed is a character reference without digits or with a
	// character that is not one.
	Malformed
	// OutOfRange is a character reference beyond utf8.MaxRune.
	OutOfRange
)

// RefError is a reference that does not decode.
type RefError struct {
	Body    string // the reference without '&' and ';'
	Problem Problem
}

// Error says what is wrong with the reference, naming it as written.
func (e *RefError) Error() string {
	switch e.Problem {
	case Unknown:
		return "unknown entity &" + e.Body + ";"
	case Malformed:
		return "bad character reference &" + e.Body + ";"
	}
	return "character reference &" + e.Body + "; out of range"
}

// DecodeRef decodes the body of a reference, as CutRef returns it: one of the
// predefined entities amp, lt, gt, apos and quot, or a character reference
// in decimal ("#233") or hexadecimal ("#xE9"; also "#XE9" with upperX,
// which XML does not allow but some files write). The character is not
// checked against the characters XML allows: that is the caller's
// policy. A body that does not decode gives a *RefError.
func DecodeRef(body []byte, upperX bool) (rune, error) {
	switch string(body) {
	case "amp":
		return '&', nil
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "apos":
		return '\'', nil
	case "quot":
		return '"', nil
	}
	if len(body) < 2 || body[0] != '#' {
		return 0, &RefError{string(body), Unknown}
	}
	digits, base := body[1:], rune(10)
	if digits[0] == 'x' || upperX && digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, &RefError{string(body), Malformed}
	}
	var r rune
	for _, d := range digits {
		var v rune
		switch {
		case d >= '0' && d <= '9':
			v = rune(d - '0')
		case base == 16 && d >= 'a' && d <= 'f':
			v = rune(d-'a') + 10
		case base == 16 && d >= 'A' && d <= 'F':
			v = rune(d-'A') + 10
		default:
			return 0, &RefError{string(body), Malformed}
		}
		r = r*base + v
		if r > utf8.MaxRune {
			return 0, &RefError{string(body), OutOfRange}
		}
	}
	return r, nil
}
