package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embargo/embargo/store"
)

func TestAuditScreen(t *testing.T) {
	st := openStore(t)
	ts := newTestServer(t, Options{Store: st, Audit: true})
	resp, b := ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": "Ayman al-Zawahiri", "birth_date": "1951-06-19", "country": "eg"})
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	got := decode[ScreenResponse](t, b)
	if got.AuditID == 0 || resp.Header.Get("X-Audit-ID") != strconv.FormatInt(got.AuditID, 10) {
		t.Fatalf("audit_id %d, X-Audit-ID %q", got.AuditID, resp.Header.Get("X-Audit-ID"))
	}
	rec, err := st.AuditRecord(t.Context(), got.AuditID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Kind != store.KindScreen || rec.DataVersion != got.DataVersion || rec.Fingerprint != store.Fingerprint("Ayman al-Zawahiri", "1951-06-19", "eg") {
		t.Errorf("record: %+v", rec)
	}
	var q map[string]any
	if err := json.Unmarshal(rec.Query, &q); err != nil || q["name"] != "Ayman al-Zawahiri" || q["threshold"] != 0.7 {
		t.Errorf("query %s (%v)", rec.Query, err)
	}
	if len(rec.Results) != len(got.Matches) {
		t.Fatalf("%d results recorded, %d returned", len(rec.Results), len(got.Matches))
	}
	for i, r := range rec.Results {
		m := got.Matches[i]
		if r.EntityID != m.Entity.ID || r.Score != m.Score || r.Match != m.Match || r.Hash != store.EntityHash(m.Entity) {
			t.Errorf("result %d: recorded %+v, returned %s %v %v", i, r, m.Entity.ID, m.Score, m.Match)
		}
	}
}

func TestAuditBatch(t *testing.T) {
	st := openStore(t)
	ts := newTestServer(t, Options{Store: st, Audit: true})
	var in BatchRequest
	for i := range 50 {
		in.Records = append(in.Records, BatchRecord{ID: fmt.Sprintf("c-%d", i), ScreenRequest: ScreenRequest{Name: fmt.Sprintf("Zawahiri %d", i)}})
	}
	resp, b := ts.call(t, http.MethodPost, "/v1/screen/batch", in)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	got := decode[BatchResponse](t, b)
	seen := map[int64]bool{}
	for i, r := range got.Results {
		if r.AuditID == 0 || seen[r.AuditID] {
			t.Fatalf("result %d: audit_id %d (zero or repeated)", i, r.AuditID)
		}
		seen[r.AuditID] = true
		rec, err := st.AuditRecord(t.Context(), r.AuditID)
		if err != nil {
			t.Fatal(err)
		}
		var q struct{ ID, Name string }
		if err := json.Unmarshal(rec.Query, &q); err != nil || q.ID != r.ID || q.Name != in.Records[i].Name || rec.Kind != store.KindBatch {
			t.Errorf("record of %s: kind %s, query %s", r.ID, rec.Kind, rec.Query)
		}
	}
}

func TestDecisions(t *testing.T) {
	st := openStore(t)
	ts := newTestServer(t, Options{Store: st, Audit: true})
	query := map[string]any{"name": "Ayman al-Zawahiri", "birth_date": "1951-06-19"}
	_, b := ts.call(t, http.MethodPost, "/v1/screen", query)
	first := decode[ScreenResponse](t, b)
	if len(first.Matches) == 0 || first.Matches[0].FalsePositive {
		t.Fatalf("%s", b)
	}
	target := first.Matches[0].Entity.ID

	tests := []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"unknown record", map[string]any{"audit_id": 999999, "entity_id": target, "decision": "false-positive"}, 404, CodeNotFound},
		{"entity not in the record", map[string]any{"audit_id": first.AuditID, "entity_id": "un-nothing", "decision": "false-positive"}, 404, CodeNotFound},
		{"bad verdict", map[string]any{"audit_id": first.AuditID, "entity_id": target, "decision": "maybe"}, 422, CodeInvalidRequest},
		{"no entity", map[string]any{"audit_id": first.AuditID, "decision": "true-match"}, 422, CodeInvalidRequest},
		{"unknown field", map[string]any{"audit_id": first.AuditID, "entity_id": target, "decision": "true-match", "verdict": "x"}, 422, CodeInvalidRequest},
	}
	for _, tt := range tests {
		resp, b := ts.call(t, http.MethodPost, "/v1/decisions", tt.body)
		if resp.StatusCode != tt.status || errorCode(t, b) != tt.code {
			t.Errorf("%s: %d %s", tt.name, resp.StatusCode, b)
		}
	}

	resp, b := ts.call(t, http.MethodPost, "/v1/decisions", map[string]any{
		"audit_id": first.AuditID, "entity_id": target, "decision": "false-positive", "note": "born 1981, Canadian",
	})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	d := decode[store.Decision](t, b)
	if d.ID == 0 || d.Decision != store.FalsePositive || d.By != CallerAnonymous || d.EntityHash == "" {
		t.Errorf("decision %+v", d)
	}
	// The same query, written another way, is now marked; another query
	// is not.
	_, b = ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": "AL-ZAWAHIRI, Ayman", "birth_date": "19 June 1951"})
	again := decode[ScreenResponse](t, b)
	if len(again.Matches) == 0 || again.Matches[0].Entity.ID != target || !again.Matches[0].FalsePositive {
		t.Errorf("not marked as a decided false positive: %s", b)
	}
	rec, err := st.AuditRecord(t.Context(), again.AuditID)
	if err != nil || len(rec.Results) == 0 || !rec.Results[0].Allowlisted {
		t.Errorf("the audit record does not say allowlisted: %+v %v", rec.Results, err)
	}
	_, b = ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": "Ayman al-Zawahiri", "birth_date": "1960"})
	other := decode[ScreenResponse](t, b)
	for _, m := range other.Matches {
		if m.FalsePositive {
			t.Errorf("another query is marked: %s", b)
		}
	}
	// A reload keeps the decision (it is read from the store).
	if _, err := ts.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, b = ts.call(t, http.MethodPost, "/v1/screen", query)
	if after := decode[ScreenResponse](t, b); len(after.Matches) == 0 || !after.Matches[0].FalsePositive {
		t.Errorf("the decision is lost after a reload: %s", b)
	}
}

