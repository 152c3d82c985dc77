#!/usr/bin/env bash
# One test: the code is formatted as `dotnet format` would leave it (whitespace, and the style rules of .editorconfig,
# import order included). Runs after scripts/test.sh's build, so nothing is restored. Writes "passed failed skipped"
# to $1/extra-format.txt for the summary line. To fix what it reports: dotnet format OAuth2.sln
set -uo pipefail
cd "$(dirname "$0")/.."
results="${1:-TestResults}"
mkdir -p "$results"
log="$(mktemp /tmp/oauth2-format.XXXXXX)"
trap 'rm -f "$log"' EXIT
status=0
dotnet format whitespace OAuth2.sln --no-restore --verify-no-changes -v q >"$log" 2>&1 || status=1
dotnet format style OAuth2.sln --no-restore --verify-no-changes -v q >>"$log" 2>&1 || status=1
if [ $status -eq 0 ]; then
  echo "1 0 0" >"$results/extra-format.txt"
  echo "format: dotnet format --verify-no-changes passed"
else
  echo "0 1 0" >"$results/extra-format.txt"
  sed 's/ \[[^]]*\.csproj\]$//' "$log" | sort -u | head -50
  echo "format: dotnet format --verify-no-changes failed (run: dotnet format OAuth2.sln)"
fi
exit $status
