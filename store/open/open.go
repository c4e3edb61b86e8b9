// Package open opens the store.Store an installation is configured for:
// PostgreSQL when a database URL is given (EMBARGO_DATABASE_URL), else the
// SQLite file embargo.db in the home directory (EMBARGO_HOME, default
// ~/.local/share/embargo).
package open

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/postgres"
	"github.com/embargo/embargo/store/sqlite"
)

// Environment variables read by Config.FromEnv.
const (
	// EnvHome is the home directory (the SQLite database, downloads).
	EnvHome = "EMBARGO_HOME"
	// EnvDatabaseURL selects PostgreSQL: postgres://user:pass@host/db.
	EnvDatabaseURL = "EMBARGO_DATABASE_URL"
)

// Config says which store to open.
type Config struct {
	// Home is the home directory; "" means DefaultHome().
	Home string
	// DatabaseURL, when set, is a postgres:// (or postgresql://) URL: the
	// store is in that PostgreSQL database rather than in Home.
	DatabaseURL string
}

// FromEnv returns the configuration in the environment, home overriding
// EMBARGO_HOME when not "".
func FromEnv(home string) Config {
	if home == "" {
		home = os.Getenv(EnvHome)
	}
	return Config{Home: home, DatabaseURL: os.Getenv(EnvDatabaseURL)}
}

// DefaultHome returns the default home directory: $XDG_DATA_HOME/embargo
// when XDG_DATA_HOME is set, else ~/.local/share/embargo.
func DefaultHome() (string, error) {
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "embargo"), nil
	}
	h, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home directory for the store (set %s or --home): %w", EnvHome, err)
	}
	return filepath.Join(h, ".local", "share", "embargo"), nil
}

// HomeDir returns the configured home directory or the default one.
func (c Config) HomeDir() (string, error) {
	if c.Home != "" {
		return c.Home, nil
	}
	return DefaultHome()
}

// Describe says where the store is, for messages ("/home/x/.local/share/embargo/embargo.db",
// "postgres://host/db"), without the password.
func (c Config) Describe() string {
	if c.DatabaseURL != "" {
		return redact(c.DatabaseURL)
	}
	home, err := c.HomeDir()
	if err != nil {
		return "(no home directory)"
	}
	return filepath.Join(home, sqlite.FileName)
}

// IsPostgres reports whether the configuration selects PostgreSQL.
func (c Config) IsPostgres() bool {
	u := strings.ToLower(c.DatabaseURL)
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// Open opens the configured store, creating the SQLite file and its
// directory if needed.
func Open(ctx context.Context, c Config) (store.Store, error) {
	if c.DatabaseURL != "" {
		if !c.IsPostgres() {
			return nil, fmt.Errorf("%s=%s: only postgres:// URLs are supported", EnvDatabaseURL, redact(c.DatabaseURL))
		}
		st, err := postgres.Open(ctx, c.DatabaseURL)
		if err != nil {
			return nil, fmt.Errorf("opening the store at %s: %w", redact(c.DatabaseURL), err)
		}
		return st, nil
	}
	home, err := c.HomeDir()
	if err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, filepath.Join(home, sqlite.FileName))
	if err != nil {
		return nil, fmt.Errorf("opening the store: %w", err)
	}
	return st, nil
}

// redact hides the password of a database URL.
func redact(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	at := strings.LastIndex(rest, "@")
	slash := strings.Index(rest, "/")
	if at < 0 || (slash >= 0 && slash < at) {
		return u
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return u
	}
	return scheme + "://" + user + ":xxxxx" + rest[at:]
}
