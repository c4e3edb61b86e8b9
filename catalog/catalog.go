// Package catalog turns list files into loaded sources: it recognises each
// file's format by its content, runs the format's parser, and keeps what
// came out (entities, the publisher's date, a checksum, the skipped
// records) under the source's name.
//
// It is the step between the parsers (source/...) and everything that
// uses the entities (store, index, screen). A directory loads every list
// file under it; files of a multi-file format (the OFAC CSV set) are read
// together.
package catalog

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

// Source is one loaded list.
type Source struct {
	// Name is the source's name ("ofac", "un", or a dataset's own name).
	Name string `json:"name"`
	// Format is the format's name ("ofac-csv").
	Format string `json:"format"`
	// Path is the main file read.
	Path string `json:"path"`
	// Files are every file read for the source (main file first).
	Files []string `json:"files"`
	// Published is the publisher's date where the file has one.
	Published string `json:"published"`
	// SHA256 is the hex checksum of the files' bytes, main file first.
	SHA256 string `json:"sha256"`
	// Records counts the records read, skipped ones included.
	Records int `json:"records"`
	// Skipped lists the malformed records left out.
	Skipped []source.Problem `json:"-"`
	// Deleted lists entity IDs a delta file removes.
	Deleted []string `json:"-"`
	// Entities are the parties read, in file order.
	Entities []*entity.Entity `json:"-"`
	// LoadTime is how long reading and parsing took.
	LoadTime time.Duration `json:"-"`
}

// Counts returns the number of entities of each type.
func (s *Source) Counts() map[entity.Type]int {
	m := make(map[entity.Type]int, 4)
	for _, e := range s.Entities {
		m[e.Type]++
	}
	return m
}

// NameCount returns the number of names of all entities.
func (s *Source) NameCount() int {
	n := 0
	for _, e := range s.Entities {
		n += len(e.Names)
	}
	return n
}

// Catalog is a set of loaded sources, with entity IDs unique across them.
type Catalog struct {
	Sources []*Source
	byID    map[string]*entity.Entity
}

// New builds a catalog from loaded sources, sorted by name. Entity IDs must
// be unique: a later source's entity whose ID another source already uses
// is renamed "<source>:<id>" so that neither is lost.
func New(sources []*Source) *Catalog {
	slices.SortFunc(sources, func(a, b *Source) int { return cmp.Compare(a.Name, b.Name) })
	c := &Catalog{Sources: sources, byID: make(map[string]*entity.Entity)}
	for _, s := range sources {
		for _, e := range s.Entities {
			if _, dup := c.byID[e.ID]; dup {
				e.ID = s.Name + ":" + e.ID
			}
			c.byID[e.ID] = e
		}
	}
	return c
}

// Entity returns the entity with the given ID.
func (c *Catalog) Entity(id string) (*entity.Entity, bool) {
	e, ok := c.byID[id]
	return e, ok
}

// Source returns the source with the given name.
func (c *Catalog) Source(name string) (*Source, bool) {
	for _, s := range c.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return nil, false
}

// Len returns the number of entities of all sources.
func (c *Catalog) Len() int { return len(c.byID) }

// All returns every entity of every source, sources in name order.
func (c *Catalog) All() []*entity.Entity {
	out := make([]*entity.Entity, 0, len(c.byID))
	for _, s := range c.Sources {
		out = append(out, s.Entities...)
	}
	return out
}

// Version identifies the catalog's data: the sources' names and checksums.
// Two catalogs with the same version hold the same entities.
func (c *Catalog) Version() string {
	v := ""
	for i, s := range c.Sources {
		if i > 0 {
			v += ","
		}
		sum := s.SHA256
		if len(sum) > 12 {
			sum = sum[:12]
		}
		v += s.Name + ":" + sum
	}
	return v
}

// Skipped returns the total number of skipped records.
func (c *Catalog) Skipped() int {
	n := 0
	for _, s := range c.Sources {
		n += len(s.Skipped)
	}
	return n
}

func (s *Source) String() string {
	return fmt.Sprintf("%s (%s, %d entities)", s.Name, s.Format, len(s.Entities))
}
