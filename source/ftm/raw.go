package ftm

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/embargo/embargo/entity"
)

// rawEntity is one FtM entity as OpenSanctions writes it: the FtM fields
// (id, schema, properties) and OpenSanctions' metadata (caption,
// referents, datasets, first_seen, last_seen, last_change, target).
type rawEntity struct {
	ID         string            `json:"id"`
	Caption    string            `json:"caption"`
	Schema     string            `json:"schema"`
	Properties map[string]values `json:"properties"`
	Referents  []string          `json:"referents"`
	Datasets   []string          `json:"datasets"`
	LastSeen   string            `json:"last_seen"`
	Target     *bool             `json:"target"`
}

// head is the part of an entity the first pass reads: properties are
// skipped (the struct pointer only records that they are there).
type head struct {
	ID         string    `json:"id"`
	Caption    string    `json:"caption"`
	Schema     string    `json:"schema"`
	Properties *struct{} `json:"properties"`
	Referents  []string  `json:"referents"`
	Datasets   []string  `json:"datasets"`
	LastSeen   string    `json:"last_seen"`
	Target     *bool     `json:"target"`
}

// deltaOp is one line of an OpenSanctions delta file.
type deltaOp struct {
	Op     string          `json:"op"`
	Entity json.RawMessage `json:"entity"`
}

// value is one property value: a string, or in OpenSanctions' nested
// export (targets.nested.json) an adjacent entity embedded in place of
// its ID.
type value struct {
	s      string
	nested *rawEntity
}

func (v *value) UnmarshalJSON(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		return json.Unmarshal(b, &v.s)
	case '{':
		v.nested = new(rawEntity)
		return json.Unmarshal(b, v.nested)
	case 'n': // null
		return nil
	case '[':
		return errors.New("property value is a list inside a list")
	}
	v.s = string(b) // a number or boolean, kept as written
	return nil
}

// values are the values of one property; FtM always writes a list, a
// single value is accepted too.
type values []value

func (vs *values) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var a []value
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		*vs = a
		return nil
	}
	var v value
	if err := v.UnmarshalJSON(b); err != nil {
		return err
	}
	*vs = values{v}
	return nil
}

// strs returns the cleaned, non-empty text values of prop. A nested
// entity stands for its ID.
func (e *rawEntity) strs(prop string) []string {
	vs := e.Properties[prop]
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		s := v.s
		if v.nested != nil {
			s = v.nested.ID
		}
		if s = entity.CleanSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// text returns the values of prop trimmed but with their inner line
// breaks, for notes and other free text.
func (e *rawEntity) text(prop string) []string {
	var out []string
	for _, v := range e.Properties[prop] {
		if s := strings.TrimSpace(v.s); s != "" && v.nested == nil {
			out = append(out, s)
		}
	}
	return out
}

func (e *rawEntity) first(prop string) string {
	if s := e.strs(prop); len(s) > 0 {
		return s[0]
	}
	return ""
}

// keys are the IDs other entities may use to point at e: its ID and the
// IDs it was merged from.
func (e *rawEntity) keys() []string {
	out := make([]string, 0, 1+len(e.Referents))
	if e.ID != "" {
		out = append(out, e.ID)
	}
	for _, r := range e.Referents {
		if r != "" && r != e.ID {
			out = append(out, r)
		}
	}
	return out
}
