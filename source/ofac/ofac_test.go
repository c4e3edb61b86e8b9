package ofac

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
	"github.com/embargo/embargo/source/internal/sourcetest"
)

// fsInput returns an Input reading main from fsys, with its companions
// opened from the same file system.
func fsInput(t testing.TB, fsys fs.FS, dir, main string) source.Input {
	t.Helper()
	f, err := fsys.Open(main)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return source.Input{
		Name: dir + main,
		R:    f,
		Open: func(name string) (io.ReadCloser, error) { return fsys.Open(name) },
	}
}

// parseAll parses in and returns the entities by ID, in file order too.
func parseAll(t testing.TB, in source.Input) (map[string]*entity.Entity, []string, source.Report) {
	t.Helper()
	byID := map[string]*entity.Entity{}
	var order []string
	rep, err := Parse(context.Background(), in, func(e *entity.Entity) error {
		if _, dup := byID[e.ID]; dup {
			t.Errorf("entity %s emitted twice", e.ID)
		}
		byID[e.ID] = e
		order = append(order, e.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return byID, order, rep
}

func ofacURL(ent string) string {
	return "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=" + ent
}

func TestParseFixtureSetEntities(t *testing.T) {
	got, order, rep := parseAll(t, fsInput(t, os.DirFS("testdata/set"), "testdata/set/", "sdn.csv"))
	wantOrder := []string{"ofac-20157", "ofac-26235", "ofac-28263", "ofac-306", "ofac-9999", "ofac-15435", "ofac-11313", "ofac-7000"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("entities = %v, want %v (file order)", order, wantOrder)
	}
	if rep.Records != 12 {
		t.Errorf("Records = %d, want 12", rep.Records)
	}
	if rep.Published != "" {
		t.Errorf("Published = %q, want empty: the legacy CSV carries no date", rep.Published)
	}
	person := func(family, given string) *entity.NameParts {
		return &entity.NameParts{Family: family, Given: given}
	}
	tests := []*entity.Entity{
		{
			ID: "ofac-20157", Source: "ofac", SourceIDs: []string{"20157"}, Type: entity.Person,
			Names:      []entity.Name{{Full: "KIM, Jong Un", Kind: entity.Primary, Parts: person("KIM", "Jong Un")}},
			BirthDates: []entity.Date{{Year: 1984, Month: 1, Day: 8}},
			Countries:  []string{"kp"},
			Addresses:  []entity.Address{{Full: "Korea, North", Country: "kp"}},
			Programs:   []string{"DPRK3"},
			Positions:  []string{"Chairman of the Workers' Party of Korea"},
			Remarks:    "DOB 08 Jan 1984; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Chairman of the Workers' Party of Korea.",
			URL:        ofacURL("20157"),
		},
		{
			ID: "ofac-26235", Source: "ofac", SourceIDs: []string{"26235"}, Type: entity.Person,
			Names:         []entity.Name{{Full: "MALKEVICH, Alexander Aleksandrovich", Kind: entity.Primary, Parts: person("MALKEVICH", "Alexander Aleksandrovich")}},
			BirthDates:    []entity.Date{{Year: 1975, Month: 6, Day: 14}},
			BirthPlaces:   []string{"Leningrad, Russia"},
			Nationalities: []string{"ru"},
			Countries:     []string{"ru"},
			Gender:        entity.Male,
			Addresses:     []entity.Address{{Full: "St. Petersburg, Russia", City: "St. Petersburg", Country: "ru"}},
			Identifiers: []entity.Identifier{
				{Type: entity.Passport, Value: "717637093", Country: "ru"},
				{Type: entity.NationalID, Value: "781005202108", Country: "ru"},
			},
			Programs: []string{"CYBER2", "ELECTION-EO13848", "UKRAINE-EO13661"},
			Remarks:  "DOB 14 Jun 1975; POB Leningrad, Russia; nationality Russia; Gender Male; Passport 717637093 (Russia); National ID No. 781005202108 (Russia); Linked To: USA REALLY; Linked To: PRIGOZHIN, Yevgeniy Viktorovich.",
			URL:      ofacURL("26235"),
		},
		{
			// The remark is cut mid-alias in sdn.csv and goes on in
			// sdn_comments.csv: 'snowsjo' + 'hn' is one alias.
			ID: "ofac-28263", Source: "ofac", SourceIDs: []string{"28263"}, Type: entity.Person,
			Names: []entity.Name{
				{Full: "TIAN, Yinyin", Kind: entity.Primary, Parts: person("TIAN", "Yinyin")},
				{Full: "tianyinyin0404", Kind: entity.Alias, Weak: true},
				{Full: "snowsjohn", Kind: entity.Alias, Weak: true},
			},
			BirthDates:    []entity.Date{{Year: 1986, Month: 7, Day: 12}},
			Nationalities: []string{"cn"},
			Countries:     []string{"cn"},
			Gender:        entity.Male,
			Addresses:     []entity.Address{{Full: "Nanjing, Jiangsu, China", City: "Nanjing, Jiangsu", Country: "cn"}},
			Identifiers: []entity.Identifier{
				{Type: entity.Other, Value: "417136259@qq.com", Note: "Email Address"},
				{Type: entity.Crypto, Value: "134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak", Currency: "XBT"},
				{Type: entity.Crypto, Value: "15YK647qtoZQDzNrvY6HJL6QwXduLHfT28", Currency: "XBT"},
				{Type: entity.Crypto, Value: "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c", Currency: "ETH"},
				{Type: entity.NationalID, Value: "321284198607120616", Country: "cn", Note: "Identification Number"},
			},
			Programs: []string{"CYBER2", "DPRK3"},
			Remarks:  "DOB 12 Jul 1986; nationality China; Email Address 417136259@qq.com; Gender Male; Digital Currency Address - XBT 134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak; alt. Digital Currency Address - XBT 15YK647qtoZQDzNrvY6HJL6QwXduLHfT28; alt. Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c; Identification Number 321284198607120616 (China); a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.",
			URL:      ofacURL("28263"),
		},
		{
			ID: "ofac-306", Source: "ofac", SourceIDs: []string{"306"}, Type: entity.Organization,
			Names: []entity.Name{
				{Full: "BANCO NACIONAL DE CUBA", Kind: entity.Primary},
				{Full: "NATIONAL BANK OF CUBA", Kind: entity.Alias},
				{Full: "BNC", Kind: entity.Alias, Weak: true},
				{Full: "BANCO CUBANO", Kind: entity.Former, Weak: true},
			},
			BirthDates: []entity.Date{{Year: 1950}},
			Countries:  []string{"ch"},
			Addresses:  []entity.Address{{Full: "Zweierstrasse 35, Zurich CH-8022, Switzerland", Street: "Zweierstrasse 35", City: "Zurich CH-8022", Country: "ch"}},
			Identifiers: []entity.Identifier{
				{Type: entity.BIC, Value: "BNCUCUHH"},
				{Type: entity.Other, Value: "www.bnc.cu", Note: "Website"},
				{Type: entity.Registration, Value: "123-45", Country: "cu", Note: "Registration ID; issued 01 Jan 1960"},
			},
			Programs: []string{"CUBA"},
			Remarks:  "a.k.a. 'BNC'; f.k.a. 'BANCO CUBANO'; SWIFT/BIC BNCUCUHH; Website www.bnc.cu; Registration ID 123-45 (Cuba) issued 01 Jan 1960; Organization Established Date 1950.",
			URL:      ofacURL("306"),
		},
		{
			ID: "ofac-9999", Source: "ofac", SourceIDs: []string{"9999"}, Type: entity.Vessel,
			Names: []entity.Name{
				{Full: "TEST VESSEL ONE", Kind: entity.Primary},
				{Full: "OLD VESSEL NAME", Kind: entity.Former},
			},
			Countries: []string{"ir"},
			Identifiers: []entity.Identifier{
				{Type: entity.CallSign, Value: "9BQK2"},
				{Type: entity.IMO, Value: "9187629"},
				{Type: entity.MMSI, Value: "422141000"},
			},
			Programs: []string{"IRAN", "SDGT"},
			Vessel:   &entity.Craft{Flag: "ir", Kind: "Crude Oil Tanker", Tonnage: "318,000", GRT: "163,660", Owner: "NITC"},
			Remarks:  "Former Vessel Flag Malta; Vessel Registration Identification IMO 9187629; MMSI 422141000; Linked To: NATIONAL IRANIAN TANKER COMPANY.",
			URL:      ofacURL("9999"),
		},
		{
			ID: "ofac-15435", Source: "ofac", SourceIDs: []string{"15435"}, Type: entity.Aircraft,
			Names:      []entity.Name{{Full: "EP-GOX", Kind: entity.Primary}},
			BirthDates: []entity.Date{{Year: 1998}},
			Countries:  []string{"ir"},
			Identifiers: []entity.Identifier{
				{Type: entity.Other, Value: "2101", Note: "Aircraft Construction Number (also called L/N or S/N or F/N)"},
				{Type: entity.Other, Value: "3654701211048", Note: "Aircraft Manufacturer's Serial Number (MSN)"},
				{Type: entity.Registration, Value: "EP-GOX", Note: "Aircraft Tail Number"},
			},
			Programs: []string{"SDGT"},
			Vessel:   &entity.Craft{Flag: "ir", Kind: "An-74T-200", Operator: "YAS AIR"},
			Remarks:  "Aircraft Construction Number (also called L/N or S/N or F/N) 2101; Aircraft Manufacture Date 1998; Aircraft Model An-74T-200; Aircraft Operator YAS AIR; Aircraft Manufacturer's Serial Number (MSN) 3654701211048; Aircraft Tail Number EP-GOX; Nationality of Registration Iran; Linked To: YAS AIR.",
			URL:      ofacURL("15435"),
		},
		{
			ID: "ofac-11313", Source: "ofac", SourceIDs: []string{"11313"}, Type: entity.Person,
			Names: []entity.Name{
				{Full: "ROBOW, Mukhtar", Kind: entity.Primary, Parts: person("ROBOW", "Mukhtar")},
				{Full: "ALI, Mukhtar Abdullahi", Kind: entity.Alias, Parts: person("ALI", "Mukhtar Abdullahi")},
				{Full: "RUBU, Mukhtar Ali", Kind: entity.Former, Parts: person("RUBU", "Mukhtar Ali")},
				{Full: "'ABD-AL-'IZ", Kind: entity.Alias, Weak: true},
				{Full: "FOOPIE", Kind: entity.Alias, Weak: true},
			},
			// Sorted by their text form; "DOB sometime in the sixties"
			// is not a date and stays in Remarks only.
			BirthDates: []entity.Date{
				{Year: 1960, ToYear: 1965},
				{Year: 1969},
				{Year: 1969, Month: 10, Day: 10},
				{Year: 1962, Circa: true},
			},
			BirthPlaces:   []string{"Xudur, Somalia"},
			Nationalities: []string{"er"},
			Citizenships:  []string{"ke"},
			Identifiers: []entity.Identifier{
				{Type: entity.Passport, Value: "0310857", Country: "er", Note: "issued 21 Aug 2006 expires 20 Aug 2008"},
				{Type: entity.Passport, Value: "D123", Country: "ke", Note: "Diplomatic Passport"},
				{Type: entity.Passport, Value: "G 649385", Note: "issued 08 Sep 2006"},
				{Type: entity.Other, Value: "186785", Country: "co", Note: "Tarjeta Profesional; Abogado"},
			},
			Programs: []string{"SDGT"},
			Remarks:  "DOB 1969; alt. DOB 10 Oct 1969; DOB circa 1962; DOB 1960 to 1965; POB Xudur, Somalia; nationality Eritrea; citizen Kenya; Passport 0310857 (Eritrea) issued 21 Aug 2006 expires 20 Aug 2008; Diplomatic Passport D123 (Kenya); Passport G 649385 issued 08 Sep 2006; Tarjeta Profesional 186785 (Abogado) (Colombia); (Following data derived from an Eritrean passport: Alt. DOB: 10 October 1969; nationality: Eritrean; Passport No.: 0310857, Eritrea); DOB sometime in the sixties; a.k.a. ''ABD-AL-'IZ'; a.k.a. ''FOOPIE''.",
			URL:      ofacURL("11313"),
		},
		{
			ID: "ofac-7000", Source: "ofac", SourceIDs: []string{"7000"}, Type: entity.Organization,
			Names: []entity.Name{
				{Full: "ENTITY WITH ADDRESSES", Kind: entity.Primary},
				{Full: "NEW ENTITY NAME", Kind: entity.Newer},
				{Full: "ENTITY WEAKLY NAMED", Kind: entity.Alias, Weak: true},
			},
			Countries: []string{"cd", "ps"},
			Addresses: []entity.Address{
				{Full: "Av. President Mobutu, Goma, Congo, Democratic Republic of the", Street: "Av. President Mobutu", City: "Goma", Country: "cd"},
				// "Region: Gaza" is read through its region name.
				{Full: "Gaza, Region: Gaza", City: "Gaza", Country: "ps"},
				// An address whose country is unknown keeps it in Full;
				// an address that is all "-0-" is no address.
				{Full: "P.O. Box 1, Atlantis", Street: "P.O. Box 1"},
			},
			Programs: []string{"SDNTK"},
			Remarks:  "alias ENTITY WEAKLY NAMED: weak alias",
			URL:      ofacURL("7000"),
		},
	}
	for _, want := range tests {
		t.Run(want.ID, func(t *testing.T) {
			e := got[want.ID]
			if e == nil {
				t.Fatalf("%s not emitted", want.ID)
			}
			if !reflect.DeepEqual(e, want) {
				diffEntity(t, e, want)
			}
		})
	}
}

// diffEntity reports the fields of two entities that differ.
func diffEntity(t *testing.T, got, want *entity.Entity) {
	t.Helper()
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s:\n got %s\nwant %s", gv.Type().Field(i).Name, show(g), show(w))
		}
	}
}

func show(v any) string {
	switch x := v.(type) {
	case *entity.Craft:
		if x != nil {
			return fmt.Sprintf("%+v", *x)
		}
	case []entity.Name:
		var b strings.Builder
		for _, n := range x {
			fmt.Fprintf(&b, "{%q %s weak=%v parts=%+v} ", n.Full, n.Kind, n.Weak, n.Parts)
		}
		return b.String()
	}
	return fmt.Sprintf("%+v", v)
}

func TestParseReportsMalformedRecords(t *testing.T) {
	_, _, rep := parseAll(t, fsInput(t, os.DirFS("testdata/set"), "testdata/set/", "sdn.csv"))
	type problem struct {
		file          string
		line          int
		record, field string
		msg           string
	}
	want := []problem{
		// Companion rows are read first.
		{"testdata/set/add.csv", 10, "7000", "", "3 fields, want 6"},
		{"testdata/set/sdn.csv", 6, "7001", "", "4 fields, want 12"},
		{"testdata/set/sdn.csv", 7, "", "ent_num", `"X12" is not a number`},
		{"testdata/set/sdn.csv", 11, "306", "ent_num", "repeats an earlier entry's ent_num"},
		{"testdata/set/sdn.csv", 12, "7002", "SDN_Name", "empty name"},
		// Companion rows no entry takes, after the main file.
		{"testdata/set/add.csv", 9, "424242", "", "no entry with this ent_num in the main file"},
		{"testdata/set/alt.csv", 7, "555555", "", "no entry with this ent_num in the main file"},
		{"testdata/set/sdn_comments.csv", 2, "777777", "", "no entry with this ent_num in the main file"},
	}
	var got []problem
	for _, p := range rep.Skipped {
		got = append(got, problem{p.File, p.Line, p.Record, p.Field, p.Err.Error()})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Skipped:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseWithoutCompanions(t *testing.T) {
	fsys := os.DirFS("testdata/set")
	in := fsInput(t, fsys, "testdata/set/", "sdn.csv")
	in.Open = nil
	got, order, rep := parseAll(t, in)
	if len(order) != 8 {
		t.Fatalf("got %d entities, want 8", len(order))
	}
	if len(rep.Skipped) != 4 {
		t.Errorf("Skipped = %v, want the 4 bad sdn.csv records", rep.Skipped)
	}
	tian := got["ofac-28263"]
	if len(tian.Addresses) != 0 || len(tian.Names) != 3 {
		t.Errorf("TIAN without companions: addresses %v, names %v", tian.Addresses, tian.Names)
	}
	// Without the spillover the last alias is cut as OFAC cut it.
	if n := tian.Names[2].Full; n != "snowsjo" {
		t.Errorf("last alias = %q, want the cut %q", n, "snowsjo")
	}
}

func TestParseMissingCompanionsIsNotAnError(t *testing.T) {
	full, err := os.ReadFile("testdata/set/sdn.csv")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"sdn.csv": {Data: full}} // no add.csv, alt.csv, sdn_comments.csv
	got, _, _ := parseAll(t, fsInput(t, fsys, "", "sdn.csv"))
	if len(got) != 8 {
		t.Errorf("got %d entities, want 8", len(got))
	}
}

func TestParseOpensUpperCaseCompanions(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, n := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		b, err := os.ReadFile("testdata/set/" + n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[strings.ToUpper(n)] = &fstest.MapFile{Data: b}
	}
	got, _, _ := parseAll(t, fsInput(t, fsys, "", "SDN.CSV"))
	bnc := got["ofac-306"]
	if len(bnc.Addresses) != 1 || len(bnc.Names) != 4 {
		t.Errorf("BNC from upper-case files: addresses %v, names %v", bnc.Addresses, bnc.Names)
	}
	if tian := got["ofac-28263"]; !strings.HasSuffix(tian.Remarks, "Linked To: LAZARUS GROUP.") {
		t.Errorf("SDN_COMMENTS.CSV not joined: %q", tian.Remarks)
	}
}

func TestParseCompanionOpenErrorFails(t *testing.T) {
	in := fsInput(t, os.DirFS("testdata/set"), "", "sdn.csv")
	boom := errors.New("permission denied")
	in.Open = func(string) (io.ReadCloser, error) { return nil, boom }
	_, err := Parse(context.Background(), in, func(*entity.Entity) error { return nil })
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the open error", err)
	}
}

func TestParseRejectsOtherFiles(t *testing.T) {
	add, _ := os.ReadFile("testdata/set/add.csv")
	alt, _ := os.ReadFile("testdata/set/alt.csv")
	many := strings.Repeat("1,2,3\r\n", 40)
	tests := map[string][]byte{
		"empty":           nil,
		"only ctrl-z":     {0x1a},
		"blank lines":     []byte("\r\n\r\n"),
		"add.csv as main": add,
		"alt.csv as main": alt,
		"xml":             []byte(`<?xml version="1.0"?><sdnList><sdnEntry><uid>1</uid></sdnEntry></sdnList>`),
		"other csv":       []byte(many),
		"binary":          bytes.Repeat([]byte{0, 1, 2, 0xff}, 100),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			in := source.Input{Name: "x/sdn.csv", R: bytes.NewReader(data)}
			n := 0
			_, err := Parse(context.Background(), in, func(*entity.Entity) error { n++; return nil })
			if !errors.Is(err, source.ErrNotList) {
				t.Errorf("err = %v, want ErrNotList", err)
			}
			if err != nil && !strings.Contains(err.Error(), "x/sdn.csv") {
				t.Errorf("error %q does not name the file", err)
			}
			if n != 0 {
				t.Errorf("emitted %d entities", n)
			}
		})
	}
}

