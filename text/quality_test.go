package text

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/quality"
)

// sentence puts a name in running text.
func sentence(name string) string {
	return "On Monday, " + name + " told reporters in the capital that the project was on schedule."
}

// titleCase writes a name as running text does: "ABU RUSDAN" → "Abu
// Rusdan", "AL-QADULI" → "Al-Qaduli". Names in other scripts are kept.
func titleCase(s string) string {
	rs := []rune(strings.ToLower(s))
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
		}
		up = !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '‘'
	}
	return string(rs)
}

// TestNamesInRunningText measures the scanner on the shared screening
// benchmark's people put in a sentence: the UN positives (as listed,
// written in title case) must be found as the expected entity, and the
// synthetic negatives (people on no list) must not be reported. The
// scanner is held close to the scorer it calls: a name in a sentence is
// found nearly as often as the name alone, and reported wrongly rarely.
func TestNamesInRunningText(t *testing.T) {
	if testing.Short() {
		t.Skip("scans thousands of sentences")
	}
	sc := sharedScanner(t)
	pos, err := quality.ReadPeople(shareddata.Path(t, "bench/screening/positives_un_untreated.csv"))
	if err != nil {
		t.Fatal(err)
	}
	neg, err := quality.ReadPeople(shareddata.Path(t, "bench/screening/negatives_global.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	found, total := 0, 0
	var missed []string
	for _, p := range pos {
		if p.ExpectedRef == "" {
			continue
		}
		total++
		name := p.Name()
		if !strings.ContainsFunc(name, func(r rune) bool { return r > 0x2FF }) {
			name = titleCase(name)
		}
		res, err := sc.Scan(ctx, sentence(name), 0)
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, m := range res.Mentions {
			ok = ok || m.Entity.ID == "un-"+p.ExpectedRef
		}
		if ok {
			found++
		} else {
			missed = append(missed, name)
		}
	}
	recall := float64(found) / float64(total)
	t.Logf("UN positives in a sentence: %d/%d found (%.1f%%); missed: %s", found, total, 100*recall, strings.Join(missed, "; "))
	if recall < 0.97 {
		t.Errorf("recall %.3f below 0.97", recall)
	}
	const n = 5000
	reported := 0
	for _, p := range neg[:min(n, len(neg))] {
		res, err := sc.Scan(ctx, sentence(p.Name()), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Mentions) > 0 {
			reported++
		}
	}
	rate := float64(reported) / float64(min(n, len(neg)))
	t.Logf("negatives in a sentence: %d/%d reported (%.2f%%)", reported, min(n, len(neg)), 100*rate)
	if rate > 0.02 {
		t.Errorf("false-positive rate %.4f above 0.02", rate)
	}
}
