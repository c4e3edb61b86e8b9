package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/sqlite"
)

// catalogs caches the catalogs tests load, by their paths: loading is
// the slow part, and a catalog is read-only once loaded.
var catalogs sync.Map // string → *catalog.Catalog

// loadShared loads shared list files (relative to the shared data
// directory), skipping the test when they are absent.
func loadShared(tb testing.TB, rels ...string) *catalog.Catalog {
	tb.Helper()
	paths := make([]string, len(rels))
	for i, r := range rels {
		paths[i] = shareddata.Path(tb, r)
	}
	key := strings.Join(paths, "|")
	if c, ok := catalogs.Load(key); ok {
		return c.(*catalog.Catalog)
	}
	cat, err := catalog.NewLoader(slog.New(slog.DiscardHandler)).Load(context.Background(), paths)
	if err != nil {
		tb.Fatalf("loading %v: %v", rels, err)
	}
	c, _ := catalogs.LoadOrStore(key, cat)
	return c.(*catalog.Catalog)
}

// unList is the UN list: small enough to index fast.
const unList = "lists/un-consolidated-2026-02-27.xml"

// staticLoad loads a fixed catalog.
func staticLoad(cat *catalog.Catalog) LoadFunc {
	return func(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error) { return cat, nil, nil }
}

// testServer is a Server behind an httptest server, with a client that
// validates every response against the server's OpenAPI document.
type testServer struct {
	*Server
	URL    string
	Store  store.Store
	client *http.Client
}

// openStore opens a fresh SQLite store in a temporary directory.
func openStore(tb testing.TB) store.Store {
	tb.Helper()
	st, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "embargo.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// newTestServer starts a server with opts (Load defaults to the UN list)
// and loads its data.
func newTestServer(t *testing.T, opts Options) *testServer {
	t.Helper()
	if opts.Load == nil {
		opts.Load = staticLoad(loadShared(t, unList))
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
		if testing.Verbose() {
			opts.Log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		}
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.Close()
		srv.Close()
	})
	return &testServer{
		Server: srv, URL: hs.URL, Store: opts.Store,
		client: &http.Client{Transport: &validatingTransport{t: t, next: hs.Client().Transport, router: specRouter(t, srv)}},
	}
}

// specRouter loads the server's OpenAPI document with kin-openapi.
func specRouter(t *testing.T, srv *Server) routers.Router {
	t.Helper()
	b, err := json.Marshal(srv.OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatalf("loading the OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// validatingTransport checks every response against the OpenAPI
// document: its status must be documented for the operation, and its
// headers and body must match the schema.
type validatingTransport struct {
	t      *testing.T
	next   http.RoundTripper
	router routers.Router
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := v.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	path := req.URL.Path
	if path == "/metrics" || path == "/openapi.json" {
		return resp, nil
	}
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		// Routes the document does not have must be answered 404 or 405.
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != http.StatusUnauthorized {
			v.t.Errorf("%s %s: not in the OpenAPI document, answered %d", req.Method, path, resp.StatusCode)
		}
		checkErrorBody(v.t, req, resp.StatusCode, body)
		return resp, nil
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(req.Context(), in); err != nil {
		v.t.Errorf("%s %s: the response (%d) does not match the OpenAPI document: %v\nbody: %.2000s", req.Method, path, resp.StatusCode, err, body)
	}
	if resp.StatusCode >= 400 {
		checkErrorBody(v.t, req, resp.StatusCode, body)
	}
	return resp, nil
}

// checkErrorBody checks an error response's shape.
func checkErrorBody(t *testing.T, req *http.Request, status int, body []byte) {
	t.Helper()
	if status < 400 {
		return
	}
	var e struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error == nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Errorf("%s %s: error response %d is not {\"error\": {\"code\", \"message\"}}: %v: %s", req.Method, req.URL.Path, status, err, body)
	}
}

// call sends a request with a JSON body (a string is sent as is) and
// returns the response and its body.
func (ts *testServer) call(t *testing.T, method, path string, body any, header ...string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, ts.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// decode reads a JSON body, failing the test on unknown fields.
func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding %T: %v\n%s", v, err, body)
	}
	return v
}

// errorCode returns the code of an error body.
func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("not an error body: %v: %s", err, body)
	}
	return e.Error.Code
}
