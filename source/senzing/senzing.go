// Package senzing reads Senzing entity records, one JSON object per line,
// as OpenSanctions exports its datasets for the Senzing entity resolution
// engine (senzing.json, format "senzing-json").
//
// Specifications: the Senzing Entity Specification (formerly the Generic
// Entity Specification, https://senzing.com/docs/entity_specification/),
// and OpenSanctions' exporter, zavod/exporters/senzing.py, which decides
// what a record holds: DATA_SOURCE ("OS_" and the dataset name),
// RECORD_ID (the FtM entity ID), RECORD_TYPE (PERSON, ORGANIZATION,
// VESSEL, AIRCRAFT, or null for other FtM schemata), LAST_CHANGE, URL,
// and lists of feature objects: NAMES, DATES, COUNTRIES, ADDRESSES,
// IDENTIFIERS, CONTACTS, RISKS, RELATIONSHIPS, SOURCE_LINKS.
//
// The parser does not depend on those list names: every feature object
// under any root key (and the "FEATURES" list of the current
// specification, and the attributes of a flat record at its root) is read
// by its attributes, which the specification registers: NAME_* (FULL,
// ORG, FIRST, MIDDLE, LAST, PREFIX, SUFFIX, TYPE), ADDR_*, DATE_OF_BIRTH,
// DATE_OF_DEATH, REGISTRATION_DATE, GENDER, NATIONALITY, CITIZENSHIP,
// PLACE_OF_BIRTH, REGISTRATION_COUNTRY, PASSPORT_*, DRIVERS_LICENSE_*,
// NATIONAL_ID_*, TAX_ID_*, SSN_NUMBER, OTHER_ID_*, TRUSTED_ID_*,
// ACCOUNT_*, LEI_NUMBER, DUNS_NUMBER, NPI_NUMBER, PHONE_*,
// EMAIL_ADDRESS, WEBSITE_ADDRESS, social handles, EMPLOYER,
// GROUP_ASSOCIATION_*, GROUP_ASSN_ID_*, REL_ANCHOR_* and REL_POINTER_*;
// plus what OpenSanctions adds: COUNTRY_OF_ASSOCIATION, TOPIC, SOURCE_URL,
// IMO_NUMBER, MMSI_NUMBER, CALL_SIGN, ISIN_NUMBER, OFAC_ID. A usage prefix
// ("HOME_ADDR_LINE1") is read as the feature's type. An attribute the
// specification does not register, and root payload attributes, go to
// Remarks as "ATTRIBUTE: value".
//
// # Fields
//
// ID is RECORD_ID as it is (the FtM ID: "NK-AQ4HymsADSK2D63MkyTqfC",
// "Q101196632"); SourceIDs adds the OPEN_SANCTIONS OTHER_ID. Source and
// Report.Dataset are the first record's DATA_SOURCE lower-cased, without
// the "OS_" OpenSanctions puts before its dataset names ("OS_US_CONGRESS"
// → "us_congress"), so that a dataset has the same name here and in its
// FtM export; Datasets keeps each record's own. Names[0] is the first
// PRIMARY name. Dates go through entity.ParseDate (DATE_OF_BIRTH, and
// REGISTRATION_DATE for organizations; DATE_OF_DEATH goes to Remarks);
// countries through the country table. Identifier types named by an FtM
// property ("registrationNumber", "innCode") keep FtM's meaning; others
// go through entity.ParseIDType. RISKS topics ("role.pep", "sanction")
// go to Remarks as "Topics: ...", since they are not sanctions programs.
// The root URL (the publisher's page for the entity) is URL.
// Report.Published is the latest LAST_CHANGE date, which is on or before
// the export date.
//
// # Positions and other records without a type
//
// OpenSanctions exports every matchable FtM entity. Persons, organizations,
// vessels and aircraft have a RECORD_TYPE; LegalEntity and Position have
// none. A politically exposed person points at the Position it holds
// with a REL_POINTER whose role is "Occupancy", and the Position record
// carries the matching REL_ANCHOR. Such positions are not parties: they
// are not emitted, and their names fill the Positions of the persons
// holding them ("United States senator"). A record without a type that no
// Occupancy points at is emitted as an organization (FtM's LegalEntity,
// used when a source does not say whether a party is a person or a
// company), with a remark saying so. Other relationships go to Remarks as
// "Related (role): ID".
//
// # Streaming and memory
//
// Records are emitted as they are read, except that a person who points
// at a position not read yet waits until that position is read, and the
// records without a type wait to the end of the file (they are few: a
// dataset's positions and unclassified legal entities). At most 100,000
// persons wait at once; beyond that the one waiting longest is emitted
// with its unread positions named in Remarks by ID, so memory stays
// bounded on the full OpenSanctions export. Emission order therefore
// differs from file order.
//
// Malformed lines (invalid JSON, no RECORD_ID, no name, an unknown
// RECORD_TYPE such as VEHICLE) are reported as Problems with their line
// number. A last line cut short (no newline, incomplete JSON) makes the
// parse fail with source.ErrTruncated, after the records before it were
// emitted: a partly downloaded list must not replace a good one.
package senzing

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

