package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/chattool-lint/chattool-lint/lint"
)

// GitHub writes one GitHub Actions workflow command per finding, which the
// runner turns into an annotation on the file and line:
//
//	::error file=pages/a/a.js,line=3,endLine=3,col=5,endColumn=9,title=chattool-disabled-api::message
//
// Infos are ::notice. Paths are relative to o.Cwd (the workspace, in a
// workflow) with forward slashes; columns count characters. Property values
// and messages are escaped as the runner's toolkit escapes them (%, CR, LF;
// and : and , in properties).
func GitHub(w io.Writer, results []*lint.Result, o Options) error {
	bw := bufio.NewWriter(w)
	cwd := o.cwd()
	for _, r := range results {
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Suppressed != nil {
				continue
			}
			cmd := "error"
			switch f.Severity {
			case lint.Warning:
				cmd = "warning"
			case lint.Info:
				cmd = "notice"
			}
			l := locate(cwd, r.Dir, f.Path)
			s, e := start(f), end(f)
			fmt.Fprintf(bw, "::%s file=%s,line=%d,endLine=%d,col=%d,endColumn=%d,title=%s::%s\n",
				cmd, ghProperty(filepath.ToSlash(l.rel)), s.Line, e.Line, column(s), column(e),
				ghProperty(f.Rule), ghData(f.Message+" ("+f.Rule+")"))
		}
	}
	return bw.Flush()
}

var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghData(s string) string     { return ghDataEscaper.Replace(s) }
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
