package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/embargo/embargo/batch"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// batchProgressEvery is how often plain progress lines are written when
// stderr is not a terminal.
const batchProgressEvery = 5 * time.Second

// rowMessages bounds the lines written about malformed rows (which the
// output leaves out: --rejects lists them all) and about rows screened
// with a field left out (which the output's notes say); the summary counts
// them all.
var rowMessages = map[string]int{"skipped": 100, "noted": 10}

// inputFlags are the flags that say how to read a customer file.
type inputFlags struct {
	format    string
	maps      []string
	delimiter string
	noHeader  bool
	encoding  string
}

func (f *inputFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.format, "in-format", "", "input format: csv or jsonl (default: detected from the content)")
	fl.StringArrayVar(&f.maps, "map", nil, "map fields to columns: name=full_name,birth_date=dob,country=nationality+residence (columns by header or #N)")
	fl.StringVar(&f.delimiter, "delimiter", "", `CSV delimiter: ",", ";", "tab", "|" (default: detected from the header)`)
	fl.BoolVar(&f.noHeader, "no-header", false, "the CSV file has no header line: map columns by number (--map name=#2)")
	fl.StringVar(&f.encoding, "encoding", "", "input encoding: utf-8, utf-16 or windows-1252 (default: detected)")
}

func (f *inputFlags) options() (batch.ReadOptions, error) {
	m, err := batch.ParseMap(f.maps...)
	if err != nil {
		return batch.ReadOptions{}, err
	}
	opt := batch.ReadOptions{Format: f.format, Map: m, NoHeader: f.noHeader, Encoding: f.encoding}
	switch d := f.delimiter; strings.ToLower(d) {
	case "":
	case "tab", `\t`:
		opt.Delimiter = '\t'
	default:
		r := []rune(d)
		if len(r) != 1 {
			return opt, fmt.Errorf("--delimiter %q: want one character (or tab)", d)
		}
		opt.Delimiter = r[0]
	}
	return opt, nil
}

