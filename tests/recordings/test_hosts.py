"""Where a recording lives, read from its link, and the player of embeddable hosts."""

import pytest

from gcmtalks.recordings.hosts import embed_url, host_of

VIDEO = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "host", "embed"),
    [
        (f"https://www.youtube.com/watch?v={VIDEO}", "youtube", VIDEO),
        (f"https://www.youtube.com/watch?feature=share&v={VIDEO}&t=42", "youtube", VIDEO),
        (f"https://m.youtube.com/watch?v={VIDEO}", "youtube", VIDEO),
        (f"https://youtube.com/shorts/{VIDEO}", "youtube", VIDEO),
        (f"https://youtu.be/{VIDEO}?t=10", "youtube", VIDEO),
        (f"https://www.youtube.com/live/{VIDEO}", "youtube", VIDEO),
        (f"https://www.youtube.com/embed/{VIDEO}", "youtube", VIDEO),
    ],
)
def test_host_youtube_links_play_from_the_privacy_enhanced_player(url, host, embed):
    assert host_of(url) == host
    assert embed_url(url) == f"https://www.youtube-nocookie.com/embed/{embed}"


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://vimeo.com/channels/staffpicks/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://vimeo.com/76979871/a1b2c3d4e5", "https://player.vimeo.com/video/76979871?dnt=1&h=a1b2c3d4e5"),
    ],
)  # fmt: skip
def test_host_vimeo_links_play_from_vimeos_player(url, player):
    assert host_of(url) == "vimeo"
    assert embed_url(url) == player


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://webtv.un.org/en/asset/k1x/k1xyz123", "un_web_tv"),
        ("https://media.un.org/en/asset/k1x/k1xyz123", "other"),
        ("https://example.org/videos/gcm-talk.mp4", "other"),
        ("https://notyoutube.com/watch?v=dQw4w9WgXcQ", "other"),
        ("https://youtube.com.example.org/watch?v=dQw4w9WgXcQ", "other"),
    ],
)
def test_host_others_are_links_only(url, host):
    assert host_of(url) == host
    assert embed_url(url) == ""


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/@UNMigration",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/playlist?list=PL123",
        "https://vimeo.com/unmigration",
    ],
)
def test_host_link_naming_no_single_video_is_not_embedded(url):
    assert host_of(url) in ("youtube", "vimeo")
    assert embed_url(url) == ""
