#!/usr/bin/env bash
# bench/batch.sh: many nights, measured side by side in one run (docs/SCALE.md has the figures).
#
#   bench/batch.sh psg    48 PSG exports: one `plmwatch batch` vs 48 `plmwatch score` runs
#   bench/batch.sh ankle  8 two-leg 8-h device nights: `batch --threads 1` vs `--threads 2`
#   bench/batch.sh length one ankle recording of 2, 4, 8 and 16 h through `batch --threads 1`
#   bench/batch.sh all    all three
#
# Inputs are made in a temporary folder at run time, never in the repository: the 48 exports are
# copies of the two real nights in ../shared/data/psg (skipped when absent), the ankle nights are
# recorded by the device program itself (`plmwatch-device --sensor synthetic --speed 0`, the
# project's seeded generator through the real LIS3DH driver and recorder). Prints the load
# average beside every figure: the machine may be shared.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PLMWATCH_SHARED_DATA:-$here/../shared/data}"
what="${1:-all}"
tmp="$(mktemp -d -t plmwatch-bench.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

"$here/plmwatch" --version >/dev/null          # build the jars first, outside every timing
"$here/plmwatch-device" --help >/dev/null

now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

psg() {
  if [[ ! -d "$data/psg" ]]; then echo "psg: $data/psg absent, skipped"; return; fi
  mkdir -p "$tmp/psg" "$tmp/score-out"
  for i in $(seq -w 1 24); do
    cp "$data/psg/night1.remlogic.txt" "$tmp/psg/n1-$i.txt"
    cp "$data/psg/night2.remlogic.txt" "$tmp/psg/n2-$i.txt"
  done
  echo "psg: 48 exports, load $(load)"
  local t0 t1 t2
  t0=$(now)
  "$here/plmwatch" batch "$tmp/psg" --out "$tmp/batch-out" >/dev/null
  t1=$(now)
  for f in "$tmp"/psg/*.txt; do
    "$here/plmwatch" score "$f" --json "$tmp/score-out/$(basename "$f" .txt).json" >/dev/null
  done
  t2=$(now)
  local b s
  b=$(secs "$t0" "$t1"); s=$(secs "$t1" "$t2")
  echo "psg: batch $b s, 48 x score $s s: batch is $(echo "$s / $b" | bc -l | xargs printf '%.1f')x faster;" \
       "$(echo "48 / $b" | bc -l | xargs printf '%.1f') nights/s on $(nproc) cores; load $(load)"
  # Same nights, same numbers: every batch JSON equals the score run's.
  local differ=0
  for f in "$tmp"/batch-out/nights/*.json; do
    name="$(basename "$f" .json)"; name="${name#*-*-}"
    cmp -s "$f" "$tmp/score-out/$name.json" || differ=$((differ + 1))
  done
  echo "psg: $differ of 48 batch JSON files differ from score's"
  t0=$(now)
  "$here/plmwatch" batch "$tmp/psg" --out "$tmp/batch-1" --threads 1 >/dev/null
  t1=$(now)
  echo "psg: batch --threads 1 $(secs "$t0" "$t1") s: $(echo "48 / ($t1 - $t0)" | bc -l | xargs printf '%.1f')" \
       "nights/s on one core (JVM start included); load $(load)"
}

record() {   # record SEED LEG HOURS DIR: one night file from the device program
  "$here/plmwatch-device" --sensor synthetic --seed "$1" --leg "$2" --hours "$3" --speed 0 --data "$4" >/dev/null
}

ankle() {
  local pairs=()
  echo "ankle: recording 8 two-leg 8-h nights (16 device runs), load $(load)"
  for seed in 1 2 3 4 5 6 7 8; do
    record "$seed" left 8 "$tmp/dev/$seed-left" &
    record "$seed" right 8 "$tmp/dev/$seed-right"
    wait
    pairs+=(--left "$tmp/dev/$seed-left/nights/night-000001.night" --right "$tmp/dev/$seed-right/nights/night-000001.night")
  done
  local t0 t1 t2 t3 one two
  for threads in 1 2; do
    t0=$(now)
    "$here/plmwatch" batch "${pairs[@]}" --out "$tmp/ankle-$threads" --threads "$threads" >/dev/null
    t1=$(now)
    eval "t_$threads=$(secs "$t0" "$t1")"
    echo "ankle: 8 two-leg 8-h nights, --threads $threads: $(eval echo \$t_$threads) s, load $(load)"
  done
  echo "ankle: 2 threads $(echo "$t_1 / $t_2" | bc -l | xargs printf '%.2f')x faster than 1;" \
       "$(echo "8 / $t_1" | bc -l | xargs printf '%.2f') two-leg nights/s on one core"
  cmp -s "$tmp/ankle-1/nights.csv" "$tmp/ankle-2/nights.csv" && echo "ankle: nights.csv identical for 1 and 2 threads"
}

length() {
  for hours in 2 4 8 16; do
    record 3 left "$hours" "$tmp/len-$hours"
    local t0 t1
    t0=$(now)
    "$here/plmwatch" batch "$tmp/len-$hours/nights" --out "$tmp/len-$hours-out" --threads 1 >/dev/null
    t1=$(now)
    echo "length: one $hours-h ankle recording (one leg, $(du -k "$tmp/len-$hours/nights" | tail -1 | cut -f1) kB)" \
         "through batch: $(secs "$t0" "$t1") s, load $(load)"
  done
}

case "$what" in
  psg) psg ;;
  ankle) ankle ;;
  length) length ;;
  all) psg; ankle; length ;;
  *) echo "usage: bench/batch.sh psg|ankle|length|all" >&2; exit 2 ;;
esac
