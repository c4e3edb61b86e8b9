package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/api"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/store/sqlite"
)

// Bounds of a load test.
const (
	maxLoadDuration = 10 * time.Minute
	maxLoadRate     = 100000
)

// loadOptions are `bench serve`'s flags.
type loadOptions struct {
	url         string
	key         string
	rate        int
	warmup      time.Duration
	duration    time.Duration
	requests    int
	concurrency int
	interval    time.Duration
	names       []string
	audit       bool
	asJSON      bool
}

func (a *app) benchCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Benchmarks: measure embargo's speed on this machine",
	}
	cmd.AddCommand(a.benchServeCmd())
	return cmd
}

func (a *app) benchServeCmd() *cobra.Command {
	opts := loadOptions{rate: 500, warmup: 5 * time.Second, duration: 30 * time.Second, concurrency: 64, interval: 10 * time.Second, audit: true}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Load-test POST /v1/screen: throughput, latency percentiles, memory over time",
		Long: `serve sends POST /v1/screen requests to an API server at a fixed rate (open
loop: a request is sent on schedule whether or not earlier ones have been
answered, and its latency counts from when it was due, so a slow server cannot
hide its queueing) for a bounded time, and reports throughput, p50, p99 and
maximum latency, errors, and the server's resident and heap memory (from its
/metrics) every --interval and at the end. --rate 0 sends as fast as
--concurrency clients can (closed loop), to find the maximum throughput.
The first --warmup of load is not measured (the server's caches fill), but a
request that fails during it still fails the run.

Without --url it starts a server in this process on 127.0.0.1 with the
selected data (--data, else the store) and, unless --audit=false, an audit
log in a temporary store (your store's audit log is left alone); the load
generator then shares the process and the CPUs with the server, so the
figures are a lower bound. With --url it loads a server running elsewhere
(--key for its API key).

The names come from --names files (CSV with the name in the first column and
a header, or one name per line), by default the negatives and positives of the
shared screening benchmark (../shared/data/bench/screening).

The command fails when any request fails.`,
		Example: `  embargo --data ../shared/data/lists bench serve --rate 500 --duration 2m
  embargo --data ../shared/data/lists bench serve --rate 0 --concurrency 32 --duration 30s
  embargo bench serve --url http://10.0.0.5:8080 --key $KEY --rate 3000 --duration 1m --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.loadTest(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.url, "url", "", "server to load (default: start one in this process)")
	f.StringVar(&opts.key, "key", "", "API key for --url (default $"+api.EnvAPIKeys+"'s first key)")
	f.IntVar(&opts.rate, "rate", opts.rate, "requests per second (0: as fast as possible)")
	f.DurationVar(&opts.warmup, "warmup", opts.warmup, "send load this long before measuring")
	f.DurationVar(&opts.duration, "duration", opts.duration, "how long to measure (at most 10m)")
	f.IntVar(&opts.requests, "requests", 0, "stop after this many requests (0: no limit)")
	f.IntVar(&opts.concurrency, "concurrency", opts.concurrency, "requests in flight at most")
	f.DurationVar(&opts.interval, "interval", opts.interval, "report every interval")
	f.StringArrayVar(&opts.names, "names", nil, "file of names to screen (repeatable; default: the shared screening benchmark)")
	f.BoolVar(&opts.audit, "audit", opts.audit, "with the in-process server, record every screening in an audit log (a temporary store)")
	f.BoolVar(&opts.asJSON, "json", false, "write the report as JSON")
	return cmd
}

// loadReport is `bench serve --json`.
type loadReport struct {
	Target      string         `json:"target"`
	InProcess   bool           `json:"in_process"`
	Audit       bool           `json:"audit"`
	Rate        int            `json:"rate"`
	Warmup      float64        `json:"warmup_seconds"`
	Concurrency int            `json:"concurrency"`
	CPUs        int            `json:"cpus"`
	Names       int            `json:"names"`
	Intervals   []loadInterval `json:"intervals"`
	Total       loadInterval   `json:"total"`
}

// loadInterval is what one interval (or the whole run) measured.
type loadInterval struct {
	Seconds    float64 `json:"seconds"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	Throughput float64 `json:"requests_per_second"`
	P50        float64 `json:"p50_ms"`
	P99        float64 `json:"p99_ms"`
	Max        float64 `json:"max_ms"`
	RSS        int64   `json:"rss_bytes,omitempty"`
	Heap       int64   `json:"heap_inuse_bytes,omitempty"`
	// CPU is the CPU time the server process used in the interval (from
	// its process_cpu_seconds_total), and PerCPU the requests answered
	// per CPU second: unlike the throughput, it does not depend on other
	// work on the machine. In-process, the load generator's CPU counts
	// too.
	CPU    float64 `json:"cpu_seconds,omitempty"`
	PerCPU float64 `json:"requests_per_cpu_second,omitempty"`
}

