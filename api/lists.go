package api

import (
	"context"
	"net/http"
	"reflect"

	"github.com/danielgtaylor/huma/v2"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
)

// ListsReport is the `lists --json` object, also served by GET /v1/lists:
// one entry per loaded source.
type ListsReport struct {
	Sources []ListInfo `json:"sources" doc:"The loaded sources, by name."`
}

// ListInfo describes one loaded source.
type ListInfo struct {
	Name      string         `json:"name" doc:"The source's name: ofac, un, uk, eu, csl, dpl, custom, or a dataset's own name." example:"un"`
	Format    string         `json:"format" doc:"The format it was read as." example:"un-xml"`
	Entities  map[string]int `json:"entities" doc:"Entities by type (person, organization, vessel, aircraft)." example:"{\"person\":730,\"organization\":273}"`
	Names     int            `json:"names" doc:"Names of all its entities." example:"3000"`
	Published string         `json:"published" doc:"The publisher's date for the list, empty when the file has none." example:"2026-02-27"`
	SHA256    string         `json:"sha256" doc:"sha256 of the list's files."`
	Records   int            `json:"records" doc:"Records read from the files, skipped ones included: more than the entities when the format has records that are not parties (the positions of a Senzing PEP file)." example:"1003"`
	Skipped   int            `json:"skipped" doc:"Malformed records left out."`
	Files     []string       `json:"files" doc:"The files (or URLs) read, main file first."`
}

// NewListsReport describes a catalog's sources.
func NewListsReport(cat *catalog.Catalog) ListsReport {
	r := ListsReport{Sources: []ListInfo{}}
	for _, s := range cat.Sources {
		counts := map[string]int{}
		for t, n := range s.Counts() {
			counts[string(t)] = n
		}
		files := s.Files
		if files == nil {
			files = []string{}
		}
		r.Sources = append(r.Sources, ListInfo{
			Name: s.Name, Format: s.Format, Entities: counts, Names: s.NameCount(),
			Published: s.Published, SHA256: s.SHA256, Records: s.Records, Skipped: len(s.Skipped), Files: files,
		})
	}
	return r
}

type listsOutput struct {
	Body ListsReport
}

func (s *Server) lists(ctx context.Context, _ *struct{}) (*listsOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	return &listsOutput{Body: st.lists}, nil
}

type entityInput struct {
	ID string `path:"id" maxLength:"300" doc:"The entity's ID, as in screening results." example:"ofac-20157"`
}

type entityOutput struct {
	Body *entity.Entity
}

func (s *Server) entity(ctx context.Context, in *entityInput) (*entityOutput, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	e, ok := st.base.Catalog().Entity(in.ID)
	if !ok {
		return nil, newError(http.StatusNotFound, CodeNotFound, "no listed entity has the ID %q in the data being served (%s)", in.ID, st.version)
	}
	return &entityOutput{Body: e}, nil
}

// entityDoc is the JSON form of entity.Entity (see entity/json.go), which
// entity.Entity writes with its own MarshalJSON: the OpenAPI document
// describes entities with it. TestEntitySchema keeps the two in step.
type entityDoc struct {
	ID            string              `json:"id" doc:"Unique across the loaded sources: the source's name, a dash and the publisher's ID." example:"ofac-20157"`
	Source        string              `json:"source" doc:"The list it comes from." example:"ofac"`
	SourceIDs     []string            `json:"source_ids" doc:"The publisher's own identifiers."`
	Type          string              `json:"type" doc:"person, organization, vessel or aircraft." example:"person"`
	Name          string              `json:"name" doc:"The primary name." example:"KIM, Jong Un"`
	Aliases       []string            `json:"aliases" doc:"Every other name."`
	Names         []entity.Name       `json:"names,omitempty" doc:"Every name with its kind (primary, aka, fka, nka), quality, script and parts."`
	Programs      []string            `json:"programs" doc:"Sanctions programs or regimes." example:"[\"DPRK3\"]"`
	BirthDates    []string            `json:"birth_dates" doc:"Birth (or registration) dates: 1984-01-08, 1984-01, 1984, ~1962 (circa), 1973/1974 (a range)."`
	BirthPlaces   []string            `json:"birth_places,omitempty" doc:"Places of birth."`
	Countries     []string            `json:"countries" doc:"Every country the entity is tied to, ISO 3166-1 alpha-2, lower case."`
	Nationalities []string            `json:"nationalities,omitempty" doc:"Nationalities, ISO codes."`
	Citizenships  []string            `json:"citizenships,omitempty" doc:"Citizenships, ISO codes."`
	Gender        string              `json:"gender,omitempty" doc:"male or female."`
	Addresses     []entity.Address    `json:"addresses,omitempty" doc:"Addresses as the publisher gives them."`
	Identifiers   []entity.Identifier `json:"identifiers" doc:"Documents, registration numbers, IMO numbers, crypto addresses..."`
	Positions     []string            `json:"positions,omitempty" doc:"Titles and functions."`
	Vessel        *entity.Craft       `json:"vessel,omitempty" doc:"Ship or aircraft particulars."`
	ListedOn      string              `json:"listed_on" doc:"Designation date, empty when unknown."`
	Remarks       string              `json:"remarks,omitempty" doc:"The publisher's remarks."`
	URL           string              `json:"url" doc:"The publisher's page for the entity, empty if none."`
	Datasets      []string            `json:"datasets,omitempty" doc:"Datasets an aggregated record comes from."`
}

var entityDocType = reflect.TypeFor[entityDoc]()

// schemaNamer names schemas after their Go types, entityDoc as "Entity".
func schemaNamer(t reflect.Type, hint string) string {
	if t == entityDocType {
		return "Entity"
	}
	return huma.DefaultSchemaNamer(t, hint)
}

// newRegistry returns the schema registry, which describes entity.Entity
// by its JSON form.
func newRegistry() huma.Registry {
	r := huma.NewMapRegistry("#/components/schemas/", schemaNamer)
	r.RegisterTypeAlias(reflect.TypeFor[entity.Entity](), entityDocType)
	return r
}
