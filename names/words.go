package names

// Word tables, keyed by folded Latin form (after transliteration, so the
// Cyrillic, Arabic and other-script forms romanise into these).

// honorifics are titles and forms of address that are not part of a name;
// they are dropped. Sources: common English, French, German, Spanish,
// Portuguese, Italian, Russian and Arabic forms of address.
var honorifics = set(
	"mr", "mrs", "ms", "miss", "mister", "madam", "madame", "mme", "mlle", "dr", "doctor", "prof", "professor",
	"sir", "dame", "lord", "lady", "rev", "reverend", "fr", "father", "hon", "honorable", "honourable",
	"herr", "frau", "sr", "sra", "srta", "senor", "senora", "senhor", "senhora", "dona", "signor", "signora",
	"gospodin", "gospozha", "ing", "dipl", "phd", "jr", "junior", "snr", "esq",
	"gen", "general", "col", "colonel", "maj", "major", "capt", "captain", "lt", "lieutenant", "adm", "admiral",
	"brig", "brigadier", "sgt", "sergeant", "marshal", "commander", "president", "presidente", "prezident",
	"minister", "ministro", "ministre", "minister", "deputy", "senator", "senador", "judge", "ambassador",
	"his", "her", "excellency", "majesty", "highness", "king", "queen", "prince", "princess",
)

// weakTitles are religious and honorific titles that lists sometimes write as
// part of a name (UN: "Haji", "Mullah", "Maulavi"): kept, at little weight,
// so that their presence on one side only costs nearly nothing.
var weakTitles = set(
	"haji", "hajji", "hadji", "alhaji", "alhaj", "hajj", "mullah", "mulla", "molla", "mullo", "maulavi", "mawlawi", "maulvi",
	"mawlavi", "moulavi", "maulana", "mawlana", "qari", "qary", "hafiz", "hafez", "sheikh", "shaikh", "shaykh",
	"sheik", "shaik", "sayed", "sayyid", "sayyed", "seyed", "seyyed", "syed", "sayid", "sheikha",
	"imam", "ustad", "ustaz", "ustadh", "agha", "aga", "bey", "pasha", "effendi", "mirza", "sardar", "sahib",
	"dato", "datuk", "sri", "pehin",
)

// vesselPrefixes are the abbreviations written before a ship's name for
// its kind (motor vessel, motor tanker, steamship, fishing vessel, motor
// yacht, research vessel), also as two letters with a slash (M/V): not
// part of the name the registers and the lists give. Source: the prefixes
// of ship names in IMO and Lloyd's usage.
var vesselPrefixes = set("mv", "mt", "ss", "fv", "my", "rv", "mts", "mvs")

// particles are articles, prepositions and kinship words inside names
// (al-, bin, de, van...): low weight, tolerated when missing.
var particles = set(
	"al", "el", "ul", "ud", "ad", "ar", "as", "at", "az", "ash", "adh", "ath", "bin", "ibn", "ben", "bint", "binti", "bte",
	"bn", "abu", "abou", "abo", "bu", "umm", "um", "ould", "ag", "ait", "bani", "beni",
	"de", "da", "dos", "das", "del", "della", "dello", "degli", "di", "du", "des", "d", "le", "la", "les",
	"van", "von", "der", "den", "ter", "ten", "zu", "vom", "zum", "y", "e", "und", "ap",
)

// orgGeneric are words common to many organisation names that say little
// about which one is meant.
var orgGeneric = set(
	"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "und", "et", "y", "e", "de", "la", "le", "el", "les", "der", "die", "das",
	"company", "companies", "group", "groupe", "gruppe", "grupo", "holding", "holdings", "international", "intl", "trading",
	"trade", "industries", "industry", "industrial", "enterprise", "enterprises", "services", "service", "general",
	"global", "worldwide", "management", "investment", "investments", "development", "national", "import", "export",
	"commercial", "partners", "associates", "organization", "organisation", "network", "foundation", "office", "branch",
	"kompaniya", "obshchestvo", "tovarishchestvo", "predpriyatie", "firma", "firm", "agency", "center", "centre",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
