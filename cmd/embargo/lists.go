package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
)

// listInfo is one source in `lists --json`.
type listInfo struct {
	Name      string         `json:"name"`
	Format    string         `json:"format"`
	Entities  map[string]int `json:"entities"`
	Names     int            `json:"names"`
	Published string         `json:"published"`
	SHA256    string         `json:"sha256"`
	Skipped   int            `json:"skipped"`
	Files     []string       `json:"files"`
}

// ListsReport is the `lists --json` object, also served by GET /v1/lists.
type ListsReport struct {
	Sources []listInfo `json:"sources"`
}

func listsReport(cat *catalog.Catalog) ListsReport {
	r := ListsReport{Sources: []listInfo{}}
	for _, s := range cat.Sources {
		counts := map[string]int{}
		for t, n := range s.Counts() {
			counts[string(t)] = n
		}
		r.Sources = append(r.Sources, listInfo{
			Name: s.Name, Format: s.Format, Entities: counts, Names: s.NameCount(),
			Published: s.Published, SHA256: s.SHA256, Skipped: len(s.Skipped), Files: s.Files,
		})
	}
	return r
}

func (a *app) listsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lists",
		Short: "Show the loaded lists: counts, publisher's date, checksum, skipped records",
		Long: `lists loads the selected data and shows, for each source, its format, the
number of entities of each type, the number of names, the publisher's date
where the file has one, the sha256 of its files and how many malformed
records were skipped (run with --log-level warn to see them).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalog(cmd.Context())
			if err != nil {
				return err
			}
			rep := listsReport(cat)
			if asJSON {
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			tw := tabwriter.NewWriter(a.out, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "SOURCE\tFORMAT\tPERSONS\tORGS\tVESSELS\tAIRCRAFT\tNAMES\tPUBLISHED\tSKIPPED\tSHA256\t")
			for _, s := range rep.Sources {
				pub := s.Published
				if pub == "" {
					pub = "-"
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%d\t%s\t\n", s.Name, s.Format,
					s.Entities[string(entity.Person)], s.Entities[string(entity.Organization)],
					s.Entities[string(entity.Vessel)], s.Entities[string(entity.Aircraft)],
					s.Names, pub, s.Skipped, s.SHA256[:12])
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "write JSON")
	return cmd
}
