package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"

	"github.com/embargo/embargo/country"
	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/index"
	"github.com/embargo/embargo/match"
	"github.com/embargo/embargo/screen"
	"github.com/embargo/embargo/store"
)

// This file is the part of the API compatible with OpenSanctions' yente:
// POST /match/{dataset} and GET /entities/{id}, with FollowTheMoney (FtM)
// entities. A client written for yente (its Python client, nomenklatura's
// YenteEnricher, a firm's own) works unchanged: the request and response
// shapes, the query parameters and the "Authorization: ApiKey KEY" header
// are yente's.

// Yente's defaults and bounds for /match.
const (
	matchDefaultLimit = 5
	matchMaxLimit     = 500
)

// MatchRequest is the body of POST /match/{dataset}: yente's
// EntityMatchQuery.
type MatchRequest struct {
	_       struct{}              `additionalProperties:"true"`
	Queries map[string]MatchQuery `json:"queries" doc:"The entities to look for, by a key of the caller's choosing; the responses carry the same keys."`
	Weights map[string]float64    `json:"weights,omitempty" doc:"Accepted for compatibility with yente; embargo's matcher has its own calibrated weights."`
	Config  map[string]any        `json:"config,omitempty" doc:"Accepted for compatibility with yente; ignored."`
}

// MatchQuery is one query of a /match request: an example entity, as
// yente's EntityExample.
type MatchQuery struct {
	_          struct{}                  `additionalProperties:"true"`
	ID         string                    `json:"id,omitempty" maxLength:"300" doc:"The caller's ID for the entity, echoed in the query."`
	Schema     string                    `json:"schema" maxLength:"50" doc:"FollowTheMoney schema: Person, Organization, Company, LegalEntity, PublicBody, Vessel, Airplane, Thing." example:"Person"`
	Properties map[string]PropertyValues `json:"properties" doc:"FollowTheMoney properties, each a value or a list of values. Read: name, alias, weakAlias, previousName (or firstName, middleName, fatherName, lastName), birthDate, incorporationDate, nationality, citizenship, country, jurisdiction, gender, idNumber, passportNumber, taxNumber, vatCode, registrationNumber, innCode, ogrnCode, leiCode, imoNumber, mmsi, callSign, swiftBic; others are ignored." example:"{\"name\":[\"Kim Jong Un\"],\"birthDate\":[\"1984-01-08\"],\"nationality\":[\"kp\"]}"`
}

// PropertyValues are the values of one FtM property. JSON may give them
// as a list or as one string; numbers are read as their text, other
// values (nested entities, nulls) are ignored.
type PropertyValues []string

// UnmarshalJSON reads a value or a list of values.
func (p *PropertyValues) UnmarshalJSON(b []byte) error {
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*p = PropertyValues{}
	add := func(v any) {
		switch v := v.(type) {
		case string:
			*p = append(*p, v)
		case float64:
			*p = append(*p, strconv.FormatFloat(v, 'f', -1, 64))
		case bool:
			*p = append(*p, strconv.FormatBool(v))
		}
	}
	if list, ok := raw.([]any); ok {
		for _, v := range list {
			add(v)
		}
		return nil
	}
	add(raw)
	return nil
}

// Schema describes a value or a list of values (huma.SchemaProvider).
func (PropertyValues) Schema(r huma.Registry) *huma.Schema {
	return &huma.Schema{
		Description: "A value, or a list of values.",
		OneOf: []*huma.Schema{
			{Type: huma.TypeString},
			{Type: huma.TypeNumber},
			{Type: huma.TypeBoolean},
			{Type: huma.TypeArray, Items: &huma.Schema{}},
		},
	}
}

// MatchResponse is the answer to POST /match/{dataset}: yente's
// EntityMatchResponse.
type MatchResponse struct {
	Responses map[string]MatchQueryResponse `json:"responses" doc:"One response per query, by the query's key."`
	Limit     int                           `json:"limit" doc:"The most results per query." example:"5"`
}

