package ofac

import (
	"strings"

	"github.com/embargo/embargo/entity"
)

// What a labelled remark is.
type remarkKind uint8

const (
	kID               remarkKind = iota // an identifier, see label.idType
	kDOB                                // date of birth
	kPOB                                // place of birth
	kNationality                        // nationality
	kCitizen                            // citizenship
	kGender                             // gender
	kAKA                                // weak a.k.a.
	kFKA                                // weak f.k.a.
	kNKA                                // weak n.k.a.
	kCrypto                             // digital currency address
	kEstablished                        // organization established date
	kManufactured                       // aircraft manufacture date
	kAircraftModel                      // aircraft model
	kAircraftOperator                   // aircraft operator
	kRegCountry                         // nationality of registration
	kPosition                           // a title in the remarks
	kContact                            // e-mail, website, phone, fax: kept as an Other identifier
)

// label is one recurring remark label of the OFAC file.
type label struct {
	text   string
	kind   remarkKind
	idType entity.IDType // for kID
	// plain labels are the usual name of their identifier type and are not
	// repeated in the identifier's Note ("Passport", "MMSI").
	plain bool
	// country is the issuing country a label implies ("Kenyan ID No."),
	// used when the remark gives none in brackets.
	country string
	// orgReg turns a generic national-ID label into a registration
	// number when the party is not a person.
	orgReg bool
}

