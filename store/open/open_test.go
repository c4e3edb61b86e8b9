package open

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embargo/embargo/store/sqlite"
)

func TestRedactHidesThePassword(t *testing.T) {
	tests := map[string]string{
		"postgres://embargo:s3cret@db.internal:5432/embargo?sslmode=require": "postgres://embargo:xxxxx@db.internal:5432/embargo?sslmode=require",
		"postgres://embargo@db.internal/embargo":                             "postgres://embargo@db.internal/embargo",
		"postgres:///embargo?host=/var/run/postgresql":                       "postgres:///embargo?host=/var/run/postgresql",
		"host=db user=embargo":                                               "host=db user=embargo",
	}
	for in, want := range tests {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHomeDirectory(t *testing.T) {
	t.Setenv(EnvHome, "")
	t.Setenv("XDG_DATA_HOME", "/data/xdg")
	if c := FromEnv(""); c.Describe() != "/data/xdg/embargo/"+sqlite.FileName {
		t.Errorf("with XDG_DATA_HOME: %s", c.Describe())
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/analyst")
	if c := FromEnv(""); c.Describe() != "/home/analyst/.local/share/embargo/"+sqlite.FileName {
		t.Errorf("default: %s", c.Describe())
	}
	t.Setenv(EnvHome, "/srv/embargo")
	if c := FromEnv(""); c.Describe() != "/srv/embargo/"+sqlite.FileName {
		t.Errorf("EMBARGO_HOME: %s", c.Describe())
	}
	if c := FromEnv("/opt/x"); c.Describe() != "/opt/x/"+sqlite.FileName {
		t.Errorf("--home: %s", c.Describe())
	}
	t.Setenv(EnvDatabaseURL, "postgres://u:p@h/db")
	if c := FromEnv(""); !c.IsPostgres() || c.Describe() != "postgres://u:xxxxx@h/db" {
		t.Errorf("EMBARGO_DATABASE_URL: %+v", c)
	}
}

func TestOpenCreatesTheSQLiteFile(t *testing.T) {
	home := filepath.Join(t.TempDir(), "new", "home")
	st, err := Open(t.Context(), Config{Home: home})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(filepath.Join(home, sqlite.FileName)); err != nil {
		t.Error(err)
	}
}

func TestOpenRefusesOtherDatabases(t *testing.T) {
	_, err := Open(t.Context(), Config{DatabaseURL: "mysql://u:secret@h/db"})
	if err == nil || !strings.Contains(err.Error(), "only postgres://") || strings.Contains(err.Error(), "secret") {
		t.Errorf("Open(mysql): %v", err)
	}
}
