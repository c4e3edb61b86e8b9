package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// Defaults of a run.
const (
	// DefaultCheckpointInterval is how often RunFile makes its output
	// durable and records how far it got.
	DefaultCheckpointInterval = 2 * time.Second
	// DefaultCheckpointRows makes RunFile checkpoint after that many
	// records even when the interval has not passed.
	DefaultCheckpointRows = 20000
	// auditBatch bounds the audit records kept before they are written.
	auditBatch = 1000
)

// ErrInterrupted is wrapped by the error of a run stopped by its context
// (Ctrl-C): what was written is kept, and RunFile's checkpoint lets the
// run be resumed.
var ErrInterrupted = errors.New("interrupted")

// Options say how a batch run reads, screens and writes.
type Options struct {
	ScreenOptions
	// Read says how to read the input.
	Read ReadOptions
	// Format is the output format, CSV or JSONL. "" means CSV for Run, and
	// for RunFile the format the output file's extension names.
	Format string
	// Workers is how many records are screened at once; 0 means one per
	// CPU (GOMAXPROCS).
	Workers int
	// Start, when set, is called once the input's header is read and its
	// columns mapped, before anything is screened; an error stops the run.
	Start func(*Reader) error
	// Progress, when set, is called after each chunk of records is written
	// and at the end, on the goroutine that writes.
	Progress func(Status)
	// Skipped, when set, is called for each malformed record, in input
	// order. Skipped records are left out of the output.
	Skipped func(*RowError)
	// Noted, when set, is called for each record screened with part of it
	// left out (an unreadable birth date...), in input order. The result
	// is only valid during the call.
	Noted func(*Result)
	// Audit, when set, records each screened record in the audit log.
	Audit *AuditOptions
	// Resume continues an interrupted RunFile from its checkpoint.
	Resume bool
	// CheckpointInterval and CheckpointRows say how often RunFile
	// checkpoints; 0 means the defaults.
	CheckpointInterval time.Duration
	CheckpointRows     int64

	// wrapInput, when set, wraps RunFile's input (tests slow it down).
	wrapInput func(io.Reader) io.Reader
}

// AuditOptions say how a run records its screenings in the audit log.
type AuditOptions struct {
	// Store is the store holding the audit log.
	Store store.Store
	// Caller is recorded as the caller; "" means store.CallerCLI.
	Caller string
	// Snapshots are the IDs of the snapshots screened against, nil when
	// the lists came from files.
	Snapshots []int64
	// File names the customer file in each record's query.
	File string
}

// Status is how far a run got.
type Status struct {
	// Rows counts the input records handled: screened or skipped,
	// resumed ones included.
	Rows int64 `json:"rows"`
	// Total estimates the input's records (its line count), 0 when
	// unknown.
	Total int64 `json:"total,omitempty"`
	// Screened, Matched and Skipped count the records screened, those
	// whose best result is a match, and the malformed ones skipped.
	Screened int64 `json:"screened"`
	Matched  int64 `json:"matched"`
	Skipped  int64 `json:"skipped"`
	// Noted counts the records screened with part of them left out.
	Noted int64 `json:"noted"`
	// Resumed counts the records an interrupted run had already handled.
	Resumed int64 `json:"resumed,omitempty"`
	// Elapsed is the time this run has taken.
	Elapsed time.Duration `json:"elapsed"`
	// Done is set on the last status of a run.
	Done bool `json:"done,omitempty"`
}

// Rate returns the records handled per second in this run.
func (s Status) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Rows-s.Resumed) / s.Elapsed.Seconds()
}

// ETA estimates the time left, 0 when unknown.
func (s Status) ETA() time.Duration {
	r := s.Rate()
	if s.Total <= s.Rows || r <= 0 {
		return 0
	}
	return time.Duration(float64(s.Total-s.Rows) / r * float64(time.Second))
}