// maxPending bounds the persons waiting for a position record.
const maxPending = 100_000

// Format describes Senzing JSON lines.
func Format() source.Format {
	return source.Format{
		Name:        "senzing-json",
		Description: "Senzing entity records, one JSON object per line (OpenSanctions senzing.json)",
		Sniff:       Sniff,
		Parse:       Parse,
	}
}

// Sniff reports whether head starts with a Senzing record: a JSON object
// with DATA_SOURCE and a record attribute (RECORD_ID, RECORD_TYPE,
// FEATURES, NAMES or a name).
func Sniff(name string, head []byte) bool {
	line, _ := jsonl.FirstLine(head)
	k := jsonl.TopKeys(line)
	return k["DATA_SOURCE"] && (k["RECORD_ID"] || k["RECORD_TYPE"] || k["FEATURES"] || k["NAMES"] ||
		k["NAME_FULL"] || k["NAME_ORG"] || k["NAME_LAST"])
}

// Parse reads Senzing JSON lines and emits their parties.
func Parse(ctx context.Context, in source.Input, emit source.Emit) (source.Report, error) {
	return parse(ctx, in, emit, maxPending)
}

type parser struct {
	ctx        context.Context
	in         source.Input
	emit       source.Emit
	report     source.Report
	published  string
	maxPending int
	dec        decoder
	gs         []group // scratch for groups
	kvs        []kv    // scratch for groups
	idx        []int32 // scratch for groups

	positions  map[relKey]string   // anchor of a record without type → its name
	waiting    map[relKey][]*party // anchor → persons waiting for it
	queue      []*party            // waiting persons, oldest first (done ones are skipped)
	pending    int                 // persons waiting
	untyped    []*party            // records without type, held to the end
	occTargets map[relKey]bool     // anchors some Occupancy points at
}

func parse(ctx context.Context, in source.Input, emit source.Emit, maxPending int) (source.Report, error) {
	p := &parser{
		ctx: ctx, in: in, emit: emit, maxPending: maxPending,
		positions:  map[relKey]string{},
		waiting:    map[relKey][]*party{},
		occTargets: map[relKey]bool{},
	}
	if err := p.read(); err != nil {
		p.report.Published = p.published
		return p.report, err
	}
	p.report.Published = p.published
	return p.report, p.flush()
}

func (p *parser) skip(line int, id, field string, err error) {
	p.report.Skip(source.Problem{File: p.in.Name, Line: line, Record: id, Field: field, Err: err})
}

func (p *parser) read() error {
	return jsonl.Scan(p.ctx, p.in, &p.report, p.checkFirst, p.readLine)
}

// checkFirst rejects a file whose first line is not a Senzing record.
func (p *parser) checkFirst(line []byte, terminated bool) error {
	k := jsonl.TopKeys(line)
	switch {
	case k["DATA_SOURCE"] || k["RECORD_ID"]:
		return nil
	case line[0] == '{' && jsonl.CutShort(line, terminated):
		return fmt.Errorf("%s: first line ends before its record does: %w", p.in.Name, source.ErrTruncated)
	}
	return fmt.Errorf("%s: first line is not a Senzing record: %w", p.in.Name, source.ErrNotList)
}

// readLine maps one record and places it.
func (p *parser) readLine(line []byte, terminated bool, n int) error {
	rec, err := p.dec.decode(line)
	if err != nil {
		if jsonl.CutShort(line, terminated) {
			return fmt.Errorf("%s:%d: last line ends in the middle of a record: %w", p.in.Name, n, source.ErrTruncated)
		}
		if json.Valid(line) {
			err = fmt.Errorf("not a Senzing record: %w", err)
		} else {
			err = errors.New("invalid JSON")
		}
		p.skip(n, "", "", err)
		return nil
	}
	if p.report.Dataset == "" {
		if ds := rec.dataSource; strings.TrimSpace(ds) != "" {
			p.report.Dataset = datasetName(ds)
		}
	}
	pt := p.build(rec, n)
	if pt == nil {
		return nil
	}
	return p.add(pt)
}

