package index

import "github.com/embargo/embargo/entity"

// BuildFrequent builds an index counting as frequent the parts of more than
// n names, so that tests exercise the pair index on small data.
func BuildFrequent(entities []*entity.Entity, n int) *Index { return build(entities, n) }
