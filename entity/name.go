package entity

// NameKind says what a name is to the entity.
type NameKind string

// Name kinds. An a.k.a. is Alias; former and newer names (f.k.a., n.k.a.)
// are kept apart because an analyst reads them differently.
const (
	Primary NameKind = "primary"
	Alias   NameKind = "aka"
	Former  NameKind = "fka"
	Newer   NameKind = "nka"
)

// Name is one name of an entity.
type Name struct {
	// Full is the name as the publisher writes it.
	Full string `json:"full"`
	// Kind is primary, a.k.a., f.k.a. or n.k.a.
	Kind NameKind `json:"kind"`
	// Weak marks a low-quality alias (OFAC "weak a.k.a.", UN "Low"):
	// short or generic names that alone identify nobody.
	Weak bool `json:"weak,omitempty"`
	// Script is true for a name in its original, non-Latin script as the
	// publisher gives it (UN NAME_ORIGINAL_SCRIPT, EU nameAlias with a
	// non-Latin language).
	Script bool `json:"original_script,omitempty"`
	// Lang is the name's language (ISO 639-1) where the source says.
	Lang string `json:"lang,omitempty"`
	// Parts holds the name parts when the source gives them separately.
	Parts *NameParts `json:"parts,omitempty"`
}

// NameParts are the parts of a person's name, as the source gives them.
type NameParts struct {
	Title      string `json:"title,omitempty"`
	Given      string `json:"given,omitempty"`
	Middle     string `json:"middle,omitempty"`
	Patronymic string `json:"patronymic,omitempty"`
	Family     string `json:"family,omitempty"`
}

// IsZero reports whether no part is set.
func (p *NameParts) IsZero() bool {
	return p == nil || *p == NameParts{}
}