func (a *app) batchCmd() *cobra.Command {
	var (
		in, out    string
		format     string
		input      inputFlags
		sopt       batch.ScreenOptions
		resume     bool
		audit      bool
		workers    int
		quiet      bool
		checkpoint time.Duration
		rejects    string
	)
	cmd := &cobra.Command{
		Use:   "batch --in FILE --out FILE",
		Short: "Screen a customer file (CSV or JSON lines)",
		Long: `batch screens every record of a customer file against the lists, on every
CPU, and writes one output row per record, in input order: the record's id
(or line number), its name, and its best result: the listed entity's id,
name and source, the score, whether it is a match at --threshold, and a
one-line explanation. --all-matches writes every match at the threshold
(one CSV row each, or a "matches" list in JSON lines).

Columns are found from common headers (name, full_name, first_name +
middle_name + last_name, date_of_birth, dob, nationality, country, gender,
type, id, customer_id, passport, national_id, tax_id, imo...) or named with
--map. A CSV file's delimiter, quoting and encoding (UTF-8 with or without
a byte-order mark, UTF-16, Windows-1252) are detected.

A malformed record (wrong number of fields, no name) is reported with its
line number, skipped and counted in the summary. A birth date, country,
type or gender that cannot be read is left out and noted in the row's
"notes"; the record is still screened by name.

Progress goes to stderr: a bar on a terminal, a line every few seconds
otherwise. While the run goes on, FILE.checkpoint records how far it got;
after an interruption (Ctrl-C, a crash), the same command with --resume
continues where it stopped, without repeating or losing rows.`,
		Example: `  embargo batch --in customers.csv --out results.csv
  embargo batch --in customers.jsonl --out results.jsonl --all-matches
  embargo batch --in export.txt --delimiter ';' --map name=NOM,birth_date=NAISSANCE --out results.csv
  embargo batch --in customers.csv --out results.csv --resume`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			ropt, err := input.options()
			if err != nil {
				return err
			}
			if in == "" {
				return errors.New("--in FILE is required (- reads standard input)")
			}
			toStdout := out == "" || out == "-"
			fromStdin := in == "-"
			if resume && (toStdout || fromStdin) {
				return errors.New("--resume needs --in and --out to be files")
			}
			if !toStdout && sameFile(in, out) {
				return fmt.Errorf("--out %s is the input file", out)
			}
			ses, err := a.openSession(ctx, audit)
			if err != nil {
				return err
			}
			defer ses.close()
			a.fitGC()
			opt := batch.Options{ScreenOptions: sopt, Read: ropt, Format: format, Workers: workers,
				Resume: resume, CheckpointInterval: checkpoint}
			if ses.al != nil {
				opt.Allowlist = ses.al
			}
			if ses.audit != nil {
				opt.Audit = &batch.AuditOptions{Store: ses.audit, File: in, Snapshots: snapshotIDs(ses.snaps)}
			}
			rep := a.newBatchReporter(ctx, "batch", quiet)
			defer rep.close()
			opt.Start = func(rd *batch.Reader) error {
				rep.printf("batch: %s, %s: %s\n", displayName(in), describeReader(rd), rd.Columns.Describe())
				rep.start()
				return nil
			}
			opt.Progress = rep.update
			rj, err := openRejects(rejects)
			if err != nil {
				return err
			}
			defer rj.close()
			opt.Skipped = func(e *batch.RowError) {
				rep.row("skipped", e.Error())
				rj.write(e)
			}
			opt.Noted = func(r *batch.Result) {
				rep.row("noted", fmt.Sprintf("line %d: %s", r.Record.Line, strings.Join(r.Notes, "; ")))
			}
			var st batch.Status
			if toStdout || fromStdin {
				var r io.Reader = a.in
				if !fromStdin {
					f, err := os.Open(in)
					if err != nil {
						return err
					}
					defer f.Close()
					r = f
				}
				var w io.Writer = a.out
				var f *os.File
				if !toStdout {
					if f, err = os.Create(out); err != nil {
						return err
					}
					defer f.Close()
					w = f
				}
				if format == "" && !toStdout {
					if opt.Format, err = batch.OutputFormat("", out); err != nil {
						return err
					}
				}
				st, err = batch.Run(ctx, ses.sc, r, w, opt)
				if err == nil && f != nil {
					err = f.Close()
				}
			} else {
				st, err = batch.RunFile(ctx, ses.sc, in, out, opt)
			}
			rep.finish(st)
			if cerr := rj.close(); err == nil {
				err = cerr
			}
			if st.Rows > 0 || err == nil {
				fmt.Fprintf(a.err, "batch: %s\n", st.Summary())
				rep.omitted()
			}
			if err == nil && !toStdout {
				fmt.Fprintf(a.err, "batch: results in %s\n", out)
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&in, "in", "", "customer file to screen, CSV or JSON lines (- reads standard input)")
	f.StringVarP(&out, "out", "o", "", "results file (default standard output)")
	f.StringVar(&format, "format", "", "output format: csv or jsonl (default: from --out's extension, else csv)")
	input.add(cmd)
	f.Float64Var(&sopt.Threshold, "threshold", screen.DefaultThreshold, "score from which a result is a match (0-1)")
	f.StringArrayVar(&sopt.Lists, "list", nil, "only this source (repeatable)")
	f.StringVar(&sopt.Type, "type", "", "type of the records that have no type column: person, organization, vessel or aircraft")
	f.BoolVar(&sopt.AllMatches, "all-matches", false, "write every match at the threshold, not only the best result")
	f.BoolVar(&resume, "resume", false, "continue an interrupted run from its checkpoint (--out FILE.checkpoint)")
	f.BoolVar(&audit, "audit", false, "record each screened record in the audit log")
	f.IntVar(&workers, "workers", 0, "records screened at once (default: one per CPU)")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress and no per-row messages, only the summary")
	f.DurationVar(&checkpoint, "checkpoint-every", batch.DefaultCheckpointInterval, "how often the output is synced and the checkpoint written")
	f.StringVar(&rejects, "rejects", "", "write every malformed (skipped) row's line, id and error to this CSV file")
	return cmd
}

// rejectsFile lists the skipped rows of a run as CSV: line, id, error.
type rejectsFile struct {
	f   *os.File
	w   *csv.Writer
	err error
}

// openRejects creates the rejects file; with path "" it writes nothing.
func openRejects(path string) (*rejectsFile, error) {
	if path == "" {
		return &rejectsFile{}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--rejects: %w", err)
	}
	rj := &rejectsFile{f: f, w: csv.NewWriter(f)}
	rj.err = rj.w.Write([]string{"line", "id", "error"})
	return rj, nil
}

func (rj *rejectsFile) write(e *batch.RowError) {
	if rj.w != nil && rj.err == nil {
		rj.err = rj.w.Write([]string{strconv.Itoa(e.Line), e.ID, e.Err.Error()})
	}
}

// close writes what is buffered and closes the file, once.
func (rj *rejectsFile) close() error {
	if rj.f == nil {
		return rj.err
	}
	rj.w.Flush()
	if err := rj.w.Error(); rj.err == nil {
		rj.err = err
	}
	if err := rj.f.Close(); rj.err == nil {
		rj.err = err
	}
	if rj.err != nil {
		rj.err = fmt.Errorf("--rejects %s: %w", rj.f.Name(), rj.err)
	}
	rj.f = nil
	return rj.err
}

func (a *app) rescreenCmd() *cobra.Command {
	var (
		customers string
		out       string
		format    string
		from, to  []int64
		source    string
		input     inputFlags
		opt       batch.RescreenOptions
		workers   int
		quiet     bool
	)
	cmd := &cobra.Command{
		Use:   "rescreen --customers FILE [--from SNAPSHOT --to SNAPSHOT]...",
		Short: "Re-screen a customer file against what changed between two snapshots of the lists",
		Long: `rescreen screens a customer file only against the designations that were
added, removed or changed between two snapshots of a source ('embargo
snapshots' lists them; 'embargo diff' shows the changes), and reports:

  new-match      the customer matches a designation that was added, or that
                 changed and did not match before
  match-gone     the customer matched a designation that was removed
                 (delisted), or that changed and no longer matches
  match-changed  the customer matched a designation that changed, and still
                 matches it

This is the same as screening the whole file against both versions of the
lists and comparing, for a small fraction of the work. --from and --to are
repeatable (one pair per source); without them, the last two good snapshots
of every source (of --source only, when given) are compared. The customer
file is read as 'embargo batch' reads it.`,
		Example: `  embargo rescreen --customers customers.csv
  embargo rescreen --customers customers.csv --from 12 --to 15 --out changes.csv
  embargo rescreen --customers customers.jsonl --source ofac --format jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if customers == "" {
				return errors.New("--customers FILE is required")
			}
			if len(from) != len(to) {
				return fmt.Errorf("--from and --to come in pairs: got %d --from and %d --to", len(from), len(to))
			}
			ropt, err := input.options()
			if err != nil {
				return err
			}
			opt.Read, opt.Workers = ropt, workers
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			d := &batch.Delta{}
			if len(from) > 0 {
				for i := range from {
					sd, err := batch.DeltaFromStore(ctx, st, from[i], to[i])
					if err != nil {
						return err
					}
					if source != "" && len(sd.To) > 0 && !strings.HasPrefix(sd.To[0], source+" ") {
						return fmt.Errorf("snapshots %d and %d are not of %s", from[i], to[i], source)
					}
					d.Add(sd)
				}
			} else {
				diffs, err := store.DiffLatest(ctx, st, source)
				if err != nil {
					return err
				}
				if len(diffs) == 0 {
					return fmt.Errorf("no source has two good snapshots to compare in the store (%s): name them with --from and --to", a.storeConfig().Describe())
				}
				for _, sd := range diffs {
					x, err := batch.DeltaFromStore(ctx, st, sd.From.ID, sd.To.ID)
					if err != nil {
						return err
					}
					d.Add(x)
				}
			}
			fmt.Fprintf(a.err, "rescreen: %s\n", d)
			var w io.Writer = a.out
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return err
				}
				defer f.Close()
				w = f
				if format == "" {
					format, _ = batch.OutputFormat("", out)
				}
			}
			opt.Format = format
			r := io.Reader(a.in)
			if customers != "-" {
				cf, err := os.Open(customers)
				if err != nil {
					return err
				}
				defer cf.Close()
				r = cf
			}
			rep := a.newBatchReporter(ctx, "rescreen", quiet)
			defer rep.close()
			if customers != "-" {
				rep.total = countLines(customers) - 1 // the header
			}
			opt.Start = func(rd *batch.Reader) error {
				rep.printf("rescreen: %s, %s: %s\n", displayName(customers), describeReader(rd), rd.Columns.Describe())
				rep.start()
				return nil
			}
			opt.Progress = rep.update
			opt.Skipped = func(e *batch.RowError) { rep.row("skipped", e.Error()) }
			sum, err := batch.Rescreen(ctx, d, r, w, opt)
			rep.finish(sum.Status)
			if err == nil && f != nil {
				err = f.Close()
			}
			fmt.Fprintf(a.err, "rescreen: %s\n", sum)
			rep.omitted()
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&customers, "customers", "", "customer file, CSV or JSON lines (- reads standard input)")
	fl.Int64SliceVar(&from, "from", nil, "older snapshot ID (repeatable, paired with --to)")
	fl.Int64SliceVar(&to, "to", nil, "newer snapshot ID (repeatable, paired with --from)")
	fl.StringVar(&source, "source", "", "only this source's last two snapshots (without --from/--to)")
	fl.StringVarP(&out, "out", "o", "", "write the changes to this file (default standard output)")
	fl.StringVar(&format, "format", "", "output format: csv or jsonl (default: from --out's extension, else csv)")
	input.add(cmd)
	fl.Float64Var(&opt.Threshold, "threshold", screen.DefaultThreshold, "score from which a result is a match (0-1)")
	fl.StringArrayVar(&opt.Lists, "list", nil, "only this source's designations (repeatable)")
	fl.StringVar(&opt.Type, "type", "", "type of the records that have no type column: person, organization, vessel or aircraft")
	fl.IntVar(&workers, "workers", 0, "records screened at once (default: one per CPU)")
	fl.BoolVarP(&quiet, "quiet", "q", false, "no progress and no per-row messages, only the summary")
	return cmd
}

func displayName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

func describeReader(rd *batch.Reader) string {
	s := rd.Format + ", " + rd.Encoding
	if rd.Format == batch.CSV {
		d := strconv.QuoteRune(rd.Delimiter)
		if rd.Delimiter == '\t' {
			d = "tab"
		}
		s += ", delimiter " + d
	}
	return s
}

// countLines counts a file's lines, for progress; 0 when it cannot be
// read.
func countLines(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	var n int64
	buf := make([]byte, 256<<10)
	for {
		k, err := f.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		if err != nil {
			return n
		}
	}
}

// sameFile reports whether two paths name one existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// batchReporter shows a batch run's progress on stderr (a bar on a
// terminal, a line every few seconds otherwise) and the messages about
// single rows, a bounded number of each kind.
type batchReporter struct {
	a      *app
	ctx    context.Context
	label  string
	quiet  bool
	w      io.Writer // where lines go: stderr, or above the bar
	mu     sync.Mutex
	counts map[string]int

	total   int64 // the input's records when the run does not know them
	cur     atomic.Pointer[batch.Status]
	p       *mpb.Progress
	bar     *mpb.Bar
	stop    chan struct{}
	stopped sync.Once
	wg      sync.WaitGroup
}

func (a *app) newBatchReporter(ctx context.Context, label string, quiet bool) *batchReporter {
	return &batchReporter{a: a, ctx: ctx, label: label, quiet: quiet, w: a.err, counts: map[string]int{}, stop: make(chan struct{})}
}

func (r *batchReporter) printf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.w, format, args...)
}

// start shows progress from now on.
func (r *batchReporter) start() {
	if r.quiet {
		return
	}
	if isTerminal(r.a.err) {
		r.p = mpb.NewWithContext(r.ctx, mpb.WithOutput(r.a.err), mpb.WithWidth(30), mpb.WithRefreshRate(200*time.Millisecond))
		r.bar = r.p.AddBar(0,
			mpb.PrependDecorators(decor.Name(r.label, decor.WC{C: decor.DindentRight | decor.DextraSpace})),
			mpb.AppendDecorators(decor.Any(func(decor.Statistics) string {
				if st := r.cur.Load(); st != nil {
					return st.String()
				}
				return ""
			})),
		)
		r.mu.Lock()
		r.w = r.p
		r.mu.Unlock()
		return
	}
	r.wg.Go(func() {
		t := time.NewTicker(batchProgressEvery)
		defer t.Stop()
		for {
			select {
			case <-r.stop:
				return
			case <-t.C:
				if st := r.cur.Load(); st != nil {
					r.printf("%s: %s\n", r.label, st)
				}
			}
		}
	})
}

// update records the latest status.
func (r *batchReporter) update(st batch.Status) {
	if st.Total == 0 {
		st.Total = r.total
	}
	r.cur.Store(&st)
	if r.bar != nil {
		r.bar.SetTotal(max(st.Total, st.Rows), false)
		r.bar.SetCurrent(st.Rows)
	}
}

// row writes a message about one row, up to rowMessages of its kind.
func (r *batchReporter) row(kind, msg string) {
	r.mu.Lock()
	r.counts[kind]++
	n := r.counts[kind]
	r.mu.Unlock()
	if r.quiet || n > rowMessages[kind] {
		return
	}
	r.printf("%s: %s: %s\n", r.label, kind, msg)
}

// finish stops the progress display.
func (r *batchReporter) finish(st batch.Status) {
	r.update(st)
	r.close()
}

func (r *batchReporter) close() {
	r.stopped.Do(func() {
		close(r.stop)
		r.wg.Wait()
		if r.p != nil {
			if st := r.cur.Load(); st != nil && st.Done {
				r.bar.SetTotal(st.Rows, true)
			} else {
				r.bar.Abort(false)
			}
			r.p.Wait()
			r.mu.Lock()
			r.w = r.a.err
			r.mu.Unlock()
		}
	})
}

// omitted says how many row messages were not shown.
func (r *batchReporter) omitted() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, kind := range []string{"skipped", "noted"} {
		if n := r.counts[kind]; n > rowMessages[kind] && !r.quiet {
			where := "--rejects FILE lists them all"
			if kind == "noted" {
				where = "the output's notes column says what was left out"
			}
			fmt.Fprintf(r.a.err, "%s: %s more %s rows not shown (%s in all; %s)\n", r.label, batch.Count(int64(n-rowMessages[kind])), kind, batch.Count(int64(n)), where)
		}
	}
}
