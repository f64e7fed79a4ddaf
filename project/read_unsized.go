package project

import (
	"io/fs"
	"runtime"
	"sync"
	"syscall"
)

// readUnsized reads the file at abs, which the walk listed as a regular
// file, without a stat first: an open, a read and a close for a file under
// readBuf's size (the stat that readSized needs was a quarter of the
// system calls of a check; on this kind of VM a call costs microseconds).
// A read that stops short of the buffer is the end of a regular file. It
// returns false when it cannot say (Windows, or a file past MaxFileSize,
// whose error names its size): the caller reads as before. (O_NONBLOCK: a
// file made a FIFO since the walk is read as empty rather than waited on.)
func readUnsized(abs string) ([]byte, bool, error) {
	if runtime.GOOS == "windows" {
		return nil, false, nil
	}
	fd, err := syscall.Open(abs, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(abs, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	}
	if err != nil {
		return nil, true, &fs.PathError{Op: "open", Path: abs, Err: err}
	}
	defer syscall.Close(fd)
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	buf := *bp
	var out []byte // (nil until the file fills buf)
	for {
		n, err := syscall.Read(fd, buf)
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.EAGAIN:
			n, err = 0, nil // (a FIFO with nothing in it)
		case err != nil:
			return nil, true, &fs.PathError{Op: "read", Path: abs, Err: err}
		}
		if out == nil && n < len(buf) {
			return append(make([]byte, 0, n), buf[:n]...), true, nil
		}
		out = append(out, buf[:n]...)
		if len(out) > MaxFileSize {
			return nil, false, nil
		}
		if n < len(buf) {
			return out, true, nil
		}
	}
}

// readBufs are readUnsized's buffers, one a reader at a time.
var readBufs = sync.Pool{New: func() any {
	b := make([]byte, 64<<10)
	return &b
}}
