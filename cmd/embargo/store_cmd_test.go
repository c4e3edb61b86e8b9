package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8"

	"github.com/embargo/embargo/api"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/open"
	"github.com/embargo/embargo/text"
)

// storeEnv isolates a test from the user's store and from the network: a
// fresh EMBARGO_HOME, no EMBARGO_DATA or database URL, and every pull sent
// to base (a test server, or a closed port).
func storeEnv(t *testing.T, base string) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("EMBARGO_HOME", home)
	t.Setenv("EMBARGO_DATA", "")
	t.Setenv(open.EnvDatabaseURL, "")
	t.Setenv(envOffline, "")
	t.Setenv("EMBARGO_PULL_BASE", base)
	t.Setenv("EMBARGO_OPENSANCTIONS_TOKEN", "")
	return home
}

// runCmd runs embargo with the store commands added to the root, as
// app.go will add them.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errb)
	root := a.root()
	root.AddCommand(a.importCmd(), a.pullCmd(), a.diffCmd(), a.snapshotsCmd(), a.auditCmd(), a.decideCmd())
	root.SetArgs(args)
	err = root.ExecuteContext(t.Context())
	return out.String(), errb.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, err := runCmd(t, args...)
	if err != nil {
		t.Fatalf("embargo %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, errs)
	}
	return out
}

func listsJSON(t *testing.T, args ...string) api.ListsReport {
	t.Helper()
	var rep api.ListsReport
	out := mustRun(t, append(args, "lists", "--json")...)
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("lists --json: %v\n%s", err, out)
	}
	return rep
}

func sourceNames(rep api.ListsReport) []string {
	var out []string
	for _, s := range rep.Sources {
		out = append(out, s.Name)
	}
	return out
}

func TestImportedListsAreWhatCommandsUseWithoutData(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	lists := shareddata.Lists(t)
	out := mustRun(t, "import", lists)
	for _, want := range []string{"ofac: new snapshot", "8976 entities", "un: new snapshot", "1003 entities, published 2026-02-27 (un-xml)"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output does not say %q:\n%s", want, out)
		}
	}
	fromStore := listsJSON(t)
	fromFiles := listsJSON(t, "--data", lists)
	if len(fromStore.Sources) != len(fromFiles.Sources) || len(fromStore.Sources) < 5 {
		t.Fatalf("lists from the store %v, from the files %v", sourceNames(fromStore), sourceNames(fromFiles))
	}
	for i, s := range fromStore.Sources {
		f := fromFiles.Sources[i]
		if s.Name != f.Name || s.SHA256 != f.SHA256 || s.Published != f.Published || s.Names != f.Names ||
			fmt.Sprint(s.Entities) != fmt.Sprint(f.Entities) || s.Skipped != f.Skipped {
			t.Errorf("source %s from the store:\n%+v\nfrom the files:\n%+v", s.Name, s, f)
		}
	}
	again := mustRun(t, "import", lists)
	if strings.Count(again, "unchanged, same sha256 as snapshot") != len(fromStore.Sources) {
		t.Errorf("re-import of the same files:\n%s", again)
	}
	snaps := mustRun(t, "snapshots")
	if !strings.Contains(snaps, "good (in use)") || !strings.Contains(snaps, "import:"+lists) {
		t.Errorf("snapshots:\n%s", snaps)
	}
}

