from accounts.storefront.bio import bio_plain_summary, bio_render


def test_markdown_becomes_html():
    html = bio_render("I help with **visas**.\n\n- interviews\n- documents")
    assert "<strong>visas</strong>" in html
    assert "<li>interviews</li>" in html


def test_script_and_event_handlers_never_survive():
    html = bio_render('<script>alert(1)</script><img src=x onerror="alert(2)"> <b onclick="x()">hi</b>')
    assert "<script" not in html and "alert" not in html
    assert "onerror" not in html and "onclick" not in html and "<img" not in html


def test_javascript_links_lose_their_target_and_links_get_a_safe_rel():
    html = bio_render("[bad](javascript:alert(1)) [good](https://example.com)")
    assert "javascript:" not in html
    assert 'href="https://example.com"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html


def test_an_empty_bio_renders_nothing():
    assert bio_render("  \n ") == ""


def test_the_summary_is_plain_text_cut_at_a_word():
    summary = bio_plain_summary("**Ten** years & counting. " + "word " * 60, limit=40)
    assert summary.startswith("Ten years & counting.")
    assert summary.endswith("…") and len(summary) <= 40 and "<" not in summary
