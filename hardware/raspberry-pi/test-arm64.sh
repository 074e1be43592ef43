#!/usr/bin/env bash
# Proves that the linux-arm64 build of the Pi node really runs: publishes it self-contained, starts a gateway on
# loopback with one flow pinned to the node, runs the arm64 binary under qemu-aarch64-static and waits until the
# gateway has committed its samples. The same check runs in CI as
# tests/Edge.Node.Pi.Tests/Integration/Arm64QemuTests.cs.
# Needs (Debian): qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/edge-arm64.XXXXXX)"
sysroot=/usr/aarch64-linux-gnu
gateway_pid=""
node_pid=""
cleanup() {
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null || true
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
if [ -z "$qemu" ] || [ ! -e "$sysroot/lib/ld-linux-aarch64.so.1" ]; then
  echo "need: apt-get install qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross" >&2
  exit 1
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "== publish linux-arm64 (self-contained)"
dotnet publish "$repo/firmware/Edge.Node.Pi/Edge.Node.Pi.csproj" -c Release -r linux-arm64 --self-contained \
  --artifacts-path "$work/artifacts" -o "$work/publish" -nologo -v quiet
file "$work/publish/Edge.Node.Pi" 2>/dev/null || true

echo "== gateway on loopback"
dotnet build "$repo/gateway/Edge.Gateway/Edge.Gateway.csproj" -c Release -nologo -v quiet
mqtt="$(free_port)"; http="$(free_port)"
dotnet "$repo/gateway/Edge.Gateway/bin/Release/net10.0/Edge.Gateway.dll" --mqtt-port "$mqtt" --http-port "$http" \
  --db "$work/gw.db" --site lab --flows "9:1:pi-arm64" --Logging:LogLevel:Default=Warning >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$http/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

echo "== node under $qemu"
python3 - "$work" <<'PY'
import math, sys
with open(sys.argv[1] + "/replay.csv", "w") as f:
    f.write("timestamp,value\n")
    for i in range(300):
        f.write("%d,%r\n" % (1763856000000 + 100 * i, round(i * 0.75 + 100 * math.sin(i * 0.1), 9)))
PY
cat >"$work/node.json" <<JSON
{ "site": "lab", "node": "pi-arm64", "brokers": ["127.0.0.1:$mqtt"], "heartbeatMs": 500, "dataDir": "$work/data",
  "statusEveryMs": 1000, "sources": [ { "flow": 9, "kind": "replay", "file": "replay.csv", "rate": 50, "loop": false } ] }
JSON
"$qemu" -L "$sysroot" "$work/publish/Edge.Node.Pi" --config "$work/node.json" >"$work/node.log" 2>&1 &
node_pid=$!

committed=0
for _ in $(seq 1 120); do
  committed="$(curl -fs "http://127.0.0.1:$http/api/flows" 2>/dev/null | python3 -c 'import json,sys; print(next((f["committedSequence"] for f in json.load(sys.stdin) if f["flow"]==9), 0))' 2>/dev/null || echo 0)"
  [ "$committed" -ge 300 ] && break
  sleep 0.5
done
kill "$node_pid" 2>/dev/null || true
wait "$node_pid" 2>/dev/null || true
node_pid=""

echo "== node output"
cat "$work/node.log"
echo "== gateway"
curl -fs "http://127.0.0.1:$http/api/nodes"; echo
curl -fs "http://127.0.0.1:$http/api/flows"; echo
if grep -q Arm64 "$work/node.log" && [ "$committed" -ge 300 ]; then
  echo "PASS: the arm64 node ran under qemu and the gateway committed $committed samples of flow 9"
else
  echo "FAIL: committed $committed of 300" >&2
  exit 1
fi
