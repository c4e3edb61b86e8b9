package api

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

var bearerAuth = []map[string][]string{{"bearer": {}}}

// register declares every operation.
func (s *Server) register() {
	body := func(op huma.Operation) huma.Operation {
		op.MaxBodyBytes = s.opts.MaxBody + 1 // huma refuses a body of exactly MaxBodyBytes
		op.BodyReadTimeout = s.opts.Timeout
		op.Errors = append(op.Errors, http.StatusBadRequest, http.StatusRequestTimeout, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
		return op
	}
	v1 := func(op huma.Operation) huma.Operation {
		op.Security = bearerAuth
		op.RejectUnknownQueryParameters = true
		op.Errors = append(op.Errors, http.StatusUnauthorized, http.StatusServiceUnavailable)
		return op
	}
	huma.Register(s.api, v1(body(huma.Operation{
		OperationID: "screen", Method: http.MethodPost, Path: "/v1/screen", Tags: []string{"Screening"},
		Summary: "Screen a name",
		Description: "Looks a name up in every loaded list (or those in lists), in any language or script, and returns the " +
			"listed entities that come close, best first, with why: the `screen --json` object. A result whose score is at " +
			"or above the threshold is a match. Birth date, country, gender and identifiers raise or lower the score.",
	})), s.screenOne)
	huma.Register(s.api, v1(body(huma.Operation{
		OperationID: "screenBatch", Method: http.MethodPost, Path: "/v1/screen/batch", Tags: []string{"Screening"},
		Summary: "Screen a batch of records",
		Description: "Screens up to 10,000 records on every core; the results come in the records' order, each with the " +
			"record's id. Every record is validated first: one invalid record rejects the batch with 422, naming it.",
	})), s.screenBatch)
	huma.Register(s.api, v1(body(huma.Operation{
		OperationID: "screenText", Method: http.MethodPost, Path: "/v1/text", Tags: []string{"Screening"},
		Summary: "Find listed parties and sanctioned countries in a text",
		Description: "Reports every mention of a listed person, organisation or vessel in a free text, in any language " +
			"or script, with byte offsets into the UTF-8 text, and mentions of sanctioned countries: the `text --json` object.",
	})), s.scanText)
	huma.Register(s.api, v1(huma.Operation{
		OperationID: "getEntity", Method: http.MethodGet, Path: "/v1/entities/{id}", Tags: []string{"Data"},
		Summary: "Get a listed entity", Description: "Returns a listed entity by its ID, as screening results show it.",
		Errors: []int{http.StatusNotFound},
	}), s.entity)
	huma.Register(s.api, v1(huma.Operation{
		OperationID: "getLists", Method: http.MethodGet, Path: "/v1/lists", Tags: []string{"Data"},
		Summary:     "Show the loaded lists",
		Description: "For each loaded source: its format, entity counts by type, name count, the publisher's date, sha256 and skipped records (the `lists --json` object).",
	}), s.lists)
	huma.Register(s.api, v1(body(huma.Operation{
		OperationID: "decide", Method: http.MethodPost, Path: "/v1/decisions", Tags: []string{"Audit"},
		Summary: "Record an analyst's decision on a screening result", DefaultStatus: http.StatusCreated,
		Description: "Attaches a decision to one result of a recorded screening (audit_id from the screening's response): " +
			"a true match, or a false positive. A false positive is allowlisted at once: later screens of the same query " +
			"(same name, birth date and country, however written) mark the entity as a decided false positive, until its " +
			"designation changes.",
		Errors: []int{http.StatusNotFound},
	})), s.decide)
	huma.Register(s.api, v1(huma.Operation{
		OperationID: "reload", Method: http.MethodPost, Path: "/v1/admin/reload", Tags: []string{"Admin"},
		Summary: "Reload the lists",
		Description: "Loads the lists again (the newest store snapshots, or the --data files) and, when they changed, " +
			"indexes them in the background and swaps them in; requests in flight finish on the old data.",
	}), s.reloadNow)
	// The reload answers 202 when it goes on in the background.
	if op := s.api.OpenAPI().Paths["/v1/admin/reload"].Post; op != nil {
		ok := *op.Responses["200"]
		ok.Description = "Accepted: the reload goes on in the background."
		op.Responses["202"] = &ok
	}

	match := huma.Operation{
		OperationID: "match", Method: http.MethodPost, Path: "/match/{dataset}", Tags: []string{"yente"},
		Summary: "Query by example (compatible with yente)",
		Description: "OpenSanctions yente's matching endpoint: each query is a FollowTheMoney example entity; each " +
			"response lists the matching listed entities as FtM entities with scores and explanations. A client written " +
			"for yente works unchanged.",
		Errors: []int{http.StatusNotFound, http.StatusUnauthorized, http.StatusServiceUnavailable},
	}
	match.Security = bearerAuth
	huma.Register(s.api, body(match), s.match)
	huma.Register(s.api, huma.Operation{
		OperationID: "getFtMEntity", Method: http.MethodGet, Path: "/entities/{id}", Tags: []string{"yente"},
		Summary:     "Get a listed entity as an FtM entity (compatible with yente)",
		Description: "yente's entity endpoint: a listed entity as a FollowTheMoney entity.",
		Security:    bearerAuth,
		Errors:      []int{http.StatusNotFound, http.StatusUnauthorized, http.StatusServiceUnavailable},
	}, s.ftmEntity)

	huma.Register(s.api, huma.Operation{
		OperationID: "healthz", Method: http.MethodGet, Path: "/healthz", Tags: []string{"Operations"},
		Summary: "Liveness", Description: "200 while the server runs. Needs no API key.",
	}, s.healthz)
	describeScreenTypes(s.api.OpenAPI().Components.Schemas)
	huma.Register(s.api, huma.Operation{
		OperationID: "readyz", Method: http.MethodGet, Path: "/readyz", Tags: []string{"Operations"},
		Summary: "Readiness", Description: "200 once the lists are loaded and indexed, 503 before. Needs no API key.",
		Errors: []int{http.StatusServiceUnavailable},
	}, s.readyz)
}

// screenFields describes the fields of the screen package's types, which
// carry no documentation tags of their own.
var screenFields = map[string]map[string]string{
	"response": {
		"query":        "The query as read: the name (trimmed), the type, birth date and country.",
		"data_version": "The data screened against: each source's name and the start of its sha256.",
		"threshold":    "The score from which a result is a match.",
		"matches":      "The listed entities that come close, best first: those at or above the threshold are matches, the others are shown for context.",
	},
	"Match": {
		"score":          "Match score, 0 to 1.",
		"match":          "Whether the score is at or above the threshold: an analyst should look at it.",
		"matched_name":   "The listed name (primary name or alias) that matched best.",
		"entity":         "The listed entity.",
		"explanation":    "Why: which listed name matched, how its parts aligned, and what the birth date, country, gender and identifiers added or took.",
		"false_positive": "An analyst decided this entity was a false positive for this query (POST /v1/decisions), and its designation has not changed since.",
	},
	"QueryEcho": {
		"name": "The name screened.", "type": "The entity type asked for, empty for any.",
		"birth_date": "The birth date given.", "country": "The countries given.",
	},
}

// describeScreenTypes adds screenFields' descriptions to the schemas.
func describeScreenTypes(r huma.Registry) {
	for name, s := range r.Map() {
		fields := screenFields[name]
		switch name {
		case "ScreenResponse", "BatchResult":
			fields = screenFields["response"]
		}
		for prop, doc := range fields {
			if p, ok := s.Properties[prop]; ok && p.Description == "" {
				p.Description = doc
			}
		}
	}
}
