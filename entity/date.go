package entity

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a possibly partial calendar date, optionally approximate or a
// range, as lists give birth dates: "1984-01-08", "1984-01", "1984",
// "circa 1962", "between 1973 and 1974".
//
// Its text form, used in JSON and storage, is ISO 8601 based:
// "1984-01-08", "1984", "~1962" (circa) and "1973/1974" (a range, as an
// ISO 8601 interval).
type Date struct {
	Year, Month, Day int // Month and Day are 0 when unknown
	// ToYear, ToMonth, ToDay close a range; zero when the date is not one.
	ToYear, ToMonth, ToDay int
	// Circa marks an approximate date.
	Circa bool
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// IsRange reports whether the date is a range.
func (d Date) IsRange() bool { return d.ToYear != 0 }

// Valid reports whether the date's parts are in range.
func (d Date) Valid() bool {
	ok := func(y, m, day int) bool {
		if y < 1000 || y > 9999 || m < 0 || m > 12 || day < 0 || day > 31 || (m == 0 && day != 0) {
			return false
		}
		if day != 0 {
			t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
			return t.Day() == day
		}
		return true
	}
	if !ok(d.Year, d.Month, d.Day) {
		return false
	}
	if d.IsRange() {
		return ok(d.ToYear, d.ToMonth, d.ToDay) && d.ToYear >= d.Year
	}
	return true
}

func fmtPart(y, m, day int) string {
	switch {
	case m == 0:
		return fmt.Sprintf("%04d", y)
	case day == 0:
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
}

// String returns the text form ("1984-01-08", "~1962", "1973/1974").
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	s := fmtPart(d.Year, d.Month, d.Day)
	if d.IsRange() {
		s += "/" + fmtPart(d.ToYear, d.ToMonth, d.ToDay)
	}
	if d.Circa {
		s = "~" + s
	}
	return s
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler for the text form.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseISODate reads the text form written by String, and also plain
// ISO dates with a time ("1984-01-08T00:00:00").
func ParseISODate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var d Date
	if s == "" {
		return d, nil
	}
	if strings.HasPrefix(s, "~") {
		d.Circa = true
		s = s[1:]
	}
	from, to, isRange := strings.Cut(s, "/")
	var err error
	if d.Year, d.Month, d.Day, err = parseISOPart(from); err != nil {
		return Date{}, err
	}
	if isRange {
		if d.ToYear, d.ToMonth, d.ToDay, err = parseISOPart(to); err != nil {
			return Date{}, err
		}
	}
	if !d.Valid() {
		return Date{}, fmt.Errorf("date %q out of range", s)
	}
	return d, nil
}

func parseISOPart(s string) (y, m, d int, err error) {
	if i := strings.IndexByte(s, 'T'); i > 0 {
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, 0, 0, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	nums := [3]int{}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0, 0, 0, fmt.Errorf("date %q: %q is not a number", s, p)
		}
		nums[i] = n
	}
	return nums[0], nums[1], nums[2], nil
}

// Years returns the first and last year the date can fall in.
func (d Date) Years() (from, to int) {
	if d.IsRange() {
		return d.Year, d.ToYear
	}
	return d.Year, d.Year
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// ParseDate reads a date the way lists and people write one: ISO
// ("1984-01-08", "1984-01", "1984"), day first with a month name
// ("08 Jan 1984", "Jan 1984"), numeric day first ("08/01/1984",
// "08.01.1984", "08-01-1984"), US "MM/DD/YYYY" when the day cannot be
// the first field, with "circa", "ca.", "approximately" or "~" for an
// approximate date and "YYYY to YYYY", "between YYYY and YYYY" or
// "YYYY-YYYY" for a range.
func ParseDate(s string) (Date, error) {
	orig := s
	s = strings.ToLower(CleanSpace(s))
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return Date{}, fmt.Errorf("empty date")
	}
	circa := false
	for _, p := range []string{"circa ", "circa", "ca. ", "ca.", "c. ", "approximately ", "approx. ", "approx ", "about ", "~"} {
		if strings.HasPrefix(s, p) {
			circa = true
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	if strings.HasPrefix(s, "between ") {
		s = strings.TrimPrefix(s, "between ")
		s = strings.Replace(s, " and ", " to ", 1)
	}
	for _, sep := range []string{" to ", " - ", "/"} {
		if a, b, ok := strings.Cut(s, sep); ok && sep != "/" || ok && len(a) == 4 && len(b) == 4 {
			from, err1 := parseOneDate(a)
			to, err2 := parseOneDate(b)
			if err1 != nil || err2 != nil {
				break
			}
			d := Date{Year: from.Year, Month: from.Month, Day: from.Day,
				ToYear: to.Year, ToMonth: to.Month, ToDay: to.Day, Circa: circa}
			if !d.Valid() {
				return Date{}, fmt.Errorf("date %q: range ends before it starts or is out of range", orig)
			}
			return d, nil
		}
	}
	// "1973-1974" is a range, not a year and month.
	if len(s) == 9 && s[4] == '-' {
		if a, err1 := strconv.Atoi(s[:4]); err1 == nil {
			if b, err2 := strconv.Atoi(s[5:]); err2 == nil && b > 12 {
				d := Date{Year: a, ToYear: b, Circa: circa}
				if d.Valid() {
					return d, nil
				}
			}
		}
	}
	d, err := parseOneDate(s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: %w", orig, err)
	}
	d.Circa = circa
	if !d.Valid() {
		return Date{}, fmt.Errorf("date %q out of range", orig)
	}
	return d, nil
}

func parseOneDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if d, err := ParseISODate(s); err == nil && !d.IsRange() && !d.Circa {
		return d, nil
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '/' || r == '.' || r == '-' || r == ',' })
	num := func(f string) (int, bool) {
		n, err := strconv.Atoi(f)
		return n, err == nil
	}
	switch len(fields) {
	case 1:
		if y, ok := num(fields[0]); ok && len(fields[0]) == 4 {
			return Date{Year: y}, nil
		}
	case 2: // "Jan 1984", "01/1984"
		y, ok := num(fields[1])
		if !ok || len(fields[1]) != 4 {
			break
		}
		if m, ok := monthNames[fields[0]]; ok {
			return Date{Year: y, Month: m}, nil
		}
		if m, ok := num(fields[0]); ok && m >= 1 && m <= 12 {
			return Date{Year: y, Month: m}, nil
		}
	case 3:
		if y, ok := num(fields[0]); ok && len(fields[0]) == 4 { // 1984.01.08
			m, ok1 := num(fields[1])
			d, ok2 := num(fields[2])
			if ok1 && ok2 {
				return Date{Year: y, Month: m, Day: d}, nil
			}
			break
		}
		y, ok := num(fields[2])
		if !ok || len(fields[2]) != 4 {
			break
		}
		d, ok := num(fields[0])
		if !ok {
			break
		}
		if m, ok := monthNames[fields[1]]; ok {
			return Date{Year: y, Month: m, Day: d}, nil
		}
		if m, ok := monthNames[fields[0]]; ok { // "Jan 08 1984"
			if day, ok := num(fields[1]); ok {
				return Date{Year: y, Month: m, Day: day}, nil
			}
		}
		m, ok := num(fields[1])
		if !ok {
			break
		}
		if m > 12 && d <= 12 { // US order: MM/DD/YYYY
			d, m = m, d
		}
		return Date{Year: y, Month: m, Day: d}, nil
	}
	return Date{}, fmt.Errorf("unrecognised date form")
}
