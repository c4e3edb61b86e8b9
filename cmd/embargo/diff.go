package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/store"
)

// diffReport is `diff --json`.
type diffReport struct {
	Diffs []*store.SourceDiff `json:"diffs"`
}

func (a *app) diffCmd() *cobra.Command {
	var (
		source string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "diff [--source S] [FROM TO]",
		Short: "Show the designations added, removed and changed between two snapshots",
		Long: `diff compares two snapshots of a source: the designations added, removed,
and changed, with the fields that changed for each (names, birth_dates,
programs, identifiers, addresses, remarks...). With no FROM and TO it
compares the last two good snapshots of each source (of --source only, when
given). 'embargo snapshots' lists the snapshots and their IDs.`,
		Example: `  embargo diff
  embargo diff --source ofac --json
  embargo diff 12 15`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 2 {
				return fmt.Errorf("diff takes no snapshot IDs or two (FROM TO), got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			var diffs []*store.SourceDiff
			if len(args) == 2 {
				from, err1 := strconv.ParseInt(args[0], 10, 64)
				to, err2 := strconv.ParseInt(args[1], 10, 64)
				if err1 != nil || err2 != nil {
					return fmt.Errorf("diff %s %s: FROM and TO are snapshot IDs (see 'embargo snapshots')", args[0], args[1])
				}
				d, err := store.Diff(ctx, st, from, to)
				if err != nil {
					return err
				}
				if source != "" && d.Source != source {
					return fmt.Errorf("snapshots %d and %d are of %s, not %s", from, to, d.Source, source)
				}
				diffs = []*store.SourceDiff{d}
			} else {
				if diffs, err = store.DiffLatest(ctx, st, source); err != nil {
					return err
				}
			}
			if asJSON {
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(diffReport{Diffs: diffs})
			}
			if len(diffs) == 0 {
				fmt.Fprintln(a.out, "No source has two good snapshots to compare yet.")
			}
			for i, d := range diffs {
				if i > 0 {
					fmt.Fprintln(a.out)
				}
				writeDiff(a.out, d)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "only this source")
	cmd.Flags().BoolVar(&asJSON, "json", false, "write JSON")
	return cmd
}

func describeSnapshot(s store.Snapshot) string {
	pub := ""
	if s.Published != "" {
		pub = "published " + s.Published + ", "
	}
	return fmt.Sprintf("snapshot %d (%s%d entities, fetched %s)", s.ID, pub, s.Entities, s.FetchedAt.UTC().Format("2006-01-02 15:04"))
}

func writeDiff(w io.Writer, d *store.SourceDiff) {
	fmt.Fprintf(w, "%s: %s -> %s: %d added, %d removed, %d changed, %d unchanged\n", d.Source,
		describeSnapshot(d.From), describeSnapshot(d.To), len(d.Added), len(d.Removed), len(d.Changed), d.Unchanged)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range d.Added {
		fmt.Fprintf(tw, "  + added\t%s\t%s\n", e.ID, e.Name)
	}
	for _, e := range d.Removed {
		fmt.Fprintf(tw, "  - removed\t%s\t%s\n", e.ID, e.Name)
	}
	for _, c := range d.Changed {
		fmt.Fprintf(tw, "  ~ changed\t%s\t%s\t(%s)\n", c.ID, c.Name, strings.Join(c.Fields, ", "))
	}
	tw.Flush()
}

func (a *app) snapshotsCmd() *cobra.Command {
	var (
		source string
		status string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "snapshots",
		Short: "List the stored snapshots of the lists, newest first",
		Long: `snapshots lists the versions of each source's list held in the store,
newest first: ID, source, status (good, or rejected with the reason), when
it was fetched, the publisher's date, the entity count, the sha256 and where
it came from. The newest good snapshot of each source is the one in use.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			snaps, err := st.Snapshots(ctx, store.SnapshotQuery{Source: source, Status: store.Status(status), Limit: limit})
			if err != nil {
				return err
			}
			latest, err := st.Latest(ctx)
			if err != nil {
				return err
			}
			inUse := map[int64]bool{}
			for _, s := range latest {
				inUse[s.ID] = true
			}
			if asJSON {
				type row struct {
					store.Snapshot
					InUse bool `json:"in_use"`
				}
				rows := []row{}
				for _, s := range snaps {
					rows = append(rows, row{s, inUse[s.ID]})
				}
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"snapshots": rows})
			}
			if len(snaps) == 0 {
				fmt.Fprintf(a.out, "The store (%s) holds no snapshots: see 'embargo import' and 'embargo pull'.\n", a.storeConfig().Describe())
				return nil
			}
			tw := tabwriter.NewWriter(a.out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSOURCE\tSTATUS\tFETCHED\tPUBLISHED\tENTITIES\tSHA256\tORIGIN")
			for _, s := range snaps {
				st := string(s.Status)
				if inUse[s.ID] {
					st += " (in use)"
				}
				if s.Reason != "" {
					st += ": " + truncate(s.Reason, 60)
				}
				pub := s.Published
				if pub == "" {
					pub = "-"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", s.ID, s.Source, st,
					s.FetchedAt.UTC().Format(time.DateTime), pub, s.Entities, short(s.SHA256), s.Origin)
			}
			return tw.Flush()
		},
	}
	f := cmd.Flags()
	f.StringVar(&source, "source", "", "only this source")
	f.StringVar(&status, "status", "", "only snapshots of this status: good or rejected")
	f.IntVar(&limit, "limit", 0, "at most this many (newest first)")
	f.BoolVar(&asJSON, "json", false, "write JSON")
	return cmd
}
