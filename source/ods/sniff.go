package ods

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"io"
)

// SniffHead looks into the first bytes of a file (head, typically 64 KiB)
// for an OpenDocument package, without the zip's central directory, which
// is at the end of the file. It walks the local file headers that head
// holds and returns the mimetype entry's content and the start of
// content.xml, inflated, up to max bytes. Either is empty when head does
// not reach it; both are empty when head is not a zip.
func SniffHead(head []byte, max int) (mimetype string, content []byte) {
	off := 0
	for off+30 <= len(head) && string(head[off:off+4]) == "PK\x03\x04" {
		h := head[off:]
		flags := binary.LittleEndian.Uint16(h[6:])
		method := binary.LittleEndian.Uint16(h[8:])
		csize := int(binary.LittleEndian.Uint32(h[18:]))
		nlen := int(binary.LittleEndian.Uint16(h[26:]))
		xlen := int(binary.LittleEndian.Uint16(h[28:]))
		start := off + 30 + nlen + xlen
		if start > len(head) {
			return
		}
		name := string(h[30 : 30+nlen])
		data := head[start:]
		sized := flags&0x8 == 0 && csize != 0xFFFFFFFF
		if sized && csize <= len(data) {
			data = data[:csize]
		} else if !sized && method == 0 {
			if j := bytes.Index(data, []byte("PK\x07\x08")); j >= 0 {
				data = data[:j]
			}
		}
		switch name {
		case "mimetype":
			b := entryPrefix(method, data, 256)
			mimetype = string(bytes.TrimSpace(b))
		case "content.xml":
			content = entryPrefix(method, data, max)
			return
		}
		// On to the next entry.
		switch {
		case sized:
			off = start + csize
		case method == 0:
			// Stored with a data descriptor: the data ends at the
			// descriptor's signature.
			j := bytes.Index(head[start:], []byte("PK\x07\x08"))
			if j < 0 {
				return
			}
			off = start + j + 16
		case method == 8:
			// Size unknown until the data descriptor: inflate to find the
			// end of the deflate stream.
			br := bytes.NewReader(data)
			fr := flate.NewReader(br)
			if _, err := io.Copy(io.Discard, io.LimitReader(fr, 1<<20)); err != nil {
				return
			}
			off = start + len(data) - br.Len()
			if off+4 <= len(head) && string(head[off:off+4]) == "PK\x07\x08" {
				off += 4
			}
			off += 12
		default:
			return
		}
	}
	return
}

// entryPrefix returns up to max bytes of an entry's data (stored or
// deflated); as much as can be inflated when data is cut short.
func entryPrefix(method uint16, data []byte, max int) []byte {
	switch method {
	case 0:
		return bytes.Clone(clip(data, max))
	case 8:
		fr := flate.NewReader(bytes.NewReader(data))
		var out bytes.Buffer
		_, _ = io.Copy(&out, io.LimitReader(fr, int64(max)))
		return out.Bytes()
	}
	return nil
}
