package screen

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/embargo/embargo/catalog"
	"github.com/embargo/embargo/entity"
)

func testScreener(t *testing.T) *Screener {
	t.Helper()
	kim := &entity.Entity{ID: "ofac-20157", Source: "ofac", SourceIDs: []string{"20157"}, Type: entity.Person,
		Names:      []entity.Name{{Full: "KIM, Jong Un", Kind: entity.Primary}},
		BirthDates: []entity.Date{{Year: 1984, Month: 1, Day: 8}}, Programs: []string{"DPRK3"}, Nationalities: []string{"kp"},
		Identifiers: []entity.Identifier{{Type: entity.Passport, Value: "PD-123456", Country: "kp"}}}
	lavrov := &entity.Entity{ID: "uk-RUS0252", Source: "uk", Type: entity.Person,
		Names: []entity.Name{{Full: "Lavrov Sergei Viktorovich", Kind: entity.Primary}}, Countries: []string{"ru"}}
	acme := &entity.Entity{ID: "custom-1", Source: "custom", Type: entity.Organization,
		Names: []entity.Name{{Full: "Acme Trading LLC", Kind: entity.Primary}}}
	cat := catalog.New([]*catalog.Source{
		{Name: "ofac", Format: "ofac-csv", SHA256: strings.Repeat("a", 64), Entities: []*entity.Entity{kim}},
		{Name: "uk", Format: "uk-ods", SHA256: strings.Repeat("b", 64), Entities: []*entity.Entity{lavrov}},
		{Name: "custom", Format: "custom-csv", SHA256: strings.Repeat("c", 64), Entities: []*entity.Entity{acme}},
	})
	return New(cat)
}

func TestScreenFindsAndExplains(t *testing.T) {
	s := testScreener(t)
	resp, err := s.Screen(context.Background(), Request{Name: "Kim Jong-un", BirthDate: "1984-01-08", Country: "North Korea"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Matches) == 0 || !resp.Matches[0].Match || resp.Matches[0].Entity.ID != "ofac-20157" {
		t.Fatalf("matches = %+v", resp.Matches)
	}
	m := resp.Matches[0]
	if m.MatchedName != "KIM, Jong Un" || m.Score < 0.99 || len(m.Explanation) < 3 {
		t.Errorf("match = %+v", m)
	}
	joined := strings.Join(m.Explanation, "\n")
	for _, want := range []string{`matched listed name "KIM, Jong Un"`, "birth date 1984-01-08 equals", "country kp"} {
		if !strings.Contains(joined, want) {
			t.Errorf("explanation lacks %q:\n%s", want, joined)
		}
	}
	if resp.Query.Country != "North Korea" || resp.DataVersion == "" || resp.Threshold != DefaultThreshold {
		t.Errorf("response header %+v", resp)
	}
	// The wire form is the one the issue shows.
	b, _ := json.Marshal(resp)
	var wire map[string]any
	_ = json.Unmarshal(b, &wire)
	for _, k := range []string{"query", "data_version", "matches"} {
		if _, ok := wire[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	ent := wire["matches"].([]any)[0].(map[string]any)["entity"].(map[string]any)
	for _, k := range []string{"id", "source", "source_ids", "type", "name", "aliases", "programs", "birth_dates", "countries", "identifiers", "listed_on", "url"} {
		if _, ok := ent[k]; !ok {
			t.Errorf("entity JSON lacks %q", k)
		}
	}
}

func TestScreenFilters(t *testing.T) {
	s := testScreener(t)
	ctx := context.Background()
	resp, _ := s.Screen(ctx, Request{Name: "Sergei Lavrov", Lists: []string{"ofac"}})
	if len(resp.Matches) != 0 {
		t.Errorf("--list ofac found %v", resp.Matches)
	}
	resp, _ = s.Screen(ctx, Request{Name: "Sergei Lavrov", Type: "organization"})
	if len(resp.Matches) != 0 {
		t.Errorf("--type organization found %v", resp.Matches)
	}
	resp, _ = s.Screen(ctx, Request{Name: "ACME Trading Ltd", Type: "company"})
	if len(resp.Matches) != 1 || !resp.Matches[0].Match {
		t.Errorf("company: %v", resp.Matches)
	}
	resp, _ = s.Screen(ctx, Request{Name: "Kim"})
	for _, m := range resp.Matches {
		if m.Match {
			t.Errorf("a bare Kim matched %s at %.3f", m.Entity.ID, m.Score)
		}
	}
	resp, _ = s.Screen(ctx, Request{Identifiers: []entity.Identifier{{Type: "passport", Value: "PD 123456", Country: "kp"}}})
	if len(resp.Matches) != 1 || resp.Matches[0].Entity.ID != "ofac-20157" {
		t.Errorf("identifier alone: %v", resp.Matches)
	}
}

func TestPrepareRejectsBadRequests(t *testing.T) {
	s := testScreener(t)
	for _, req := range []Request{
		{},
		{Name: "   "},
		{Name: strings.Repeat("a", MaxNameLength+1)},
		{Name: "x", Type: "planet"},
		{Name: "x", BirthDate: "yesterday"},
		{Name: "x", Country: "Atlantis"},
		{Name: "x", Lists: []string{"eu"}},
		{Name: "x", Threshold: 1.5},
		{Name: "x", Limit: -1},
		{Name: "---"},
		{Name: "x", Identifiers: []entity.Identifier{{Type: "passport", Value: " "}}},
		{Name: "\xff\xfe"},
	} {
		if _, err := s.Prepare(req); err == nil || !errors.Is(err, ErrBadRequest) {
			t.Errorf("Prepare(%+v) = %v, want ErrBadRequest", req, err)
		}
	}
}

// allowlist is a one-decision allowlist.
type allowlist struct{ fingerprint, id, hash string }

func (a allowlist) Decided(fp, id string) bool { return fp == a.fingerprint && id == a.id }
func (a allowlist) FalsePositive(fp, id, hash string) bool {
	return fp == a.fingerprint && id == a.id && hash == a.hash
}

func TestAllowlistMarksUntilTheDesignationChanges(t *testing.T) {
	s := testScreener(t)
	req := Request{Name: "Kim Jong-un"}
	p, _ := s.Prepare(req)
	kim, _ := s.Catalog().Entity("ofac-20157")
	al := allowlist{p.Fingerprint(), kim.ID, kim.Hash()}
	resp, _ := s.WithAllowlist(al).Screen(context.Background(), req)
	if !resp.Matches[0].FalsePositive {
		t.Error("decided false positive not marked")
	}
	al.hash = "an older designation"
	resp, _ = s.WithAllowlist(al).Screen(context.Background(), req)
	if resp.Matches[0].FalsePositive {
		t.Error("marked although the designation changed")
	}
}