// add places a mapped record: a record without type is held to the end
// and names the persons waiting for it; a party is emitted once the
// positions it holds have been read.
func (p *parser) add(pt *party) error {
	for _, o := range pt.occs {
		p.occTargets[relKey{o.domain, o.key}] = true
	}
	if !pt.typed {
		p.untyped = append(p.untyped, pt)
		for _, k := range pt.anchors {
			if _, ok := p.positions[k]; ok {
				continue
			}
			p.positions[k] = pt.e.Names[0].Full
			if err := p.resolve(k); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range pt.occs {
		o := &pt.occs[i]
		k := relKey{o.domain, o.key}
		if name, ok := p.positions[k]; ok {
			pt.e.Positions = append(pt.e.Positions, name+o.term())
			o.key = "" // resolved
			continue
		}
		pt.waiting++
		p.waiting[k] = append(p.waiting[k], pt)
	}
	if pt.waiting == 0 {
		return p.finish(pt)
	}
	p.queue = append(p.queue, pt)
	pt.queued = true
	p.pending++
	for p.pending > p.maxPending {
		for p.queue[0].done {
			p.queue = p.queue[1:]
		}
		oldest := p.queue[0]
		p.queue = p.queue[1:]
		p.unwait(oldest)
		if err := p.finish(oldest); err != nil {
			return err
		}
	}
	if len(p.queue) > 2*p.pending+1024 {
		// Drop the persons emitted since they were queued.
		live := p.queue[:0]
		for _, q := range p.queue {
			if !q.done {
				live = append(live, q)
			}
		}
		clear(p.queue[len(live):])
		p.queue = live
	}
	return nil
}

// unwait removes a person given up on from the lists of those waiting
// for a position, so that it is not kept in memory to the end.
func (p *parser) unwait(pt *party) {
	for _, o := range pt.occs {
		if o.key == "" {
			continue
		}
		k := relKey{o.domain, o.key}
		list := p.waiting[k]
		for i, q := range list {
			if q == pt {
				if i == 0 {
					list = list[1:]
				} else {
					list = append(list[:i], list[i+1:]...)
				}
				break
			}
		}
		if len(list) == 0 {
			delete(p.waiting, k)
		} else {
			p.waiting[k] = list
		}
	}
}

// resolve gives the persons waiting for anchor k the position's name.
func (p *parser) resolve(k relKey) error {
	name := p.positions[k]
	for _, pt := range p.waiting[k] {
		if pt.done {
			continue
		}
		for i := range pt.occs {
			o := &pt.occs[i]
			if o.key != "" && (relKey{o.domain, o.key}) == k {
				pt.e.Positions = append(pt.e.Positions, name+o.term())
				o.key = ""
				pt.waiting--
			}
		}
		if pt.waiting == 0 {
			if err := p.finish(pt); err != nil {
				return err
			}
		}
	}
	delete(p.waiting, k)
	return nil
}

// finish completes a party's remarks and emits it.
func (p *parser) finish(pt *party) error {
	if pt.done {
		return nil
	}
	if pt.queued {
		pt.queued = false
		p.pending--
	}
	pt.done = true
	for _, o := range pt.occs {
		if o.key != "" {
			pt.remark("Occupancy of a position whose record is not in the file: " + o.key + o.term())
		}
	}
	if len(pt.topics) > 0 {
		pt.remark("Topics: " + strings.Join(entity.SortedSet(pt.topics), ", "))
	}
	pt.e.Remarks = strings.Join(uniq(pt.remarks), "; ")
	pt.e.Normalize()
	return p.emit(pt.e)
}

func uniq(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// flush emits, at the end of the file, the persons still waiting (their
// positions are not in the file) and the records without type that are
// not positions.
func (p *parser) flush() error {
	for _, pt := range p.queue {
		if err := p.finish(pt); err != nil {
			return err
		}
	}
	p.queue = nil
	for _, pt := range p.untyped {
		position := false
		for _, k := range pt.anchors {
			if p.occTargets[k] {
				position = true
			}
		}
		if position {
			continue
		}
		for i := range pt.occs {
			o := &pt.occs[i]
			if name, ok := p.positions[relKey{o.domain, o.key}]; ok {
				pt.e.Positions = append(pt.e.Positions, name+o.term())
				o.key = ""
			}
		}
		pt.remark("Record type not given: read as an organization (FtM LegalEntity)")
		if err := p.finish(pt); err != nil {
			return err
		}
	}
	return nil
}
