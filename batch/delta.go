package batch

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/store"
)

// Delta is what changed in the lists between two versions: the
// designations a customer base must be screened against again.
type Delta struct {
	// From and To describe the two versions, for reports ("ofac snapshot
	// 3", "ofac snapshot 5").
	From, To []string
	// Added are the designations in To and not in From.
	Added []*entity.Entity
	// Removed are the designations in From and not in To, as they were.
	Removed []*entity.Entity
	// Changed are the designations in both whose content changed.
	Changed []Changed
}

// Changed is one designation whose content changed.
type Changed struct {
	// From and To are the designation before and after.
	From, To *entity.Entity
	// Fields are the changed fields, by JSON name ("names", "birth_dates").
	Fields []string
}

// Len returns the number of designations added, removed and changed.
func (d *Delta) Len() int { return len(d.Added) + len(d.Removed) + len(d.Changed) }

// Add appends another delta (another source's) to d.
func (d *Delta) Add(o *Delta) {
	d.From = append(d.From, o.From...)
	d.To = append(d.To, o.To...)
	d.Added = append(d.Added, o.Added...)
	d.Removed = append(d.Removed, o.Removed...)
	d.Changed = append(d.Changed, o.Changed...)
}

// String describes the delta in one line.
func (d *Delta) String() string {
	s := fmt.Sprintf("%d added, %d removed, %d changed", len(d.Added), len(d.Removed), len(d.Changed))
	if len(d.From) > 0 || len(d.To) > 0 {
		s = fmt.Sprintf("%s -> %s: %s", strings.Join(d.From, ", "), strings.Join(d.To, ", "), s)
	}
	return s
}

// DiffEntities compares two versions of the lists' entities (two
// catalogs' All(), before and after a pull) by entity ID and content hash.
func DiffEntities(from, to []*entity.Entity) *Delta {
	d := &Delta{}
	old := make(map[string]*entity.Entity, len(from))
	for _, e := range from {
		old[e.ID] = e
	}
	seen := make(map[string]bool, len(to))
	for _, e := range to {
		seen[e.ID] = true
		o, ok := old[e.ID]
		switch {
		case !ok:
			d.Added = append(d.Added, e)
		case o.Hash() != e.Hash():
			d.Changed = append(d.Changed, Changed{From: o, To: e, Fields: store.ChangedFields(o, e)})
		}
	}
	for _, e := range from {
		if !seen[e.ID] {
			d.Removed = append(d.Removed, e)
		}
	}
	d.sort()
	return d
}

func (d *Delta) sort() {
	byID := func(a, b *entity.Entity) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortFunc(d.Added, byID)
	slices.SortFunc(d.Removed, byID)
	slices.SortFunc(d.Changed, func(a, b Changed) int { return cmp.Compare(a.To.ID, b.To.ID) })
}

// DeltaFromStore reads what changed between two snapshots of one source
// (see store.Diff), with the designations themselves: the added and
// changed ones as in snapshot to, the removed and changed ones as in
// snapshot from.
func DeltaFromStore(ctx context.Context, st store.Store, from, to int64) (*Delta, error) {
	diff, err := store.Diff(ctx, st, from, to)
	if err != nil {
		return nil, err
	}
	srcs, err := store.LoadSources(ctx, st, []store.Snapshot{diff.From, diff.To})
	if err != nil {
		return nil, err
	}
	before, after := store.ByRef(srcs[0].Entities), store.ByRef(srcs[1].Entities)
	d := &Delta{From: []string{describe(diff.From)}, To: []string{describe(diff.To)}}
	get := func(m map[string]*entity.Entity, id string, snap store.Snapshot) (*entity.Entity, error) {
		e, ok := m[id]
		if !ok {
			return nil, fmt.Errorf("entity %s is in the diff of %s but not in its data", id, snap)
		}
		return e, nil
	}
	for _, a := range diff.Added {
		e, err := get(after, a.ID, diff.To)
		if err != nil {
			return nil, err
		}
		d.Added = append(d.Added, e)
	}
	for _, r := range diff.Removed {
		e, err := get(before, r.ID, diff.From)
		if err != nil {
			return nil, err
		}
		d.Removed = append(d.Removed, e)
	}
	for _, c := range diff.Changed {
		x, err := get(before, c.ID, diff.From)
		if err != nil {
			return nil, err
		}
		y, err := get(after, c.ID, diff.To)
		if err != nil {
			return nil, err
		}
		d.Changed = append(d.Changed, Changed{From: x, To: y, Fields: c.Fields})
	}
	d.sort()
	return d, nil
}

func describe(s store.Snapshot) string {
	return fmt.Sprintf("%s snapshot %d", s.Source, s.ID)
}
