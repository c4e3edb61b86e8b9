// Package fetch downloads sanctions lists from their publishers and
// stores them as snapshots: Client downloads one file robustly (timeouts,
// retries with exponential backoff and jitter, a size limit enforced
// while streaming, conditional GET with ETag and Last-Modified, a sha256
// of the bytes, progress), and Puller pulls one source (Spec): it
// downloads its files to a temporary directory, parses them with the
// catalog loader, validates them and imports them with store.Import, so
// that a failed or bad download never replaces the last good snapshot.
//
// The publishers' official URLs are in Sources (sources.go).
package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Defaults of a Client.
const (
	DefaultTimeout        = 2 * time.Minute
	DefaultConnectTimeout = 30 * time.Second
	DefaultMaxSize        = 512 << 20
	DefaultAttempts       = 3
	DefaultBackoff        = time.Second
	// DefaultMaxRetryAfter caps how long a server's Retry-After makes the
	// client wait.
	DefaultMaxRetryAfter = time.Minute
)

// Errors a download fails with, wrapped in an *Error.
var (
	// ErrStatus: the server answered with an error status ("HTTP 503
	// Service Unavailable").
	ErrStatus = errors.New("HTTP")
	// ErrTooLarge: the response is larger than the size limit.
	ErrTooLarge = errors.New("response larger than the size limit")
	// ErrTruncated: the connection ended before the whole response came.
	ErrTruncated = errors.New("response truncated")
	// ErrTimeout: the download took longer than the timeout.
	ErrTimeout = errors.New("timed out")
)

// Error is a failed download.
type Error struct {
	// URL is the address downloaded.
	URL string
	// Status is the HTTP status of the last attempt, 0 when there was
	// none.
	Status int
	// Attempts is how many attempts were made.
	Attempts int
	// Err says what failed; it wraps one of ErrStatus, ErrTooLarge,
	// ErrTruncated and ErrTimeout, or a network error.
	Err error
}

// Error says which URL failed, what failed and after how many attempts.
func (e *Error) Error() string {
	s := "GET " + e.URL + ": " + e.Err.Error()
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	return s
}

// Unwrap returns what failed.
func (e *Error) Unwrap() error { return e.Err }

// Progress shows downloads as they run.
type Progress interface {
	// Start begins showing one download; total is its size in bytes, or
	// -1 when the server did not say.
	Start(label string, total int64) Tracker
}

// Tracker shows the progress of one download.
type Tracker interface {
	// Add counts n more bytes received.
	Add(n int)
	// Done ends the download, with its error if it failed.
	Done(err error)
}

// Client downloads files. Its zero value works with the defaults; use
// NewClient to share connections between downloads.
type Client struct {
	// HTTP is the client used; nil means one with ConnectTimeout, made
	// for each download.
	HTTP *http.Client
	// Timeout bounds each attempt, from the request to the last byte.
	Timeout time.Duration
	// ConnectTimeout bounds connecting (TCP and TLS) when HTTP is nil.
	ConnectTimeout time.Duration
	// MaxSize is the largest response accepted, in bytes.
	MaxSize int64
	// Attempts is the most attempts per download (network errors,
	// timeouts, truncated responses, HTTP 408, 429 and 5xx are retried).
	Attempts int
	// Backoff is the wait before the second attempt; it doubles for each
	// further one, with ±50% jitter. A Retry-After header (up to
	// MaxRetryAfter) replaces it.
	Backoff time.Duration
	// MaxRetryAfter caps the wait a Retry-After header asks for.
	MaxRetryAfter time.Duration
	// UserAgent is sent with each request.
	UserAgent string
	// Progress shows downloads; nil shows nothing.
	Progress Progress
	// Log receives retries; nil discards them.
	Log *slog.Logger
}

// NewClient returns a client with the defaults and an HTTP client of its
// own (proxy from the environment, ConnectTimeout).
func NewClient() *Client {
	c := &Client{}
	c.HTTP = c.newHTTP()
	return c
}

