package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/embargo/embargo/api"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/open"
	"github.com/embargo/embargo/text"
)

// runningServer is `embargo serve` running in the test.
type runningServer struct {
	url    string
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServe runs serve with the given global args (--data ...) and
// options until the test ends, and waits until its data is indexed.
func startServe(t *testing.T, args []string, opts serveOptions) *runningServer {
	t.Helper()
	errb := &syncBuffer{}
	a := newApp(strings.NewReader(""), io.Discard, errb)
	root := a.root()
	if err := root.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	if err := a.setup(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- a.serve(ctx, opts, ready) }()
	rs := &runningServer{stderr: errb, cancel: cancel, done: done}
	select {
	case addr := <-ready:
		rs.url = "http://" + addr
	case err := <-done:
		cancel()
		t.Fatalf("serve stopped: %v\nstderr:\n%s", err, errb)
	case <-time.After(2 * time.Minute):
		cancel()
		t.Fatalf("serve did not get ready\nstderr:\n%s", errb)
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Errorf("serve did not stop")
		}
	})
	return rs
}

// stop stops the server as SIGTERM does and returns serve's error.
func (rs *runningServer) stop(t *testing.T) error {
	t.Helper()
	rs.cancel()
	select {
	case err := <-rs.done:
		rs.done <- err // for the cleanup
		return err
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop")
	}
	return nil
}

func post(t *testing.T, url string, body any, header ...string) (int, http.Header, []byte) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, out
}

func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func serveOpts(mod func(*serveOptions)) serveOptions {
	o := defaultServeOptions()
	o.addr = "127.0.0.1:0"
	o.refresh = "off"
	if mod != nil {
		mod(&o)
	}
	return o
}

const unFile = "lists/un-consolidated-2026-02-27.xml"

