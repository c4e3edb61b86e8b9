package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/fetch"
	"github.com/embargo/embargo/store"
)

// pullOptions are pull's flags.
type pullOptions struct {
	urls     []string // SOURCE=URL
	timeout  time.Duration
	maxSize  string
	maxDrop  float64
	force    bool
	token    string
	attempts int
	asJSON   bool
	// stopOffline stops at the first source that cannot be reached at
	// all: the others would fail the same way (a first run offline).
	stopOffline bool
}

func defaultPullOptions() pullOptions {
	return pullOptions{
		timeout: fetch.DefaultTimeout, maxSize: "512MiB", maxDrop: store.DefaultMaxDrop, attempts: fetch.DefaultAttempts,
	}
}

func (a *app) pullCmd() *cobra.Command {
	opts := defaultPullOptions()
	cmd := &cobra.Command{
		Use:   "pull [SOURCE...]",
		Short: "Download the lists from their publishers into the store",
		Long: `pull downloads each source's list from its publisher's official address,
parses and validates it, and stores it as a new snapshot, which commands use
from then on. With no SOURCE it pulls ` + strings.Join(defaultSourceNames(), ", ") + `.

Sources and their addresses:
` + sourcesHelp() + `
A pull that fails (network error, HTTP error, timeout, a response larger than
--max-size, a truncated file, something that is not the expected list, an
entity count that fell by more than --max-drop) keeps the last good snapshot,
says what failed and exits with status 1. Network errors, timeouts, truncated
responses and HTTP 408, 429 and 5xx answers are retried (--retries) with
exponential backoff. A list that has not changed (HTTP 304 to a conditional
request, or the same bytes) makes no new snapshot.

--url SOURCE=URL replaces a source's address (a mirror, a test server). For
OFAC's CSV set, a URL ending in SDN.CSV fetches the other files from the same
directory; any other URL (sdn.xml, sdn_advanced.xml) is read as one file.
$EMBARGO_PULL_BASE, when set, fetches every source S's file F from
$EMBARGO_PULL_BASE/S/F instead of the publishers' addresses.
OpenSanctions needs --url opensanctions=URL and an API key (--token or
$EMBARGO_OPENSANCTIONS_TOKEN).`,
		Example: `  embargo pull
  embargo pull un ofac
  embargo pull --url ofac=https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML ofac
  embargo pull --url opensanctions=https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json --token KEY opensanctions`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.token == "" {
				opts.token = os.Getenv(fetch.EnvToken)
			}
			specs, err := a.pullSpecs(args, opts.urls)
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			results, errs := a.runPull(cmd.Context(), st, specs, opts, a.err)
			if opts.asJSON {
				out := pullReport{Results: results, Errors: []string{}}
				for _, e := range errs {
					out.Errors = append(out.Errors, e.Error())
				}
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(out); err != nil {
					return err
				}
			} else {
				for _, r := range results {
					a.printPullResult(cmd.Context(), a.out, st, r)
				}
			}
			return failures("pull", len(specs), errs)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.urls, "url", nil, "SOURCE=URL: fetch SOURCE from URL instead of its publisher's address (repeatable)")
	f.DurationVar(&opts.timeout, "timeout", opts.timeout, "longest time for one download attempt, from request to last byte")
	f.StringVar(&opts.maxSize, "max-size", opts.maxSize, "largest file accepted (bytes, or with KiB, MiB, GiB, KB, MB, GB)")
	f.Float64Var(&opts.maxDrop, "max-drop", opts.maxDrop, "reject a list whose entity count fell by more than this fraction since the last good snapshot")
	f.BoolVar(&opts.force, "force", false, "accept a larger drop or an older list, and download even if the server says unchanged")
	f.StringVar(&opts.token, "token", "", "OpenSanctions API key (default $"+fetch.EnvToken+")")
	f.IntVar(&opts.attempts, "retries", opts.attempts, "attempts per file before giving up")
	f.BoolVar(&opts.asJSON, "json", false, "write the results as JSON")
	return cmd
}

// pullReport is `pull --json`.
type pullReport struct {
	Results []fetch.PullResult `json:"results"`
	Errors  []string           `json:"errors"`
}

func defaultSourceNames() []string {
	var out []string
	for _, s := range fetch.Sources() {
		if s.Default {
			out = append(out, s.Name)
		}
	}
	return out
}

func sourcesHelp() string {
	var b strings.Builder
	for _, s := range fetch.Sources() {
		u := s.Files[0].URL
		if u == "" {
			u = "(give --url " + s.Name + "=URL)"
		}
		if len(s.Files) > 1 {
			u += " (+ " + strconv.Itoa(len(s.Files)-1) + " more files)"
		}
		fmt.Fprintf(&b, "  %-14s %s: %s\n", s.Name, s.Publisher, u)
	}
	return b.String()
}

