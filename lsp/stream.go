package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"strconv"
	"strings"
	"sync"
)

// maxMessage bounds one message: a document larger than the checker reads
// (project.MaxFileSize), escaped, still fits.
const maxMessage = 64 << 20

// stream is the LSP base protocol (Content-Length framed JSON) as a
// jsonrpc2.ObjectStream. Unlike the library's VSCodeObjectCodec, it does not
// end the connection on a message that is not JSON-RPC: it answers it with
// a parse error and reads on, as long as the framing itself holds.
type stream struct {
	r      *bufio.Reader
	closer io.Closer // the reader, when it can be closed
	ready  chan struct{}

	wmu sync.Mutex
	w   io.Writer
	log *log.Logger
}

func newStream(r io.Reader, w io.Writer, logger *log.Logger) *stream {
	s := &stream{r: bufio.NewReaderSize(r, 64<<10), w: w, log: logger, ready: make(chan struct{})}
	if c, ok := r.(io.Closer); ok {
		s.closer = c
	}
	return s
}

// WriteObject implements jsonrpc2.ObjectStream.
func (s *stream) WriteObject(obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	return s.write(data)
}

func (s *stream) write(data []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err := s.w.Write(data)
	return err
}

// ReadObject implements jsonrpc2.ObjectStream.
func (s *stream) ReadObject(v any) error {
	<-s.ready
	for {
		body, err := s.readFrame()
		if errors.Is(err, errSkip) {
			continue
		}
		if err != nil {
			return err
		}
		if !json.Valid(body) {
			s.reject(-32700, "parse error: the message is not JSON")
			continue
		}
		if err := json.Unmarshal(body, v); err != nil {
			s.reject(-32600, "invalid request: "+err.Error())
			continue
		}
		return nil
	}
}

// reject answers a message that could not be read, with a null id, as
// JSON-RPC 2.0 asks.
func (s *stream) reject(code int, msg string) {
	s.log.Printf("ignoring a message: %s", msg)
	data, _ := json.Marshal(map[string]any{
		"jsonrpc": "2.0",
		"id":      nil,
		"error":   map[string]any{"code": code, "message": msg},
	})
	if err := s.write(data); err != nil {
		s.log.Printf("answering it: %v", err)
	}
}

var errSkip = errors.New("message skipped")

// readFrame reads the headers and the body of one message. A message over
// maxMessage is read past and skipped; headers that cannot be understood
// end the stream, since the next message cannot be found after them.
func (s *stream) readFrame() ([]byte, error) {
	length := -1
	for n := 0; ; n++ {
		// ReadSlice bounds a line by the buffer's size.
		b, err := s.r.ReadSlice('\n')
		if err != nil {
			if err == io.EOF && len(b) == 0 && n == 0 {
				return nil, io.EOF
			}
			if err == bufio.ErrBufferFull {
				return nil, errors.New("message header too long")
			}
			return nil, fmt.Errorf("reading the message headers: %w", noEOF(err))
		}
		if n > 32 {
			return nil, errors.New("too many message headers")
		}
		line := strings.TrimRight(string(b), "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("bad message header %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			l, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || l < 0 {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			length = l
		}
	}
	if length < 0 {
		return nil, errors.New("message without Content-Length")
	}
	if length > maxMessage {
		if _, err := io.CopyN(io.Discard, s.r, int64(length)); err != nil {
			return nil, noEOF(err)
		}
		s.reject(-32600, fmt.Sprintf("message of %d bytes, over the %d the server reads", length, maxMessage))
		return nil, errSkip
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return nil, fmt.Errorf("reading a message: %w", noEOF(err))
	}
	return body, nil
}

// noEOF turns an end of input in the middle of a message into an error
// that says so.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// Close implements jsonrpc2.ObjectStream.
func (s *stream) Close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}
