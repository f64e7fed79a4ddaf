package report

// SARIF fixes (SARIF 2.1.0 §3.55-3.57): each finding's safe fixes (the
// ones --fix applies, the first of each finding) as result.fixes[], each
// with its message as description.text and one artifactChange per file,
// holding a replacement per edit.
//
//   - deletedRegion uses line and column, in UTF-16 code units as the run's
//     columnKind says and as every other region of the log does, with all
//     four of startLine, startColumn, endLine and endColumn; an insertion is
//     an empty region (endColumn equal to startColumn, §3.57.3). Byte offsets
//     (byteOffset/byteLength) would be exact too, but a region that gives
//     both must describe the same bytes both ways, and a byte order mark
//     is bytes but no column.
//   - insertedContent.text is the new text; for a deletion it is left out.
//   - The artifactLocation is made as for the result's location: relative
//     to %SRCROOT%, or an absolute file: uri.
//   - GitHub code scanning does not use fixes (they are not among the
//     properties its documentation lists); its upload only validates them
//     against the schema, as .ci/validate-sarif.sh does.
//   - A suppressed result gets no fixes: --fix leaves it alone too.

import "github.com/chattool-lint/chattool-lint/lint"

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion           `json:"deletedRegion"`
	InsertedContent *sarifArtifactContent `json:"insertedContent,omitempty"`
}

type sarifArtifactContent struct {
	Text string `json:"text"`
}

// sarifFixes are the fixes of f, a finding of the project in dir.
func sarifFixes(cwd, dir string, f *lint.Finding) []sarifFix {
	var out []sarifFix
	for _, fx := range f.Fixes {
		if len(fx.Edits) == 0 {
			continue
		}
		sf := sarifFix{Description: sarifMessage{Text: nonEmpty(fx.Message, "Fix")}}
		for _, e := range fx.Edits {
			r := sarifReplacement{DeletedRegion: editRegion(e)}
			if e.NewText != "" {
				r.InsertedContent = &sarifArtifactContent{Text: e.NewText}
			}
			var ch *sarifArtifactChange
			for i := range sf.ArtifactChanges {
				if sf.ArtifactChanges[i].ArtifactLocation == artifactLocation(locate(cwd, dir, e.Path)) {
					ch = &sf.ArtifactChanges[i]
				}
			}
			if ch == nil {
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifactLocation(locate(cwd, dir, e.Path))})
				ch = &sf.ArtifactChanges[len(sf.ArtifactChanges)-1]
			}
			ch.Replacements = append(ch.Replacements, r)
		}
		out = append(out, sf)
	}
	return out
}

// editRegion is the region an edit replaces; a position without a line
// (never resolved) is the start of the file.
func editRegion(e lint.Edit) sarifRegion {
	s, end := e.Start, e.End
	if s.Line < 1 {
		s = lint.Position{Line: 1, Column: 1, ColumnUTF16: 1}
	}
	if end.Line < 1 || end.Line < s.Line || end.Line == s.Line && columnUTF16(end) < columnUTF16(s) {
		end = s
	}
	return sarifRegion{StartLine: s.Line, StartColumn: columnUTF16(s), EndLine: end.Line, EndColumn: columnUTF16(end)}
}
