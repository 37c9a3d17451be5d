#!/usr/bin/env bash
# GUI smoke test: the real window under a virtual X server (Xvfb), on a `qunzhu demo` database.
# Starts the app in Chinese, waits for its window, clicks each of the 7 navigation entries,
# takes a screenshot of every screen, and fails if the window never comes up, a screenshot is
# blank (uniform), or a click changed nothing (two consecutive screens give the same image).
# Closes the app through WM_DELETE_WINDOW at the end (killing it if that does not work).
#
# Builds nothing itself:
#   tools/smoke.sh [BINARY] [OUT_DIR]      default: target/debug/qunzhu target/smoke
# Needs: xvfb (xvfb-run), xdotool, imagemagick (import, compare, identify, convert); python3 for
# the clean close (optional). CI installs them (.ci/run, SMOKE_PACKAGES).
#
# Tunables (environment): SMOKE_TIMEOUT_S (window wait, default 60), SMOKE_NAV_X / SMOKE_NAV_Y0 /
# SMOKE_NAV_STEP (where the nav buttons are, in window pixels), SMOKE_MIN_STDDEV.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-$REPO/target/debug/qunzhu}"
OUT="${2:-$REPO/target/smoke}"

# The left panel is 132 px wide: a heading, then one 28-px button per screen, 34 px apart
# (28 + egui's item spacing), the first centred 62 px below the window's top.
NAV_X="${SMOKE_NAV_X:-60}"
NAV_Y0="${SMOKE_NAV_Y0:-62}"
NAV_STEP="${SMOKE_NAV_STEP:-34}"
NAV_WIDTH=132
SCREENS=(customers import content koc health followups settings)
LABELS=(客户 导入 内容日历 KOC 社群健康 跟进 设置)
TIMEOUT_S="${SMOKE_TIMEOUT_S:-60}"
# A screenshot whose standard deviation (0..1, over all channels) is below this is blank.
MIN_STDDEV="${SMOKE_MIN_STDDEV:-0.02}"
# Consecutive screens must differ in more than this many pixels.
MIN_CHANGED_PIXELS=200

die() {
    echo "smoke: FAIL: $*" >&2
    exit 1
}

