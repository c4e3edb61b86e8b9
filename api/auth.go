package api

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
)

// EnvAPIKeys names the environment variable holding the API keys,
// separated by commas.
const EnvAPIKeys = "EMBARGO_API_KEYS"

// CallerAnonymous is the caller recorded in the audit log when the server
// runs without API keys.
const CallerAnonymous = "anonymous"

// Keys are the API keys a server accepts. Only their sha256 sums are kept.
// The zero Keys accepts every request (no authentication).
type Keys struct {
	sums [][sha256.Size]byte
	ids  []string
	weak []string // IDs of keys shorter than MinKeyLength
}

// MinKeyLength is the length under which a key is reported as weak: it
// could be guessed.
const MinKeyLength = 16

// ParseKeys reads a comma-separated list of API keys (the value of
// $EMBARGO_API_KEYS). Blanks around keys are ignored; an empty list gives
// no keys.
func ParseKeys(s string) Keys {
	var k Keys
	for _, key := range strings.Split(s, ",") {
		key = strings.TrimSpace(key)
		if key == "" {
			continue
		}
		sum := sha256.Sum256([]byte(key))
		id := KeyID(key)
		k.sums = append(k.sums, sum)
		k.ids = append(k.ids, id)
		if len(key) < MinKeyLength {
			k.weak = append(k.weak, id)
		}
	}
	return k
}

// Weak returns the IDs of the keys shorter than MinKeyLength, which the
// operator should replace with longer random ones (openssl rand -hex 24).
func (k Keys) Weak() []string { return append([]string(nil), k.weak...) }

// KeyID is the ID under which a key's requests are recorded in the audit
// log: "key:" and the first 8 hex digits of the key's sha256. The key
// itself is never recorded.
func KeyID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "key:" + hex.EncodeToString(sum[:4])
}

// Len returns the number of keys.
func (k Keys) Len() int { return len(k.sums) }

// IDs returns the keys' IDs, for the operator to tell them apart.
func (k Keys) IDs() []string { return append([]string(nil), k.ids...) }

// lookup returns the ID of the key a request presents, comparing in
// constant time with every key.
func (k Keys) lookup(token string) (string, bool) {
	sum := sha256.Sum256([]byte(token))
	found := -1
	for i := range k.sums {
		if subtle.ConstantTimeCompare(sum[:], k.sums[i][:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return "", false
	}
	return k.ids[found], true
}

// bearer returns the token of an "Authorization: Bearer TOKEN" header.
// "ApiKey TOKEN", which yente's clients send, is accepted too.
func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok {
		return "", false
	}
	if !strings.EqualFold(scheme, "Bearer") && !strings.EqualFold(scheme, "ApiKey") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

type callerKey struct{}

// withCaller returns ctx carrying the caller's ID.
func withCaller(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, callerKey{}, id)
}

// Caller returns the ID of the caller of a request being served: the API
// key's ID, or CallerAnonymous when the server has no keys.
func Caller(ctx context.Context) string {
	if id, ok := ctx.Value(callerKey{}).(string); ok {
		return id
	}
	return CallerAnonymous
}

// authenticate checks a request's key and returns the caller's ID, or an
// error response.
func (k Keys) authenticate(r *http.Request) (string, *ErrorResponse) {
	if k.Len() == 0 {
		return CallerAnonymous, nil
	}
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", newError(http.StatusUnauthorized, CodeUnauthorized, "this server needs an API key: send the header Authorization: Bearer KEY")
	}
	token, ok := bearer(h)
	if !ok {
		return "", newError(http.StatusUnauthorized, CodeUnauthorized, "the Authorization header must be Bearer KEY")
	}
	id, ok := k.lookup(token)
	if !ok {
		return "", newError(http.StatusUnauthorized, CodeUnauthorized, "the API key is not valid")
	}
	return id, nil
}

// IsLoopback reports whether a listen address ("127.0.0.1:8080",
// "[::1]:8080", "localhost:8080") only accepts connections from this
// machine. An empty host, 0.0.0.0, :: or any other name does not.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
