package sqlite

import "context"

// Pragmas returns the journal mode and synchronous setting of a connection.
func Pragmas(ctx context.Context, s *Store) (mode string, sync int) {
	s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	s.db.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
	return mode, sync
}