func TestDecisionsWithoutStore(t *testing.T) {
	ts := newTestServer(t, Options{})
	resp, b := ts.call(t, http.MethodPost, "/v1/decisions", map[string]any{"audit_id": 1, "entity_id": "un-QDi.006", "decision": "true-match"})
	if resp.StatusCode != http.StatusServiceUnavailable || errorCode(t, b) != CodeUnavailable {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// failingStore is a store whose audit log cannot be written (a full
// disk, a lost database).
type failingStore struct {
	store.Store
	calls atomic.Int64
	delay time.Duration
	fail  bool
}

func (f *failingStore) AppendAudit(ctx context.Context, recs ...*store.AuditRecord) error {
	f.calls.Add(1)
	time.Sleep(f.delay)
	if f.fail {
		return errors.New("disk full")
	}
	return f.Store.AppendAudit(ctx, recs...)
}

func TestAuditFailureWithholdsTheResult(t *testing.T) {
	st := &failingStore{Store: openStore(t), fail: true}
	ts := newTestServer(t, Options{Store: st, Audit: true})
	resp, b := ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": "Ayman al-Zawahiri"})
	if resp.StatusCode != http.StatusServiceUnavailable || errorCode(t, b) != CodeAuditFailed {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	if len(b) > 400 {
		t.Errorf("the error holds more than an error: %s", b)
	}
}

// TestGroupCommit writes from many goroutines to a slow store: the
// records share transactions, and every writer learns its IDs.
func TestGroupCommit(t *testing.T) {
	st := &failingStore{Store: openStore(t), delay: 50 * time.Millisecond}
	srv, err := New(Options{Load: staticLoad(loadShared(t, unList)), Store: st, Audit: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	const writers = 40
	var wg sync.WaitGroup
	ids := make([]int64, writers)
	for i := range writers {
		wg.Go(func() {
			rec := &store.AuditRecord{Kind: store.KindScreen, Query: json.RawMessage(fmt.Sprintf(`{"name": "n%d"}`, i))}
			if err := srv.audit.write(t.Context(), rec); err != nil {
				t.Error(err)
			}
			ids[i] = rec.ID
		})
	}
	wg.Wait()
	seen := map[int64]bool{}
	for i, id := range ids {
		if id == 0 || seen[id] {
			t.Fatalf("writer %d got ID %d", i, id)
		}
		seen[id] = true
		rec, err := st.AuditRecord(t.Context(), id)
		if err != nil || string(rec.Query) != fmt.Sprintf(`{"name":"n%d"}`, i) && string(rec.Query) != fmt.Sprintf(`{"name": "n%d"}`, i) {
			t.Errorf("record %d: %s %v", id, rec.Query, err)
		}
	}
	if n := st.calls.Load(); n >= writers/2 {
		t.Errorf("%d transactions for %d concurrent writers: no grouping", n, writers)
	}
	// After Close, writes are refused, and nothing is lost before.
	srv.Close()
	if err := srv.audit.write(context.Background(), &store.AuditRecord{Kind: "screen"}); err == nil {
		t.Error("a write after close succeeded")
	}
}
