package fetch_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/embargo/embargo/fetch"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/sqlite"
)

// mirror is a publisher's server for tests: it serves the shared lists at
// /SOURCE/FILE, and misbehaves as told.
type mirror struct {
	files map[string][]byte // by URL path

	mu    sync.Mutex
	mode  string
	hits  map[string]int
	conds int // conditional requests received
}

func newMirror(t *testing.T) (*mirror, *httptest.Server) {
	t.Helper()
	lists := shareddata.Lists(t)
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(lists, rel))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	un := read("un-consolidated-2026-02-27.xml")
	m := &mirror{hits: map[string]int{}, files: map[string][]byte{
		"/un/consolidated.xml":        un,
		"/un-shrunk/consolidated.xml": shrinkUN(t, un),
		"/ofac/SDN.CSV":               read("ofac-sdn-2021-07-07/sdn.csv"),
		"/ofac/ADD.CSV":               read("ofac-sdn-2021-07-07/add.csv"),
		"/ofac/ALT.CSV":               read("ofac-sdn-2021-07-07/alt.csv"),
		"/ofac/SDN_COMMENTS.CSV":      read("ofac-sdn-2021-07-07/sdn_comments.csv"),
		"/dpl/dpl.txt":                read("us-bis-dpl-2022-09-07.txt"),
	}}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return m, srv
}

// shrinkUN drops three individuals of every four from the UN list: a
// list of the right format whose count fell by half.
func shrinkUN(t *testing.T, un []byte) []byte {
	t.Helper()
	re := regexp.MustCompile(`(?s)<INDIVIDUAL>.*?</INDIVIDUAL>\s*`)
	i := 0
	out := re.ReplaceAllFunc(un, func(b []byte) []byte {
		i++
		if i%4 == 0 {
			return b
		}
		return nil
	})
	if i < 100 {
		t.Fatalf("the UN list has %d individuals; is it the real file?", i)
	}
	return out
}

func (m *mirror) setMode(mode string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mode = mode
	m.hits = map[string]int{}
	m.conds = 0
}

func (m *mirror) hitCount(path string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits[path]
}

func (m *mirror) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	mode := m.mode
	m.hits[r.URL.Path]++
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		m.conds++
	}
	m.mu.Unlock()
	body, ok := m.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch mode {
	case "500":
		http.Error(w, "Internal Server Error: database unavailable", http.StatusInternalServerError)
		return
	case "404":
		http.NotFound(w, r)
		return
	case "reset":
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	case "truncated":
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/3])
		return // the server closes the connection: the body is short
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body>The service is down for maintenance.</body></html>\n")
		return
	case "slow":
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:1000])
		w.(http.Flusher).Flush()
		select { // stall until the client gives up
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return
	case "huge-chunked":
		w.WriteHeader(http.StatusOK)
		chunk := bytes.Repeat([]byte("x"), 64<<10)
		for i := 0; i < 1000 && r.Context().Err() == nil; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		return
	}
	sum := sha256.Sum256(body)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	w.Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(w, r, "", time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC), bytes.NewReader(body))
}

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func puller(st store.Store) *fetch.Puller {
	return &fetch.Puller{
		Store:   st,
		MaxDrop: store.DefaultMaxDrop,
		Client: &fetch.Client{
			Timeout: 2 * time.Second, Backoff: time.Millisecond, Attempts: 3, MaxSize: 8 << 20,
		},
	}
}

func spec(t *testing.T, name, base string) fetch.Spec {
	t.Helper()
	s, ok := fetch.Lookup(name)
	if !ok {
		t.Fatalf("no source %s", name)
	}
	return s.WithBase(base)
}