// ofacVariant writes a copy of the shipped OFAC set into a new directory,
// with sdn.csv edited by edit.
func ofacVariant(t *testing.T, edit func(lines []string) []string) string {
	t.Helper()
	src := shareddata.Path(t, "lists/ofac-sdn-2021-07-07")
	dir := t.TempDir()
	for _, name := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "sdn.csv" {
			lines := strings.SplitAfter(string(b), "\n")
			b = []byte(strings.Join(edit(lines), ""))
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestImportRejectsAListThatShrankAndKeepsTheCurrentOne(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	full := shareddata.Path(t, "lists/ofac-sdn-2021-07-07")
	mustRun(t, "import", full)
	half := ofacVariant(t, func(lines []string) []string { return lines[:len(lines)/2] })
	out, _, err := runCmd(t, "import", half)
	if err == nil || !strings.Contains(err.Error(), "ofac: list rejected") || !strings.Contains(err.Error(), "the entity count fell from 8976") {
		t.Fatalf("import of a list half the size: %v\n%s", err, out)
	}
	rep := listsJSON(t)
	if rep.Sources[0].Name != "ofac" || rep.Sources[0].Entities["person"]+rep.Sources[0].Entities["organization"]+
		rep.Sources[0].Entities["vessel"]+rep.Sources[0].Entities["aircraft"] != 8976 {
		t.Errorf("after the rejection the lists are %+v", rep.Sources)
	}
	snaps := mustRun(t, "snapshots", "--status", "rejected")
	if !strings.Contains(snaps, "rejected: the entity count fell") {
		t.Errorf("snapshots --status rejected:\n%s", snaps)
	}
	forced := mustRun(t, "import", "--force", half)
	if !strings.Contains(forced, "ofac: new snapshot") || !strings.Contains(forced, "removed") {
		t.Errorf("forced import:\n%s", forced)
	}
}

func TestDiffShowsWhatChangedBetweenSnapshots(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	mustRun(t, "import", shareddata.Path(t, "lists/ofac-sdn-2021-07-07"))
	edited := ofacVariant(t, func(lines []string) []string {
		out := []string{strings.Replace(lines[0], `"CUBA"`, `"CUBA] [SDGT"`, 1)} // ofac-36: programs
		out = append(out, lines[2:len(lines)-1]...)                              // ofac-173 removed
		out = append(out, `99999,"NEW TEST PARTY LTD.",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `+"\r\n")
		return append(out, lines[len(lines)-1]) // the file ends with a DOS end-of-file mark
	})
	imp := mustRun(t, "import", edited)
	if !strings.Contains(imp, "1 added, 1 removed, 1 changed since snapshot 1") {
		t.Errorf("import output:\n%s", imp)
	}
	var rep diffReport
	if err := json.Unmarshal([]byte(mustRun(t, "diff", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Diffs) != 1 {
		t.Fatalf("diff --json: %+v", rep)
	}
	d := rep.Diffs[0]
	if d.Source != "ofac" || d.From.ID != 1 || d.To.ID != 2 ||
		len(d.Added) != 1 || d.Added[0].ID != "ofac-99999" || d.Added[0].Name != "NEW TEST PARTY LTD." ||
		len(d.Removed) != 1 || d.Removed[0].ID != "ofac-173" ||
		len(d.Changed) != 1 || d.Changed[0].ID != "ofac-36" || strings.Join(d.Changed[0].Fields, ",") != "programs" {
		t.Errorf("diff: added %+v removed %+v changed %+v", d.Added, d.Removed, d.Changed)
	}
	text := mustRun(t, "diff", "--source", "ofac", "1", "2")
	for _, want := range []string{"ofac: snapshot 1 (8976 entities", "1 added, 1 removed, 1 changed, 8974 unchanged",
		"+ added    ofac-99999", "- removed  ofac-173", "~ changed  ofac-36", "(programs)"} {
		if !strings.Contains(text, want) {
			t.Errorf("diff output does not say %q:\n%s", want, text)
		}
	}
	if _, _, err := runCmd(t, "diff", "1"); err == nil {
		t.Error("diff with one snapshot ID succeeded")
	}
}

// mirror serves the shared lists as the publishers would, at /SOURCE/FILE
// (the layout EMBARGO_PULL_BASE expects); other sources are 404, and
// mode "500" fails everything.
type mirror struct {
	mu   sync.Mutex
	mode string
	root string
}

func (m *mirror) setMode(s string) { m.mu.Lock(); m.mode = s; m.mu.Unlock() }

func (m *mirror) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	mode := m.mode
	m.mu.Unlock()
	if mode == "500" {
		http.Error(w, "upstream unavailable", http.StatusInternalServerError)
		return
	}
	files := map[string]string{
		"/ofac/SDN.CSV": "ofac-sdn-2021-07-07/sdn.csv", "/ofac/ADD.CSV": "ofac-sdn-2021-07-07/add.csv",
		"/ofac/ALT.CSV": "ofac-sdn-2021-07-07/alt.csv", "/ofac/SDN_COMMENTS.CSV": "ofac-sdn-2021-07-07/sdn_comments.csv",
		"/un/consolidated.xml": "un-consolidated-2026-02-27.xml",
		"/dpl/dpl.txt":         "us-bis-dpl-2022-09-07.txt",
	}
	f, ok := files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", `"`+f+`"`)
	http.ServeFile(w, r, filepath.Join(m.root, f))
}

func newMirror(t *testing.T) (*mirror, *httptest.Server) {
	m := &mirror{root: shareddata.Lists(t)}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return m, srv
}

func TestFirstRunPullsTheListsThenRuns(t *testing.T) {
	_, srv := newMirror(t)
	storeEnv(t, srv.URL)
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errb)
	root := a.root()
	root.SetArgs([]string{"lists"})
	if err := root.ExecuteContext(t.Context()); err != nil {
		t.Fatalf("lists on a first run: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"ofac", "un", "dpl"} {
		if !strings.Contains(out.String(), want+" ") {
			t.Errorf("lists after the first run has no %s:\n%s", want, out.String())
		}
	}
	stderr := errb.String()
	for _, want := range []string{
		"holds no lists yet: pulling ofac, un, eu, uk, csl, dpl from the publishers",
		"ofac SDN.CSV: 1.9 MiB in", "un consolidated.xml: 1.9 MiB in", // progress lines (not a terminal)
		"WARNING: screening without eu, which could not be pulled: pull eu: GET " + srv.URL + "/eu/eu-fsf.xml: HTTP 404 Not Found",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	// The second run uses the store and pulls nothing.
	var out2, errb2 bytes.Buffer
	b := newApp(strings.NewReader(""), &out2, &errb2)
	r2 := b.root()
	r2.SetArgs([]string{"lists"})
	if err := r2.ExecuteContext(t.Context()); err != nil || errb2.Len() != 0 || out2.String() != out.String() {
		t.Errorf("second run: %v\nstderr: %s\nstdout:\n%s", err, errb2.String(), out2.String())
	}
}

func TestFirstRunWithoutNetworkSaysHowToImport(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for retries")
	}
	storeEnv(t, "http://127.0.0.1:1") // nothing listens there
	_, _, err := runCmd(t, "screen", "Kim Jong Un")
	if err == nil {
		t.Fatal("screen with an empty store and no network succeeded")
	}
	for _, want := range []string{"no lists to screen against", "pulling the lists failed", "pull ofac: GET http://127.0.0.1:1/ofac/SDN.CSV: dial tcp 127.0.0.1:1: connect: connection refused (3 attempts)",
		"embargo import ../shared/data/lists", "--data PATH"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q: %v", want, err)
		}
	}
}

func TestOfflineInstallDoesNotPull(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(envOffline, "1")
	start := time.Now()
	_, _, err := runCmd(t, "lists")
	if err == nil || !strings.Contains(err.Error(), "EMBARGO_OFFLINE is set") || !strings.Contains(err.Error(), "embargo import") {
		t.Errorf("lists offline with an empty store: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("an offline first run tried the network")
	}
}

func TestPullFailureKeepsTheLastGoodSnapshotAndExitsNonZero(t *testing.T) {
	m, srv := newMirror(t)
	storeEnv(t, srv.URL)
	out := mustRun(t, "pull", "un", "dpl")
	if !strings.Contains(out, "un: new snapshot 1, 1003 entities, published 2026-02-27 (un-xml)") || !strings.Contains(out, "dpl: new snapshot 2") {
		t.Errorf("first pull:\n%s", out)
	}
	out = mustRun(t, "pull", "un")
	if !strings.Contains(out, "un: not modified since snapshot 1 (the server said 304)") {
		t.Errorf("second pull:\n%s", out)
	}
	m.setMode("500")
	out, _, err := runCmd(t, "pull", "--retries", "2", "--force", "un", "dpl")
	if err == nil {
		t.Fatalf("pull from a failing server succeeded:\n%s", out)
	}
	for _, want := range []string{"pull failed for 2 of 2 sources", "pull un: GET " + srv.URL + "/un/consolidated.xml",
		"500 Internal Server Error: upstream unavailable (2 attempts)", "the last good snapshot (1, fetched"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q: %v", want, err)
		}
	}
	rep := listsJSON(t)
	if strings.Join(sourceNames(rep), ",") != "dpl,un" {
		t.Errorf("lists after the failed pull: %v", sourceNames(rep))
	}
	m.setMode("")
	var res pullReport
	if err := json.Unmarshal([]byte(mustRun(t, "pull", "--json", "un")), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 1 || !res.Results[0].NotModified || len(res.Errors) != 0 {
		t.Errorf("pull --json after recovery: %+v", res)
	}
}

func TestPullFlagsAreChecked(t *testing.T) {
	_, srv := newMirror(t)
	storeEnv(t, srv.URL)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"pull", "nosuch"}, `unknown source "nosuch"`},
		{[]string{"pull", "--url", "un"}, "want SOURCE=URL"},
		{[]string{"pull", "--url", "nosuch=http://x/y"}, `unknown source "nosuch"`},
		{[]string{"pull", "--url", "un=ftp://x/y", "un"}, "not an http(s) URL"},
		{[]string{"pull", "--max-size", "lots", "un"}, `--max-size "lots"`},
		{[]string{"pull", "--max-drop", "2", "un"}, "--max-drop 2"},
		{[]string{"pull", "--url", "opensanctions=" + srv.URL + "/os/entities.ftm.json"}, "needs an API key"},
	}
	for _, tt := range tests {
		_, _, err := runCmd(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("embargo %s: %v, want an error saying %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}

func TestAuditExportAndDecide(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	lists := shareddata.Lists(t)
	mustRun(t, "import", lists)

	// A screening recorded in the audit log; its record ID goes to stderr.
	out, errs, err := runCmd(t, "screen", "--audit", "--json", "--birth-date", "1984-01-08", "--country", "North Korea", "Kim Jong Un")
	if err != nil {
		t.Fatalf("screen --audit: %v\n%s", err, errs)
	}
	var resp screen.Response
	if err := json.Unmarshal([]byte(out), &resp); err != nil || len(resp.Matches) == 0 {
		t.Fatalf("screen --audit --json: %v\n%s", err, out)
	}
	var id int64
	if _, err := fmt.Sscanf(errs[strings.Index(errs, "record "):], "record %d", &id); err != nil {
		t.Fatalf("no audit record ID on stderr: %v\n%s", err, errs)
	}
	ctx := t.Context()
	a := newApp(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	st, err := a.openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var recs []store.ExportedRecord
	err = store.ExportAudit(ctx, st, time.Time{}, func(r store.ExportedRecord) error {
		recs = append(recs, r)
		return nil
	})
	st.Close()
	if err != nil || len(recs) != 1 || recs[0].ID != id {
		t.Fatalf("audit log: %v, %+v; want record %d", err, recs, id)
	}
	rec := recs[0]
	if len(rec.Snapshots) == 0 || rec.Caller != store.CallerCLI || rec.Fingerprint != "jong kim un|1984-01-08|kp" ||
		rec.Results[0].Hash == "" || rec.Results[0].EntityID != resp.Matches[0].Entity.ID {
		t.Errorf("audit record: %+v", rec)
	}
	top := rec.Results[0].EntityID // decided a false positive, for the test

	out = mustRun(t, "decide", "--audit", fmt.Sprint(rec.ID), "--entity", top, "--decision", "false-positive", "--note", "not him", "--by", "analyst")
	if !strings.Contains(out, "is a false-positive for audit record") || !strings.Contains(out, "jong kim un|1984-01-08|kp") {
		t.Errorf("decide output:\n%s", out)
	}
	if _, _, err := runCmd(t, "decide", "--audit", fmt.Sprint(rec.ID), "--entity", "ofac-0", "--decision", "true-match"); err == nil ||
		!strings.Contains(err.Error(), "has no result for entity ofac-0") {
		t.Errorf("decide on an entity not in the record: %v", err)
	}
	if _, _, err := runCmd(t, "decide", "--audit", "1", "--entity", top, "--decision", "maybe"); err == nil {
		t.Error("decide with an unknown decision succeeded")
	}

	// The decision marks the entity in later screenings of the same query,
	// written otherwise.
	out = mustRun(t, "screen", "--json", "--birth-date", "8 Jan 1984", "--country", "kp", "KIM, Jong-Un")
	var again screen.Response
	if err := json.Unmarshal([]byte(out), &again); err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, m := range again.Matches {
		if m.FalsePositive {
			marked++
			if m.Entity.ID != top {
				t.Errorf("%s is marked a false positive", m.Entity.ID)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d results marked false positives in the second screening, want 1 (%s)", marked, top)
	}
	if table := mustRun(t, "screen", "--birth-date", "8 Jan 1984", "--country", "kp", "KIM, Jong-Un"); !strings.Contains(table, "decided false positive") {
		t.Errorf("the table does not show the decided false positive:\n%s", table)
	}

	jl := mustRun(t, "audit", "export", "--since", "1h")
	var exp store.ExportedRecord
	if err := json.Unmarshal([]byte(strings.TrimSpace(jl)), &exp); err != nil {
		t.Fatalf("audit export: %v\n%s", err, jl)
	}
	if exp.ID != rec.ID || len(exp.Decisions) != 1 || exp.Decisions[0].Note != "not him" || exp.Decisions[0].By != "analyst" {
		t.Errorf("exported: %+v", exp)
	}
	file := filepath.Join(t.TempDir(), "audit.csv")
	mustRun(t, "audit", "export", "--format", "csv", "-o", file)
	f, _ := os.Open(file)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 2 || rows[1][0] != fmt.Sprint(rec.ID) || !strings.Contains(rows[1][10], "false-positive") {
		t.Errorf("CSV export: %q, %v", rows, err)
	}
	if out := mustRun(t, "audit", "export", "--since", "2099-01-01"); out != "" {
		t.Errorf("export since 2099: %q", out)
	}
	if _, _, err := runCmd(t, "audit", "export", "--format", "xml"); err == nil {
		t.Error("export --format xml succeeded")
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"", time.Time{}, false},
		{"2026-01-31", time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), false},
		{"2026-01-31T12:30:00Z", time.Date(2026, 1, 31, 12, 30, 0, 0, time.UTC), false},
		{"36h", now.Add(-36 * time.Hour), false},
		{"7d", now.AddDate(0, 0, -7), false},
		{"yesterday", time.Time{}, true},
		{"-5h", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := parseSince(tt.in, now)
		if (err != nil) != tt.err || !got.Equal(tt.want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"512MiB", 512 << 20}, {"1GiB", 1 << 30}, {"100MB", 100e6}, {"2KB", 2000}, {"64k", 64 << 10},
		{"1048576", 1 << 20}, {"1.5 MiB", 3 << 19}, {"10B", 10},
	}
	for _, tt := range tests {
		if got, err := parseSize(tt.in); err != nil || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "lots", "-1MiB", "0"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) succeeded", bad)
		}
	}
}

func TestPlainProgressWritesPeriodicLines(t *testing.T) {
	var buf syncBuffer
	p := &lineProgress{w: &buf, every: 20 * time.Millisecond}
	tr := p.Start("ofac SDN.CSV", 4<<20)
	for range 8 {
		tr.Add(256 << 10)
		time.Sleep(10 * time.Millisecond)
	}
	tr.Done(nil)
	tr.Done(nil) // a second Done is harmless
	out := buf.String()
	if !strings.Contains(out, "ofac SDN.CSV: ") || !strings.Contains(out, " of 4.0 MiB, ") || !strings.Contains(out, "MiB/s") ||
		!strings.Contains(out, "ofac SDN.CSV: 2.0 MiB in ") {
		t.Errorf("progress lines:\n%s", out)
	}
	failed := p.Start("un consolidated.xml", -1)
	failed.Add(100)
	failed.Done(fmt.Errorf("timed out"))
	if !strings.Contains(buf.String(), "un consolidated.xml: failed after 100 B: timed out") {
		t.Errorf("progress lines:\n%s", buf.String())
	}
}

func TestProgressBarsFinish(t *testing.T) {
	var buf syncBuffer
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	p := mpb.NewWithContext(ctx, mpb.WithOutput(&buf), mpb.WithWidth(40), mpb.WithAutoRefresh())
	bp := &barProgress{p: p}
	a, b, c := bp.Start("ofac SDN.CSV", 1000), bp.Start("un consolidated.xml", -1), bp.Start("eu eu-fsf.xml", 1000)
	for range 10 {
		a.Add(100)
		b.Add(100)
	}
	a.Done(nil)
	b.Done(nil)
	c.Done(fmt.Errorf("HTTP 500"))
	p.Wait() // returns only when every bar is complete or aborted
	if ctx.Err() != nil {
		t.Fatal("the progress bars did not finish")
	}
	if out := buf.String(); !strings.Contains(out, "ofac SDN.CSV") || !strings.Contains(out, "failed") {
		t.Errorf("bars:\n%s", out)
	}
}

// syncBuffer is a bytes.Buffer safe for the progress goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTextAudit records a text scan in the audit log, decides one of its
// mentions a false positive, and checks that the next scan marks it.
func TestTextAudit(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	mustRun(t, "import", shareddata.Lists(t))
	doc := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(doc, []byte("O ministro Serguei Lavrov chegou a Pyongyang na quarta-feira."), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, err := runCmd(t, "text", "--audit", "--json", doc)
	if err != nil {
		t.Fatalf("text --audit: %v\n%s", err, errs)
	}
	var res text.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Mentions) == 0 {
		t.Fatalf("text --audit --json: %v\n%s", err, out)
	}
	i := strings.Index(errs, "record ")
	if i < 0 {
		t.Fatalf("no audit record ID on stderr:\n%s", errs)
	}
	var id int64
	if _, err := fmt.Sscanf(errs[i:], "record %d", &id); err != nil {
		t.Fatalf("no audit record ID on stderr: %v\n%s", err, errs)
	}
	jl := mustRun(t, "audit", "export")
	var rec store.ExportedRecord
	if err := json.Unmarshal([]byte(strings.TrimSpace(jl)), &rec); err != nil {
		t.Fatalf("audit export: %v\n%s", err, jl)
	}
	m := res.Mentions[0]
	if rec.ID != id || rec.Kind != store.KindText || len(rec.Results) != len(res.Mentions) ||
		rec.Results[0].EntityID != m.Entity.ID || rec.Results[0].Fingerprint != "lavrov serguei||" {
		t.Fatalf("audit record: %+v", rec)
	}
	mustRun(t, "decide", "--audit", fmt.Sprint(id), "--entity", m.Entity.ID, "--decision", "false-positive", "--note", "another Lavrov")
	out = mustRun(t, "text", "--json", doc)
	var again text.Result
	if err := json.Unmarshal([]byte(out), &again); err != nil {
		t.Fatal(err)
	}
	for _, am := range again.Mentions {
		if want := am.Entity.ID == m.Entity.ID && am.Text == m.Text; am.FalsePositive != want {
			t.Errorf("mention %q of %s: false_positive %v, want %v", am.Text, am.Entity.ID, am.FalsePositive, want)
		}
	}
	if table := mustRun(t, "text", doc); !strings.Contains(table, "decided false positive") {
		t.Errorf("the table does not show the decided false positive:\n%s", table)
	}
}