func (a *app) loadTest(ctx context.Context, opts loadOptions) error {
	switch {
	case opts.duration <= 0 || opts.duration > maxLoadDuration:
		return fmt.Errorf("--duration %s: want a duration up to %s", opts.duration, maxLoadDuration)
	case opts.warmup < 0 || opts.warmup > time.Minute:
		return fmt.Errorf("--warmup %s: want a duration up to 1m", opts.warmup)
	case opts.rate < 0 || opts.rate > maxLoadRate:
		return fmt.Errorf("--rate %d: want 0 (as fast as possible) up to %d", opts.rate, maxLoadRate)
	case opts.concurrency < 1 || opts.concurrency > 4096:
		return fmt.Errorf("--concurrency %d: want 1 to 4096", opts.concurrency)
	case opts.interval <= 0:
		return fmt.Errorf("--interval %s: want a positive duration", opts.interval)
	case opts.requests < 0:
		return fmt.Errorf("--requests %d: want 0 (no limit) or more", opts.requests)
	}
	names, err := loadNames(opts.names)
	if err != nil {
		return err
	}
	bodies := make([][]byte, len(names))
	for i, n := range names {
		bodies[i], _ = json.Marshal(api.ScreenRequest{Name: n})
	}
	rep := loadReport{Target: opts.url, Rate: opts.rate, Warmup: opts.warmup.Seconds(), Concurrency: opts.concurrency, CPUs: runtimeCPUs(), Names: len(names), Audit: opts.audit}
	if opts.url == "" {
		url, stop, err := a.startLoadServer(ctx, opts.audit)
		if err != nil {
			return err
		}
		defer stop()
		opts.url, rep.Target, rep.InProcess = url, url, true
		if opts.key == "" {
			opts.key = firstKey()
		}
	} else {
		rep.Audit = false // unknown: the server's own setting
		if opts.key == "" {
			opts.key = firstKey()
		}
	}
	opts.url = strings.TrimRight(opts.url, "/")
	if !opts.asJSON {
		mode := "closed loop, as fast as possible"
		if opts.rate > 0 {
			mode = fmt.Sprintf("open loop at %d requests/s", opts.rate)
		}
		where := ""
		if rep.InProcess {
			where = fmt.Sprintf(" (a server in this process, audit log %v)", onOff(opts.audit))
		}
		fmt.Fprintf(a.out, "Loading POST %s/v1/screen%s: %s, %d in flight at most, for %s after %s of warm-up; %d names; %d CPUs\n",
			opts.url, where, mode, opts.concurrency, opts.duration, opts.warmup, len(names), rep.CPUs)
		fmt.Fprintf(a.out, "%8s %9s %7s %9s %9s %9s %9s %9s %9s %9s %9s\n",
			"TIME", "REQUESTS", "ERRORS", "REQ/S", "P50 ms", "P99 ms", "MAX ms", "CPU s", "REQ/CPU-S", "RSS MiB", "HEAP MiB")
	}
	lt := &loadTester{opts: opts, bodies: bodies, client: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: opts.concurrency, MaxConnsPerHost: opts.concurrency, DisableCompression: true},
	}}
	err = lt.run(ctx, func(iv loadInterval) {
		rep.Intervals = append(rep.Intervals, iv)
		if !opts.asJSON {
			writeInterval(a.out, fmt.Sprintf("%.0fs", sumSeconds(rep.Intervals)), iv)
		}
	})
	if err != nil {
		return err
	}
	rep.Total = lt.total()
	if opts.asJSON {
		enc := json.NewEncoder(a.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		writeInterval(a.out, "total", rep.Total)
		if n := len(rep.Intervals); n > 1 && rep.Intervals[0].Heap > 0 {
			first, last := rep.Intervals[0], rep.Intervals[n-1]
			fmt.Fprintf(a.out, "Memory from the first interval to the last: RSS %+.1f MiB, heap %+.1f MiB\n",
				float64(last.RSS-first.RSS)/(1<<20), float64(last.Heap-first.Heap)/(1<<20))
		}
	}
	if rep.Total.Errors > 0 {
		return fmt.Errorf("%d of %d requests failed (first: %s)", rep.Total.Errors, rep.Total.Requests, lt.firstError())
	}
	return nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func sumSeconds(ivs []loadInterval) float64 {
	s := 0.0
	for _, iv := range ivs {
		s += iv.Seconds
	}
	return s
}

func writeInterval(w io.Writer, label string, iv loadInterval) {
	mib := func(b int64) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f", float64(b)/(1<<20))
	}
	fmt.Fprintf(w, "%8s %9d %7d %9.0f %9.2f %9.2f %9.2f %9.1f %9.0f %9s %9s\n",
		label, iv.Requests, iv.Errors, iv.Throughput, iv.P50, iv.P99, iv.Max, iv.CPU, iv.PerCPU, mib(iv.RSS), mib(iv.Heap))
}

