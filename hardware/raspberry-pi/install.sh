#!/usr/bin/env bash
# Installs the Edge node on a Raspberry Pi (64-bit Raspberry Pi OS / Debian arm64), as root:
#   sudo ./install.sh <publish-folder>
# where <publish-folder> is the output of, on any machine with the .NET 10 SDK:
#   dotnet publish firmware/Edge.Node.Pi -c Release -r linux-arm64 --self-contained -o edge-node-arm64
# It copies the app to /opt/edge-node, creates the edge user (in the gpio and i2c groups where the system has them),
# writes /etc/edge/node.json from node.example.json if there is none yet, and installs, enables and (re)starts
# edge-node.service.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
src="${1:-}"
prefix="${EDGE_PREFIX:-/opt/edge-node}"
config_dir="${EDGE_CONFIG_DIR:-/etc/edge}"
unit_dir="${EDGE_UNIT_DIR:-/etc/systemd/system}"

if [ -z "$src" ] || [ ! -x "$src/Edge.Node.Pi" ]; then
  echo "usage: $0 <folder with a linux-arm64 'dotnet publish' of firmware/Edge.Node.Pi>" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "run as root (sudo $0 $src)" >&2
  exit 1
fi

# 1. The service user, in the gpio (GPIO pulse input, LED) and i2c (BME280, ADS1115) groups where the system has
#    them (Raspberry Pi OS does; plain Debian arm64 does not, and the unit names no group, so it starts either way).
if ! id edge >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /var/lib/edge --shell /usr/sbin/nologin edge
fi
for group in gpio i2c; do
  if getent group "$group" >/dev/null; then
    usermod -a -G "$group" edge
  fi
done

# 2. The app: replaced whole, so a stale DLL never survives an upgrade.
systemctl stop edge-node.service 2>/dev/null || true
rm -rf "$prefix.new"
mkdir -p "$prefix.new"
cp -a "$src"/. "$prefix.new"/
cp "$here/README.md" "$prefix.new/README.md"
chmod 0755 "$prefix.new/Edge.Node.Pi"
rm -rf "$prefix.old"
if [ -d "$prefix" ]; then mv "$prefix" "$prefix.old"; fi
mv "$prefix.new" "$prefix"
rm -rf "$prefix.old"

# 3. Config (kept if present: it is the operator's) and state directory (systemd creates it too).
mkdir -p "$config_dir"
if [ ! -f "$config_dir/node.json" ]; then
  install -m 0640 -g edge "$here/node.example.json" "$config_dir/node.json"
  echo "wrote $config_dir/node.json from the example: set node, brokers and sources, then: systemctl restart edge-node"
fi
install -d -m 0750 -o edge -g edge /var/lib/edge

# 4. The unit.
install -m 0644 "$here/edge-node.service" "$unit_dir/edge-node.service"
systemctl daemon-reload
systemctl enable edge-node.service
systemctl restart edge-node.service
systemctl --no-pager --lines=5 status edge-node.service || true
echo "logs: journalctl -u edge-node -f"