func (c *Client) newHTTP() *http.Client {
	ct := cmpOr(c.ConnectTimeout, DefaultConnectTimeout)
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: ct, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   ct,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          8,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}}
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func (c *Client) log() *slog.Logger {
	if c.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Log
}

// Request is one download.
type Request struct {
	// URL is the address.
	URL string
	// Label names the download in progress lines ("ofac SDN.CSV").
	Label string
	// Dest is the file written (created or truncated).
	Dest string
	// ETag and LastModified, when set, make the request conditional: an
	// unchanged file gives a Result with NotModified and no body.
	ETag, LastModified string
	// Header holds extra request headers (Authorization).
	Header http.Header
}

// Result describes a finished download.
type Result struct {
	// URL is the address downloaded.
	URL string
	// NotModified is true when the server answered 304: Dest was not
	// written.
	NotModified bool
	// Status is the HTTP status.
	Status int
	// ETag and LastModified are the server's validators for the file.
	ETag, LastModified string
	// ContentType is the server's Content-Type.
	ContentType string
	// Size is the number of bytes written to Dest.
	Size int64
	// SHA256 is the hex checksum of the bytes written.
	SHA256 string
	// Attempts is how many attempts it took.
	Attempts int
	// Took is how long the download took, retries included.
	Took time.Duration
}

// Download fetches req.URL into req.Dest, retrying what can be retried.
// A failure returns an *Error; the context's own cancellation is returned
// as is.
func (c *Client) Download(ctx context.Context, req Request) (Result, error) {
	start := time.Now()
	hc := c.HTTP
	if hc == nil {
		hc = c.newHTTP()
		defer hc.CloseIdleConnections()
	}
	attempts := max(cmpOr(c.Attempts, DefaultAttempts), 1)
	backoff := cmpOr(c.Backoff, DefaultBackoff)
	for n := 1; ; n++ {
		res, wait, err := c.attempt(ctx, hc, req)
		res.Attempts = n
		res.Took = time.Since(start)
		if err == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		retry := wait >= 0
		if !retry || n >= attempts {
			return res, &Error{URL: req.URL, Status: res.Status, Attempts: n, Err: err}
		}
		if wait == 0 {
			// Exponential backoff with ±50% jitter.
			d := backoff << (n - 1)
			wait = d/2 + rand.N(d+1)
		}
		c.log().Warn("download failed, retrying", "url", req.URL, "attempt", n, "of", attempts, "error", err, "wait", wait.Round(time.Millisecond))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return res, ctx.Err()
		case <-t.C:
		}
	}
}

