package jsonl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo/embargo/source"
)

func TestReaderNext(t *testing.T) {
	type got struct {
		line       string
		terminated bool
		n          int
		err        error
	}
	tests := []struct {
		name string
		in   string
		max  int
		want []got
	}{
		{"lines", "a\r\nb\n", MaxLine, []got{{"a", true, 1, nil}, {"b", true, 2, nil}}},
		{"no final newline", "a\nb", MaxLine, []got{{"a", true, 1, nil}, {"b", false, 2, nil}}},
		{"empty", "", MaxLine, nil},
		{"long line joined", strings.Repeat("x", 100_000) + "\ny\n", MaxLine,
			[]got{{"x×100000", true, 1, nil}, {"y", true, 2, nil}}},
		{"too long, then more", strings.Repeat("x", 100_000) + "\ny\n", 1000,
			[]got{{"", true, 1, ErrLineTooLong}, {"y", true, 2, nil}}},
		{"too long at the end", "y\n" + strings.Repeat("x", 100_000), 1000,
			[]got{{"y", true, 1, nil}, {"", false, 2, ErrLineTooLong}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in))
			r.max = tt.max
			var all []got
			for {
				line, terminated, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if len(line) > 20 {
					line = []byte(fmt.Sprintf("%c×%d", line[0], len(line)))
				}
				all = append(all, got{string(line), terminated, r.Line(), err})
			}
			if !reflect.DeepEqual(all, tt.want) {
				t.Errorf("got %+v\nwant %+v", all, tt.want)
			}
		})
	}
}

func TestScan(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		lines    []int // numbers of the lines fn sees
		firstErr error // what first returns
		wantErr  error
	}{
		{"blank lines and BOM passed over", "\ufeff{}\n\n  \n{}\n", []int{1, 4}, nil, nil},
		{"empty file", "\n \n", nil, nil, source.ErrNotList},
		{"first line refused", "x\n{}\n", nil, source.ErrNotList, source.ErrNotList},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rep source.Report
			var lines []int
			firsts := 0
			err := Scan(context.Background(), source.Input{Name: "f.json", R: strings.NewReader(tt.in)}, &rep,
				func(line []byte, terminated bool) error {
					firsts++
					if line[0] != '{' && line[0] != 'x' {
						t.Errorf("first line %q not trimmed", line)
					}
					return tt.firstErr
				},
				func(line []byte, terminated bool, n int) error {
					lines = append(lines, n)
					return nil
				})
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("lines = %v, want %v", lines, tt.lines)
			}
			if rep.Records != len(tt.lines) {
				t.Errorf("Records = %d, want %d", rep.Records, len(tt.lines))
			}
			if firsts > 1 {
				t.Errorf("first called %d times", firsts)
			}
		})
	}
}

func TestScanCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var rep source.Report
	err := Scan(ctx, source.Input{Name: "f.json", R: strings.NewReader("{}\n")}, &rep,
		func([]byte, bool) error { return nil },
		func([]byte, bool, int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestCutShort(t *testing.T) {
	tests := []struct {
		line       string
		terminated bool
		want       bool
	}{
		{`{"a": 1}`, false, false},
		{`{"a": `, false, true},
		{`{"a": `, true, false},
	}
	for _, tt := range tests {
		if got := CutShort([]byte(tt.line), tt.terminated); got != tt.want {
			t.Errorf("CutShort(%q, %v) = %v, want %v", tt.line, tt.terminated, got, tt.want)
		}
	}
}

func TestSniffHelpers(t *testing.T) {
	head := []byte("\ufeff\n  \n{\"id\": \"x\", \"properties\": {\"name\": [\"a\"]}, \"sch")
	line, complete := FirstLine(head)
	if complete || !strings.HasPrefix(string(line), `{"id"`) {
		t.Fatalf("FirstLine = %q, %v", line, complete)
	}
	want := map[string]bool{"id": true, "properties": true}
	if got := TopKeys(line); !reflect.DeepEqual(got, want) {
		t.Errorf("TopKeys = %v, want %v", got, want)
	}
	if got := TopKeys([]byte("[1]")); got != nil {
		t.Errorf("TopKeys of an array = %v, want nil", got)
	}
}
