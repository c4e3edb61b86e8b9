package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/store"
)

func (a *app) importCmd() *cobra.Command {
	var (
		maxDrop float64
		force   bool
	)
	cmd := &cobra.Command{
		Use:   "import FILE|DIR...",
		Short: "Store list files as new snapshots (offline and air-gapped installs)",
		Long: `import reads list files (or every list in a directory), recognising each
file's format by its content (--format forces one), validates them and
stores each source as a new snapshot, which commands use from then on when
no --data is given. This is how an installation without network access gets
its lists: download them elsewhere, carry them over, import them.

A list with no entities, or whose entity count fell by more than --max-drop
since the source's last good snapshot, or that is older than it, is
rejected: it is recorded as a rejected snapshot for the audit trail, the
last good snapshot stays in use, and import exits with status 1. A list
identical to the current snapshot (same sha256) makes no new snapshot. An
OpenSanctions delta file is applied to the source's current snapshot.`,
		Example: `  embargo import ../shared/data/lists
  embargo import ~/Downloads/sdn.csv ~/Downloads/consolidated.xml
  embargo import --force new-ofac-after-mass-delisting/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if maxDrop < 0 || maxDrop > 1 {
				return fmt.Errorf("--max-drop %g: want a fraction between 0 and 1", maxDrop)
			}
			l := catalog.NewLoader(a.logger())
			l.Format = a.format
			srcs, err := l.LoadSources(ctx, args)
			if err != nil {
				return err
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			var errs []error
			for _, s := range srcs {
				files := make([]string, len(s.Files))
				for i, f := range s.Files {
					files[i] = absPath(f)
				}
				res, err := store.Import(ctx, st, s, store.ImportOptions{
					Origin: "import:" + absPath(s.Path), Files: files, MaxDrop: maxDrop, Force: force, Log: a.logger(),
				})
				if err != nil {
					errs = append(errs, err)
					continue
				}
				a.printImportResult(ctx, a.out, st, res, "")
			}
			return failures("import", len(srcs), errs)
		},
	}
	f := cmd.Flags()
	f.Float64Var(&maxDrop, "max-drop", store.DefaultMaxDrop, "reject a list whose entity count fell by more than this fraction since the last good snapshot")
	f.BoolVar(&force, "force", false, "accept a list whose count fell by more than --max-drop, or that is older than the current one")
	return cmd
}

// printImportResult writes one line about a stored list, with what changed
// since the previous snapshot.
func (a *app) printImportResult(ctx context.Context, w io.Writer, st store.Store, r store.ImportResult, extra string) {
	s := r.Snapshot
	pub := ""
	if s.Published != "" {
		pub = ", published " + s.Published
	}
	switch r.Outcome {
	case store.Unchanged:
		fmt.Fprintf(w, "%s: unchanged, same sha256 as snapshot %d (%d entities%s)%s\n", r.Source, s.ID, s.Entities, pub, extra)
		return
	case store.Added:
	default:
		fmt.Fprintf(w, "%s: %s, snapshot %d\n", r.Source, r.Outcome, s.ID)
		return
	}
	change := ""
	if r.Previous != nil {
		change = fmt.Sprintf(", first snapshot after %d", r.Previous.ID)
		if d, err := store.Diff(ctx, st, r.Previous.ID, s.ID); err == nil {
			change = fmt.Sprintf(", %d added, %d removed, %d changed since snapshot %d", len(d.Added), len(d.Removed), len(d.Changed), r.Previous.ID)
		} else if !errors.Is(err, context.Canceled) {
			a.logger().Warn("could not compare with the previous snapshot", "source", r.Source, "error", err)
		}
	}
	skipped := ""
	if s.Skipped > 0 {
		skipped = fmt.Sprintf(", %d malformed records skipped", s.Skipped)
	}
	fmt.Fprintf(w, "%s: new snapshot %d, %d entities%s (%s)%s%s, sha256 %s%s\n",
		r.Source, s.ID, s.Entities, pub, s.Format, change, skipped, short(s.SHA256), extra)
}

func short(sum string) string {
	if len(sum) > 12 {
		return sum[:12]
	}
	return sum
}

// absPath returns p made absolute, or p when that fails.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
