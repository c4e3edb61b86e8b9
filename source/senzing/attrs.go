package senzing

import (
	"strings"

	"github.com/embargo/embargo/entity"
)

// families maps each registered Senzing attribute to its feature: the
// attributes of one feature (NAME_FIRST, NAME_LAST) describe one value
// together. Single-attribute features are their own family.
var families = func() map[string]string {
	m := map[string]string{}
	add := func(family string, attrs ...string) {
		for _, a := range attrs {
			m[a] = family
		}
	}
	add("NAME", "NAME_TYPE", "NAME_FULL", "NAME_ORG", "NAME_FIRST", "NAME_MIDDLE", "NAME_LAST",
		"NAME_PREFIX", "NAME_SUFFIX")
	add("ADDR", "ADDR_TYPE", "ADDR_LINE1", "ADDR_LINE2", "ADDR_LINE3", "ADDR_LINE4", "ADDR_LINE5",
		"ADDR_LINE6", "ADDR_CITY", "ADDR_STATE", "ADDR_POSTAL_CODE", "ADDR_COUNTRY", "ADDR_FULL",
		"ADDR_FROM_DATE", "ADDR_THRU_DATE")
	add("PHONE", "PHONE_TYPE", "PHONE_NUMBER", "PHONE_FROM_DATE", "PHONE_THRU_DATE")
	add("PASSPORT", "PASSPORT_NUMBER", "PASSPORT_COUNTRY")
	add("DRLIC", "DRIVERS_LICENSE_NUMBER", "DRIVERS_LICENSE_STATE")
	add("NATIONAL_ID", "NATIONAL_ID_TYPE", "NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY")
	add("TAX_ID", "TAX_ID_TYPE", "TAX_ID_NUMBER", "TAX_ID_COUNTRY")
	add("OTHER_ID", "OTHER_ID_TYPE", "OTHER_ID_NUMBER", "OTHER_ID_COUNTRY")
	add("TRUSTED_ID", "TRUSTED_ID_TYPE", "TRUSTED_ID_NUMBER")
	add("ACCOUNT", "ACCOUNT_NUMBER", "ACCOUNT_DOMAIN")
	add("GROUP_ASSOCIATION", "GROUP_ASSOCIATION_TYPE", "GROUP_ASSOCIATION_ORG_NAME")
	add("GROUP_ASSN_ID", "GROUP_ASSN_ID_TYPE", "GROUP_ASSN_ID_NUMBER")
	add("REL_ANCHOR", "REL_ANCHOR_DOMAIN", "REL_ANCHOR_KEY")
	add("REL_POINTER", "REL_POINTER_DOMAIN", "REL_POINTER_KEY", "REL_POINTER_ROLE",
		"REL_POINTER_FROM_DATE", "REL_POINTER_THRU_DATE")
	for _, a := range []string{
		"RECORD_TYPE", "DATE_OF_BIRTH", "DATE_OF_DEATH", "REGISTRATION_DATE", "GENDER",
		"NATIONALITY", "CITIZENSHIP", "PLACE_OF_BIRTH", "REGISTRATION_COUNTRY",
		"COUNTRY_OF_ASSOCIATION", "EMPLOYER", "TOPIC", "SOURCE_URL",
	} {
		m[a] = a
	}
	for a := range singleIDs {
		m[a] = a
	}
	return m
}()

// idProp says how an identifier becomes an entity.Identifier.
type idProp struct {
	typ  entity.IDType
	note string
}

// singleIDs are the identifiers Senzing registers as one attribute
// (LEI_NUMBER) and the ones OpenSanctions' exporter adds (IMO_NUMBER,
// OFAC_ID...).
var singleIDs = map[string]idProp{
	"SSN_NUMBER":           {entity.NationalID, "SSN"},
	"SSN_LAST4":            {entity.NationalID, "SSN (last 4 digits)"},
	"LEI_NUMBER":           {entity.Registration, "LEI"},
	"DUNS_NUMBER":          {entity.Registration, "DUNS"},
	"NPI_NUMBER":           {entity.Other, "NPI"},
	"IMO_NUMBER":           {entity.IMO, "IMO number"},
	"MMSI_NUMBER":          {entity.MMSI, "MMSI"},
	"CALL_SIGN":            {entity.CallSign, "Call sign"},
	"ISIN_NUMBER":          {entity.Other, "ISIN"},
	"OFAC_ID":              {entity.Other, "OFAC ID"},
	"AIRCRAFT_TAIL_NUMBER": {entity.Registration, "Aircraft tail number"},
	"EMAIL_ADDRESS":        {entity.Other, "Email"},
	"WEBSITE_ADDRESS":      {entity.Other, "Website"},
	"LINKEDIN":             {entity.Other, "LinkedIn"},
	"FACEBOOK":             {entity.Other, "Facebook"},
	"TWITTER":              {entity.Other, "Twitter"},
	"SKYPE":                {entity.Other, "Skype"},
	"ZOOMROOM":             {entity.Other, "Zoom room"},
	"INSTAGRAM":            {entity.Other, "Instagram"},
	"WHATSAPP":             {entity.Other, "WhatsApp"},
	"SIGNAL":               {entity.Other, "Signal"},
	"TELEGRAM":             {entity.Other, "Telegram"},
	"TANGO":                {entity.Other, "Tango"},
	"VIBER":                {entity.Other, "Viber"},
	"WECHAT":               {entity.Other, "WeChat"},
}

// splitAttr returns an attribute's usage prefix (Senzing allows
// "HOME_ADDR_LINE1", "PRIMARY_NAME_FULL" in flat records), its registered
// name and its feature family. ok is false for an unregistered attribute.
func splitAttr(attr string) (usage, base, family string, ok bool) {
	if f, ok := families[attr]; ok {
		return "", attr, f, true
	}
	for i := 0; i < len(attr); i++ {
		if attr[i] == '_' {
			if f, ok := families[attr[i+1:]]; ok && i > 0 {
				return attr[:i], attr[i+1:], f, true
			}
		}
	}
	return "", attr, "", false
}

// words turns an attribute name into a label: "GROUP_ASSN_ID" → "Group assn id".
func words(attr string) string {
	s := strings.ToLower(strings.ReplaceAll(attr, "_", " "))
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