// MatchQueryResponse is the answer to one query: yente's EntityMatches.
type MatchQueryResponse struct {
	Status  int           `json:"status" doc:"200." example:"200"`
	Results []MatchResult `json:"results" doc:"The listed entities that match, best first."`
	Total   MatchTotal    `json:"total" doc:"How many results there are."`
	Query   MatchEcho     `json:"query" doc:"The query, as read."`
	AuditID int64         `json:"audit_id,omitempty" doc:"The audit log record of this query's screening (absent when the audit log is off)."`
}

// MatchTotal counts results, as yente's TotalSpec.
type MatchTotal struct {
	Value    int    `json:"value" doc:"The number of results." example:"1"`
	Relation string `json:"relation" doc:"eq, or gte when there are more results than the limit." example:"eq"`
}

// MatchEcho is a query as read, as yente's EntityExample.
type MatchEcho struct {
	ID         string              `json:"id,omitempty" doc:"The caller's ID for the entity."`
	Schema     string              `json:"schema" doc:"The FtM schema." example:"Person"`
	Properties map[string][]string `json:"properties" doc:"The properties."`
}

// FtMEntity is a listed entity as a FollowTheMoney entity, as yente's
// EntityResponse.
type FtMEntity struct {
	ID         string              `json:"id" doc:"The entity's ID." example:"ofac-20157"`
	Caption    string              `json:"caption" doc:"The entity's primary name." example:"KIM, Jong Un"`
	Schema     string              `json:"schema" doc:"Person, Organization, Vessel, Airplane or LegalEntity." example:"Person"`
	Properties map[string][]string `json:"properties" doc:"FtM properties: name, alias, weakAlias, previousName, birthDate, birthPlace, nationality, citizenship, country, gender, address, position, idNumber, passportNumber, taxNumber, registrationNumber, imoNumber, mmsi, callSign, swiftBic, flag, program, topics, sourceUrl, notes."`
	Datasets   []string            `json:"datasets" doc:"The lists it is on." example:"[\"ofac\"]"`
	Referents  []string            `json:"referents" doc:"The publisher's own identifiers."`
	Target     bool                `json:"target" doc:"true: a listed (targeted) entity."`
}

// MatchResult is one result of a query, as yente's ScoredEntityResponse.
type MatchResult struct {
	FtMEntity
	Score        float64                  `json:"score" doc:"Match score, 0 to 1." example:"0.97"`
	Match        bool                     `json:"match" doc:"Whether the score is at or above the threshold."`
	Features     map[string]float64       `json:"features" doc:"The score of each feature (deprecated in yente for explanations)."`
	Explanations map[string]FeatureResult `json:"explanations" doc:"Each feature's score and how it was reached: name, birth_date, country, gender, identifier."`
	// FalsePositive marks a result an analyst decided was a false positive
	// for this query, while the designation is unchanged.
	FalsePositive bool `json:"false_positive,omitempty" doc:"An analyst decided this result was a false positive for this query, and the designation has not changed since."`
}

// FeatureResult explains one feature of a score, as nomenklatura's
// FeatureResult.
type FeatureResult struct {
	Score     float64 `json:"score" doc:"The feature's score (for name) or its effect on the score (others)."`
	Detail    string  `json:"detail" doc:"How it was reached."`
	Query     string  `json:"query,omitempty" doc:"The query's value that was compared."`
	Candidate string  `json:"candidate,omitempty" doc:"The listed value it was compared with."`
}

