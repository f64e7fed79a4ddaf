module github.com/chattool-lint/chattool-lint

go 1.26.8

require (
	github.com/rogpeppe/go-internal v1.16.0
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/tailscale/hujson v0.0.0-20260727124030-b80ff77dac4f
	golang.org/x/text v0.44.0
	golang.org/x/tools v0.52.0
)

require golang.org/x/sys v0.49.0 // indirect
