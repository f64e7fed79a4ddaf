#!/usr/bin/env bash
# Tests `chattool-lint lsp` with a real client: Debian's Neovim (0.7 in Debian
# 12), headless, with the init.lua below. It starts the server with
# vim.lsp.start_client, attaches it to the poll page of the fixture project
# testdata/lsp (which calls wx.navigateToMiniProgram, disabled in chat-tool
# mode, and compares wx.getApiCategory() with 'chattool', each after an emoji
# on its line), and checks what vim.diagnostic.get()
# holds after each step against the expected rule names and ranges (0-based
# lines, and byte columns, which Neovim converts from the server's encoding):
#
#   open     the diagnostics at the call and at 'chattool'
#   edit     the emoji (4 bytes) replaced with "ab": the call moves 2 bytes left
#            (an incremental change Neovim sends in the negotiated encoding)
#   line     a line inserted at the top: the findings move down
#   fix      the quick fix of api-category-value ('chattool' -> 'chatTool'),
#            asked for with textDocument/codeAction and applied: one finding left
#   save     :write, then the diagnostics published on save
#   stop     shutdown and exit; the server exits with status 0
#
# It runs twice: with Neovim 0.7's own capabilities (UTF-16, the default),
# and offering general.positionEncodings = {"utf-8", "utf-16"}, where the
# server must choose UTF-8 and Neovim is told to use it; the byte columns
# must come out the same. Exits non-zero on a mismatch or a timeout.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

fail() {
	printf 'nvim-test: FAIL: %s\n' "$*" >&2
	exit 1
}

if ! command -v nvim >/dev/null 2>&1; then
	echo "installing neovim (Debian package)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq neovim >/dev/null
fi
nvim --version | head -1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/chattool-lint" ./cmd/chattool-lint
# A copy, since the test edits and saves the file.
cp -R testdata/lsp "$tmp/project"
file="$tmp/project/miniprogram/packageChatTool/pages/poll/index.js"

cat >"$tmp/init.lua" <<'LUA'
local bin = os.getenv('NVIM_TEST_BIN')
local file = os.getenv('NVIM_TEST_FILE')
local root = os.getenv('NVIM_TEST_ROOT')
local enc = os.getenv('NVIM_TEST_ENCODING')
local out = assert(io.open(os.getenv('NVIM_TEST_OUT'), 'w'))

local function fail(msg)
  out:write('FAIL ' .. msg .. '\n')
  out:close()
  vim.cmd('cquit 3')
end

local publishes = 0
local client_id, exit_code

-- One line per diagnostic: what the test compares.
local function summary(buf)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local href = lsp.codeDescription and lsp.codeDescription.href or '-'
    table.insert(lines, string.format('%s %d:%d-%d:%d severity=%d source=%s href=%s',
      tostring(d.code), d.lnum, d.col, d.end_lnum, d.end_col, d.severity, tostring(d.source), href))
  end
  table.sort(lines)
  return lines
end

-- Waits for the next publishDiagnostics after n, then records the step.
local function step(name, buf, n)
  if not vim.wait(20000, function() return publishes > n end, 20) then
    fail('timeout waiting for diagnostics after ' .. name)
  end
  out:write('json ' .. name .. ' ' .. vim.fn.json_encode(vim.diagnostic.get(buf)) .. '\n')
  for _, l in ipairs(summary(buf)) do
    out:write('diag ' .. name .. ' ' .. l .. '\n')
  end
end

