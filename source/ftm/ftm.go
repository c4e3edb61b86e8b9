// Package ftm reads FollowTheMoney (FtM) entities as OpenSanctions
// publishes them: the bulk export entities.ftm.json (format "ftm-json"),
// one JSON entity per line, and its delta files (format
// "ftm-delta-json"), one {"op": "ADD"|"MOD"|"DEL", "entity": {...}} per
// line.
//
// Specifications: the FtM data model, https://followthemoney.tech and
// followthemoney/schema/*.yaml; the OpenSanctions export format,
// https://www.opensanctions.org/docs/bulk/json/ (an entity is id, caption,
// schema, properties as a map of lists of strings, referents, datasets,
// first_seen, last_seen, last_change, target); the delta files,
// https://www.opensanctions.org/faq/80/bulk-deltas/ and zavod's
// exporters/delta.py (DEL carries only the entity ID).
//
// # Parties and side records
//
// Person becomes a person; Organization, Company, LegalEntity and
// PublicBody an organization; Vessel a vessel and Airplane an aircraft.
// The export is flat: what a sanctions list writes inside one entry is
// spread over several FtM entities that point at each other by ID. These
// side records are folded into the party they belong to:
//
//   - Address, which a party names in addressEntity: Addresses, and the
//     address's country in Countries;
//   - Sanction, which names its party in entity: Programs (program, or
//     programId when there is none), ListedOn (the earliest listingDate,
//     else startDate), and a "Sanction: ..." remark with the authority,
//     dates, reason and provisions;
//   - Identification and Passport (holder): Identifiers;
//   - CryptoWallet (holder): a Crypto identifier;
//   - Occupancy (holder) and the Position it names in post: Positions,
//     with the term of office.
//
// Side records are found through the party's ID and its referents (the
// IDs it was merged from), and an Address through its ID or referents.
// OpenSanctions' nested export (targets.nested.json), which embeds these
// adjacent entities in the properties instead of naming their IDs, is
// read the same way. Every other schema (Ownership, Directorship, Family,
// documents, assets...) is passed over: those entities are not parties.
// An entity of such a schema that OpenSanctions marks as a target (a
// listed Vehicle, Security or BankAccount) is reported as a Problem, as
// is an entity of a schema FtM does not define, so that no listed thing
// is dropped unseen.
//
// # Fields
//
// ID is the FtM ID as it is ("NK-2GdmHtZTeNXjNVrBGEXZNj", "Q7747"), and
// SourceIDs the ID and its referents (which carry the original
// publishers' IDs: "ofac-32733", "gb-fcdo-rus1222"). Source is
// Report.Dataset: the dataset named by most entities of the file (an FtM
// file does not name its collection, so for a collection export such as
// "sanctions" this is its largest source dataset; the loader may name the
// source itself). Datasets keeps each entity's own list.
//
// Names[0] is the caption when it is one of the names (the name
// OpenSanctions displays), else the first name; then come the other
// names and aliases (Alias), abbreviation (Alias), previousName (Former)
// and weakAlias (Alias, Weak). Names with letters outside the Latin
// script are marked Script. FtM gives name parts (firstName, middleName,
// secondName, fatherName, lastName) as lists across all scripts; each
// name gets the parts it contains as whole words, and title goes to the
// primary name. Dates go through entity.ParseDate (birthDate, and
// incorporationDate for organizations); countries (nationality,
// citizenship, country, jurisdiction, mainCountry, birthCountry, flag)
// are FtM's lower-case codes, checked against the country table.
// Identifier properties (idNumber, passportNumber, taxNumber, innCode,
// registrationNumber, ogrnCode, swiftBic, imoNumber, mmsi, callSign, ...)
// become Identifiers with the FtM label as Note. notes, summary and
// description open Remarks; sourceUrl is URL; every other property,
// topics and unplaceable values included, goes to Remarks as
// "Label: values", so nothing the file says about a party is lost.
// first_seen, last_seen and last_change are OpenSanctions' crawl metadata
// and are not kept; Report.Published is the latest last_seen date.
//
// # Memory
//
// Sanctions and identifications point at their party, not the other way
// round, and OpenSanctions writes entities sorted by ID, so a party's side
// records may come before or after it. Parsing is therefore two passes
// over one read of the input: the first keeps the side records in memory
// (compactly: an address, a program list and remark, an identifier, a
// position name) and sets the parties' raw JSON aside; the second reads
// the parties back, folds and emits them, in file order. The parties are
// held in memory up to 64 MiB and in a temporary file beyond, so memory
// is bounded by the side records (for the full OpenSanctions export of
// about a million entities, some hundreds of MB, mostly occupancies of
// PEPs), not by the file. Entities are emitted only once the whole file
// has been read: a truncated file emits nothing.
//
// # Delta files
//
// ParseDelta emits the ADD and MOD entities as parties and lists DEL IDs
// in Report.Deleted (they may name side records, which the store does not
// hold and ignores). The loader and store apply the delta. OpenSanctions
// computes a delta per FtM entity, so a change to a side record alone
// (a new Sanction, a changed Address of an unchanged party) does not
// bring its party into the delta: such a side record is reported as a
// Problem, since the change cannot be applied; a full reload applies it.
// Likewise a MOD party whose Address is unchanged comes without it (a
// remark names the missing address entity).
//
// A last line cut short (no newline, incomplete JSON) makes the parse fail
// with source.ErrTruncated: a partly downloaded list must not replace a
// good one. Other malformed lines (invalid JSON, no id or schema, unknown
// schema, a party without a name) are reported as Problems with their
// line number.
package ftm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/jsonl"
)

