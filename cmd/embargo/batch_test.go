package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/embargo/embargo/batch"
	"github.com/embargo/embargo/internal/shareddata"
)

// runBatchCmd runs embargo with the batch commands added to the root, as
// app.go will add them.
func runBatchCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errb)
	root := a.root()
	root.AddCommand(a.batchCmd(), a.rescreenCmd())
	root.SetArgs(args)
	err = root.ExecuteContext(t.Context())
	return out.String(), errb.String(), err
}

func mustRunBatch(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out, errs, err := runBatchCmd(t, args...)
	if err != nil {
		t.Fatalf("embargo %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, errs)
	}
	return out, errs
}

const customerFile = "Customer ID;Full Name;Date of Birth;Nationality\n" +
	"A-1;ABDUL BAQI BASIR AWAL SHAH;1960;Afghanistan\n" +
	"A-2;Ann Lee\n" +
	"A-3;Jo Ray;31/02/1980;Atlantis\n" +
	"A-4;ABDUL HAQ WASIQ;;\n"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBatchCommand(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(envOffline, "1")
	un := shareddata.Path(t, "lists/un-consolidated-2026-02-27.xml")
	in := writeFile(t, "customers.csv", customerFile)
	out := filepath.Join(t.TempDir(), "results.csv")
	rejects := filepath.Join(t.TempDir(), "rejects.csv")
	_, stderr := mustRunBatch(t, "--data", un, "batch", "--in", in, "--out", out, "--rejects", rejects)
	if b, err := os.ReadFile(rejects); err != nil || string(b) != "line,id,error\n3,A-2,\"2 fields, the header has 4\"\n" {
		t.Errorf("rejects file: %q, %v", b, err)
	}
	for _, want := range []string{
		`csv, utf-8, delimiter ';': id <- "Customer ID", name <- "Full Name", birth_date <- "Date of Birth", country <- "Nationality"`,
		"batch: skipped: line 3 (id A-2): 2 fields, the header has 4",
		`batch: noted: line 4: birth date "31/02/1980" unreadable: screened without it; country "Atlantis" unknown: screened without it`,
		"batch: 4 rows read, 3 screened, 2 matched, 1 skipped (malformed), 1 screened with a field left out",
		"batch: results in " + out,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != strings.Join(batch.CSVColumns, ",") {
		t.Fatalf("output:\n%s", b)
	}
	for i, want := range [][]string{{"A-1", "2", "ABDUL BAQI BASIR AWAL SHAH", "1", "true"}, {"A-3", "4", "Jo Ray"}, {"A-4", "5", "ABDUL HAQ WASIQ", "1", "true"}} {
		if got := rows[i+1][:len(want)]; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %d: %q, want %q", i+1, rows[i+1], want)
		}
	}
	if rows[1][6] != "un-TAi.038" || rows[1][9] != "un" || !strings.Contains(rows[1][12], "matched listed name") {
		t.Errorf("row for A-1: %q", rows[1])
	}
	if _, _, err := runBatchCmd(t, "--data", un, "batch", "--in", in, "--out", out, "--resume"); err == nil || !strings.Contains(err.Error(), "nothing to resume") {
		t.Errorf("--resume of a finished run: %v", err)
	}

	// JSON lines to standard output, every match.
	stdout, _ := mustRunBatch(t, "--data", un, "batch", "--in", in, "--format", "jsonl", "--all-matches", "--threshold", "0.6", "-q")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("JSON lines output:\n%s", stdout)
	}
	var row batch.OutputRow
	if err := json.Unmarshal([]byte(lines[0]), &row); err != nil {
		t.Fatal(err)
	}
	if row.ID != "A-1" || !row.Match || row.EntityID != "un-TAi.038" || len(row.Matches) == 0 {
		t.Errorf("first JSON line: %+v", row)
	}

	if _, _, err := runBatchCmd(t, "--data", un, "batch", "--in", in, "--map", "name=Nom"); err == nil || !strings.Contains(err.Error(), `no column "Nom"`) {
		t.Errorf("--map to a missing column: %v", err)
	}
	if _, _, err := runBatchCmd(t, "--data", un, "batch", "--out", out); err == nil || !strings.Contains(err.Error(), "--in FILE is required") {
		t.Errorf("no --in: %v", err)
	}
}

// heldBackUN writes a copy of the shipped UN list without the given
// individuals.
func heldBackUN(t *testing.T, refs ...string) string {
	t.Helper()
	b, err := os.ReadFile(shareddata.Path(t, "lists/un-consolidated-2026-02-27.xml"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)<INDIVIDUAL>.*?</INDIVIDUAL>\s*`)
	removed := 0
	out := block.ReplaceAllFunc(b, func(m []byte) []byte {
		for _, r := range refs {
			if bytes.Contains(m, []byte("<REFERENCE_NUMBER>"+r+"</REFERENCE_NUMBER>")) {
				removed++
				return nil
			}
		}
		return m
	})
	if removed != len(refs) {
		t.Fatalf("removed %d of %v from the UN list", removed, refs)
	}
	return writeFile(t, "un-held-back.xml", string(out))
}

func TestRescreenCommand(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(envOffline, "1")
	mustRunBatch(t, "import", heldBackUN(t, "TAi.038"))
	mustRunBatch(t, "import", shareddata.Path(t, "lists/un-consolidated-2026-02-27.xml"))
	in := writeFile(t, "customers.csv", customerFile)
	stdout, stderr := mustRunBatch(t, "rescreen", "--customers", in)
	if !strings.Contains(stderr, "rescreen: un snapshot 1 -> un snapshot 2: 1 added, 0 removed, 0 changed") ||
		!strings.Contains(stderr, "1 new potential match(es), 0 match(es) gone") {
		t.Errorf("stderr:\n%s", stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || strings.Join(rows[0], ",") != strings.Join(batch.EventColumns, ",") ||
		strings.Join(rows[1][:5], "|") != "new-match|A-1|2|ABDUL BAQI BASIR AWAL SHAH|un-TAi.038" || rows[1][10] != "added to the list" {
		t.Errorf("rescreen output:\n%s", stdout)
	}
	// The other way: the designation is delisted.
	out := filepath.Join(t.TempDir(), "changes.jsonl")
	_, stderr = mustRunBatch(t, "rescreen", "--customers", in, "--from", "2", "--to", "1", "--out", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var ev batch.Event
	if err := json.Unmarshal(bytes.TrimSpace(b), &ev); err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	if ev.Kind != batch.GoneMatch || ev.CustomerID != "A-1" || ev.EntityID != "un-TAi.038" || ev.OldScore < 0.9 || ev.Reason != "removed from the list (delisted)" {
		t.Errorf("event %+v; stderr:\n%s", ev, stderr)
	}
	if _, _, err := runBatchCmd(t, "rescreen", "--customers", in, "--from", "1"); err == nil || !strings.Contains(err.Error(), "pairs") {
		t.Errorf("--from without --to: %v", err)
	}
}