// attempt makes one request. wait is -1 when the error must not be
// retried, 0 to retry after the usual backoff, or the wait a Retry-After
// header asked for.
func (c *Client) attempt(ctx context.Context, hc *http.Client, req Request) (res Result, wait time.Duration, err error) {
	res.URL = req.URL
	actx, cancel := context.WithTimeout(ctx, cmpOr(c.Timeout, DefaultTimeout))
	defer cancel()
	hr, err := http.NewRequestWithContext(actx, http.MethodGet, req.URL, nil)
	if err != nil {
		return res, -1, err
	}
	for k, vs := range req.Header {
		for _, v := range vs {
			hr.Header.Add(k, v)
		}
	}
	hr.Header.Set("User-Agent", cmpOr(c.UserAgent, "embargo (sanctions screening)"))
	conditional := req.ETag != "" || req.LastModified != ""
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := hc.Do(hr)
	if err != nil {
		return res, 0, c.netError(ctx, actx, err)
	}
	defer resp.Body.Close()
	res.Status = resp.StatusCode
	res.ETag = resp.Header.Get("ETag")
	res.LastModified = resp.Header.Get("Last-Modified")
	res.ContentType = resp.Header.Get("Content-Type")
	switch {
	case resp.StatusCode == http.StatusNotModified && conditional:
		res.NotModified = true
		if res.ETag == "" {
			res.ETag = req.ETag
		}
		if res.LastModified == "" {
			res.LastModified = req.LastModified
		}
		return res, 0, nil
	case resp.StatusCode == http.StatusOK:
	default:
		err := fmt.Errorf("%w %s%s", ErrStatus, resp.Status, bodySnippet(resp.Body))
		switch {
		case resp.StatusCode == http.StatusRequestTimeout, resp.StatusCode == http.StatusTooManyRequests, resp.StatusCode >= 500:
			return res, c.retryAfter(resp.Header.Get("Retry-After")), err
		}
		return res, -1, err
	}
	maxSize := cmpOr(c.MaxSize, DefaultMaxSize)
	if resp.ContentLength > maxSize {
		return res, -1, fmt.Errorf("%w: the server announces %s, the limit is %s (--max-size)", ErrTooLarge, Size(resp.ContentLength), Size(maxSize))
	}
	f, err := os.Create(req.Dest)
	if err != nil {
		return res, -1, err
	}
	defer f.Close()
	var tr Tracker = nopTracker{}
	if c.Progress != nil {
		tr = c.Progress.Start(cmpOr(req.Label, req.URL), resp.ContentLength)
	}
	sum := sha256.New()
	buf := make([]byte, 64<<10)
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			res.Size += int64(n)
			if res.Size > maxSize {
				err := fmt.Errorf("%w: more than %s received (--max-size)", ErrTooLarge, Size(maxSize))
				tr.Done(err)
				return res, -1, err
			}
			sum.Write(buf[:n])
			if _, err := f.Write(buf[:n]); err != nil {
				tr.Done(err)
				return res, -1, fmt.Errorf("writing %s: %w", req.Dest, err)
			}
			tr.Add(n)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err := c.netError(ctx, actx, rerr)
			if errors.Is(rerr, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("%w: the connection ended after %s", ErrTruncated, Size(res.Size))
				if resp.ContentLength >= 0 {
					err = fmt.Errorf("%w: the connection ended after %s of %s", ErrTruncated, Size(res.Size), Size(resp.ContentLength))
				}
			}
			tr.Done(err)
			return res, 0, err
		}
	}
	if resp.ContentLength >= 0 && res.Size != resp.ContentLength {
		err := fmt.Errorf("%w: received %s of %s", ErrTruncated, Size(res.Size), Size(resp.ContentLength))
		tr.Done(err)
		return res, 0, err
	}
	if err := f.Close(); err != nil {
		tr.Done(err)
		return res, -1, fmt.Errorf("writing %s: %w", req.Dest, err)
	}
	tr.Done(nil)
	res.SHA256 = hex.EncodeToString(sum.Sum(nil))
	return res, 0, nil
}

// netError describes a failed request or read: a timeout of the attempt
// (not a cancellation of the whole download) is ErrTimeout.
func (c *Client) netError(ctx, actx context.Context, err error) error {
	if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w after %s", ErrTimeout, cmpOr(c.Timeout, DefaultTimeout))
	}
	// The *url.Error around it repeats the method and URL, which Error
	// says already.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return err
}

// retryAfter reads a Retry-After header (seconds or an HTTP date), capped
// at MaxRetryAfter; 0 when absent.
func (c *Client) retryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	var d time.Duration
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = time.Until(t)
	}
	if d <= 0 {
		return 0
	}
	return min(d, cmpOr(c.MaxRetryAfter, DefaultMaxRetryAfter))
}

// bodySnippet returns the start of an error response's body, when it is
// text, for the error message.
func bodySnippet(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, 200))
	s := strings.Join(strings.Fields(string(b)), " ")
	if s == "" || !utf8.ValidString(s) {
		return ""
	}
	if len(b) == 200 {
		s += "…"
	}
	return ": " + s
}

// nopTracker shows nothing.
type nopTracker struct{}

// Add does nothing.
func (nopTracker) Add(int) {}

// Done does nothing.
func (nopTracker) Done(error) {}

// Size formats a byte count in binary units ("12.3 MiB").
func Size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// IsNoNetwork reports whether err says the server could not be reached at
// all (its name not resolved, the connection refused or unroutable), as
// on a machine without network access, rather than that it answered
// badly.
func IsNoNetwork(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
