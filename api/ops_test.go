package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// TestReloadUnderLoad swaps the data several times while many clients
// screen: no request fails, and each is answered from one version or the
// other.
func TestReloadUnderLoad(t *testing.T) {
	a := loadShared(t, unList)
	b := loadShared(t, unList, "lists/us-bis-dpl-2022-09-07.txt")
	var loads atomic.Int64
	load := func(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error) {
		if loads.Add(1)%2 == 1 {
			return a, nil, nil
		}
		return b, nil, nil
	}
	ts := newTestServer(t, Options{Load: load, Store: openStore(t), Audit: true})
	versions := map[string]bool{a.Version(): true, b.Version(): true}

	const clients = 16
	duration := 3 * time.Second
	if testing.Short() {
		duration = time.Second
	}
	// The clients run until the test has both run for duration and seen
	// four swaps (reloads are slow under the race detector), at most a
	// minute.
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	start := time.Now()
	var (
		wg       sync.WaitGroup
		ok, fail atomic.Int64
		mu       sync.Mutex
		seen     = map[string]int{}
	)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for c := range clients {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				var path, body string
				if i%5 == 4 {
					path, body = "/v1/screen/batch", `{"records": [{"id": "a", "name": "Ayman al-Zawahiri"}, {"id": "b", "name": "Hamza bin Laden"}]}`
				} else {
					path, body = "/v1/screen", fmt.Sprintf(`{"name": "Ayman al-Zawahiri %d"}`, c)
				}
				resp, err := client.Post(ts.URL+path, "application/json", strings.NewReader(body))
				if err != nil {
					if ctx.Err() == nil {
						fail.Add(1)
						t.Errorf("client %d: %v", c, err)
					}
					return
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					fail.Add(1)
					t.Errorf("client %d: %s: %d %s", c, path, resp.StatusCode, raw)
					continue
				}
				var v struct {
					DataVersion string `json:"data_version"`
					Results     []struct {
						DataVersion string `json:"data_version"`
					} `json:"results"`
				}
				if err := json.Unmarshal(raw, &v); err != nil {
					t.Errorf("client %d: %v", c, err)
				}
				ver := v.DataVersion
				if len(v.Results) > 0 {
					ver = v.Results[0].DataVersion
				}
				if !versions[ver] {
					t.Errorf("answered from unknown data %q", ver)
				}
				mu.Lock()
				seen[ver]++
				mu.Unlock()
				ok.Add(1)
			}
		})
	}
	swaps := 0
	for ctx.Err() == nil && (swaps < 4 || time.Since(start) < duration) {
		res, err := ts.Reload(ctx)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			t.Fatalf("reload: %v", err)
		}
		if res.Changed {
			swaps++
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	t.Logf("%d requests answered, %d failed, %d swaps, by version: %v", ok.Load(), fail.Load(), swaps, seen)
	if swaps < 4 {
		t.Errorf("only %d swaps", swaps)
	}
	if len(seen) != 2 {
		t.Errorf("answers came from %d versions, want 2 (both sides of the swaps)", len(seen))
	}
	if ok.Load() < 100 {
		t.Errorf("only %d requests answered", ok.Load())
	}
}

