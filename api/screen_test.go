package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/embargo/embargo/screen"
)

func TestScreen(t *testing.T) {
	ts := newTestServer(t, Options{})
	req := ScreenRequest{Name: "Ayman al-Zawahiri", BirthDate: "1951-06-19", Country: "Egypt", Type: "person"}
	resp, body := ts.call(t, http.MethodPost, "/v1/screen", req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	got := decode[ScreenResponse](t, body)
	if len(got.Matches) == 0 || got.Matches[0].Entity.ID != "un-QDi.006" || !got.Matches[0].Match {
		t.Fatalf("want un-QDi.006 first and a match, got %s", body)
	}
	// The body is the `screen --json` object: what the screener says.
	want, err := ts.state.Load().screener().Screen(t.Context(), req.Request())
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(got.Response)
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("the response differs from screen --json:\ngot  %s\nwant %s", gotJSON, wantJSON)
	}
	if got.AuditID != 0 || resp.Header.Get("X-Audit-ID") != "" {
		t.Errorf("audit ID without an audit log: %d %q", got.AuditID, resp.Header.Get("X-Audit-ID"))
	}
	// Identifiers alone are enough.
	resp, body = ts.call(t, http.MethodPost, "/v1/screen", `{"identifiers": [{"type": "passport", "value": "1084010"}]}`)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("identifiers only: status %d: %s", resp.StatusCode, body)
	}
	// A body sent as curl -d sends it (form content type) is read as JSON.
	r, err := http.NewRequest(http.MethodPost, ts.URL+"/v1/screen", strings.NewReader(`{"name": "Zawahiri"}`))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hr, err := ts.client.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	hr.Body.Close()
	if hr.StatusCode != http.StatusOK {
		t.Errorf("form content type: status %d", hr.StatusCode)
	}
}

