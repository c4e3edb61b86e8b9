package ofacxml

import (
	"errors"
	"fmt"

	"github.com/embargo/embargo/source"
)

// doc is what the classic and the Advanced parser share: the scanner over
// the document, the entity builder, the report, and the way both read the
// document's elements and get over broken markup.
type doc struct {
	s   *scanner
	b   *builder
	in  source.Input
	rep *source.Report

	root string // the root element's name
	// resyncAt says where reading may resume after broken markup: for a
	// start tag's local name, the local names of its ancestors below the
	// root, and whether it is such a place (see scanner.resync).
	resyncAt func(name []byte) ([]string, bool)
}

// openDoc moves to in's root element, which must be called root.
func openDoc(in source.Input, rep *source.Report, root string, resyncAt func(name []byte) ([]string, bool)) (*doc, error) {
	s := newScanner(in.R, 0)
	name, _, err := s.root()
	if err != nil {
		return nil, notList(in.Name, s, err)
	}
	if name != root {
		return nil, fmt.Errorf("%s: root element is <%s>, not <%s>: %w", in.Name, name, root, source.ErrNotList)
	}
	return &doc{s: s, b: newBuilder(), in: in, rep: rep, root: root, resyncAt: resyncAt}, nil
}

// notList wraps a failure to find the root element.
func notList(name string, s *scanner, err error) error {
	if s.rerr != nil && !errors.Is(s.rerr, errSyntax) {
		return fmt.Errorf("%s: %w", name, s.rerr)
	}
	return fmt.Errorf("%s: %w: %v", name, source.ErrNotList, err)
}

// walk reads the document up to the root's end tag, calling start with
// each start tag current. start reads the element, or steps into it, and
// returns the record the element is (for Problems) and the error reading
// it, which walk recovers from; an error that must end the parse (a
// cancelled context, emit's) it returns wrapped by stop, and walk returns
// it. A document that ends before the root's end tag is truncated.
func (d *doc) walk(start func() (record string, err error)) error {
	reuse := false // the current token was found by resync and is not handled yet
	for {
		if !reuse {
			if err := d.s.next(); err != nil {
				if err := d.recover(err, ""); err != nil {
					return err
				}
				reuse = true
				continue
			}
		}
		reuse = false
		switch d.s.kind {
		case tokEOF:
			return fmt.Errorf("%s: %w: no closing </%s>", d.in.Name, source.ErrTruncated, d.root)
		case tokEnd:
			if d.s.depth() == 0 {
				return nil
			}
		case tokStart:
			record, err := start()
			if s, ok := err.(stopError); ok {
				return s.err
			}
			if err != nil {
				if err := d.recover(err, record); err != nil {
					return err
				}
				reuse = true
			}
		}
	}
}

// stopError carries an error that ends the parse through walk.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }

// stop marks err as one that ends the parse rather than one walk
// recovers from.
func stop(err error) error { return stopError{err} }

// recover handles an error met while reading: broken markup is reported as
// a Problem (a skipped record when record is set) and reading resumes at
// the next place resyncAt accepts, whose start tag (or the root's end tag)
// is then the current token; the end of input is a truncated file; other
// errors are returned.
func (d *doc) recover(err error, record string) error {
	switch {
	case errors.Is(err, errEOF):
		return fmt.Errorf("%s:%d: %w", d.in.Name, d.s.line, source.ErrTruncated)
	case !errors.Is(err, errSyntax):
		return fmt.Errorf("%s: %w", d.in.Name, err)
	}
	d.rep.Skip(source.Problem{File: d.in.Name, Line: d.s.line, Record: record, Err: err})
	found, err := d.s.resync(d.root, d.resyncAt)
	if err != nil {
		return fmt.Errorf("%s: %w", d.in.Name, err)
	}
	if !found {
		return fmt.Errorf("%s:%d: %w", d.in.Name, d.s.line, source.ErrTruncated)
	}
	return nil
}
