package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/api"
	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/fetch"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/text"
)

// serveOptions are serve's flags.
type serveOptions struct {
	addr            string
	insecureNoAuth  bool
	audit           bool
	maxBody         string
	timeout         time.Duration
	refresh         string
	watchStore      time.Duration
	shutdownTimeout time.Duration
	workers         int
}

func defaultServeOptions() serveOptions {
	return serveOptions{
		addr: "127.0.0.1:8080", audit: true, maxBody: "10MiB", timeout: api.DefaultTimeout,
		watchStore: 30 * time.Second, shutdownTimeout: 30 * time.Second,
	}
}

func (a *app) serveCmd() *cobra.Command {
	opts := defaultServeOptions()
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Serve the screening HTTP API",
		Long: `serve answers screening requests over HTTP (JSON), with the selected data:
the --data files, or the newest snapshots in the store.

  POST /v1/screen          one name                   (the screen --json object)
  POST /v1/screen/batch    up to 10,000 records       ({"results": [...]}, in input order)
  POST /v1/text            free text                  (the text --json object)
  GET  /v1/entities/{id}   a listed entity
  GET  /v1/lists           the loaded lists           (the lists --json object)
  POST /v1/decisions       an analyst's decision on a recorded result
  POST /v1/admin/reload    load and index the lists again
  POST /match/{dataset}    OpenSanctions yente's matching API (yente clients work unchanged)
  GET  /healthz, /readyz, /metrics (Prometheus), /openapi.json (OpenAPI 3.1)

API keys: when $EMBARGO_API_KEYS holds keys (separated by commas), every
request but /healthz, /readyz, /metrics and /openapi.json needs
"Authorization: Bearer KEY"; the audit log records the key's ID (key:1a2b3c4d),
never the key. Serving on an address other than loopback without keys needs
--insecure-no-auth.

Audit: every screening is recorded in the store's audit log (on by default,
--audit=false turns it off) before its response is sent; the record's ID is
in the X-Audit-ID header and the audit_id field, for POST /v1/decisions.

Reloads: new data is loaded and indexed in the background and swapped in
atomically, while requests in flight finish on the old index. A reload
happens on SIGHUP, on POST /v1/admin/reload, when a new snapshot appears
in the store (checked every --watch-store), and after --refresh pulls new
lists from their publishers (every hour by default when the data comes
from the store; off with --data or $EMBARGO_OFFLINE).

SIGTERM or SIGINT stops the server gracefully: it stops accepting
connections and waits up to --shutdown-timeout for the requests in flight.`,
		Example: `  embargo serve
  EMBARGO_API_KEYS=$(openssl rand -hex 24) embargo serve --addr 0.0.0.0:8080
  embargo --data ../shared/data/lists serve --audit=false
  curl -s localhost:8080/v1/screen -d '{"name": "Kim Jong Un", "country": "kp"}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f := cmd.Flag("log-level"); f == nil || !f.Changed {
				// A server's reloads and failures are worth seeing.
				a.log = slog.New(slog.NewTextHandler(a.err, &slog.HandlerOptions{Level: slog.LevelInfo}))
			}
			return a.serve(cmd.Context(), opts, nil)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", opts.addr, "address to listen on (host:port)")
	f.BoolVar(&opts.insecureNoAuth, "insecure-no-auth", false, "serve on an address other than loopback without API keys")
	f.BoolVar(&opts.audit, "audit", opts.audit, "record every screening in the store's audit log")
	f.StringVar(&opts.maxBody, "max-body", opts.maxBody, "largest request body (bytes, or with KiB, MiB)")
	f.DurationVar(&opts.timeout, "timeout", opts.timeout, "longest time to answer one request")
	f.StringVar(&opts.refresh, "refresh", "", "pull the lists from their publishers this often (1h, 30m, or off; default 1h with the store, off with --data or $"+envOffline+")")
	f.DurationVar(&opts.watchStore, "watch-store", opts.watchStore, "check the store for new snapshots this often (0: never)")
	f.DurationVar(&opts.shutdownTimeout, "shutdown-timeout", opts.shutdownTimeout, "on SIGTERM, wait this long for requests in flight")
	f.IntVar(&opts.workers, "workers", 0, "goroutines screening a batch (default: one per CPU)")
	return cmd
}

// serve runs the server until ctx is done. When ready is not nil, it
// receives the address listened on once the first data is indexed.
func (a *app) serve(ctx context.Context, opts serveOptions, ready chan<- string) error {
	keys := api.ParseKeys(os.Getenv(api.EnvAPIKeys))
	if !api.IsLoopback(opts.addr) && keys.Len() == 0 && !opts.insecureNoAuth {
		return fmt.Errorf("refusing to serve on %s without API keys: anyone who can reach it could screen and read the audit trail. "+
			"Set $%s to one or more keys separated by commas (clients send \"Authorization: Bearer KEY\"), "+
			"listen on 127.0.0.1, or pass --insecure-no-auth", opts.addr, api.EnvAPIKeys)
	}
	maxBody, err := parseSize(opts.maxBody)
	if err != nil {
		return fmt.Errorf("--max-body %q: want a positive size such as 10MiB", opts.maxBody)
	}
	if opts.timeout <= 0 {
		return fmt.Errorf("--timeout %s: want a positive duration", opts.timeout)
	}
	fromFiles := len(a.data) > 0
	refresh, err := refreshInterval(opts.refresh, fromFiles)
	if err != nil {
		return err
	}
	log := a.logger()
	for _, id := range keys.Weak() {
		log.Warn("an API key is shorter than 16 characters and could be guessed; use long random keys (openssl rand -hex 24)", "key", id)
	}

	var st store.Store
	if opts.audit || !fromFiles {
		if st, err = a.openStore(ctx); err != nil {
			return err
		}
		defer st.Close()
	}
	srv, err := api.New(api.Options{
		Load: a.serveLoader(st), Store: st, Audit: opts.audit, Keys: keys,
		MaxBody: maxBody, Timeout: opts.timeout, Workers: opts.workers, Text: a.textScanner(), Log: log,
		Loaded: a.fitGC,
	})
	if err != nil {
		return err
	}
	defer srv.Close()

	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", opts.addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      opts.timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	addr := ln.Addr().String()
	fmt.Fprintf(a.err, "embargo: listening on http://%s (/readyz answers 200 once the lists are indexed)\n", addr)

	// The first load: the server answers /healthz and /readyz (503) while
	// the lists are indexed, and stops when they cannot be loaded.
	res, err := srv.Reload(ctx)
	if err != nil {
		shutdown(hs, opts.shutdownTimeout)
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	auditNote := "audit log off"
	if opts.audit {
		auditNote = "audit log on (" + a.storeConfig().Describe() + ")"
	}
	authNote := "no API keys"
	if keys.Len() > 0 {
		authNote = fmt.Sprintf("%d API key(s): %s", keys.Len(), strings.Join(keys.IDs(), ", "))
	}
	fmt.Fprintf(a.err, "embargo: serving %d entities (%s) in %.1fs; %s; %s\n", res.Entities, res.Version, res.Seconds, auditNote, authNote)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	if ready != nil {
		ready <- addr
	}
	var tick, watch <-chan time.Time
	if refresh > 0 {
		t := time.NewTicker(refresh)
		defer t.Stop()
		tick = t.C
		log.Info("pulling the lists from their publishers on a schedule", "every", refresh)
	}
	if !fromFiles && opts.watchStore > 0 {
		t := time.NewTicker(opts.watchStore)
		defer t.Stop()
		watch = t.C
	}
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintf(a.err, "embargo: shutting down: waiting up to %s for the requests in flight\n", opts.shutdownTimeout)
			err := shutdown(hs, opts.shutdownTimeout)
			srv.Close()
			return err
		case err := <-serveErr:
			return fmt.Errorf("serving on %s: %w", addr, err)
		case <-hup:
			log.Info("SIGHUP: reloading the lists")
			srv.TriggerReload()
		case <-watch:
			if a.storeChanged(ctx, st, srv) {
				log.Info("new snapshots in the store: reloading the lists")
				srv.TriggerReload()
			}
		case <-tick:
			if a.refreshLists(ctx, st) {
				srv.TriggerReload()
			}
		}
	}
}

// shutdown stops the HTTP server gracefully, then closes what is left.
func shutdown(hs *http.Server, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutting down: some requests did not finish within %s: %w", timeout, err)
	}
	return nil
}

// refreshInterval reads --refresh: "" is the default (1h with the store,
// off with --data or $EMBARGO_OFFLINE).
func refreshInterval(s string, fromFiles bool) (time.Duration, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		if fromFiles || offline() {
			return 0, nil
		}
		return time.Hour, nil
	case "off", "0", "never", "no", "false":
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Minute {
		return 0, fmt.Errorf("--refresh %q: want a duration of at least 1m (1h, 30m) or off", s)
	}
	if fromFiles {
		return 0, fmt.Errorf("--refresh pulls the lists into the store, but the data comes from --data files; drop --refresh, or serve from the store")
	}
	return d, nil
}

// serveLoader loads the data to serve: the --data files, else the newest
// snapshots in st (pulling the lists first on a first run).
func (a *app) serveLoader(st store.Store) api.LoadFunc {
	if len(a.data) > 0 {
		return func(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error) {
			l := catalog.NewLoader(a.logger())
			l.Format = a.format
			cat, err := l.Load(ctx, a.data)
			return cat, nil, err
		}
	}
	first := true
	return func(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error) {
		cat, snaps, err := store.LoadLatest(ctx, st)
		if err != nil {
			return nil, nil, fmt.Errorf("loading the lists from the store (%s): %w", a.storeConfig().Describe(), err)
		}
		if len(snaps) == 0 && first {
			if err := a.firstRun(ctx, st); err != nil {
				return nil, nil, err
			}
			if cat, snaps, err = store.LoadLatest(ctx, st); err != nil {
				return nil, nil, fmt.Errorf("loading the lists from the store (%s): %w", a.storeConfig().Describe(), err)
			}
		}
		first = false
		return cat, snaps, nil
	}
}

// storeChanged reports whether the store's current snapshots differ from
// those being served.
func (a *app) storeChanged(ctx context.Context, st store.Store, srv *api.Server) bool {
	latest, err := st.Latest(ctx)
	if err != nil {
		a.logger().Warn("checking the store for new snapshots failed", "error", err)
		return false
	}
	ids := make([]int64, len(latest))
	for i, s := range latest {
		ids[i] = s.ID
	}
	slices.Sort(ids)
	served := srv.SnapshotIDs()
	slices.Sort(served)
	return !slices.Equal(ids, served)
}

// refreshLists pulls the default sources, and every other source of the
// store its publisher's address is known for, and reports whether any
// came out new. A failed pull keeps the source's last good snapshot.
func (a *app) refreshLists(ctx context.Context, st store.Store) bool {
	log := a.logger()
	names := defaultSourceNames()
	if latest, err := st.Latest(ctx); err == nil {
		for _, s := range latest {
			if spec, ok := fetch.Lookup(s.Source); ok && !spec.NeedsToken && len(spec.Files) > 0 && spec.Files[0].URL != "" && !slices.Contains(names, s.Source) {
				names = append(names, s.Source)
			}
		}
	}
	specs, err := a.pullSpecs(names, nil)
	if err != nil {
		log.Error("scheduled pull: choosing the sources", "error", err)
		return false
	}
	opts := defaultPullOptions()
	opts.token = os.Getenv(fetch.EnvToken)
	results, errs := a.runPull(ctx, st, specs, opts, io.Discard)
	changed := false
	for _, r := range results {
		log.Info("scheduled pull", "source", r.Source, "outcome", r.Outcome, "snapshot", r.Snapshot.ID, "entities", r.Snapshot.Entities)
		changed = changed || r.Outcome == store.Added
	}
	for _, e := range errs {
		var pe *fetch.PullError
		if errors.As(e, &pe) || ctx.Err() == nil {
			log.Warn("scheduled pull failed; the last good snapshot stays in use", "error", e)
		}
	}
	return changed
}

// textScanner returns how the server builds its text scanner for each
// version of the data: the text package's scanner over the version's
// screener.
func (a *app) textScanner() api.NewTextScanner {
	opts := text.Options{Logger: a.logger()}
	return func(ctx context.Context, sc *screen.Screener) (api.TextScanner, error) {
		return textAdapter{text.New(sc, opts)}, nil
	}
}

// textAdapter serves a text.Scanner as an api.TextScanner.
type textAdapter struct{ s *text.Scanner }

// Scan implements api.TextScanner.
func (t textAdapter) Scan(ctx context.Context, input string, threshold float64) (*api.TextResult, error) {
	r, err := t.s.Scan(ctx, input, threshold)
	if err != nil {
		if errors.Is(err, text.ErrBadThreshold) {
			return nil, fmt.Errorf("%w: %v", screen.ErrBadRequest, err)
		}
		return nil, err
	}
	out := &api.TextResult{
		Mentions:      make([]api.TextMention, len(r.Mentions)),
		Jurisdictions: make([]api.Jurisdiction, len(r.Jurisdictions)),
	}
	for i, m := range r.Mentions {
		out.Mentions[i] = api.TextMention{
			Start: m.Start, End: m.End, Text: m.Text, Score: m.Score, MatchedName: m.MatchedName,
			Entity: m.Entity, Explanation: m.Explanation, LinkedTo: m.LinkedTo, FalsePositive: m.FalsePositive,
		}
	}
	for i, j := range r.Jurisdictions {
		out.Jurisdictions[i] = api.Jurisdiction{
			Start: j.Start, End: j.End, Text: j.Text, Country: j.Country, CountryName: j.CountryName, Programs: j.Programs,
		}
	}
	return out, nil
}
