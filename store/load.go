package store

import (
	"context"
	"fmt"
	"time"

	"github.com/embargo/embargo/catalog"
)

// LoadLatest loads the newest good snapshot of every source into a
// catalog, and returns the snapshots used (by source name). An empty store
// gives an empty catalog and no snapshots.
func LoadLatest(ctx context.Context, st Store) (*catalog.Catalog, []Snapshot, error) {
	snaps, err := st.Latest(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the current snapshots: %w", err)
	}
	srcs, err := LoadSources(ctx, st, snaps)
	if err != nil {
		return nil, nil, err
	}
	return catalog.New(srcs), snaps, nil
}

// LoadSources loads the given snapshots as catalog sources, decoding their
// entities on every CPU. The sources keep the snapshots' metadata: name,
// format, files, publisher's date, sha256 (so that the catalog's Version
// is the same as when the files are loaded directly), record count and
// skipped records.
func LoadSources(ctx context.Context, st Store, snaps []Snapshot) ([]*catalog.Source, error) {
	start := time.Now()
	var (
		frames [][]byte
		bounds = make([]int, len(snaps)+1)
	)
	for i, s := range snaps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		blob, err := st.Blob(ctx, s.ID)
		if err != nil {
			return nil, fmt.Errorf("loading %s: %w", s, err)
		}
		fs, err := splitFrames(blob)
		if err != nil {
			return nil, fmt.Errorf("loading %s: %w", s, err)
		}
		frames = append(frames, fs...)
		bounds[i+1] = len(frames)
	}
	chunks, err := decodeFrames(frames)
	if err != nil {
		return nil, fmt.Errorf("loading snapshots: %w", err)
	}
	took := time.Since(start)
	out := make([]*catalog.Source, len(snaps))
	for i, s := range snaps {
		ents := joinChunks(chunks[bounds[i]:bounds[i+1]])
		if len(ents) != s.Entities {
			return nil, fmt.Errorf("loading %s: the stored data holds %d entities, the snapshot says %d", s, len(ents), s.Entities)
		}
		path := s.Origin
		if len(s.Files) > 0 {
			path = s.Files[0]
		}
		out[i] = &catalog.Source{
			Name: s.Source, Format: s.Format, Path: path, Files: s.Files, Published: s.Published,
			SHA256: s.SHA256, Records: s.Records, Skipped: sourceProblems(s.Problems),
			Entities: ents, LoadTime: took,
		}
	}
	return out, nil
}