// String describes the status in one line: "120,000 of 1,000,000 rows
// (12%), 21,300 rows/s, ETA 41s".
func (s Status) String() string {
	out := Count(s.Rows)
	if s.Total > 0 {
		total := max(s.Total, s.Rows)
		out += fmt.Sprintf(" of %s rows (%d%%)", Count(total), s.Rows*100/total)
	} else {
		out += " rows"
	}
	out += fmt.Sprintf(", %s rows/s", Count(int64(s.Rate())))
	if eta := s.ETA(); eta > 0 {
		out += ", ETA " + eta.Round(time.Second).String()
	}
	return out
}

// Summary describes a finished (or interrupted) run in one line.
func (s Status) Summary() string {
	out := fmt.Sprintf("%s rows read, %s screened, %s matched, %s skipped (malformed)",
		Count(s.Rows), Count(s.Screened), Count(s.Matched), Count(s.Skipped))
	if s.Noted > 0 {
		out += fmt.Sprintf(", %s screened with a field left out", Count(s.Noted))
	}
	if s.Resumed > 0 {
		out += fmt.Sprintf(", %s of them by the interrupted run", Count(s.Resumed))
	}
	return out + fmt.Sprintf("; %s rows in %s (%s rows/s)", Count(s.Rows-s.Resumed), roundDuration(s.Elapsed), Count(int64(s.Rate())))
}

// Count writes n with thousands separators: 1,000,000.
func Count(n int64) string {
	s := fmt.Sprint(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

func roundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.CheckpointInterval <= 0 {
		o.CheckpointInterval = DefaultCheckpointInterval
	}
	if o.CheckpointRows <= 0 {
		o.CheckpointRows = DefaultCheckpointRows
	}
}

// runner writes a run's results in order and keeps its counts.
type runner struct {
	ctx     context.Context
	version string // the catalog's Version
	sc      *screener
	opt     *Options
	rw      resultWriter
	st      Status
	start   time.Time
	line    int // line of the last record handled
	audit   []*store.AuditRecord
	// durable makes what was written so far durable (flush, sync, audit,
	// checkpoint).
	durable   func() error
	lastDur   time.Time
	rowsAtDur int64
}

func (r *runner) process(_ int, it *item[Result]) {
	it.out, it.err = r.sc.screen(it.rec)
}

func (r *runner) emit(c *chunk[Result]) error {
	for i := range c.items {
		it := &c.items[i]
		r.st.Rows++
		if it.err != nil {
			var re *RowError
			if !errors.As(it.err, &re) {
				re = &RowError{Seq: it.rec.Seq, Line: it.rec.Line, ID: it.rec.ID, Err: it.err}
			}
			r.line = re.Line
			r.st.Skipped++
			if r.opt.Skipped != nil {
				r.opt.Skipped(re)
			}
			continue
		}
		r.line = it.rec.Line
		res := &it.out
		r.st.Screened++
		if res.Matched() {
			r.st.Matched++
		}
		if len(res.Notes) > 0 {
			r.st.Noted++
			if r.opt.Noted != nil {
				r.opt.Noted(res)
			}
		}
		if err := r.rw.write(res); err != nil {
			return &writeError{fmt.Errorf("writing the output: %w", err)}
		}
		if r.opt.Audit != nil {
			rec, err := r.auditRecord(res)
			if err != nil {
				return err
			}
			r.audit = append(r.audit, rec)
		}
	}
	r.st.Elapsed = time.Since(r.start)
	if r.opt.Progress != nil {
		r.opt.Progress(r.st)
	}
	if time.Since(r.lastDur) >= r.opt.CheckpointInterval || r.st.Rows-r.rowsAtDur >= r.opt.CheckpointRows || len(r.audit) >= auditBatch {
		return r.makeDurable()
	}
	return nil
}

func (r *runner) makeDurable() error {
	if err := r.durable(); err != nil {
		return err
	}
	r.lastDur, r.rowsAtDur = time.Now(), r.st.Rows
	return nil
}

// flushAudit writes the audit records kept so far. It is not cancelled
// with the run: the records of rows written must be kept.
func (r *runner) flushAudit() error {
	if r.opt.Audit == nil || len(r.audit) == 0 {
		return nil
	}
	if err := store.Audit(context.WithoutCancel(r.ctx), r.opt.Audit.Store, r.audit...); err != nil {
		return fmt.Errorf("recording the screenings in the audit log: %w", err)
	}
	r.audit = r.audit[:0]
	return nil
}

// auditQuery is a batch record's query in the audit log: the request as
// screened, and where the record comes from.
type auditQuery struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line"`
	ID   string `json:"id,omitempty"`
	screen.Request
}