// labels lists the remark labels found in OFAC's file. Matching is by
// longest label first, case-insensitively, and the label must be followed
// by a space, a colon or the end of the remark.
var labels = []label{
	{text: "DOB", kind: kDOB},
	{text: "POB", kind: kPOB},
	{text: "nationality", kind: kNationality},
	{text: "citizen", kind: kCitizen},
	{text: "Gender", kind: kGender},
	{text: "a.k.a.", kind: kAKA},
	{text: "f.k.a.", kind: kFKA},
	{text: "n.k.a.", kind: kNKA},
	{text: "Digital Currency Address -", kind: kCrypto},
	{text: "Organization Established Date", kind: kEstablished},
	{text: "Aircraft Manufacture Date", kind: kManufactured},
	{text: "Aircraft Model", kind: kAircraftModel},
	{text: "Aircraft Operator", kind: kAircraftOperator},
	{text: "Nationality of Registration", kind: kRegCountry},
	{text: "Title", kind: kPosition},
	{text: "Alternate Title", kind: kPosition},

	// Contact details: the model has no field for them, so they are kept
	// as identifiers of type Other, labelled in Note, where a search by
	// e-mail address or website finds them.
	{text: "Email Address", kind: kContact},
	{text: "Email", kind: kContact},
	{text: "Website", kind: kContact},
	{text: "Phone Number", kind: kContact},
	{text: "Phone No.", kind: kContact},
	{text: "Phone", kind: kContact},
	{text: "Telephone Number", kind: kContact},
	{text: "Telephone No.", kind: kContact},
	{text: "Telephone", kind: kContact},
	{text: "Fax No.", kind: kContact},
	{text: "Fax", kind: kContact},
	{text: "Telex", kind: kContact},

	// Vessels and aircraft.
	{text: "Vessel Registration Identification IMO", kind: kID, idType: entity.IMO, plain: true},
	{text: "Vessel Registration Identification", kind: kID, idType: entity.Registration},
	{text: "International Maritime Organization No.", kind: kID, idType: entity.IMO, plain: true},
	{text: "Identification Number IMO", kind: kID, idType: entity.IMO},
	{text: "Company Number IMO", kind: kID, idType: entity.IMO},
	{text: "IMO", kind: kID, idType: entity.IMO, plain: true},
	{text: "MMSI", kind: kID, idType: entity.MMSI, plain: true},
	{text: "Other Vessel Call Sign", kind: kID, idType: entity.CallSign},
	{text: "Vessel Call Sign", kind: kID, idType: entity.CallSign, plain: true},
	{text: "Aircraft Tail Number", kind: kID, idType: entity.Registration},
	{text: "Previous Aircraft Tail Number", kind: kID, idType: entity.Registration},
	{text: "Aircraft Manufacturer's Serial Number (MSN)", kind: kID, idType: entity.Other},
	{text: "Aircraft Construction Number (also called L/N or S/N or F/N)", kind: kID, idType: entity.Other},
	{text: "Aircraft Serial Identification", kind: kID, idType: entity.Other},
	{text: "Aircraft Mode S Transponder Code", kind: kID, idType: entity.Other},

	// Passports and travel documents.
	{text: "Passport", kind: kID, idType: entity.Passport, plain: true},
	{text: "Passport No.", kind: kID, idType: entity.Passport, plain: true},
	{text: "Passport Number", kind: kID, idType: entity.Passport, plain: true},
	{text: "Passport Booklet", kind: kID, idType: entity.Passport},
	{text: "Diplomatic Passport", kind: kID, idType: entity.Passport},
	{text: "British National Overseas Passport", kind: kID, idType: entity.Passport, country: "gb"},
	{text: "Stateless Person Passport", kind: kID, idType: entity.Passport},
	{text: "Travel Document Number", kind: kID, idType: entity.Passport},

	// Personal identity documents.
	{text: "National ID No.", kind: kID, idType: entity.NationalID, plain: true},
	{text: "National Foreign ID Number", kind: kID, idType: entity.NationalID},
	{text: "Identification Number", kind: kID, idType: entity.NationalID, orgReg: true},
	{text: "Personal ID Card", kind: kID, idType: entity.NationalID},
	{text: "Cedula No.", kind: kID, idType: entity.NationalID},
	{text: "D.N.I.", kind: kID, idType: entity.NationalID},
	{text: "N.I.E.", kind: kID, idType: entity.NationalID, country: "es"},
	{text: "C.U.R.P.", kind: kID, idType: entity.NationalID, country: "mx"},
	{text: "C.U.R.P. #", kind: kID, idType: entity.NationalID, country: "mx"},
	{text: "C.U.I.", kind: kID, idType: entity.NationalID, country: "gt"},
	{text: "C.U.I.P.", kind: kID, idType: entity.Other, country: "mx"},
	{text: "I.F.E.", kind: kID, idType: entity.NationalID, country: "mx"},
	{text: "Credencial electoral", kind: kID, idType: entity.NationalID, country: "mx"},
	{text: "Electoral Registry No.", kind: kID, idType: entity.NationalID},
	{text: "LE Number", kind: kID, idType: entity.NationalID, country: "pe"},
	{text: "SSN", kind: kID, idType: entity.NationalID, country: "us"},
	{text: "Kenyan ID No.", kind: kID, idType: entity.NationalID, country: "ke"},
	{text: "Bosnian Personal ID No.", kind: kID, idType: entity.NationalID, country: "ba"},
	{text: "Moroccan Personal ID No.", kind: kID, idType: entity.NationalID, country: "ma"},
	{text: "Turkish Identification Number", kind: kID, idType: entity.NationalID, country: "tr"},
	{text: "Citizen's Card Number", kind: kID, idType: entity.NationalID},
	{text: "Numero de Identidad", kind: kID, idType: entity.NationalID},
	{text: "Tazkira National ID Card", kind: kID, idType: entity.NationalID, country: "af"},
	{text: "CNP (Personal Numerical Code)", kind: kID, idType: entity.NationalID, country: "ro"},
	{text: "UAE Identification", kind: kID, idType: entity.NationalID, country: "ae"},
	{text: "Stateless Person ID Card", kind: kID, idType: entity.NationalID},
	{text: "Refugee ID Card", kind: kID, idType: entity.NationalID},
	{text: "Residency Number", kind: kID, idType: entity.Other},
	{text: "Romanian Permanent Resident CAN", kind: kID, idType: entity.Other, country: "ro"},
	{text: "Birth Certificate Number", kind: kID, idType: entity.Other},
	{text: "Driver's License No.", kind: kID, idType: entity.Other},
	{text: "Pilot License Number", kind: kID, idType: entity.Other},
	{text: "Cartilla de Servicio Militar Nacional", kind: kID, idType: entity.Other, country: "mx"},
	{text: "Tarjeta Profesional", kind: kID, idType: entity.Other},
	{text: "Seafarer's Identification Document", kind: kID, idType: entity.Other},
	{text: "Immigration No.", kind: kID, idType: entity.Other},
	{text: "Public Security and Immigration No.", kind: kID, idType: entity.Other},
	{text: "VisaNumberID", kind: kID, idType: entity.Other},
	{text: "SRE Permit No.", kind: kID, idType: entity.Other, country: "mx"},
	{text: "Chinese Commercial Code", kind: kID, idType: entity.Other},

	// Tax numbers.
	{text: "Tax ID No.", kind: kID, idType: entity.TaxID, plain: true},
	{text: "NIT #", kind: kID, idType: entity.TaxID},
	{text: "R.F.C.", kind: kID, idType: entity.TaxID, country: "mx"},
	{text: "R.F.C. #", kind: kID, idType: entity.TaxID, country: "mx"},
	{text: "RFC", kind: kID, idType: entity.TaxID, country: "mx"},
	{text: "RUC #", kind: kID, idType: entity.TaxID},
	{text: "RIF #", kind: kID, idType: entity.TaxID, country: "ve"},
	{text: "RTN", kind: kID, idType: entity.TaxID, country: "hn"},
	{text: "V.A.T. Number", kind: kID, idType: entity.TaxID},
	{text: "C.U.I.T.", kind: kID, idType: entity.TaxID, country: "ar"},
	{text: "C.I.F.", kind: kID, idType: entity.TaxID, country: "es"},
	{text: "US FEIN", kind: kID, idType: entity.TaxID, country: "us"},
	{text: "RSIN", kind: kID, idType: entity.TaxID, country: "nl"},
	{text: "Italian Fiscal Code", kind: kID, idType: entity.TaxID, country: "it"},
	{text: "Fiscal Code", kind: kID, idType: entity.TaxID},
	{text: "Romanian Tax Registration", kind: kID, idType: entity.TaxID, country: "ro"},
	{text: "Paraguayan tax identification number", kind: kID, idType: entity.TaxID, country: "py"},
	{text: "Numero Unico de Identificacao Tributaria (NUIT)", kind: kID, idType: entity.TaxID, country: "mz"},

	// Company and registration numbers.
	{text: "Registration Number", kind: kID, idType: entity.Registration},
	{text: "Registration ID", kind: kID, idType: entity.Registration},
	{text: "Company Number", kind: kID, idType: entity.Registration},
	{text: "UK Company Number", kind: kID, idType: entity.Registration, country: "gb"},
	{text: "Company ID: No.", kind: kID, idType: entity.Registration},
	{text: "Commercial Registry Number", kind: kID, idType: entity.Registration},
	{text: "C.R. No.", kind: kID, idType: entity.Registration},
	{text: "Romanian C.R.", kind: kID, idType: entity.Registration, country: "ro"},
	{text: "Matricula Mercantil No", kind: kID, idType: entity.Registration, country: "co"},
	{text: "Folio Mercantil No.", kind: kID, idType: entity.Registration, country: "mx"},
	{text: "Government Gazette Number", kind: kID, idType: entity.Registration},
	{text: "Business Registration Number", kind: kID, idType: entity.Registration},
	{text: "Business Registration Document #", kind: kID, idType: entity.Registration},
	{text: "Business Number", kind: kID, idType: entity.Registration},
	{text: "Public Registration Number", kind: kID, idType: entity.Registration},
	{text: "Central Registration System Number", kind: kID, idType: entity.Registration},
	{text: "Certificate of Incorporation Number", kind: kID, idType: entity.Registration},
	{text: "Legal Entity Number", kind: kID, idType: entity.Registration},
	{text: "Enterprise Number", kind: kID, idType: entity.Registration},
	{text: "Branch Unit Number", kind: kID, idType: entity.Registration},
	{text: "Chamber of Commerce Number", kind: kID, idType: entity.Registration},
	{text: "Dubai Chamber of Commerce Membership No.", kind: kID, idType: entity.Registration, country: "ae"},
	{text: "Istanbul Chamber of Comm. No.", kind: kID, idType: entity.Registration, country: "tr"},
	{text: "Trade License No.", kind: kID, idType: entity.Registration},
	{text: "Tourism License No.", kind: kID, idType: entity.Registration},
	{text: "License", kind: kID, idType: entity.Registration},
	{text: "Afghan Money Service Provider License Number", kind: kID, idType: entity.Registration, country: "af"},
	{text: "MSB Registration Number", kind: kID, idType: entity.Registration},
	{text: "Registered Charity No.", kind: kID, idType: entity.Registration},
	{text: "United Social Credit Code Certificate (USCCC)", kind: kID, idType: entity.Registration, country: "cn"},
	{text: "Unified Social Credit Code (USCC)", kind: kID, idType: entity.Registration, country: "cn"},
	{text: "D-U-N-S Number", kind: kID, idType: entity.Registration},
	{text: "File Number", kind: kID, idType: entity.Other},
	{text: "Serial No.", kind: kID, idType: entity.Other},

	// Banks.
	{text: "SWIFT/BIC", kind: kID, idType: entity.BIC, plain: true},
	{text: "BIK (RU)", kind: kID, idType: entity.Other, country: "ru"},
}

