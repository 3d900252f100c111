"""The count of generated inputs the fuzz suite sent (GCM Talks issue 9: at least 10,000)."""

import os

REQUIRED = 10_000

sent = {"inputs": 0}


def examples(default: int) -> int:
    """Inputs per form or operation; FUZZ_EXAMPLES lowers it for a quick local look (the
    session then fails the 10,000 check, on purpose)."""
    return int(os.environ.get("FUZZ_EXAMPLES", default))


def count():
    sent["inputs"] += 1
