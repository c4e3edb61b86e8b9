package storetest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/embargo/embargo/store"
)

// CrashChildEnv is set in the environment of the child process of the
// crash test.
const CrashChildEnv = "EMBARGO_STORETEST_CRASH_CHILD"

// IsCrashChild reports whether this process is the child of a crash test.
func IsCrashChild() bool { return os.Getenv(CrashChildEnv) == "1" }

// crashRecords is how many records the child writes at most; the parent
// kills it long before.
const crashRecords = 100000

// killAfter is how many acknowledged records the parent waits for before
// it kills the child.
const killAfter = 40

// CrashChild is the child's side of the crash test: it writes audit
// records one transaction at a time, alternating single records and
// batches of three, and prints "ack ID" on stdout for every record once
// its transaction is committed, until it is killed. The test that calls
// it must return right after.
func CrashChild(t *testing.T, open func(ctx context.Context) (store.Store, error)) {
	ctx := context.Background()
	st, err := open(ctx)
	if err != nil {
		fmt.Println("error", err)
		t.Fatal(err)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; i < crashRecords; {
		n := 1 + 2*(i%2) // 1, 3, 1, 3...
		recs := make([]*store.AuditRecord, n)
		for j := range recs {
			recs[j] = crashRecord(i + j)
		}
		if err := store.Audit(ctx, st, recs...); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			t.Fatal(err)
		}
		for _, r := range recs {
			fmt.Fprintln(out, "ack", r.ID, r.Caller)
		}
		// The acknowledgement must be out of the process before the next
		// write: it is what the parent checks against.
		out.Flush()
		i += n
	}
	st.Close()
}

func crashRecord(seq int) *store.AuditRecord {
	q, _ := json.Marshal(map[string]any{"name": fmt.Sprintf("Customer %d", seq), "seq": seq})
	return &store.AuditRecord{
		Kind: store.KindScreen, Caller: "crash-" + strconv.Itoa(seq), Query: q, DataVersion: "crash-test",
		Results: []store.AuditResult{{EntityID: "ofac-" + strconv.Itoa(seq), Score: 0.9, Match: true, Hash: "h"}},
	}
}

// CrashParent is the parent's side of the crash test: it runs the test
// named testName again in a child process (with env added to its
// environment and CrashChildEnv set), reads its acknowledgements, kills
// it with SIGKILL after a few dozen, then opens the store with reopen and
// checks that every acknowledged record is there, whole.
func CrashParent(t *testing.T, testName string, env []string, reopen func(t *testing.T) store.Store) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+testName+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), env...), CrashChildEnv+"=1")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]string{}
	sc := bufio.NewScanner(stdout)
	killed := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child: %s", line)
		}
		var (
			id     int64
			caller string
		)
		if _, err := fmt.Sscanf(line, "ack %d %s", &id, &caller); err != nil {
			continue // other test output
		}
		acked[id] = caller
		if len(acked) >= killAfter && !killed {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("the child ended before it was killed (%d records acknowledged): %v", len(acked), err)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed by SIGKILL: %v", cmd.ProcessState)
	}
	st := reopen(t)
	defer st.Close()
	for id, caller := range acked {
		r, err := st.AuditRecord(t.Context(), id)
		if err != nil {
			t.Errorf("acknowledged audit record %d is missing after the crash: %v", id, err)
			continue
		}
		seq, _ := strconv.Atoi(strings.TrimPrefix(caller, "crash-"))
		want := crashRecord(seq)
		if r.Caller != caller || string(r.Query) != string(want.Query) || len(r.Results) != 1 || r.Results[0] != want.Results[0] {
			t.Errorf("audit record %d after the crash: %+v, want %+v", id, r, want)
		}
	}
	n := 0
	if err := st.ScanAudit(t.Context(), time.Time{}, func(store.AuditRecord) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	t.Logf("child killed after %d acknowledged records; %d records in the store", len(acked), n)
	if n < len(acked) {
		t.Errorf("the store holds %d records, fewer than the %d acknowledged", n, len(acked))
	}
	// The store is usable after the crash.
	if err := store.Audit(t.Context(), st, crashRecord(-1)); err != nil {
		t.Errorf("writing after the crash: %v", err)
	}
}