// labelIndex holds the labels by the lower-cased first byte of their text,
// longest first. It is built once and never changed.
var labelIndex = func() (idx [256][]label) {
	for _, l := range labels {
		b := lowerByte(l.text[0])
		idx[b] = append(idx[b], l)
	}
	for i := range idx {
		ls := idx[i]
		// Longest first (insertion sort: the table is small).
		for j := 1; j < len(ls); j++ {
			for k := j; k > 0 && len(ls[k].text) > len(ls[k-1].text); k-- {
				ls[k], ls[k-1] = ls[k-1], ls[k]
			}
		}
	}
	return idx
}()

func lowerByte(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// matchLabel finds the label a remark starts with and returns it with the
// rest of the remark, trimmed of the separating space or colon.
func matchLabel(piece string) (label, string, bool) {
	if piece == "" {
		return label{}, "", false
	}
	for _, l := range labelIndex[lowerByte(piece[0])] {
		n := len(l.text)
		if len(piece) < n || !strings.EqualFold(piece[:n], l.text) {
			continue
		}
		if len(piece) > n && piece[n] != ' ' && piece[n] != ':' && piece[n] != ',' {
			continue
		}
		rest := strings.TrimLeft(piece[n:], " :,")
		return l, rest, true
	}
	return label{}, "", false
}

// splitRemarks splits OFAC's remarks at "; ", leaving semicolons inside
// brackets alone ("(Following data derived from ...: Alt. DOB ...;
// nationality ...)"). If the brackets do not balance it splits at every
// semicolon.
func splitRemarks(s string, out []string) []string {
	depth, start := 0, 0
	balanced := true
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				balanced = false
			} else {
				depth--
			}
		case ';':
			if depth == 0 {
				out = appendPiece(out, s[start:i])
				start = i + 1
			}
		}
	}
	if depth != 0 || !balanced {
		out = out[:0]
		start = 0
		for i := 0; i < len(s); i++ {
			if s[i] == ';' {
				out = appendPiece(out, s[start:i])
				start = i + 1
			}
		}
	}
	return appendPiece(out, s[start:])
}

