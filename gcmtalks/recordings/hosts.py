"""Where a recording lives, read from its address, and the player address of hosts whose
videos can be embedded (the CSP's frame-src names exactly these two players)."""

import re
from urllib.parse import parse_qs, urlsplit

UN_WEB_TV = "un_web_tv"
YOUTUBE = "youtube"
VIMEO = "vimeo"
OTHER = "other"

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/"
VIMEO_PLAYER = "https://player.vimeo.com/video/"

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_PATHS = re.compile(r"/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{11})(?:[/?#]|$)")
VIMEO_PATH = re.compile(
    r"/(?:video/|channels/[^/]+/|groups/[^/]+/videos/)?(\d+)(?:/([0-9a-f]+))?/?$"
)


def hostname(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def on(name: str, domain: str) -> bool:
    return name == domain or name.endswith("." + domain)


def host_of(url: str) -> str:
    name = hostname(url)
    if on(name, "webtv.un.org"):
        return UN_WEB_TV
    if on(name, "youtube.com") or on(name, "youtu.be") or on(name, "youtube-nocookie.com"):
        return YOUTUBE
    if on(name, "vimeo.com"):
        return VIMEO
    return OTHER


def youtube_id(url: str) -> str:
    parts = urlsplit(url)
    if on(hostname(url), "youtu.be"):
        candidate = parts.path.strip("/").split("/")[0]
        return candidate if YOUTUBE_ID.fullmatch(candidate) else ""
    found = YOUTUBE_PATHS.match(parts.path)
    if found:
        return found.group(1)
    if parts.path.rstrip("/") == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
        return candidate if YOUTUBE_ID.fullmatch(candidate) else ""
    return ""


def embed_url(url: str) -> str:
    """The player address for an embeddable video, or "" (UN Web TV, other hosts, and
    addresses that name no single video are shown as links only)."""
    host = host_of(url)
    if host == YOUTUBE:
        video = youtube_id(url)
        return YOUTUBE_PLAYER + video if video else ""
    if host == VIMEO:
        found = VIMEO_PATH.match(urlsplit(url).path)
        if not found:
            return ""
        video, unlisted_hash = found.groups()
        # dnt: Vimeo's player sets no tracking cookies; h: the hash of an unlisted video.
        return f"{VIMEO_PLAYER}{video}?dnt=1" + (f"&h={unlisted_hash}" if unlisted_hash else "")
    return ""
