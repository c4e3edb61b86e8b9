package batch

import (
	"strings"
	"testing"
)

func TestResolveCSV(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		maps    []string
		want    string // Describe()
		wantErr string
	}{
		{name: "benchmark headers",
			header: "full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality",
			want:   `name <- "full_name", first_name <- "first_name", middle_name <- "middle_name", last_name <- "last_name", birth_date <- "date_of_birth", country <- "nationality", gender <- "gender"; ignored: "place_of_birth"`},
		{name: "spaces and capitals",
			header: "Customer ID,Full Name,Date of Birth,Country of Residence,Sex",
			want:   `id <- "Customer ID", name <- "Full Name", birth_date <- "Date of Birth", country <- "Country of Residence", gender <- "Sex"`},
		{name: "parts only",
			header: "client_id,Given Name,Surname,DOB",
			want:   `id <- "client_id", first_name <- "Given Name", last_name <- "Surname", birth_date <- "DOB"`},
		{name: "several countries",
			header: "name,nationality,citizenship,country",
			want:   `name <- "name", country <- "nationality"+"citizenship"+"country"`},
		{name: "first name column wins",
			header: "name,full_name",
			want:   `name <- "name"; ignored: "full_name"`},
		{name: "identifiers",
			header: "name,passport_number,tax_id,IMO,SWIFT",
			want:   `name <- "name", passport <- "passport_number", tax_id <- "tax_id", imo <- "IMO", bic <- "SWIFT"`},
		{name: "explicit map",
			header: "NOM,NAISSANCE,name",
			maps:   []string{"name=NOM,birth_date=naissance"},
			want:   `name <- "NOM", birth_date <- "NAISSANCE"; ignored: "name"`},
		{name: "explicit map by number",
			header: "a,b,c",
			maps:   []string{"name=#2", "id=1"},
			want:   `id <- "a", name <- "b"; ignored: "c"`},
		{name: "explicit multi-column country",
			header: "name,n1,n2",
			maps:   []string{"country=n1+n2"},
			want:   `name <- "name", country <- "n1"+"n2"`},
		{name: "unmapping a field",
			header: "name,type",
			maps:   []string{"type="},
			want:   `name <- "name"; ignored: "type"`},
		{name: "no name", header: "id,dob", wantErr: "no column holds the name"},
		{name: "unknown column", header: "name,dob", maps: []string{"birth_date=born"}, wantErr: `no column "born"`},
		{name: "column number out of range", header: "name", maps: []string{"id=#3"}, wantErr: "out of range"},
		{name: "one column for two fields", header: "a,b", maps: []string{"name=a,id=a"}, wantErr: "mapped to both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMap(tt.maps...)
			if err != nil {
				t.Fatal(err)
			}
			header := strings.Split(tt.header, ",")
			c, err := resolveCSV(header, m, len(header))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Describe(); got != tt.want {
				t.Errorf("mapping\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseMap(t *testing.T) {
	tests := []struct {
		spec    string
		want    map[Field]string
		wantErr string
	}{
		{spec: "name=full_name, birth_date=dob", want: map[Field]string{FieldName: "full_name", FieldBirthDate: "dob"}},
		{spec: "dob=Born,Full Name=N", want: map[Field]string{FieldBirthDate: "Born", FieldName: "N"}},
		{spec: "nationality=a+b", want: map[Field]string{FieldCountry: "a+b"}},
		{spec: "name", wantErr: "want FIELD=COLUMN"},
		{spec: "colour=x", wantErr: "unknown field"},
		{spec: "name=a+b", wantErr: "takes one column"},
		{spec: "name=a,full_name=b", wantErr: "mapped twice"},
	}
	for _, tt := range tests {
		m, err := ParseMap(tt.spec)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseMap(%q): error %v, want %q", tt.spec, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseMap(%q): %v", tt.spec, err)
			continue
		}
		if len(m) != len(tt.want) {
			t.Errorf("ParseMap(%q) = %v, want %v", tt.spec, m, tt.want)
		}
		for f, cols := range tt.want {
			if got := strings.Join(m[f], "+"); got != cols {
				t.Errorf("ParseMap(%q)[%s] = %q, want %q", tt.spec, f, got, cols)
			}
		}
	}
}

func TestSlots(t *testing.T) {
	for slot, f := range map[int]Field{slotID: FieldID, slotName: FieldName, slotFirstName: FieldFirstName,
		slotMiddleName: FieldMiddleName, slotLastName: FieldLastName, slotBirthDate: FieldBirthDate,
		slotCountry: FieldCountry, slotGender: FieldGender, slotType: FieldType} {
		if Fields[slot] != f {
			t.Errorf("slot %d is %s in Fields, want %s", slot, Fields[slot], f)
		}
	}
	if len(idSlots) != len(idFields) {
		t.Errorf("%d identifier slots for %d identifier fields", len(idSlots), len(idFields))
	}
}