func appendPiece(out []string, p string) []string {
	if p = strings.TrimSpace(p); p != "" {
		out = append(out, p)
	}
	return out
}

// trimAlt removes the "alt. " that marks an alternative value.
func trimAlt(p string) string {
	if len(p) > 5 && strings.EqualFold(p[:5], "alt. ") {
		return strings.TrimSpace(p[5:])
	}
	return p
}

// applyRemarks reads the labelled values out of OFAC's remarks into e. The
// remarks themselves are kept whole in e.Remarks by the caller; anything
// not recognised here is still there.
func (p *parser) applyRemarks(e *entity.Entity, remarks string) {
	s := strings.TrimSpace(remarks)
	// OFAC ends the remarks with a full stop.
	s = strings.TrimSuffix(s, ".")
	p.pieces = splitRemarks(s, p.pieces[:0])
	p.models, p.operators = p.models[:0], p.operators[:0]
	for _, piece := range p.pieces {
		piece = trimAlt(piece)
		if piece == "" || piece[0] == '(' {
			// A bracketed remark is a note about other data ("(Following
			// data derived from an Eritrean passport ...)"); it stays in
			// the remarks as written.
			continue
		}
		l, rest, ok := matchLabel(piece)
		if !ok || rest == "" {
			continue
		}
		p.applyRemark(e, l, rest)
	}
	if len(p.models) > 0 {
		c := craft(e)
		kinds := p.models
		if c.Kind != "" { // Vess_type comes first
			kinds = append([]string{c.Kind}, p.models...)
		}
		c.Kind = joinDistinct(kinds)
	}
	if len(p.operators) > 0 {
		craft(e).Operator = joinDistinct(p.operators)
	}
}

