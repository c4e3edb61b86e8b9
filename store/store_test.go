package store_test

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/gob"
	"slices"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/store"
	"github.com/embargo/embargo/store/storetest"
)

func TestFingerprintFoldsWritingButNotFacts(t *testing.T) {
	base := store.Fingerprint("Vladimir Vladimirovich PUTIN", "1952-10-07", "ru")
	if base != "putin vladimir vladimirovich|1952-10-07|ru" {
		t.Fatalf("Fingerprint = %q", base)
	}
	same := []struct{ name, date, country string }{
		{"PUTIN, Vladimir Vladimirovich", "7 Oct 1952", "Russia"},
		{"  vladimir   vladimirovich putin ", "07.10.1952", "RU"},
		{"Vladímir Vladímirovich Putin", "1952-10-07", "Russian Federation"},
	}
	for _, s := range same {
		if got := store.Fingerprint(s.name, s.date, s.country); got != base {
			t.Errorf("Fingerprint(%q, %q, %q) = %q, want %q", s.name, s.date, s.country, got, base)
		}
	}
	differ := []struct{ name, date, country string }{
		{"Vladimir Putin", "1952-10-07", "ru"},
		{"Vladimir Vladimirovich Putin", "1952", "ru"},
		{"Vladimir Vladimirovich Putin", "1952-10-07", ""},
		{"Владимир Владимирович Путин", "1952-10-07", "ru"},
	}
	for _, s := range differ {
		if got := store.Fingerprint(s.name, s.date, s.country); got == base {
			t.Errorf("Fingerprint(%q, %q, %q) is the same as the full query's", s.name, s.date, s.country)
		}
	}
	if got := store.Fingerprint("Kim", "", "kp, North Korea, Atlantis"); got != "kim||atlantis,kp" {
		t.Errorf("Fingerprint with repeated and unknown countries = %q", got)
	}
	if got := store.Fingerprint("Kim", "sometime", ""); got != "kim|sometime|" {
		t.Errorf("Fingerprint with an unparsable date = %q", got)
	}
}

func TestEntityHashChangesWithTheDesignationOnly(t *testing.T) {
	e := storetest.Person("ofac", "1", "JOHN DOE", "SDGT")
	h := store.EntityHash(e)
	if len(h) != 64 || store.EntityHash(storetest.Person("ofac", "1", "JOHN DOE", "SDGT")) != h {
		t.Fatalf("hash %q is not stable", h)
	}
	// nil and empty are the same designation.
	e2 := storetest.Person("ofac", "1", "JOHN DOE", "SDGT")
	e2.Identifiers = []entity.Identifier{}
	if store.EntityHash(e2) != h {
		t.Error("an empty identifier list changed the hash")
	}
	e2.Remarks = "Linked To: ACME."
	if store.EntityHash(e2) == h {
		t.Error("a new remark did not change the hash")
	}
}

