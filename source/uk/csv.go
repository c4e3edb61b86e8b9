package uk

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/csvlist"
)

// csvField is what a column of the full-list CSV holds.
type csvField int

const (
	fUnknown csvField = iota
	fLastUpdated
	fUniqueID
	fGroupID
	fUNRef
	fName1
	fName2
	fName3
	fName4
	fName5
	fName6
	fNameType
	fAliasStrength
	fTitle
	fNonLatin
	fNonLatinType
	fNonLatinLang
	fRegime
	fType
	fSource
	fSanctions
	fOtherInfo
	fReasons
	fAddr1
	fAddr2
	fAddr3
	fAddr4
	fAddr5
	fAddr6
	fPostal
	fAddrCountry
	fPhone
	fWebsite
	fEmail
	fDateDesignated
	fDOB
	fNationality
	fNatIDNumber
	fNatIDInfo
	fPassportNumber
	fPassportInfo
	fPosition
	fGender
	fTownOfBirth
	fCountryOfBirth
	fTypeOfEntity
	fSubsidiaries
	fParent
	fRegistration
	fIMO
	fOwner
	fPrevOwner
	fFlag
	fPrevFlags
	fShipType
	fTonnage
	fLength
	fYearBuilt
	fHIN
	numFields
)

// csvColumns maps folded headers (see headerKey) to fields. Several spellings
// of a column are accepted: the FCDO has renamed some over the years
// ("Individual, Entity, Ship", later "Designation Type").
var csvColumns = map[string]csvField{
	"lastupdated":              fLastUpdated,
	"uniqueid":                 fUniqueID,
	"ofsigroupid":              fGroupID,
	"unreferencenumber":        fUNRef,
	"name1":                    fName1,
	"name2":                    fName2,
	"name3":                    fName3,
	"name4":                    fName4,
	"name5":                    fName5,
	"name6":                    fName6,
	"nametype":                 fNameType,
	"aliasstrength":            fAliasStrength,
	"aliasquality":             fAliasStrength,
	"title":                    fTitle,
	"namenonlatinscript":       fNonLatin,
	"nonlatinscripttype":       fNonLatinType,
	"nonlatinscriptlanguage":   fNonLatinLang,
	"regimename":               fRegime,
	"regime":                   fRegime,
	"individualentityship":     fType,
	"designationtype":          fType,
	"entitytype":               fType,
	"type":                     fType,
	"designationsource":        fSource,
	"sanctionsimposed":         fSanctions,
	"otherinformation":         fOtherInfo,
	"ukstatementofreasons":     fReasons,
	"addressline1":             fAddr1,
	"addressline2":             fAddr2,
	"addressline3":             fAddr3,
	"addressline4":             fAddr4,
	"addressline5":             fAddr5,
	"addressline6":             fAddr6,
	"addresspostalcode":        fPostal,
	"addresscountry":           fAddrCountry,
	"phonenumber":              fPhone,
	"website":                  fWebsite,
	"emailaddress":             fEmail,
	"datedesignated":           fDateDesignated,
	"dob":                      fDOB,
	"dateofbirth":              fDOB,
	"nationalityies":           fNationality,
	"nationality":              fNationality,
	"nationalities":            fNationality,
	"nationalidentifiernumber": fNatIDNumber,
	"nationalidentifieradditionalinformation": fNatIDInfo,
	"passportnumber":                fPassportNumber,
	"passportadditionalinformation": fPassportInfo,
	"position":                      fPosition,
	"gender":                        fGender,
	"townofbirth":                   fTownOfBirth,
	"countryofbirth":                fCountryOfBirth,
	"typeofentity":                  fTypeOfEntity,
	"subsidiaries":                  fSubsidiaries,
	"parentcompany":                 fParent,
	"businessregistrationnumbers":   fRegistration,
	"imonumber":                     fIMO,
	"currentowneroperators":         fOwner,
	"previousowneroperators":        fPrevOwner,
	"currentbelievedflagofship":     fFlag,
	"previousflags":                 fPrevFlags,
	"typeofship":                    fShipType,
	"tonnageofship":                 fTonnage,
	"lengthofship":                  fLength,
	"yearbuilt":                     fYearBuilt,
	"hullidentificationnumberhin":   fHIN,
}