func (r *runner) auditRecord(res *Result) (*store.AuditRecord, error) {
	a := r.opt.Audit
	rec, err := store.NewAuditRecord(a.Caller, store.KindBatch,
		auditQuery{File: a.File, Line: res.Record.Line, ID: res.Record.ID, Request: res.Request},
		store.Fingerprint(res.Request.Name, res.Request.BirthDate, res.Request.Country),
		r.version, a.Snapshots, screen.AuditResults(res.Matches, r.sc.hash))
	if err != nil {
		return nil, fmt.Errorf("line %d: %w", res.Record.Line, err)
	}
	return rec, nil
}

// finish ends the run's status; done says it read the whole input.
func (r *runner) finish(done bool) Status {
	r.st.Elapsed = time.Since(r.start)
	r.st.Done = done
	if r.opt.Progress != nil {
		r.opt.Progress(r.st)
	}
	return r.st
}

// interrupted wraps a cancelled run's error.
func interrupted(err error, st Status, resumable bool) error {
	if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if resumable {
		return fmt.Errorf("%w after %s rows: run the same command with --resume to continue", ErrInterrupted, Count(st.Rows))
	}
	return fmt.Errorf("%w after %s rows", ErrInterrupted, Count(st.Rows))
}

// Run screens every record read from r and writes the results to w, in
// input order, on every CPU. It is the streaming form of RunFile, without
// checkpoints: an interrupted Run cannot be resumed.
func Run(ctx context.Context, s *screen.Screener, in io.Reader, out io.Writer, opt Options) (Status, error) {
	opt.defaults()
	format, err := OutputFormat(opt.Format, "")
	if err != nil {
		return Status{}, err
	}
	sc, err := newScreener(s, opt.ScreenOptions)
	if err != nil {
		return Status{}, err
	}
	rd, err := NewReader(in, opt.Read)
	if err != nil {
		return Status{}, err
	}
	if opt.Start != nil {
		if err := opt.Start(rd); err != nil {
			return Status{}, err
		}
	}
	r := &runner{ctx: ctx, version: s.Catalog().Version(), sc: sc, opt: &opt, rw: newResultWriter(format, out, opt.AllMatches), start: time.Now()}
	r.lastDur = r.start
	r.durable = func() error {
		if err := r.rw.flush(); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		return r.flushAudit()
	}
	if err := r.rw.header(); err != nil {
		return Status{}, fmt.Errorf("writing the output: %w", err)
	}
	err = pipeline(ctx, rd, opt.Workers, 0, r.process, r.emit)
	if derr := r.durable(); err == nil {
		err = derr
	}
	st := r.finish(err == nil)
	if err != nil {
		return st, interrupted(err, st, false)
	}
	return st, nil
}