func TestChangedFields(t *testing.T) {
	a := storetest.Person("un", "QDi.1", "A", "QDi")
	tests := []struct {
		name   string
		change func(e *entity.Entity)
		want   []string
	}{
		{"nothing", func(e *entity.Entity) {}, []string{}},
		{"an alias", func(e *entity.Entity) { e.Names = append(e.Names, entity.Name{Full: "B", Kind: entity.Alias}) }, []string{"names"}},
		{"a weak flag", func(e *entity.Entity) { e.Names[0].Weak = true }, []string{"names"}},
		{"birth date and nationality", func(e *entity.Entity) {
			e.BirthDates = []entity.Date{{Year: 1970}}
			e.Nationalities = []string{"af"}
		}, []string{"birth_dates", "nationalities"}},
		{"identifiers and remarks", func(e *entity.Entity) {
			e.Identifiers = []entity.Identifier{{Type: "passport", Value: "X1"}}
			e.Remarks = "r"
		}, []string{"identifiers", "remarks"}},
		{"vessel", func(e *entity.Entity) { e.Vessel = &entity.Craft{Flag: "ir"} }, []string{"vessel"}},
		{"empty slices are no change", func(e *entity.Entity) { e.Addresses = []entity.Address{}; e.Positions = []string{} }, []string{}},
	}
	for _, tt := range tests {
		b := storetest.Person("un", "QDi.1", "A", "QDi")
		tt.change(b)
		if got := store.ChangedFields(a, b); !slices.Equal(got, tt.want) {
			t.Errorf("%s: ChangedFields = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEntitiesRoundTripThroughTheBlob(t *testing.T) {
	var ents []*entity.Entity
	for i := range 700 {
		e := storetest.Person("uk", strings.Repeat("x", i%7)+string(rune('a'+i%26)), "NAME", "Russia")
		e.ID = "uk-" + string(rune(0x4e00+i)) // unique, not ASCII
		if i%3 == 0 {
			e.Names = append(e.Names, entity.Name{Full: "ИМЯ", Kind: entity.Alias, Script: true, Parts: &entity.NameParts{}})
			e.Vessel = &entity.Craft{}
		}
		e.BirthDates = []entity.Date{{Year: 1950 + i%50, Month: 1 + i%12}, {Year: 1960, ToYear: 1962, Circa: true}}
		ents = append(ents, e)
	}
	d, err := store.EncodeEntities(ents)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Refs) != 700 || d.Refs[3].Hash != store.EntityHash(ents[3]) {
		t.Fatalf("refs: %d, %+v", len(d.Refs), d.Refs[3])
	}
	if ents[0].Vessel != nil || ents[0].Names[1].Parts != nil {
		t.Error("empty vessel particulars and name parts were kept")
	}
	back, err := store.DecodeEntities(d.Blob)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 700 {
		t.Fatalf("%d entities back", len(back))
	}
	for i := range back {
		if store.EntityHash(back[i]) != d.Refs[i].Hash || back[i].ID != ents[i].ID {
			t.Fatalf("entity %d changed: %v", i, store.ChangedFields(ents[i], back[i]))
		}
	}
}

func TestOutOfRangeValuesRoundTripAsTheyAre(t *testing.T) {
	// A parser's mistake (a two-digit year) must not make a snapshot
	// impossible to load: the store keeps what it was given.
	odd := storetest.Person("ofac", "1", "X")
	odd.BirthDates = []entity.Date{{Year: 84}, {Year: 2001, Month: 13}}
	d, err := store.EncodeEntities([]*entity.Entity{storetest.Person("ofac", "0", "Y"), odd})
	if err != nil {
		t.Fatal(err)
	}
	back, err := store.DecodeEntities(d.Blob)
	if err != nil || !slices.Equal(back[1].BirthDates, odd.BirthDates) {
		t.Errorf("decoded %+v, %v", back, err)
	}
	if _, err := store.EncodeEntities([]*entity.Entity{nil}); err == nil {
		t.Error("EncodeEntities of a nil entity succeeded")
	}
}

func TestRepeatedIDsKeepEveryEntity(t *testing.T) {
	a, b := storetest.Person("csl", "1", "A"), storetest.Person("csl", "1", "B")
	d, err := store.EncodeEntities([]*entity.Entity{a, b, storetest.Person("csl", "1", "C")})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range d.Refs {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"csl-1", "csl-1#2", "csl-1#3"}) {
		t.Errorf("ref IDs %v", ids)
	}
}

func TestDamagedBlobsFailCleanly(t *testing.T) {
	d, err := store.EncodeEntities([]*entity.Entity{storetest.Person("un", "1", "A")})
	if err != nil {
		t.Fatal(err)
	}
	header := d.Blob[:bytes.IndexByte(d.Blob, '\n')+1]
	tests := map[string][]byte{
		"empty":            nil,
		"other encoding":   []byte(`{"id":"un-1"}` + "\n"),
		"truncated":        d.Blob[:len(d.Blob)-3],
		"huge frame":       append(append([]byte{}, header...), 0xff, 0xff, 0xff, 0xff, 0x0f),
		"garbage in frame": append(append([]byte{}, header...), 3, 'a', 'b', 'c'),
	}
	for name, blob := range tests {
		if _, err := store.DecodeEntities(blob); err == nil {
			t.Errorf("%s: DecodeEntities succeeded", name)
		}
	}
	// A blob with no frames holds no entities.
	if ents, err := store.DecodeEntities(header); err != nil || len(ents) != 0 {
		t.Errorf("header only: %v, %v", ents, err)
	}
}

func TestParseVerdict(t *testing.T) {
	for in, want := range map[string]store.Verdict{
		"true-match": store.TrueMatch, "TRUE_MATCH": store.TrueMatch, "false positive": store.FalsePositive, " false-positive ": store.FalsePositive,
	} {
		if got, err := store.ParseVerdict(in); err != nil || got != want {
			t.Errorf("ParseVerdict(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := store.ParseVerdict("maybe"); err == nil {
		t.Error("ParseVerdict(maybe) succeeded")
	}
}

func TestAllowlistKeepsTheLatestDecision(t *testing.T) {
	al := store.NewAllowlist()
	al.Add(store.Decision{ID: 2, Fingerprint: "fp", EntityID: "e", EntityHash: "h", Decision: store.TrueMatch})
	al.Add(store.Decision{ID: 1, Fingerprint: "fp", EntityID: "e", EntityHash: "h", Decision: store.FalsePositive}) // older: ignored
	al.Add(store.Decision{ID: 3, Fingerprint: "", EntityID: "e", EntityHash: "h", Decision: store.FalsePositive})   // no fingerprint: ignored
	if d, ok := al.Lookup("fp", "e", "h"); !ok || d.ID != 2 || al.FalsePositive("fp", "e", "h") || al.Len() != 1 {
		t.Errorf("Lookup = %+v, %v (len %d)", d, ok, al.Len())
	}
	al.Add(store.Decision{ID: 4, Fingerprint: "fp", EntityID: "e", EntityHash: "h", Decision: store.FalsePositive})
	if !al.FalsePositive("fp", "e", "h") || al.FalsePositive("fp", "e", "h2") {
		t.Error("the latest false positive is not what Lookup returns")
	}
}

// FuzzDecodeEntities checks that a damaged blob (a corrupted database)
// gives an error, never a panic.
func FuzzDecodeEntities(f *testing.F) {
	e := storetest.Person("un", "QDi.1", "NAME", "QDi")
	e.BirthDates = []entity.Date{{Year: 1960, Circa: true}}
	e.Vessel = &entity.Craft{Flag: "ir"}
	d, err := store.EncodeEntities([]*entity.Entity{e, storetest.Person("un", "QDi.2", "OTHER")})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(d.Blob)
	f.Add(d.Blob[:len(d.Blob)/2])
	// The same entities in a stored (uncompressed) DEFLATE block, so that
	// mutations reach the gob decoder.
	var raw, comp bytes.Buffer
	enc := gob.NewEncoder(&raw)
	enc.Encode(e)
	enc.Encode(storetest.Person("un", "QDi.2", "OTHER"))
	zw, _ := flate.NewWriter(&comp, flate.NoCompression)
	zw.Write(raw.Bytes())
	zw.Close()
	stored := []byte("embargo-entities-v1 gob+deflate\n")
	stored = binary.AppendUvarint(stored, uint64(comp.Len()))
	stored = append(stored, comp.Bytes()...)
	if ents, err := store.DecodeEntities(stored); err != nil || len(ents) != 2 {
		f.Fatalf("hand-made blob: %v, %v", ents, err)
	}
	f.Add(stored)
	f.Add([]byte("embargo-entities-v1 gob+deflate\n"))
	f.Fuzz(func(t *testing.T, blob []byte) {
		ents, err := store.DecodeEntities(blob)
		if err == nil {
			for _, e := range ents {
				if e == nil {
					t.Fatal("nil entity without an error")
				}
			}
		}
	})
}
