package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestComparePairs(t *testing.T) {
	in := "name1,name2,schema,label\n" +
		"Serguei Lavrov,Lavrov Sergei Viktorovich,Person,same\n" +
		"Andrei Ivanov,Victor Ivanov,person,different\n" +
		"OOO Gazprom Neft,Gazprom Neft LLC,Company,same\n" +
		"Kim Jong Un,KIM Jong Il,,different\n"
	var out bytes.Buffer
	if err := comparePairs(strings.NewReader(in), &out, 0.7); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if lines[0] != "name1,name2,schema,label,score,match" {
		t.Errorf("header = %q", lines[0])
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		want := "true"
		if f[3] == "different" {
			want = "false"
		}
		if f[5] != want {
			t.Errorf("%s: match = %s, want %s", l, f[5], want)
		}
	}
}

func TestComparePairsErrors(t *testing.T) {
	for _, in := range []string{
		"a,b\nx,y\n",                       // no name1/name2
		"name1,name2,schema\nx,y,Planet\n", // unknown schema
		"name1,name2\n\"unterminated,y\n",  // bad CSV
		"",                                 // no header
	} {
		var out bytes.Buffer
		if err := comparePairs(strings.NewReader(in), &out, 0.7); err == nil {
			t.Errorf("comparePairs(%q) succeeded; want an error", in)
		}
	}
}