// TestReloadFailureKeepsData: a reload that fails leaves the data being
// served in place.
func TestReloadFailureKeepsData(t *testing.T) {
	cat := loadShared(t, unList)
	var broken atomic.Bool
	load := func(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error) {
		if broken.Load() {
			return nil, nil, fmt.Errorf("the store is unreachable")
		}
		return cat, nil, nil
	}
	ts := newTestServer(t, Options{Load: load})
	broken.Store(true)
	if _, err := ts.Reload(t.Context()); err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("reload: %v", err)
	}
	resp, b := ts.call(t, http.MethodPost, "/v1/admin/reload?wait=true", nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), "stays in use") {
		t.Errorf("admin reload of broken data: %d %s", resp.StatusCode, b)
	}
	if resp, b := ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": "Zawahiri"}); resp.StatusCode != 200 {
		t.Errorf("after a failed reload: %d %s", resp.StatusCode, b)
	}
	broken.Store(false)
	resp, b = ts.call(t, http.MethodPost, "/v1/admin/reload?wait=true", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	if st := decode[ReloadStatus](t, b); st.Status != "done" || st.Result == nil || st.Result.Changed || st.Result.Entities != cat.Len() {
		t.Errorf("%s", b)
	}
	resp, b = ts.call(t, http.MethodPost, "/v1/admin/reload", nil)
	if resp.StatusCode != http.StatusAccepted || decode[ReloadStatus](t, b).Status != "started" {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// TestNotReady: before the first load, /healthz answers and everything
// that needs data says not_ready.
func TestNotReady(t *testing.T) {
	srv, err := New(Options{Load: staticLoad(loadShared(t, unList))})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	ts := &testServer{Server: srv, URL: hs.URL, client: &http.Client{Transport: &validatingTransport{t: t, next: http.DefaultTransport, router: specRouter(t, srv)}}}
	if resp, b := ts.call(t, http.MethodGet, "/healthz", nil); resp.StatusCode != 200 {
		t.Errorf("healthz: %d %s", resp.StatusCode, b)
	}
	for _, c := range []struct{ method, path string }{{"GET", "/readyz"}, {"POST", "/v1/screen"}, {"GET", "/v1/lists"}} {
		resp, b := ts.call(t, c.method, c.path, map[string]any{"name": "x"})
		if c.method == "GET" {
			resp, b = ts.call(t, c.method, c.path, nil)
		}
		if resp.StatusCode != http.StatusServiceUnavailable || errorCode(t, b) != CodeNotReady {
			t.Errorf("%s %s: %d %s", c.method, c.path, resp.StatusCode, b)
		}
	}
	if !strings.Contains(metricsText(t, ts), "embargo_ready 0") {
		t.Error("embargo_ready is not 0")
	}
	if _, err := srv.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	resp, b := ts.call(t, http.MethodGet, "/readyz", nil)
	if h := decode[Health](t, b); resp.StatusCode != 200 || h.Status != "ready" || h.Entities == 0 {
		t.Errorf("readyz: %d %s", resp.StatusCode, b)
	}
}

func metricsText(t *testing.T, ts *testServer) string {
	t.Helper()
	resp, b := ts.call(t, http.MethodGet, "/metrics", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("metrics: %d", resp.StatusCode)
	}
	return string(b)
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": "Ayman al-Zawahiri"})
	ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": ""})
	ts.call(t, http.MethodPost, "/v1/screen/batch", map[string]any{"records": []map[string]any{{"id": "1", "name": "x y"}, {"id": "2", "name": "Zawahiri"}}})
	ts.call(t, http.MethodGet, "/nothing", nil)
	m := metricsText(t, ts)
	for _, want := range []string{
		`embargo_http_requests_total{code="200",route="POST /v1/screen"} 1`,
		`embargo_http_requests_total{code="422",route="POST /v1/screen"} 1`,
		`embargo_http_requests_total{code="404",route="unmatched"} 1`,
		`embargo_http_request_duration_seconds_bucket{code="200",route="POST /v1/screen/batch",le="10"} 1`,
		`embargo_screenings_total{kind="screen"} 1`,
		`embargo_screenings_total{kind="batch"} 2`,
		`embargo_screening_matches_total{kind="screen"} 1`,
		`embargo_index_entities{source="un"} 1003`,
		`embargo_index_names{source="un"}`,
		`embargo_data_age_seconds{source="un"}`,
		`embargo_data_loaded_timestamp_seconds`,
		`embargo_ready 1`,
		`embargo_reloads_total{result="changed"} 1`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// The UN list's publisher's date is 2026-02-27: its age counts from
	// that day.
	var age float64
	for line := range strings.Lines(m) {
		if strings.HasPrefix(line, `embargo_data_age_seconds{source="un"} `) {
			fmt.Sscan(strings.TrimPrefix(line, `embargo_data_age_seconds{source="un"} `), &age)
		}
	}
	want := time.Since(time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC)).Seconds()
	if age < want-60 || age > want+60 {
		t.Errorf("data age %v, want about %v", age, want)
	}
}

func TestOpenAPIDocument(t *testing.T) {
	ts := newTestServer(t, Options{})
	resp, b := ts.call(t, http.MethodGet, "/openapi.json", nil)
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	var doc struct {
		OpenAPI    string                    `json:"openapi"`
		Paths      map[string]map[string]any `json:"paths"`
		Components struct {
			Schemas         map[string]any `json:"schemas"`
			SecuritySchemes map[string]any `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	for path, method := range map[string]string{
		"/v1/screen": "post", "/v1/screen/batch": "post", "/v1/text": "post", "/v1/entities/{id}": "get", "/v1/lists": "get",
		"/v1/decisions": "post", "/v1/admin/reload": "post", "/match/{dataset}": "post", "/entities/{id}": "get",
		"/healthz": "get", "/readyz": "get",
	} {
		if _, ok := doc.Paths[path][method]; !ok {
			t.Errorf("the document lacks %s %s", method, path)
		}
	}
	for _, s := range []string{"Entity", "ErrorResponse", "ScreenRequest", "ScreenResponse", "MatchResponse"} {
		if _, ok := doc.Components.Schemas[s]; !ok {
			t.Errorf("the document lacks schema %s", s)
		}
	}
	if _, ok := doc.Components.SecuritySchemes["bearer"]; !ok {
		t.Error("no bearer security scheme")
	}
}

// TestTimeout: a request that takes longer than the per-request timeout
// is answered with a timeout error, not left hanging.
func TestTimeout(t *testing.T) {
	ts := newTestServer(t, Options{Timeout: 30 * time.Millisecond, Workers: 1})
	var in BatchRequest
	for i := range MaxBatch {
		in.Records = append(in.Records, BatchRecord{ID: fmt.Sprint(i), ScreenRequest: ScreenRequest{Name: fmt.Sprintf("Ayman Zawahiri %d", i)}})
	}
	start := time.Now()
	resp, b := ts.call(t, http.MethodPost, "/v1/screen/batch", in)
	if (resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusRequestTimeout) || errorCode(t, b) != CodeTimeout {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the timeout answer took %s", took)
	}
}

// TestEntitySchema keeps entityDoc, which the OpenAPI document describes
// entities with, in step with entity.Entity's JSON.
func TestEntitySchema(t *testing.T) {
	e := &entity.Entity{
		ID: "x-1", Source: "x", SourceIDs: []string{"1"}, Type: entity.Person,
		Names:      []entity.Name{{Full: "A B", Kind: entity.Primary}, {Full: "C", Kind: entity.Alias}},
		BirthDates: []entity.Date{{Year: 1950}}, BirthPlaces: []string{"p"}, Nationalities: []string{"fr"},
		Citizenships: []string{"de"}, Countries: []string{"it"}, Gender: entity.Male,
		Addresses: []entity.Address{{Full: "a"}}, Identifiers: []entity.Identifier{{Type: entity.Passport, Value: "1"}},
		Programs: []string{"P"}, ListedOn: "2020", Positions: []string{"pos"}, Vessel: &entity.Craft{Flag: "pa"},
		Remarks: "r", URL: "u", Datasets: []string{"d"},
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := jsonFields(entityDocType); !reflect.DeepEqual(keys, want) {
		t.Errorf("entity JSON has fields %v, entityDoc %v", keys, want)
	}
}

// lineScanner is a TextScanner for the handler tests: it screens each
// line of the text as a name.
type lineScanner struct{ sc *screen.Screener }

func (l lineScanner) Scan(ctx context.Context, input string, threshold float64) (*TextResult, error) {
	res := &TextResult{}
	start := 0
	for line := range strings.Lines(input) {
		name := strings.TrimSpace(line)
		if name != "" {
			resp, err := l.sc.Screen(ctx, screen.Request{Name: name, Threshold: threshold})
			if err != nil {
				return nil, err
			}
			for _, m := range resp.Matches {
				if m.Match {
					off := start + strings.Index(line, name)
					res.Mentions = append(res.Mentions, TextMention{
						Start: off, End: off + len(name), Text: name, Score: m.Score, MatchedName: m.MatchedName,
						Entity: m.Entity, Explanation: m.Explanation,
					})
				}
			}
		}
		start += len(line)
	}
	return res, nil
}

func TestText(t *testing.T) {
	st := openStore(t)
	newScanner := func(ctx context.Context, sc *screen.Screener) (TextScanner, error) { return lineScanner{sc}, nil }
	ts := newTestServer(t, Options{Text: newScanner, Store: st, Audit: true})
	text := "Nothing here.\nAyman al-Zawahiri\n"
	resp, b := ts.call(t, http.MethodPost, "/v1/text", map[string]any{"text": text})
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	got := decode[TextResult](t, b)
	if len(got.Mentions) == 0 || got.Jurisdictions == nil || got.AuditID == 0 {
		t.Fatalf("%s", b)
	}
	m := got.Mentions[0]
	if text[m.Start:m.End] != m.Text || m.Entity == nil {
		t.Errorf("mention %+v", m)
	}
	rec, err := st.AuditRecord(t.Context(), got.AuditID)
	if err != nil || rec.Kind != store.KindText || len(rec.Results) != len(got.Mentions) || rec.Results[0].Fingerprint == "" {
		t.Errorf("audit record %+v %v", rec, err)
	}
	for _, bad := range []string{`{"text": ""}`, `{"text": "x", "threshold": 7}`, `{"txt": "x"}`} {
		if resp, b := ts.call(t, http.MethodPost, "/v1/text", bad); resp.StatusCode != 422 {
			t.Errorf("%s: %d %s", bad, resp.StatusCode, b)
		}
	}
	// Without a text scanner, /v1/text is unavailable.
	plain := newTestServer(t, Options{})
	if resp, b := plain.call(t, http.MethodPost, "/v1/text", map[string]any{"text": text}); resp.StatusCode != 503 || errorCode(t, b) != CodeUnavailable {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// TestLoadedHook: Options.Loaded runs after each reload that publishes new
// data, and only then.
func TestLoadedHook(t *testing.T) {
	un := loadShared(t, unList)
	var calls atomic.Int32
	var current atomic.Pointer[catalog.Catalog]
	current.Store(un)
	load := func(ctx context.Context) (*catalog.Catalog, []store.Snapshot, error) { return current.Load(), nil, nil }
	ts := newTestServer(t, Options{Load: load, Loaded: func() { calls.Add(1) }})
	if n := calls.Load(); n != 1 {
		t.Fatalf("after the first load: Loaded called %d times, want 1", n)
	}
	if _, err := ts.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("after a reload of unchanged data: Loaded called %d times, want 1", n)
	}
	current.Store(catalog.New(un.Sources[:0:0]))
	if _, err := ts.Reload(t.Context()); err == nil {
		t.Error("reload of an empty catalog succeeded")
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("after a failed reload: Loaded called %d times, want 1", n)
	}
	current.Store(loadShared(t, unList, "lists/us-bis-dpl-2022-09-07.txt"))
	if _, err := ts.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("after a reload of new data: Loaded called %d times, want 2", n)
	}
}
