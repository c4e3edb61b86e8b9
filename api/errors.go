package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// Error codes: the "code" of an error response, one per kind of failure a
// client may want to tell apart.
const (
	CodeBadRequest       = "bad_request"            // malformed JSON, unreadable body
	CodeInvalidRequest   = "invalid_request"        // well-formed but invalid: unknown field, wrong type, empty or over-long name, too many records
	CodeUnauthorized     = "unauthorized"           // no API key, or an unknown one
	CodeNotFound         = "not_found"              // no such route or entity
	CodeUnknownDataset   = "unknown_dataset"        // /match/{dataset} names no loaded source
	CodeMethodNotAllowed = "method_not_allowed"     // the route exists for other methods
	CodeBodyTooLarge     = "body_too_large"         // the body is over the limit (--max-body)
	CodeUnsupportedType  = "unsupported_media_type" // a body that is not JSON
	CodeNotAcceptable    = "not_acceptable"         // an Accept header the API cannot satisfy
	CodeTimeout          = "timeout"                // the request took longer than the per-request timeout
	CodeNotReady         = "not_ready"              // the lists are still being loaded and indexed
	CodeAuditFailed      = "audit_failed"           // the screening could not be recorded in the audit log, so no result is given
	CodeUnavailable      = "unavailable"            // a feature this server does not offer (no store, no text scanner)
	CodeInternal         = "internal"               // a bug: please report it
)

// ErrorResponse is the body of every error response,
// {"error": {"code": "...", "message": "..."}}, and the error handlers
// return.
type ErrorResponse struct {
	status int
	// Err says what went wrong.
	Err ErrorBody `json:"error"`
}

// ErrorBody is the error inside an ErrorResponse.
type ErrorBody struct {
	Code    string `json:"code" doc:"What kind of error: bad_request, invalid_request, unauthorized, not_found, unknown_dataset, method_not_allowed, body_too_large, unsupported_media_type, not_acceptable, timeout, not_ready, audit_failed, unavailable or internal." example:"invalid_request"`
	Message string `json:"message" doc:"What went wrong, for a person to read." example:"birth_date: cannot read \"31/31/1980\" as a date"`
}

// Error returns the message.
func (e *ErrorResponse) Error() string { return e.Err.Code + ": " + e.Err.Message }

// GetStatus returns the HTTP status (huma.StatusError).
func (e *ErrorResponse) GetStatus() int { return e.status }

func newError(status int, code, format string, args ...any) *ErrorResponse {
	return &ErrorResponse{status: status, Err: ErrorBody{Code: code, Message: fmt.Sprintf(format, args...)}}
}

// codeFor returns the error code of an HTTP status.
func codeFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return CodeBadRequest
	case http.StatusRequestTimeout:
		return CodeTimeout
	case http.StatusUnauthorized, http.StatusForbidden:
		return CodeUnauthorized
	case http.StatusNotFound:
		return CodeNotFound
	case http.StatusMethodNotAllowed:
		return CodeMethodNotAllowed
	case http.StatusNotAcceptable:
		return CodeNotAcceptable
	case http.StatusRequestEntityTooLarge:
		return CodeBodyTooLarge
	case http.StatusUnsupportedMediaType:
		return CodeUnsupportedType
	case http.StatusUnprocessableEntity:
		return CodeInvalidRequest
	case http.StatusServiceUnavailable:
		return CodeUnavailable
	}
	if status >= 500 {
		return CodeInternal
	}
	return CodeBadRequest
}

// maxDetails bounds how many validation problems one message lists.
const maxDetails = 10

// humaError builds the error huma writes for problems it finds itself
// (malformed JSON, schema violations, an oversized body) in this API's
// shape. It replaces huma.NewError (see init).
func humaError(status int, msg string, errs ...error) huma.StatusError {
	var details []string
	for _, err := range errs {
		if err == nil {
			continue
		}
		var d *huma.ErrorDetail
		if errors.As(err, &d) {
			// d.Value may echo the whole body: leave it out.
			m := d.Message
			if m == "unexpected property" {
				m = "unknown field"
			}
			if d.Location != "" {
				m = d.Location + ": " + m
			}
			details = append(details, m)
			continue
		}
		details = append(details, err.Error())
	}
	switch {
	case status == http.StatusInternalServerError && msg == "cannot read request body":
		// The client sent less than it announced, or hung up: not our fault.
		status, msg = http.StatusBadRequest, "the request body could not be read"
	case status == http.StatusBadRequest && msg == "validation failed":
		msg = "the request body is not valid JSON"
	case status == http.StatusUnprocessableEntity && msg == "validation failed":
		msg = "invalid request"
	case status == http.StatusUnsupportedMediaType:
		msg = "the request body must be JSON (Content-Type: application/json)"
	case status == http.StatusRequestEntityTooLarge:
		msg = "the request body is larger than the limit"
	}
	if len(details) > maxDetails {
		details = append(details[:maxDetails], fmt.Sprintf("and %d more", len(details)-maxDetails))
	}
	if len(details) > 0 {
		msg += ": " + strings.Join(details, "; ")
	}
	return newError(status, codeFor(status), "%s", msg)
}

// init makes huma write its own errors (malformed JSON, schema violations,
// oversized bodies) in this API's error shape. huma.NewError is huma's
// documented hook for a custom error model; it is process-wide, and this
// package is the only user of huma in embargo.
func init() {
	huma.NewError = humaError
	huma.NewErrorWithContext = func(_ huma.Context, status int, msg string, errs ...error) huma.StatusError {
		return humaError(status, msg, errs...)
	}
}
