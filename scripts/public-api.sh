#!/usr/bin/env bash
# Records a deliberate change of a package's public surface: builds the project and appends every symbol the build
# reports as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt. Removed symbols (RS0017) are listed for you
# to delete from the .txt files (or to mark *REMOVED* in PublicAPI.Unshipped.txt).
# Usage: bash scripts/public-api.sh src/OAuth2.Core/OAuth2.Core.csproj
set -euo pipefail
project="${1:?usage: scripts/public-api.sh src/<Package>/<Package>.csproj}"
unshipped="$(dirname "$project")/PublicAPI.Unshipped.txt"
output="$(dotnet build "$project" -c Release --no-incremental 2>&1 || true)"
added="$(grep -oE "error RS0016: Symbol '.*' is not part of the declared public API" <<<"$output" \
  | sed -E "s/error RS0016: Symbol '(.*)' is not part of the declared public API/\1/" | sort -u || true)"
if [[ -n "$added" ]]; then
  { cat "$unshipped"; printf '%s\n' "$added"; } | awk 'NR == 1 || !seen[$0]++' > "$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  printf 'added to %s:\n%s\n' "$unshipped" "$added"
fi
grep -oE "error RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" <<<"$output" \
  | sort -u | sed 's/^/remove by hand: /' || true
