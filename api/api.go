// Package api is embargo's HTTP API: screening one name (POST /v1/screen),
// a batch of records (POST /v1/screen/batch) or free text (POST /v1/text),
// the listed entities and the loaded lists, analysts' decisions, an
// endpoint compatible with OpenSanctions yente's /match/{dataset}, health,
// readiness and Prometheus metrics.
//
// The handlers are declared with huma on the standard library's mux, so
// the OpenAPI 3.1 document served at /openapi.json is generated from the
// same Go types the handlers read and write, and cannot drift from them.
// Every error is JSON: {"error": {"code": "...", "message": "..."}}.
//
// A Server screens against one loaded and indexed version of the data at
// a time, held behind an atomic pointer: Reload loads and indexes new data
// in the background and swaps it in, while requests in flight finish on
// the version they started with. When a store is given, every screening is
// recorded in its audit log before the response is sent (group-committed:
// concurrent requests share one durable transaction), and the record's ID
// is returned in the X-Audit-ID header and the audit_id field, for
// analysts to attach decisions to (POST /v1/decisions).
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// Defaults for Options.
const (
	DefaultMaxBody = 10 << 20
	DefaultTimeout = 10 * time.Second
	// MaxBatch is the largest number of records in one batch request.
	MaxBatch = 10000
	// MaxMatchQueries is the largest number of queries in one /match
	// request.
	MaxMatchQueries = 1000
)

// LoadFunc loads the data to screen against: a catalog and the store
// snapshots it was read from (none when it was read from files).
type LoadFunc func(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error)

// Options configure a Server.
type Options struct {
	// Load loads the data, at the first Reload and at every reload after.
	// Required.
	Load LoadFunc
	// Store keeps the audit log, the decisions and the allowlist; nil
	// disables auditing, decisions and the allowlist.
	Store store.Store
	// Audit records every screening in the store's audit log before the
	// response is sent. It needs Store.
	Audit bool
	// Keys are the API keys; with none, every request is accepted.
	Keys Keys
	// MaxBody is the largest request body in bytes (default DefaultMaxBody).
	MaxBody int64
	// Timeout bounds the time to serve one request (default DefaultTimeout).
	Timeout time.Duration
	// Workers is the number of goroutines screening a batch (default
	// GOMAXPROCS).
	Workers int
	// Text builds the text scanner for each loaded version of the data;
	// nil leaves POST /v1/text unavailable (503).
	Text NewTextScanner
	// Version is the software version shown in the OpenAPI document.
	Version string
	// Log receives the server's notes; nil discards them.
	Log *slog.Logger
	// Loaded, when set, is called after each reload that published new
	// data, once the server no longer refers to the old (requests in
	// flight may still hold it): the place to pace the garbage collector
	// for the new index.
	Loaded func()
}

// Server serves the API. Create it with New, load data with Reload (the
// API answers 503 not_ready until the first load), serve Handler, and
// Close it after the HTTP server has shut down.
type Server struct {
	opts    Options
	log     *slog.Logger
	mux     *http.ServeMux
	handler http.Handler
	api     huma.API
	metrics *metrics
	audit   *auditLog // nil when not auditing

	state atomic.Pointer[state]

	reloadMu sync.Mutex     // one load at a time
	alMu     sync.Mutex     // allowlist changes and state swaps
	reloads  chan struct{}  // asynchronous reload requests (coalesced)
	done     chan struct{}  // closed by Close
	wg       sync.WaitGroup // background goroutines
	closing  sync.Once
	bg       context.Context // reloads' context, cancelled by Close
	stopBg   context.CancelFunc
}

