#!/usr/bin/env bash
# Launches the real `flashpoint` binary under Xvfb with a fresh data directory (so the demo
# data set is imported as on a first start), waits for its window and the import, and saves
# a screenshot of the screen to docs/screenshot.png (or $1).
#
# Needs the Debian packages xvfb, xauth, imagemagick, x11-utils and mesa-vulkan-drivers
# (xdotool optional: it clicks the first row of the list before the shot)
# (installed with apt-get when missing and running as root). FLASHPOINT_TILES=1 tries the
# OpenStreetMap tiles (network); by default the offline basemap is drawn.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshot.png}"

need=()
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v import >/dev/null || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
[ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ] || need+=(mesa-vulkan-drivers libxkbcommon-x11-0)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "missing packages: ${need[*]}" >&2; exit 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo build --release --bin flashpoint
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A copy, so that another cargo run relinking target/release meanwhile does not matter.
cp target/release/flashpoint "$tmp/flashpoint"
bin="$tmp/flashpoint"
mkdir -p "$(dirname "$out")"
flags=(--offline)
[ "${FLASHPOINT_TILES:-0}" = 1 ] && flags=()

cat > "$tmp/run.sh" <<EOF
#!/usr/bin/env bash
set -u
FLASHPOINT_DATA_DIR="$tmp/data" FLASHPOINT_CACHE_DIR="$tmp/cache" "$bin" ${flags[*]:-} >"$tmp/app.log" 2>&1 &
app=\$!
start=\$(date +%s%3N)
for _ in \$(seq 1 300); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"Flashpoint"'; then break; fi
    sleep 0.1
done
if ! xwininfo -root -tree 2>/dev/null | grep -q '"Flashpoint"'; then
    echo "no window; the app said:" >&2
    cat "$tmp/app.log" >&2
    exit 1
fi
echo "window after \$(( \$(date +%s%3N) - start )) ms" >&2
# The demo import (gazetteer load and 60 reports) and a few frames.
sleep "\${SETTLE:-8}"
# With xdotool, select the first incident of the list so that the details panel shows.
if command -v xdotool >/dev/null; then
    xdotool mousemove 300 653 click 1
    sleep 1.5
    xdotool mousemove 640 300
    sleep 0.5
fi
import -window root "$out"
kill \$app 2>/dev/null
wait \$app 2>/dev/null
EOF
chmod +x "$tmp/run.sh"
xvfb-run -a -s "-screen 0 1280x800x24" "$tmp/run.sh"
echo "saved $out" >&2
cat "$tmp/app.log" >&2
