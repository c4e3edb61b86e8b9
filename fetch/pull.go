package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/store"
)

// Puller pulls sources into a store.
type Puller struct {
	// Client downloads; nil means NewClient().
	Client *Client
	// Store receives the snapshots.
	Store store.Store
	// Loader parses the downloaded files; nil means catalog.NewLoader.
	Loader *catalog.Loader
	// TempDir is where downloads are written before they are parsed; ""
	// means the system's temporary directory.
	TempDir string
	// MaxDrop is the largest fraction by which a source's entity count may
	// fall (store.ImportOptions.MaxDrop).
	MaxDrop float64
	// Force accepts a larger fall or an older list, and downloads without
	// a conditional GET.
	Force bool
	// Token is the API key for sources that need one (OpenSanctions).
	Token string
	// Log receives notes; nil discards them.
	Log *slog.Logger
}

// PullResult says what a pull did.
type PullResult struct {
	// Source is the source's name.
	Source string `json:"source"`
	// Outcome is store.Added (a new snapshot), store.Unchanged (the
	// server said 304, or sent the same bytes) or store.RejectedOutcome.
	Outcome store.Outcome `json:"outcome"`
	// NotModified is true when the server said the files had not changed
	// (HTTP 304): nothing was downloaded.
	NotModified bool `json:"not_modified"`
	// Snapshot is the new snapshot, the current one when unchanged, or the
	// rejected one.
	Snapshot store.Snapshot `json:"snapshot"`
	// Previous is the source's good snapshot before the pull, if any.
	Previous *store.Snapshot `json:"previous,omitempty"`
	// URLs are the addresses pulled, main file first.
	URLs []string `json:"urls"`
	// Bytes is the number of bytes downloaded.
	Bytes int64 `json:"bytes"`
	// Took is how long the pull took.
	Took time.Duration `json:"took_ns"`
}

// PullError is a failed pull. The source's last good snapshot stays in
// use.
type PullError struct {
	// Source is the source's name.
	Source string
	// URL is the address that failed (the main file's when the failure is
	// about the list as a whole).
	URL string
	// Current is the source's good snapshot that stays in use, nil when
	// there is none.
	Current *store.Snapshot
	// Err says what failed (a *Error for a download, a
	// *store.RejectedError for a rejected list, or a parse error).
	Err error
}

// Error says which source failed, from where, what failed, and which
// snapshot stays in use.
func (e *PullError) Error() string {
	s := fmt.Sprintf("pull %s from %s: %v", e.Source, e.URL, e.Err)
	if fe := (*Error)(nil); errors.As(e.Err, &fe) && fe.URL == e.URL {
		s = fmt.Sprintf("pull %s: %v", e.Source, e.Err) // "GET URL: ..."
	}
	if e.Current != nil {
		s += fmt.Sprintf("; the last good snapshot (%d, fetched %s) stays in use", e.Current.ID, e.Current.FetchedAt.Format(time.RFC3339))
	} else {
		s += fmt.Sprintf("; the store holds no list of %s", e.Source)
	}
	return s
}

// Unwrap returns what failed.
func (e *PullError) Unwrap() error { return e.Err }

func (p *Puller) log() *slog.Logger {
	if p.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return p.Log
}