// csvHeader maps a header record; ok is false when it is not the list's
// header (it must name the Unique ID and Name 6 columns).
func csvHeader(rec []string) (cols []csvField, ok bool) {
	cols = make([]csvField, len(rec))
	var id, name6 bool
	for i, h := range rec {
		k := headerKey(h)
		f := csvColumns[k]
		if f == fUnknown && strings.HasSuffix(k, "aliasstrength") {
			f = fAliasStrength
		}
		cols[i] = f
		id = id || f == fUniqueID
		name6 = name6 || f == fName6
	}
	return cols, id && name6
}

// SniffCSV reports the full list as CSV: within its first lines, a header
// naming Unique ID, Name 6 and the regime or name type.
func SniffCSV(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if len(head) == 0 || head[0] == '<' || bytes.HasPrefix(head, []byte("PK")) {
		return false
	}
	for i := 0; i < 10 && len(head) > 0; i++ {
		line := head
		if j := bytes.IndexByte(head, '\n'); j >= 0 {
			line, head = head[:j], head[j+1:]
		} else {
			head = nil
		}
		l := bytes.ToLower(line)
		if bytes.Contains(l, []byte("unique id")) && bytes.Contains(l, []byte("name 6")) &&
			(bytes.Contains(l, []byte("regime")) || bytes.Contains(l, []byte("name type"))) {
			return true
		}
	}
	return false
}

// dateInText finds a date in the CSV's first line ("Report Date:
// 11-08-2025").
var dateInText = regexp.MustCompile(`\b(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})\b`)

// maxPreamble bounds the lines read before the header.
const maxPreamble = 20

// ParseCSV reads the full list as CSV, grouping its rows by Unique ID. The
// rows of one designation are expected together, as the FCDO writes them;
// rows of a designation already emitted that turn up later are reported,
// not merged.
func ParseCSV(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	br := bufio.NewReaderSize(in.R, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var cols []csvField
	var headers []string
	for i := 0; cols == nil; i++ {
		rec, err := cr.Read()
		if err == io.EOF || i >= maxPreamble {
			if i == 0 {
				return rep, fmt.Errorf("%s: %w: empty file", in.Name, source.ErrNotList)
			}
			return rep, fmt.Errorf("%s: %w: no UK Sanctions List header (Unique ID, Name 6, ...) in the first %d lines", in.Name, source.ErrNotList, i)
		}
		if err != nil {
			return rep, fmt.Errorf("%s: %w: %v", in.Name, source.ErrNotList, err)
		}
		if c, ok := csvHeader(rec); ok {
			cols, headers = c, append([]string(nil), rec...)
			break
		}
		// A line before the header: the report date.
		if rep.Published == "" {
			if m := dateInText.FindString(strings.Join(rec, " ")); m != "" {
				if d, ok := ukDate(m); ok {
					rep.Published = d.String()
				}
			}
		}
	}
	p := csvParser{in: in, rep: &rep, cols: cols, headers: headers, done: map[string]bool{}}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return rep, fmt.Errorf("%s: %w", in.Name, err)
			}
			if _, eof := br.Peek(1); errors.Is(pe.Err, csv.ErrQuote) && eof == io.EOF {
				// A quoted field still open at the end of the data.
				return rep, fmt.Errorf("%s:%d: %w: the last record is cut short", in.Name, pe.StartLine, source.ErrTruncated)
			}
			rep.Records++
			rep.Skip(source.Problem{File: in.Name, Line: pe.StartLine, Err: err})
			continue
		}
		line, _ := cr.FieldPos(0)
		if err := p.row(rec, line, emit); err != nil {
			return rep, err
		}
		if err := source.CheckContext(ctx, n); err != nil {
			return rep, err
		}
	}
	if err := p.flush(emit); err != nil {
		return rep, err
	}
	return rep, nil
}

type csvParser struct {
	in      source.Input
	rep     *source.Report
	cols    []csvField
	headers []string
	cur     *builder
	curID   string
	curLine int
	done    map[string]bool // Unique IDs already read
}

