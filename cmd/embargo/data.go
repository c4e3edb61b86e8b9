package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/fetch"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/open"
)

// envOffline, when true, stops a first run from pulling the lists: an
// air-gapped installation imports them instead.
const envOffline = "EMBARGO_OFFLINE"

// catalog loads the selected data: the --data files and directories (or
// $EMBARGO_DATA) when given, else the newest good snapshot of every source
// in the store. When the store is empty (a first run), it pulls the
// default sources from their publishers first, with progress on stderr;
// with no network it stops with a message that says how to import files.
func (a *app) catalog(ctx context.Context) (*catalog.Catalog, error) {
	cat, _, err := a.catalogSnapshots(ctx)
	return cat, err
}

// catalogSnapshots is catalog, and also returns the snapshots loaded (nil
// when the data comes from --data), which the audit log records.
func (a *app) catalogSnapshots(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error) {
	if len(a.data) > 0 {
		l := catalog.NewLoader(a.logger())
		l.Format = a.format
		cat, err := l.Load(ctx, a.data)
		return cat, nil, err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	cat, snaps, err := store.LoadLatest(ctx, st)
	if err != nil {
		return nil, nil, fmt.Errorf("loading the lists from the store (%s): %w", a.storeConfig().Describe(), err)
	}
	if len(snaps) > 0 {
		a.logger().Debug("lists loaded from the store", "store", a.storeConfig().Describe(), "version", cat.Version())
		return cat, snaps, nil
	}
	if err := a.firstRun(ctx, st); err != nil {
		return nil, nil, err
	}
	cat, snaps, err = store.LoadLatest(ctx, st)
	if err != nil {
		return nil, nil, fmt.Errorf("loading the lists from the store (%s): %w", a.storeConfig().Describe(), err)
	}
	return cat, snaps, nil
}

// logger returns the app's logger, or one that discards when setup has
// not run.
func (a *app) logger() *slog.Logger {
	if a.log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return a.log
}

// storeConfig is the store selected by --home, $EMBARGO_HOME and
// $EMBARGO_DATABASE_URL.
func (a *app) storeConfig() open.Config { return open.FromEnv(a.home) }

// openStore opens the store.
func (a *app) openStore(ctx context.Context) (store.Store, error) {
	return open.Open(ctx, a.storeConfig())
}

// tempDir returns the directory downloads are written to before they are
// parsed: tmp in the home directory (the store's disk), else the system's.
func (a *app) tempDir() string {
	home, err := a.storeConfig().HomeDir()
	if err != nil {
		return ""
	}
	dir := filepath.Join(home, "tmp")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	return dir
}

// offline reports whether $EMBARGO_OFFLINE forbids pulling.
func offline() bool {
	v, err := strconv.ParseBool(os.Getenv(envOffline))
	return err == nil && v
}

// firstRun fills an empty store from the publishers.
func (a *app) firstRun(ctx context.Context, st store.Store) error {
	where := a.storeConfig().Describe()
	hint := "With no network, import list files instead: embargo import FILE|DIR (for example: embargo import ../shared/data/lists), " +
		"or screen files directly with --data PATH"
	if offline() {
		return fmt.Errorf("no lists to screen against: the store (%s) is empty and %s is set, so nothing is pulled; %s",
			where, envOffline, hint)
	}
	specs, err := a.pullSpecs(nil, nil)
	if err != nil {
		return err
	}
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	fmt.Fprintf(a.err, "embargo: the store (%s) holds no lists yet: pulling %s from the publishers\n", where, strings.Join(names, ", "))
	opts := defaultPullOptions()
	opts.stopOffline = true
	results, errs := a.runPull(ctx, st, specs, opts, a.err)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if len(results) == 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return fmt.Errorf("no lists to screen against: the store (%s) is empty and pulling the lists failed:\n  %s\n%s",
			where, strings.Join(msgs, "\n  "), hint)
	}
	for _, e := range errs {
		var pe *fetch.PullError
		name := "a list"
		if errors.As(e, &pe) {
			name = pe.Source
		}
		fmt.Fprintf(a.err, "embargo: WARNING: screening without %s, which could not be pulled: %v\n", name, e)
	}
	return nil
}
