package store

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/embargo/embargo/entity"
)

// SourceDiff is what changed in one source's designations between two
// snapshots.
type SourceDiff struct {
	// Source is the source's name.
	Source string `json:"source"`
	// From is the older snapshot compared.
	From Snapshot `json:"from"`
	// To is the newer snapshot compared.
	To Snapshot `json:"to"`
	// Added are the designations in To and not in From, by ID.
	Added []EntitySummary `json:"added"`
	// Removed are the designations in From and not in To, by ID.
	Removed []EntitySummary `json:"removed"`
	// Changed are the designations in both whose content changed, by ID.
	Changed []Change `json:"changed"`
	// Unchanged counts the designations in both with the same content.
	Unchanged int `json:"unchanged"`
}

// EntitySummary names one designation.
type EntitySummary struct {
	// ID is the entity's ID ("ofac-20157").
	ID string `json:"id"`
	// Name is its primary name.
	Name string `json:"name"`
}

// Change is one designation whose content changed.
type Change struct {
	// ID is the entity's ID.
	ID string `json:"id"`
	// Name is its primary name in the newer snapshot.
	Name string `json:"name"`
	// Fields are the changed fields, by their JSON names ("names",
	// "birth_dates", "programs", "identifiers", ...).
	Fields []string `json:"fields"`
}

// Empty reports whether nothing changed.
func (d *SourceDiff) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// Diff compares two snapshots of the same source: the designations added,
// removed and changed from the first to the second, and for each changed
// one the fields that changed. Batch delta re-screening screens the added
// and changed ones only.
func Diff(ctx context.Context, st Store, from, to int64) (*SourceDiff, error) {
	a, err := st.Snapshot(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("diff: snapshot %d: %w", from, err)
	}
	b, err := st.Snapshot(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("diff: snapshot %d: %w", to, err)
	}
	if a.Source != b.Source {
		return nil, fmt.Errorf("diff: snapshot %d is of %s and snapshot %d of %s: compare two snapshots of one source",
			a.ID, a.Source, b.ID, b.Source)
	}
	ra, err := st.Refs(ctx, a.ID)
	if err != nil {
		return nil, fmt.Errorf("diff: %s: %w", a, err)
	}
	rb, err := st.Refs(ctx, b.ID)
	if err != nil {
		return nil, fmt.Errorf("diff: %s: %w", b, err)
	}
	d := &SourceDiff{Source: a.Source, From: a, To: b, Added: []EntitySummary{}, Removed: []EntitySummary{}, Changed: []Change{}}
	old := make(map[string]EntityRef, len(ra))
	for _, r := range ra {
		old[r.ID] = r
	}
	seen := make(map[string]bool, len(rb))
	var changed []string
	for _, r := range rb {
		seen[r.ID] = true
		o, ok := old[r.ID]
		switch {
		case !ok:
			d.Added = append(d.Added, EntitySummary{ID: r.ID, Name: r.Name})
		case o.Hash != r.Hash:
			changed = append(changed, r.ID)
		default:
			d.Unchanged++
		}
	}
	for _, r := range ra {
		if !seen[r.ID] {
			d.Removed = append(d.Removed, EntitySummary{ID: r.ID, Name: r.Name})
		}
	}
	if len(changed) > 0 {
		ea, err := entitiesByRef(ctx, st, a.ID)
		if err != nil {
			return nil, fmt.Errorf("diff: %w", err)
		}
		eb, err := entitiesByRef(ctx, st, b.ID)
		if err != nil {
			return nil, fmt.Errorf("diff: %w", err)
		}
		for _, id := range changed {
			x, y := ea[id], eb[id]
			if x == nil || y == nil {
				return nil, fmt.Errorf("diff: entity %s is in the hash table of snapshots %d and %d but not in their data", id, a.ID, b.ID)
			}
			d.Changed = append(d.Changed, Change{ID: id, Name: y.Caption(), Fields: ChangedFields(x, y)})
		}
	}
	byID := func(x, y EntitySummary) int { return cmp.Compare(x.ID, y.ID) }
	slices.SortFunc(d.Added, byID)
	slices.SortFunc(d.Removed, byID)
	slices.SortFunc(d.Changed, func(x, y Change) int { return cmp.Compare(x.ID, y.ID) })
	return d, nil
}

