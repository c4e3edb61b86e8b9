package store

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/embargo/embargo/entity"
)

// The blob of a snapshot's entities is a header line followed by frames;
// each frame is a uvarint length and that many bytes of raw DEFLATE data
// which inflate to a gob stream of up to chunkSize entity.Entity values.
// Frames are independent, so that they can be inflated and decoded in
// parallel.
//
// Gob rather than the JSON wire form: loading the newest snapshots is on
// the path of every command, and gob decodes entities about five times
// faster than encoding/json. Gob matches fields by name, so a blob
// written before a field was added to entity.Entity still decodes. What
// gob cannot tell apart (a nil and an empty slice, a nil and a zero
// pointer) makes no difference to the entity's JSON form, which is what
// EntityHash and the API use; EncodeEntities checks that every entity
// decodes back to the same JSON before a snapshot is stored.
const (
	blobMagic = "embargo-entities-v1 gob+deflate\n"
	chunkSize = 256
	// maxFrame bounds a frame's compressed and inflated sizes, so that a
	// damaged blob cannot make the decoder allocate without limit.
	maxFrame = 256 << 20
)

// EntityHash is the entity's content hash (entity.Entity.Hash): a
// designation whose hash changes has changed.
func EntityHash(e *entity.Entity) string { return e.Hash() }

func hashBytes(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// refKeys gives entities the IDs of their refs: the entity ID, and for an
// ID repeated within a snapshot "#2", "#3"... after it. It counts the
// times each ID was given.
type refKeys map[string]int

func (k refKeys) key(id string) string {
	ref := id
	if n := k[id]; n > 0 {
		ref = id + "#" + strconv.Itoa(n+1)
	}
	k[id]++
	return ref
}

// ByRef keys a snapshot's entities, in the order they were stored, as its
// refs are (EntityRef.ID): by ID, a repeated ID getting "#2", "#3"...
func ByRef(ents []*entity.Entity) map[string]*entity.Entity {
	out := make(map[string]*entity.Entity, len(ents))
	keys := make(refKeys, len(ents))
	for _, e := range ents {
		out[keys.key(e.ID)] = e
	}
	return out
}

// EncodeEntities encodes a source's entities for AddSnapshot: the blob and
// one EntityRef per entity. An ID repeated within the source (which a
// parser should not produce) gets "#2", "#3"... in its ref, so that no
// entity is left out of the hash table; the entity itself is stored as is.
//
// It checks that every entity decodes back to the same JSON form, and
// fails naming the entity otherwise, so that a snapshot that could not be
// loaded again as it was is never stored. Before that it sets an
// all-empty Vessel or name Parts to nil, which changes nothing in the
// entity's meaning.
func EncodeEntities(ents []*entity.Entity) (*SnapshotData, error) {
	d := &SnapshotData{Refs: make([]EntityRef, 0, len(ents))}
	var (
		blob  bytes.Buffer
		raw   bytes.Buffer
		comp  bytes.Buffer
		check bytes.Buffer
		seen  = make(refKeys, len(ents))
		lenb  [binary.MaxVarintLen64]byte
	)
	blob.WriteString(blobMagic)
	zw, err := flate.NewWriter(&comp, flate.DefaultCompression)
	if err != nil {
		return nil, fmt.Errorf("encoding entities: %w", err)
	}
	for start := 0; start < len(ents); start += chunkSize {
		chunk := ents[start:min(start+chunkSize, len(ents))]
		raw.Reset()
		enc := gob.NewEncoder(&raw)
		for i, e := range chunk {
			if e == nil {
				return nil, fmt.Errorf("encoding entities: entity %d is nil", start+i)
			}
			trimEmpty(e)
			b, err := json.Marshal(e)
			if err != nil {
				return nil, fmt.Errorf("encoding entity %s: %w", e.ID, err)
			}
			d.Refs = append(d.Refs, EntityRef{ID: seen.key(e.ID), Hash: hashBytes(b), Name: e.Caption()})
			if err := enc.Encode(e); err != nil {
				return nil, fmt.Errorf("encoding entity %s: %w", e.ID, err)
			}
		}
		comp.Reset()
		zw.Reset(&comp)
		if _, err := zw.Write(raw.Bytes()); err != nil {
			return nil, fmt.Errorf("encoding entities: %w", err)
		}
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("encoding entities: %w", err)
		}
		back, err := decodeFrame(comp.Bytes(), &check)
		if err != nil {
			return nil, fmt.Errorf("encoding entities: the encoded entities do not decode: %w", err)
		}
		if len(back) != len(chunk) {
			return nil, fmt.Errorf("encoding entities: %d entities decode back as %d", len(chunk), len(back))
		}
		for i, e := range back {
			if h := EntityHash(e); h != d.Refs[start+i].Hash {
				return nil, fmt.Errorf("encoding entity %s: it does not decode back to the same content (fields %s)",
					chunk[i].ID, strings.Join(ChangedFields(chunk[i], e), ", "))
			}
		}
		n := binary.PutUvarint(lenb[:], uint64(comp.Len()))
		blob.Write(lenb[:n])
		blob.Write(comp.Bytes())
	}
	d.Blob = blob.Bytes()
	return d, nil
}

