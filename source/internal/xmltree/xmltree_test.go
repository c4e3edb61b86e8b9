package xmltree

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/source"
)

const list = `<?xml version="1.0"?>
<!-- a list -->
<LIST date="2024-05-01T10:00:00Z">
  <GROUP>
    <REC id="1"><NAME>  Ann
      Lee </NAME><NOTE a="x">n<B>b</B></NOTE></REC>
  </GROUP>
  <REC id="2"><NAME/></REC>
</LIST>`

// read parses s with records REC, converting a record without a NAME text
// into a Problem.
func read(t *testing.T, s string, raw bool) ([]*entity.Entity, source.Report, error) {
	t.Helper()
	in := source.Input{Name: "l.xml", R: strings.NewReader(s)}
	var rep source.Report
	d, err := Open(context.Background(), in, raw)
	if err != nil {
		return nil, rep, err
	}
	if _, err := d.Root(in.Name, "a test list"); err != nil {
		return nil, rep, err
	}
	var got []*entity.Entity
	err = d.Records(context.Background(), in, &rep, func(name string) bool { return name == "REC" },
		func(n *Node) (*entity.Entity, *source.Problem) {
			name := n.Get("NAME")
			if name == "" {
				return nil, &source.Problem{Record: n.Attr("id"), Err: errors.New("no name")}
			}
			return &entity.Entity{ID: n.Attr("id"), Remarks: n.Child("NOTE").Flatten(),
				Names: []entity.Name{{Full: name}}}, nil
		},
		func(e *entity.Entity) error { got = append(got, e); return nil })
	return got, rep, err
}

func TestRecords(t *testing.T) {
	for _, raw := range []bool{false, true} {
		got, rep, err := read(t, list, raw)
		if err != nil {
			t.Fatalf("raw %v: %v", raw, err)
		}
		if len(got) != 1 || got[0].ID != "1" || got[0].Names[0].Full != "Ann Lee" || got[0].Remarks != "NOTE: n; a=x; B: b" {
			t.Errorf("raw %v: entities = %+v", raw, got)
		}
		if rep.Records != 2 || len(rep.Skipped) != 1 || rep.Skipped[0].Line != 8 || rep.Skipped[0].Record != "2" {
			t.Errorf("raw %v: report = %+v", raw, rep)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		raw  bool
		want error
		text string
	}{
		{"empty", "", false, source.ErrNotList, "no XML element"},
		{"not XML", "hello <", true, source.ErrNotList, "not a test list"},
		{"cut short", "<LIST><REC><NAME>x</NAME>", false, source.ErrTruncated, "l.xml:1"},
		{"cut short, raw", "<LIST><REC><NAME>x</NAME>", true, source.ErrTruncated, "l.xml:1"},
		{"bad nesting, raw", "<LIST><REC><NAME>x</REC></LIST>", true, nil, "element <NAME> closed by </REC>"},
		{"bad nesting", "<LIST><REC><NAME>x</REC></LIST>", false, nil, "l.xml:1"},
	}
	for _, tt := range tests {
		_, _, err := read(t, tt.in, tt.raw)
		if err == nil || tt.want != nil && !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: err = %v, want %v containing %q", tt.name, err, tt.want, tt.text)
		}
	}
}

func TestOpenChecksItsInput(t *testing.T) {
	if _, err := Open(context.Background(), source.Input{Name: "x"}, false); !errors.Is(err, source.ErrNotList) {
		t.Errorf("no content: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, source.Input{Name: "x", R: strings.NewReader("<a/>")}, false); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestRootElement(t *testing.T) {
	tests := []struct{ head, want string }{
		{"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!DOCTYPE x>\n<!-- c -->\n<ns:export xmlns:ns=\"u\">", "export"},
		{"<CONSOLIDATED_LIST dateGenerated=\"x\">", "CONSOLIDATED_LIST"},
		{"name,city\n", ""},
		{"<!-- never closed", ""},
	}
	for _, tt := range tests {
		if got, _ := RootElement([]byte(tt.head)); got != tt.want {
			t.Errorf("RootElement(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestDay(t *testing.T) {
	for in, want := range map[string]string{
		"2026-02-27T00:00:09.554Z": "2026-02-27",
		"2015-03-27-04:00":         "2015-03-27",
		" 2015-03-27 ":             "2015-03-27",
		"2015-03":                  "",
		"27/03/2015":               "",
	} {
		if got := Day(in); got != want {
			t.Errorf("Day(%q) = %q, want %q", in, got, want)
		}
	}
}