// defaultSpool is how much party JSON is held in memory before the rest
// goes to a temporary file.
const defaultSpool = 64 << 20

// Format describes the OpenSanctions FtM export (entities.ftm.json).
func Format() source.Format {
	return source.Format{
		Name:        "ftm-json",
		Description: "FollowTheMoney entities, one JSON object per line (OpenSanctions entities.ftm.json, targets.nested.json)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// DeltaFormat describes OpenSanctions' FtM delta files.
func DeltaFormat() source.Format {
	return source.Format{
		Name:        "ftm-delta-json",
		Description: "OpenSanctions delta file: FtM entities added, modified or deleted, one JSON operation per line",
		Sniff:       SniffDelta,
		Parse:       ParseDelta,
	}
}

// Sniff reports whether head starts with an FtM entity: a JSON object
// with "schema" and "properties" (or "id") keys.
func Sniff(name string, head []byte) bool {
	line, _ := jsonl.FirstLine(head)
	k := jsonl.TopKeys(line)
	return k["schema"] && (k["properties"] || k["id"]) && !k["op"]
}

// SniffDelta reports whether head starts with a delta operation: a JSON
// object with "op" and "entity" keys.
func SniffDelta(name string, head []byte) bool {
	line, _ := jsonl.FirstLine(head)
	k := jsonl.TopKeys(line)
	return k["op"] && k["entity"]
}

// Parse reads a full FtM export and emits its parties.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	return parse(ctx, in, emit, false, defaultSpool)
}

// ParseDelta reads an OpenSanctions delta file: it emits the parties added
// or modified and lists the deleted IDs in Report.Deleted.
func ParseDelta(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	return parse(ctx, in, emit, true, defaultSpool)
}

type parser struct {
	ctx       context.Context
	in        source.Input
	emit      source.Emit
	delta     bool
	report    source.Report
	sides     sides
	spool     spool
	datasets  map[string]int
	published string
}

func parse(ctx context.Context, in source.Input, emit source.Emit, delta bool, spoolLimit int) (source.Report, error) {
	p := &parser{
		ctx: ctx, in: in, emit: emit, delta: delta,
		sides:    newSides(delta),
		spool:    spool{limit: spoolLimit},
		datasets: map[string]int{},
	}
	defer p.spool.close()
	if err := p.firstPass(); err != nil {
		return p.report, err
	}
	p.report.Dataset = p.mainDataset()
	p.report.Published = p.published
	if err := p.secondPass(); err != nil {
		return p.report, err
	}
	if delta {
		for _, r := range p.sides.all {
			if !r.used {
				p.skip(r.line, r.id, "", fmt.Errorf("%s changed but no party it belongs to is in this delta: the change cannot be applied; reload the full export", r.schema))
			}
		}
	}
	return p.report, nil
}

func (p *parser) skip(line int, id, field string, err error) {
	p.report.Skip(source.Problem{File: p.in.Name, Line: line, Record: id, Field: field, Err: err})
}

// firstPass reads the file's lines: side records are kept, parties set
// aside for the second pass.
func (p *parser) firstPass() error {
	return jsonl.Scan(p.ctx, p.in, &p.report, p.checkFirst, p.readLine)
}

// checkFirst rejects a file whose first line is not of this format.
func (p *parser) checkFirst(line []byte, terminated bool) error {
	k := jsonl.TopKeys(line)
	isDelta := k["op"] || k["entity"]
	isFull := (k["schema"] || k["properties"]) && !isDelta
	switch {
	case p.delta && isDelta, !p.delta && isFull:
		return nil
	case p.delta && isFull:
		return fmt.Errorf("%s: a full FtM export, not a delta file: %w", p.in.Name, source.ErrNotList)
	case !p.delta && isDelta:
		return fmt.Errorf("%s: an FtM delta file, not a full export: %w", p.in.Name, source.ErrNotList)
	case len(line) > 0 && line[0] == '{' && jsonl.CutShort(line, terminated):
		return fmt.Errorf("%s: first line ends before its entity does: %w", p.in.Name, source.ErrTruncated)
	}
	what := "FtM entities"
	if p.delta {
		what = "FtM delta operations"
	}
	return fmt.Errorf("%s: first line is not one of %s: %w", p.in.Name, what, source.ErrNotList)
}

// decode unmarshals one line, telling a cut-off last line (an error that
// stops the parse) from a malformed one (a Problem).
func (p *parser) decode(b []byte, terminated bool, line int, v any) (ok bool, err error) {
	if err := json.Unmarshal(b, v); err != nil {
		if jsonl.CutShort(b, terminated) {
			return false, fmt.Errorf("%s:%d: last line ends in the middle of an entity: %w", p.in.Name, line, source.ErrTruncated)
		}
		if json.Valid(b) {
			err = fmt.Errorf("not an FtM entity object: %w", err)
		} else {
			err = fmt.Errorf("invalid JSON: %w", err)
		}
		p.skip(line, "", "", err)
		return false, nil
	}
	return true, nil
}

func (p *parser) readLine(b []byte, terminated bool, line int) error {
	if !p.delta {
		var h head
		if ok, err := p.decode(b, terminated, line, &h); !ok {
			return err
		}
		return p.readEntity(b, &h, line)
	}
	var op deltaOp
	if ok, err := p.decode(b, terminated, line, &op); !ok {
		return err
	}
	var h head
	if len(op.Entity) == 0 || json.Unmarshal(op.Entity, &h) != nil {
		p.skip(line, "", "entity", errors.New("operation has no entity object"))
		return nil
	}
	switch strings.ToUpper(strings.TrimSpace(op.Op)) {
	case "DEL":
		if h.ID == "" {
			p.skip(line, "", "id", errors.New("DEL operation names no entity id"))
			return nil
		}
		p.report.Deleted = append(p.report.Deleted, h.ID)
		return nil
	case "ADD", "MOD":
		return p.readEntity(op.Entity, &h, line)
	}
	p.skip(line, h.ID, "op", fmt.Errorf("unknown operation %q", op.Op))
	return nil
}

// readEntity sorts one entity: a party is set aside for the second pass,
// a side record is stored, anything else is passed over.
func (p *parser) readEntity(b []byte, h *head, line int) error {
	for _, d := range h.Datasets {
		p.datasets[d]++
	}
	if len(h.LastSeen) >= 10 {
		if d, err := entity.ParseISODate(h.LastSeen[:10]); err == nil && d.String() > p.published {
			p.published = d.String()
		}
	}
	switch {
	case h.ID == "":
		p.skip(line, "", "id", errors.New("entity has no id"))
	case h.Schema == "":
		p.skip(line, h.ID, "schema", errors.New("entity has no schema"))
	case h.Properties == nil:
		p.skip(line, h.ID, "properties", errors.New("entity has no properties"))
	case partyTypes[h.Schema] != "":
		return p.spool.add(line, b)
	case sideSchemata[h.Schema]:
		var raw rawEntity
		if err := json.Unmarshal(b, &raw); err != nil {
			p.skip(line, h.ID, "", fmt.Errorf("invalid %s entity: %w", h.Schema, err))
			return nil
		}
		if missing := p.sides.add(&raw, line); missing != "" {
			p.skip(line, h.ID, missing, fmt.Errorf("%s entity has no %s", h.Schema, missing))
		}
	case otherSchemata[h.Schema]:
		if h.Target != nil && *h.Target {
			p.skip(line, h.ID, "schema", fmt.Errorf("%q (%s) is a listed target but embargo has no party type for schema %s", entity.CleanSpace(h.Caption), h.ID, h.Schema))
		}
	default:
		p.skip(line, h.ID, "schema", fmt.Errorf("unknown FtM schema %q", h.Schema))
	}
	return nil
}

// mainDataset is the dataset most entities name (the first in name order
// on a tie).
func (p *parser) mainDataset() string {
	best, n := "", 0
	for d, c := range p.datasets {
		if c > n || c == n && d < best {
			best, n = d, c
		}
	}
	return best
}

func (p *parser) secondPass() error {
	n := 0
	return p.spool.each(func(line int, b []byte) error {
		n++
		if err := source.CheckContext(p.ctx, n); err != nil {
			return err
		}
		var raw rawEntity
		if err := json.Unmarshal(b, &raw); err != nil {
			var h head
			_ = json.Unmarshal(b, &h)
			p.skip(line, h.ID, "properties", fmt.Errorf("invalid %s entity: %w", h.Schema, err))
			return nil
		}
		e := p.build(&raw, line, partyTypes[raw.Schema])
		if e == nil {
			return nil
		}
		return p.emit(e)
	})
}
