package catalog

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// headSize is how much of a file format detection looks at.
const headSize = 64 << 10

// Loader reads list files.
type Loader struct {
	// Formats are the known formats, in detection priority order.
	Formats []source.Format
	// Format, when set, names the format every file is read as (the
	// --format flag); detection is skipped.
	Format string
	// Log receives notes on skipped files and records; nil discards them.
	Log *slog.Logger
}

// NewLoader returns a loader for every format embargo knows.
func NewLoader(log *slog.Logger) *Loader {
	return &Loader{Formats: Formats(), Log: log}
}

func (l *Loader) log() *slog.Logger {
	if l.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l.Log
}

// job is one list to read: a main file and its companions.
type job struct {
	path   string
	format *source.Format
}

// Load reads every path (a file or a directory) and returns the catalog.
// A file given by name must be a recognised list; files in a directory
// that are not lists are skipped with a note in the log. Any list that
// cannot be read fails the whole load: screening on part of the data
// without saying so is worse than not screening.
func (l *Loader) Load(ctx context.Context, paths []string) (*Catalog, error) {
	sources, err := l.LoadSources(ctx, paths)
	if err != nil {
		return nil, err
	}
	return New(sources), nil
}

// LoadSources reads every path and returns the sources, merged by name.
func (l *Loader) LoadSources(ctx context.Context, paths []string) ([]*Source, error) {
	var jobs []job
	for _, p := range paths {
		js, err := l.plan(p)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, js...)
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("no list files found in %s", strings.Join(paths, ", "))
	}
	results := make([]*Source, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		g.Go(func() error {
			s, err := l.read(gctx, j.path, j.format)
			if err != nil {
				return err
			}
			results[i] = s
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return merge(results)
}

// plan lists the lists to read under path.
func (l *Loader) plan(path string) ([]job, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", path, err)
	}
	if !fi.IsDir() {
		f, err := l.detect(path)
		if err != nil {
			return nil, err
		}
		if f == nil {
			return nil, fmt.Errorf("%s: %w: not a recognised list format (known: %s); use --format to name it",
				path, source.ErrNotList, strings.Join(l.formatNames(), ", "))
		}
		return []job{{path, f}}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != path && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list directory %s: %w", path, err)
	}
	var jobs []job
	companion := map[string]bool{}
	for _, p := range files {
		f, err := l.detect(p)
		if err != nil {
			return nil, err
		}
		if f == nil {
			continue
		}
		jobs = append(jobs, job{p, f})
		for _, c := range f.Companions {
			companion[strings.ToLower(filepath.Join(filepath.Dir(p), c))] = true
		}
	}
	jobs = slices.DeleteFunc(jobs, func(j job) bool { return companion[strings.ToLower(j.path)] })
	for _, p := range files {
		if !companion[strings.ToLower(p)] && !slices.ContainsFunc(jobs, func(j job) bool { return j.path == p }) {
			l.log().Info("skipping file that is not a recognised list", "file", p)
		}
	}
	return jobs, nil
}

func (l *Loader) formatNames() []string {
	names := make([]string, len(l.Formats))
	for i, f := range l.Formats {
		names[i] = f.Name
	}
	return names
}

// detect returns the format of the file at path, or nil when none claims it.
func (l *Loader) detect(path string) (*source.Format, error) {
	if l.Format != "" {
		for i := range l.Formats {
			if l.Formats[i].Name == l.Format {
				return &l.Formats[i], nil
			}
		}
		return nil, fmt.Errorf("unknown format %q (known: %s)", l.Format, strings.Join(l.formatNames(), ", "))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, headSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("list %s: %w", path, err)
	}
	return Detect(l.Formats, filepath.Base(path), head[:n]), nil
}

// Detect returns the first format in formats that claims a file with the
// given base name and first bytes, or nil.
func Detect(formats []source.Format, name string, head []byte) *source.Format {
	if len(bytes.TrimSpace(head)) == 0 {
		return nil
	}
	for i := range formats {
		if formats[i].Sniff(name, head) {
			return &formats[i]
		}
	}
	return nil
}

// read parses one list with its companions.
func (l *Loader) read(ctx context.Context, path string, f *source.Format) (*Source, error) {
	start := time.Now()
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", path, err)
	}
	defer file.Close()
	if fi, err := file.Stat(); err == nil && fi.Size() == 0 {
		return nil, fmt.Errorf("list %s: %w: the file is empty", path, source.ErrNotList)
	}
	sum := sha256.New()
	files := []string{path}
	dir := filepath.Dir(path)
	in := source.Input{
		Name: path,
		R:    io.TeeReader(file, sum),
		Open: func(name string) (io.ReadCloser, error) {
			p, err := findFold(dir, name)
			if err != nil {
				return nil, err
			}
			c, err := os.Open(p)
			if err != nil {
				return nil, err
			}
			files = append(files, p)
			return &hashedFile{c, sum}, nil
		},
	}
	s := &Source{Path: path, Format: f.Name}
	rep, err := f.Parse(ctx, in, func(e *entity.Entity) error {
		s.Entities = append(s.Entities, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s (%s): %w", path, f.Name, err)
	}
	// Hash whatever the parser did not read, so the checksum is the file's.
	if _, err := io.Copy(sum, file); err != nil {
		return nil, fmt.Errorf("list %s: %w", path, err)
	}
	s.Name = cmp.Or(f.Source, rep.Dataset, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	s.Files = files
	s.Published = rep.Published
	s.Records = rep.Records
	s.Skipped = rep.Skipped
	s.Deleted = rep.Deleted
	s.SHA256 = hex.EncodeToString(sum.Sum(nil))
	s.LoadTime = time.Since(start)
	for _, e := range s.Entities {
		if e.Source == "" {
			e.Source = s.Name
		}
	}
	for _, p := range rep.Skipped {
		l.log().Warn("skipped malformed record", "source", s.Name, "problem", p.Error())
	}
	l.log().Debug("loaded list", "source", s.Name, "format", f.Name, "file", path,
		"entities", len(s.Entities), "skipped", len(s.Skipped), "took", s.LoadTime)
	return s, nil
}

// hashedFile feeds a companion file's bytes into the source checksum as
// they are read, and the rest of it when closed.
type hashedFile struct {
	f   *os.File
	sum hash.Hash
}

func (h *hashedFile) Read(p []byte) (int, error) {
	n, err := h.f.Read(p)
	h.sum.Write(p[:n])
	return n, err
}

func (h *hashedFile) Close() error {
	_, _ = io.Copy(h.sum, h.f)
	return h.f.Close()
}

// findFold finds name in dir, ignoring case ("ADD.CSV" for "add.csv").
func findFold(dir, name string) (string, error) {
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) {
			return filepath.Join(dir, e.Name()), nil
		}
	}
	return "", fmt.Errorf("%s: %w", p, fs.ErrNotExist)
}

// merge joins sources of the same name: a delta file (one that deletes or
// that comes after a full file of its dataset) updates the full one; two
// full files of one name are an error, since their entities would collide.
func merge(in []*Source) ([]*Source, error) {
	// Full files first, deltas after, each in path order.
	slices.SortStableFunc(in, func(a, b *Source) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(isDelta(a), isDelta(b)), cmp.Compare(a.Path, b.Path))
	})
	var out []*Source
	for _, s := range in {
		if len(out) == 0 || out[len(out)-1].Name != s.Name {
			out = append(out, s)
			continue
		}
		base := out[len(out)-1]
		if isDelta(s) == 0 {
			return nil, fmt.Errorf("lists %s and %s are both source %q: load one of them, or put them in separate runs",
				base.Path, s.Path, s.Name)
		}
		applyDelta(base, s)
	}
	return out, nil
}

func isDelta(s *Source) int {
	if strings.Contains(s.Format, "delta") {
		return 1
	}
	return 0
}

// applyDelta applies the additions, modifications and deletions of a delta
// source to base.
func applyDelta(base, delta *Source) {
	drop := make(map[string]bool, len(delta.Deleted)+len(delta.Entities))
	for _, id := range delta.Deleted {
		drop[id] = true
	}
	for _, e := range delta.Entities {
		drop[e.ID] = true
	}
	base.Entities = slices.DeleteFunc(base.Entities, func(e *entity.Entity) bool { return drop[e.ID] })
	base.Entities = append(base.Entities, delta.Entities...)
	base.Files = append(base.Files, delta.Files...)
	base.Skipped = append(base.Skipped, delta.Skipped...)
	base.Records += delta.Records
	base.Published = max(base.Published, delta.Published)
	h := sha256.Sum256([]byte(base.SHA256 + delta.SHA256))
	base.SHA256 = hex.EncodeToString(h[:])
}
