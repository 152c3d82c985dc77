#!/usr/bin/env bash
# The consumer test: proves a user can install and use what we ship. It packs every package into a local folder
# feed under a version no cache has seen, creates a fresh project outside the solution (no Directory.Build.props,
# no project references) that references the packages by version, composes a server on the in-memory store,
# issues and authenticates a token, and runs the conformance suite from the package against a store the project
# defines itself. Its TRX goes into the results folder given as $1, so the summary line counts it.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
results="$(cd "$repo" && mkdir -p "${1:-TestResults}" && cd "${1:-TestResults}" && pwd)"
work="$(mktemp -d /tmp/oauth2-consumer.XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-consumer.$(date +%s)"

echo "consumer test: packing $version into $work/feed"
# Packs what the Release build produced (scripts/test.sh builds it first; the build is a no-op when it is current).
if ! { dotnet build "$repo/OAuth2.sln" -c Release -nologo -clp:ErrorsOnly >"$work/pack.log" 2>&1 \
      && dotnet pack "$repo/OAuth2.sln" -c Release --no-build -nologo -clp:ErrorsOnly -p:PackageVersion="$version" -p:PackageOutputPath="$work/feed" >>"$work/pack.log" 2>&1; }; then
  cat "$work/pack.log"
  echo "consumer test: dotnet pack failed"
  exit 1
fi

mkdir -p "$work/app"
cp "$here"/template/*.cs "$work/app/"
sed "s/@VERSION@/$version/g" "$here/template/Consumer.csproj.in" >"$work/app/Consumer.csproj"
cat >"$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="oauth2-local" value="$work/feed" />
  </packageSources>
</configuration>
XML

cd "$work/app"
dotnet test -nologo --logger "trx;LogFileName=consumer.trx" --results-directory "$work/results"
status=$?
cp "$work"/results/*.trx "$results/" 2>/dev/null || { echo "consumer test: no results"; status=1; }
exit $status