// TestScreenErrors sends every kind of bad request: each gets a 4xx with
// the JSON error body (the validating client checks the shape and that
// the status is documented).
func TestScreenErrors(t *testing.T) {
	ts := newTestServer(t, Options{MaxBody: 4096})
	long := strings.Repeat("a", screen.MaxNameLength+1)
	tests := []struct {
		name, method, path, body, contentType string
		status                                int
		code, message                         string
	}{
		{"malformed JSON", "POST", "/v1/screen", `{"name": "Kim"`, "", 400, CodeBadRequest, "not valid JSON"},
		{"not JSON", "POST", "/v1/screen", `name=Kim`, "", 400, CodeBadRequest, "not valid JSON"},
		{"empty body", "POST", "/v1/screen", ``, "", 400, CodeBadRequest, "body is required"},
		{"unknown field", "POST", "/v1/screen", `{"name": "Kim", "nmae": "x"}`, "", 422, CodeInvalidRequest, "nmae"},
		{"wrong type", "POST", "/v1/screen", `{"name": 42}`, "", 422, CodeInvalidRequest, "body.name"},
		{"wrong type in list", "POST", "/v1/screen", `{"name": "Kim", "lists": "un"}`, "", 422, CodeInvalidRequest, "body.lists"},
		{"array body", "POST", "/v1/screen", `[{"name": "Kim"}]`, "", 422, CodeInvalidRequest, "object"},
		{"empty name", "POST", "/v1/screen", `{"name": ""}`, "", 422, CodeInvalidRequest, "name is empty"},
		{"blank name", "POST", "/v1/screen", `{"name": "   "}`, "", 422, CodeInvalidRequest, "name is empty"},
		{"no letters", "POST", "/v1/screen", `{"name": "-- ."}`, "", 422, CodeInvalidRequest, "no letters"},
		{"long name", "POST", "/v1/screen", `{"name": "` + long + `"}`, "", 422, CodeInvalidRequest, "500"},
		{"bad date", "POST", "/v1/screen", `{"name": "Kim", "birth_date": "31/31/1980"}`, "", 422, CodeInvalidRequest, "birth_date"},
		{"bad country", "POST", "/v1/screen", `{"name": "Kim", "country": "Atlantis"}`, "", 422, CodeInvalidRequest, "Atlantis"},
		{"bad type", "POST", "/v1/screen", `{"name": "Kim", "type": "dragon"}`, "", 422, CodeInvalidRequest, "dragon"},
		{"threshold above 1", "POST", "/v1/screen", `{"name": "Kim", "threshold": 2}`, "", 422, CodeInvalidRequest, "threshold"},
		{"negative limit", "POST", "/v1/screen", `{"name": "Kim", "limit": -1}`, "", 422, CodeInvalidRequest, "limit"},
		{"unknown list", "POST", "/v1/screen", `{"name": "Kim", "lists": ["nope"]}`, "", 422, CodeInvalidRequest, "nope"},
		{"empty identifier", "POST", "/v1/screen", `{"identifiers": [{"type": "passport", "value": ""}]}`, "", 422, CodeInvalidRequest, "value"},
		{"unknown query parameter", "POST", "/v1/screen?debug=1", `{"name": "Kim"}`, "", 422, CodeInvalidRequest, "debug"},
		{"XML", "POST", "/v1/screen", `<name>Kim</name>`, "application/xml", 415, CodeUnsupportedType, "application/xml"},
		{"body too large", "POST", "/v1/screen", `{"name": "` + strings.Repeat("x", 5000) + `"}`, "", 413, CodeBodyTooLarge, "larger than the limit"},
		{"wrong method", "GET", "/v1/screen", ``, "", 405, CodeMethodNotAllowed, "POST"},
		{"no such route", "GET", "/v1/nothing", ``, "", 404, CodeNotFound, "/v1/nothing"},
		{"no such entity", "GET", "/v1/entities/un-nothing", ``, "", 404, CodeNotFound, "un-nothing"},
		{"batch of bad records", "POST", "/v1/screen/batch", `{"records": [{"id": "1", "name": "Kim"}, {"id": "2", "name": ""}, {"id": "1", "name": "Ri"}]}`, "", 422, CodeInvalidRequest, `records[1] (id "2"): name is empty; records[2] (id "1")`},
		{"batch record without id", "POST", "/v1/screen/batch", `{"records": [{"name": "Kim"}]}`, "", 422, CodeInvalidRequest, "id"},
		{"batch without records", "POST", "/v1/screen/batch", `{}`, "", 422, CodeInvalidRequest, "records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tt.method, ts.URL+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			} else if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := ts.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var e ErrorResponse
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatalf("status %d, body not JSON: %v", resp.StatusCode, err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status || e.Err.Code != tt.code || !strings.Contains(e.Err.Message, tt.message) {
				t.Errorf("got %d %s %q; want %d %s with %q", resp.StatusCode, e.Err.Code, e.Err.Message, tt.status, tt.code, tt.message)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestBatch(t *testing.T) {
	ts := newTestServer(t, Options{Workers: 3})
	names := []string{"Ayman al-Zawahiri", "John Smith", "Hamza bin Laden", "Ri Won Ho", "Maria Schmidt", "Abu Bakr al-Baghdadi"}
	var in BatchRequest
	for i, n := range names {
		in.Records = append(in.Records, BatchRecord{ID: fmt.Sprintf("r%d", i), ScreenRequest: ScreenRequest{Name: n, Limit: 3}})
	}
	resp, body := ts.call(t, http.MethodPost, "/v1/screen/batch", in)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	got := decode[BatchResponse](t, body)
	if len(got.Results) != len(names) {
		t.Fatalf("%d results for %d records", len(got.Results), len(names))
	}
	sc := ts.state.Load().screener()
	for i, r := range got.Results {
		if r.ID != in.Records[i].ID {
			t.Errorf("result %d has id %q, want %q (input order)", i, r.ID, in.Records[i].ID)
		}
		want, err := sc.Screen(t.Context(), in.Records[i].Request())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ids(r.Matches), ids(want.Matches)) {
			t.Errorf("record %s: matches %v, want %v", r.ID, ids(r.Matches), ids(want.Matches))
		}
	}
	if !slices.Contains(ids(got.Results[0].Matches), "un-QDi.006") {
		t.Errorf("Zawahiri not found: %v", ids(got.Results[0].Matches))
	}
	// An empty batch is answered with no results.
	resp, body = ts.call(t, http.MethodPost, "/v1/screen/batch", `{"records": []}`)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"results":[]`) {
		t.Errorf("empty batch: %d %s", resp.StatusCode, body)
	}
}

func TestBatchTooManyRecords(t *testing.T) {
	ts := newTestServer(t, Options{})
	var b strings.Builder
	b.WriteString(`{"records": [`)
	for i := range MaxBatch + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": "%d", "name": "Kim"}`, i)
	}
	b.WriteString(`]}`)
	resp, body := ts.call(t, http.MethodPost, "/v1/screen/batch", b.String())
	if resp.StatusCode != http.StatusUnprocessableEntity || errorCode(t, body) != CodeInvalidRequest || !strings.Contains(string(body), "10000") {
		t.Errorf("10,001 records: %d %s", resp.StatusCode, body)
	}
}

func ids(ms []screen.Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Entity.ID)
	}
	return out
}

// TestRequestFields keeps ScreenRequest and screen.Request in step: the
// API accepts every field of a screening request, and no other.
func TestRequestFields(t *testing.T) {
	if got, want := jsonFields(reflect.TypeFor[ScreenRequest]()), jsonFields(reflect.TypeFor[screen.Request]()); !reflect.DeepEqual(got, want) {
		t.Errorf("ScreenRequest has fields %v, screen.Request %v", got, want)
	}
}

// jsonFields returns the JSON names of a struct's fields, sorted.
func jsonFields(t reflect.Type) []string {
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