// firstKey returns the first key of $EMBARGO_API_KEYS, "" when none.
func firstKey() string {
	for k := range strings.SplitSeq(os.Getenv(api.EnvAPIKeys), ",") {
		if k = strings.TrimSpace(k); k != "" {
			return k
		}
	}
	return ""
}

// startLoadServer starts an API server in this process on a loopback
// port, with the audit log (when on) in a temporary store.
func (a *app) startLoadServer(ctx context.Context, audit bool) (string, func(), error) {
	opts := api.Options{Keys: api.ParseKeys(os.Getenv(api.EnvAPIKeys)), Log: a.logger()}
	var cleanup []func()
	stop := func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}
	if len(a.data) > 0 {
		opts.Load = a.serveLoader(nil)
	} else {
		st, err := a.openStore(ctx)
		if err != nil {
			return "", nil, err
		}
		cleanup = append(cleanup, func() { st.Close() })
		opts.Load = a.serveLoader(st)
	}
	if audit {
		dir, err := os.MkdirTemp("", "embargo-bench-")
		if err != nil {
			stop()
			return "", nil, err
		}
		cleanup = append(cleanup, func() { os.RemoveAll(dir) })
		st, err := sqlite.Open(ctx, filepath.Join(dir, "audit.db"))
		if err != nil {
			stop()
			return "", nil, err
		}
		cleanup = append(cleanup, func() { st.Close() })
		opts.Store, opts.Audit = st, true
	}
	srv, err := api.New(opts)
	if err != nil {
		stop()
		return "", nil, err
	}
	cleanup = append(cleanup, func() { srv.Close() })
	res, err := srv.Reload(ctx)
	if err != nil {
		stop()
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		stop()
		return "", nil, err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	cleanup = append(cleanup, func() { shutdown(hs, 10*time.Second) })
	fmt.Fprintf(a.err, "embargo: serving %d entities (%s) on %s for the load test\n", res.Entities, res.Version, ln.Addr())
	return "http://" + ln.Addr().String(), stop, nil
}

