package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"time"
)

// CheckpointSuffix is appended to the output's name to name the
// checkpoint file RunFile keeps beside it while a run is under way.
const CheckpointSuffix = ".checkpoint"

// checkpointVersion is the checkpoint file's format version.
const checkpointVersion = 1

// checkpoint records how far a run got: the input records fully handled,
// and how many bytes of output hold their results, durably written. A run
// resumes by checking that the input, the settings, the lists and the
// output's first OutputBytes bytes are those the checkpoint describes,
// cutting the output there, and reading on from record Records.
type checkpoint struct {
	Version      int       `json:"version"`
	Input        string    `json:"input"`
	InputSize    int64     `json:"input_size"`
	InputSHA256  string    `json:"input_sha256"`
	Settings     string    `json:"settings"`
	DataVersion  string    `json:"data_version"`
	Records      int64     `json:"records"`
	Line         int       `json:"line"`
	OutputBytes  int64     `json:"output_bytes"`
	OutputSHA256 string    `json:"output_sha256"`
	Screened     int64     `json:"screened"`
	Matched      int64     `json:"matched"`
	Skipped      int64     `json:"skipped"`
	Noted        int64     `json:"noted"`
	Started      time.Time `json:"started"`
	Updated      time.Time `json:"updated"`
}

// readCheckpoint reads a checkpoint file; it returns nil and no error
// when there is none.
func readCheckpoint(path string) (*checkpoint, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ck checkpoint
	if err := json.Unmarshal(b, &ck); err != nil {
		return nil, fmt.Errorf("checkpoint %s is damaged: %w", path, err)
	}
	if ck.Version != checkpointVersion {
		return nil, fmt.Errorf("checkpoint %s is of version %d, this embargo writes version %d", path, ck.Version, checkpointVersion)
	}
	return &ck, nil
}

// write replaces the checkpoint file atomically and durably: a temporary
// file, synced, renamed over it, and the directory synced.
func (ck *checkpoint) write(path string) error {
	b, err := json.MarshalIndent(ck, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("writing the checkpoint %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("writing the checkpoint %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the checkpoint %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// fileSummary is an input file's identity: size, sha256 and line count
// (for progress).
type fileSummary struct {
	size  int64
	sum   string
	lines int64
}

// summarize reads a file once for its checksum and line count.
func summarize(path string) (fileSummary, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileSummary{}, err
	}
	defer f.Close()
	h := sha256.New()
	var fs fileSummary
	buf := make([]byte, 256<<10)
	last := byte('\n')
	for {
		n, err := f.Read(buf)
		if n > 0 {
			h.Write(buf[:n])
			fs.lines += int64(bytes.Count(buf[:n], []byte{'\n'}))
			fs.size += int64(n)
			last = buf[n-1]
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fileSummary{}, fmt.Errorf("reading %s: %w", path, err)
		}
	}
	if last != '\n' {
		fs.lines++
	}
	fs.sum = hex.EncodeToString(h.Sum(nil))
	return fs, nil
}

// hashPrefix returns the sha256 state of the first n bytes of f, failing
// when f is shorter.
func hashPrefix(f *os.File, n int64) (hash.Hash, error) {
	h := sha256.New()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	m, err := io.Copy(h, bufio.NewReaderSize(io.LimitReader(f, n), 256<<10))
	if err != nil {
		return nil, err
	}
	if m != n {
		return nil, fmt.Errorf("it holds %d bytes, the checkpoint says %d were written", m, n)
	}
	return h, nil
}

// hashingWriter passes writes to w, counting and hashing them.
type hashingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

// Write writes p, counting and hashing what was written.
func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

func (hw *hashingWriter) sum() string { return hex.EncodeToString(hw.h.Sum(nil)) }
