package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/embargo/embargo/internal/gcfit"
	"github.com/embargo/embargo/screen"
)

// app holds what every command shares: streams, flags and the loaded data.
type app struct {
	in       io.Reader
	out, err io.Writer

	data     []string // --data
	format   string   // --format
	home     string   // --home
	logLevel string

	log *slog.Logger
}

func newApp(in io.Reader, out, errw io.Writer) *app {
	return &app{in: in, out: out, err: errw}
}

func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:   "embargo",
		Short: "Screen names, customer files and text against sanctions lists",
		Long: `embargo screens names, customer records and free text in any language and
script against sanctions lists (OFAC, UN, EU, UK, US CSL and DPL, OpenSanctions,
your own), read in their publishers' own formats, and says who matched, on
which list, and why.

Data comes from --data (files or directories, repeatable) or $EMBARGO_DATA
(':'-separated), else from the local store (see 'embargo import' and
'embargo pull').`,
		SilenceUsage:  true,
		SilenceErrors: true, // main prints the error once
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return a.setup()
		},
	}
	root.SetIn(a.in)
	root.SetOut(a.out)
	root.SetErr(a.err)
	pf := root.PersistentFlags()
	pf.StringArrayVar(&a.data, "data", nil, "list file or directory to load (repeatable; default $EMBARGO_DATA, else the store)")
	pf.StringVar(&a.format, "format", "", "read every --data file as this format instead of detecting it")
	pf.StringVar(&a.home, "home", "", "store directory (default $EMBARGO_HOME or ~/.local/share/embargo)")
	pf.StringVar(&a.logLevel, "log-level", "warn", "log level: debug, info, warn or error")
	root.AddCommand(a.listsCmd(), a.screenCmd(), a.textCmd(), a.compareCmd(), a.batchCmd(), a.rescreenCmd(),
		a.serveCmd(), a.benchCmd(),
		a.importCmd(), a.pullCmd(), a.diffCmd(), a.snapshotsCmd(), a.auditCmd(), a.decideCmd())
	return root
}

func (a *app) setup() error {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(a.logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	a.log = slog.New(slog.NewTextHandler(a.err, &slog.HandlerOptions{Level: lvl}))
	if len(a.data) == 0 {
		if env := os.Getenv("EMBARGO_DATA"); env != "" {
			for _, p := range filepath.SplitList(env) {
				if p = strings.TrimSpace(p); p != "" {
					a.data = append(a.data, p)
				}
			}
		}
	}
	if a.home == "" {
		a.home = os.Getenv("EMBARGO_HOME")
	}
	return nil
}

// screener loads the data and indexes it.
func (a *app) screener(ctx context.Context) (*screen.Screener, error) {
	cat, err := a.catalog(ctx)
	if err != nil {
		return nil, err
	}
	return screen.New(cat), nil
}

// fitGC paces the garbage collector for the index now loaded, in commands
// that hold it for long (serve, batch): see gcfit.
func (a *app) fitGC() {
	live, percent := gcfit.Fit()
	a.logger().Debug("garbage collector paced for the loaded data", "live_heap_mib", live>>20, "gogc", percent)
}

// isTerminal reports whether w is a terminal (for colour and progress).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
