#!/usr/bin/env bash
# Whole-process start-up comparison (docs/PERFORMANCE.md, Start-up): `./atelier generate` against a bare
# ONNX Runtime process doing the same work (cli.BareOrtProcess: three sessions, one guided generation,
# nothing else), on the same JDK and jar. Rounds alternate the order; each round runs
#   bare     java -cp target/atelier.jar dev.atelier.cli.BareOrtProcess MODEL SIZE STEPS
#   atelier  ./atelier generate ... (the launcher: its AppCDS archive)
#   no-cds   the same with ATELIER_CDS=off (no AppCDS archive; the JDK's own CDS stays on)
# under /usr/bin/time, after one unmeasured run of each (page cache, the AppCDS archive written).
# Prints every run (wall s, CPU s = user + sys, peak RSS MB), then per variant the medians and the
# median ratio to bare.
# Usage: tools/startup_bench.sh [rounds (5)] [model (target/bench-models/sd15-shaped)] [size (64)] [steps (20)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=${1:-5}
model=${2:-$root/target/bench-models/sd15-shaped}
size=${3:-64}
steps=${4:-20}
. "$root/.mvn/find-jdk.sh"
find_jdk
[ -d "$model" ] || { echo "no model folder $model (bench --against-bare generates the SD 1.5-shaped one)" >&2; exit 2; }
"$root/atelier" --version >/dev/null # builds the jar when the sources changed
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export ATELIER_DATA_DIR="$out/data" # a fresh history, not the user's

run() { # variant
  local cmd
  case "$1" in
    bare) cmd=("$JAVA_HOME/bin/java" -cp "$root/target/atelier.jar" dev.atelier.cli.BareOrtProcess "$model" "$size" "$steps") ;;
    atelier) cmd=(env ATELIER_CDS=on "$root/atelier" generate --model "$model" --width "$size" --height "$size"
                  --steps "$steps" --seed 1 --prompt "a red circle" --out "$out/a.png") ;;
    no-cds) cmd=(env ATELIER_CDS=off "$root/atelier" generate --model "$model" --width "$size" --height "$size"
                 --steps "$steps" --seed 1 --prompt "a red circle" --out "$out/b.png") ;;
  esac
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "${cmd[@]}" >/dev/null 2>"$out/err" \
    || { echo "$1 failed:" >&2; cat "$out/err" >&2; exit 1; }
  read -r wall user sys rss <"$out/time"
  awk -v v="$1" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { printf "%-8s wall %6.2f s  cpu %6.2f s  rss %6.0f MB\n", v, w, u + s, r / 1024 }' | tee -a "$out/runs"
}

variants=(bare atelier no-cds)
for v in "${variants[@]}"; do run "$v" >/dev/null; done # warm-up
: >"$out/runs"
for ((r = 0; r < rounds; r++)); do
  for ((i = 0; i < ${#variants[@]}; i++)); do run "${variants[$(((i + r) % ${#variants[@]}))]}"; done
done
echo "medians over $rounds rounds ($size px, $steps steps, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)):"
awk '
  { n[$1]++; wall[$1] = wall[$1] " " $3; cpu[$1] = cpu[$1] " " $6; rss[$1] = rss[$1] " " $9 }
  function median(list,   b, k, i, j, t) {
    k = split(list, b, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (b[j] + 0 < b[i] + 0) { t = b[i]; b[i] = b[j]; b[j] = t }
    return k % 2 ? b[(k + 1) / 2] : (b[k / 2] + b[k / 2 + 1]) / 2
  }
  END {
    bw = median(wall["bare"]); bc = median(cpu["bare"])
    for (v in n) printf "%-8s wall %6.2f s (%.2fx bare)  cpu %6.2f s (%.2fx bare)  rss %6.0f MB\n", v,
      median(wall[v]), median(wall[v]) / bw, median(cpu[v]), median(cpu[v]) / bc, median(rss[v])
  }' "$out/runs"
