package catalog

import (
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/csl"
	"github.com/embargo/embargo/source/custom"
	"github.com/embargo/embargo/source/dpl"
	"github.com/embargo/embargo/source/eu"
	"github.com/embargo/embargo/source/ftm"
	"github.com/embargo/embargo/source/ofac"
	"github.com/embargo/embargo/source/ofacxml"
	"github.com/embargo/embargo/source/senzing"
	"github.com/embargo/embargo/source/uk"
	"github.com/embargo/embargo/source/un"
)

// Formats returns every format embargo reads, in detection order: the
// most specific first, the firm's own generic CSV last.
func Formats() []source.Format {
	return []source.Format{
		ofac.Format(),
		ofacxml.Format(),
		ofacxml.AdvancedFormat(),
		un.Format(),
		eu.Format(),
		uk.ODSFormat(),
		uk.XMLFormat(),
		uk.CSVFormat(),
		csl.Format(),
		dpl.Format(),
		ftm.DeltaFormat(),
		ftm.Format(),
		senzing.Format(),
		custom.Format(),
	}
}
