package api

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
)

const ofacList = "lists/ofac-sdn-2021-07-07"

// yenteResult is a result as yente's clients read it; decoding with
// DisallowUnknownFields off, every field they need must be there.
type yenteResult struct {
	ID           *string                   `json:"id"`
	Caption      *string                   `json:"caption"`
	Schema       *string                   `json:"schema"`
	Properties   map[string][]string       `json:"properties"`
	Datasets     []string                  `json:"datasets"`
	Referents    []string                  `json:"referents"`
	Target       *bool                     `json:"target"`
	Score        *float64                  `json:"score"`
	Match        *bool                     `json:"match"`
	Features     map[string]float64        `json:"features"`
	Explanations map[string]map[string]any `json:"explanations"`
}

type yenteResponse struct {
	Responses map[string]struct {
		Status  int           `json:"status"`
		Results []yenteResult `json:"results"`
		Total   struct {
			Value    *int    `json:"value"`
			Relation *string `json:"relation"`
		} `json:"total"`
		Query struct {
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
		} `json:"query"`
	} `json:"responses"`
	Limit int `json:"limit"`
}

// TestMatchYenteClient replays requests the way yente's Python clients
// send them (nomenklatura's YenteEnricher and the OpenSanctions API
// documentation's example): raw bytes, "Authorization: ApiKey",
// python-requests headers, parameters as Python writes them.
func TestMatchYenteClient(t *testing.T) {
	const key = "yente-client-key-0123456789"
	ts := newTestServer(t, Options{Load: staticLoad(loadShared(t, unList, ofacList)), Keys: ParseKeys(key)})
	requests := []struct {
		name, path, body, query string
		wantID                  string
	}{
		{
			// nomenklatura.enrich.yente.YenteEnricher.match: the entity's
			// matchable properties, the dataset from its configuration.
			name: "YenteEnricher", path: "/match/default?fuzzy=False&threshold=0.7", query: "entity",
			body:   `{"queries": {"entity": {"schema": "Person", "properties": {"name": ["Kim Jong Un"], "birthDate": ["1984-01-08"], "nationality": ["kp"], "gender": ["male"]}}}}`,
			wantID: "ofac-",
		},
		{
			// https://www.opensanctions.org/docs/api/matching/: two queries,
			// an algorithm, a string value instead of a list.
			name: "documentation example", path: "/match/sanctions?algorithm=logic-v2&limit=3", query: "q1",
			body: `{"queries": {"q1": {"schema": "Person", "properties": {"name": "Ayman al-Zawahiri", "birthDate": ["1951"]}},` +
				` "q2": {"schema": "Company", "properties": {"name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"], "registrationNumber": ["84BA99810"]}}}}`,
			wantID: "un-QDi.006",
		},
	}
	for _, tt := range requests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, ts.URL+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("User-Agent", "python-requests/2.32.3")
			req.Header.Set("Accept-Encoding", "gzip, deflate")
			req.Header.Set("Accept", "*/*")
			req.Header.Set("Connection", "keep-alive")
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "ApiKey "+key)
			resp, err := ts.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%d %s", resp.StatusCode, b)
			}
			var got yenteResponse
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			r, ok := got.Responses[tt.query]
			if !ok || r.Status != 200 || r.Total.Value == nil || r.Total.Relation == nil {
				t.Fatalf("no response %q: %s", tt.query, b)
			}
			if !slices.ContainsFunc(r.Results, func(r yenteResult) bool { return r.ID != nil && strings.HasPrefix(*r.ID, tt.wantID) }) {
				t.Fatalf("want %s among the results: %s", tt.wantID, b)
			}
			for _, res := range r.Results {
				if res.ID == nil || res.Caption == nil || res.Schema == nil || res.Properties == nil || res.Datasets == nil ||
					res.Score == nil || res.Match == nil || res.Explanations == nil || res.Features == nil || res.Target == nil {
					t.Fatalf("a result lacks a field yente clients read: %s", b)
				}
				if !*res.Match || *res.Score < 0.7 {
					t.Errorf("result below the threshold returned by default: %v", *res.Score)
				}
				if len(res.Properties["name"]) == 0 || !slices.Contains(res.Properties["topics"], "sanction") {
					t.Errorf("properties: %v", res.Properties)
				}
				if _, ok := res.Explanations["name"]["detail"]; !ok {
					t.Errorf("no name explanation: %v", res.Explanations)
				}
			}
			if len(r.Query.Properties["name"]) == 0 {
				t.Errorf("the query is not echoed: %+v", r.Query)
			}
			if resp.Header.Get("X-Batch-Size") == "" {
				t.Error("no X-Batch-Size header")
			}
		})
	}
}

