package gcfit

import (
	"runtime/debug"
	"testing"
)

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{100 << 20, 100},
		{Headroom, 100},
		{2 * Headroom, 50},
		{1400 << 20, 27},
		{4 * Headroom, 25},
		{40 << 30, MinPercent},
	} {
		if got := Percent(c.live); got != c.want {
			t.Errorf("Percent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

func TestFit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	live, percent := Fit()
	if live == 0 {
		t.Error("Fit measured no live heap")
	}
	if want := Percent(live); percent != want {
		t.Errorf("Fit set %d%%, want %d%% for %d bytes live", percent, want, live)
	}
	if got := debug.SetGCPercent(percent); got != percent {
		t.Errorf("GOGC in force is %d, Fit said %d", got, percent)
	}

	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	if _, percent := Fit(); percent != 150 {
		t.Errorf("with $GOGC set, Fit changed GOGC to %d", percent)
	}
}
