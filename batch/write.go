package batch

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/embargo/embargo/screen"
)

// CSVColumns are the columns of CSV output, in order. Each input record
// gives one row (its best result, a match or not, or empty entity columns
// when no listed name comes close); with AllMatches, one row per match.
var CSVColumns = []string{
	"id", "line", "name", "rank", "match", "score", "entity_id", "listed_name", "matched_name",
	"source", "programs", "false_positive", "explanation", "notes",
}

// OutputFormat returns the output format for a file name: JSONL for
// .jsonl, .ndjson and .json, CSV otherwise; format, when not "", wins.
func OutputFormat(format, path string) (string, error) {
	switch strings.ToLower(format) {
	case "":
	case CSV, "tsv":
		return CSV, nil
	case JSONL, "json", "ndjson":
		return JSONL, nil
	default:
		return "", fmt.Errorf("output format %q: want csv or jsonl", format)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return JSONL, nil
	}
	return CSV, nil
}

// resultWriter writes results in one format.
type resultWriter interface {
	// header writes what comes before the first result.
	header() error
	// write writes one record's result.
	write(r *Result) error
	// flush writes what is buffered to the underlying writer.
	flush() error
}

func newResultWriter(format string, w io.Writer, allMatches bool) resultWriter {
	if format == JSONL {
		return &jsonlWriter{w: bufio.NewWriterSize(w, 64<<10), allMatches: allMatches}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	return &csvWriter{w: csv.NewWriter(bw), bw: bw}
}

type csvWriter struct {
	w   *csv.Writer
	bw  *bufio.Writer
	row []string
}

func (c *csvWriter) header() error { return c.w.Write(CSVColumns) }

func (c *csvWriter) write(r *Result) error {
	rec := &r.Record
	notes := strings.Join(r.Notes, "; ")
	if len(r.Matches) == 0 {
		c.row = append(c.row[:0], rec.ID, strconv.Itoa(rec.Line), rec.Name, "", "false", "0", "", "", "", "", "", "", "", notes)
		return c.w.Write(c.row)
	}
	for i := range r.Matches {
		m := &r.Matches[i]
		e := m.Entity
		c.row = append(c.row[:0], rec.ID, strconv.Itoa(rec.Line), rec.Name, strconv.Itoa(i+1),
			strconv.FormatBool(m.Match), strconv.FormatFloat(m.Score, 'f', 3, 64), e.ID, e.Caption(),
			m.MatchedName, e.Source, strings.Join(e.Programs, "; "), strconv.FormatBool(m.FalsePositive),
			strings.Join(m.Explanation, "; "), notes)
		if err := c.w.Write(c.row); err != nil {
			return err
		}
	}
	return nil
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// OutputRow is one line of JSONL output: the record and its best result;
// Matches holds every match with AllMatches.
type OutputRow struct {
	ID   string `json:"id"`
	Line int    `json:"line"`
	Name string `json:"name"`
	OutputMatch
	Notes   []string      `json:"notes,omitempty"`
	Matches []OutputMatch `json:"matches,omitempty"`
}

// OutputMatch is one result in JSONL output.
type OutputMatch struct {
	Match         bool     `json:"match"`
	Score         float64  `json:"score"`
	EntityID      string   `json:"entity_id,omitempty"`
	ListedName    string   `json:"listed_name,omitempty"`
	MatchedName   string   `json:"matched_name,omitempty"`
	Source        string   `json:"source,omitempty"`
	Programs      []string `json:"programs,omitempty"`
	FalsePositive bool     `json:"false_positive,omitempty"`
	Explanation   []string `json:"explanation,omitempty"`
}

func outputMatch(m *screen.Match) OutputMatch {
	e := m.Entity
	return OutputMatch{
		Match: m.Match, Score: m.Score, EntityID: e.ID, ListedName: e.Caption(), MatchedName: m.MatchedName,
		Source: e.Source, Programs: e.Programs, FalsePositive: m.FalsePositive, Explanation: m.Explanation,
	}
}

type jsonlWriter struct {
	w          *bufio.Writer
	allMatches bool
}

func (j *jsonlWriter) header() error { return nil }

func (j *jsonlWriter) write(r *Result) error {
	row := OutputRow{ID: r.Record.ID, Line: r.Record.Line, Name: r.Record.Name, Notes: r.Notes}
	if len(r.Matches) > 0 {
		row.OutputMatch = outputMatch(&r.Matches[0])
	}
	if j.allMatches {
		for i := range r.Matches {
			if r.Matches[i].Match {
				row.Matches = append(row.Matches, outputMatch(&r.Matches[i]))
			}
		}
	}
	b, err := marshalLine(row)
	if err != nil {
		return err
	}
	_, err = j.w.Write(b)
	return err
}

func (j *jsonlWriter) flush() error { return j.w.Flush() }

// marshalLine encodes v as one JSON line, without HTML escaping.
func marshalLine(v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(sb.String()), nil
}
