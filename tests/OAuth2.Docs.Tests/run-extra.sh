#!/usr/bin/env bash
# Docs that compile: every ```csharp block of every README (root, src/*, samples/*, benchmarks, the conformance
# suite) becomes a file of one throwaway project that references the src projects and the conformance suite, and that
# project is built once. Each block counts as one test: passed if it compiles, failed if an error falls inside it,
# skipped if an <!-- snippet: not-compiled (why) --> comment precedes it. Writes "passed failed skipped" to
# $1/extra-snippets.txt for the summary line. Errors name the README and its line (the files carry #line directives).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
results="$(cd "$repo" && mkdir -p "${1:-TestResults}" && cd "${1:-TestResults}" && pwd)"
out="$results/extra-snippets.txt"
echo "0 1 0" >"$out"   # counted as one failure unless the run below gets as far as counting
work="$(mktemp -d /tmp/oauth2-snippets.XXXXXX)"
trap 'rm -rf "$work"' EXIT

node "$here/snippets.mjs" generate "$repo" "$work" || { echo "snippets: could not extract the README blocks"; exit 1; }
cp "$here/template/Stubs.cs" "$work/"
refs=""
for project in "$repo"/src/*/*.csproj "$repo/tests/OAuth2.Storage.Conformance/OAuth2.Storage.Conformance.csproj"; do
  refs+="    <ProjectReference Include=\"$project\" />"$'\n'
done
awk -v refs="$refs" '{ if ($0 == "@REFERENCES@") printf "%s", refs; else print }' "$here/template/Snippets.csproj.in" >"$work/Snippets.csproj"

# Release, as scripts/test.sh builds the solution first: the referenced projects are then up to date and only the
# snippets compile here.
dotnet build "$work/Snippets.csproj" -c Release -nologo -clp:ErrorsOnly >"$work/build.log" 2>&1
build=$?
node "$here/snippets.mjs" count "$work" "$work/build.log" || exit 1
read -r passed failed skipped <"$work/counts.txt"
if [ $build -ne 0 ] && [ "$failed" -eq 0 ]; then
  cat "$work/build.log"
  echo "snippets: the build failed without an error inside a block"
  failed=1
fi
echo "$passed $failed $skipped" >"$out"
[ "$failed" -eq 0 ]
