package ofac

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/source"
)

const realSet = "lists/ofac-sdn-2021-07-07/sdn.csv"

// realInput opens OFAC's list of 7 July 2021 from the shared data, with its
// companions.
func realInput(tb testing.TB) source.Input {
	tb.Helper()
	path := shareddata.Path(tb, realSet)
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	dir := filepath.Dir(path)
	return source.Input{
		Name: path,
		R:    f,
		Open: func(name string) (io.ReadCloser, error) { return os.Open(filepath.Join(dir, name)) },
	}
}

func TestRealSDNList(t *testing.T) {
	got, order, rep := parseAll(t, realInput(t))
	if len(order) != 8976 || rep.Records != 8976 {
		t.Errorf("entities = %d, records = %d, want 8976", len(order), rep.Records)
	}
	for _, p := range rep.Skipped {
		t.Errorf("skipped: %v", p)
	}

	types := map[entity.Type]int{}
	ids := map[entity.IDType]int{}
	currencies := map[string]int{}
	weak, withAddress := 0, 0
	for _, e := range got {
		types[e.Type]++
		if len(e.Names) == 0 || e.Names[0].Kind != entity.Primary || e.Names[0].Weak {
			t.Errorf("%s: bad primary name %v", e.ID, e.Names)
		}
		if e.URL != ofacURL(strings.TrimPrefix(e.ID, "ofac-")) {
			t.Errorf("%s: URL %q", e.ID, e.URL)
		}
		for _, n := range e.Names {
			if n.Weak {
				weak++
			}
		}
		for _, id := range e.Identifiers {
			ids[id.Type]++
			if id.Type == entity.Crypto {
				currencies[id.Currency]++
			}
		}
		if len(e.Addresses) > 0 {
			withAddress++
		}
		if (e.Type == entity.Vessel || e.Type == entity.Aircraft) != (e.Vessel != nil) {
			t.Errorf("%s: type %s with craft %v", e.ID, e.Type, e.Vessel)
		}
	}
	wantTypes := map[entity.Type]int{entity.Person: 4620, entity.Organization: 3673, entity.Vessel: 406, entity.Aircraft: 277}
	if !reflect.DeepEqual(types, wantTypes) {
		t.Errorf("types = %v, want %v", types, wantTypes)
	}
	// Regression guards, counted on this file.
	wantIDs := map[entity.IDType]int{
		entity.Passport: 1562, entity.NationalID: 1903, entity.TaxID: 1296, entity.Registration: 1252,
		entity.IMO: 483, entity.MMSI: 51, entity.CallSign: 71, entity.BIC: 82, entity.Crypto: 96, entity.Other: 1336,
	}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("identifiers by type = %v, want %v", ids, wantIDs)
	}
	wantCurrencies := map[string]int{"XBT": 65, "ETH": 10, "LTC": 9, "ZEC": 3, "DASH": 3, "BCH": 2, "BSV": 1, "BTG": 1, "XMR": 1, "XVG": 1}
	if !reflect.DeepEqual(currencies, wantCurrencies) {
		t.Errorf("crypto currencies = %v, want %v", currencies, wantCurrencies)
	}
	// 2,439 quoted a.k.a./f.k.a. in sdn.csv's remarks and 2 more in the
	// spillover file.
	if weak != 2441 {
		t.Errorf("weak aliases = %d, want 2441", weak)
	}
	// 2,397 of add.csv's rows are all "-0-".
	if withAddress != 6579 {
		t.Errorf("entities with an address = %d, want 6579", withAddress)
	}

	t.Run("KIM Jong Un", func(t *testing.T) {
		e := got["ofac-20157"]
		if e.Caption() != "KIM, Jong Un" || !reflect.DeepEqual(e.Names[0].Parts, &entity.NameParts{Family: "KIM", Given: "Jong Un"}) {
			t.Errorf("name %+v", e.Names[0])
		}
		if !reflect.DeepEqual(e.BirthDates, []entity.Date{{Year: 1984, Month: 1, Day: 8}}) {
			t.Errorf("DOB %v", e.BirthDates)
		}
		if !reflect.DeepEqual(e.Programs, []string{"DPRK3"}) || e.Type != entity.Person {
			t.Errorf("programs %v type %s", e.Programs, e.Type)
		}
		if !reflect.DeepEqual(e.Countries, []string{"kp"}) {
			t.Errorf("countries %v", e.Countries)
		}
		if !reflect.DeepEqual(e.Positions, []string{"Chairman of the Workers' Party of Korea"}) {
			t.Errorf("positions %v", e.Positions)
		}
	})

	t.Run("MALKEVICH", func(t *testing.T) {
		e := got["ofac-26235"]
		wantIDs := []entity.Identifier{
			{Type: entity.Passport, Value: "717637093", Country: "ru"},
			{Type: entity.NationalID, Value: "781005202108", Country: "ru"},
		}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers %+v", e.Identifiers)
		}
		if !reflect.DeepEqual(e.BirthPlaces, []string{"Leningrad, Russia"}) || !reflect.DeepEqual(e.Nationalities, []string{"ru"}) || e.Gender != entity.Male {
			t.Errorf("POB %v nationality %v gender %q", e.BirthPlaces, e.Nationalities, e.Gender)
		}
		if !reflect.DeepEqual(e.Programs, []string{"CYBER2", "ELECTION-EO13848", "UKRAINE-EO13661"}) {
			t.Errorf("programs %v", e.Programs)
		}
	})

	t.Run("TIAN Yinyin with spillover", func(t *testing.T) {
		e := got["ofac-28263"]
		var xbt []string
		for _, id := range e.Identifiers {
			if id.Type == entity.Crypto && id.Currency == "XBT" {
				xbt = append(xbt, id.Value)
			}
		}
		want := []string{
			"134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak", "15YK647qtoZQDzNrvY6HJL6QwXduLHfT28",
			"1PfwHNxUnkpfkK9MKjMqzR3Xq3KCtq9u17", "14kqryJUxM3a7aEi117KX9hoLUw592WsMR",
			"1F2Gdug9ib9NQMhKMGGJczzMk5SuENoqrp", "3F2sZ4jbhvDKQdGbHYPC6ZxFXEau2m5Lqj",
			"1AXUTu9y3H8w4wYx4BjyFWgRhZKDhmcMrn", "1Hn9ErTCPRP6j5UDBeuXPGuq5RtRjFJxJQ",
		}
		if !reflect.DeepEqual(xbt, want) {
			t.Errorf("XBT addresses %v", xbt)
		}
		// sdn.csv stops at "a.k.a. 'snowsjo"; sdn_comments.csv goes on
		// with "hn'; Linked To: LAZARUS GROUP."
		if !strings.HasSuffix(e.Remarks, "a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.") {
			t.Errorf("remarks end %q", e.Remarks[len(e.Remarks)-80:])
		}
		wantNames := []entity.Name{
			{Full: "TIAN, Yinyin", Kind: entity.Primary, Parts: &entity.NameParts{Family: "TIAN", Given: "Yinyin"}},
			{Full: "tianyinyin0404", Kind: entity.Alias, Weak: true},
			{Full: "snowsjohn", Kind: entity.Alias, Weak: true},
		}
		if !reflect.DeepEqual(e.Names, wantNames) {
			t.Errorf("names %+v", e.Names)
		}
	})

	t.Run("spillover joined mid-word", func(t *testing.T) {
		// "Linked To: PROMO RAI" + "Z S.A.S.; ..."
		if r := got["ofac-12300"].Remarks; !strings.Contains(r, "Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL") {
			t.Errorf("12300 remarks not joined: ...%s", r[990:1040])
		}
		li := got["ofac-28264"]
		phones := 0
		for _, id := range li.Identifiers {
			if id.Note == "Phone Number" {
				phones++
			}
		}
		// "...510.210; P" + "hone Number 8613314257947; alt. Phone Number ..."
		if phones != 2 {
			t.Errorf("28264 phone numbers = %d, want 2 (one of them split across the files)", phones)
		}
	})

	t.Run("vessel ARTAVIL", func(t *testing.T) {
		want := &entity.Entity{
			ID: "ofac-15036", Source: "ofac", SourceIDs: []string{"15036"}, Type: entity.Vessel,
			Names: []entity.Name{
				{Full: "ARTAVIL", Kind: entity.Primary},
				{Full: "ABADAN", Kind: entity.Former},
				{Full: "SHONA", Kind: entity.Former},
				{Full: "ALPHA", Kind: entity.Former, Weak: true},
			},
			Countries: []string{"ir"},
			Identifiers: []entity.Identifier{
				{Type: entity.CallSign, Value: "T2EU4"},
				{Type: entity.IMO, Value: "9187629"},
				{Type: entity.MMSI, Value: "572469210"},
			},
			Programs: []string{"IRAN"},
			Vessel:   &entity.Craft{Flag: "ir", Kind: "Crude/Oil Products Tanker", Tonnage: "99,144", GRT: "56,068"},
			Remarks:  "Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; alt. Former Vessel Flag None Identified; alt. Former Vessel Flag Tanzania; Additional Sanctions Information - Subject to Secondary Sanctions; Vessel Registration Identification IMO 9187629; MMSI 572469210; f.k.a. 'ALPHA'; Linked To: NATIONAL IRANIAN TANKER COMPANY.",
			URL:      ofacURL("15036"),
		}
		if e := got[want.ID]; !reflect.DeepEqual(e, want) {
			diffEntity(t, e, want)
		}
	})

	t.Run("aircraft EP-GOX", func(t *testing.T) {
		e := got["ofac-15435"]
		if e.Type != entity.Aircraft || !reflect.DeepEqual(e.Vessel, &entity.Craft{Kind: "An-74T-200", Operator: "YAS AIR"}) {
			t.Errorf("craft %+v", e.Vessel)
		}
		if !reflect.DeepEqual(e.BirthDates, []entity.Date{{Year: 1998}}) || len(e.Identifiers) != 2 {
			t.Errorf("manufacture date %v identifiers %+v", e.BirthDates, e.Identifiers)
		}
	})

	t.Run("entity with weak a.k.a.", func(t *testing.T) {
		e := got["ofac-306"]
		want := []entity.Name{
			{Full: "BANCO NACIONAL DE CUBA", Kind: entity.Primary},
			{Full: "NATIONAL BANK OF CUBA", Kind: entity.Alias},
			{Full: "BNC", Kind: entity.Alias, Weak: true},
		}
		if !reflect.DeepEqual(e.Names, want) || e.Type != entity.Organization {
			t.Errorf("names %+v type %s", e.Names, e.Type)
		}
		if len(e.Addresses) != 4 || !reflect.DeepEqual(e.Countries, []string{"ch", "es", "jp", "pa"}) {
			t.Errorf("addresses %+v countries %v", e.Addresses, e.Countries)
		}
	})
}

// BenchmarkParse parses the whole real set: sdn.csv and its companions.
func BenchmarkParse(b *testing.B) {
	path := shareddata.Path(b, realSet)
	dir := filepath.Dir(path)
	files := map[string][]byte{}
	size := 0
	for _, n := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			b.Fatal(err)
		}
		files[n] = data
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		in := source.Input{
			Name: "sdn.csv",
			R:    bytes.NewReader(files["sdn.csv"]),
			Open: func(name string) (io.ReadCloser, error) {
				return io.NopCloser(bytes.NewReader(files[name])), nil
			},
		}
		n := 0
		if _, err := Parse(context.Background(), in, func(*entity.Entity) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != 8976 {
			b.Fatalf("%d entities", n)
		}
	}
}

func TestRealSniff(t *testing.T) {
	dir := filepath.Dir(shareddata.Path(t, realSet))
	for name, want := range map[string]bool{"sdn.csv": true, "add.csv": false, "alt.csv": false, "sdn_comments.csv": false} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 64<<10)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if got := Sniff(name, head[:n]); got != want {
			t.Errorf("Sniff(%s) = %v, want %v", name, got, want)
		}
	}
}
