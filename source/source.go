// Package source is the contract between publisher formats and the rest of
// embargo: each sub-package reads one format (source/ofac, source/un, ...)
// and streams entity.Entity values out of it, reporting malformed records as
// Problems instead of failing or dropping them silently.
//
// A parser reads from an io.Reader, so the same code serves a local file,
// an HTTP body and a fuzz input. Formats made of several files (the OFAC
// CSV set) ask Input.Open for their companions.
//
// What several parsers need alike is written once, in the packages of
// source/internal: jsonl reads JSON-lines files (FtM, Senzing); xmltree
// reads XML lists record by record into a small tree (UN, EU); xmlscan
// holds the byte-level XML syntax of the hand-written scanners (ODS,
// OFAC XML); csvlist the header, column and row handling of CSV and text
// tables (CSL, custom blocklists, DPL, UK); field the readings of field
// values (scripts, country codes, joined parts); and sourcetest the
// helpers of the parsers' tests.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/embargo/embargo/entity"
)

// Input is what a parser reads.
type Input struct {
	// Name is the file's path or URL, used in messages.
	Name string
	// R is the file's content.
	R io.Reader
	// Open opens a companion file of a multi-file format by its base name
	// ("add.csv"); it returns an error wrapping fs.ErrNotExist when there
	// is none. Nil when the input has no companions.
	Open func(name string) (io.ReadCloser, error)
}

// Emit receives each entity a parser reads. An error stops the parse and is
// returned by it.
type Emit func(*entity.Entity) error

// Report is what a parser says about the file beyond its entities.
type Report struct {
	// Published is the publisher's date for the file (ISO 8601), "" if the
	// file has none.
	Published string
	// Dataset is the name the file gives its dataset (FtM, Senzing), "" if
	// none.
	Dataset string
	// Records counts the records read, skipped ones included.
	Records int
	// Skipped lists the malformed records that were left out.
	Skipped []Problem
	// Deleted lists entity IDs a delta file removes (FtM DEL operations).
	Deleted []string
}

// Skip records a problem; parsers call it and continue with the next
// record.
func (r *Report) Skip(p Problem) { r.Skipped = append(r.Skipped, p) }

// Problem describes one malformed record.
type Problem struct {
	File   string // file name or URL
	Line   int    // 1-based line, 0 when the format has no lines
	Record string // record identifier or number, "" when unknown
	Field  string // field at fault, "" when the whole record is
	Err    error
}

// Error formats the problem as "file:line: record R: field F: message".
func (p Problem) Error() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	if p.Record != "" {
		s += ": record " + p.Record
	}
	if p.Field != "" {
		s += ": field " + p.Field
	}
	if p.Err != nil {
		s += ": " + p.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }

// ErrNotList is wrapped by parsers when the input is not of their format
// at all (wrong kind of file, empty file).
var ErrNotList = errors.New("not a list of this format")

// ErrTruncated is wrapped by parsers when the input ends in the middle of
// a record or document.
var ErrTruncated = errors.New("file is truncated")

// Parser reads one format.
type Parser func(ctx context.Context, in Input, emit Emit) (Report, error)

// Format describes one publisher format.
type Format struct {
	// Name identifies the format ("ofac-csv", "un-xml").
	Name string
	// Source is the default source name for lists of this format ("ofac").
	// Empty for formats whose files name their own dataset (FtM, Senzing).
	Source string
	// Description is one line for help texts.
	Description string
	// Sniff reports whether a file looks like this format, given its base
	// name and its first bytes (up to 64 KiB). It must be cheap and must
	// recognise the format by content; the name is a tie-breaker only.
	Sniff func(name string, head []byte) bool
	// Parse reads the format.
	Parse Parser
	// Companions are the base names of the other files of a multi-file
	// format, which the loader must not treat as lists of their own.
	Companions []string
}

// CheckContext returns ctx.Err() every n records, so that long parses can
// be cancelled without paying for a check per record.
func CheckContext(ctx context.Context, n int) error {
	if n%1024 == 0 {
		return ctx.Err()
	}
	return nil
}