func (p *csvParser) row(rec []string, line int, emit source.Emit) error {
	var v [numFields]string
	var unknown []int
	for i, s := range rec {
		if i >= len(p.cols) {
			if strings.TrimSpace(s) != "" {
				unknown = append(unknown, i)
			}
			continue
		}
		f := p.cols[i]
		if f == fUnknown {
			if strings.TrimSpace(s) != "" {
				unknown = append(unknown, i)
			}
			continue
		}
		if v[f] == "" {
			v[f] = s
		}
	}
	uid := entity.CleanSpace(v[fUniqueID])
	if uid == "" {
		if csvlist.IsBlank(rec) {
			return nil
		}
		p.rep.Records++
		p.rep.Skip(source.Problem{File: p.in.Name, Line: line, Field: "Unique ID", Err: errors.New("row has no Unique ID")})
		return nil
	}
	if uid != p.curID {
		if err := p.flush(emit); err != nil {
			return err
		}
		if p.done[uid] {
			p.rep.Skip(source.Problem{File: p.in.Name, Line: line, Record: uid, Field: "Unique ID",
				Err: fmt.Errorf("rows of designation %s are not together; this row was not merged into it", uid)})
			return nil
		}
		p.rep.Records++
		p.done[uid] = true
		p.cur, p.curID, p.curLine = newBuilder(uid), uid, line
	}
	b := p.cur
	b.setType(v[fType])
	b.addSourceID("OFSI:", v[fGroupID])
	b.addSourceID("UN:", v[fUNRef])
	b.addProgram(v[fRegime])
	b.setListed(v[fDateDesignated])
	b.addName([6]string{v[fName1], v[fName2], v[fName3], v[fName4], v[fName5], v[fName6]}, v[fNameType], v[fAliasStrength], v[fTitle])
	b.addNonLatin(v[fNonLatin], v[fNonLatinType], v[fNonLatinLang])
	b.rem.add("Designation source", v[fSource])
	b.rem.add("Sanctions imposed", v[fSanctions])
	b.rem.add("Last updated", v[fLastUpdated])
	b.addAddress([6]string{v[fAddr1], v[fAddr2], v[fAddr3], v[fAddr4], v[fAddr5], v[fAddr6]}, v[fPostal], v[fAddrCountry])
	b.rem.add("Phone", v[fPhone])
	b.rem.add("Website", v[fWebsite])
	b.rem.add("Email", v[fEmail])
	b.addDOB(v[fDOB])
	b.addNationality(v[fNationality])
	b.addDocument(entity.NationalID, "National identifier", v[fNatIDNumber], v[fNatIDInfo])
	b.addDocument(entity.Passport, "Passport", v[fPassportNumber], v[fPassportInfo])
	b.addPosition(v[fPosition])
	b.addGender(v[fGender])
	b.addBirthPlace(v[fTownOfBirth], v[fCountryOfBirth])
	b.rem.add("Type of entity", v[fTypeOfEntity])
	b.rem.add("Subsidiaries", v[fSubsidiaries])
	b.rem.add("Parent company", v[fParent])
	b.addRegistration(v[fRegistration])
	b.addIMO(v[fIMO])
	addUnique(&b.owners, v[fOwner])
	b.rem.add("Previous owner/operator", v[fPrevOwner])
	b.addFlag(v[fFlag])
	b.rem.add("Previous flags", v[fPrevFlags])
	addUnique(&b.shipTypes, v[fShipType])
	addUnique(&b.tonnages, v[fTonnage])
	b.rem.add("Length of ship", v[fLength])
	b.rem.add("Year built", v[fYearBuilt])
	b.addHIN(v[fHIN])
	b.rem.add("Other information", v[fOtherInfo])
	b.rem.add("UK statement of reasons", v[fReasons])
	for _, i := range unknown {
		label := ""
		if i < len(p.headers) {
			label = strings.TrimSpace(p.headers[i])
		}
		b.rem.add(label, rec[i])
	}
	return nil
}

// flush emits the designation being read.
func (p *csvParser) flush(emit source.Emit) error {
	if p.cur == nil {
		return nil
	}
	b, uid, line := p.cur, p.curID, p.curLine
	p.cur, p.curID = nil, ""
	e, field, err := b.finish()
	if err != nil {
		p.rep.Skip(source.Problem{File: p.in.Name, Line: line, Record: uid, Field: field, Err: err})
		return nil
	}
	return emit(e)
}
