package ofac

import (
	"strings"

	"github.com/embargo/embargo/entity"
)

// small is the count of names, identifiers or dates up to which the
// entity's own Add methods, which scan the list, are used. Past it (only a
// hostile or broken file gets there: OFAC's longest entry has a few dozen)
// a map keeps the parse linear.
const small = 32

// dedup adds names, identifiers and dates to one entity without repeats,
// as entity.AddName, AddIdentifier and AddBirthDate do.
type dedup struct {
	e     *entity.Entity
	names map[string]int // folded Full → index in e.Names
	ids   map[idKey]bool
	dates map[entity.Date]bool
}

type idKey struct {
	t    entity.IDType
	v, c string
}

func (d *dedup) reset(e *entity.Entity) { *d = dedup{e: e} }

func (d *dedup) addName(n entity.Name) {
	e := d.e
	if len(e.Names) < small {
		e.AddName(n)
		return
	}
	if d.names == nil {
		d.names = make(map[string]int, 2*len(e.Names))
		for i, have := range e.Names {
			k := strings.ToLower(have.Full)
			if _, ok := d.names[k]; !ok {
				d.names[k] = i
			}
		}
	}
	n.Full = entity.CleanSpace(n.Full)
	if n.Full == "" {
		return
	}
	k := strings.ToLower(n.Full)
	if i, ok := d.names[k]; ok {
		if e.Names[i].Weak && !n.Weak {
			e.Names[i].Weak = false
		}
		return
	}
	d.names[k] = len(e.Names)
	e.Names = append(e.Names, n)
}

func (d *dedup) addIdentifier(id entity.Identifier) {
	e := d.e
	if len(e.Identifiers) < small {
		e.AddIdentifier(id)
		return
	}
	if d.ids == nil {
		d.ids = make(map[idKey]bool, 2*len(e.Identifiers))
		for _, have := range e.Identifiers {
			d.ids[idKey{have.Type, have.Value, have.Country}] = true
		}
	}
	id.Value = entity.CleanSpace(id.Value)
	k := idKey{id.Type, id.Value, id.Country}
	if id.Value == "" || d.ids[k] {
		return
	}
	d.ids[k] = true
	e.Identifiers = append(e.Identifiers, id)
}

func (d *dedup) addBirthDate(date entity.Date) {
	e := d.e
	if len(e.BirthDates) < small {
		e.AddBirthDate(date)
		return
	}
	if d.dates == nil {
		d.dates = make(map[entity.Date]bool, 2*len(e.BirthDates))
		for _, have := range e.BirthDates {
			d.dates[have] = true
		}
	}
	if date.IsZero() || d.dates[date] {
		return
	}
	d.dates[date] = true
	e.BirthDates = append(e.BirthDates, date)
}

// joinDistinct joins the values of list that differ from each other
// (ignoring case) with "; ".
func joinDistinct(list []string) string {
	if len(list) == 1 {
		return list[0]
	}
	seen := make(map[string]bool, len(list))
	out := list[:0:0]
	for _, v := range list {
		k := strings.ToLower(v)
		if v == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, v)
	}
	return strings.Join(out, "; ")
}
