// Package ods reads OpenDocument spreadsheets (.ods): the zip package, its
// mimetype, meta.xml, and the rows of a sheet in content.xml, streamed one
// row at a time.
//
// It follows the OpenDocument v1.2/1.3 specification (OASIS, "Open Document
// Format for Office Applications", Part 1 §9.1 tables, §6.1 paragraph text
// and white space; Part 3 packages). No ODS library is reachable for this
// project (see DEPENDENCIES.md), so the reader is written here on
// archive/zip and a hand-written XML tokenizer for content.xml, which still
// checks well-formedness, namespaces and references: on the UK sanctions
// sheet's 7.4 MB content.xml, encoding/xml's Decoder.Token alone takes about
// 130 ms of CPU, this tokenizer about 28 ms including building the rows.
//
// What a row holds:
//
//   - a cell's text is its paragraphs (text:p, text:h) joined with "\n",
//     with white space collapsed as §6.1.2 says, text:s, text:tab and
//     text:line-break expanded, spans and links read through, and
//     annotations, notes, ruby text and drawings left out (§6.1.1);
//   - a cell also carries its office:value-type and typed value, so that a
//     number or date is available both as displayed and as stored;
//   - table:number-columns-repeated and table:number-rows-repeated are
//     expanded for cells and rows that hold something, while empty repeats
//     (a sheet padded to 16,384 columns and 1,048,576 rows) cost nothing;
//   - table:covered-table-cell (the cells under a merged cell) keep their
//     column so that later cells stay in place;
//   - rows that hold no value are not yielded; Row.Num keeps the 1-based
//     row number as the spreadsheet shows it.
package ods

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/embargo/embargo/source"
)

// MimeType is the media type of an OpenDocument spreadsheet; TemplateMimeType
// that of a spreadsheet template, which has the same structure.
const (
	MimeType         = "application/vnd.oasis.opendocument.spreadsheet"
	TemplateMimeType = "application/vnd.oasis.opendocument.spreadsheet-template"
)

// ErrNoSheet is returned (wrapped) by Rows when the document has no sheet
// of the name asked for.
var ErrNoSheet = errors.New("ods: no such sheet")

// ErrLimit is returned (wrapped) when a sheet holds a value beyond
// MaxColumns or MaxRows, or a cell's text beyond 16 MiB.
var ErrLimit = errors.New("ods: sheet exceeds the reader's limits")

// maxPackage bounds what OpenReader reads into memory from a reader that
// cannot seek.
const maxPackage = 1 << 30

// Doc is an open OpenDocument spreadsheet package.
type Doc struct {
	// MimeType is the content of the package's mimetype entry.
	MimeType string

	content *zip.File
	meta    *zip.File
}

// Open opens the spreadsheet package held in r (size bytes). It checks the
// mimetype; an input that is not an ODS package returns an error wrapping
// source.ErrNotList, a zip cut short one wrapping source.ErrTruncated.
func Open(r io.ReaderAt, size int64) (*Doc, error) {
	if size <= 0 {
		return nil, fmt.Errorf("ods: %w: empty file", source.ErrNotList)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		var sig [4]byte
		if n, _ := r.ReadAt(sig[:], 0); n == 4 && string(sig[:]) == "PK\x03\x04" {
			// The local headers are there but the central directory at the
			// end is not: the download stopped early.
			return nil, fmt.Errorf("ods: %w: zip package has no central directory (%v)", source.ErrTruncated, err)
		}
		return nil, fmt.Errorf("ods: %w: not a zip package (%v)", source.ErrNotList, err)
	}
	d := &Doc{}
	var mimetype *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "mimetype":
			mimetype = f
		case "content.xml":
			d.content = f
		case "meta.xml":
			d.meta = f
		}
	}
	if mimetype == nil {
		return nil, fmt.Errorf("ods: %w: zip package has no mimetype entry", source.ErrNotList)
	}
	b, err := readEntry(mimetype, 256)
	if err != nil {
		return nil, fmt.Errorf("ods: mimetype: %w", err)
	}
	d.MimeType = strings.TrimSpace(string(b))
	if d.MimeType != MimeType && d.MimeType != TemplateMimeType {
		return nil, fmt.Errorf("ods: %w: package is %q, not a spreadsheet", source.ErrNotList, clip(b, 80))
	}
	if d.content == nil {
		return nil, fmt.Errorf("ods: %w: spreadsheet package has no content.xml", source.ErrNotList)
	}
	return d, nil
}