func (p *parser) applyRemark(e *entity.Entity, l label, v string) {
	switch l.kind {
	case kDOB, kEstablished, kManufactured:
		if d, err := entity.ParseDate(v); err == nil {
			p.dd.addBirthDate(d)
		}
	case kPOB:
		e.BirthPlaces = append(e.BirthPlaces, v)
	case kNationality:
		if c := p.country(v); c != "" {
			e.Nationalities = append(e.Nationalities, c)
		}
	case kCitizen:
		if c := p.country(v); c != "" {
			e.Citizenships = append(e.Citizenships, c)
		}
	case kGender:
		if g := entity.ParseGender(v); g != "" {
			e.Gender = g
		}
	case kAKA, kFKA, kNKA:
		kind := entity.Alias
		switch l.kind {
		case kFKA:
			kind = entity.Former
		case kNKA:
			kind = entity.Newer
		}
		// OFAC puts only weak aliases in the remarks, in single quotes.
		p.dd.addName(p.name(e.Type, unquote(v), kind, true))
	case kCrypto:
		cur, addr, _ := strings.Cut(v, " ")
		addr = strings.TrimSpace(addr)
		if cur == "" || addr == "" {
			return
		}
		id := entity.Identifier{Type: entity.Crypto, Currency: strings.ToUpper(cur), Value: addr}
		if a, more, ok := strings.Cut(addr, " "); ok {
			id.Value, id.Note = a, strings.TrimSpace(more)
		}
		p.dd.addIdentifier(id)
	case kAircraftModel:
		p.models = append(p.models, v)
	case kAircraftOperator:
		p.operators = append(p.operators, v)
	case kRegCountry:
		// An aircraft's state of registry; for a company, where it is
		// registered.
		if c := p.country(v); c != "" {
			if (e.Type == entity.Vessel || e.Type == entity.Aircraft) && craft(e).Flag == "" {
				craft(e).Flag = c
			}
			e.Countries = append(e.Countries, c)
		}
	case kPosition:
		// "Alternate Title, Police Chief, Alternate Title, Commander of ..."
		for _, t := range strings.Split(v, ", Alternate Title") {
			if t = strings.TrimLeft(t, " ,:"); t != "" {
				e.Positions = append(e.Positions, t)
			}
		}
	case kContact:
		p.dd.addIdentifier(entity.Identifier{Type: entity.Other, Value: v, Note: l.text})
	case kID:
		p.applyID(e, l, v)
	}
}

