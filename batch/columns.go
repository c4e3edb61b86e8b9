package batch

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/embargo/embargo/entity"
)

// Field is a customer attribute a column can hold.
type Field string

// The fields a customer file's columns are mapped to. Identifier fields
// (Passport ... BIC) become screen.Request identifiers of that type.
const (
	FieldID           Field = "id"
	FieldName         Field = "name"
	FieldFirstName    Field = "first_name"
	FieldMiddleName   Field = "middle_name"
	FieldLastName     Field = "last_name"
	FieldBirthDate    Field = "birth_date"
	FieldCountry      Field = "country"
	FieldGender       Field = "gender"
	FieldType         Field = "type"
	FieldPassport     Field = "passport"
	FieldNationalID   Field = "national_id"
	FieldTaxID        Field = "tax_id"
	FieldRegistration Field = "registration"
	FieldIMO          Field = "imo"
	FieldMMSI         Field = "mmsi"
	FieldBIC          Field = "bic"
)

// Fields lists every field, in the order column mappings are described.
var Fields = []Field{
	FieldID, FieldName, FieldFirstName, FieldMiddleName, FieldLastName, FieldBirthDate,
	FieldCountry, FieldGender, FieldType, FieldPassport, FieldNationalID, FieldTaxID,
	FieldRegistration, FieldIMO, FieldMMSI, FieldBIC,
}

// Slots of the fields in Fields, in its order.
const (
	slotID = iota
	slotName
	slotFirstName
	slotMiddleName
	slotLastName
	slotBirthDate
	slotCountry
	slotGender
	slotType
)

// idSlots are the identifier fields' slots and types, in Fields' order.
var idSlots = func() []idSlot {
	var out []idSlot
	for i, f := range Fields {
		if t, ok := idFields[f]; ok {
			out = append(out, idSlot{i, t})
		}
	}
	return out
}()

type idSlot struct {
	slot int
	typ  entity.IDType
}

// fieldSlot numbers the fields in Fields' order.
var fieldSlot = func() map[Field]int {
	m := make(map[Field]int, len(Fields))
	for i, f := range Fields {
		m[f] = i
	}
	return m
}()

// idFields maps identifier fields to identifier types.
var idFields = map[Field]entity.IDType{
	FieldPassport: entity.Passport, FieldNationalID: entity.NationalID, FieldTaxID: entity.TaxID,
	FieldRegistration: entity.Registration, FieldIMO: entity.IMO, FieldMMSI: entity.MMSI, FieldBIC: entity.BIC,
}

// multiFields may take several columns: their values are joined (several
// countries) or each kept (several identifiers).
func multiField(f Field) bool {
	_, id := idFields[f]
	return f == FieldCountry || id
}

// headerSynonyms are the headers each field is recognised by, normalised
// (see normHeader: lower case, letters and digits only).
var headerSynonyms = map[Field][]string{
	FieldID: {"id", "customerid", "clientid", "customerno", "customernumber", "clientno", "clientnumber",
		"partyid", "recordid", "customerref", "customerreference", "clientref", "reference", "ref", "uid", "externalid"},
	FieldName: {"name", "fullname", "customername", "clientname", "partyname", "entityname", "legalname",
		"companyname", "accountname", "accountholder", "nameofcustomer", "names"},
	FieldFirstName:  {"firstname", "givenname", "givennames", "forename", "forenames", "first", "firstnames", "prenom"},
	FieldMiddleName: {"middlename", "middlenames", "middle", "middleinitial", "secondname"},
	FieldLastName:   {"lastname", "surname", "familyname", "last", "lastnames", "surnames", "nom"},
	FieldBirthDate: {"dateofbirth", "dob", "birthdate", "birthday", "bdate", "dateofbirthyyyymmdd",
		"birthdt", "birth", "datenaissance"},
	FieldCountry: {"nationality", "country", "citizenship", "countrycode", "nationalitycode", "countryofresidence",
		"residencecountry", "residence", "countryofcitizenship", "nationalities", "citizenships", "countries"},
	FieldGender:       {"gender", "sex"},
	FieldType:         {"type", "entitytype", "partytype", "customertype", "clienttype", "kind", "schema"},
	FieldPassport:     {"passport", "passportnumber", "passportno", "passportid"},
	FieldNationalID:   {"nationalid", "nationalidnumber", "nationalidentifier", "idnumber", "ssn", "nin", "personalnumber", "idcardnumber"},
	FieldTaxID:        {"taxid", "tin", "taxnumber", "taxidentificationnumber", "vat", "vatnumber", "inn"},
	FieldRegistration: {"registrationnumber", "registrationno", "companynumber", "regno", "companyregistrationnumber", "lei"},
	FieldIMO:          {"imo", "imonumber"},
	FieldMMSI:         {"mmsi"},
	FieldBIC:          {"bic", "swift", "swiftbic", "swiftcode", "biccode"},
}

