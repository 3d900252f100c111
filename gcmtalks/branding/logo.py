"""The GCM Talks logo, described once: written as SVG and drawn with Pillow (for the PNG
downloads and the social-media cards), in the colours of the tokens.

The shapes are those of core/static/img/logo.svg (a test compares them): a globe in UN blue
on a white disc, with the orange line of progress across it. Units are the SVG's 40 × 40.
"""

from functools import cache

from PIL import Image, ImageDraw

from . import tokens

VIEWBOX = 40
DISC = (20, 20, 19)  # cx, cy, r: the white disc
RING = (20, 20, 15, 2)  # cx, cy, r, stroke width
# (start, controls, end) of the globe's lines: the equator (straight) and two meridians.
EQUATOR = ((5, 20), (35, 20))
MERIDIANS = (
    ((20, 5), (14, 12), (14, 28), (20, 35)),
    ((20, 5), (26, 12), (26, 28), (20, 35)),
)
GLOBE_STROKE = 2
PROGRESS = ((11, 27), (17, 23), (22, 26), (29, 19))
PROGRESS_STROKE = 2.5
SUPERSAMPLE = 4


def path_d() -> tuple[str, str]:
    """The two SVG paths: the globe's lines, and the line of progress."""
    (x0, y0), (x1, _y1) = EQUATOR
    globe = f"M{x0} {y0}h{x1 - x0}"
    for start, first, second, end in MERIDIANS:
        sx, sy = start
        rel = [(x - sx, y - sy) for x, y in (first, second, end)]
        globe += f"M{sx} {sy}c" + " ".join(f"{x} {y}" for x, y in rel).replace(" -", "-")
    (px, py), *rest = PROGRESS
    progress, last = f"M{px} {py}l", (px, py)
    steps = []
    for x, y in rest:
        steps.append(f"{x - last[0]} {y - last[1]}")
        last = (x, y)
    progress += " ".join(steps).replace(" -", "-")
    return globe, progress


def svg(title: str = "GCM Talks") -> str:
    """The logo as a standalone SVG file (with its name, for those who download it)."""
    globe, progress = path_d()
    cx, cy, r = DISC
    rx, ry, rr, rw = RING
    brand, accent, paper = tokens.colour("brand"), tokens.colour("accent"), tokens.colour("paper")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEWBOX} {VIEWBOX}" '
        f'width="400" height="400" role="img" aria-labelledby="title">'
        f'<title id="title">{title}</title>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{paper}"/>'
        f'<circle cx="{rx}" cy="{ry}" r="{rr}" fill="none" stroke="{brand}" stroke-width="{rw}"/>'
        f'<path d="{globe}" fill="none" stroke="{brand}" stroke-width="{GLOBE_STROKE}"/>'
        f'<path d="{progress}" fill="none" stroke="{accent}" stroke-width="{PROGRESS_STROKE}" '
        f'stroke-linecap="round"/></svg>\n'
    )


def bezier(start, first, second, end, steps=48):
    points = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
        points.append(
            (
                a * start[0] + b * first[0] + c * second[0] + d * end[0],
                a * start[1] + b * first[1] + c * second[1] + d * end[1],
            )
        )
    return points


@cache
def draw(size: int) -> Image.Image:
    """The logo as a `size` × `size` RGBA image, transparent around the disc. Drawn four times
    larger, then scaled down, so its edges are smooth."""
    big = size * SUPERSAMPLE
    scale = big / VIEWBOX
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def at(point):
        return (point[0] * scale, point[1] * scale)

    def circle(cx, cy, r):
        return [(cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale]

    brand, accent = tokens.rgb("brand"), tokens.rgb("accent")
    pen.ellipse(circle(*DISC), fill=tokens.rgb("paper"))
    cx, cy, r, width = RING
    # SVG strokes straddle the circle; Pillow draws its outline inside the box.
    pen.ellipse(circle(cx, cy, r + width / 2), outline=brand, width=round(width * scale))
    pen.line([at(p) for p in EQUATOR], fill=brand, width=round(GLOBE_STROKE * scale))
    for curve in MERIDIANS:
        points = [at(p) for p in bezier(*curve)]
        pen.line(points, fill=brand, width=round(GLOBE_STROKE * scale), joint="curve")
    stroke = PROGRESS_STROKE * scale
    pen.line([at(p) for p in PROGRESS], fill=accent, width=round(stroke), joint="curve")
    for end in (PROGRESS[0], PROGRESS[-1]):  # round caps
        x, y = at(end)
        pen.ellipse([x - stroke / 2, y - stroke / 2, x + stroke / 2, y + stroke / 2], fill=accent)
    return image.resize((size, size), Image.Resampling.LANCZOS)