// trimEmpty sets an all-empty Vessel and all-empty name Parts to nil.
func trimEmpty(e *entity.Entity) {
	if e.Vessel != nil && *e.Vessel == (entity.Craft{}) {
		e.Vessel = nil
	}
	for i := range e.Names {
		if e.Names[i].Parts != nil && e.Names[i].Parts.IsZero() {
			e.Names[i].Parts = nil
		}
	}
}

// DecodeEntities decodes a blob written by EncodeEntities, using every
// CPU.
func DecodeEntities(blob []byte) ([]*entity.Entity, error) {
	frames, err := splitFrames(blob)
	if err != nil {
		return nil, err
	}
	chunks, err := decodeFrames(frames)
	if err != nil {
		return nil, err
	}
	return joinChunks(chunks), nil
}

// splitFrames returns the frames of a blob.
func splitFrames(blob []byte) ([][]byte, error) {
	if !bytes.HasPrefix(blob, []byte(blobMagic)) {
		return nil, errors.New("entity blob: unknown encoding (no embargo-entities-v1 header)")
	}
	rest := blob[len(blobMagic):]
	var frames [][]byte
	for len(rest) > 0 {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > maxFrame || n > uint64(len(rest)-k) {
			return nil, fmt.Errorf("entity blob: frame %d is damaged or truncated", len(frames)+1)
		}
		frames = append(frames, rest[k:k+int(n)])
		rest = rest[k+int(n):]
	}
	return frames, nil
}

// decodeFrames inflates and decodes frames in parallel; the result has one
// slice of entities per frame, in order.
func decodeFrames(frames [][]byte) ([][]*entity.Entity, error) {
	out := make([][]*entity.Entity, len(frames))
	errs := make([]error, len(frames))
	workers := min(runtime.GOMAXPROCS(0), len(frames))
	var (
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := range next {
				out[i], errs[i] = decodeFrame(frames[i], &buf)
			}
		})
	}
	for i := range frames {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("entity blob: frame %d: %w", i+1, err)
		}
	}
	return out, nil
}

func decodeFrame(frame []byte, buf *bytes.Buffer) ([]*entity.Entity, error) {
	buf.Reset()
	zr := flate.NewReader(bytes.NewReader(frame))
	defer zr.Close()
	if _, err := buf.ReadFrom(io.LimitReader(zr, maxFrame+1)); err != nil {
		return nil, err
	}
	if buf.Len() > maxFrame {
		return nil, errors.New("frame inflates beyond the size limit")
	}
	dec := gob.NewDecoder(buf)
	ents := make([]*entity.Entity, 0, chunkSize)
	for buf.Len() > 0 {
		e := new(entity.Entity)
		if err := dec.Decode(e); err != nil {
			return nil, fmt.Errorf("entity %d: %w", len(ents)+1, err)
		}
		ents = append(ents, e)
	}
	return ents, nil
}

func joinChunks(chunks [][]*entity.Entity) []*entity.Entity {
	n := 0
	for _, c := range chunks {
		n += len(c)
	}
	out := make([]*entity.Entity, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}
