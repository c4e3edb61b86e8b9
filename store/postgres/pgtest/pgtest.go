// Package pgtest starts a throwaway PostgreSQL server for tests: a new
// cluster in a temporary directory (initdb), listening on a Unix socket
// only, run as the "postgres" user when the tests run as root, stopped
// and removed when the tests end.
//
// It looks for the server's programs on PATH, then in
// /usr/lib/postgresql/*/bin (Debian's postgresql package, the newest
// version). When EMBARGO_TEST_DATABASE_URL is set, that server is used
// instead and nothing is started. Where no server can be found or
// started, tests skip with a message that says why and how to install one.
package pgtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names an existing server to test against instead of starting one.
const EnvURL = "EMBARGO_TEST_DATABASE_URL"

// Server is a running test server.
type Server struct {
	// URL connects to the server's "postgres" database as a superuser.
	URL string
	// Dir is the cluster's directory, "" for an external server.
	Dir string

	bin    string
	runAs  *user.User
	mu     sync.Mutex
	nextDB int
}

// Start starts a server, or returns the reason none can be started (for
// a test to skip with). The caller stops it with Stop.
func Start() (*Server, string) {
	if u := os.Getenv(EnvURL); u != "" {
		return &Server{URL: u}, ""
	}
	bin, err := findBin()
	if err != nil {
		return nil, err.Error()
	}
	s := &Server{bin: bin}
	if os.Geteuid() == 0 {
		// The server refuses to run as root.
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, "running as root and there is no postgres user to run the test server as: " + err.Error()
		}
		s.runAs = u
	}
	dir, err := os.MkdirTemp("", "embargo-pg-")
	if err != nil {
		return nil, err.Error()
	}
	s.Dir = dir
	if s.runAs != nil {
		uid, _ := strconv.Atoi(s.runAs.Uid)
		gid, _ := strconv.Atoi(s.runAs.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			s.Stop()
			return nil, err.Error()
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"); err != nil {
		s.Stop()
		return nil, fmt.Sprintf("initdb failed: %v\n%s", err, out)
	}
	const port = 5432 // the socket is in our own directory: no clash
	opts := fmt.Sprintf("-k %s -p %d -c listen_addresses='' -c fsync=on", dir, port)
	if out, err := s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		s.Stop()
		return nil, fmt.Sprintf("pg_ctl start failed: %v\n%s\n%s", err, out, log)
	}
	s.URL = fmt.Sprintf("postgres://postgres@/postgres?host=%s&port=%d&sslmode=disable", dir, port)
	return s, ""
}

// findBin returns the directory of pg_ctl and initdb.
func findBin() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("PostgreSQL server programs (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: " +
		"install them (Debian: apt-get install -y postgresql) or set " + EnvURL + " to a server to test against")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// run runs one of the server's programs, as the postgres user when we are
// root.
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, prog)
	var cmd *exec.Cmd
	if s.runAs != nil {
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			return nil, fmt.Errorf("running as root and runuser is not available to run %s as postgres: %w", prog, err)
		}
		cmd = exec.Command(runuser, append([]string{"-u", s.runAs.Username, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = os.TempDir()
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.Bytes(), err
}

// Stop stops the server and removes its directory.
func (s *Server) Stop() {
	if s.Dir == "" {
		return
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "data", "postmaster.pid")); err == nil {
		s.run("pg_ctl", "-D", filepath.Join(s.Dir, "data"), "-m", "immediate", "-w", "stop")
	}
	os.RemoveAll(s.Dir)
}

// NewDatabase creates an empty schema for one test and returns a URL
// whose search_path selects it, so that tests do not see each other's
// tables.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	s.mu.Lock()
	s.nextDB++
	name := fmt.Sprintf("t%d_%d", os.Getpid(), s.nextDB)
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, s.URL)
	if err != nil {
		t.Fatalf("connecting to the test server: %v", err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("creating schema %s: %v", name, err)
	}
	sep := "?"
	if strings.Contains(s.URL, "?") {
		sep = "&"
	}
	return s.URL + sep + "search_path=" + name
}
