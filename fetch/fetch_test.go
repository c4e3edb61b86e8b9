package fetch_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/fetch"
)

// recorder is a Progress that keeps what it was told.
type recorder struct {
	mu     sync.Mutex
	labels []string
	totals []int64
	bytes  int64
	errs   []error
}

func (r *recorder) Start(label string, total int64) fetch.Tracker {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.labels = append(r.labels, label)
	r.totals = append(r.totals, total)
	return r
}

func (r *recorder) Add(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bytes += int64(n)
}

func (r *recorder) Done(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, err)
}

// statusServer answers with the given statuses in turn, then 200 "hello".
func statusServer(t *testing.T, statuses []int, header http.Header) (*httptest.Server, *int) {
	t.Helper()
	n := 0
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		i := n
		n++
		mu.Unlock()
		if i < len(statuses) {
			for k, v := range header {
				w.Header()[k] = v
			}
			w.WriteHeader(statuses[i])
			return
		}
		w.Write([]byte("hello"))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestDownloadRetriesWhatCanBeRetried(t *testing.T) {
	tests := []struct {
		name     string
		statuses []int
		header   http.Header
		attempts int
		wantErr  bool
		requests int
	}{
		{"success", nil, nil, 3, false, 1},
		{"5xx then success", []int{502, 503}, nil, 3, false, 3},
		{"5xx until the last attempt", []int{500, 500, 500}, nil, 3, true, 3},
		{"408 and 429 are retried", []int{408, 429}, http.Header{"Retry-After": {"0"}}, 3, false, 3},
		{"404 is not retried", []int{404}, nil, 3, true, 1},
		{"403 is not retried", []int{403}, nil, 3, true, 1},
		{"304 without a conditional request is an error", []int{304}, nil, 3, true, 1},
		{"one attempt only", []int{500}, nil, 1, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := statusServer(t, tt.statuses, tt.header)
			c := &fetch.Client{Attempts: tt.attempts, Backoff: time.Millisecond}
			dest := filepath.Join(t.TempDir(), "f")
			res, err := c.Download(t.Context(), fetch.Request{URL: srv.URL + "/list.xml", Dest: dest})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Download: %+v, %v", res, err)
			}
			if *n != tt.requests {
				t.Errorf("%d requests, want %d", *n, tt.requests)
			}
			if err != nil {
				var fe *fetch.Error
				if !errors.As(err, &fe) || !errors.Is(err, fetch.ErrStatus) || fe.URL != srv.URL+"/list.xml" || fe.Attempts != tt.requests {
					t.Errorf("error %#v", err)
				}
				return
			}
			b, _ := os.ReadFile(dest)
			sum := sha256.Sum256([]byte("hello"))
			if string(b) != "hello" || res.SHA256 != hex.EncodeToString(sum[:]) || res.Size != 5 || res.Attempts != tt.requests {
				t.Errorf("result %+v, file %q", res, b)
			}
		})
	}
}

func TestDownloadHonoursRetryAfterUpToItsCap(t *testing.T) {
	srv, _ := statusServer(t, []int{503}, http.Header{"Retry-After": {"3600"}})
	c := &fetch.Client{Backoff: time.Hour, MaxRetryAfter: 50 * time.Millisecond}
	start := time.Now()
	if _, err := c.Download(t.Context(), fetch.Request{URL: srv.URL, Dest: filepath.Join(t.TempDir(), "f")}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 10*time.Second {
		t.Errorf("retry after %v, want the 50ms cap", d)
	}
}

func TestDownloadStopsWhenCancelled(t *testing.T) {
	srv, _ := statusServer(t, []int{500, 500, 500}, nil)
	c := &fetch.Client{Backoff: time.Hour}
	ctx, cancel := contextWithTimeout(t, 100*time.Millisecond)
	defer cancel()
	_, err := c.Download(ctx, fetch.Request{URL: srv.URL, Dest: filepath.Join(t.TempDir(), "f")})
	if err == nil || ctx.Err() == nil || !errors.Is(err, ctx.Err()) {
		t.Errorf("Download after cancellation: %v", err)
	}
}

func TestDownloadConditionalGET(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", "Fri, 27 Feb 2026 00:00:00 GMT")
		w.Write([]byte("list"))
	}))
	defer srv.Close()
	c := &fetch.Client{}
	dest := filepath.Join(t.TempDir(), "f")
	first, err := c.Download(t.Context(), fetch.Request{URL: srv.URL, Dest: dest})
	if err != nil || first.NotModified || first.ETag != `"v1"` || first.LastModified == "" {
		t.Fatalf("first download: %+v, %v", first, err)
	}
	os.Remove(dest)
	second, err := c.Download(t.Context(), fetch.Request{URL: srv.URL, Dest: dest, ETag: first.ETag, LastModified: first.LastModified})
	if err != nil || !second.NotModified || second.ETag != `"v1"` || second.LastModified != first.LastModified {
		t.Fatalf("conditional download: %+v, %v", second, err)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a 304 wrote the file")
	}
}

