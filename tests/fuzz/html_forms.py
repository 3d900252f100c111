"""The fields of a form as the browser sees them on the page: names, types and the values
offered by selects, radios and checkboxes. Fuzzing from the rendered page posts what a real
browser could, plus what it never would."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, email, number, date, hidden…
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    value: str = ""


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "option" and self.select is not None:
            self.select.options.append(a.get("value", ""))
        elif tag == "form":
            self.form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self.form)
        elif self.form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            known = self.form.fields.get(a["name"])
            if kind in ("checkbox", "radio"):
                known = known or self.form.fields.setdefault(
                    a["name"], Field(a["name"], kind, multiple=kind == "checkbox")
                )
                known.options.append(a.get("value", "on"))
            else:
                self.form.fields[a["name"]] = Field(a["name"], kind, value=a.get("value", ""))
        elif tag == "textarea":
            self.form.fields[a["name"]] = Field(a["name"], "textarea")
        elif tag == "select":
            self.select = Field(a["name"], "select", multiple="multiple" in a)
            self.form.fields[a["name"]] = self.select

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def form_on(html: str, action: str, method: str = "post") -> Form:
    """The form on the page that sends to `action` (or has no action: to the page itself)."""
    parser = FormParser()
    parser.feed(html)
    forms = [f for f in parser.forms if f.method == method and f.fields]
    for form in forms:
        if form.action == action:
            return form
    for form in forms:
        if form.action == "":
            return form
    raise LookupError(f"no {method} form to {action!r} on the page")
