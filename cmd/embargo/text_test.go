package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embargo/embargo/internal/shareddata"
	"github.com/embargo/embargo/text"
)

// runText runs embargo with the text command added to the root, as
// app.go will add it, reading stdin from in.
func runText(t *testing.T, in string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	t.Setenv("EMBARGO_HOME", t.TempDir())
	t.Setenv("EMBARGO_OFFLINE", "1")
	t.Setenv("EMBARGO_DATA", "")
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(in), &out, &errb)
	root := a.root()
	root.AddCommand(a.textCmd())
	root.SetArgs(args)
	err = root.ExecuteContext(t.Context())
	return out.String(), errb.String(), err
}

func TestTextCommandJSONOnTheSharedArticle(t *testing.T) {
	lists := shareddata.Lists(t)
	article := shareddata.Path(t, "news/pt-lavrov-pyongyang.txt")
	out, errs, err := runText(t, "", "--data", lists, "text", "--json", article)
	if err != nil {
		t.Fatalf("embargo text: %v\n%s", err, errs)
	}
	var res text.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not the JSON result: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range res.Mentions {
		if string(raw[m.Start:m.End]) != m.Text {
			t.Errorf("mention %q: text[%d:%d] is %q", m.Text, m.Start, m.End, raw[m.Start:m.End])
		}
		if m.Entity == nil || m.Entity.ID == "" || len(m.Explanation) == 0 {
			t.Errorf("mention %q has no entity or explanation: %+v", m.Text, m)
		}
		got[m.Text] = true
	}
	for _, want := range []string{"Serguei Lavrov", "Vladimir Putin", "Kim Jong-un", "Dmitri Peskov", "Lavrov", "Putin"} {
		if !got[want] {
			t.Errorf("no mention %q in %v", want, got)
		}
	}
	for _, not := range []string{"John Kirby", "Kirby", "Tass", "Kremlin", "Ria Novosti"} {
		if got[not] {
			t.Errorf("mention %q reported", not)
		}
	}
	countries := map[string]bool{}
	for _, j := range res.Jurisdictions {
		countries[j.Country] = true
		if len(j.Programs) == 0 {
			t.Errorf("jurisdiction %q has no programs", j.Text)
		}
	}
	if !countries["ru"] || !countries["kp"] || len(countries) != 2 {
		t.Errorf("jurisdictions %v, want ru and kp", countries)
	}
}

func TestTextCommandMarksTheTextAndReadsStdin(t *testing.T) {
	lists := shareddata.Lists(t)
	in := "Der russische Präsident Wladimir Putin telefonierte mit Kim Jong Un. Russland und Nordkorea rücken zusammen; Putin lobte das Treffen.\n"
	out, errs, err := runText(t, in, "--data", lists, "text", "-")
	if err != nil {
		t.Fatalf("embargo text -: %v\n%s", err, errs)
	}
	for _, want := range []string{
		"[[#1 Wladimir Putin]]", "[[#2 Kim Jong Un]]", "{{Russland}}", "{{Nordkorea}}", "[[#3 Putin]]",
		"PUTIN Vladimir Vladimirovich", "LINKED TO", "#1", "North Korea (kp)", "Russia (ru)", "aligned:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colour codes written to a pipe:\n%q", out)
	}
}

func TestTextCommandErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"text", "--threshold", "1.5", empty}, "--threshold"},
		{[]string{"text", "--threshold", "0", empty}, "--threshold"},
		{[]string{"text", filepath.Join(dir, "missing.txt")}, "no such file"},
		{[]string{"text", empty}, "is empty"},
		{[]string{"text", dir}, "is a directory"},
		{[]string{"text"}, "accepts 1 arg"},
	} {
		_, _, err := runText(t, "", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("embargo %s: error %v, want one saying %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
}