func TestMatch(t *testing.T) {
	ts := newTestServer(t, Options{Load: staticLoad(loadShared(t, unList, "lists/us-bis-dpl-2022-09-07.txt"))})
	zawahiri := map[string]any{"queries": map[string]any{"z": map[string]any{
		"schema": "Person", "properties": map[string]any{"name": []string{"Ayman al-Zawahiri"}, "birthDate": []string{"1951-06-19"}, "nationality": []string{"Egypt"}},
	}}}
	count := func(b []byte) int {
		r := decode[MatchResponse](t, b)
		return len(r.Responses["z"].Results)
	}
	tests := []struct {
		name, path string
		body       any
		status     int
		code       string
		results    int // -1: any number above 0
	}{
		{"every list", "/match/default", zawahiri, 200, "", -1},
		{"a parameter of a newer yente", "/match/default?newer_option=1", zawahiri, 200, "", -1},
		{"sanctions", "/match/sanctions", zawahiri, 200, "", -1},
		{"one list", "/match/un", zawahiri, 200, "", -1},
		{"another list", "/match/dpl", zawahiri, 200, "", 0},
		{"include_dataset", "/match/default?include_dataset=dpl", zawahiri, 200, "", 0},
		{"exclude_dataset", "/match/default?exclude_dataset=un&exclude_dataset=dpl", zawahiri, 200, "", 0},
		{"exclude_schema", "/match/default?exclude_schema=Person", zawahiri, 200, "", 0},
		{"topics", "/match/default?topics=role.pep", zawahiri, 200, "", 0},
		{"topics sanction", "/match/default?topics=sanction", zawahiri, 200, "", -1},
		{"exclude_entity_ids", "/match/default?exclude_entity_ids=un-QDi.006", zawahiri, 200, "", 0},
		{"unknown dataset", "/match/nothing", zawahiri, 404, CodeUnknownDataset, 0},
		{"no queries", "/match/default", map[string]any{"queries": map[string]any{}}, 422, CodeInvalidRequest, 0},
		{"no queries field", "/match/default", map[string]any{}, 422, CodeInvalidRequest, 0},
		{"unknown schema", "/match/default", map[string]any{"queries": map[string]any{"z": map[string]any{"schema": "Dragon", "properties": map[string]any{"name": "x"}}}}, 422, CodeInvalidRequest, 0},
		{"no name", "/match/default", map[string]any{"queries": map[string]any{"z": map[string]any{"schema": "Person", "properties": map[string]any{"birthDate": "1951"}}}}, 422, CodeInvalidRequest, 0},
		{"property not a list", "/match/default", map[string]any{"queries": map[string]any{"z": map[string]any{"schema": "Person", "properties": map[string]any{"name": map[string]any{"x": 1}}}}}, 422, CodeInvalidRequest, 0},
		{"threshold above 1", "/match/default?threshold=3", zawahiri, 422, CodeInvalidRequest, 0},
		{"limit 0", "/match/default?limit=0", zawahiri, 422, CodeInvalidRequest, 0},
		{"cutoff above 1", "/match/default?cutoff=2", zawahiri, 422, CodeInvalidRequest, 0},
		{"cutoff not a number", "/match/default?cutoff=high", zawahiri, 422, CodeInvalidRequest, 0},
		{"malformed JSON", "/match/default", `{"queries": `, 400, CodeBadRequest, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := ts.call(t, http.MethodPost, tt.path, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("%d %s", resp.StatusCode, b)
			}
			if tt.status != 200 {
				if code := errorCode(t, b); code != tt.code {
					t.Errorf("code %s: %s", code, b)
				}
				return
			}
			n := count(b)
			if tt.results < 0 && n == 0 || tt.results >= 0 && n != tt.results {
				t.Errorf("%d results: %s", n, b)
			}
		})
	}
	// cutoff=0 returns results below the threshold too (not a match);
	// without it, only matches.
	weak := map[string]any{"queries": map[string]any{"z": map[string]any{"schema": "Person", "properties": map[string]any{"name": "Ayman Zawahiri Mohammed"}}}}
	_, b0 := ts.call(t, http.MethodPost, "/match/default?cutoff=0&threshold=0.95&limit=20", weak)
	_, b1 := ts.call(t, http.MethodPost, "/match/default?threshold=0.95&limit=20", weak)
	all, matches := decode[MatchResponse](t, b0).Responses["z"].Results, decode[MatchResponse](t, b1).Responses["z"].Results
	if len(all) <= len(matches) || slices.ContainsFunc(matches, func(r MatchResult) bool { return !r.Match }) || !slices.ContainsFunc(all, func(r MatchResult) bool { return !r.Match }) {
		t.Errorf("cutoff=0: %d results; default: %d results\n%s\n%s", len(all), len(matches), b0, b1)
	}
	// Unreadable dates and countries are left out, as yente does, not
	// refused; extra yente fields are accepted.
	resp, b := ts.call(t, http.MethodPost, "/match/default?cutoff=0.5&threshold=0.9", `{"weights": {"name_literal": 0.8}, "config": {}, "queries": {"z": {"id": "me", "schema": "LegalEntity", "caption": "x", "datasets": ["mine"],
		"properties": {"name": ["Ayman al-Zawahiri", "Aiman Zawahri"], "birthDate": ["not a date", "1951"], "country": ["Atlantis", "eg"], "alias": "Al Zawahiri"}}}}`)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	r := decode[MatchResponse](t, b).Responses["z"]
	if len(r.Results) == 0 || r.Results[0].ID != "un-QDi.006" || r.Query.ID != "me" {
		t.Fatalf("%s", b)
	}
	if ex := r.Results[0].Explanations; ex["birth_date"].Detail == "" || ex["name"].Candidate == "" || ex["name"].Query == "" {
		t.Errorf("explanations %+v", ex)
	}
}