// TestServe runs the server on --data with the audit log on: a screening
// is answered, recorded under the caller's key ID, and decided on.
func TestServe(t *testing.T) {
	home := storeEnv(t, "http://127.0.0.1:1")
	key := "test-key-0123456789abcdef"
	t.Setenv(api.EnvAPIKeys, "other-key-0123456789abcdef, "+key)
	rs := startServe(t, []string{"--data", shareddata.Path(t, unFile)}, serveOpts(nil))

	status, _, body := post(t, rs.url+"/v1/screen", map[string]any{"name": "Ayman al-Zawahiri"})
	if status != http.StatusUnauthorized || !strings.Contains(string(body), `"unauthorized"`) {
		t.Errorf("no key: %d %s", status, body)
	}
	status, hdr, body := post(t, rs.url+"/v1/screen", map[string]any{"name": "Ayman al-Zawahiri"}, "Authorization", "Bearer "+key)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var resp api.ScreenResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Matches) == 0 || resp.Matches[0].Entity.ID != "un-QDi.006" || resp.AuditID == 0 || hdr.Get("X-Audit-ID") != fmt.Sprint(resp.AuditID) {
		t.Fatalf("unexpected answer (header X-Audit-ID %q): %s", hdr.Get("X-Audit-ID"), body)
	}
	if status, body := get(t, rs.url+"/readyz"); status != http.StatusOK {
		t.Errorf("readyz: %d %s", status, body)
	}
	// The text scanner is wired.
	status, _, body = post(t, rs.url+"/v1/text", map[string]any{"text": "O líder da Al-Qaida, Ayman al-Zawahiri, foi morto em Cabul."}, "Authorization", "Bearer "+key)
	if status != http.StatusOK || !strings.Contains(string(body), `"mentions":[`) {
		t.Errorf("text: %d %s", status, body)
	}
	if err := rs.stop(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(rs.stderr.String(), "shutting down") {
		t.Errorf("no shutdown message:\n%s", rs.stderr)
	}

	// The record is in the store, with the key's ID and never the key.
	st, err := open.Open(t.Context(), open.Config{Home: home})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, err := st.AuditRecord(t.Context(), resp.AuditID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Caller != api.KeyID(key) || rec.Kind != store.KindScreen || len(rec.Results) == 0 || rec.Results[0].EntityID != "un-QDi.006" || rec.Results[0].Hash == "" {
		t.Errorf("audit record: %+v", rec)
	}
	raw, _ := json.Marshal(rec)
	if strings.Contains(string(raw), key) {
		t.Errorf("the audit record holds the API key: %s", raw)
	}
}

func TestServeRefusesOpenAddressWithoutKeys(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(api.EnvAPIKeys, "")
	a := newApp(strings.NewReader(""), io.Discard, io.Discard)
	a.data = []string{shareddata.Path(t, unFile)}
	err := a.serve(t.Context(), serveOpts(func(o *serveOptions) { o.addr = "0.0.0.0:0" }), nil)
	if err == nil || !strings.Contains(err.Error(), api.EnvAPIKeys) || !strings.Contains(err.Error(), "--insecure-no-auth") {
		t.Fatalf("got %v, want a refusal naming %s and --insecure-no-auth", err, api.EnvAPIKeys)
	}
	// --insecure-no-auth serves anyway.
	rs := startServe(t, []string{"--data", a.data[0]}, serveOpts(func(o *serveOptions) {
		o.addr = "0.0.0.0:0"
		o.insecureNoAuth = true
		o.audit = false
	}))
	_, port, err := net.SplitHostPort(strings.TrimPrefix(rs.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	rs.url = "http://127.0.0.1:" + port
	if status, _, body := post(t, rs.url+"/v1/screen", map[string]any{"name": "Zawahiri"}); status != http.StatusOK {
		t.Errorf("status %d: %s", status, body)
	}
}

func TestServeFlags(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	data := shareddata.Path(t, unFile)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--data", data, "serve", "--refresh", "1h"}, "--refresh pulls the lists into the store"},
		{[]string{"--data", data, "serve", "--refresh", "soon"}, `--refresh "soon"`},
		{[]string{"--data", data, "serve", "--max-body", "lots"}, `--max-body "lots"`},
		{[]string{"--data", data, "serve", "--timeout", "0s"}, "--timeout"},
		{[]string{"--data", data, "serve", "--addr", "127.0.0.1:99999", "--audit=false"}, "listening on 127.0.0.1:99999"},
	}
	for _, tt := range tests {
		_, _, err := runServeCmd(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("embargo %s: got %v, want an error with %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}

// runServeCmd runs embargo with the serve command added to the root.
func runServeCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errb)
	root := a.root()
	root.AddCommand(a.serveCmd(), a.benchCmd())
	root.SetArgs(args)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	err = root.ExecuteContext(ctx)
	return out.String(), errb.String(), err
}

// TestServeStoreReload serves from the store: a snapshot imported while
// the server runs is picked up (--watch-store), SIGHUP reloads, and the
// decisions made over the API are in the store.
func TestServeStoreReload(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(api.EnvAPIKeys, "")
	mustRun(t, "import", shareddata.Path(t, unFile))
	rs := startServe(t, nil, serveOpts(func(o *serveOptions) { o.watchStore = 100 * time.Millisecond }))
	lists := func() []string {
		_, body := get(t, rs.url+"/v1/lists")
		var rep api.ListsReport
		if err := json.Unmarshal(body, &rep); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		var names []string
		for _, s := range rep.Sources {
			names = append(names, s.Name)
		}
		return names
	}
	if got := lists(); strings.Join(got, ",") != "un" {
		t.Fatalf("lists %v, want un", got)
	}
	mustRun(t, "import", shareddata.Path(t, "lists/us-bis-dpl-2022-09-07.txt"))
	deadline := time.Now().Add(time.Minute)
	for strings.Join(lists(), ",") != "dpl,un" {
		if time.Now().After(deadline) {
			t.Fatalf("the new snapshot was not picked up: lists %v\nstderr:\n%s", lists(), rs.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A decision over the API marks the result as a false positive in the
	// next screening of the same query, and lands in the store.
	q := map[string]any{"name": "Ayman al-Zawahiri", "birth_date": "1951-06-19"}
	_, _, body := post(t, rs.url+"/v1/screen", q)
	var resp api.ScreenResponse
	if err := json.Unmarshal(body, &resp); err != nil || resp.AuditID == 0 || len(resp.Matches) == 0 {
		t.Fatalf("screen: %v %s", err, body)
	}
	status, _, body := post(t, rs.url+"/v1/decisions", map[string]any{
		"audit_id": resp.AuditID, "entity_id": resp.Matches[0].Entity.ID, "decision": "false-positive", "note": "test", "by": "analyst",
	})
	if status != http.StatusCreated {
		t.Fatalf("decision: %d %s", status, body)
	}
	_, _, body = post(t, rs.url+"/v1/screen", map[string]any{"name": "al-Zawahiri, Ayman", "birth_date": "19 Jun 1951"})
	if err := json.Unmarshal(body, &resp); err != nil || len(resp.Matches) == 0 || !resp.Matches[0].FalsePositive {
		t.Errorf("the decided false positive is not marked: %s", body)
	}

	// SIGHUP reloads (the data is unchanged: the reload says so). The
	// store watcher may reload once more, unchanged, after the import: wait
	// for it to be done first.
	unchanged := func() int {
		n := 0
		for _, l := range strings.Split(metric(t, rs.url), "\n") {
			if v, ok := strings.CutPrefix(l, `embargo_reloads_total{result="unchanged"} `); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		return n
	}
	before := unchanged()
	for { // until the watcher is done: no reload of its own in 5 polls
		time.Sleep(500 * time.Millisecond)
		n := unchanged()
		if n == before {
			break
		}
		before = n
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(time.Minute)
	for unchanged() <= before {
		if time.Now().After(deadline) {
			t.Fatalf("SIGHUP did not reload\nstderr:\n%s", rs.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := rs.stop(t); err != nil {
		t.Fatal(err)
	}
}

// TestServeGracefulShutdown stops the server (as SIGTERM does) while a
// large batch is being screened: the batch is answered in full, and the
// server accepts no new connection after.
func TestServeGracefulShutdown(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(api.EnvAPIKeys, "")
	rs := startServe(t, []string{"--data", shareddata.Path(t, unFile)}, serveOpts(nil))
	var records []map[string]any
	for i := range 3000 {
		records = append(records, map[string]any{"id": fmt.Sprint(i), "name": fmt.Sprintf("Person Number %d al-Zawahiri", i)})
	}
	type result struct {
		status int
		body   []byte
	}
	got := make(chan result, 1)
	go func() {
		status, _, body := post(t, rs.url+"/v1/screen/batch", map[string]any{"records": records})
		got <- result{status, body}
	}()
	// Wait until the batch is being served, then stop.
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(metric(t, rs.url), `embargo_http_requests_in_flight 2`) {
		if time.Now().After(deadline) {
			t.Fatal("the batch never started")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := rs.stop(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
	r := <-got
	if r.status != http.StatusOK {
		t.Fatalf("the batch in flight got %d: %.300s", r.status, r.body)
	}
	var resp api.BatchResponse
	if err := json.Unmarshal(r.body, &resp); err != nil || len(resp.Results) != len(records) {
		t.Fatalf("the batch in flight got %d results (%v)", len(resp.Results), err)
	}
	if _, err := http.Get(rs.url + "/healthz"); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

func metric(t *testing.T, url string) string {
	t.Helper()
	_, b := get(t, url+"/metrics")
	return string(b)
}

func TestServeHelp(t *testing.T) {
	out, _, err := runServeCmd(t, "serve", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/v1/screen", "/match/{dataset}", "EMBARGO_API_KEYS", "--insecure-no-auth", "--refresh", "SIGHUP"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve --help does not mention %s", want)
		}
	}
}

// TestBenchServe runs a short load test against an in-process server.
func TestBenchServe(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(api.EnvAPIKeys, "")
	names := filepath.Join(t.TempDir(), "names.txt")
	if err := os.WriteFile(names, []byte("Ayman al-Zawahiri\nJohn Smith\nMaria Garcia\nHamza bin Laden\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, err := runServeCmd(t, "--data", shareddata.Path(t, unFile), "bench", "serve", "--names", names,
		"--rate", "100", "--warmup", "500ms", "--duration", "2s", "--interval", "1s", "--json")
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, errs)
	}
	var rep loadReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !rep.InProcess || !rep.Audit || rep.Total.Errors != 0 || rep.Total.Requests < 150 || rep.Total.Requests > 250 ||
		rep.Total.P99 <= 0 || rep.Total.Heap == 0 || rep.Total.RSS == 0 || len(rep.Intervals) < 2 {
		t.Errorf("report: %s", out)
	}
	// Closed loop, bounded by a request count, as a table.
	out, errs, err = runServeCmd(t, "--data", shareddata.Path(t, unFile), "bench", "serve", "--names", names,
		"--rate", "0", "--requests", "300", "--concurrency", "4", "--duration", "1m", "--audit=false")
	if err != nil || !strings.Contains(out, "total") || !strings.Contains(out, "closed loop") {
		t.Errorf("%v\n%s\n%s", err, out, errs)
	}
	for _, bad := range [][]string{{"--duration", "11m"}, {"--rate", "-1"}, {"--concurrency", "0"}} {
		args := append([]string{"--data", shareddata.Path(t, unFile), "bench", "serve", "--names", names}, bad...)
		if _, _, err := runServeCmd(t, args...); err == nil {
			t.Errorf("bench serve %v: no error", bad)
		}
	}
}

// TestServeFirstRunAndRefresh: serving from an empty store pulls the lists
// first (as every command does), and a scheduled refresh reports new lists
// only when a pull brought one.
func TestServeFirstRunAndRefresh(t *testing.T) {
	m, mirrorSrv := newMirror(t)
	storeEnv(t, mirrorSrv.URL)
	t.Setenv(api.EnvAPIKeys, "")
	m.setMode("500")
	mustRun(t, "import", shareddata.Path(t, unFile))
	m.setMode("")

	a := newApp(strings.NewReader(""), io.Discard, io.Discard)
	st, err := a.openStore(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if !a.refreshLists(t.Context(), st) {
		t.Error("the first refresh brought ofac and dpl but says nothing changed")
	}
	if a.refreshLists(t.Context(), st) {
		t.Error("a refresh with nothing new says something changed")
	}
	st.Close()

	rs := startServe(t, nil, serveOpts(nil))
	_, body := get(t, rs.url+"/v1/lists")
	for _, want := range []string{`"name":"ofac"`, `"name":"un"`, `"name":"dpl"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("lists lack %s: %s", want, body)
		}
	}
}

// TestServeFirstRunPulls: with an empty store, serve pulls the lists.
func TestServeFirstRunPulls(t *testing.T) {
	_, mirrorSrv := newMirror(t)
	storeEnv(t, mirrorSrv.URL)
	t.Setenv(api.EnvAPIKeys, "")
	rs := startServe(t, nil, serveOpts(nil))
	_, body := get(t, rs.url+"/v1/lists")
	if !strings.Contains(string(body), `"name":"ofac"`) || !strings.Contains(rs.stderr.String(), "holds no lists yet") {
		t.Errorf("lists: %s\nstderr:\n%s", body, rs.stderr)
	}
}

// TestServeText serves the text package's scanner through the API: the
// shared news article is scanned, and every mention's offsets are right.
func TestServeText(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(api.EnvAPIKeys, "")
	article, err := os.ReadFile(shareddata.Path(t, "news/pt-lavrov-pyongyang.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rs := startServe(t, []string{"--data", shareddata.Lists(t)}, serveOpts(nil))
	status, hdr, body := post(t, rs.url+"/v1/text", map[string]any{"text": string(article)})
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	var got api.TextResult
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Mentions) == 0 || len(got.Jurisdictions) == 0 || got.AuditID == 0 || hdr.Get("X-Audit-ID") == "" {
		t.Fatalf("%.1000s", body)
	}
	for _, m := range got.Mentions {
		if m.Start < 0 || m.End > len(article) || m.Start >= m.End || string(article[m.Start:m.End]) != m.Text || m.Entity == nil {
			t.Errorf("mention %q at %d:%d", m.Text, m.Start, m.End)
		}
		if m.LinkedTo != nil && (*m.LinkedTo < 0 || *m.LinkedTo >= len(got.Mentions)) {
			t.Errorf("mention %q linked to %d", m.Text, *m.LinkedTo)
		}
	}
	for _, j := range got.Jurisdictions {
		if string(article[j.Start:j.End]) != j.Text || j.Country == "" {
			t.Errorf("jurisdiction %+v", j)
		}
	}
	status, _, body = post(t, rs.url+"/v1/text", map[string]any{"text": "x", "threshold": 1.5})
	if status != http.StatusUnprocessableEntity {
		t.Errorf("threshold 1.5: %d %s", status, body)
	}
}

// TestTextFields keeps the API's text types in step with the text
// package's: a field text adds must be added to the API (and to
// textAdapter).
func TestTextFields(t *testing.T) {
	for _, c := range []struct {
		api, text reflect.Type
		extra     []string
	}{
		{reflect.TypeFor[api.TextResult](), reflect.TypeFor[text.Result](), []string{"audit_id"}},
		{reflect.TypeFor[api.TextMention](), reflect.TypeFor[text.Mention](), nil},
		{reflect.TypeFor[api.Jurisdiction](), reflect.TypeFor[text.Jurisdiction](), nil},
	} {
		got := slices.DeleteFunc(jsonFieldNames(c.api), func(f string) bool { return slices.Contains(c.extra, f) })
		if want := jsonFieldNames(c.text); !reflect.DeepEqual(got, want) {
			t.Errorf("%s has fields %v, %s %v", c.api, got, c.text, want)
		}
	}
}

// jsonFieldNames returns the JSON names of a struct's fields, sorted.
func jsonFieldNames(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// TestListsShape: GET /v1/lists answers the `lists --json` object.
func TestListsShape(t *testing.T) {
	storeEnv(t, "http://127.0.0.1:1")
	t.Setenv(api.EnvAPIKeys, "")
	data := shareddata.Path(t, unFile)
	cli, _, err := runServeCmd(t, "--data", data, "lists", "--json")
	if err != nil {
		t.Fatal(err)
	}
	rs := startServe(t, []string{"--data", data}, serveOpts(func(o *serveOptions) { o.audit = false }))
	_, served := get(t, rs.url+"/v1/lists")
	var a, b any
	if err := json.Unmarshal([]byte(cli), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(served, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("GET /v1/lists differs from lists --json:\n%s\n%s", served, cli)
	}
}