// New returns a server with no data yet. It starts the goroutines that
// write the audit log and run asynchronous reloads; Close stops them.
func New(opts Options) (*Server, error) {
	if opts.Load == nil {
		return nil, errors.New("api: Options.Load is nil")
	}
	if opts.Audit && opts.Store == nil {
		return nil, errors.New("api: auditing needs a store")
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Version == "" {
		opts.Version = buildVersion()
	}
	s := &Server{
		opts:    opts,
		log:     opts.Log,
		mux:     http.NewServeMux(),
		reloads: make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.bg, s.stopBg = context.WithCancel(context.Background())
	s.metrics = newMetrics(s)
	if opts.Audit {
		s.audit = newAuditLog(opts.Store, s.metrics, s.log)
		// The audit log outlives the reloads' context: Close writes the
		// pending records before it returns.
		s.wg.Go(func() { s.audit.run(context.WithoutCancel(s.bg)) })
	}
	s.api = humago.New(s.mux, s.humaConfig())
	s.register()
	s.mux.Handle("GET /metrics", s.metrics.handler())
	s.handler = s.middleware(s.mux)
	s.wg.Go(s.reloadLoop)
	return s, nil
}

// Handler returns the HTTP handler of the whole API.
func (s *Server) Handler() http.Handler { return s.handler }

// OpenAPI returns the OpenAPI document.
func (s *Server) OpenAPI() *huma.OpenAPI { return s.api.OpenAPI() }

// Close stops the background work: pending audit records are written,
// asynchronous reloads stop. Call it after the HTTP server has shut down
// (http.Server.Shutdown), so that no request is still waiting for its
// audit record.
func (s *Server) Close() error {
	s.closing.Do(func() {
		s.stopBg() // a reload in progress stops
		close(s.done)
		if s.audit != nil {
			s.audit.close()
		}
		s.wg.Wait()
	})
	return nil
}

// Ready reports whether data is loaded and indexed.
func (s *Server) Ready() bool { return s.state.Load() != nil }

// humaConfig is huma's configuration: OpenAPI at /openapi.json, no docs
// page (it would load scripts from a CDN) and no $schema links added to
// responses (their shapes are fixed).
func (s *Server) humaConfig() huma.Config {
	cfg := huma.DefaultConfig("embargo sanctions screening API", s.opts.Version)
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	cfg.CreateHooks = nil
	// /v1 refuses unknown query parameters (see register); /match accepts
	// them, as yente does, for clients written for a newer yente.
	cfg.RejectUnknownQueryParameters = false
	cfg.Info.Description = apiDescription
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {
			Type: "http", Scheme: "bearer",
			Description: "An API key from $" + EnvAPIKeys + " (when the server has keys). " +
				"\"Authorization: ApiKey KEY\", as yente's clients send it, is accepted too.",
		},
	}
	cfg.Components.Schemas = newRegistry()
	return cfg
}

const apiDescription = `Screen names, batches of customer records and free text against sanctions lists.

Every error response is {"error": {"code": "...", "message": "..."}}. When the server has API
keys ($EMBARGO_API_KEYS), every request but /healthz, /readyz, /metrics and /openapi.json
needs "Authorization: Bearer KEY". Screenings are recorded in the audit log (when it is on)
before the response is sent; the record's ID is in the X-Audit-ID header and the audit_id
field, for POST /v1/decisions.`

// buildVersion returns the module version the binary was built from.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// public reports whether a path is served without an API key.
func public(path string) bool {
	switch path {
	case "/healthz", "/readyz", "/metrics", "/openapi.json", "/openapi.yaml", "/openapi-3.0.json", "/openapi-3.0.yaml":
		return true
	}
	return false
}

// middleware wraps the mux: panics become 500s, every response is
// counted and timed by route, mux-made 404 and 405 answers become JSON,
// API keys are checked, and each request gets the per-request timeout.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &responseWriter{ResponseWriter: w, r: r}
		s.metrics.inFlight.Inc()
		defer func() {
			s.metrics.inFlight.Dec()
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving a request", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				if !rw.wroteHeader {
					writeError(rw, newError(http.StatusInternalServerError, CodeInternal, "the server failed to answer this request; this is a bug, please report it"))
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			took := time.Since(start)
			s.metrics.observe(route, rw.status(), took)
			if s.log.Enabled(r.Context(), slog.LevelDebug) {
				s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rw.status(),
					"ms", float64(took.Microseconds())/1000, "caller", Caller(r.Context()))
			}
		}()
		if !public(r.URL.Path) {
			id, errResp := s.opts.Keys.authenticate(r)
			if errResp != nil {
				_, r.Pattern = s.mux.Handler(r) // for the metrics
				writeError(rw, errResp)
				return
			}
			ctx, cancel := context.WithTimeout(withCaller(r.Context(), id), s.opts.Timeout)
			defer cancel()
			r = r.WithContext(ctx)
			rw.r = r
		}
		fixContentType(r)
		next.ServeHTTP(rw, r)
	})
}

