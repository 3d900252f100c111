"""What every account page must be: in our layout, labelled, and within the strict CSP."""

from html.parser import HTMLParser


class PageCheck(HTMLParser):
    def __init__(self):
        super().__init__()
        self.labels, self.controls, self.problems = set(), [], []
        self.in_script, self.layout = False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.problems.append(f"inline style or handler on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.problems.append("inline script")
        if tag == "img" and attrs.get("src", "").startswith("data:"):
            self.problems.append("data: image")
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id") or attrs.get("name") or tag)
        if tag == "a" and attrs.get("class") == "skip-link":
            self.layout = True  # our base.html


def check_page(response) -> None:
    """Our layout, no inline script or style, a visible label for every control."""
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    page = PageCheck()
    page.feed(response.content.decode())
    assert page.layout, "not in the site's layout"
    assert not page.problems, page.problems
    unlabelled = [c for c in page.controls if c not in page.labels]
    assert not unlabelled, f"controls without a label: {unlabelled}"
