import json
import urllib.error
import urllib.request


def post_json(url, payload) -> int:
    """POST JSON to a server of ours on loopback; the status code, errors included."""
    request = urllib.request.Request(
        url, json.dumps(payload).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
