#!/usr/bin/env bash
# Capture the output of the whole command-line surface on the bundled examples into one folder,
# so two versions of the package can be compared byte for byte: tools/cli_snapshot.sh OUT_DIR
set -uo pipefail
out=${1:?usage: tools/cli_snapshot.sh OUT_DIR}
fc=${FACTCHECK:-.venv/bin/factcheck}
mkdir -p "$out"
work=$(mktemp -d)
export FACTCHECK_NOW=2021-06-01T12:00:00Z XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
run() { local name=$1; shift; "$fc" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo "$?" >"$out/$name.rc"; }
seed=examples/seed-article.txt
run version --version
run extract-table extract "$seed"
run extract-json extract "$seed" -f json --all
run extract-yaml extract "$seed" -f yaml
run extract-min0 extract "$seed" -f json --all --min-score 0
for c in quick sift admiralty craap; do run "checklist-show-$c" checklist show "$c"; done
run checklist-list checklist list
run checklist-validate checklist validate checklists/quick.yaml checklists/sift.yaml checklists/admiralty.yaml checklists/craap.yaml
run sources-list sources list
run sources-show sources show al-manar
run sources-check sources check "$seed"
run review review "$seed" --reports-dir "$work/r" --answers examples/seed-answers.yaml --no-input --reviewer "Demo Reviewer"
for f in terminal markdown json claimreview csv; do run "report-$f" report "$work/r/seed-article.worksheet.yaml" -f "$f" -o -; done
run report-details report "$work/r/seed-article.worksheet.yaml" --details
cp "$work/r/seed-article.worksheet.yaml" "$out/worksheet.yaml"
for f in tests/fixtures/report/*.worksheet.yaml; do b=$(basename "$f" .worksheet.yaml); run "fixture-$b-md" report "$f" -f markdown -o -; run "fixture-$b-json" report "$f" -f json -o -; done
for cmd in extract review report checklist sources case; do run "help-$cmd" "$cmd" --help; done
run help --help
sed -i "s#$work#WORK#g" "$out"/*
rm -rf "$work"