type matchInput struct {
	Dataset          string        `path:"dataset" maxLength:"100" doc:"default or sanctions: every loaded list; else a source's name (GET /v1/lists)." example:"default"`
	Threshold        float64       `query:"threshold" default:"0.7" minimum:"0" maximum:"1" doc:"Score from which a result is a match."`
	Cutoff           optionalFloat `query:"cutoff" doc:"Lowest score of a result returned at all (deprecated in yente); default: the threshold."`
	Limit            int           `query:"limit" default:"5" minimum:"1" maximum:"500" doc:"Most results per query."`
	Algorithm        string        `query:"algorithm" maxLength:"100" doc:"Accepted for compatibility with yente; embargo's matcher scores every query."`
	IncludeDataset   []string      `query:"include_dataset,explode" maxItems:"100" doc:"Only results from these lists."`
	ExcludeDataset   []string      `query:"exclude_dataset,explode" maxItems:"100" doc:"No results from these lists."`
	ExcludeSchema    []string      `query:"exclude_schema,explode" maxItems:"20" doc:"No results of these schemas."`
	Topics           []string      `query:"topics,explode" maxItems:"20" doc:"Only results with one of these topics (every listed entity has the topic sanction)."`
	ExcludeEntityIDs []string      `query:"exclude_entity_ids,explode" maxItems:"50" doc:"No results with these IDs (decided false positives, say)."`
	ChangedSince     string        `query:"changed_since" maxLength:"40" doc:"Accepted for compatibility with yente; ignored."`
	Fuzzy            bool          `query:"fuzzy" doc:"Accepted for compatibility with yente; ignored."`
	Body             MatchRequest
}

// optionalFloat is a query parameter that may be absent.
type optionalFloat struct {
	Value float64
	IsSet bool
}

// Receiver implements huma.ParamWrapper.
func (o *optionalFloat) Receiver() reflect.Value { return reflect.ValueOf(o).Elem().Field(0) }

// Schema describes a score (huma.SchemaProvider).
func (optionalFloat) Schema(huma.Registry) *huma.Schema {
	zero, one := 0.0, 1.0
	return &huma.Schema{Type: huma.TypeNumber, Minimum: &zero, Maximum: &one}
}

// OnParamSet implements huma.ParamReactor.
func (o *optionalFloat) OnParamSet(isSet bool, _ any) { o.IsSet = isSet }

type matchOutput struct {
	BatchSize string `header:"X-Batch-Size" doc:"The number of queries answered."`
	AuditID   string `header:"X-Audit-ID" doc:"The audit log record, when the request had one query."`
	Body      MatchResponse
}

// ftmSchemas maps FtM schemas to the entity type a query screens for.
var ftmSchemas = map[string]entity.Type{
	"Person": entity.Person, "Organization": entity.Organization, "Company": entity.Organization,
	"PublicBody": entity.Organization, "Vessel": entity.Vessel, "Airplane": entity.Aircraft,
	"LegalEntity": entity.Unknown, "Thing": entity.Unknown, "Vehicle": entity.Unknown,
}

// ftmIdentifiers maps FtM identifier properties to identifier types.
var ftmIdentifiers = map[string]entity.IDType{
	"idNumber": entity.NationalID, "socialSecurityNumber": entity.NationalID, "passportNumber": entity.Passport,
	"taxNumber": entity.TaxID, "vatCode": entity.TaxID, "innCode": entity.TaxID,
	"registrationNumber": entity.Registration, "ogrnCode": entity.Registration, "leiCode": entity.Registration,
	"dunsCode": entity.Registration, "okpoCode": entity.Registration,
	"imoNumber": entity.IMO, "mmsi": entity.MMSI, "callSign": entity.CallSign, "swiftBic": entity.BIC, "bicCode": entity.BIC,
}

// matchQuery is a /match query made ready to run.
type matchQuery struct {
	key  string
	q    *MatchQuery
	prep *screen.Prepared
	echo MatchEcho
	hits []index.Hit
}

