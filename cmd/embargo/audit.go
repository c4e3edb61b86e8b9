package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

func (a *app) auditCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "The audit log of screening decisions",
		Long: `The audit log keeps every recorded screening: when, who asked (API key ID
or "cli"), what (the query), against which data (the catalog version and the
snapshot IDs), and what came out (entity IDs, scores, match flags), with the
analysts' decisions attached later ('embargo decide'). 'embargo serve'
records by default.`,
	}
	cmd.AddCommand(a.auditExportCmd())
	return cmd
}

func (a *app) auditExportCmd() *cobra.Command {
	var (
		since  string
		format string
		output string
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the audit log as CSV or JSON lines",
		Long: `export writes the audit log, oldest first, with the decisions made on each
record: as JSON lines (one record per line, --format jsonl, the default) or
CSV (--format csv: one row per record, the query, results and decisions as
JSON). --since keeps the records from a time on: a date (2026-01-31), a
time (2026-01-31T12:00:00Z) or a duration back from now (24h, 7d).`,
		Example: `  embargo audit export --since 7d > last-week.jsonl
  embargo audit export --format csv --since 2026-01-01 -o audit-2026.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			t, err := parseSince(since, time.Now())
			if err != nil {
				return err
			}
			write := store.WriteAuditJSONL
			switch strings.ToLower(format) {
			case "jsonl", "json", "ndjson":
			case "csv":
				write = store.WriteAuditCSV
			default:
				return fmt.Errorf("--format %q: want csv or jsonl", format)
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			w := a.out
			var f *os.File
			if output != "" && output != "-" {
				if f, err = os.Create(output); err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if err := write(ctx, st, w, t); err != nil {
				return err
			}
			if f != nil {
				return f.Close()
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&since, "since", "", "only records from this time on: 2026-01-31, 2026-01-31T12:00:00Z, 24h, 7d")
	f.StringVar(&format, "format", "jsonl", "csv or jsonl")
	f.StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

// parseSince reads --since: "" (everything), a date, an RFC 3339 time, or
// a duration back from now ("36h", "7d").
func parseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("--since %q: want a date (2026-01-31), a time (2026-01-31T12:00:00Z) or a duration (24h, 7d)", s)
}

// auditScreening records one screening from the command line in the audit
// log and returns the record (with its ID).
func (a *app) auditScreening(ctx context.Context, st store.Store, kind string, req screen.Request, resp *screen.Response, snaps []store.Snapshot) (*store.AuditRecord, error) {
	r, err := store.NewAuditRecord(store.CallerCLI, kind, req, store.Fingerprint(req.Name, req.BirthDate, req.Country),
		resp.DataVersion, snapshotIDs(snaps), screen.AuditResults(resp.Matches, store.EntityHash))
	if err != nil {
		return nil, err
	}
	if err := store.Audit(ctx, st, r); err != nil {
		return nil, err
	}
	return r, nil
}

// snapshotIDs returns the IDs of the snapshots.
func snapshotIDs(snaps []store.Snapshot) []int64 {
	var ids []int64
	for _, s := range snaps {
		ids = append(ids, s.ID)
	}
	return ids
}

// writeAuditNote tells the user which record a screening was logged as,
// for 'embargo decide'.
func writeAuditNote(w io.Writer, r *store.AuditRecord) {
	fmt.Fprintf(w, "Recorded in the audit log as record %d (embargo decide --audit %d --entity ID --decision true-match|false-positive).\n", r.ID, r.ID)
}
