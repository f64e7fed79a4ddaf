package main

// stampedVersion is the version a release build sets with
//
//	go build -trimpath -ldflags "-X main.stampedVersion=v1.2.3" ./cmd/chattool-lint
//
// (scripts/release.sh and npm/build.sh do), so that the binaries of the
// GitHub release and of the npm packages, built from a tag's files where
// the go command stamps no module version, say which they are: in
// --version, in the JSON and SARIF reports' tool version and to the
// language client. Empty in every other build.
var stampedVersion string

// version is the stamped version of a release build, else the module
// version of go install (moduleVersion, in main.go), else devVersion.
func version() string {
	if stampedVersion != "" {
		return stampedVersion
	}
	return moduleVersion()
}
