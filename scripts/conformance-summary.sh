#!/usr/bin/env bash
# Prints one line per conformance suite run (per backend) from the TRX files in the results folder given as $1:
# whether the backend's conformance suite ran, with how many cases, or did not run, and why (the skip reason).
# A backend whose suite is skipped wholesale (SQL Server without OAUTH2_SQLSERVER_CONNECTION, MongoDB without
# OAUTH2_MONGO_URL) is named here, so a green summary cannot hide it.
set -uo pipefail
results="${1:-TestResults}"
shopt -s nullglob
trx=("$results"/*.trx)
[ ${#trx[@]} -gt 0 ] || exit 0

label() {
  case "$1" in
    InMemoryStoreConformanceTests) echo "in-memory" ;;
    CachingStoreConformanceTests) echo "in-memory behind the client cache" ;;
    DelegatingStoreConformanceTests) echo "in-memory behind DelegatingOAuth2Store" ;;
    RedisSingleNodeConformanceTests) echo "Redis, single node" ;;
    RedisClusterConformanceTests) echo "Redis, 3-primary cluster" ;;
    PostgreSqlConformanceTests) echo "PostgreSQL" ;;
    SqliteConformanceTests) echo "SQLite" ;;
    SqlServerConformanceTests) echo "SQL Server" ;;
    MongoConformanceTests) echo "MongoDB" ;;
    DictionaryStoreConformanceTests) echo "a consumer's own store, suite from the package" ;;
    *) echo "$1" ;;
  esac
}

# class <TAB> outcome <TAB> skip reason, one line per conformance case.
awk '
  /<UnitTestResult / {
    name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
    outcome = $0; sub(/.*outcome="/, "", outcome); sub(/".*/, "", outcome)
    n = split(name, parts, ".")
    # The case is the last part, its class the one before (theory arguments never occur in suite cases).
    cls = parts[n - 1]
    pending = (cls ~ /ConformanceTests$/) ? 1 : 0
    reason = ""
    if (pending && $0 ~ /\/>[[:space:]]*$/) { print cls "\t" outcome "\t"; pending = 0 }
    next
  }
  pending && /<Message>/ && reason == "" {
    reason = $0; sub(/.*<Message>/, "", reason); sub(/<\/Message>.*/, "", reason)
  }
  pending && /<\/UnitTestResult>/ { print cls "\t" outcome "\t" reason; pending = 0 }
' "${trx[@]}" | sort | awk -F '\t' '
  { total[$1]++
    if ($2 == "Passed") passed[$1]++
    else if ($2 == "NotExecuted" || $2 == "Inconclusive") { skipped[$1]++; if (!($1 in why) && $3 != "") why[$1] = $3 }
    else failed[$1]++ }
  END { for (c in total) printf "%s\t%d\t%d\t%d\t%d\t%s\n", c, total[c], passed[c] + 0, failed[c] + 0, skipped[c] + 0, why[c] }
' | sort | while IFS=$'\t' read -r cls total passed failed skipped why; do
  name="$(label "$cls")"
  if [ $((passed + failed)) -eq 0 ]; then
    echo "conformance: $name ($cls): did not run, all $total cases skipped: ${why:-no reason given} (README: MongoDB and SQL Server)"
  else
    echo "conformance: $name ($cls): ran $total cases: $passed passed, $failed failed, $skipped skipped"
  fi
done
