#!/usr/bin/env python3
"""Draw the Qunzhu app icon: a white "群" on a rounded teal square.

Writes assets/icons/qunzhu.png (512), qunzhu-256.png, qunzhu-32.png, qunzhu.ico (16-256)
and qunzhu.icns. The glyph comes from the bundled subset font, so build that first
(tools/make_font.sh). Needs Pillow: `pip install pillow`.

Usage: python3 tools/make_icons.py
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parent.parent
FONT = REPO / "assets" / "fonts" / "NotoSansSC-subset.otf"
OUT = REPO / "assets" / "icons"

TOP = (46, 184, 158)  # warm teal
BOTTOM = (22, 128, 112)  # deeper teal-green
GLYPH = "群"
SS = 4  # supersampling factor for smooth edges


def render(size: int, weight: float = 0.008) -> Image.Image:
    """Render the icon at `size` px. `weight` is the extra stroke added to the glyph,
    as a fraction of the size (small icons get a heavier one so the character survives)."""
    big = size * SS
    margin = round(big * 0.06)
    radius = round(big * 0.22)

    # Vertical gradient, clipped to a rounded square.
    grad = Image.new("RGB", (1, big))
    for y in range(big):
        t = y / (big - 1)
        grad.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM)))
    grad = grad.resize((big, big))
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (margin, margin, big - margin - 1, big - margin - 1), radius=radius, fill=255
    )
    icon = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    icon.paste(grad, (0, 0), mask)

    # A soft light band at the top for a little depth.
    shine = Image.new("L", (big, big), 0)
    ImageDraw.Draw(shine).ellipse(
        (-big * 0.3, -big * 0.75, big * 1.3, big * 0.42), fill=22
    )
    shine = shine.filter(ImageFilter.GaussianBlur(big * 0.04))
    shine = Image.composite(shine, Image.new("L", (big, big), 0), mask)
    icon = Image.composite(Image.new("RGBA", (big, big), (255, 255, 255, 255)), icon, shine)
    icon.putalpha(mask)

    # The glyph, centred on its ink box, in white with a faint shadow.
    inner = big - 2 * margin
    font = ImageFont.truetype(str(FONT), round(inner * 0.62))
    stroke = max(1, round(big * weight))
    x0, y0, x1, y1 = font.getbbox(GLYPH, stroke_width=stroke)
    pos = ((big - (x1 - x0)) / 2 - x0, (big - (y1 - y0)) / 2 - y0)

    shadow = Image.new("L", (big, big), 0)
    ImageDraw.Draw(shadow).text(
        (pos[0], pos[1] + big * 0.012), GLYPH, font=font, fill=70,
        stroke_width=stroke, stroke_fill=70,
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(big * 0.012))
    icon = Image.composite(Image.new("RGBA", (big, big), (0, 60, 50, 255)), icon,
                           Image.composite(shadow, Image.new("L", (big, big), 0), mask))
    icon.putalpha(mask)

    ImageDraw.Draw(icon).text(
        pos, GLYPH, font=font, fill=(255, 255, 255, 255),
        stroke_width=stroke, stroke_fill=(255, 255, 255, 255),
    )
    return icon.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # Heavier strokes at small sizes, where thin strokes blur into the background.
    weights = {16: 0.03, 24: 0.026, 32: 0.022, 48: 0.016, 64: 0.013}
    sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
    img = {s: render(s, weights.get(s, 0.008)) for s in sizes}

    img[512].save(OUT / "qunzhu.png", optimize=True)
    img[256].save(OUT / "qunzhu-256.png", optimize=True)
    img[32].save(OUT / "qunzhu-32.png", optimize=True)

    ico_sizes = [16, 24, 32, 48, 64, 128, 256]
    img[256].save(
        OUT / "qunzhu.ico",
        sizes=[(s, s) for s in ico_sizes],
        append_images=[img[s] for s in ico_sizes if s != 256],
    )
    img[1024].save(
        OUT / "qunzhu.icns",
        append_images=[img[s] for s in (16, 32, 64, 128, 256, 512)],
    )
    for f in sorted(OUT.iterdir()):
        print(f"{f.relative_to(REPO)}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
