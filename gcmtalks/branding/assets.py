"""The files static/branding/ keeps, written from tokens.py and logo.py by
`manage.py branding_assets`."""

import io
from pathlib import Path

from PIL import Image, ImageChops

from . import logo, tokens

STATIC = Path(__file__).resolve().parent / "static" / "branding"
LOGO_PNG_SIZES = (256, 1024)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def texts() -> dict[str, str]:
    return {"tokens.css": tokens.css(), "gcm-talks-logo.svg": logo.svg()}


def images() -> dict[str, Image.Image]:
    return {f"gcm-talks-logo-{size}.png": logo.draw(size) for size in LOGO_PNG_SIZES}


def write(folder: Path | None = None) -> list[str]:
    """Write the files that are out of date; return their names."""
    folder = folder or STATIC
    changed = stale(folder)
    contents = {**texts(), **images()}
    for name in changed:
        content = contents[name]
        if isinstance(content, str):
            (folder / name).write_text(content, encoding="utf-8")
        else:
            (folder / name).write_bytes(png(content))
    return changed


def same_image(path: Path, image: Image.Image, tolerance: int = 2) -> bool:
    """Whether the file shows `image` (PNG encoders and resampling may differ by a unit
    between Pillow versions; that is no change)."""
    with Image.open(path) as saved:
        saved = saved.convert(image.mode)
        if saved.size != image.size:
            return False
        extrema = ImageChops.difference(saved, image).getextrema()
    return all(high <= tolerance for _low, high in extrema)


def stale(folder: Path | None = None) -> list[str]:
    """The files that differ from what `write` would write."""
    folder = folder or STATIC
    names = []
    for name, text in texts().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            names.append(name)
    for name, image in images().items():
        path = folder / name
        if not path.is_file() or not same_image(path, image):
            names.append(name)
    return names
