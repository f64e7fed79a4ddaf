// Package unusedsuppression defines the unused-suppression rule.
//
// # Rule unused-suppression
//
// unused-suppression: an inline chattool-lint directive suppresses nothing
//
// A finding can be suppressed where it is, with a comment that names the
// rule and, after "--", why:
//
//   - in scripts (.js, .ts, .wxs): // chattool-lint-disable-next-line RULE -- reason,
//     // chattool-lint-disable-line RULE at the end of the line, and blocks
//     from /* chattool-lint-disable RULE */ to /* chattool-lint-enable RULE */
//     (or the end of the file);
//   - in templates (.wxml): <!-- chattool-lint-disable-next-line RULE -- reason -->,
//     and the other forms in <!-- --> comments;
//   - in styles (.wxss, .less, .scss): /* chattool-lint-disable-next-line RULE -- reason */
//     and the other forms.
//
// Several rules are separated by commas; a directive without a rule covers
// every rule, which hides more than it should: name the rule. JSON files
// (app.json, page and component json, project.config.json) have no comments
// in WeChat: turn a rule off for such a file in chattool-lint.json
// ("overrides").
//
// This rule reports a directive that covers no finding, so suppressions do
// not outlive the code they were written for: its rule no longer reports
// anything there, the code moved, or the name is misspelled (a name that is
// no rule is reported too), and a comment that starts with
// chattool-lint- but is no directive. Suppressed findings are left out of the
// text, JSON and GitHub reports and never fail a run; SARIF keeps them, with
// a suppression of kind inSource and the reason as its justification, so
// GitHub code scanning shows them as dismissed.
//
// Applies to: mini programs and mini games.
//
// Default severity: warning
//
// # Bad
//
//	// chattool-lint-disable-next-line chattool-disabled-api -- the share menu is hidden below
//	const x = 1
//
// # Good
//
//	// chattool-lint-disable-next-line chattool-disabled-api -- behind a renderer check; see #42
//	wx.showShareMenu()
package unusedsuppression
