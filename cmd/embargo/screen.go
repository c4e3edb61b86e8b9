package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

func (a *app) screenCmd() *cobra.Command {
	var (
		req    screen.Request
		asJSON bool
		audit  bool
		ids    []string
	)
	cmd := &cobra.Command{
		Use:   "screen [flags] NAME",
		Short: "Screen a name against the lists",
		Long: `screen looks a name up in every loaded list, in any language or script, and
shows the listed entities that match it, best first, with why.

A result whose score is at or above --threshold (default 0.7) is a match: an
analyst should look at it. Birth date, country, gender and identifiers, when
given, raise or lower the score.

Results an analyst decided were false positives for the same query (embargo
decide) are marked as such, until the entity's designation changes. With
--audit the screening is recorded in the store's audit log, and its record
ID is written to stderr for embargo decide.`,
		Example: `  embargo --data ../shared/data/lists screen "KIM, Jong Un"
  embargo screen --type person --birth-date 1950-10-07 --country ru "Путин Владимир"
  embargo screen --id passport:717637093:ru "Alexander Malkevich" --json
  embargo screen --audit --birth-date 1984-01-08 "Kim Jong Un"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req.Name = strings.Join(args, " ")
			for _, s := range ids {
				id, err := parseIdentifierFlag(s)
				if err != nil {
					return err
				}
				req.Identifiers = append(req.Identifiers, id)
			}
			ctx := cmd.Context()
			ses, err := a.openSession(ctx, audit)
			if err != nil {
				return err
			}
			defer ses.close()
			sc := ses.sc
			resp, err := sc.Screen(ctx, req)
			if err != nil {
				return err
			}
			if err := a.record(ctx, ses, store.KindScreen, req, resp); err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(resp)
			}
			writeScreenTable(a.out, sc, resp)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&req.Type, "type", "", "only parties of this type: person, organization, vessel or aircraft")
	f.StringVar(&req.BirthDate, "birth-date", "", "birth date (1984-01-08, 1984, 08 Jan 1984)")
	f.StringVar(&req.Country, "country", "", "nationality or country (name or ISO code; several separated by commas)")
	f.StringVar(&req.Gender, "gender", "", "gender: male or female")
	f.StringArrayVar(&ids, "id", nil, "identifier as TYPE:VALUE[:COUNTRY], e.g. passport:717637093:ru (repeatable)")
	f.StringArrayVar(&req.Lists, "list", nil, "only this source (repeatable): ofac, un, uk, eu, csl, dpl, custom, ...")
	f.IntVar(&req.Limit, "limit", screen.DefaultLimit, "most results to show")
	f.Float64Var(&req.Threshold, "threshold", screen.DefaultThreshold, "score from which a result is a match (0-1)")
	f.BoolVar(&asJSON, "json", false, "write JSON")
	f.BoolVar(&audit, "audit", false, "record the screening in the audit log (its ID goes to stderr)")
	return cmd
}

func writeScreenTable(w io.Writer, sc *screen.Screener, resp *screen.Response) {
	cat := sc.Catalog()
	nMatch := 0
	for _, m := range resp.Matches {
		if m.Match {
			nMatch++
		}
	}
	fmt.Fprintf(w, "Screened %q against %d lists (%d entities), threshold %.2f: %d match(es)\n\n",
		resp.Query.Name, len(cat.Sources), cat.Len(), resp.Threshold, nMatch)
	if len(resp.Matches) == 0 {
		fmt.Fprintln(w, "No listed entity comes close.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tMATCH\tLISTED NAME\tMATCHED NAME\tSOURCE\tID\tTYPE\tPROGRAMS")
	for _, m := range resp.Matches {
		yes := "no"
		switch {
		case m.Match && m.FalsePositive:
			yes = "YES (decided false positive)"
		case m.Match:
			yes = "YES"
		}
		matched := m.MatchedName
		if matched == m.Entity.Caption() {
			matched = "="
		}
		fmt.Fprintf(tw, "%.3f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Score, yes, truncate(m.Entity.Caption(), 40),
			truncate(matched, 30), m.Entity.Source, m.Entity.ID, m.Entity.Type, truncate(strings.Join(m.Entity.Programs, ", "), 30))
	}
	tw.Flush()
	for _, m := range resp.Matches {
		if !m.Match {
			continue
		}
		fmt.Fprintf(w, "\n%s (%s, %.3f):\n", m.Entity.Caption(), m.Entity.ID, m.Score)
		if m.FalsePositive {
			fmt.Fprintln(w, "  - an analyst decided this was a false positive for this query (embargo audit export shows the decision)")
		}
		for _, e := range m.Explanation {
			fmt.Fprintf(w, "  - %s\n", e)
		}
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
