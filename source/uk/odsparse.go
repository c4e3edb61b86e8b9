package uk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/embargo/embargo/country"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/ods"
)

// SheetName is the sheet of the summary workbook that holds the list.
const SheetName = "UK_Sanction_List"

// The summary sheet's columns, by folded header.
const (
	colUniqueID  = "uniqueid"
	colGroupID   = "ofsigroupid"
	colName      = "name"
	colRegime    = "regimename"
	colType      = "type"
	colSource    = "designationsource"
	colDate      = "datedesignated"
	colSanctions = "sanctionsimposed"
)

// odsHeader maps the summary sheet's header row to column indexes. ok is
// false when the row is not that header.
func odsHeader(row ods.Row) (cols map[string]int, headers []string, ok bool) {
	cols = map[string]int{}
	headers = make([]string, len(row.Cells))
	for i, c := range row.Cells {
		headers[i] = entity.CleanSpace(c.String())
		k := headerKey(headers[i])
		if _, dup := cols[k]; !dup && k != "" {
			cols[k] = i
		}
	}
	for _, k := range []string{colUniqueID, colName, colRegime, colType} {
		if _, has := cols[k]; !has {
			return nil, nil, false
		}
	}
	_, group := cols[colGroupID]
	_, src := cols[colSource]
	_, date := cols[colDate]
	return cols, headers, group || src || date
}

// SniffODS reports an OpenDocument spreadsheet whose first sheet starts
// (within its first rows) with the UK summary sheet's header.
func SniffODS(name string, head []byte) bool {
	mime, content := ods.SniffHead(head, sniffSize)
	if mime != ods.MimeType && mime != ods.TemplateMimeType && (mime != "" || len(content) == 0) {
		return false
	}
	n := 0
	for row, err := range ods.ContentRows(bytes.NewReader(content), "") {
		if err != nil || n >= maxPreamble {
			return false
		}
		if _, _, ok := odsHeader(row); ok {
			return true
		}
		n++
	}
	return false
}

// ParseODS reads the OpenDocument summary sheet: the sheet named
// UK_Sanction_List, or the first sheet when there is none of that name.
func ParseODS(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	var rep source.Report
	doc, err := ods.OpenReader(in.R)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", in.Name, err)
	}
	if t := doc.Modified(); !t.IsZero() {
		rep.Published = t.Format("2006-01-02")
	}
	p := odsParser{ctx: ctx, in: in, emit: emit, rep: &rep, seen: map[string]int{}}
	err = p.sheet(doc, SheetName)
	if errors.Is(err, ods.ErrNoSheet) && p.cols == nil {
		err = p.sheet(doc, "")
	}
	if err != nil {
		return rep, fmt.Errorf("%s: %w", in.Name, err)
	}
	if p.cols == nil {
		return rep, fmt.Errorf("%s: %w: the sheet is empty", in.Name, source.ErrNotList)
	}
	return rep, nil
}

type odsParser struct {
	ctx     context.Context
	in      source.Input
	emit    source.Emit
	rep     *source.Report
	cols    map[string]int
	headers []string
	extra   []int          // columns the parser does not know
	pre     int            // rows before the header
	seen    map[string]int // Unique ID → row
}

func (p *odsParser) sheet(doc *ods.Doc, sheet string) error {
	for row, err := range doc.Rows(sheet) {
		if err != nil {
			return err
		}
		if p.cols == nil {
			cols, headers, ok := odsHeader(row)
			if !ok {
				// A title row before the header, which may date the list.
				if p.pre++; p.pre >= maxPreamble {
					return fmt.Errorf("%w: no UK Sanctions List header (Unique ID, Name, Regime Name, Type, ...) in the first %d rows", source.ErrNotList, p.pre)
				}
				if m := dateInText.FindString(strings.Join(row.Texts(), " ")); m != "" {
					if d, ok := ukDate(m); ok {
						p.rep.Published = d.String()
					}
				}
				continue
			}
			p.cols, p.headers = cols, headers
			for i, h := range headers {
				switch headerKey(h) {
				case colUniqueID, colGroupID, colName, colRegime, colType, colSource, colDate, colSanctions:
				default:
					p.extra = append(p.extra, i)
				}
			}
			continue
		}
		p.rep.Records++
		if err := source.CheckContext(p.ctx, p.rep.Records); err != nil {
			return err
		}
		e, field, perr := p.entity(row)
		if perr != nil {
			p.rep.Skip(source.Problem{File: p.in.Name, Line: row.Num, Record: p.cell(row, colUniqueID), Field: field, Err: perr})
			continue
		}
		if err := p.emit(e); err != nil {
			return err
		}
	}
	return nil
}

func (p *odsParser) cell(row ods.Row, col string) string {
	i, ok := p.cols[col]
	if !ok {
		return ""
	}
	return entity.CleanSpace(row.Text(i))
}

// entity reads one data row; on a bad row it returns the field at fault.
func (p *odsParser) entity(row ods.Row) (*entity.Entity, string, error) {
	uid := p.cell(row, colUniqueID)
	if uid == "" {
		return nil, "Unique ID", errors.New("no Unique ID")
	}
	if first, dup := p.seen[uid]; dup {
		return nil, "Unique ID", fmt.Errorf("Unique ID %s repeats row %d", uid, first)
	}
	p.seen[uid] = row.Num
	name := p.cell(row, colName)
	if name == "" {
		return nil, "Name", fmt.Errorf("designation %s has no name", uid)
	}
	e := &entity.Entity{ID: "uk-" + uid, Source: SourceName, SourceIDs: []string{uid}}
	if g := p.cell(row, colGroupID); g != "" {
		e.SourceIDs = append(e.SourceIDs, "OFSI:"+g)
	}
	var rem remarks
	typ := p.cell(row, colType)
	if t, ok := entity.ParseType(typ); ok {
		e.Type = t
	} else {
		rem.add("Type", typ)
	}
	n := entity.Name{Full: name, Kind: entity.Primary}
	if e.Type == entity.Person {
		n.Parts = familyFirst(name)
	}
	e.AddName(n)
	if r := p.cell(row, colRegime); r != "" {
		e.Programs = []string{r}
		// A country regime ("Russia", "Democratic People's Republic of
		// Korea", "Iran (Nuclear)") is the only tie to a country the summary
		// sheet gives; thematic regimes ("Global Human Rights") name none.
		if c := country.Code(r); c != "" {
			e.Countries = append(e.Countries, c)
		}
	}
	if s := p.cell(row, colDate); s != "" {
		if d, ok := ukDate(s); ok {
			e.ListedOn = d.String()
		} else {
			rem.add("Date designated", s)
		}
	}
	rem.add("Designation source", p.cell(row, colSource))
	rem.add("Sanctions imposed", p.cell(row, colSanctions))
	// Columns this parser does not know stay in the remarks.
	for _, i := range p.extra {
		if v := entity.CleanSpace(row.Text(i)); v != "" {
			rem.add(p.headers[i], v)
		}
	}
	// Cells beyond the header's last column.
	for i := len(p.headers); i < len(row.Cells); i++ {
		if v := entity.CleanSpace(row.Text(i)); v != "" {
			rem.add("", v)
		}
	}
	e.Remarks = rem.String()
	e.Normalize()
	return e, "", nil
}
