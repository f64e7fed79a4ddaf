//go:build unix

package project

import (
	"os"
	"syscall"
	"time"
)

func stampOf(fi os.FileInfo) stamp {
	s := stamp{size: fi.Size(), mtime: fi.ModTime()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		s.ctime = time.Unix(int64(st.Ctim.Sec), int64(st.Ctim.Nsec))
		s.ino = uint64(st.Ino)
	}
	return s
}
