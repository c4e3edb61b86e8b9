package main

import (
	"encoding/json"
	"fmt"
	"os/user"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/store"
)

func (a *app) decideCmd() *cobra.Command {
	var (
		auditID  int64
		entityID string
		decision string
		note     string
		by       string
		asJSON   bool
	)
	cmd := &cobra.Command{
		Use:   "decide --audit ID --entity ENTITY_ID --decision true-match|false-positive [--note TEXT]",
		Short: "Record an analyst's decision on a screening result",
		Long: `decide attaches an analyst's decision to one result of a recorded screening
(see 'embargo audit export'): the listed entity is a true match, or a false
positive. A false positive is allowlisted: later screens of the same query
(same name, birth date and country, however written) mark that entity as a
decided false positive, until the entity's designation changes on the list.`,
		Example: `  embargo decide --audit 1042 --entity ofac-36216 --decision false-positive --note "different person: born 1981, Canadian"`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if auditID <= 0 || entityID == "" || decision == "" {
				return fmt.Errorf("decide needs --audit ID, --entity ENTITY_ID and --decision true-match|false-positive")
			}
			v, err := store.ParseVerdict(decision)
			if err != nil {
				return err
			}
			if by == "" {
				by = "cli"
				if u, err := user.Current(); err == nil && u.Username != "" {
					by = "cli:" + u.Username
				}
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := store.Decide(cmd.Context(), st, store.DecisionRequest{AuditID: auditID, EntityID: entityID, Decision: v, Note: note, By: by})
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(d)
			}
			fmt.Fprintf(a.out, "Decision %d recorded: %s is a %s for audit record %d.\n", d.ID, d.EntityID, d.Decision, d.AuditID)
			switch {
			case d.Decision != store.FalsePositive:
			case d.Fingerprint == "" || d.EntityHash == "":
				fmt.Fprintln(a.out, "The record has no query fingerprint or entity hash: the decision is kept but cannot allowlist later screens.")
			default:
				fmt.Fprintf(a.out, "Later screens of the same query (%s) mark %s as a decided false positive while its designation is unchanged.\n",
					d.Fingerprint, d.EntityID)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.Int64Var(&auditID, "audit", 0, "the audit record's ID")
	f.StringVar(&entityID, "entity", "", "the listed entity's ID (ofac-36216)")
	f.StringVar(&decision, "decision", "", "true-match or false-positive")
	f.StringVar(&note, "note", "", "the analyst's note")
	f.StringVar(&by, "by", "", "who decides (default cli:USER)")
	f.BoolVar(&asJSON, "json", false, "write the decision as JSON")
	return cmd
}