// loadNames reads the names to screen.
func loadNames(files []string) ([]string, error) {
	if len(files) == 0 {
		dir, ok := shareddata.Dir()
		if ok {
			files, _ = filepath.Glob(filepath.Join(dir, "bench", "screening", "*.csv"))
		}
		if len(files) == 0 {
			return nil, errors.New("no names to screen: give --names FILE (a CSV with the name in the first column, or one name per line)")
		}
	}
	var lists [][]string
	for _, f := range files {
		names, err := readNames(f)
		if err != nil {
			return nil, err
		}
		if len(names) > 0 {
			lists = append(lists, names)
		}
	}
	// Interleave the files, so that every stretch of the run mixes them.
	var out []string
	for i := 0; ; i++ {
		added := false
		for _, l := range lists {
			if i < len(l) {
				out = append(out, l[i])
				added = true
			}
		}
		if !added {
			break
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no names in %s", strings.Join(files, ", "))
	}
	return out, nil
}

// readNames reads a CSV file's first column (after its header), or a
// plain file's lines.
func readNames(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	if strings.HasSuffix(strings.ToLower(path), ".csv") {
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for i, row := range rows {
			if i == 0 || len(row) == 0 {
				continue
			}
			if n := strings.TrimSpace(row[0]); n != "" {
				out = append(out, n)
			}
		}
		return out, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if n := strings.TrimSpace(sc.Text()); n != "" {
			out = append(out, n)
		}
	}
	return out, sc.Err()
}

// loadTester sends the requests and measures them.
type loadTester struct {
	opts   loadOptions
	bodies [][]byte
	client *http.Client

	mu       sync.Mutex
	cur      []float64 // latencies of the current interval, ms
	all      []float64 // latencies of the whole run, ms
	errs     int
	allErrs  int
	firstErr string
	start    time.Time
	end      time.Time
	// cpu0 and cpu are the server's CPU seconds at the start and at the
	// end of the last interval.
	cpu0, cpu float64
	// warming is true during the warm-up: latencies are not kept.
	warming bool
}

func (lt *loadTester) record(lat time.Duration, err error) {
	ms := float64(lat) / float64(time.Millisecond)
	lt.mu.Lock()
	defer lt.mu.Unlock()
	if err != nil {
		lt.allErrs++
		if lt.firstErr == "" {
			lt.firstErr = err.Error()
		}
	}
	if lt.warming {
		return
	}
	lt.cur = append(lt.cur, ms)
	if err != nil {
		lt.errs++
	}
}

func (lt *loadTester) firstError() string {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	return lt.firstErr
}

// run sends requests until the duration or the request count is reached,
// calling report at every interval.
func (lt *loadTester) run(ctx context.Context, report func(loadInterval)) error {
	ctx, cancel := context.WithTimeout(ctx, lt.opts.warmup+lt.opts.duration)
	defer cancel()
	lt.warming = lt.opts.warmup > 0
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		limit = int64(lt.opts.requests)
	)
	take := func() (int64, bool) {
		i := next.Add(1) - 1
		return i, limit == 0 || i < limit
	}
	send := func(i int64, due time.Time) {
		err := lt.do(lt.bodies[int(i)%len(lt.bodies)])
		lt.record(time.Since(due), err)
	}
	lt.start = time.Now()
	if lt.opts.rate == 0 {
		for range lt.opts.concurrency {
			wg.Go(func() {
				for ctx.Err() == nil {
					i, ok := take()
					if !ok {
						return
					}
					send(i, time.Now())
				}
			})
		}
	} else {
		// Open loop: a ticket per request, due at its time; workers send
		// them. Tickets wait in the queue when every worker is busy, and
		// their waiting counts in their latency.
		tickets := make(chan time.Time, lt.opts.rate*10+lt.opts.concurrency)
		for range lt.opts.concurrency {
			wg.Go(func() {
				for due := range tickets {
					i, ok := take()
					if !ok {
						continue
					}
					send(i, due)
				}
			})
		}
		wg.Go(func() {
			defer close(tickets)
			period := time.Second / time.Duration(lt.opts.rate)
			due := time.Now()
			sent := int64(0)
			for ctx.Err() == nil && (limit == 0 || sent < limit) {
				if d := time.Until(due); d > 0 {
					time.Sleep(d)
				}
				select {
				case tickets <- due:
				default:
					// The queue is full: the server is far behind. The
					// request still counts, as an error.
					lt.record(0, fmt.Errorf("the server fell more than 10 s behind the rate"))
				}
				sent++
				due = due.Add(period)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	if lt.opts.warmup > 0 {
		select {
		case <-time.After(lt.opts.warmup):
		case <-done:
		}
		lt.mu.Lock()
		lt.warming = false
		lt.mu.Unlock()
	}
	_, _, lt.cpu0 = lt.serverStats()
	lt.cpu = lt.cpu0
	lt.start = time.Now()
	ticker := time.NewTicker(lt.opts.interval)
	defer ticker.Stop()
	last := lt.start
	for {
		select {
		case <-ticker.C:
			now := time.Now()
			report(lt.interval(now.Sub(last)))
			last = now
		case <-done:
			lt.end = time.Now()
			if lt.end.Sub(last) > lt.opts.interval/10 {
				report(lt.interval(lt.end.Sub(last)))
			} else {
				lt.interval(0) // fold the last requests into the total
			}
			return nil
		}
	}
}

// do sends one request.
func (lt *loadTester) do(body []byte) error {
	req, err := http.NewRequest(http.MethodPost, lt.opts.url+"/v1/screen", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if lt.opts.key != "" {
		req.Header.Set("Authorization", "Bearer "+lt.opts.key)
	}
	resp, err := lt.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, b)
	}
	return nil
}

// interval closes the current interval, of the given length, and
// returns what it measured, with the server's memory.
func (lt *loadTester) interval(d time.Duration) loadInterval {
	lt.mu.Lock()
	lats, errs := lt.cur, lt.errs
	lt.cur, lt.errs = nil, 0
	lt.all = append(lt.all, lats...)
	lt.mu.Unlock()
	iv := summarize(lats, errs, d)
	var cpu float64
	iv.RSS, iv.Heap, cpu = lt.serverStats()
	if cpu > 0 {
		iv.CPU = cpu - lt.cpu
		lt.cpu = cpu
		if iv.CPU > 0 {
			iv.PerCPU = float64(iv.Requests-iv.Errors) / iv.CPU
		}
	}
	return iv
}

// total summarises the whole run.
func (lt *loadTester) total() loadInterval {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	iv := summarize(lt.all, lt.allErrs, lt.end.Sub(lt.start))
	iv.RSS, iv.Heap, _ = lt.serverStats()
	if lt.cpu > lt.cpu0 {
		iv.CPU = lt.cpu - lt.cpu0
		iv.PerCPU = float64(iv.Requests-iv.Errors) / iv.CPU
	}
	return iv
}

func summarize(lats []float64, errs int, d time.Duration) loadInterval {
	iv := loadInterval{Seconds: d.Seconds(), Requests: len(lats), Errors: errs}
	if d > 0 {
		iv.Throughput = float64(len(lats)-errs) / d.Seconds()
	}
	if len(lats) > 0 {
		s := slices.Clone(lats)
		slices.Sort(s)
		pct := func(p float64) float64 { return s[min(int(p*float64(len(s))), len(s)-1)] }
		iv.P50, iv.P99, iv.Max = pct(0.50), pct(0.99), s[len(s)-1]
	}
	return iv
}

// serverStats reads the server's resident set, heap in use and CPU
// seconds from its /metrics; zeros when they cannot be read.
func (lt *loadTester) serverStats() (rss, heap int64, cpu float64) {
	resp, err := lt.client.Get(lt.opts.url + "/metrics")
	if err != nil {
		return 0, 0, 0
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		name, value, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			continue
		}
		switch name {
		case "process_resident_memory_bytes":
			rss = int64(v)
		case "go_memstats_heap_inuse_bytes":
			heap = int64(v)
		case "process_cpu_seconds_total":
			cpu = v
		}
	}
	return rss, heap, cpu
}

// runtimeCPUs is the number of CPUs the process may use.
func runtimeCPUs() int { return runtime.GOMAXPROCS(0) }
