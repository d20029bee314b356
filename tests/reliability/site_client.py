"""A reader and a bot, as HTTP clients of a running server.

The comment form is found in the page and filled in as a browser would: its
hidden fields (signed timestamp, honeypot) are sent back as the
page gave them, so the test keeps working as the form grows.
"""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

from .servers import Reply, request


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class FormParser(HTMLParser):
    """Collect every <form> with the default values of its named fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = Form(attrs.get("action", ""), attrs.get("method", "get"))
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs:
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "image"}:
                self._form.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form.fields[self._textarea] = ""
        elif tag == "select":
            self._form.fields[attrs["name"]] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None


def forms_in(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def comment_form(port: int, slug: str, headers=None) -> Form:
    """Open the text's page and return its comment form."""
    page = request(port, "GET", f"/announcements/{slug}/", headers=headers)
    assert page.status == 200, (page.status, page.text[:300])
    return next(f for f in forms_in(page.text) if "/comments/" in f.action)


def post_form_comment(
    port: int, slug: str, *, name: str, email: str, body: str, headers=None
) -> Reply:
    """Fill in the page's comment form and send it, as a reader's browser does."""
    form = comment_form(port, slug, headers=headers)
    data = {**form.fields, "name": name, "email": email, "comment": body}
    action = form.action.split("#", 1)[0]
    return request(
        port,
        "POST",
        action,
        body=urlencode(data).encode(),
        headers={
            **(headers or {}),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )


def post_api_comment(
    port: int, slug: str, *, name: str, email: str, body: str, headers=None
) -> Reply:
    payload = {"author_name": name, "author_email": email, "body": body}
    return request(
        port,
        "POST",
        f"/api/v1/announcements/{slug}/comments/",
        body=json.dumps(payload).encode(),
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


FORM_ACCEPTED = {302}
API_ACCEPTED = {201}
