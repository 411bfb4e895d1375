#!/bin/sh
# Fixed CPU load for the thread benchmarks (docs/PERFORMANCE.md, Threads): one busy process per core
# (or $1 processes), each an empty shell loop that never sleeps, stopped after $2 seconds (default 600).
# Usage: tools/cpu_load.sh [processes] [seconds] &   ... run the benchmark ...   kill $!
n=${1:-$(nproc)}
seconds=${2:-600}
i=0
while [ "$i" -lt "$n" ]; do
    timeout "$seconds" sh -c 'while :; do :; done' &
    i=$((i + 1))
done
trap 'kill $(jobs -p) 2>/dev/null' INT TERM
wait