func TestParseDetectsTruncation(t *testing.T) {
	full, err := os.ReadFile("testdata/set/sdn.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Cut after the first record: a file cut inside its first record has
	// no SDN record at all and is "not a list".
	firstLine := bytes.Index(full, []byte("\r\n"))
	secondLine := firstLine + 2 + bytes.Index(full[firstLine+2:], []byte("\r\n"))
	tests := map[string][]byte{
		"inside a quoted remark": full[:secondLine-20],
		"inside a record":        full[:firstLine+2+12],
		"inside a null marker":   append(bytes.Clone(full[:firstLine+2]), []byte(`1,"A","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0`)...),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			in := source.Input{Name: "sdn.csv", R: bytes.NewReader(data)}
			_, err := Parse(context.Background(), in, func(*entity.Entity) error { return nil })
			if !errors.Is(err, source.ErrTruncated) {
				t.Errorf("err = %v, want ErrTruncated", err)
			}
		})
	}
	t.Run("companion", func(t *testing.T) {
		alt, _ := os.ReadFile("testdata/set/alt.csv")
		fsys := fstest.MapFS{"sdn.csv": {Data: full}, "alt.csv": {Data: alt[:len(alt)-20]}}
		_, err := Parse(context.Background(), fsInput(t, fsys, "", "sdn.csv"), func(*entity.Entity) error { return nil })
		if !errors.Is(err, source.ErrTruncated) || !strings.Contains(err.Error(), "alt.csv") {
			t.Errorf("err = %v, want ErrTruncated naming alt.csv", err)
		}
	})
}

