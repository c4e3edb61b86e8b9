package ftm

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// spool keeps the raw JSON of the parties read in the first pass until
// the second pass folds the side records into them. It holds them in
// memory up to limit bytes and moves them to a temporary file beyond, so
// that a full OpenSanctions export (about a million entities, gigabytes
// of JSON) does not have to fit in memory.
//
// Records are framed as uvarint(line), uvarint(len), bytes.
type spool struct {
	limit int
	mem   []byte
	file  *os.File
	w     *bufio.Writer
	n     int // records held
}

func (s *spool) add(line int, rec []byte) error {
	s.n++
	if s.file == nil && len(s.mem)+len(rec)+2*binary.MaxVarintLen64 > s.limit {
		f, err := os.CreateTemp("", "embargo-ftm-*.spool")
		if err != nil {
			return fmt.Errorf("moving parties to a temporary file: %w", err)
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 1<<20)
		if _, err := s.w.Write(s.mem); err != nil {
			return fmt.Errorf("writing temporary file %s: %w", f.Name(), err)
		}
		s.mem = nil
	}
	if s.file == nil {
		s.mem = binary.AppendUvarint(s.mem, uint64(line))
		s.mem = binary.AppendUvarint(s.mem, uint64(len(rec)))
		s.mem = append(s.mem, rec...)
		return nil
	}
	var hdr [2 * binary.MaxVarintLen64]byte
	n := binary.PutUvarint(hdr[:], uint64(line))
	n += binary.PutUvarint(hdr[n:], uint64(len(rec)))
	if _, err := s.w.Write(hdr[:n]); err != nil {
		return fmt.Errorf("writing temporary file %s: %w", s.file.Name(), err)
	}
	if _, err := s.w.Write(rec); err != nil {
		return fmt.Errorf("writing temporary file %s: %w", s.file.Name(), err)
	}
	return nil
}

// each calls fn for every record in the order they were added. The slice
// passed to fn is valid only during the call.
func (s *spool) each(fn func(line int, rec []byte) error) error {
	if s.file == nil {
		b := s.mem
		for len(b) > 0 {
			line, n1 := binary.Uvarint(b)
			size, n2 := binary.Uvarint(b[n1:])
			b = b[n1+n2:]
			if err := fn(int(line), b[:size]); err != nil {
				return err
			}
			b = b[size:]
		}
		return nil
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("writing temporary file %s: %w", s.file.Name(), err)
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rereading temporary file %s: %w", s.file.Name(), err)
	}
	r := bufio.NewReaderSize(s.file, 1<<20)
	var buf []byte
	for i := 0; i < s.n; i++ {
		line, err := binary.ReadUvarint(r)
		if err != nil {
			return fmt.Errorf("rereading temporary file %s: %w", s.file.Name(), err)
		}
		size, err := binary.ReadUvarint(r)
		if err != nil {
			return fmt.Errorf("rereading temporary file %s: %w", s.file.Name(), err)
		}
		if uint64(cap(buf)) < size {
			buf = make([]byte, size)
		}
		buf = buf[:size]
		if _, err := io.ReadFull(r, buf); err != nil {
			return fmt.Errorf("rereading temporary file %s: %w", s.file.Name(), err)
		}
		if err := fn(int(line), buf); err != nil {
			return err
		}
	}
	return nil
}

// close removes the temporary file, if any.
func (s *spool) close() {
	if s.file != nil {
		name := s.file.Name()
		_ = s.file.Close()
		_ = os.Remove(name)
		s.file = nil
	}
	s.mem = nil
}
