#!/usr/bin/env bash
# The window's start-up (docs/PERFORMANCE.md, Start-up): starts `./atelier` (the window) under Xvfb
# with a fresh data folder, waits for the log line "Window usable N ms after launch" (written once
# the first laid-out frame is done and the FX thread is free; the model loads in the background),
# closes it, and prints N per run and the median. The first run writes the window's AppCDS archive
# (the AOT cache on JDK 25+) when it is missing, so it is not counted.
# Usage: tools/window_startup.sh [runs (5)]     ATELIER_CDS=off: without the AppCDS archive
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-5}
command -v xvfb-run >/dev/null || { echo "xvfb-run is not installed (Debian: apt-get install xvfb)" >&2; exit 2; }
"$root/atelier" --version >/dev/null # builds the jar when the sources changed
work="$(mktemp -d)"
pid=""
trap '[ -z "$pid" ] || kill -- -"$pid" 2>/dev/null; rm -rf "$work"' EXIT

once() { # prints the ms of one start, or fails after 120 s
  local data="$work/data-$1" ms=""
  mkdir -p "$data"
  ATELIER_DATA_DIR="$data" setsid xvfb-run -a -s "-screen 0 1600x1000x24" "$root/atelier" >"$work/out-$1" 2>&1 &
  pid=$!
  for ((t = 0; t < 1200; t++)); do
    ms="$(sed -n 's/.*Window usable \([0-9-]*\) ms after launch.*/\1/p' "$data"/logs/*.log 2>/dev/null | head -1 || true)"
    [ -n "$ms" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # the JVM first and alone: its exit may write the AOT cache (JDK 25+), which Xvfb going away would cut short
  local jvm
  jvm="$(pgrep -s "$pid" -f dev.atelier.cli.Main || true)"
  if [ -n "$jvm" ]; then
    kill $jvm 2>/dev/null || true
    for ((t = 0; t < 1200; t++)); do kill -0 $jvm 2>/dev/null || break; sleep 0.1; done
  fi
  kill -- -"$pid" 2>/dev/null || true # xvfb-run and Xvfb: the session setsid made
  wait "$pid" 2>/dev/null || true
  pid=""
  [ -n "$ms" ] || { echo "run $1: no 'Window usable' line; output:" >&2; cat "$work/out-$1" >&2; exit 1; }
  echo "$ms"
}

once warmup >/dev/null
for ((r = 1; r <= runs; r++)); do
  ms="$(once "$r")"
  echo "run $r: window usable $ms ms after launch"
  echo "$ms" >>"$work/all"
done
sort -n "$work/all" | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
  printf "median %d ms over %d runs (%d cores, load %s)\n", m, NR, '"$(nproc)"', "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