func TestParseAcceptsLastRecordWithoutLineBreak(t *testing.T) {
	data := `1,"A","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."`
	got, _, _ := parseAll(t, source.Input{Name: "sdn.csv", R: strings.NewReader(data)})
	if e := got["ofac-1"]; e == nil || len(e.BirthDates) != 1 {
		t.Errorf("got %v", got)
	}
}

func TestParseStopsOnEmitError(t *testing.T) {
	sourcetest.StopsOnEmitError(t, Parse, fsInput(t, os.DirFS("testdata/set"), "", "sdn.csv"))
}

func TestParseHonoursCancellation(t *testing.T) {
	sourcetest.HonoursCancellation(t, Parse, fsInput(t, os.DirFS("testdata/set"), "", "sdn.csv"))
}

func TestFormat(t *testing.T) {
	f := Format()
	if f.Name != "ofac-csv" || f.Source != "ofac" || f.Parse == nil || f.Sniff == nil || f.Description == "" {
		t.Errorf("Format() = %+v", f)
	}
	if want := []string{"add.csv", "alt.csv", "sdn_comments.csv"}; !reflect.DeepEqual(f.Companions, want) {
		t.Errorf("Companions = %v, want %v", f.Companions, want)
	}
}

func TestSniff(t *testing.T) {
	read := func(n string) []byte { return sourcetest.ReadFixture(t, "set/"+n) }
	sdn := read("sdn.csv")
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"sdn.csv", sdn, true},
		{"sdn.csv", append([]byte{0xef, 0xbb, 0xbf}, sdn...), true},
		{"sdn.csv", sdn[:bytes.IndexByte(sdn, '\n')+1], true},
		// An entity's SDN_Type is the null marker.
		{"SDN.CSV", []byte("306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'BNC'.\"\r\n"), true},
		// Recognised by content, whatever the name.
		{"download.bin", sdn, true},
		{"add.csv", read("add.csv"), false},
		{"alt.csv", read("alt.csv"), false},
		{"sdn_comments.csv", read("sdn_comments.csv"), false},
		{"sdn.csv", nil, false},
		{"sdn.csv", []byte("ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\r\n"), false},
		{"sdn.csv", []byte(`<?xml version="1.0"?><sdnList>`), false},
		{"sdn.csv", []byte(`{"id": "ofac-1", "schema": "Person"}`), false},
		{"sdn.csv", []byte("1,\"A\",\"company\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"), false},
		{"sdn.csv", []byte("1,\"A\",\"individual\",\"SDGT\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\r\n"), false},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, tt.head); got != tt.want {
			t.Errorf("Sniff(%q, %.40q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestParseKeepsUnexpectedValuesInRemarks(t *testing.T) {
	sdn := "1,\"ACME\",\"company\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,\"Atlantis\",-0- ,\"Website acme.example.\"\r\n"
	alt := "1,1,\"xka\",\"ACME TRADING\",-0- \r\n1,2,\"aka\",-0- ,-0- \r\n"
	fsys := fstest.MapFS{"sdn.csv": {Data: []byte(sdn)}, "alt.csv": {Data: []byte(alt)}}
	got, _, rep := parseAll(t, fsInput(t, fsys, "", "sdn.csv"))
	e := got["ofac-1"]
	if e == nil {
		t.Fatal("entry with an unknown SDN_Type was dropped")
	}
	if e.Type != entity.Organization {
		t.Errorf("type %s", e.Type)
	}
	want := `Website acme.example.; SDN_Type: company; Vessel flag: Atlantis; alias type "xka": ACME TRADING`
	if e.Remarks != want {
		t.Errorf("remarks %q, want %q", e.Remarks, want)
	}
	if len(e.Names) != 2 || e.Names[1].Kind != entity.Alias {
		t.Errorf("names %+v", e.Names)
	}
	if len(rep.Skipped) != 1 || rep.Skipped[0].Field != "alt_name" || rep.Skipped[0].Line != 2 {
		t.Errorf("skipped %v, want the empty alias", rep.Skipped)
	}
}
