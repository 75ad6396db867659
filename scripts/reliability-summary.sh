#!/usr/bin/env bash
# The fault and bad-input suite's summary, from the figure rows the specs wrote (tests/Testing/ReliabilityFigures.cs):
#   scripts/reliability-summary.sh DIR              one line per category (scripts/test.sh prints it at the end)
#   scripts/reliability-summary.sh DIR --markdown   the same per category, then per case, as Markdown tables
#   scripts/reliability-summary.sh DIR --write docs/RELIABILITY.md
#                                                   replaces the tables between the figures markers of that file
# DIR defaults to TestResults/reliability (where scripts/test.sh has the specs write).
set -uo pipefail
cd "$(dirname "$0")/.."

dir="${1:-TestResults/reliability}"
mode="${2:-lines}"
shopt -s nullglob
files=("$dir"/*.tsv)
if [ ${#files[@]} -eq 0 ]; then
  [ "$mode" = "lines" ] && echo "reliability: no figure rows (no fault spec ran)"
  [ "$mode" = "lines" ] && exit 0
  echo "no figure rows in $dir" >&2
  exit 1
fi

by_category() {
  cat "${files[@]}" | awk -F'\t' '
    { t[$1] += $3; s[$1] += $4; l[$1] += $5; d[$1] += $6; c[$1]++ }
    END { for (k in t) printf "%s\t%d\t%d\t%d\t%d\t%d\n", k, c[k], t[k], s[k], l[k], d[k] }' | LC_ALL=C sort
}

by_case() {
  cat "${files[@]}" | awk -F'\t' '
    { key = $1 "\t" $2; t[key] += $3; s[key] += $4; l[key] += $5; d[key] += $6 }
    END { for (k in t) printf "%s\t%d\t%d\t%d\t%d\n", k, t[k], s[k], l[k], d[k] }' | LC_ALL=C sort
}

markdown() {
  echo "| category | cases | tried | survived | lost | duplicated |"
  echo "|---|---:|---:|---:|---:|---:|"
  by_category | awk -F'\t' '{ printf "| %s | %d | %d | %d | %d | %d |\n", $1, $2, $3, $4, $5, $6 }'
  echo
  echo "| category | case | tried | survived | lost | duplicated |"
  echo "|---|---|---:|---:|---:|---:|"
  by_case | awk -F'\t' '{ printf "| %s | %s | %d | %d | %d | %d |\n", $1, $2, $3, $4, $5, $6 }'
}

case "$mode" in
  lines)
    by_category | awk -F'\t' '{ printf "reliability: %-34s %3d cases: tried %d, survived %d, lost %d, duplicated %d\n", $1, $2, $3, $4, $5, $6 }'
    ;;
  --markdown)
    markdown
    ;;
  --write)
    target="${3:?--write needs a file}"
    table=$(mktemp)
    markdown >"$table"
    awk -v table="$table" '
      /<!-- figures:start -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
      /<!-- figures:end -->/ { skip = 0 }
      !skip { print }' "$target" >"$target.tmp" && mv "$target.tmp" "$target"
    rm -f "$table"
    ;;
  *)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