// synonymField inverts headerSynonyms.
var synonymField = func() map[string]Field {
	m := map[string]Field{}
	for f, syns := range headerSynonyms {
		for _, s := range syns {
			m[s] = f
		}
	}
	return m
}()

// normHeader folds a header for matching: lower case, letters and digits
// only ("Date of Birth" and "date_of_birth" are both "dateofbirth").
func normHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseField reads a field name as --map writes it ("birth_date", "dob",
// "Date of Birth"): a field's own name or any header it is recognised by.
func ParseField(s string) (Field, error) {
	n := normHeader(s)
	for _, f := range Fields {
		if normHeader(string(f)) == n {
			return f, nil
		}
	}
	if f, ok := synonymField[n]; ok {
		return f, nil
	}
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown field %q (fields: %s)", s, strings.Join(names, ", "))
}

// Map is an explicit column mapping, as --map gives it: for each field,
// the columns that hold it, by header or by 1-based column number ("#3" or
// "3"). A field mapped to no column ("type=") is left unmapped even when
// a header would match it.
type Map map[Field][]string

// ParseMap reads --map values: comma-separated FIELD=COLUMN pairs
// ("name=Full Name,birth_date=dob"); a multi-column field (country,
// identifiers) takes several columns joined with "+"
// ("country=nationality+residence").
func ParseMap(specs ...string) (Map, error) {
	m := Map{}
	for _, spec := range specs {
		for _, pair := range strings.Split(spec, ",") {
			pair = strings.TrimSpace(pair)
			if pair == "" {
				continue
			}
			k, v, ok := strings.Cut(pair, "=")
			if !ok {
				return nil, fmt.Errorf("--map %q: want FIELD=COLUMN", pair)
			}
			f, err := ParseField(k)
			if err != nil {
				return nil, fmt.Errorf("--map %q: %w", pair, err)
			}
			if _, dup := m[f]; dup {
				return nil, fmt.Errorf("--map: field %s is mapped twice", f)
			}
			cols := []string{}
			for _, c := range strings.Split(v, "+") {
				if c = strings.TrimSpace(c); c != "" {
					cols = append(cols, c)
				}
			}
			if len(cols) > 1 && !multiField(f) {
				return nil, fmt.Errorf("--map %q: field %s takes one column", pair, f)
			}
			m[f] = cols
		}
	}
	return m, nil
}

// Columns is the resolved mapping of a file's columns (CSV) or keys
// (JSONL) to fields.
type Columns struct {
	// Header is the file's header (CSV), or nil.
	Header []string
	// Index holds, for each mapped field, the 0-based column numbers (CSV)
	// in file order.
	Index map[Field][]int
	// Keys holds, for each mapped field, the JSON keys (JSONL).
	Keys map[Field][]string
	// Ignored are the header's columns mapped to no field.
	Ignored []string

	slots [][]int // Index by fieldSlot, for reading records fast
}

// index fills slots from Index.
func (c *Columns) index() {
	c.slots = make([][]int, len(Fields))
	for f, ix := range c.Index {
		c.slots[fieldSlot[f]] = ix
	}
}

// resolveCSV maps a CSV header (nil when the file has none: columns are
// then only reachable by number) to fields: the explicit map first, then
// the headers' synonyms for the fields it leaves out.
func resolveCSV(header []string, explicit Map, width int) (*Columns, error) {
	c := &Columns{Header: header, Index: map[Field][]int{}}
	used := map[int]Field{}
	take := func(f Field, i int) error {
		if prev, ok := used[i]; ok && prev != f {
			return fmt.Errorf("column %s is mapped to both %s and %s", c.colName(i), prev, f)
		}
		used[i] = f
		if !slices.Contains(c.Index[f], i) {
			c.Index[f] = append(c.Index[f], i)
		}
		return nil
	}
	for _, f := range Fields {
		cols, ok := explicit[f]
		if !ok {
			continue
		}
		for _, col := range cols {
			i, err := c.find(col, width)
			if err != nil {
				return nil, fmt.Errorf("--map %s=%s: %w", f, col, err)
			}
			if err := take(f, i); err != nil {
				return nil, fmt.Errorf("--map: %w", err)
			}
		}
	}
	for i, h := range header {
		if _, ok := used[i]; ok {
			continue
		}
		f, ok := synonymField[normHeader(h)]
		if !ok {
			continue
		}
		if _, isExplicit := explicit[f]; isExplicit {
			continue
		}
		if len(c.Index[f]) > 0 && !multiField(f) {
			continue // the first column with a field's header holds it
		}
		_ = take(f, i) // i is unused: cannot fail
	}
	for i, h := range header {
		if _, ok := used[i]; !ok {
			c.Ignored = append(c.Ignored, h)
		}
	}
	c.index()
	return c, c.check()
}

// find returns the 0-based index of a column named by header (exactly,
// then normalised) or by 1-based number.
func (c *Columns) find(col string, width int) (int, error) {
	if n, err := strconv.Atoi(strings.TrimPrefix(col, "#")); err == nil {
		if n < 1 || width > 0 && n > width {
			return 0, fmt.Errorf("column number %d is out of range (the file has %d columns)", n, width)
		}
		return n - 1, nil
	}
	if i := slices.Index(c.Header, col); i >= 0 {
		return i, nil
	}
	for i, h := range c.Header {
		if normHeader(h) == normHeader(col) && normHeader(col) != "" {
			return i, nil
		}
	}
	if c.Header == nil {
		return 0, fmt.Errorf("the file has no header: name columns by number (#1, #2, ...)")
	}
	return 0, fmt.Errorf("no column %q (columns: %s)", col, strings.Join(c.Header, ", "))
}

func (c *Columns) colName(i int) string {
	if i < len(c.Header) {
		return strconv.Quote(c.Header[i])
	}
	return "#" + strconv.Itoa(i+1)
}

// check fails when no column holds a name or an identifier.
func (c *Columns) check() error {
	if c.has(FieldName) || c.has(FieldFirstName) || c.has(FieldLastName) {
		return nil
	}
	for f := range idFields {
		if c.has(f) {
			return nil
		}
	}
	if c.Keys != nil {
		keys := slices.Clone(c.Ignored)
		slices.Sort(keys)
		return fmt.Errorf("no key holds the name (keys: %s): name it with --map name=KEY, or first_name=KEY,last_name=KEY",
			strings.Join(keys, ", "))
	}
	if c.Header == nil {
		return fmt.Errorf("no column holds the name: name it with --map name=#N (the column's number)")
	}
	return fmt.Errorf("no column holds the name (columns: %s): name it with --map name=COLUMN, or first_name=COLUMN,last_name=COLUMN",
		strings.Join(c.Header, ", "))
}

func (c *Columns) has(f Field) bool { return len(c.Index[f]) > 0 || len(c.Keys[f]) > 0 }

// Describe says which columns hold which fields ("name: full_name;
// birth_date: date_of_birth; ...; ignored: place_of_birth"), for the
// start of a run.
func (c *Columns) Describe() string {
	var parts []string
	for _, f := range Fields {
		var cols []string
		for _, i := range c.Index[f] {
			cols = append(cols, c.colName(i))
		}
		for _, k := range c.Keys[f] {
			cols = append(cols, strconv.Quote(k))
		}
		if len(cols) > 0 {
			parts = append(parts, string(f)+" <- "+strings.Join(cols, "+"))
		}
	}
	s := strings.Join(parts, ", ")
	if len(c.Ignored) > 0 {
		q := make([]string, len(c.Ignored))
		for i, h := range c.Ignored {
			q[i] = strconv.Quote(h)
		}
		s += "; ignored: " + strings.Join(q, ", ")
	}
	return s
}

// String is Describe.
func (c *Columns) String() string { return c.Describe() }
