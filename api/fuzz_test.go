package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store/sqlite"
)

// fuzzServer builds a server for a fuzz target: the UN list, a store
// (for decisions) but no audit log, and the line scanner for texts.
func fuzzServer(f *testing.F) *Server {
	f.Helper()
	st, err := sqlite.Open(f.Context(), filepath.Join(f.TempDir(), "embargo.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	srv, err := New(Options{
		Load: staticLoad(loadShared(f, unList)), Store: st,
		Text: func(ctx context.Context, sc *screen.Screener) (TextScanner, error) { return lineScanner{sc}, nil },
	})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := srv.Reload(f.Context()); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close() })
	return srv
}

// checkAnswer fails when a request body made the server fail (5xx) or
// answer something that is not the JSON it documents.
func checkAnswer(t *testing.T, path string, body []byte, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code >= 500 {
		t.Fatalf("%s answered %d to %q: %s", path, rec.Code, body, rec.Body)
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("%s answered %d with invalid JSON to %q: %s", path, rec.Code, body, rec.Body)
	}
	if rec.Code >= 400 {
		var e ErrorResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Err.Code == "" || e.Err.Message == "" {
			t.Fatalf("%s answered %d without the error shape to %q: %s", path, rec.Code, body, rec.Body)
		}
		if !utf8.ValidString(e.Err.Message) {
			t.Fatalf("%s: the error message is not valid UTF-8", path)
		}
	}
}

// FuzzScreenBody sends random bodies to POST /v1/screen: bad input gets a
// 4xx with the JSON error, never a 500.
func FuzzScreenBody(f *testing.F) {
	for _, s := range []string{
		`{"name": "Ayman al-Zawahiri"}`,
		`{"name": "Kim", "birth_date": "1984-01-08", "country": "kp", "type": "person", "gender": "m", "limit": 3, "threshold": 0.5}`,
		`{"identifiers": [{"type": "passport", "value": "1084010", "country": "eg"}], "lists": ["un"]}`,
		`{"name": "Путин Владимир", "birth_date": "~1952"}`,
		`{"name": 1}`, `{"name": null}`, `{}`, `[]`, `null`, `"x"`, `{"name": "\u0000"}`, `{"name": "\ud800"}`,
		`{"name": "x", "birth_date": "1973/1974"}`, `{"name": "x", "limit": 1e300}`, `{"name": "x", "threshold": -0}`,
		`{"name": "x", "country": ",,,"}`, `{"name": "x"} trailing`, `{"name": "x", "name": "y"}`,
	} {
		f.Add([]byte(s))
	}
	srv := fuzzServer(f)
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/v1/screen", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkAnswer(t, "/v1/screen", body, rec)
	})
}

// FuzzBodies sends random bodies to every endpoint that reads one.
func FuzzBodies(f *testing.F) {
	seeds := []struct {
		endpoint uint8
		body     string
	}{
		{0, `{"records": [{"id": "1", "name": "Ayman al-Zawahiri"}, {"id": "2", "name": "Kim", "country": "kp"}]}`},
		{0, `{"records": [{"id": "1", "name": ""}]}`},
		{1, `{"queries": {"q": {"schema": "Person", "properties": {"name": ["Kim Jong Un"], "birthDate": "1984"}}}}`},
		{1, `{"queries": {"q": {"schema": "Vessel", "properties": {"imoNumber": [9187629], "name": [null, {"x": 1}]}}}}`},
		{2, `{"audit_id": 1, "entity_id": "un-QDi.006", "decision": "false-positive"}`},
		{3, `{"text": "Ayman al-Zawahiri", "threshold": 0.8}`},
	}
	for _, s := range seeds {
		f.Add(s.endpoint, []byte(s.body))
	}
	paths := []string{"/v1/screen/batch", "/match/default?limit=3", "/v1/decisions", "/v1/text"}
	srv := fuzzServer(f)
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, endpoint uint8, body []byte) {
		path := paths[int(endpoint)%len(paths)]
		req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkAnswer(t, path, body, rec)
	})
}
