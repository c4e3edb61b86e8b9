package main

import (
	"fmt"
	"strings"

	"github.com/embargo/embargo/entity"
)

// parseIdentifierFlag reads TYPE:VALUE[:COUNTRY].
func parseIdentifierFlag(s string) (entity.Identifier, error) {
	parts := strings.Split(s, ":")
	switch len(parts) {
	case 1:
		return entity.Identifier{Value: parts[0]}, nil
	case 2, 3:
		id := entity.Identifier{Type: entity.ParseIDType(parts[0]), Value: parts[1]}
		if len(parts) == 3 {
			id.Country = parts[2]
		}
		if strings.TrimSpace(id.Value) == "" {
			return id, fmt.Errorf("--id %q: value is empty", s)
		}
		return id, nil
	}
	return entity.Identifier{}, fmt.Errorf("--id %q: want TYPE:VALUE or TYPE:VALUE:COUNTRY", s)
}
