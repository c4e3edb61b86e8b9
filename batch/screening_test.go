package batch

import (
	"strings"
	"testing"
	"time"

	"github.com/embargo/embargo/entity"
)

func TestRequest(t *testing.T) {
	opt := &ScreenOptions{Threshold: 0.7, Type: "person"}
	tests := []struct {
		name      string
		rec       Record
		wantDate  string
		wantCtry  string
		wantType  string
		wantGen   string
		wantNotes string
		wantErr   bool
	}{
		{name: "all readable", rec: Record{Name: "Ann Lee", BirthDate: "8 Jan 1984", Countries: []string{"France", "de"}, Gender: "F"},
			wantDate: "1984-01-08", wantCtry: "fr,de", wantType: "person", wantGen: "female"},
		{name: "unreadable date dropped", rec: Record{Name: "Ann Lee", BirthDate: "31/02/1984"},
			wantType: "person", wantNotes: `birth date "31/02/1984" unreadable: screened without it`},
		{name: "unknown country dropped, known kept", rec: Record{Name: "Ann Lee", Countries: []string{"Narnia", "Spain"}},
			wantCtry: "es", wantType: "person", wantNotes: `country "Narnia" unknown: screened without it`},
		{name: "record's type wins", rec: Record{Name: "Acme", Type: "Company"}, wantType: "organization"},
		{name: "unknown type: every type", rec: Record{Name: "Acme", Type: "trust"},
			wantNotes: `type "trust" not understood: screened against every type`},
		{name: "unknown gender words need no note", rec: Record{Name: "Ann", Gender: "U"}, wantType: "person"},
		{name: "other gender noted", rec: Record{Name: "Ann", Gender: "xyz"}, wantType: "person",
			wantNotes: `gender "xyz" not understood: screened without it`},
		{name: "identifier only", rec: Record{Identifiers: []entity.Identifier{{Type: entity.IMO, Value: "9123456", Country: "Panama"}}}, wantType: "person"},
		{name: "nothing to screen", rec: Record{BirthDate: "1980"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, notes, err := request(&tt.rec, opt)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("no error for %+v", tt.rec)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if req.BirthDate != tt.wantDate || req.Country != tt.wantCtry || req.Type != tt.wantType || req.Gender != tt.wantGen {
				t.Errorf("request %+v", req)
			}
			if got := strings.Join(notes, "; "); got != tt.wantNotes {
				t.Errorf("notes %q, want %q", got, tt.wantNotes)
			}
			for _, id := range req.Identifiers {
				if id.Country != "pa" {
					t.Errorf("identifier country %q, want pa", id.Country)
				}
			}
		})
	}
}

func TestStatus(t *testing.T) {
	st := Status{Rows: 120000, Total: 1000000, Screened: 119990, Matched: 7, Skipped: 10, Elapsed: 6 * time.Second}
	if got, want := st.String(), "120,000 of 1,000,000 rows (12%), 20,000 rows/s, ETA 44s"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	st.Resumed, st.Noted = 20000, 3
	if got, want := st.Summary(), "120,000 rows read, 119,990 screened, 7 matched, 10 skipped (malformed), 3 screened with a field left out, 20,000 of them by the interrupted run; 100,000 rows in 6s (16,666 rows/s)"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", -1234567: "-1,234,567"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