func TestFtMEntity(t *testing.T) {
	cat := loadShared(t, unList, ofacList)
	for _, e := range cat.All() {
		f := NewFtMEntity(e)
		if f.ID != e.ID || f.Caption != e.Caption() || len(f.Properties["name"]) == 0 || !f.Target {
			t.Fatalf("%s: %+v", e.ID, f)
		}
		for p, vs := range f.Properties {
			if len(vs) == 0 {
				t.Fatalf("%s: empty property %s", e.ID, p)
			}
			if !ftmProperties[f.Schema][p] && !ftmProperties["Thing"][p] {
				t.Fatalf("%s: property %s is not on schema %s", e.ID, p, f.Schema)
			}
		}
		for _, d := range f.Properties["birthDate"] {
			if _, err := entity.ParseISODate(d); err != nil || strings.ContainsAny(d, "~/") {
				t.Fatalf("%s: birthDate %q is not an ISO date prefix", e.ID, d)
			}
		}
	}
	// The yente entity endpoint.
	ts := newTestServer(t, Options{Load: staticLoad(cat)})
	resp, b := ts.call(t, http.MethodGet, "/entities/un-QDi.006?nested=true", nil)
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte(`"schema":"Person"`)) {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
	if resp, b := ts.call(t, http.MethodGet, "/entities/nothing", nil); resp.StatusCode != 404 {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// ftmProperties are the FollowTheMoney properties NewFtMEntity may write,
// by schema (Thing's apply to all), from FtM's schema definitions.
var ftmProperties = map[string]map[string]bool{
	"Thing": set("name", "alias", "weakAlias", "previousName", "country", "address", "program", "topics", "sourceUrl", "notes"),
	"Person": set("birthDate", "birthPlace", "nationality", "citizenship", "gender", "position", "idNumber", "passportNumber",
		"taxNumber", "registrationNumber", "swiftBic", "imoNumber", "mmsi", "callSign", "incorporationDate"),
	"Organization": set("incorporationDate", "idNumber", "taxNumber", "registrationNumber", "swiftBic", "imoNumber", "mmsi", "callSign"),
	"LegalEntity":  set("incorporationDate", "idNumber", "taxNumber", "registrationNumber", "swiftBic", "imoNumber", "mmsi", "callSign"),
	"Vessel":       set("imoNumber", "mmsi", "callSign", "registrationNumber", "flag", "type", "tonnage", "grossRegisteredTonnage", "buildDate"),
	"Airplane":     set("registrationNumber", "imoNumber", "mmsi", "callSign", "flag", "type", "buildDate"),
}

func set(vs ...string) map[string]bool {
	m := map[string]bool{}
	for _, v := range vs {
		m[v] = true
	}
	return m
}
