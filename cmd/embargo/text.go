package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/text"
)

// maxTextBytes bounds the text one 'embargo text' reads.
const maxTextBytes = 256 << 20

// showTextBytes is the largest text written back with its mentions
// highlighted; a longer one gets the tables only.
const showTextBytes = 1 << 20

func (a *app) textCmd() *cobra.Command {
	var (
		asJSON    bool
		threshold float64
		noText    bool
		audit     bool
	)
	cmd := &cobra.Command{
		Use:   "text [flags] FILE|-",
		Short: "Find listed parties and sanctioned countries in a text",
		Long: `text reads a free text (a news article, a report, a document; any language
and script, UTF-8) and reports every mention of a listed person,
organisation or vessel, and every mention of a country a loaded sanctions
program targets.

Names are found as the text's language writes them: "Serguei Lavrov",
"Dmitri Medwedew", "Дмитрия Медведева", "드미트리 메드베데프", "夏宝龙"; titles
and roles around a name are not part of it. Each candidate is scored by
the same matcher as 'embargo screen'; a mention scores at least
--threshold. A later mention by surname only ("Lavrov said...") is linked
to the full mention before it. A lone common name ("Kim", "Maria") never
matches, and people on no list are not reported. A mention an analyst
decided was a false positive (embargo decide, on a text screening's
record) is marked as such; with --audit the scan is recorded in the
store's audit log, and its record ID written to stderr.

Without --json the text is written back with the mentions marked (in
colour on a terminal; [[#n name]] for parties and {{country}} otherwise),
followed by a table of mentions, one of countries, and why each party
matched. Byte offsets (start, end) index the UTF-8 input: text[start:end]
is the mention. FILE - reads standard input.`,
		Example: `  embargo --data ../shared/data/lists text ../shared/data/news/pt-lavrov-pyongyang.txt
  curl -s https://example.org/article.txt | embargo text --json - | jq '.mentions[].entity.id'
  embargo text --threshold 0.8 --no-text report.txt
  embargo text --audit --json article.txt`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if threshold <= 0 || threshold > 1 {
				return fmt.Errorf("--threshold %v: want a score above 0 and at most 1", threshold)
			}
			input, err := a.readText(args[0])
			if err != nil {
				return err
			}
			if !utf8.Valid(input) {
				fmt.Fprintf(a.err, "embargo: %s is not valid UTF-8: the invalid bytes are read as separators\n", args[0])
			}
			ctx := cmd.Context()
			ses, err := a.openSession(ctx, audit)
			if err != nil {
				return err
			}
			defer ses.close()
			sc := ses.sc
			scanner := text.New(sc, text.Options{Logger: a.logger()})
			res, err := scanner.Scan(ctx, string(input), threshold)
			if err != nil {
				return err
			}
			if err := a.recordText(ctx, ses, string(input), threshold, res); err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			color := isTerminal(a.out) && os.Getenv("NO_COLOR") == ""
			if !noText {
				if len(input) > showTextBytes {
					fmt.Fprintf(a.out, "(the text is %d bytes: not written back; the tables give the offsets)\n\n", len(input))
				} else {
					writeMarked(a.out, string(input), res, color)
					fmt.Fprintln(a.out)
				}
			}
			writeTextTables(a.out, sc, res, threshold)
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "write JSON: {\"mentions\": [...], \"jurisdictions\": [...]}")
	f.Float64Var(&threshold, "threshold", screen.DefaultThreshold, "score from which a name in the text is a mention (0-1)")
	f.BoolVar(&noText, "no-text", false, "write the tables only, not the text with its mentions marked")
	f.BoolVar(&audit, "audit", false, "record the scan in the audit log (its ID goes to stderr)")
	return cmd
}

