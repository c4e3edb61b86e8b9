package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/sqlite"
)

// childEnv names the environment variable that makes the test binary run
// one batch in a child process (see TestResumeAfterKill).
const childEnv = "EMBARGO_BATCH_TEST_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runChild(spec))
	}
	os.Exit(m.Run())
}

// runChild runs RunFile in a child process, on input slowed down so that
// the parent can kill it part way.
func runChild(spec string) int {
	in, out, _ := strings.Cut(spec, "|")
	dir, _ := shareddata.Dir()
	cat, err := catalog.NewLoader(nil).Load(context.Background(), []string{filepath.Join(dir, unFile)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	s := screen.New(cat)
	_, err = RunFile(context.Background(), s, in, out, Options{
		Workers: 2, CheckpointRows: 300, CheckpointInterval: time.Hour,
		wrapInput: func(r io.Reader) io.Reader { return &slowReader{r: r, chunk: 256, delay: time.Millisecond} },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// slowReader reads at most chunk bytes at a time, each after a delay.
type slowReader struct {
	r     io.Reader
	chunk int
	delay time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(s.delay)
	return s.r.Read(p[:min(len(p), s.chunk)])
}

// reference runs a batch without interruption and returns its output.
func reference(t *testing.T, in string, opt Options) ([]byte, Status) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "reference"+filepath.Ext(in))
	if opt.Format == JSONL {
		out += ".jsonl"
	}
	st, err := RunFile(context.Background(), unScreener(t), in, out, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b, st
}

func csvRows(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestRunOrderedUnderConcurrency(t *testing.T) {
	in := customersCSV(t, 1500)
	s := unScreener(t)
	var outs [][]byte
	for _, workers := range []int{1, 7} {
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		st, err := Run(context.Background(), s, f, &out, Options{Workers: workers})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if st.Rows != 684+1500 || st.Screened+st.Skipped != st.Rows {
			t.Errorf("%d workers: %+v", workers, st)
		}
		if st.Matched < 600 {
			t.Errorf("%d workers: %d matched, want most of the 684 UN positives", workers, st.Matched)
		}
		outs = append(outs, out.Bytes())
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("the output with 7 workers differs from the output with 1")
	}
	rows := csvRows(t, outs[1])
	if strings.Join(rows[0], ",") != strings.Join(CSVColumns, ",") {
		t.Errorf("header %q", rows[0])
	}
	last := 0
	for _, r := range rows[1:] {
		line, err := strconv.Atoi(r[1])
		if err != nil || line <= last {
			t.Fatalf("row %q after line %d: output not in input order", r, last)
		}
		last = line
		if want := "C" + strconv.Itoa(line-1); r[0] != want {
			t.Fatalf("row %q: id %s, want %s", r, r[0], want)
		}
	}
}

func TestRunAllMatchesJSONL(t *testing.T) {
	in := customersCSV(t, 0)
	b, st := reference(t, in, Options{Format: JSONL, ScreenOptions: ScreenOptions{AllMatches: true, Threshold: 0.6}})
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	if int64(len(lines)) != st.Screened {
		t.Fatalf("%d lines for %d records screened", len(lines), st.Screened)
	}
	several := 0
	for _, l := range lines {
		var row OutputRow
		if err := json.Unmarshal(l, &row); err != nil {
			t.Fatal(err)
		}
		if row.Match && (len(row.Matches) == 0 || row.Matches[0].EntityID != row.EntityID) {
			t.Fatalf("row %s: the best match is not the first of matches", l)
		}
		for i, m := range row.Matches {
			if !m.Match || m.Score < 0.6 || i > 0 && m.Score > row.Matches[i-1].Score {
				t.Fatalf("row %s: matches not all above the threshold, best first", l)
			}
		}
		if len(row.Matches) > 1 {
			several++
		}
	}
	if several == 0 {
		t.Error("no record has several matches at threshold 0.6")
	}
}

func TestRunMalformedRows(t *testing.T) {
	in := "id,name,dob,nationality\n" +
		"1,ABDUL BAQI BASIR AWAL SHAH,1960,Afghanistan\n" +
		"2,,1970,\n" + // no name
		"3,Ann Lee\n" + // too few fields
		"4,Jo \"Jo\" Ray,31/02/1980,Atlantis\n" + // bare quote, bad date, unknown country
		"5," + strings.Repeat("Ab ", 200) + ",,\n" + // name too long
		"6,Bo Chen,1970,\n"
	var skipped []string
	var noted []string
	var out bytes.Buffer
	st, err := Run(context.Background(), unScreener(t), strings.NewReader(in), &out, Options{
		Skipped: func(e *RowError) { skipped = append(skipped, e.Error()) },
		Noted: func(r *Result) {
			noted = append(noted, fmt.Sprintf("%d: %s", r.Record.Line, strings.Join(r.Notes, "; ")))
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantSkipped := []string{
		"line 3 (id 2): no name (and no identifier) to screen",
		"line 4 (id 3): 2 fields, the header has 4",
		"line 6 (id 5): name is longer than 500 characters",
	}
	if strings.Join(skipped, "\n") != strings.Join(wantSkipped, "\n") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(wantSkipped, "\n"))
	}
	wantNoted := []string{`5: birth date "31/02/1980" unreadable: screened without it; country "Atlantis" unknown: screened without it`}
	if strings.Join(noted, "\n") != strings.Join(wantNoted, "\n") {
		t.Errorf("noted:\n%s\nwant:\n%s", strings.Join(noted, "\n"), strings.Join(wantNoted, "\n"))
	}
	if st.Rows != 6 || st.Screened != 3 || st.Skipped != 3 || st.Matched != 1 || st.Noted != 1 {
		t.Errorf("status %+v", st)
	}
	rows := csvRows(t, out.Bytes())
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, r[0])
	}
	if strings.Join(ids, ",") != "1,4,6" {
		t.Errorf("output rows for ids %v, want 1, 4, 6", ids)
	}
	if rows[1][4] != "true" || rows[1][6] != "un-TAi.038" {
		t.Errorf("row 1: %q", rows[1])
	}
	if rows[2][2] != `Jo "Jo" Ray` || !strings.Contains(rows[2][13], "unreadable") {
		t.Errorf("row for id 4: %q", rows[2])
	}
}

func TestRunFileResumeAfterInterrupt(t *testing.T) {
	in := customersCSV(t, 1500)
	want, wantSt := reference(t, in, Options{})
	out := filepath.Join(t.TempDir(), "out.csv")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := RunFile(ctx, unScreener(t), in, out, Options{
		CheckpointRows: 100,
		Progress: func(st Status) {
			if st.Rows >= 700 {
				cancel()
			}
		},
	})
	if !errors.Is(err, ErrInterrupted) || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("interrupted run: error %v", err)
	}
	ck, err := readCheckpoint(out + CheckpointSuffix)
	if err != nil || ck == nil {
		t.Fatalf("checkpoint after the interruption: %v, %v", ck, err)
	}
	if ck.Records < 700 || ck.Records >= wantSt.Rows {
		t.Fatalf("checkpoint at record %d", ck.Records)
	}
	if _, err := RunFile(context.Background(), unScreener(t), in, out, Options{}); err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("a run over an interrupted run's output without --resume: error %v", err)
	}
	st, err := RunFile(context.Background(), unScreener(t), in, out, Options{Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("resumed output (%d bytes) differs from the uninterrupted output (%d bytes)", len(got), len(want))
	}
	if st.Resumed != ck.Records || st.Rows != wantSt.Rows || st.Matched != wantSt.Matched || st.Screened != wantSt.Screened {
		t.Errorf("resumed status %+v, uninterrupted %+v", st, wantSt)
	}
	if _, err := os.Stat(out + CheckpointSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the checkpoint is still there after the run completed: %v", err)
	}
	if _, err := RunFile(context.Background(), unScreener(t), in, out, Options{Resume: true}); err == nil || !strings.Contains(err.Error(), "nothing to resume") {
		t.Errorf("--resume of a completed run: error %v", err)
	}
}

func TestResumeAfterKill(t *testing.T) {
	in := customersCSV(t, 1500)
	want, _ := reference(t, in, Options{})
	out := filepath.Join(t.TempDir(), "out.csv")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+in+"|"+out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill the child when it has checkpointed and written more output
	// than it checkpointed, so that the resumed run must cut it.
	deadline := time.After(60 * time.Second)
wait:
	for {
		ck, _ := readCheckpoint(out + CheckpointSuffix)
		fi, err := os.Stat(out)
		if ck != nil && ck.Records >= 300 && err == nil && fi.Size() > ck.OutputBytes {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the child ended (%v) before it could be killed; stderr: %s", err, stderr.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("the child made no checkpoint past record 300 in time; stderr: %s", stderr.String())
		case <-time.After(2 * time.Millisecond):
			continue wait
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	werr := <-exited
	var ee *exec.ExitError
	if !errors.As(werr, &ee) {
		t.Fatalf("the child was not killed (exit: %v; stderr: %s)", werr, stderr.String())
	}
	ck, err := readCheckpoint(out + CheckpointSuffix)
	if err != nil || ck == nil {
		t.Fatalf("checkpoint after the kill: %v", err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("killed at checkpoint record %d, output %d bytes (%d checkpointed)", ck.Records, fi.Size(), ck.OutputBytes)
	if _, err := RunFile(context.Background(), unScreener(t), in, out, Options{Resume: true}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("output resumed after a kill (%d bytes) differs from an uninterrupted run's (%d bytes)", len(got), len(want))
	}
}

func TestResumeRefusesChanges(t *testing.T) {
	in := customersCSV(t, 300)
	s := unScreener(t)
	interrupt := func(t *testing.T, out string, opt Options) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		opt.CheckpointRows = 64
		opt.Progress = func(st Status) {
			if st.Rows >= 200 {
				cancel()
			}
		}
		if _, err := RunFile(ctx, s, in, out, opt); !errors.Is(err, ErrInterrupted) {
			t.Fatalf("interrupted run: %v", err)
		}
	}
	t.Run("options", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.csv")
		interrupt(t, out, Options{})
		_, err := RunFile(context.Background(), s, in, out, Options{Resume: true, ScreenOptions: ScreenOptions{Threshold: 0.8}})
		if err == nil || !strings.Contains(err.Error(), "options") {
			t.Errorf("resume with another threshold: error %v", err)
		}
	})
	t.Run("output", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.csv")
		interrupt(t, out, Options{})
		b, _ := os.ReadFile(out)
		b[len(b)/2] ^= 1
		os.WriteFile(out, b, 0o644)
		_, err := RunFile(context.Background(), s, in, out, Options{Resume: true})
		if err == nil || !strings.Contains(err.Error(), "changed since the interrupted run") {
			t.Errorf("resume over a damaged output: error %v", err)
		}
	})
	t.Run("input", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.csv")
		other := filepath.Join(t.TempDir(), "in.csv")
		b, _ := os.ReadFile(in)
		os.WriteFile(other, b, 0o644)
		interrupt(t, out, Options{})
		os.WriteFile(in+".bak", b, 0o644)
		f, _ := os.OpenFile(in, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString("C9999,Someone Else,,,,,,,\n")
		f.Close()
		defer os.Rename(in+".bak", in)
		_, err := RunFile(context.Background(), s, in, out, Options{Resume: true})
		if err == nil || !strings.Contains(err.Error(), "is not the file the interrupted run read") {
			t.Errorf("resume with a changed input: error %v", err)
		}
	})
}

func TestRunAudit(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "embargo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := "id,name,dob\n1,ABDUL BAQI BASIR AWAL SHAH,1960\n2,Ann Lee,1980\n3,,\n"
	var out bytes.Buffer
	sum, err := Run(ctx, unScreener(t), strings.NewReader(in), &out, Options{
		Audit: &AuditOptions{Store: st, File: "customers.csv", Snapshots: []int64{7}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var recs []store.AuditRecord
	if err := st.ScanAudit(ctx, time.Time{}, func(r store.AuditRecord) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if int64(len(recs)) != sum.Screened || len(recs) != 2 {
		t.Fatalf("%d audit records for %d records screened", len(recs), sum.Screened)
	}
	r := recs[0]
	var q auditQuery
	if err := json.Unmarshal(r.Query, &q); err != nil {
		t.Fatal(err)
	}
	if r.Kind != store.KindBatch || r.Caller != store.CallerCLI || q.File != "customers.csv" || q.Line != 2 || q.ID != "1" ||
		q.Name != "ABDUL BAQI BASIR AWAL SHAH" || r.Fingerprint == "" || len(r.Snapshots) != 1 || r.Snapshots[0] != 7 {
		t.Errorf("audit record %+v, query %+v", r, q)
	}
	if len(r.Results) == 0 || r.Results[0].EntityID != "un-TAi.038" || !r.Results[0].Match || r.Results[0].Hash == "" {
		t.Errorf("audit results %+v", r.Results)
	}
}