func TestDownloadReportsProgress(t *testing.T) {
	body := strings.Repeat("sanctions ", 50000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write([]byte(body))
	}))
	defer srv.Close()
	rec := &recorder{}
	c := &fetch.Client{Progress: rec}
	if _, err := c.Download(t.Context(), fetch.Request{URL: srv.URL, Label: "un consolidated.xml", Dest: filepath.Join(t.TempDir(), "f")}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec.labels, []string{"un consolidated.xml"}) || rec.totals[0] != int64(len(body)) ||
		rec.bytes != int64(len(body)) || len(rec.errs) != 1 || rec.errs[0] != nil {
		t.Errorf("progress: %+v", rec)
	}
}

func TestSpecURLs(t *testing.T) {
	ofac, _ := fetch.Lookup("ofac")
	un, _ := fetch.Lookup("un")
	tests := []struct {
		name  string
		spec  fetch.Spec
		url   string
		files []fetch.File
		err   bool
	}{
		{"a mirror of the CSV set: companions from its directory", ofac, "https://mirror.example/ofac/2026-02-27/sdn.csv?x=1",
			[]fetch.File{
				{Name: "SDN.CSV", URL: "https://mirror.example/ofac/2026-02-27/sdn.csv?x=1"},
				{Name: "ADD.CSV", URL: "https://mirror.example/ofac/2026-02-27/ADD.CSV"},
				{Name: "ALT.CSV", URL: "https://mirror.example/ofac/2026-02-27/ALT.CSV"},
				{Name: "SDN_COMMENTS.CSV", URL: "https://mirror.example/ofac/2026-02-27/SDN_COMMENTS.CSV"},
			}, false},
		{"OFAC's XML instead of the CSV set", ofac, "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
			[]fetch.File{{Name: "SDN.XML", URL: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML"}}, false},
		{"a single-file list keeps its name when the URL has none", un, "https://mirror.example/download?id=un",
			[]fetch.File{{Name: "consolidated.xml", URL: "https://mirror.example/download?id=un"}}, false},
		{"not http", un, "ftp://mirror.example/un.xml", nil, true},
		{"not a URL", un, "consolidated.xml", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.spec.WithURL(tt.url)
			if (err != nil) != tt.err {
				t.Fatalf("WithURL: %v", err)
			}
			if err == nil && !slices.Equal(got.Files, tt.files) {
				t.Errorf("files = %+v\nwant %+v", got.Files, tt.files)
			}
		})
	}
	mirrored := ofac.WithBase("http://127.0.0.1:8080/lists/")
	if got := mirrored.URLs(); got[0] != "http://127.0.0.1:8080/lists/ofac/SDN.CSV" || got[3] != "http://127.0.0.1:8080/lists/ofac/SDN_COMMENTS.CSV" {
		t.Errorf("WithBase: %v", got)
	}
	if ofac.Files[0].URL == mirrored.Files[0].URL {
		t.Error("WithBase changed the original spec")
	}
}

// TestSourcesAreTheOfficialOnes checks the default table: https URLs,
// known formats, and the sources a first run pulls.
func TestSourcesAreTheOfficialOnes(t *testing.T) {
	known := map[string]bool{}
	for _, f := range catalog.Formats() {
		known[f.Name] = true
	}
	var defaults []string
	for _, s := range fetch.Sources() {
		if s.Default {
			defaults = append(defaults, s.Name)
		}
		if s.Publisher == "" || !strings.HasPrefix(s.Page, "https://") || len(s.Files) == 0 || len(s.Formats) == 0 {
			t.Errorf("%s: incomplete spec %+v", s.Name, s)
		}
		for _, f := range s.Files {
			if s.Default && !strings.HasPrefix(f.URL, "https://") {
				t.Errorf("%s: %s is not https", s.Name, f.URL)
			}
		}
		for _, f := range s.Formats {
			if !known[f] {
				t.Errorf("%s: format %s is unknown to the catalog", s.Name, f)
			}
		}
	}
	if want := []string{"ofac", "un", "eu", "uk", "csl", "dpl"}; !slices.Equal(defaults, want) {
		t.Errorf("default sources %v, want %v", defaults, want)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 12_900_000: "12.3 MiB", 512 << 20: "512.0 MiB", 3 << 30: "3.0 GiB"} {
		if got := fetch.Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func contextWithTimeout(t *testing.T, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), d)
}

func TestIsNoNetwork(t *testing.T) {
	c := &fetch.Client{Attempts: 1}
	_, err := c.Download(t.Context(), fetch.Request{URL: "http://127.0.0.1:1/x", Dest: filepath.Join(t.TempDir(), "f")})
	if !fetch.IsNoNetwork(err) {
		t.Errorf("connection refused: IsNoNetwork(%v) = false", err)
	}
	srv, _ := statusServer(t, []int{500}, nil)
	_, err = c.Download(t.Context(), fetch.Request{URL: srv.URL, Dest: filepath.Join(t.TempDir(), "f")})
	if err == nil || fetch.IsNoNetwork(err) {
		t.Errorf("HTTP 500: IsNoNetwork(%v) = true", err)
	}
}
