package api

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	const key = "k-0123456789abcdef0123"
	st := openStore(t)
	ts := newTestServer(t, Options{Keys: ParseKeys(" other-0123456789abcdef ," + key + ","), Store: st, Audit: true})
	body := map[string]any{"name": "Ayman al-Zawahiri"}
	tests := []struct {
		name, method, path, auth string
		body                     any
		status                   int
	}{
		{"no header", "POST", "/v1/screen", "", body, 401},
		{"wrong key", "POST", "/v1/screen", "Bearer k-0123456789abcdef0124", body, 401},
		{"key prefix", "POST", "/v1/screen", "Bearer k-0123456789abcdef012", body, 401},
		{"basic auth", "POST", "/v1/screen", "Basic " + key, body, 401},
		{"bearer without key", "POST", "/v1/screen", "Bearer ", body, 401},
		{"bearer", "POST", "/v1/screen", "Bearer " + key, body, 200},
		{"bearer, lower case", "POST", "/v1/screen", "bearer " + key, body, 200},
		{"yente's ApiKey", "POST", "/v1/screen", "ApiKey " + key, body, 200},
		{"lists without key", "GET", "/v1/lists", "", nil, 401},
		{"entity without key", "GET", "/v1/entities/un-QDi.006", "", nil, 401},
		{"match without key", "POST", "/match/default", "", map[string]any{"queries": map[string]any{}}, 401},
		{"unknown route without key", "GET", "/v1/nothing", "", nil, 401},
		{"healthz without key", "GET", "/healthz", "", nil, 200},
		{"readyz without key", "GET", "/readyz", "", nil, 200},
		{"metrics without key", "GET", "/metrics", "", nil, 200},
		{"openapi without key", "GET", "/openapi.json", "", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			if tt.auth != "" {
				h = []string{"Authorization", tt.auth}
			}
			resp, b := ts.call(t, tt.method, tt.path, tt.body, h...)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			if tt.status == 401 {
				if code := errorCode(t, b); code != CodeUnauthorized {
					t.Errorf("code %q", code)
				}
				if resp.Header.Get("WWW-Authenticate") == "" {
					t.Error("no WWW-Authenticate header")
				}
			}
		})
	}
	// The audit log records the key's ID, never the key.
	resp, b := ts.call(t, "POST", "/v1/screen", body, "Authorization", "Bearer "+key)
	got := decode[ScreenResponse](t, b)
	if resp.StatusCode != 200 || got.AuditID == 0 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	rec, err := st.AuditRecord(t.Context(), got.AuditID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Caller != KeyID(key) || !strings.HasPrefix(rec.Caller, "key:") || len(rec.Caller) != len("key:")+8 {
		t.Errorf("caller %q, want %q", rec.Caller, KeyID(key))
	}
}

func TestParseKeys(t *testing.T) {
	k := ParseKeys(" a-very-long-key-0001, short ,, a-very-long-key-0002 ")
	if k.Len() != 3 {
		t.Fatalf("%d keys", k.Len())
	}
	if w := k.Weak(); len(w) != 1 || w[0] != KeyID("short") {
		t.Errorf("weak keys %v", w)
	}
	if ParseKeys("").Len() != 0 || ParseKeys(" , ").Len() != 0 {
		t.Error("an empty list gives keys")
	}
	if id, ok := k.lookup("a-very-long-key-0002"); !ok || id != KeyID("a-very-long-key-0002") {
		t.Errorf("lookup: %q %v", id, ok)
	}
	if _, ok := k.lookup("a-very-long-key-0003"); ok {
		t.Error("an unknown key is accepted")
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3:80": true, "[::1]:8080": true, "localhost:8080": true, "LOCALHOST:1": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "10.0.0.5:8080": false, "example.com:80": false,
		"192.168.1.1:443": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestNoKeysCallerIsAnonymous(t *testing.T) {
	st := openStore(t)
	ts := newTestServer(t, Options{Store: st, Audit: true})
	resp, b := ts.call(t, http.MethodPost, "/v1/screen", map[string]any{"name": "Zawahiri"})
	got := decode[ScreenResponse](t, b)
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	rec, err := st.AuditRecord(t.Context(), got.AuditID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Caller != CallerAnonymous {
		t.Errorf("caller %q", rec.Caller)
	}
}
