package ofacxml

import (
	"strings"

	"github.com/embargo/embargo/entity"
)

// idLabel is what an OFAC document label means: its identifier type, the
// issuing country it implies ("Kenyan ID No."), and whether it is the plain
// name of its type ("Passport", "MMSI"), which Note does not repeat.
type idLabel struct {
	typ     entity.IDType
	country string
	plain   bool
}

// idLabels holds the OFAC document labels (idList idType values and
// Advanced IDRegDocType names, compared in lower case) whose type the shared
// entity.ParseIDType does not give, or that imply a country or are plain.
// They are read the same way as by the legacy CSV parser (source/ofac), so
// that the same entry gives the same identifiers in every OFAC format.
var idLabels = map[string]idLabel{
	"passport":                           {typ: entity.Passport, plain: true},
	"passport no.":                       {typ: entity.Passport, plain: true},
	"passport number":                    {typ: entity.Passport, plain: true},
	"british national overseas passport": {typ: entity.Passport, country: "gb"},
	"travel document number":             {typ: entity.Passport},
	"national id no.":                    {typ: entity.NationalID, plain: true},
	"tax id no.":                         {typ: entity.TaxID, plain: true},
	"swift/bic":                          {typ: entity.BIC, plain: true},
	"mmsi":                               {typ: entity.MMSI, plain: true},
	"vessel call sign":                   {typ: entity.CallSign, plain: true},
	"other vessel call sign":             {typ: entity.CallSign},
	"imo":                                {typ: entity.IMO, plain: true},
	"international maritime organization no.": {typ: entity.IMO, plain: true},
	"aircraft serial identification":          {typ: entity.Other},
	"aircraft tail number":                    {typ: entity.Registration},
	"previous aircraft tail number":           {typ: entity.Registration},
	"d.n.i.":                                  {typ: entity.NationalID},
	"n.i.e.":                                  {typ: entity.NationalID, country: "es"},
	"c.u.r.p.":                                {typ: entity.NationalID, country: "mx"},
	"c.u.r.p. #":                              {typ: entity.NationalID, country: "mx"},
	"c.u.i.":                                  {typ: entity.NationalID, country: "gt"},
	"c.u.i.p.":                                {typ: entity.Other, country: "mx"},
	"i.f.e.":                                  {typ: entity.NationalID, country: "mx"},
	"credencial electoral":                    {typ: entity.NationalID, country: "mx"},
	"electoral registry no.":                  {typ: entity.NationalID},
	"le number":                               {typ: entity.NationalID, country: "pe"},
	"ssn":                                     {typ: entity.NationalID, country: "us"},
	"kenyan id no.":                           {typ: entity.NationalID, country: "ke"},
	"bosnian personal id no.":                 {typ: entity.NationalID, country: "ba"},
	"moroccan personal id no.":                {typ: entity.NationalID, country: "ma"},
	"turkish identification number":           {typ: entity.NationalID, country: "tr"},
	"citizen's card number":                   {typ: entity.NationalID},
	"numero de identidad":                     {typ: entity.NationalID},
	"tazkira national id card":                {typ: entity.NationalID, country: "af"},
	"cnp (personal numerical code)":           {typ: entity.NationalID, country: "ro"},
	"uae identification":                      {typ: entity.NationalID, country: "ae"},
	"romanian permanent resident can":         {typ: entity.Other, country: "ro"},
	"residency number":                        {typ: entity.Other},
	"birth certificate number":                {typ: entity.Other},
	"driver's license no.":                    {typ: entity.Other},
	"pilot license number":                    {typ: entity.Other},
	"cartilla de servicio militar nacional":   {typ: entity.Other, country: "mx"},
	"seafarer's identification document":      {typ: entity.Other},
	"sre permit no.":                          {typ: entity.Other, country: "mx"},
	// The telegraph code of the Chinese characters of a name, not a
	// commercial registration.
	"chinese commercial code":              {typ: entity.Other},
	"nit #":                                {typ: entity.TaxID},
	"r.f.c.":                               {typ: entity.TaxID, country: "mx"},
	"r.f.c. #":                             {typ: entity.TaxID, country: "mx"},
	"rfc":                                  {typ: entity.TaxID, country: "mx"},
	"ruc #":                                {typ: entity.TaxID},
	"rif #":                                {typ: entity.TaxID, country: "ve"},
	"rtn":                                  {typ: entity.TaxID, country: "hn"},
	"v.a.t. number":                        {typ: entity.TaxID},
	"c.u.i.t.":                             {typ: entity.TaxID, country: "ar"},
	"c.i.f.":                               {typ: entity.TaxID, country: "es"},
	"us fein":                              {typ: entity.TaxID, country: "us"},
	"rsin":                                 {typ: entity.TaxID, country: "nl"},
	"italian fiscal code":                  {typ: entity.TaxID, country: "it"},
	"fiscal code":                          {typ: entity.TaxID},
	"romanian tax registration":            {typ: entity.TaxID, country: "ro"},
	"paraguayan tax identification number": {typ: entity.TaxID, country: "py"},
	"numero unico de identificacao tributaria (nuit)": {typ: entity.TaxID, country: "mz"},
	"uk company number":                             {typ: entity.Registration, country: "gb"},
	"c.r. no.":                                      {typ: entity.Registration},
	"romanian c.r.":                                 {typ: entity.Registration, country: "ro"},
	"matricula mercantil no":                        {typ: entity.Registration, country: "co"},
	"folio mercantil no.":                           {typ: entity.Registration, country: "mx"},
	"legal entity number":                           {typ: entity.Registration},
	"enterprise number":                             {typ: entity.Registration},
	"branch unit number":                            {typ: entity.Registration},
	"registered charity no.":                        {typ: entity.Registration},
	"dubai chamber of commerce membership no.":      {typ: entity.Registration, country: "ae"},
	"istanbul chamber of comm. no.":                 {typ: entity.Registration, country: "tr"},
	"afghan money service provider license number":  {typ: entity.Registration, country: "af"},
	"united social credit code certificate (usccc)": {typ: entity.Registration, country: "cn"},
	"unified social credit code (uscc)":             {typ: entity.Registration, country: "cn"},
	"d-u-n-s number":                                {typ: entity.Registration},
	"bik (ru)":                                      {typ: entity.Other, country: "ru"},
	"email address":                                 {typ: entity.Other},
	"website":                                       {typ: entity.Other},
	"phone number":                                  {typ: entity.Other},
}

// lookupIDLabel returns what a document label means.
func lookupIDLabel(label string) idLabel {
	if l, ok := idLabels[strings.ToLower(label)]; ok {
		return l
	}
	return idLabel{typ: entity.ParseIDType(label)}
}
