#!/usr/bin/env bash
# Build assets/fonts/NotoSansSC-subset.otf: Noto Sans CJK SC (OFL-1.1) subset to
# GB2312 + common punctuation/symbol blocks + a few modern name characters.
#
# Needs: Debian package fonts-noto-cjk, and `pip install fonttools`.
# Usage: tools/make_font.sh            (run from anywhere; writes into the repo)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
FACE=2   # face 2 of NotoSansCJK-Regular.ttc is "Noto Sans CJK SC" (checked below)
OUT="$REPO/assets/fonts/NotoSansSC-subset.otf"
MAX_BYTES=3000000   # keep the bundled font at or under 3 MB

# Unicode blocks kept in full, on top of GB2312.
UNICODES="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+FF00-FFEF"
# Characters common in modern names, kept even when outside GB2312.
EXTRA_CHARS="昇𠮷䶮堃喆燊珺玥昕琪婧彧赟犇"

if [[ ! -f "$SRC" ]]; then
    echo "error: $SRC not found (apt-get install -y fonts-noto-cjk)" >&2
    exit 1
fi
command -v pyftsubset >/dev/null || { echo "error: pyftsubset missing (pip install fonttools)" >&2; exit 1; }

# List every face so a change in the collection's order is caught, then insist face $FACE is SC.
python3 - "$SRC" "$FACE" <<'PY'
import sys
from fontTools.ttLib import TTCollection
src, face = sys.argv[1], int(sys.argv[2])
fonts = TTCollection(src, lazy=True).fonts
for i, f in enumerate(fonts):
    print(f"  face {i}: {f['name'].getDebugName(1)}")
name = fonts[face]["name"].getDebugName(1)
if name != "Noto Sans CJK SC":
    sys.exit(f"error: face {face} is {name!r}, expected 'Noto Sans CJK SC'")
print(f"using face {face}: {name}")
PY

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
CHARS="$TMP/chars.txt"

# Every character GB2312 defines: two-byte codes 0xA1A1-0xF7FE, decoded with Python's gb2312 codec.
python3 - "$CHARS" "$EXTRA_CHARS" <<'PY'
import sys
out, extra = sys.argv[1], sys.argv[2]
chars = []
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.append(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
print(f"GB2312 characters: {len(chars)}")
chars.extend(extra)
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(chars))
PY

mkdir -p "$(dirname "$OUT")"
# Default layout features are kept (kern, palt, vert, ...) except `locl`: in this face it maps
# characters to their Japanese/Korean/Traditional forms, which pulls ~5,800 extra glyphs into the
# closure (14,107 vs 8,296 glyphs; 3.01 MB vs 1.74 MB). egui does not shape text by language,
# so those glyphs could never be shown.
pyftsubset "$SRC" \
    --font-number="$FACE" \
    --text-file="$CHARS" \
    --unicodes="$UNICODES" \
    --name-IDs='*' \
    --no-hinting \
    --layout-features-='locl' \
    --output-file="$OUT"

# Report what the font source lacks among the explicit extras, and check the size.
python3 - "$OUT" "$EXTRA_CHARS" <<'PY'
import sys
from fontTools.ttLib import TTFont
out, extra = sys.argv[1], sys.argv[2]
cmap = TTFont(out).getBestCmap()
missing = [c for c in extra if ord(c) not in cmap]
print(f"glyph-mapped code points: {len(cmap)}")
if missing:
    print("note: not in Noto Sans CJK SC, left to system-font fallback: "
          + " ".join(f"{c} (U+{ord(c):04X})" for c in missing))
PY

SIZE=$(stat -c %s "$OUT")
echo "wrote $OUT ($SIZE bytes)"
if (( SIZE > MAX_BYTES )); then
    echo "error: font is larger than $MAX_BYTES bytes" >&2
    exit 1
fi
