package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/screen"
)

func (a *app) compareCmd() *cobra.Command {
	var threshold float64
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Score labelled name pairs: CSV with name1, name2[, schema] on stdin",
		Long: `compare reads a CSV on stdin whose header has name1, name2 and optionally
schema (Person, Company, Organization, LegalEntity, Vessel, Airplane, or
person / organization / vessel / aircraft), and writes the same CSV to stdout
with two more columns: score (0 to 1) and match (true when the score reaches
the threshold). name1 is scored as the query, name2 as the listed name.
It needs no lists: use it to evaluate the scorer on labelled pairs.`,
		Example: `  printf 'name1,name2,schema\nSerguei Lavrov,Lavrov Sergei Viktorovich,Person\n' | embargo compare`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return comparePairs(a.in, a.out, threshold)
		},
	}
	cmd.Flags().Float64Var(&threshold, "threshold", screen.DefaultThreshold, "score from which a pair is a match (0-1)")
	return cmd
}

// comparePairs scores every row of the CSV on in and writes it to out with
// score and match appended.
func comparePairs(in io.Reader, out io.Writer, threshold float64) error {
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	w := csv.NewWriter(out)
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("compare: reading the header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	i1, ok1 := col["name1"]
	i2, ok2 := col["name2"]
	if !ok1 || !ok2 {
		return fmt.Errorf("compare: the header must have name1 and name2 columns (got %q)", strings.Join(head, ","))
	}
	is, hasSchema := col["schema"]
	if err := w.Write(append(head, "score", "match")); err != nil {
		return err
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("compare: %w", err) // a csv.ParseError names the line
		}
		line, _ := r.FieldPos(0)
		if i1 >= len(rec) || i2 >= len(rec) {
			return fmt.Errorf("compare: line %d: %d fields, name1 and name2 need %d", line, len(rec), max(i1, i2)+1)
		}
		t := entity.Unknown
		if hasSchema && is < len(rec) && strings.TrimSpace(rec[is]) != "" {
			var ok bool
			if t, ok = entity.ParseType(rec[is]); !ok {
				return fmt.Errorf("compare: line %d: field schema: %q is not a known schema", line, rec[is])
			}
		}
		res := match.CompareNames(rec[i1], rec[i2], t)
		score := screen.Round(res.Score)
		rec = append(rec, strconv.FormatFloat(score, 'f', 3, 64), strconv.FormatBool(score >= threshold))
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