// OpenReader opens a package from a plain reader. A reader that can seek
// and read at offsets (an *os.File, a *bytes.Reader) is used in place from
// its current offset; any other is read into memory first (up to 1 GiB).
func OpenReader(r io.Reader) (*Doc, error) {
	if ra, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		cur, err1 := ra.Seek(0, io.SeekCurrent)
		end, err2 := ra.Seek(0, io.SeekEnd)
		_, err3 := ra.Seek(cur, io.SeekStart)
		if err := errors.Join(err1, err2, err3); err == nil {
			return Open(io.NewSectionReader(ra, cur, end-cur), end-cur)
		}
	}
	b, err := io.ReadAll(io.LimitReader(r, maxPackage+1))
	if err != nil {
		return nil, fmt.Errorf("ods: %w", err)
	}
	if len(b) > maxPackage {
		return nil, fmt.Errorf("ods: %w: package larger than %d bytes", ErrLimit, maxPackage)
	}
	return Open(bytes.NewReader(b), int64(len(b)))
}

// Modified returns the time the package's writer stamped on content.xml
// (the zip entry's modification time), the zero time when it has none. For
// a generated file it is when the sheet's data was written.
func (d *Doc) Modified() time.Time {
	t := d.content.Modified
	if t.Year() <= 1980 { // the MS-DOS epoch: no time recorded
		return time.Time{}
	}
	return t
}

// Rows returns an iterator over the rows of the named sheet, or of the
// first sheet when sheet is "". See ContentRows.
func (d *Doc) Rows(sheet string) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		rc, err := d.content.Open()
		if err != nil {
			yield(Row{}, fmt.Errorf("ods: content.xml: %w", err))
			return
		}
		defer rc.Close()
		for row, err := range ContentRows(entryReader{rc}, sheet) {
			if err != nil {
				yield(Row{}, fmt.Errorf("ods: %w", err))
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}

// Sheets returns the names of the document's sheets, in order. It reads
// the whole of content.xml.
func (d *Doc) Sheets() ([]string, error) {
	rc, err := d.content.Open()
	if err != nil {
		return nil, fmt.Errorf("ods: content.xml: %w", err)
	}
	defer rc.Close()
	names, err := sheetNames(entryReader{rc})
	if err != nil {
		return names, fmt.Errorf("ods: %w", err)
	}
	return names, nil
}

// Meta is the document metadata of meta.xml (OpenDocument Part 1 §4.3).
type Meta struct {
	Generator    string // meta:generator, the application that wrote the file
	Title        string // dc:title
	Creator      string // dc:creator, who last modified the document
	CreationDate string // meta:creation-date, as written (ISO 8601)
	Date         string // dc:date, when the document was last saved
}

// Meta reads meta.xml; a package without one gives a zero Meta.
func (d *Doc) Meta() (Meta, error) {
	var m Meta
	if d.meta == nil {
		return m, nil
	}
	b, err := readEntry(d.meta, 4<<20)
	if err != nil {
		return m, fmt.Errorf("ods: meta.xml: %w", err)
	}
	const (
		nsDC   = "http://purl.org/dc/elements/1.1/"
		nsMeta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
	)
	dec := xml.NewDecoder(bytes.NewReader(b))
	var field *string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return m, fmt.Errorf("ods: meta.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			field = nil
			switch t.Name {
			case xml.Name{Space: nsMeta, Local: "generator"}:
				field = &m.Generator
			case xml.Name{Space: nsDC, Local: "title"}:
				field = &m.Title
			case xml.Name{Space: nsDC, Local: "creator"}:
				field = &m.Creator
			case xml.Name{Space: nsMeta, Local: "creation-date"}:
				field = &m.CreationDate
			case xml.Name{Space: nsDC, Local: "date"}:
				field = &m.Date
			}
		case xml.CharData:
			if field != nil {
				*field += strings.TrimSpace(string(t))
			}
		case xml.EndElement:
			field = nil
		}
	}
}

// readEntry reads a small zip entry, at most max bytes.
func readEntry(f *zip.File, max int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(entryReader{rc}, max))
	return b, err
}

// entryReader reports a compressed entry that stops early as truncated.
type entryReader struct{ r io.Reader }

func (e entryReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("%w: compressed data ends early", source.ErrTruncated)
	}
	return n, err
}
