package store_test

import (
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/store"
)

// TestByRefKeysEntitiesAsTheirRefs checks that ByRef gives every entity,
// a repeated ID included, the key EncodeEntities gives its ref.
func TestByRefKeysEntitiesAsTheirRefs(t *testing.T) {
	ents := []*entity.Entity{
		{ID: "a", Type: entity.Person, Names: []entity.Name{{Full: "Ann", Kind: entity.Primary}}},
		{ID: "b", Type: entity.Person, Names: []entity.Name{{Full: "Bob", Kind: entity.Primary}}},
		{ID: "a", Type: entity.Person, Names: []entity.Name{{Full: "Ann Two", Kind: entity.Primary}}},
		{ID: "a", Type: entity.Person, Names: []entity.Name{{Full: "Ann Three", Kind: entity.Primary}}},
	}
	data, err := store.EncodeEntities(ents)
	if err != nil {
		t.Fatal(err)
	}
	by := store.ByRef(ents)
	if len(by) != len(ents) {
		t.Fatalf("ByRef has %d keys, want %d", len(by), len(ents))
	}
	for i, r := range data.Refs {
		if by[r.ID] != ents[i] {
			t.Errorf("ref %s: ByRef gives %v, want entity %d", r.ID, by[r.ID], i)
		}
	}
	if by["a#3"] != ents[3] {
		t.Errorf(`by["a#3"] = %v`, by["a#3"])
	}
}
