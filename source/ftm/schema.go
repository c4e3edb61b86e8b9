package ftm

import (
	"strings"
	"unicode"

	"github.com/embargo/embargo/entity"
)

// partyTypes maps the FtM schemata of screenable parties to entity types.
var partyTypes = map[string]entity.Type{
	"Person":       entity.Person,
	"LegalEntity":  entity.Organization,
	"Organization": entity.Organization,
	"Company":      entity.Organization,
	"PublicBody":   entity.Organization,
	"Vessel":       entity.Vessel,
	"Airplane":     entity.Aircraft,
}

// sideSchemata carry data about a party held in another entity: they are
// folded into the party they point to.
var sideSchemata = map[string]bool{
	"Address":        true, // party.addressEntity -> Address
	"Sanction":       true, // Sanction.entity -> party
	"Identification": true, // Identification.holder -> party
	"Passport":       true, // Passport.holder -> party
	"CryptoWallet":   true, // CryptoWallet.holder -> party
	"Occupancy":      true, // Occupancy.holder -> Person, Occupancy.post -> Position
	"Position":       true, // named by Occupancy.post
}

// otherSchemata are the rest of the FtM model (followthemoney/schema/*.yaml):
// relations, documents, assets and events. They describe no screenable
// party of their own and are passed over, unless one is a sanctions target
// (see parser.readEntity).
var otherSchemata = map[string]bool{
	"Thing": true, "Interval": true, "Value": true, "Analyzable": true, "Asset": true,
	"Vehicle": true, "RealEstate": true, "Land": true, "Security": true, "BankAccount": true,
	"Ownership": true, "Directorship": true, "Family": true, "Associate": true,
	"Membership": true, "Employment": true, "Representation": true, "UnknownLink": true,
	"Succession": true, "Similar": true, "Interest": true, "Relationship": true, "RelatedTo": true,
	"Debt": true, "Payment": true, "Transaction": true, "Contract": true, "ContractAward": true,
	"ContractLot": true, "CallForTenders": true, "Concession": true, "License": true,
	"CourtCase": true, "CourtCaseParty": true, "Event": true, "Trip": true, "Project": true,
	"ProjectParticipant": true, "EconomicActivity": true, "Assessment": true, "TaxRoll": true,
	"UserAccount": true, "Note": true, "Mention": true, "Article": true, "Call": true,
	"Message": true, "Email": true, "Document": true, "Pages": true, "Page": true,
	"Folder": true, "Package": true, "Workbook": true, "Table": true, "PlainText": true,
	"HyperText": true, "Image": true, "Video": true, "Audio": true, "Documentation": true,
	"Risk": true, "Territory": true, "Record": true, "Post": true, "PositionHeld": true,
	"Shares": true,
}

// IdentifierProperty returns the identifier type and label of an FtM
// property of type identifier ("innCode": a tax ID labelled "INN"); ok is
// false for any other property. Other formats that carry FtM property
// names (OpenSanctions' Senzing export) read them through it.
func IdentifierProperty(prop string) (t entity.IDType, label string, ok bool) {
	p, ok := idProps[prop]
	return p.typ, p.note, ok
}

// idProp says how an FtM identifier property becomes an Identifier.
type idProp struct {
	typ  entity.IDType
	note string // the FtM property label
}

// idProps are the FtM properties of type identifier on parties
// (LegalEntity, Person, Organization, Company, Vessel, Airplane), plus
// email, phone and website, which identify a party as well.
var idProps = map[string]idProp{
	"idNumber":             {entity.NationalID, "ID number"},
	"passportNumber":       {entity.Passport, "Passport number"},
	"socialSecurityNumber": {entity.NationalID, "Social security number"},
	"taxNumber":            {entity.TaxID, "Tax number"},
	"innCode":              {entity.TaxID, "INN"},
	"vatCode":              {entity.TaxID, "VAT"},
	"voenCode":             {entity.TaxID, "VOEN"},
	"irsCode":              {entity.TaxID, "IRS number"},
	"registrationNumber":   {entity.Registration, "Registration number"},
	"ogrnCode":             {entity.Registration, "OGRN"},
	"okpoCode":             {entity.Registration, "OKPO"},
	"leiCode":              {entity.Registration, "LEI"},
	"dunsCode":             {entity.Registration, "DUNS"},
	"uscCode":              {entity.Registration, "USCC"},
	"licenseNumber":        {entity.Registration, "License number"},
	"uniqueEntityId":       {entity.Registration, "Unique Entity ID (SAM.gov)"},
	"cageCode":             {entity.Registration, "CAGE"},
	"giiNumber":            {entity.Registration, "GIIN"},
	"cikCode":              {entity.Registration, "SEC Central Index Key"},
	"jibCode":              {entity.Registration, "JIB"},
	"mbsCode":              {entity.Registration, "MBS"},
	"pfrNumber":            {entity.Registration, "PFR number"},
	"swiftBic":             {entity.BIC, "SWIFT/BIC"},
	"imoNumber":            {entity.IMO, "IMO number"},
	"mmsi":                 {entity.MMSI, "MMSI"},
	"callSign":             {entity.CallSign, "Call sign"},
	"crsNumber":            {entity.Registration, "CRS number"},
	"serialNumber":         {entity.Other, "Serial number"},
	"kppCode":              {entity.Other, "KPP"},
	"bikCode":              {entity.Other, "BIK"},
	"fnsCode":              {entity.Other, "Federal tax service code"},
	"npiCode":              {entity.Other, "NPI"},
	"isinCode":             {entity.Other, "ISIN"},
	"ticker":               {entity.Other, "Stock ticker symbol"},
	"ricCode":              {entity.Other, "Reuters Instrument Code"},
	"permId":               {entity.Other, "PermID"},
	"bvdId":                {entity.Other, "Bureau van Dijk ID"},
	"icijId":               {entity.Other, "ICIJ ID"},
	"wikidataId":           {entity.Other, "Wikidata ID"},
	"email":                {entity.Other, "Email"},
	"phone":                {entity.Other, "Phone"},
	"website":              {entity.Other, "Website"},
}

// labels names properties in Remarks; others are labelled by splitting
// their camel-case name ("registrationPort" → "Registration port").
var labels = map[string]string{
	"deathDate":         "Died",
	"dissolutionDate":   "Dissolved",
	"modifiedAt":        "Modified",
	"createdAt":         "Created",
	"retrievedAt":       "Retrieved",
	"motherName":        "Matronymic",
	"fatherName":        "Patronymic",
	"nameSuffix":        "Name suffix",
	"opencorporatesUrl": "OpenCorporates",
	"wikipediaUrl":      "Wikipedia",
	"publisherUrl":      "Publisher URL",
	"sourceUrl":         "Source",
	"programUrl":        "Program URL",
	"programId":         "Program ID",
	"unscId":            "UN SC reference",
	"authorityId":       "Authority ID",
}

// hiddenProps are technical properties that say nothing about the party.
var hiddenProps = map[string]bool{
	"indexText": true, "alephUrl": true, "proof": true,
}

func label(prop string) string {
	if l, ok := labels[prop]; ok {
		return l
	}
	var b strings.Builder
	for i, r := range prop {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsUpper(r):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