// fixContentType reads a body sent without a JSON content type as JSON:
// curl -d sends application/x-www-form-urlencoded, and some clients send
// text/plain or nothing.
func fixContentType(r *http.Request) {
	if r.Method != http.MethodPost {
		return
	}
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	if ct == "" || strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "text/plain") {
		r.Header.Set("Content-Type", "application/json")
	}
}

// responseWriter records the status and turns the mux's own plain-text
// 404 and 405 answers (no route matched) into JSON errors.
type responseWriter struct {
	http.ResponseWriter
	r           *http.Request
	code        int
	wroteHeader bool
	swallow     bool // the mux's plain-text body is being replaced
}

func (w *responseWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	if w.r.Pattern == "" && (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) {
		var e *ErrorResponse
		if code == http.StatusNotFound {
			e = newError(code, CodeNotFound, "no such endpoint: %s %s (see /openapi.json)", w.r.Method, w.r.URL.Path)
		} else {
			e = newError(code, CodeMethodNotAllowed, "%s is not allowed on %s (allowed: %s)", w.r.Method, w.r.URL.Path, w.Header().Get("Allow"))
		}
		w.swallow = true
		w.Header().Del("X-Content-Type-Options")
		writeError(w.ResponseWriter, e)
		w.code, w.wroteHeader = code, true
		return
	}
	w.code, w.wroteHeader = code, true
	w.ResponseWriter.WriteHeader(code)
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if w.swallow {
		return len(b), nil
	}
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (huma sets
// read deadlines through it).
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *responseWriter) status() int {
	if !w.wroteHeader {
		return http.StatusOK
	}
	return w.code
}

// writeError writes an error response.
func writeError(w http.ResponseWriter, e *ErrorResponse) {
	b, err := json.Marshal(e)
	if err != nil {
		b = []byte(`{"error":{"code":"internal","message":"could not encode the error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Del("Content-Length")
	if e.status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="embargo"`)
	}
	w.WriteHeader(e.status)
	w.Write(append(b, '\n'))
}

// current returns the loaded data, or a 503 not_ready error before the
// first load.
func (s *Server) current() (*state, error) {
	st := s.state.Load()
	if st == nil {
		return nil, newError(http.StatusServiceUnavailable, CodeNotReady, "the lists are still being loaded and indexed; try again shortly (GET /readyz says when)")
	}
	return st, nil
}

// ctxError turns a context error into the error response: the request's
// deadline passed (503 timeout) or the client went away.
func ctxError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return newError(http.StatusServiceUnavailable, CodeTimeout, "the request took longer than the server's per-request timeout; send fewer records or raise --timeout")
	}
	return newError(http.StatusServiceUnavailable, CodeTimeout, "the request was cancelled: %v", err)
}

// badRequest turns a screen.ErrBadRequest error into a 422 response.
func badRequest(err error) error {
	if errors.Is(err, screen.ErrBadRequest) {
		msg := strings.TrimPrefix(err.Error(), screen.ErrBadRequest.Error()+": ")
		return newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "%s", msg)
	}
	return fmt.Errorf("screening: %w", err)
}