local function run()
  local caps = vim.lsp.protocol.make_client_capabilities()
  if enc == 'utf-8' then
    caps.general = { positionEncodings = { 'utf-8', 'utf-16' } }
  end
  client_id = vim.lsp.start_client({
    name = 'chattool-lint',
    cmd = { bin, 'lsp' },
    root_dir = root,
    capabilities = caps,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
        publishes = publishes + 1
      end,
    },
    on_init = function(client, result)
      local chosen = result.capabilities.positionEncoding
      out:write('encoding ' .. tostring(chosen) .. '\n')
      -- Neovim 0.7 predates positionEncoding: use what the server chose.
      client.offset_encoding = chosen
    end,
    on_exit = function(code) exit_code = code end,
  })
  if not client_id then return fail('could not start the server') end

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  step('open', buf, 0)

  -- Line 10 (0-based 9): four spaces, "const label = '" (19 bytes), the emoji.
  local line = vim.api.nvim_buf_get_lines(buf, 9, 10, true)[1]
  local at = line:find('🛒', 1, true)
  if at ~= 20 then return fail('the fixture changed: emoji at byte ' .. tostring(at)) end
  local n = publishes
  vim.api.nvim_buf_set_text(buf, 9, 19, 9, 23, { 'ab' })
  step('edit', buf, n)

  n = publishes
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '// a line added at the top' })
  step('line', buf, n)

  -- The quick fix api-category-value offers for 'chattool', asked for
  -- at the cursor and applied as Neovim applies code actions.
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'api-category-value' then target = d end
  end
  if not target then return fail('no api-category-value diagnostic') end
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col + 1 })
  local client = vim.lsp.get_client_by_id(client_id)
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = {} }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000)
  local actions = res and res[client_id] and res[client_id].result
  if not actions then return fail('no answer to textDocument/codeAction') end
  for _, a in ipairs(actions) do
    out:write('action ' .. a.kind .. ' ' .. a.title .. '\n')
  end
  if #actions ~= 1 then return fail(#actions .. ' code actions, want 1') end
  n = publishes
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  step('fix', buf, n)
  out:write('text ' .. vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, true)[1] .. '\n')

  n = publishes
  vim.cmd('write')
  step('save', buf, n)

  vim.lsp.stop_client(client_id)
  if not vim.wait(10000, function() return exit_code ~= nil end, 20) then
    return fail('the server did not exit after shutdown')
  end
  out:write('exit ' .. tostring(exit_code) .. '\n')
  out:close()
  vim.cmd('qall!')
end

-- Scheduled out of the VimEnter autocommand, where :write would fire no
-- BufWritePost (autocommands do not nest), and so send no didSave.
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then fail('error: ' .. tostring(err)) end
    end)
  end,
})
LUA

attrs() {
	local href
	href=$("$tmp/chattool-lint" explain "$1" | sed -n 's/^Online: //p')
	[ -n "$href" ] || fail "no URL for $1"
	echo "severity=1 source=chattool-lint href=$href"
}
call="chattool-disabled-api"
cmp="api-category-value"
call_attrs=$(attrs $call)
cmp_attrs=$(attrs $cmp)
# Lines and columns are 0-based; columns are bytes. The emoji before each
# finding is 4 bytes, 2 UTF-16 units: with a wrong encoding, columns are off.
expected="diag open $cmp 13:53-13:63 $cmp_attrs
diag open $call 9:31-9:55 $call_attrs
diag edit $cmp 13:53-13:63 $cmp_attrs
diag edit $call 9:29-9:53 $call_attrs
diag line $cmp 14:53-14:63 $cmp_attrs
diag line $call 10:29-10:53 $call_attrs
diag fix $call 10:29-10:53 $call_attrs
text     const icon = '💬'; if (wx.getApiCategory() === 'chatTool') this.setData({ icon })
diag save $call 10:29-10:53 $call_attrs
exit 0"

for enc in utf-16 utf-8; do
	printf '\n-- Neovim with %s\n' "$enc"
	cp testdata/lsp/miniprogram/packageChatTool/pages/poll/index.js "$file"
	status=0
	NVIM_TEST_BIN="$tmp/chattool-lint" NVIM_TEST_FILE="$file" NVIM_TEST_ROOT="$tmp/project" \
		NVIM_TEST_ENCODING="$enc" NVIM_TEST_OUT="$tmp/out-$enc.txt" \
		XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" \
		XDG_STATE_HOME="$tmp/xdg/state" XDG_CACHE_HOME="$tmp/xdg/cache" \
		timeout 120 nvim --headless -n -i NONE --noplugin -u "$tmp/init.lua" </dev/null >"$tmp/nvim-$enc.log" 2>&1 || status=$?
	cat "$tmp/out-$enc.txt" 2>/dev/null || true
	if [ "$status" != 0 ]; then
		cat "$tmp/nvim-$enc.log"
		for log in "$tmp"/xdg/*/nvim/lsp.log; do [ -f "$log" ] && cat "$log"; done
		fail "Neovim ($enc) exited with status $status"
	fi
	grep -qx "encoding $enc" "$tmp/out-$enc.txt" || fail "the server did not choose $enc"
	grep -q '^action quickfix ' "$tmp/out-$enc.txt" || fail "no quick fix with $enc"
	got=$(grep -E '^(diag|text|exit) ' "$tmp/out-$enc.txt")
	if [ "$got" != "$expected" ]; then
		printf 'want:\n%s\ngot:\n%s\n' "$expected" "$got" >&2
		fail "diagnostics with $enc differ"
	fi
	echo "ok: $enc"
done
grep -q "a line added at the top" "$file" || fail ":write did not save the file"
echo "nvim-test: all passed"