// settings identifies what shapes a run's output, so that a run is only
// resumed with the same.
func settings(format string, opt *Options, rd *Reader) string {
	b, _ := json.Marshal(struct {
		Format, Type                string
		Threshold                   float64
		Lists                       []string
		AllMatches                  bool
		InFormat, Encoding, Columns string
		Delimiter                   rune
		NoHeader                    bool
	}{format, opt.Type, opt.Threshold, opt.Lists, opt.AllMatches, rd.Format, rd.Encoding, rd.Columns.Describe(), rd.Delimiter, opt.Read.NoHeader})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// RunFile screens the customer file inPath and writes the results to
// outPath (CSV or JSONL, as opt.Format or the file's extension says), in
// input order, on every CPU.
//
// While it runs, a checkpoint file beside the output (outPath +
// CheckpointSuffix) records how far it got, every few seconds, after the
// output written so far has been synced to disk. A run that is
// interrupted (Ctrl-C, a crash, a kill) can be resumed with opt.Resume:
// RunFile then checks that the input, the settings, the lists and the
// output written so far are those the checkpoint describes, cuts the
// output after the last checkpointed record, and goes on from the next
// record, so that no row is repeated or lost. The checkpoint is removed
// when the run completes.
func RunFile(ctx context.Context, s *screen.Screener, inPath, outPath string, opt Options) (Status, error) {
	opt.defaults()
	format, err := OutputFormat(opt.Format, outPath)
	if err != nil {
		return Status{}, err
	}
	ckPath := outPath + CheckpointSuffix
	ck, err := readCheckpoint(ckPath)
	if err != nil {
		return Status{}, err
	}
	switch {
	case ck != nil && !opt.Resume:
		return Status{}, fmt.Errorf("%s holds the results of an interrupted run (checkpoint %s, %s rows done): add --resume to continue it, or delete both files to start over",
			outPath, ckPath, Count(ck.Records))
	case ck == nil && opt.Resume:
		if _, err := os.Stat(outPath); err == nil {
			return Status{}, fmt.Errorf("nothing to resume: %s has no checkpoint (%s): the run that wrote it finished; run without --resume to screen the file again", outPath, ckPath)
		}
	}
	if fi, err := os.Stat(outPath); err == nil {
		if fin, err := os.Stat(inPath); err == nil && os.SameFile(fi, fin) {
			return Status{}, fmt.Errorf("the output %s is the input file", outPath)
		}
	}
	sc, err := newScreener(s, opt.ScreenOptions)
	if err != nil {
		return Status{}, err
	}
	fs, err := summarize(inPath)
	if err != nil {
		return Status{}, err
	}
	in, err := os.Open(inPath)
	if err != nil {
		return Status{}, err
	}
	defer in.Close()
	var src io.Reader = in
	if opt.wrapInput != nil {
		src = opt.wrapInput(in)
	}
	rd, err := NewReader(src, opt.Read)
	if err != nil {
		return Status{}, fmt.Errorf("%s: %w", inPath, err)
	}
	if opt.Start != nil {
		if err := opt.Start(rd); err != nil {
			return Status{}, err
		}
	}
	set := settings(format, &opt, rd)
	now := time.Now().UTC()
	var (
		f    *os.File
		hw   *hashingWriter
		skip int64
	)
	if ck != nil {
		if f, hw, err = resumeOutput(ck, fs, set, s.Catalog().Version(), inPath, outPath); err != nil {
			return Status{}, err
		}
		skip = ck.Records
	} else {
		if f, err = os.Create(outPath); err != nil {
			return Status{}, err
		}
		hw = &hashingWriter{w: f, h: sha256.New()}
		ck = &checkpoint{Version: checkpointVersion, Input: inPath, InputSize: fs.size, InputSHA256: fs.sum,
			Settings: set, DataVersion: s.Catalog().Version(), Started: now}
	}
	defer f.Close()
	r := &runner{ctx: ctx, version: s.Catalog().Version(), sc: sc, opt: &opt, rw: newResultWriter(format, hw, opt.AllMatches), start: time.Now()}
	r.lastDur = r.start
	r.st = Status{Rows: ck.Records, Resumed: ck.Records, Screened: ck.Screened, Matched: ck.Matched,
		Skipped: ck.Skipped, Noted: ck.Noted, Total: fs.lines}
	if rd.Format == CSV && !opt.Read.NoHeader {
		r.st.Total--
	}
	r.line = ck.Line
	r.durable = func() error {
		if err := r.rw.flush(); err != nil {
			return &writeError{fmt.Errorf("writing %s: %w", outPath, err)}
		}
		if err := f.Sync(); err != nil {
			return &writeError{fmt.Errorf("syncing %s: %w", outPath, err)}
		}
		if err := r.flushAudit(); err != nil {
			return err
		}
		ck.Records, ck.Line, ck.OutputBytes, ck.OutputSHA256 = r.st.Rows, r.line, hw.n, hw.sum()
		ck.Screened, ck.Matched, ck.Skipped, ck.Noted = r.st.Screened, r.st.Matched, r.st.Skipped, r.st.Noted
		ck.Updated = time.Now().UTC()
		return ck.write(ckPath)
	}
	if skip == 0 {
		if err := r.rw.header(); err != nil {
			return Status{}, fmt.Errorf("writing %s: %w", outPath, err)
		}
	}
	if err := r.makeDurable(); err != nil {
		return Status{}, err
	}
	err = pipeline(ctx, rd, opt.Workers, skip, r.process, r.emit)
	if err != nil {
		var we *writeError
		if !errors.As(err, &we) {
			// Everything emitted is complete: keep it for --resume.
			if derr := r.makeDurable(); derr != nil {
				err = errors.Join(err, derr)
			}
		}
		st := r.finish(false)
		return st, interrupted(err, st, true)
	}
	if err := r.makeDurable(); err != nil {
		return r.finish(false), err
	}
	if err := f.Close(); err != nil {
		return r.finish(false), fmt.Errorf("writing %s: %w", outPath, err)
	}
	if err := os.Remove(ckPath); err != nil {
		return r.finish(false), fmt.Errorf("removing the checkpoint: %w", err)
	}
	return r.finish(true), nil
}

// writeError marks a failure to write the output, after which the output
// written since the last checkpoint cannot be trusted.
type writeError struct{ err error }

// Error returns the write's error message.
func (e *writeError) Error() string { return e.err.Error() }

// Unwrap returns the write's error.
func (e *writeError) Unwrap() error { return e.err }

// resumeOutput checks an interrupted run's checkpoint against the input,
// the settings, the lists and the output, and opens the output cut after
// the last checkpointed record.
func resumeOutput(ck *checkpoint, fs fileSummary, set, version, inPath, outPath string) (*os.File, *hashingWriter, error) {
	switch {
	case ck.InputSize != fs.size || ck.InputSHA256 != fs.sum:
		return nil, nil, fmt.Errorf("cannot resume: %s is not the file the interrupted run read (%s, %d bytes, sha256 %.12s; now %d bytes, sha256 %.12s): delete %s and its checkpoint to start over",
			inPath, ck.Input, ck.InputSize, ck.InputSHA256, fs.size, fs.sum, outPath)
	case ck.Settings != set:
		return nil, nil, fmt.Errorf("cannot resume: the options (output format, threshold, lists, type, columns, --all-matches) differ from the interrupted run's: use the same, or delete %s and its checkpoint to start over", outPath)
	case ck.DataVersion != version:
		return nil, nil, fmt.Errorf("cannot resume: the lists changed since the interrupted run (%s, now %s), and one output must come from one version of the lists: delete %s and its checkpoint to start over",
			ck.DataVersion, version, outPath)
	}
	f, err := os.OpenFile(outPath, os.O_RDWR, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot resume: %w", err)
	}
	h, err := hashPrefix(f, ck.OutputBytes)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot resume: %s: %w", outPath, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != ck.OutputSHA256 {
		f.Close()
		return nil, nil, fmt.Errorf("cannot resume: the first %d bytes of %s changed since the interrupted run wrote them (sha256 %.12s, expected %.12s)",
			ck.OutputBytes, outPath, got, ck.OutputSHA256)
	}
	if err := f.Truncate(ck.OutputBytes); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot resume: %w", err)
	}
	if _, err := f.Seek(ck.OutputBytes, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot resume: %w", err)
	}
	return f, &hashingWriter{w: f, h: h, n: ck.OutputBytes}, nil
}
