//go:build !unix

package translit

import "time"

// cpuTime is not measured on this system.
func cpuTime() time.Duration { return 0 }