// readText reads FILE, or standard input for "-", up to maxTextBytes.
func (a *app) readText(path string) ([]byte, error) {
	var r io.Reader
	name := path
	if path == "-" {
		r, name = a.in, "standard input"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a directory: give a text file", path)
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTextBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxTextBytes {
		return nil, fmt.Errorf("%s is larger than %d MB: split it", name, maxTextBytes>>20)
	}
	if len(b) == 0 {
		return nil, errors.New(name + " is empty")
	}
	return b, nil
}

// ANSI styles for marked text.
const (
	ansiParty   = "\x1b[1;31m" // bold red
	ansiLinked  = "\x1b[31m"   // red
	ansiCountry = "\x1b[36m"   // cyan
	ansiReset   = "\x1b[0m"
)

// mark is one highlighted stretch of the text.
type mark struct {
	start, end int
	label      string // mention numbers, or "" for a country
	linked     bool
	country    bool
}

// writeMarked writes the text with its mentions marked: in colour, or with
// [[#n text]] around parties and {{text}} around countries. A country
// named inside a party's name is marked as part of the party.
func writeMarked(w io.Writer, s string, res *text.Result, color bool) {
	var marks []mark
	for i, m := range res.Mentions {
		n := fmt.Sprintf("#%d", i+1)
		if k := len(marks) - 1; k >= 0 && marks[k].start == m.Start && marks[k].end == m.End {
			marks[k].label += "," + n // one span, several entities
			continue
		}
		marks = append(marks, mark{start: m.Start, end: m.End, label: n, linked: m.LinkedTo != nil})
	}
	for _, j := range res.Jurisdictions {
		marks = append(marks, mark{start: j.Start, end: j.End, country: true})
	}
	slices.SortStableFunc(marks, func(a, b mark) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	pos := 0
	for _, m := range marks {
		if m.start < pos {
			continue // inside a mark already written
		}
		io.WriteString(w, s[pos:m.start])
		seg := s[m.start:m.end]
		switch {
		case color && m.country:
			fmt.Fprintf(w, "%s%s%s", ansiCountry, seg, ansiReset)
		case color && m.linked:
			fmt.Fprintf(w, "%s%s%s", ansiLinked, seg, ansiReset)
		case color:
			fmt.Fprintf(w, "%s%s%s", ansiParty, seg, ansiReset)
		case m.country:
			fmt.Fprintf(w, "{{%s}}", seg)
		default:
			fmt.Fprintf(w, "[[%s %s]]", m.label, seg)
		}
		pos = m.end
	}
	io.WriteString(w, s[pos:])
	if !strings.HasSuffix(s, "\n") {
		fmt.Fprintln(w)
	}
}

// writeTextTables writes the mentions, the countries and the reasons.
func writeTextTables(w io.Writer, sc *screen.Screener, res *text.Result, threshold float64) {
	cat := sc.Catalog()
	entities := map[string]bool{}
	for _, m := range res.Mentions {
		entities[m.Entity.ID] = true
	}
	countries := map[string]bool{}
	for _, j := range res.Jurisdictions {
		countries[j.Country] = true
	}
	fmt.Fprintf(w, "Scanned against %d lists (%d entities), threshold %.2f: %d mention(s) of %d listed part(ies), %d mention(s) of %d sanctioned countr(ies)\n\n",
		len(cat.Sources), cat.Len(), threshold, len(res.Mentions), len(entities), len(res.Jurisdictions), len(countries))
	if len(res.Mentions) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "#\tTEXT\tBYTES\tSCORE\tLISTED NAME\tSOURCE\tID\tTYPE\tPROGRAMS\tLINKED TO")
		for i, m := range res.Mentions {
			linked := ""
			if m.LinkedTo != nil {
				linked = fmt.Sprintf("#%d", *m.LinkedTo+1)
			}
			fp := ""
			if m.FalsePositive {
				fp = " (decided false positive)"
			}
			fmt.Fprintf(tw, "%d\t%s\t%d-%d\t%.3f%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, truncate(oneLine(m.Text), 30), m.Start, m.End, m.Score, fp,
				truncate(m.MatchedName, 40), m.Entity.Source, m.Entity.ID, m.Entity.Type, truncate(strings.Join(m.Entity.Programs, ", "), 30), linked)
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	if len(res.Jurisdictions) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "TEXT\tBYTES\tCOUNTRY\tPROGRAMS")
		for _, j := range res.Jurisdictions {
			fmt.Fprintf(tw, "%s\t%d-%d\t%s (%s)\t%s\n", truncate(oneLine(j.Text), 30), j.Start, j.End, j.CountryName, j.Country,
				truncate(strings.Join(j.Programs, "; "), 80))
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	// Why each party matched, once per distinct full mention.
	seen := map[string]bool{}
	for i, m := range res.Mentions {
		if m.LinkedTo != nil {
			continue
		}
		k := m.Text + "\x00" + m.Entity.ID
		if seen[k] {
			continue
		}
		seen[k] = true
		fmt.Fprintf(w, "#%d %q is %s (%s, %.3f):\n", i+1, oneLine(m.Text), m.Entity.Caption(), m.Entity.ID, m.Score)
		if m.FalsePositive {
			fmt.Fprintln(w, "  - an analyst decided these words were not this entity (a decided false positive)")
		}
		for _, e := range m.Explanation {
			fmt.Fprintf(w, "  - %s\n", e)
		}
	}
}

// oneLine replaces the line breaks of a mention that spans lines.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
