#!/usr/bin/env bash
# End-to-end load run: release server on 127.0.0.1, driven by h2load (nghttp2) with a
# real gRPC request body (the seed article). Prints requests/s, p50/p90/p99 latency,
# errors by gRPC code (from the server's Prometheus counters, since h2load only sees
# HTTP status), shed requests and peak RSS, for each level of concurrent streams; then,
# with SOAK_SECS > 0, a soak at about 80 % of the peak rate with RSS sampled over time.
#
#   bench/load.sh                         # levels 1 16 64 256, 20 000 requests each
#   LEVELS="64" REQUESTS=50000 bench/load.sh
#   SOAK_SECS=600 bench/load.sh           # plus a 10-minute soak
#
# Everything stops by itself: requests are bounded, the soak is bounded by time, and
# the server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

LEVELS=${LEVELS:-"1 16 64 256"}
REQUESTS=${REQUESTS:-20000}
SOAK_SECS=${SOAK_SECS:-0}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-64}
ARTICLE=${ARTICLE:-examples/seed-article.txt}

if ! command -v h2load >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nghttp2-client >/dev/null
fi
cargo build --release --locked -p preprocessor -q
work=$(mktemp -d)
python3 bench/grpc_body.py "$ARTICLE" "$work/body.bin"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
metrics_port=$(free_port)
PREPROCESSOR_LOG_FORMAT=json RUST_LOG=warn PREPROCESSOR_MAX_IN_FLIGHT=$MAX_IN_FLIGHT \
  target/release/preprocessor serve --listen "127.0.0.1:$port" \
  --metrics-listen "127.0.0.1:$metrics_port" 2>"$work/server.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then break; fi
  sleep 0.1
done

url="http://127.0.0.1:$port/arabic.preprocess.v1.PreprocessService/Preprocess"
counters() { python3 - "$metrics_port" <<'PY'
import sys, urllib.request
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics").read().decode()
out = {}
for line in text.splitlines():
    if line.startswith("preprocessor_requests_total{"):
        labels, value = line.rsplit(" ", 1)
        code = labels.split('code="')[1].split('"')[0]
        out[code] = out.get(code, 0) + float(value)
    elif line.startswith("preprocessor_shed_requests_total "):
        out["shed"] = float(line.split()[1])
print(" ".join(f"{k}={int(v)}" for k, v in sorted(out.items())))
PY
}
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$server/status"; }

report() { # log file, h2load output
  python3 - "$1" "$2" <<'PY'
import sys
times = sorted(int(line.split("\t")[2]) for line in open(sys.argv[1]) if line.strip())
summary = open(sys.argv[2]).read()
rps = [l for l in summary.splitlines() if l.startswith("finished in")]
def pct(p): return times[min(len(times) - 1, int(p / 100 * len(times)))] / 1000
print(f"  {rps[0] if rps else ''}")
print(f"  latency ms: p50 {pct(50):.2f}  p90 {pct(90):.2f}  p99 {pct(99):.2f}  max {times[-1]/1000:.2f}  (n={len(times)})")
PY
}

echo "server pid $server on 127.0.0.1:$port; article $(wc -c <"$ARTICLE") bytes; max in flight $MAX_IN_FLIGHT; $(nproc) cores"
peak_rps=0
for streams in $LEVELS; do
  clients=$(( streams < 8 ? streams : 8 ))
  per_client=$(( (streams + clients - 1) / clients ))
  before=$(counters)
  rm -f "$work/log.tsv"
  h2load -n "$REQUESTS" -c "$clients" -m "$per_client" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    -d "$work/body.bin" --log-file="$work/log.tsv" "$url" >"$work/h2load.txt"
  echo "== $streams concurrent streams ($clients connections x $per_client)"
  report "$work/log.tsv" "$work/h2load.txt"
  echo "  gRPC codes before: $before"
  echo "  gRPC codes after:  $(counters)"
  echo "  $(rss)"
  rate=$(awk '/finished in/ {print int($4)}' "$work/h2load.txt")
  [ "${rate:-0}" -gt "$peak_rps" ] && peak_rps=$rate
done

if [ "$SOAK_SECS" -gt 0 ]; then
  target=$(( peak_rps * 8 / 10 ))
  echo "== soak: $SOAK_SECS s at ~$target req/s (80 % of peak $peak_rps), 8 connections x 8 streams"
  echo "  start: $(rss)"
  before=$(counters)
  h2load -D "$SOAK_SECS" -c 8 -m 8 --rps=$(( target / 8 > 0 ? target / 8 : 1 )) \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    -d "$work/body.bin" --log-file="$work/soak.tsv" "$url" >"$work/soak.txt" &
  loader=$!
  while kill -0 $loader 2>/dev/null; do
    sleep 60
    kill -0 $loader 2>/dev/null && echo "  $(date +%T) $(rss)"
  done
  wait $loader || true
  report "$work/soak.tsv" "$work/soak.txt"
  echo "  gRPC codes before: $before"
  echo "  gRPC codes after:  $(counters)"
  echo "  end: $(rss)"
fi
