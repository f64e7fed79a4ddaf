//go:build unix

package testutil

import (
	"syscall"
	"time"
)

// CPUTime is the user and system time the process has used (0 where it
// is not measured), for benchmarks that report their processor time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