// prepareMatch reads one FtM query into a prepared screening.
func prepareMatch(sc *screen.Screener, key string, q *MatchQuery, lists []string, limit int, threshold, cutoff float64) (*matchQuery, error) {
	t, ok := ftmSchemas[q.Schema]
	if !ok {
		known := make([]string, 0, len(ftmSchemas))
		for k := range ftmSchemas {
			known = append(known, k)
		}
		sort.Strings(known)
		return nil, fmt.Errorf("schema %q is not one embargo screens (%s)", q.Schema, strings.Join(known, ", "))
	}
	prop := func(names ...string) []string {
		var out []string
		for _, n := range names {
			for _, v := range q.Properties[n] {
				if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
		return out
	}
	names := prop("name", "alias", "previousName", "weakAlias", "abbreviation")
	if len(names) == 0 {
		if full := strings.Join(prop("firstName", "secondName", "middleName", "fatherName", "lastName"), " "); full != "" {
			names = []string{full}
		}
	}
	for _, n := range names {
		if utf8.RuneCountInString(n) > screen.MaxNameLength {
			return nil, fmt.Errorf("a name is longer than %d characters", screen.MaxNameLength)
		}
		if !utf8.ValidString(n) {
			return nil, fmt.Errorf("a name is not valid UTF-8")
		}
	}
	// Like yente (FtM cleans values by type), values that cannot be read
	// as a date or a country are left out rather than refused.
	var dates []entity.Date
	var dateText []string
	for _, d := range prop("birthDate", "incorporationDate") {
		if v, err := entity.ParseDate(d); err == nil {
			dates = append(dates, v)
			dateText = append(dateText, d)
		}
	}
	var countries []string
	for _, c := range prop("nationality", "citizenship", "country", "jurisdiction", "mainCountry", "birthCountry", "flag") {
		if code := country.Code(c); code != "" && !slices.Contains(countries, code) {
			countries = append(countries, code)
		}
	}
	req := screen.Request{Type: string(t), Country: strings.Join(countries, ","), Lists: lists, Limit: limit + 1, Threshold: threshold}
	if len(names) > 0 {
		req.Name = names[0]
	}
	if len(dateText) > 0 {
		req.BirthDate = dateText[0]
	}
	if g := prop("gender"); len(g) > 0 && entity.ParseGender(g[0]) != "" {
		req.Gender = g[0]
	}
	props := make([]string, 0, len(ftmIdentifiers))
	for p := range ftmIdentifiers {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		for _, v := range prop(p) {
			req.Identifiers = append(req.Identifiers, entity.Identifier{Type: ftmIdentifiers[p], Value: v})
		}
	}
	if req.Name == "" && len(req.Identifiers) == 0 {
		return nil, fmt.Errorf("it has no name (name, alias, firstName/lastName...) and no identifier to screen")
	}
	prep, err := sc.Prepare(req)
	if err != nil {
		return nil, err
	}
	if len(names) > 1 || len(dates) > 1 {
		mq := prep.Query.Query
		mq.Names = names
		mq.BirthDates = dates
		prep.Query = match.Analyze(mq)
	}
	prep.Options.MinScore = max(min(cutoff, threshold), 0.3)
	echo := MatchEcho{ID: q.ID, Schema: q.Schema, Properties: map[string][]string{}}
	for k, v := range q.Properties {
		echo.Properties[k] = []string(v)
	}
	return &matchQuery{key: key, q: q, prep: prep, echo: echo}, nil
}

// datasetSources returns the sources a /match request screens: every
// loaded one for "default" and "sanctions", else the named source, then
// include_dataset and exclude_dataset applied. nil means every source.
func datasetSources(sc *screen.Screener, dataset string, include, exclude []string) ([]string, error) {
	all := sc.SourceNames()
	var lists []string
	switch dataset {
	case "default", "sanctions":
		lists = all
	default:
		if !slices.Contains(all, dataset) {
			return nil, newError(http.StatusNotFound, CodeUnknownDataset, "dataset %q is not loaded: use default or sanctions for every list, or one of %s",
				dataset, strings.Join(all, ", "))
		}
		lists = []string{dataset}
	}
	if len(include) > 0 {
		lists = slices.DeleteFunc(lists, func(l string) bool { return !slices.Contains(include, l) })
	}
	if len(exclude) > 0 {
		lists = slices.DeleteFunc(lists, func(l string) bool { return slices.Contains(exclude, l) })
	}
	if len(lists) == 0 {
		return []string{}, nil
	}
	if len(lists) == len(all) {
		return nil, nil
	}
	return lists, nil
}

// matchAuditQuery is a /match query as the audit log keeps it: the FtM
// query, and the screening fields it was read as.
type matchAuditQuery struct {
	Dataset   string         `json:"dataset"`
	Key       string         `json:"key"`
	Query     MatchEcho      `json:"ftm"`
	Request   screen.Request `json:"request"`
	Name      string         `json:"name"`
	BirthDate string         `json:"birth_date,omitempty"`
	Country   string         `json:"country,omitempty"`
	Cutoff    float64        `json:"cutoff"`
}

// match answers POST /match/{dataset}.
func (s *Server) match(ctx context.Context, in *matchInput) (*matchOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	sc := st.screener()
	lists, err := datasetSources(sc, in.Dataset, in.IncludeDataset, in.ExcludeDataset)
	if err != nil {
		return nil, err
	}
	queries := in.Body.Queries
	if len(queries) == 0 {
		return nil, newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "no queries provided")
	}
	if len(queries) > MaxMatchQueries {
		return nil, newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "%d queries in one request; at most %d are allowed", len(queries), MaxMatchQueries)
	}
	cutoff := in.Threshold
	if in.Cutoff.IsSet {
		cutoff = min(in.Cutoff.Value, in.Threshold)
	}
	keys := make([]string, 0, len(queries))
	for k := range queries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	mqs := make([]*matchQuery, len(keys))
	for i, k := range keys {
		q := queries[k]
		if lists != nil && len(lists) == 0 {
			// Every list was excluded: nothing can match.
			mqs[i] = &matchQuery{key: k, q: &q}
			continue
		}
		mq, err := prepareMatch(sc, k, &q, lists, in.Limit, in.Threshold, cutoff)
		if err != nil {
			return nil, newError(http.StatusUnprocessableEntity, CodeInvalidRequest, "queries.%s: %s", k, strings.TrimPrefix(err.Error(), screen.ErrBadRequest.Error()+": "))
		}
		mqs[i] = mq
	}
	each(ctx, len(mqs), s.opts.Workers, func(i int) {
		if mq := mqs[i]; mq.prep != nil {
			mq.hits = sc.Hits(mq.prep)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, ctxError(err)
	}
	out := &matchOutput{BatchSize: strconv.Itoa(len(mqs)), Body: MatchResponse{Responses: make(map[string]MatchQueryResponse, len(mqs)), Limit: in.Limit}}
	var recs []*store.AuditRecord
	caller := Caller(ctx)
	matched := 0
	for _, mq := range mqs {
		resp, audit := s.matchResults(st, mq, in, cutoff)
		for _, r := range resp.Results {
			if r.Match {
				matched++
			}
		}
		out.Body.Responses[mq.key] = resp
		if s.audit != nil {
			aq := matchAuditQuery{Dataset: in.Dataset, Key: mq.key, Query: mq.echo, Cutoff: cutoff}
			fp := ""
			if mq.prep != nil {
				aq.Request, aq.Name, aq.BirthDate, aq.Country = mq.prep.Req, mq.prep.Req.Name, mq.prep.Req.BirthDate, mq.prep.Req.Country
				fp = mq.prep.Fingerprint()
			}
			rec, err := newAuditRecord(caller, KindMatch, aq, fp, st, audit)
			if err != nil {
				return nil, err
			}
			recs = append(recs, rec)
		}
	}
	s.metrics.screened(KindMatch, len(mqs), matched)
	if len(recs) > 0 {
		if err := s.record(ctx, recs...); err != nil {
			return nil, err
		}
		for i, mq := range mqs {
			r := out.Body.Responses[mq.key]
			r.AuditID = recs[i].ID
			out.Body.Responses[mq.key] = r
		}
		if len(recs) == 1 {
			out.AuditID = strconv.FormatInt(recs[0].ID, 10)
		}
	}
	return out, nil
}

// matchResults turns a query's hits into its response and its audit
// results.
func (s *Server) matchResults(st *state, mq *matchQuery, in *matchInput, cutoff float64) (MatchQueryResponse, []store.AuditResult) {
	resp := MatchQueryResponse{Status: http.StatusOK, Results: []MatchResult{}, Total: MatchTotal{Relation: "eq"}, Query: mq.echo}
	if mq.prep == nil {
		resp.Query = MatchEcho{ID: mq.q.ID, Schema: mq.q.Schema, Properties: map[string][]string{}}
		for k, v := range mq.q.Properties {
			resp.Query.Properties[k] = []string(v)
		}
		return resp, nil
	}
	topicOK := len(in.Topics) == 0 || slices.Contains(in.Topics, "sanction")
	fp := mq.prep.Fingerprint()
	var audit []store.AuditResult
	for i := range mq.hits {
		h := &mq.hits[i]
		score := screen.Round(h.Score)
		if score < cutoff || !topicOK || slices.Contains(in.ExcludeEntityIDs, h.Entity.ID) {
			continue
		}
		ftm := NewFtMEntity(h.Entity)
		if slices.Contains(in.ExcludeSchema, ftm.Schema) {
			continue
		}
		if len(resp.Results) == in.Limit {
			resp.Total.Relation = "gte"
			break
		}
		r := MatchResult{FtMEntity: ftm, Score: score, Match: score >= in.Threshold}
		r.Explanations, r.Features = explanations(mq.prep.Query, h)
		hash := st.hash(h.Entity)
		if st.al != nil && st.al.FalsePositive(fp, h.Entity.ID, hash) {
			r.FalsePositive = true
			r.Explanations["allowlist"] = FeatureResult{Detail: "an analyst decided this was a false positive for this query; the designation has not changed since"}
		}
		resp.Results = append(resp.Results, r)
		audit = append(audit, store.AuditResult{
			EntityID: h.Entity.ID, Name: h.Entity.Caption(), Score: score, Match: r.Match, Hash: hash, Allowlisted: r.FalsePositive,
		})
	}
	resp.Total.Value = len(resp.Results)
	return resp, audit
}

// explanations describes a hit as FtM features: the name, then each piece
// of secondary evidence (birth_date, country, gender, identifier).
func explanations(q *match.Analyzed, h *index.Hit) (map[string]FeatureResult, map[string]float64) {
	lines := h.Explain(q)
	evidence := match.EvidenceFor(q, h.Entity)
	nameLines := lines[:max(len(lines)-len(evidence), 0)]
	ex := map[string]FeatureResult{}
	features := map[string]float64{}
	name := FeatureResult{Score: screen.Round(h.NameScore), Detail: strings.Join(nameLines, "; ")}
	if h.Name >= 0 {
		name.Candidate = h.Entity.Names[h.Name].Full
		if h.QueryName >= 0 && h.QueryName < len(q.Names) {
			name.Query = q.Names[h.QueryName].Text
		}
	}
	ex["name"] = name
	features["name"] = name.Score
	for _, ev := range evidence {
		f := FeatureResult{Score: screen.Round(ev.Effect), Detail: ev.Detail}
		if have, ok := ex[ev.Kind]; ok {
			f.Score += have.Score
			f.Detail = have.Detail + "; " + f.Detail
		}
		ex[ev.Kind] = f
		features[ev.Kind] = f.Score
	}
	return ex, features
}

// ftmSchemaOf is the FtM schema of an entity type.
func ftmSchemaOf(t entity.Type) string {
	switch t {
	case entity.Person:
		return "Person"
	case entity.Organization:
		return "Organization"
	case entity.Vessel:
		return "Vessel"
	case entity.Aircraft:
		return "Airplane"
	}
	return "LegalEntity"
}

// NewFtMEntity writes a listed entity as a FollowTheMoney entity, with the
// properties its schema has.
func NewFtMEntity(e *entity.Entity) FtMEntity {
	schema := ftmSchemaOf(e.Type)
	props := map[string][]string{}
	add := func(p string, vs ...string) {
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" && !slices.Contains(props[p], v) {
				props[p] = append(props[p], v)
			}
		}
	}
	for i, n := range e.Names {
		switch {
		case i == 0 || n.Kind == entity.Newer:
			add("name", n.Full)
		case n.Weak:
			add("weakAlias", n.Full)
		case n.Kind == entity.Former:
			add("previousName", n.Full)
		default:
			add("alias", n.Full)
		}
	}
	person := e.Type == entity.Person
	legal := e.Type == entity.Person || e.Type == entity.Organization || e.Type == entity.Unknown
	craft := e.Type == entity.Vessel || e.Type == entity.Aircraft
	for _, d := range e.BirthDates {
		// FtM dates are ISO prefixes: a circa date is its year, a range its
		// two ends.
		from := entity.Date{Year: d.Year, Month: d.Month, Day: d.Day}
		var to string
		if d.IsRange() {
			to = entity.Date{Year: d.ToYear, Month: d.ToMonth, Day: d.ToDay}.String()
		}
		switch {
		case person:
			add("birthDate", from.String(), to)
		case legal:
			add("incorporationDate", from.String(), to)
		case craft:
			add("buildDate", from.String(), to)
		}
	}
	if person {
		add("birthPlace", e.BirthPlaces...)
		add("nationality", e.Nationalities...)
		add("citizenship", e.Citizenships...)
		add("position", e.Positions...)
		add("gender", string(e.Gender))
	} else {
		add("country", e.Nationalities...)
		add("country", e.Citizenships...)
	}
	add("country", e.Countries...)
	for _, a := range e.Addresses {
		full := a.Full
		if full == "" {
			full = strings.Join(slices.DeleteFunc([]string{a.Street, a.City, a.Region, a.PostalCode, a.Country}, func(s string) bool { return s == "" }), ", ")
		}
		add("address", full)
	}
	for _, id := range e.Identifiers {
		p := "idNumber"
		switch id.Type {
		case entity.Passport:
			if person {
				p = "passportNumber"
			}
		case entity.TaxID:
			p = "taxNumber"
		case entity.Registration:
			p = "registrationNumber"
		case entity.IMO:
			p = "imoNumber"
		case entity.MMSI:
			p = "mmsi"
		case entity.CallSign:
			p = "callSign"
		case entity.BIC:
			p = "swiftBic"
		case entity.Crypto:
			// FtM keeps crypto addresses in CryptoWallet entities; a note
			// keeps them visible here.
			add("notes", strings.TrimSpace(id.Currency+" address "+id.Value))
			continue
		}
		if craft && p != "imoNumber" && p != "mmsi" && p != "callSign" {
			p = "registrationNumber"
		}
		add(p, id.Value)
	}
	if e.Vessel != nil {
		add("flag", e.Vessel.Flag)
		add("type", e.Vessel.Kind)
		add("tonnage", e.Vessel.Tonnage)
		add("grossRegisteredTonnage", e.Vessel.GRT)
	}
	add("program", e.Programs...)
	add("topics", "sanction")
	add("sourceUrl", e.URL)
	add("notes", e.Remarks)
	datasets := e.Datasets
	if len(datasets) == 0 {
		datasets = []string{e.Source}
	}
	referents := e.SourceIDs
	if referents == nil {
		referents = []string{}
	}
	return FtMEntity{
		ID: e.ID, Caption: e.Caption(), Schema: schema, Properties: props,
		Datasets: datasets, Referents: referents, Target: true,
	}
}

type ftmEntityInput struct {
	ID     string `path:"id" maxLength:"300" doc:"The entity's ID." example:"ofac-20157"`
	Nested bool   `query:"nested" doc:"Accepted for compatibility with yente; embargo's entities have no nested entities."`
}

type ftmEntityOutput struct {
	Body FtMEntity
}

// ftmEntity answers GET /entities/{id}, yente's entity endpoint.
func (s *Server) ftmEntity(ctx context.Context, in *ftmEntityInput) (*ftmEntityOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	e, ok := st.base.Catalog().Entity(in.ID)
	if !ok {
		return nil, newError(http.StatusNotFound, CodeNotFound, "no listed entity has the ID %q", in.ID)
	}
	return &ftmEntityOutput{Body: NewFtMEntity(e)}, nil
}
