#!/usr/bin/env bash
# bench/lsp-save.sh: what an editor's user waits for from `chattool-lint lsp`
# on the official demo (issue 19), driven over standard input and output by a
# real client (bench/lspsave): the first diagnostics after didOpen of a
# chat-tool page, then, save after save, the time from didChange (the buffer
# changed, a new line each time) through the write of the file and didSave to
# the publishDiagnostics that answers; the median and 90th percentile, and
# the server's resident memory.
#
#   bash bench/lsp-save.sh              # 200 saves
#   SAVES=4000 MEM_EVERY=500 bash bench/lsp-save.sh   # memory over 4,000 saves
#
# Environment:
#   DEMO=/tmp/demo   a checkout of wechat-miniprogram/miniprogram-demo (cloned
#                    there when missing and git can reach it); /tmp/real/demo
#                    is used when it holds one
#   SAVES=200        measured saves (after 5 more to warm up)
#   MEM_EVERY=0      print the resident memory every N saves
#   PAGE=miniprogram/packageChatTool/pages/activity_detail/index.js
#   BENCH_OUT=/tmp/chattool-lsp-bench  where the binary and the demo's copy go
set -euo pipefail
cd "$(dirname "$0")/.."
SAVES=${SAVES:-200}
MEM_EVERY=${MEM_EVERY:-0}
PAGE=${PAGE:-miniprogram/packageChatTool/pages/activity_detail/index.js}
OUT=${BENCH_OUT:-/tmp/chattool-lsp-bench}
DEMO=${DEMO:-}
if [ -z "$DEMO" ]; then
	for d in /tmp/demo /tmp/real/demo; do
		if [ -f "$d/project.config.json" ]; then DEMO=$d; break; fi
	done
fi
if [ -z "$DEMO" ]; then
	DEMO=/tmp/demo
	git clone --depth 1 https://github.com/wechat-miniprogram/miniprogram-demo "$DEMO"
fi
mkdir -p "$OUT"
go build -o "$OUT/chattool-lint" ./cmd/chattool-lint
go build -o "$OUT/lspsave" bench/lspsave/main.go
# A copy: the page is written at every save.
rm -rf "$OUT/demo"
mkdir -p "$OUT/demo"
cp -r "$DEMO/project.config.json" "$DEMO/miniprogram" "$OUT/demo/"
echo "chattool-lint lsp on $(find "$OUT/demo/miniprogram" -type f | wc -l) files of the demo ($(cd "$DEMO" && git rev-parse --short HEAD 2>/dev/null || echo '?')), $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$OUT/lspsave" -server "$OUT/chattool-lint" -file "$OUT/demo/$PAGE" -n "$SAVES" -mem "$MEM_EVERY"