// applyID reads "<value> (<country>) issued <date> expires <date>" and its
// variants into an identifier. A bracket that names a country gives the
// issuing country and ends the value; another bracket is part of the
// value when the value goes on after it ("13/Ta Ta Na (Naing) 019077"),
// else a note ("186785 (Abogado) (Colombia)"). What follows the value
// ("issued 2010", "expires ...") is kept in Note with the label.
func (p *parser) applyID(e *entity.Entity, l label, v string) {
	id := entity.Identifier{Type: l.idType}
	if id.Type == entity.NationalID && l.orgReg && e.Type != entity.Person {
		id.Type = entity.Registration
	}
	var notes, bracketed []string
	if !l.plain {
		notes = append(notes, l.text)
	}
	var value strings.Builder
	for v != "" {
		kw := indexDateWord(v)
		open := strings.IndexByte(v, '(')
		if open < 0 || (kw >= 0 && kw < open) {
			if kw < 0 {
				value.WriteString(v)
			} else {
				value.WriteString(v[:kw])
				notes = appendNote(notes, v[kw:])
			}
			break
		}
		value.WriteString(v[:open])
		closing := strings.IndexByte(v[open:], ')')
		if closing < 0 {
			notes = appendNote(notes, v[open:])
			break
		}
		inner := strings.TrimSpace(v[open+1 : open+closing])
		after := v[open+closing+1:]
		if c := p.country(inner); c != "" && id.Country == "" {
			id.Country = c
			notes = appendNote(notes, after)
			break
		}
		if t := strings.TrimSpace(after); t != "" && t[0] != '(' && indexDateWord(" "+t) != 0 && strings.TrimSpace(value.String()) != "" {
			value.WriteString(v[open : open+closing+1])
		} else {
			bracketed = append(bracketed, inner)
		}
		v = after
	}
	val := strings.TrimRight(strings.TrimSpace(value.String()), " ,;:")
	if val == "" && len(bracketed) > 0 {
		// "International Maritime Organization No. (5777731)"
		val, bracketed = bracketed[0], bracketed[1:]
	}
	for _, b := range bracketed {
		notes = appendNote(notes, b)
	}
	if val == "" {
		return
	}
	if id.Type == entity.Registration && strings.HasPrefix(val, "IMO ") {
		// "Vessel Registration Identification IMO 1234567" written oddly.
		id.Type, val = entity.IMO, strings.TrimSpace(val[4:])
	}
	if id.Country == "" {
		id.Country = l.country
	}
	id.Value = val
	id.Note = strings.Join(notes, "; ")
	p.dd.addIdentifier(id)
}

// indexDateWord finds where a remark's trailing "issued ..." or
// "expires ..." starts, -1 if it has none.
func indexDateWord(v string) int {
	at := -1
	for _, w := range []string{" issued", " expire", ",issued", ",expire", ", issued", ", expire"} {
		if i := strings.Index(v, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

func appendNote(notes []string, s string) []string {
	if s = strings.Trim(s, " ,;:."); s != "" {
		notes = append(notes, s)
	}
	return notes
}

// unquote strips the single quotes OFAC puts around weak aliases:
// 'BNC' → BNC, ”FOOPIE” → FOOPIE, ”ABD-AL-'IZ' → 'ABD-AL-'IZ (the
// leading apostrophe is part of the transliterated name).
func unquote(s string) string {
	s = strings.TrimSpace(s)
	paired := false
	for len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		s = strings.TrimSpace(s[1 : len(s)-1])
		paired = true
	}
	if !paired && strings.HasPrefix(s, "'") {
		// An alias cut by OFAC's 1,000-character limit, read without the
		// spillover file: 'snowsjo
		s = strings.TrimSpace(s[1:])
	}
	return s
}

func craft(e *entity.Entity) *entity.Craft {
	if e.Vessel == nil {
		e.Vessel = &entity.Craft{}
	}
	return e.Vessel
}