// entitiesByRef decodes a snapshot's entities, keyed as its refs are (a
// repeated ID gets "#2", "#3"...).
func entitiesByRef(ctx context.Context, st Store, id int64) (map[string]*entity.Entity, error) {
	ents, err := loadEntities(ctx, st, id)
	if err != nil {
		return nil, err
	}
	return ByRef(ents), nil
}

// DiffLatest compares the last two good snapshots of each source (of the
// named source only, when source is not ""). Sources with fewer than two
// good snapshots are left out.
func DiffLatest(ctx context.Context, st Store, source string) ([]*SourceDiff, error) {
	var sources []string
	if source != "" {
		sources = []string{source}
	} else {
		latest, err := st.Latest(ctx)
		if err != nil {
			return nil, fmt.Errorf("diff: %w", err)
		}
		for _, s := range latest {
			sources = append(sources, s.Source)
		}
	}
	out := []*SourceDiff{}
	for _, name := range sources {
		snaps, err := st.Snapshots(ctx, SnapshotQuery{Source: name, Status: Good, Limit: 2})
		if err != nil {
			return nil, fmt.Errorf("diff: %s: %w", name, err)
		}
		if len(snaps) < 2 {
			if source != "" {
				return nil, fmt.Errorf("diff: %s has %d good snapshot(s): there is nothing to compare yet: %w", name, len(snaps), ErrNotFound)
			}
			continue
		}
		d, err := Diff(ctx, st, snaps[1].ID, snaps[0].ID)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// entityFields are the fields ChangedFields compares, by JSON name.
var entityFields = []struct {
	name string
	get  func(*entity.Entity) any
}{
	{"type", func(e *entity.Entity) any { return e.Type }},
	{"names", func(e *entity.Entity) any { return e.Names }},
	{"source_ids", func(e *entity.Entity) any { return e.SourceIDs }},
	{"programs", func(e *entity.Entity) any { return e.Programs }},
	{"birth_dates", func(e *entity.Entity) any { return e.BirthDates }},
	{"birth_places", func(e *entity.Entity) any { return e.BirthPlaces }},
	{"nationalities", func(e *entity.Entity) any { return e.Nationalities }},
	{"citizenships", func(e *entity.Entity) any { return e.Citizenships }},
	{"countries", func(e *entity.Entity) any { return e.Countries }},
	{"gender", func(e *entity.Entity) any { return e.Gender }},
	{"addresses", func(e *entity.Entity) any { return e.Addresses }},
	{"identifiers", func(e *entity.Entity) any { return e.Identifiers }},
	{"positions", func(e *entity.Entity) any { return e.Positions }},
	{"vessel", func(e *entity.Entity) any { return e.Vessel }},
	{"listed_on", func(e *entity.Entity) any { return e.ListedOn }},
	{"remarks", func(e *entity.Entity) any { return e.Remarks }},
	{"url", func(e *entity.Entity) any { return e.URL }},
	{"datasets", func(e *entity.Entity) any { return e.Datasets }},
	{"source", func(e *entity.Entity) any { return e.Source }},
}

// ChangedFields returns the JSON names of the fields in which two readings
// of a designation differ ("names", "programs", "birth_dates", ...). An
// empty list and a missing one are the same.
func ChangedFields(a, b *entity.Entity) []string {
	out := []string{}
	for _, f := range entityFields {
		if !same(f.get(a), f.get(b)) {
			out = append(out, f.name)
		}
	}
	return out
}

func same(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() == reflect.Slice && vb.Kind() == reflect.Slice && va.Len() == 0 && vb.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}
