package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/screen"
)

// benchNames reads the names of the shared screening benchmark: the
// negatives and the positives, interleaved.
func benchNames(tb testing.TB) []string {
	tb.Helper()
	dir := shareddata.Path(tb, "bench/screening")
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(files) == 0 {
		tb.Skipf("no benchmark names in %s", dir)
	}
	var names []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			tb.Fatal(err)
		}
		rows, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		for _, r := range rows[1:] {
			if len(r) > 0 && r[0] != "" {
				names = append(names, r[0])
			}
		}
	}
	return names
}

// benchServer serves every shipped list.
func benchServer(b *testing.B, opts Options) (*Server, []string) {
	b.Helper()
	opts.Load = staticLoad(loadShared(b, "lists"))
	srv, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := srv.Reload(b.Context()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	return srv, benchNames(b)
}

func bodies(names []string) [][]byte {
	out := make([][]byte, len(names))
	for i, n := range names {
		out[i], _ = json.Marshal(ScreenRequest{Name: n})
	}
	return out
}

// BenchmarkScreenHTTP is POST /v1/screen over loopback HTTP, every
// shipped list loaded, the names of the shared screening benchmark, on
// every core: the server's throughput (clients included).
func BenchmarkScreenHTTP(b *testing.B) {
	for _, audit := range []bool{false, true} {
		name := "audit=off"
		if audit {
			name = "audit=on"
		}
		b.Run(name, func(b *testing.B) {
			opts := Options{}
			if audit {
				opts.Store, opts.Audit = openStore(b), true
			}
			srv, names := benchServer(b, opts)
			hs := httptest.NewServer(srv.Handler())
			defer hs.Close()
			reqs := bodies(names)
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			var next atomic.Int64
			b.ReportAllocs()
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					body := reqs[int(next.Add(1))%len(reqs)]
					resp, err := client.Post(hs.URL+"/v1/screen", "application/json", bytes.NewReader(body))
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}

// BenchmarkScreenHandler is POST /v1/screen through the handler without
// a network, on one core: the API's own cost is this minus
// BenchmarkScreenDirect.
func BenchmarkScreenHandler(b *testing.B) {
	srv, names := benchServer(b, Options{})
	reqs := bodies(names)
	h := srv.Handler()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/v1/screen", bytes.NewReader(reqs[i%len(reqs)]))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		i++
	}
}

// BenchmarkScreenDirect is the screening alone, for comparison with
// BenchmarkScreenHandler.
func BenchmarkScreenDirect(b *testing.B) {
	srv, names := benchServer(b, Options{})
	sc := srv.state.Load().screener()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := sc.Screen(b.Context(), screen.Request{Name: names[i%len(names)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