// pullSpecs returns the sources to pull: the named ones (default: the
// default sources and any given a --url), with $EMBARGO_PULL_BASE and the
// --url overrides applied.
func (a *app) pullSpecs(names, urls []string) ([]fetch.Spec, error) {
	override := map[string]string{}
	for _, u := range urls {
		name, addr, ok := strings.Cut(u, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.TrimSpace(addr) == "" {
			return nil, fmt.Errorf("--url %q: want SOURCE=URL", u)
		}
		if _, known := fetch.Lookup(name); !known {
			return nil, fmt.Errorf("--url %s: unknown source %q (known: %s)", u, name, strings.Join(fetch.Names(), ", "))
		}
		override[name] = strings.TrimSpace(addr)
	}
	if len(names) == 0 {
		names = defaultSourceNames()
		for name := range override {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	base := os.Getenv(fetch.EnvPullBase)
	var specs []fetch.Spec
	seen := map[string]bool{}
	for _, name := range names {
		s, ok := fetch.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown source %q (known: %s)", name, strings.Join(fetch.Names(), ", "))
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		if base != "" {
			s = s.WithBase(base)
		}
		if u, ok := override[name]; ok {
			var err error
			if s, err = s.WithURL(u); err != nil {
				return nil, err
			}
		}
		specs = append(specs, s)
	}
	return specs, nil
}

// runPull pulls the sources one after the other, showing progress on w,
// and returns the pulls that succeeded and the errors of the others.
func (a *app) runPull(ctx context.Context, st store.Store, specs []fetch.Spec, opts pullOptions, w io.Writer) ([]fetch.PullResult, []error) {
	maxSize, err := parseSize(opts.maxSize)
	if err != nil {
		return nil, []error{err}
	}
	if opts.maxDrop < 0 || opts.maxDrop > 1 {
		return nil, []error{fmt.Errorf("--max-drop %g: want a fraction between 0 and 1", opts.maxDrop)}
	}
	prog, wait := a.progress(ctx, w)
	client := fetch.NewClient()
	client.Timeout, client.MaxSize, client.Attempts = opts.timeout, maxSize, opts.attempts
	client.Progress, client.Log = prog, a.logger()
	loader := catalog.NewLoader(a.logger())
	p := &fetch.Puller{
		Client: client, Store: st, Loader: loader, TempDir: a.tempDir(), MaxDrop: opts.maxDrop,
		Force: opts.force, Token: opts.token, Log: a.logger(),
	}
	var (
		results []fetch.PullResult
		errs    []error
	)
	offline := false
	for _, s := range specs {
		if ctx.Err() != nil {
			errs = append(errs, fmt.Errorf("pull %s: %w", s.Name, ctx.Err()))
			continue
		}
		if offline {
			errs = append(errs, fmt.Errorf("pull %s: not tried, the network looks unreachable", s.Name))
			continue
		}
		r, err := p.Pull(ctx, s)
		if err != nil {
			errs = append(errs, err)
			offline = opts.stopOffline && fetch.IsNoNetwork(err)
			continue
		}
		results = append(results, r)
	}
	wait()
	return results, errs
}

// printPullResult writes one line about a successful pull.
func (a *app) printPullResult(ctx context.Context, w io.Writer, st store.Store, r fetch.PullResult) {
	switch {
	case r.NotModified:
		fmt.Fprintf(w, "%s: not modified since snapshot %d (the server said 304), %d entities\n", r.Source, r.Snapshot.ID, r.Snapshot.Entities)
	default:
		a.printImportResult(ctx, w, st, store.ImportResult{Source: r.Source, Outcome: r.Outcome, Snapshot: r.Snapshot, Previous: r.Previous},
			fmt.Sprintf(", %s in %s", fetch.Size(r.Bytes), roundDuration(r.Took)))
	}
}

// failures turns the errors of a command run over n sources into its
// error: nil when there are none.
func failures(what string, n int, errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("%s failed for %d of %d sources:\n  %s", what, len(errs), n, strings.Join(msgs, "\n  "))
}

// parseSize reads "512MiB", "1GB", "1048576".
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) && (len(u.suffix) > 1 || !strings.HasSuffix(strings.ToUpper(t), "IB")) {
			t = strings.TrimSpace(t[:len(t)-len(u.suffix)])
			mult = u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("--max-size %q: want a positive size such as 512MiB", s)
	}
	return int64(f * float64(mult)), nil
}
