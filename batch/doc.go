// Package batch screens customer files: every record of a CSV or JSON
// lines file against the lists, on every CPU, with one output row per
// record in input order (RunFile, Run); and, when the lists change, only
// against what changed (Rescreen), to report the customers who now match a
// new or changed designation and those whose match went away.
//
// Reading (NewReader) detects the encoding (UTF-8 with or without a
// byte-order mark, UTF-16, Windows-1252), the format and the CSV
// delimiter, maps columns to fields from common headers or an explicit
// Map, and recovers from malformed records without losing the records
// after them: each is reported as a *RowError with its line number,
// skipped and counted.
//
// A run reads, screens and writes concurrently: one goroutine reads
// records in chunks, workers screen them, and the calling goroutine puts
// them back in input order through a reorder buffer bounded by the chunks
// in flight, so that memory stays flat whatever the file's size. RunFile
// keeps a checkpoint beside its output (the records done, and the size and
// checksum of the output written and synced for them), from which an
// interrupted run resumes without repeating or losing rows.
package batch
