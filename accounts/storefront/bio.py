"""Expert bios: the source is plain text or simple Markdown; the HTML shown on pages is
rendered once when the bio is saved and sanitised with nh3 (an allowlist, so any HTML
an expert types is stripped, and links cannot run script)."""

import html

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
LINK_REL = "nofollow noopener noreferrer ugc"


def bio_render(source: str) -> str:
    """Markdown source → safe HTML fragment ("" for an empty bio)."""
    if not source.strip():
        return ""
    rendered = markdown.markdown(source, extensions=["sane_lists", "nl2br"], output_format="html")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel=LINK_REL,
    )


def bio_plain_summary(source: str, limit: int = 160) -> str:
    """A plain-text excerpt (meta descriptions, cards): tags stripped, spaces collapsed."""
    text = " ".join(html.unescape(nh3.clean(bio_render(source), tags=set())).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