# ------------------------------------------------------------------------------------------
# Outside the X server: check the tools, make the demo database, then run the scenario below
# inside one xvfb-run.
# ------------------------------------------------------------------------------------------
if [[ -z "${QUNZHU_SMOKE_INNER:-}" ]]; then
    for tool in xvfb-run xdotool import compare identify convert; do
        command -v "$tool" >/dev/null 2>&1 ||
            die "$tool not found (Debian: apt-get install xvfb xdotool imagemagick)"
    done
    [[ -x "$BIN" ]] || die "no binary at $BIN (build it first: cargo build)"
    BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
    mkdir -p "$OUT"
    OUT="$(cd "$OUT" && pwd)"
    rm -rf "${OUT:?}/data" "${OUT:?}/home" "${OUT:?}"/*.png "${OUT:?}/app.log"
    mkdir -p "$OUT/data" "$OUT/home"
    "$BIN" demo --db "$OUT/data/demo.db" --customers 500 >"$OUT/demo.json" ||
        die "qunzhu demo failed"
    echo "smoke: demo database $OUT/data/demo.db: $(cat "$OUT/demo.json")"
    export QUNZHU_SMOKE_INNER=1
    exec xvfb-run -a -s '-screen 0 1400x900x24' bash "${BASH_SOURCE[0]}" "$BIN" "$OUT"
fi

# ------------------------------------------------------------------------------------------
# Inside the X server.
# ------------------------------------------------------------------------------------------
APP_PID=""
cleanup() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

app_log_tail() {
    echo "---- last lines of $OUT/app.log ----" >&2
    tail -n 20 "$OUT/app.log" >&2 || true
}

# The window never came up: every screen failed.
no_window() {
    app_log_tail
    echo "smoke: FAIL: $*" >&2
    echo "smoke: 0 passed, ${#SCREENS[@]} failed"
    exit 1
}

# stddev of a PNG, optionally of a crop (WxH+X+Y).
stddev() {
    local file=$1 crop=${2:-}
    if [[ -n "$crop" ]]; then
        convert "$file" -crop "$crop" +repage -format '%[fx:standard_deviation]' info:
    else
        identify -format '%[fx:standard_deviation]' "$file"
    fi
}

# How many pixels differ between two images of the same size.
changed_pixels() {
    local n
    n=$(compare -metric AE "$1" "$2" null: 2>&1 >/dev/null || true)
    printf '%.0f\n' "${n%% *}"
}

below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

shot() {
    import -window root "$1"
}

# xvfb-run starts the client once the server says it is ready, but on a loaded machine the first
# connection has still been refused ("Failed to open connection to X server", seen in CI): wait
# until the server answers.
start=$SECONDS
until xdotool getdisplaygeometry >/dev/null 2>&1; do
    (( SECONDS - start < 20 )) || no_window "the X server on $DISPLAY did not answer within 20 s"
    sleep 0.25
done

# Chinese by default: the app reads the OS locale (sys-locale looks at LC_ALL, LC_MESSAGES, LANG).
# A private data folder, so no remembered screen or language from another run gets in the way.
env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN \
    HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/share" XDG_CONFIG_HOME="$OUT/home/config" \
    XDG_CACHE_HOME="$OUT/home/cache" \
    "$BIN" --db "$OUT/data/demo.db" >"$OUT/app.log" 2>&1 &
APP_PID=$!

# Wait for the window: by the app's pid, else by its class (the Chinese title cannot be searched,
# and `--class ""` also matches a window Xvfb has before any client).
WIN=""
start=$SECONDS
while (( SECONDS - start < TIMEOUT_S )); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        no_window "the app exited before its window came up"
    fi
    WIN=$(xdotool search --onlyvisible --pid "$APP_PID" 2>/dev/null | head -n 1 || true)
    [[ -n "$WIN" ]] ||
        WIN=$(xdotool search --onlyvisible --class qunzhu 2>/dev/null | head -n 1 || true)
    [[ -n "$WIN" ]] && break
    sleep 0.25
done
if [[ -z "$WIN" ]]; then
    no_window "no window within ${TIMEOUT_S}s"
fi
eval "$(xdotool getwindowgeometry --shell "$WIN")" # X Y WIDTH HEIGHT
WIN_X=$X WIN_Y=$Y WIN_W=$WIDTH WIN_H=$HEIGHT
# The screen's own area, right of the navigation panel.
CENTRAL="$((WIN_W - NAV_WIDTH - 8))x$((WIN_H - 16))+$((WIN_X + NAV_WIDTH + 4))+$((WIN_Y + 8))"

# Wait for a first painted frame (the window is black until then).
previous="$OUT/00-start.png"
while true; do
    shot "$previous"
    sd=$(stddev "$previous")
    below "$sd" "$MIN_STDDEV" || break
    if (( SECONDS - start >= TIMEOUT_S )); then
        no_window "the window stayed blank for ${TIMEOUT_S}s (stddev $sd)"
    fi
    sleep 0.5
done
echo "smoke: window $WIN (${WIN_W}x${WIN_H} at $WIN_X,$WIN_Y) painted after $((SECONDS - start))s"

passed=0
failed=0
for i in "${!SCREENS[@]}"; do
    name=${SCREENS[$i]}
    file="$OUT/$(printf '%02d' $((i + 1)))-$name.png"
    x=$((WIN_X + NAV_X))
    y=$((WIN_Y + NAV_Y0 + i * NAV_STEP))
    xdotool mousemove "$x" "$y" click 1
    # Wait until the image changes (the first entry is the screen already shown), then settle.
    changed=0
    deadline=$((SECONDS + 15))
    while (( SECONDS < deadline )); do
        sleep 0.3
        shot "$file"
        changed=$(changed_pixels "$previous" "$file")
        if (( i == 0 || changed > MIN_CHANGED_PIXELS )); then
            break
        fi
    done
    sleep 0.7
    shot "$file"
    changed=$(changed_pixels "$previous" "$file")
    sd=$(stddev "$file")
    sd_screen=$(stddev "$file" "$CENTRAL")
    problem=""
    if below "$sd" "$MIN_STDDEV" || below "$sd_screen" "$(awk -v m="$MIN_STDDEV" 'BEGIN { print m / 2 }')"; then
        problem="blank screenshot (stddev $sd, screen area $sd_screen)"
    elif (( i > 0 && changed <= MIN_CHANGED_PIXELS )); then
        problem="the click at $x,$y changed nothing ($changed pixels differ from the previous screen)"
    elif ! kill -0 "$APP_PID" 2>/dev/null; then
        problem="the app is gone"
    fi
    if [[ -z "$problem" ]]; then
        passed=$((passed + 1))
        printf 'smoke: ok   %d/%d %-9s %-4s stddev %s, %s px changed  %s\n' \
            $((i + 1)) "${#SCREENS[@]}" "$name" "${LABELS[$i]}" "$sd" "$changed" "$file"
    else
        failed=$((failed + 1))
        printf 'smoke: FAIL %d/%d %-9s %-4s %s  %s\n' \
            $((i + 1)) "${#SCREENS[@]}" "$name" "${LABELS[$i]}" "$problem" "$file"
    fi
    previous=$file
done

# Close the window the way a window manager would (WM_DELETE_WINDOW), so the app saves and exits
# 0. There is no window manager and no xdotool command for it, so python3 talks to Xlib.
closed=""
if command -v python3 >/dev/null 2>&1 && kill -0 "$APP_PID" 2>/dev/null; then
    python3 - "$WIN" <<'PY' || true
import ctypes, sys
x11 = ctypes.CDLL("libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XInternAtom.restype = ctypes.c_ulong
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                ("data", ctypes.c_long * 5)]
class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]
x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                           ctypes.POINTER(XEvent)]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
display = x11.XOpenDisplay(None)
if not display:
    sys.exit("cannot open the display")
window = int(sys.argv[1])
event = XEvent()
event.xclient.type = 33  # ClientMessage
event.xclient.window = window
event.xclient.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
event.xclient.format = 32
event.xclient.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
x11.XSendEvent(display, window, 0, 0, ctypes.byref(event))
x11.XFlush(display)
x11.XCloseDisplay(display)
PY
    for _ in $(seq 1 40); do
        kill -0 "$APP_PID" 2>/dev/null || break
        sleep 0.25
    done
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        status=0
        wait "$APP_PID" || status=$?
        APP_PID=""
        closed="closed through WM_DELETE_WINDOW, exit $status"
        if [[ -f "$OUT/home/share/qunzhu/app.ron" ]]; then
            closed="$closed, settings saved"
        fi
        if [[ $status -ne 0 ]]; then
            app_log_tail
            failed=$((failed + 1))
            echo "smoke: FAIL the app exited with $status when its window was closed"
        fi
    fi
fi
if [[ -z "$closed" ]]; then
    cleanup
    APP_PID=""
    closed="killed"
fi
echo "smoke: app $closed; screenshots in $OUT"
echo "smoke: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
