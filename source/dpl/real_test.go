package dpl

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

const realFile = "lists/us-bis-dpl-2022-09-07.txt"

func TestParseRealFile(t *testing.T) {
	path := shareddata.Path(t, realFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !Sniff("us-bis-dpl-2022-09-07.txt", b[:min(len(b), 64<<10)]) {
		t.Error("Sniff does not recognise the real file")
	}
	es, rep, err := sourcetest.Collect(t, Parse, path, b)
	if err != nil {
		t.Fatal(err)
	}
	// 582 lines: the header and 581 rows, every one with a name.
	if rep.Records != 581 || len(es) != 581 || len(rep.Skipped) != 0 {
		t.Fatalf("records %d, entities %d, skipped %v; want 581, 581, none", rep.Records, len(es), rep.Skipped)
	}
	if rep.Published != "2022-09-02" {
		t.Errorf("published = %q, want 2022-09-02", rep.Published)
	}
	types := map[entity.Type]int{}
	ids := map[string]bool{}
	repeats, inmates := 0, 0
	for _, e := range es {
		types[e.Type]++
		if ids[e.ID] {
			t.Errorf("ID %s repeated", e.ID)
		}
		ids[e.ID] = true
		if strings.Count(e.ID, "-") == 2 {
			repeats++
		}
		if len(e.Identifiers) > 0 {
			inmates++
		}
		if e.ListedOn == "" || e.Caption() == "" || e.Names[0].Kind != entity.Primary {
			t.Errorf("%s: listed on %q, names %v", e.ID, e.ListedOn, e.Names)
		}
	}
	if types[entity.Person] != 430 || types[entity.Organization] != 151 {
		t.Errorf("types = %v, want 430 persons and 151 organizations", types)
	}
	// Two rows are verbatim repeats of the row above them.
	if repeats != 2 {
		t.Errorf("repeated rows = %d, want 2", repeats)
	}
	if inmates != 134 {
		t.Errorf("rows with an inmate number = %d, want 134", inmates)
	}

	find := func(name, street string) *entity.Entity {
		t.Helper()
		for _, e := range es {
			if e.Caption() == name && (street == "" || len(e.Addresses) > 0 && strings.HasPrefix(e.Addresses[0].Street, street)) {
				return e
			}
		}
		t.Fatalf("no entity %q at %q", name, street)
		return nil
	}

	e := find("AARON ABRAHAM VILLA", "")
	want := entity.Address{Full: "3415 RIVERA AVENUE, EL PASO, TX 79905", Street: "3415 RIVERA AVENUE", City: "EL PASO",
		Region: "TX", PostalCode: "79905", Country: "us"}
	if e.Type != entity.Person || e.ListedOn != "2022-08-24" || len(e.Addresses) != 1 || e.Addresses[0] != want ||
		!slices.Equal(e.Countries, []string{"us"}) || e.Remarks != "Expiration date: 2026-01-14; Standard order: Y; "+
		"Action: F.R. NOTICE ADDED; Federal Register: 87 F.R. 52741 8/29/2022; Last update: 2022-08-29" {
		t.Errorf("AARON ABRAHAM VILLA = %+v", e)
	}

	e = find("SIBERIAN AIRLINES", "")
	if e.Type != entity.Organization || !slices.Equal(e.Aliases(), []string{"S7 AIRLINES"}) || e.ListedOn != "2022-06-24" ||
		len(e.Countries) != 0 || !strings.HasPrefix(e.Remarks, "Listed as: SIBERIAN AIRLINES D/B/A S7 AIRLINES;") {
		t.Errorf("SIBERIAN AIRLINES = %+v", e)
	}

	e = find("ABDIEL PADRON MADRID", "")
	if len(e.Identifiers) != 1 || e.Identifiers[0].Value != "42167-480" || e.Identifiers[0].Type != entity.Other ||
		e.Identifiers[0].Country != "us" || !slices.Equal(e.Countries, []string{"us"}) || e.Addresses[0].Region != "NM" {
		t.Errorf("ABDIEL PADRON MADRID = %+v", e)
	}

	e = find("SAMMY ELASHI", "316 CANDLEWOOD")
	if !slices.Equal(e.Aliases(), []string{"IHSAN MEDHAT ELASHI"}) || e.Type != entity.Person || e.ListedOn != "2001-09-06" {
		t.Errorf("SAMMY ELASHI = %+v", e)
	}

	e = find("JOHNSON HU", "")
	if !slices.Equal(e.Countries, []string{"cn"}) || e.Addresses[0].Country != "cn" {
		t.Errorf("JOHNSON HU (country PRC) = %+v", e)
	}

	e = find("STEPHEN EDWARD SMITH", "")
	if e.Addresses[0].Region != "NM" || e.Addresses[0].Country != "us" {
		t.Errorf("STEPHEN EDWARD SMITH (NM in the Country column) = %+v", e.Addresses)
	}

	e = find("MANSOUR ZADEH", "16 KYRAIKOU")
	if len(e.Countries) != 0 || e.Addresses[0].Region != "CY" || !strings.Contains(e.Remarks, `the State column holds "CY"`) {
		t.Errorf("MANSOUR ZADEH (CY in the State column) = %+v", e)
	}

	e = find("KNOKKE-HEIST SUPPORT CORPORATION MANAGEMENT", "NYCKEESSTRAAT")
	if !strings.Contains(e.Remarks, "Last update: 2922-09-01") || e.Type != entity.Organization {
		t.Errorf("KNOKKE-HEIST = %+v", e)
	}
}

func BenchmarkParse(b *testing.B) {
	data := shareddata.Read(b, realFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		_, err := Parse(context.Background(), source.Input{Name: "dpl.txt", R: bytes.NewReader(data)},
			func(*entity.Entity) error { n++; return nil })
		if err != nil || n != 581 {
			b.Fatalf("%d entities, %v", n, err)
		}
	}
}