// Pull downloads a source's files, parses and validates them, and stores
// them as a new snapshot (see store.Import). Any failure returns a
// *PullError and leaves the source's snapshots as they were, apart from a
// rejected snapshot recorded for a list that arrived but could not be
// used.
func (p *Puller) Pull(ctx context.Context, spec Spec) (PullResult, error) {
	start := time.Now()
	res := PullResult{Source: spec.Name, URLs: spec.URLs()}
	client := p.Client
	if client == nil {
		client = NewClient()
	}
	fail := func(u string, err error) (PullResult, error) {
		res.Took = time.Since(start)
		return res, &PullError{Source: res.Source, URL: u, Current: res.Previous, Err: err}
	}
	mainURL := ""
	if len(spec.Files) > 0 {
		mainURL = spec.Files[0].URL
	}
	if mainURL == "" {
		return fail("(no URL)", fmt.Errorf("%s has no default address: give one with --url %s=URL", spec.Name, spec.Name))
	}
	var header http.Header
	if spec.NeedsToken {
		if p.Token == "" {
			return fail(mainURL, fmt.Errorf("%s needs an API key: give it with --token or %s", spec.Name, EnvToken))
		}
		header = http.Header{"Authorization": {"ApiKey " + p.Token}}
	}

	// The current snapshots, for the conditional GET.
	latest, err := p.Store.Latest(ctx)
	if err != nil {
		return fail(mainURL, fmt.Errorf("reading the store: %w", err))
	}
	current := map[string]store.Snapshot{} // by sha256
	for _, s := range latest {
		if s.Source == spec.Name {
			res.Previous = &s
		}
		if s.Source == spec.Name || spec.AnyName {
			current[s.SHA256] = s
		}
	}

	dir, err := os.MkdirTemp(p.TempDir, "pull-"+spec.Name+"-")
	if err != nil {
		return fail(mainURL, err)
	}
	defer os.RemoveAll(dir)

	// Download every file, conditionally where the server's validators
	// belong to the current snapshot.
	results := make([]Result, len(spec.Files))
	var snapSHA string
	conditional := !p.Force
	download := func(i int, cond bool) error {
		f := spec.Files[i]
		req := Request{URL: f.URL, Label: spec.Name + " " + f.Name, Dest: filepath.Join(dir, f.Name), Header: header}
		if cond {
			v, err := p.Store.Validators(ctx, f.URL)
			if err == nil {
				if s, ok := current[v.SHA256]; ok && (snapSHA == "" || snapSHA == v.SHA256) {
					req.ETag, req.LastModified = v.ETag, v.LastModified
					snapSHA = s.SHA256
				}
			} else if !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("reading the store: %w", err)
			}
		}
		r, err := client.Download(ctx, req)
		if err != nil {
			return err
		}
		results[i] = r
		res.Bytes += r.Size
		return nil
	}
	for i, f := range spec.Files {
		if err := download(i, conditional); err != nil {
			return fail(f.URL, err)
		}
	}
	notModified := 0
	for _, r := range results {
		if r.NotModified {
			notModified++
		}
	}
	if notModified == len(results) {
		s := current[snapSHA]
		res.Outcome, res.NotModified, res.Snapshot = store.Unchanged, true, s
		res.Took = time.Since(start)
		p.log().Info("list not modified", "source", spec.Name, "snapshot", s.ID)
		return res, nil
	}
	if notModified > 0 {
		// Part of a multi-file list changed: fetch the rest again, so that
		// every file is at hand.
		for i, r := range results {
			if r.NotModified {
				if err := download(i, false); err != nil {
					return fail(spec.Files[i].URL, err)
				}
			}
		}
	}

	// Recognise and parse.
	mainPath := filepath.Join(dir, spec.Files[0].Name)
	loader := p.Loader
	if loader == nil {
		loader = catalog.NewLoader(p.Log)
	}
	reject := func(format string, entities int, sha string, reason error) (PullResult, error) {
		snap, rerr := store.RecordRejected(ctx, p.Store, store.Snapshot{
			Source: spec.Name, Format: format, SHA256: sha, Entities: entities,
			Files: res.URLs, Origin: mainURL, Reason: reason.Error(),
		})
		if rerr != nil {
			p.log().Error("could not record the rejected list", "source", spec.Name, "error", rerr)
		} else {
			res.Snapshot = snap
		}
		res.Outcome = store.RejectedOutcome
		return fail(mainURL, reason)
	}
	head := fileHead(mainPath, 64<<10)
	format := catalog.Detect(loader.Formats, spec.Files[0].Name, head)
	if format == nil {
		return reject("", 0, results[0].SHA256, fmt.Errorf("%s, which is not a list in the expected format (%s): %w",
			describeContent(results[0], head), strings.Join(spec.Formats, " or "), source.ErrNotList))
	}
	if !slices.Contains(spec.Formats, format.Name) {
		return reject(format.Name, 0, results[0].SHA256, fmt.Errorf("the file is in format %s (%s), expected %s",
			format.Name, format.Description, strings.Join(spec.Formats, " or ")))
	}
	loader = &catalog.Loader{Formats: loader.Formats, Format: format.Name, Log: loader.Log}
	srcs, err := loader.LoadSources(ctx, []string{mainPath})
	if err != nil {
		if ctx.Err() != nil {
			return fail(mainURL, ctx.Err())
		}
		// The loader names the temporary file; the URL is in the PullError.
		reason := &renamedError{strings.ReplaceAll(err.Error(), mainPath, spec.Files[0].Name), err}
		if errors.Is(err, source.ErrNotList) || errors.Is(err, source.ErrTruncated) {
			return reject(format.Name, 0, results[0].SHA256, reason)
		}
		return fail(mainURL, reason)
	}
	if len(srcs) != 1 {
		return fail(mainURL, fmt.Errorf("the download holds %d lists, expected one", len(srcs)))
	}
	src := srcs[0]
	if !spec.AnyName && src.Name != spec.Name {
		return reject(src.Format, len(src.Entities), src.SHA256,
			fmt.Errorf("the file is a list of %s (format %s), not of %s", src.Name, src.Format, spec.Name))
	}
	res.Source = src.Name
	if prev, ok := latestOf(latest, src.Name); ok {
		res.Previous = &prev
	}

	// Validate and store.
	ir, err := store.Import(ctx, p.Store, src, store.ImportOptions{
		Origin: mainURL, Files: res.URLs, Formats: spec.Formats, MaxDrop: p.MaxDrop, Force: p.Force, Log: p.Log,
	})
	res.Outcome, res.Snapshot = ir.Outcome, ir.Snapshot
	if err != nil {
		return fail(mainURL, err)
	}
	// Remember the validators for next time.
	for _, r := range results {
		if r.ETag == "" && r.LastModified == "" {
			continue
		}
		err := p.Store.SetValidators(ctx, store.Validators{URL: r.URL, ETag: r.ETag, LastModified: r.LastModified, SHA256: ir.Snapshot.SHA256})
		if err != nil {
			p.log().Warn("could not remember the validators for a conditional GET", "url", r.URL, "error", err)
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

// renamedError is an error with another message: the loader's, with the
// temporary file's path replaced by the file's name.
type renamedError struct {
	msg string
	err error
}

func (e *renamedError) Error() string { return e.msg }

func (e *renamedError) Unwrap() error { return e.err }

func latestOf(latest []store.Snapshot, name string) (store.Snapshot, bool) {
	for _, s := range latest {
		if s.Source == name {
			return s, true
		}
	}
	return store.Snapshot{}, false
}

// describeContent says what the server sent, for a file that is no list
// (an HTML error page, say).
func describeContent(r Result, head []byte) string {
	what := "the server sent"
	if r.ContentType != "" {
		what += " " + r.ContentType
	}
	what += fmt.Sprintf(" (%s", Size(r.Size))
	if s := snippet(head, 120); s != "" {
		what += fmt.Sprintf(", starting %q", s)
	}
	return what + ")"
}

// fileHead returns up to n bytes from the start of a file.
func fileHead(path string, n int) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, int64(n)))
	return b
}

// snippet returns up to n bytes of b as one line of valid text.
func snippet(b []byte, n int) string {
	b = bytes.TrimSpace(b)
	if len(b) > n {
		b = b[:n]
	}
	for !utf8.Valid(b) && len(b) > 0 {
		b = b[:len(b)-1]
	}
	return strings.Join(strings.Fields(string(b)), " ")
}
