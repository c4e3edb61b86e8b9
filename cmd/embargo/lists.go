package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/api"
	"github.com/embargo/embargo/entity"
)

func (a *app) listsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lists",
		Short: "Show the loaded lists: counts, publisher's date, checksum, skipped records",
		Long: `lists loads the selected data and shows, for each source, its format, the
number of entities of each type, the number of names, the publisher's date
where the file has one, the sha256 of its files, the records read (more
than the entities where a format holds records that are not parties, such
as the positions of a PEP file) and how many malformed records were skipped
(run with --log-level warn to see them).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalog(cmd.Context())
			if err != nil {
				return err
			}
			rep := api.NewListsReport(cat) // the object GET /v1/lists serves
			if asJSON {
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			tw := tabwriter.NewWriter(a.out, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "SOURCE\tFORMAT\tPERSONS\tORGS\tVESSELS\tAIRCRAFT\tNAMES\tPUBLISHED\tRECORDS\tSKIPPED\tSHA256\t")
			for _, s := range rep.Sources {
				pub := s.Published
				if pub == "" {
					pub = "-"
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%d\t%d\t%s\t\n", s.Name, s.Format,
					s.Entities[string(entity.Person)], s.Entities[string(entity.Organization)],
					s.Entities[string(entity.Vessel)], s.Entities[string(entity.Aircraft)],
					s.Names, pub, s.Records, s.Skipped, s.SHA256[:12])
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "write JSON")
	return cmd
}
