#!/bin/sh
# Runs a command and samples its resident memory every half second: peak RSS of the whole run
# (/usr/bin/time -v's "Maximum resident set size") plus a timeline of VmRSS, so the stage that sets
# the peak (session creation, a U-Net step, the decode) can be read off.
#   tools/rss_trace.sh OUT_PREFIX command args...   -> OUT_PREFIX.time (time -v), OUT_PREFIX.rss (t_s rss_kB)
set -eu
prefix=$1; shift
/usr/bin/time -v -o "$prefix.time" "$@" > "$prefix.log" 2>&1 &
pid=$!
start=$(date +%s.%N)
: > "$prefix.rss"
sleep 0.2
child=$(pgrep -P "$pid" | head -n 1 || true)
while kill -0 "$pid" 2>/dev/null; do
    if [ -n "$child" ] && [ -r "/proc/$child/status" ]; then
        rss=$(awk '/^VmRSS/ {print $2}' "/proc/$child/status" 2>/dev/null || true)
        now=$(date +%s.%N)
        [ -n "$rss" ] && echo "$(echo "$now - $start" | bc) $rss" >> "$prefix.rss"
    fi
    sleep 0.5
done
wait "$pid" || true
grep -E "Maximum resident|Elapsed|User time|System time|Exit status" "$prefix.time"