// current returns the IDs of the current snapshots, by source.
func current(t *testing.T, st store.Store) map[string]int64 {
	t.Helper()
	cat, snaps, err := store.LoadLatest(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, s := range snaps {
		out[s.Source] = s.ID
		src, _ := cat.Source(s.Source)
		if len(src.Entities) != s.Entities || s.Entities == 0 {
			t.Errorf("%s: %d entities loaded, the snapshot says %d", s.Source, len(src.Entities), s.Entities)
		}
	}
	return out
}

func TestPullStoresTheListAndThenAsksIfItChanged(t *testing.T) {
	m, srv := newMirror(t)
	st := openStore(t)
	p := puller(st)
	res, err := p.Pull(t.Context(), spec(t, "un", srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != store.Added || res.Snapshot.Entities != 1003 || res.Snapshot.Published != "2026-02-27" ||
		res.Snapshot.Origin != srv.URL+"/un/consolidated.xml" || res.Bytes != int64(len(m.files["/un/consolidated.xml"])) {
		t.Fatalf("first pull: %+v", res)
	}
	sum := sha256.Sum256(m.files["/un/consolidated.xml"])
	if res.Snapshot.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("snapshot sha256 %s is not that of the bytes served", res.Snapshot.SHA256)
	}
	v, err := st.Validators(t.Context(), srv.URL+"/un/consolidated.xml")
	if err != nil || v.ETag == "" || v.SHA256 != res.Snapshot.SHA256 {
		t.Errorf("validators: %+v, %v", v, err)
	}
	again, err := p.Pull(t.Context(), spec(t, "un", srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if !again.NotModified || again.Outcome != store.Unchanged || again.Snapshot.ID != res.Snapshot.ID || again.Bytes != 0 || m.conds != 1 {
		t.Errorf("second pull: %+v (conditional requests: %d)", again, m.conds)
	}
	// --force downloads again; the same bytes make no new snapshot.
	p.Force = true
	forced, err := p.Pull(t.Context(), spec(t, "un", srv.URL))
	if err != nil || forced.NotModified || forced.Outcome != store.Unchanged || forced.Snapshot.ID != res.Snapshot.ID {
		t.Errorf("forced pull: %+v, %v", forced, err)
	}
}

func TestPullOfACSVSetFetchesEveryFile(t *testing.T) {
	m, srv := newMirror(t)
	st := openStore(t)
	p := puller(st)
	// The main URL given alone: the companions come from its directory.
	s, err := spec(t, "ofac", "http://unused.invalid").WithURL(srv.URL + "/ofac/SDN.CSV")
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Pull(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != store.Added || res.Snapshot.Entities != 8976 || len(res.Snapshot.Files) != 4 {
		t.Fatalf("pull of the OFAC set: %+v", res)
	}
	for _, f := range []string{"/ofac/SDN.CSV", "/ofac/ADD.CSV", "/ofac/ALT.CSV", "/ofac/SDN_COMMENTS.CSV"} {
		if m.hitCount(f) != 1 {
			t.Errorf("%s fetched %d times, want 1", f, m.hitCount(f))
		}
	}
	again, err := p.Pull(t.Context(), s)
	if err != nil || !again.NotModified || m.conds != 4 {
		t.Errorf("second pull: %+v, %v (conditional requests %d, want 4)", again, err, m.conds)
	}
}

// TestFailedPullKeepsTheLastGoodSnapshot makes the publisher's server fail
// in each way it can, and checks that each failure says what failed,
// leaves the last good snapshot in use, and that the next good pull
// succeeds.
func TestFailedPullKeepsTheLastGoodSnapshot(t *testing.T) {
	tests := []struct {
		mode     string
		path     string // the source's files on the mirror
		want     error  // what the error wraps
		says     string // what the message says
		attempts int    // requests the server sees
		rejected bool   // a rejected snapshot is recorded
	}{
		{mode: "500", want: fetch.ErrStatus, says: "500 Internal Server Error: Internal Server Error: database unavailable (3 attempts)", attempts: 3},
		{mode: "404", want: fetch.ErrStatus, says: "404 Not Found", attempts: 1},
		{mode: "reset", says: "EOF (3 attempts)", attempts: 3},
		{mode: "truncated", want: fetch.ErrTruncated, says: "response truncated: the connection ended after", attempts: 3},
		{mode: "html", want: source.ErrNotList, says: `the server sent text/html; charset=utf-8 (118 B, starting "<!DOCTYPE html> <html><head><title>Maintenance`, attempts: 1, rejected: true},
		{mode: "slow", want: fetch.ErrTimeout, says: "timed out after 500ms (2 attempts)", attempts: 2},
		{mode: "huge-chunked", want: fetch.ErrTooLarge, says: "more than 1.0 MiB received", attempts: 1},
		{mode: "too-large", want: fetch.ErrTooLarge, says: "the server announces 1.9 MiB, the limit is 1.0 MiB", attempts: 1},
		{mode: "shrunk", want: store.ErrRejected, says: "the entity count fell from 1003", attempts: 1, rejected: true},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			m, srv := newMirror(t)
			st := openStore(t)
			p := puller(st)
			good, err := p.Pull(t.Context(), spec(t, "un", srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			bad := spec(t, "un", srv.URL)
			serverMode := tt.mode
			switch tt.mode {
			case "shrunk":
				bad, _ = bad.WithURL(srv.URL + "/un-shrunk/consolidated.xml")
				serverMode = ""
			case "too-large":
				p.Client.MaxSize = 1 << 20
				serverMode = ""
			case "huge-chunked":
				p.Client.MaxSize = 1 << 20
			case "slow":
				p.Client.Timeout = 500 * time.Millisecond
				p.Client.Attempts = 2
			}
			m.setMode(serverMode)
			// No conditional GET, so that the server must answer; but a
			// shrunk list must not be forced in.
			p.Force = tt.mode != "shrunk"
			res, err := p.Pull(t.Context(), bad)
			var pe *fetch.PullError
			if !errors.As(err, &pe) {
				t.Fatalf("pull: %v, want a *PullError", err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v does not wrap %v", err, tt.want)
			}
			msg := err.Error()
			for _, want := range []string{"pull un", srv.URL + "/un", tt.says, fmt.Sprintf("the last good snapshot (%d", good.Snapshot.ID)} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not say %q", msg, want)
				}
			}
			path := "/un/consolidated.xml"
			if tt.mode == "shrunk" {
				path = "/un-shrunk/consolidated.xml"
			}
			if n := m.hitCount(path); n != tt.attempts {
				t.Errorf("the server saw %d requests, want %d", n, tt.attempts)
			}
			if got := current(t, st); got["un"] != good.Snapshot.ID {
				t.Errorf("current snapshot after the failure: %v, want %d", got, good.Snapshot.ID)
			}
			rejected, _ := st.Snapshots(t.Context(), store.SnapshotQuery{Status: store.Rejected})
			if (len(rejected) == 1) != tt.rejected || tt.rejected && res.Snapshot.Status != store.Rejected {
				t.Errorf("rejected snapshots: %+v (result %+v)", rejected, res.Snapshot)
			}
			// The server is well again: the next pull succeeds.
			m.setMode("")
			next, err := puller(st).Pull(t.Context(), spec(t, "un", srv.URL))
			if err != nil || next.Outcome != store.Unchanged || next.Snapshot.ID != good.Snapshot.ID {
				t.Errorf("next pull: %+v, %v", next, err)
			}
		})
	}
}

func TestPullRejectsAnotherSourcesList(t *testing.T) {
	_, srv := newMirror(t)
	st := openStore(t)
	s, _ := spec(t, "un", srv.URL).WithURL(srv.URL + "/dpl/dpl.txt")
	_, err := puller(st).Pull(t.Context(), s)
	if err == nil || !strings.Contains(err.Error(), "the file is in format dpl-tsv (US BIS Denied Persons List (tab-separated dpl.txt)), expected un-xml") ||
		!strings.Contains(err.Error(), "the store holds no list of un") {
		t.Errorf("pull of the DPL as the UN list: %v", err)
	}
	if got := current(t, st); len(got) != 0 {
		t.Errorf("current snapshots: %v", got)
	}
}

func TestPullNeedsAURLAndATokenForOpenSanctions(t *testing.T) {
	st := openStore(t)
	s, _ := fetch.Lookup("opensanctions")
	if _, err := puller(st).Pull(t.Context(), s); err == nil || !strings.Contains(err.Error(), "--url opensanctions=URL") {
		t.Errorf("pull without a URL: %v", err)
	}
	s, _ = s.WithURL("https://data.example.org/entities.ftm.json")
	if _, err := puller(st).Pull(t.Context(), s); err == nil || !strings.Contains(err.Error(), "needs an API key") {
		t.Errorf("pull without a token: %v", err)
	}
}

func TestPullSendsTheTokenAsAnAPIKey(t *testing.T) {
	body, err := os.ReadFile(shareddata.Path(t, "lists/opensanctions-ftm-sample/entities.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		w.Write(body)
	}))
	defer srv.Close()
	st := openStore(t)
	p := puller(st)
	p.Token = "secret-key"
	s, _ := fetch.Lookup("opensanctions")
	s, _ = s.WithURL(srv.URL + "/datasets/latest/sanctions/entities.ftm.json")
	res, err := p.Pull(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "ApiKey secret-key" || res.Outcome != store.Added || res.Snapshot.Entities == 0 {
		t.Errorf("Authorization %q; result %+v", auth, res)
	}
}
