"""Article HTML becomes clean text blocks: structure kept, links numbered, everything else gone."""

from __future__ import annotations

import pytest

from wirereader.content import Document, html_to_document
from wirereader.content.blocks import (
    Block,
    Figure,
    Heading,
    Inline,
    LinkRef,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
)

BASE = "https://news.example/world/story.html"


def blocks(html: str, base_url: str | None = None) -> tuple[Block, ...]:
    return html_to_document(html, base_url=base_url).blocks


def para(text: str) -> Paragraph:
    return Paragraph(Inline(text))


def items(*texts: str) -> tuple[Inline, ...]:
    return tuple(Inline(text) for text in texts)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("<p>One.</p><p>Two.</p>", (para("One."), para("Two.")), id="paragraphs"),
        pytest.param("Loose <b>text</b> here", (para("Loose text here"),), id="bare-inline-text"),
        pytest.param(
            "<div>a<div>b</div>c</div><section>d</section><article>e</article>",
            tuple(para(t) for t in "abcde"),
            id="div-section-article-split",
        ),
        pytest.param("<p>one<br>two<br/>three</p>", (para("one\ntwo\nthree"),), id="br-newline"),
        pytest.param("<p>a<br><br><br><br>b</p>", (para("a\n\nb"),), id="br-run-capped"),
        pytest.param("<p><br>a<br></p>", (para("a"),), id="br-at-edges-trimmed"),
        pytest.param("before<hr>after", (para("before"), para("after")), id="hr-ends-paragraph"),
        pytest.param(
            "<h1>Title</h1><h3>Sub <i>head</i></h3>",
            (Heading(1, Inline("Title")), Heading(3, Inline("Sub head"))),
            id="headings",
        ),
        pytest.param(
            "<blockquote><p>First.</p><p>Second.</p></blockquote>",
            (Quote(items("First.", "Second.")),),
            id="blockquote",
        ),
        pytest.param(
            "<blockquote>Said <b>this</b>.</blockquote>",
            (Quote(items("Said this.")),),
            id="blockquote-bare-text",
        ),
        pytest.param(
            "<blockquote><h2>Q</h2><p>r</p></blockquote>",
            (Quote(items("Q", "r")),),
            id="heading-in-quote-is-quote-prose",
        ),
        pytest.param(
            "<pre>\n  def f():\n\treturn 1 &lt; 2\n\n</pre>",
            (Preformatted("  def f():\n\treturn 1 < 2"),),
            id="pre-keeps-whitespace",
        ),
        pytest.param(
            "<pre><code>a  <b>b</b><br>c</code></pre>",
            (Preformatted("a  b\nc"),),
            id="pre-ignores-markup",
        ),
        pytest.param("<pre> \n \n</pre>", (), id="empty-pre-dropped"),
        pytest.param(
            "<ul><li>one</li><li>two <em>2</em></li></ul>",
            (ListBlock(False, items("one", "two 2")),),
            id="unordered-list",
        ),
        pytest.param(
            '<ol start="4"><li>four<li>five</ol>',
            (ListBlock(True, items("four", "five"), start=4),),
            id="ordered-list-start",
        ),
        pytest.param(
            '<ol start="x"><li>a</ol><ol start="99999999999999"><li>b</ol>',
            (ListBlock(True, items("a")), ListBlock(True, items("b"))),
            id="bad-start-ignored",
        ),
        pytest.param(
            "<ul><li><p>para one</p><p>para two</p></li></ul>",
            (ListBlock(False, items("para one\npara two")),),
            id="paragraphs-in-item-are-lines",
        ),
        pytest.param("<ul><li> </li><li></li></ul>", (), id="empty-list-dropped"),
        pytest.param(
            "<dl><dt>term</dt><dd>meaning</dd></dl>",
            (para("term"), para("meaning")),
            id="definition-list",
        ),
    ],
)
def test_block_types(html: str, expected: tuple[Block, ...]) -> None:
    assert blocks(html) == expected


def test_nested_lists_follow_their_parent_item() -> None:
    html = (
        "<ol><li>A<ol><li>A1</li><li>A2<ul><li>deep</li></ul></li></ol></li>"
        "<li>B</li><li>C</li></ol>"
    )
    assert blocks(html) == (
        ListBlock(True, items("A"), depth=0, start=1),
        ListBlock(True, items("A1", "A2"), depth=1, start=1),
        ListBlock(False, items("deep"), depth=2),
        ListBlock(True, items("B", "C"), depth=0, start=2),
    )


def test_list_nesting_is_capped() -> None:
    html = "<ul><li>x" * 50 + "</li></ul>" * 50
    found = blocks(html)
    depths = [block.depth for block in found if isinstance(block, ListBlock)]
    assert depths == list(range(8))
    assert sum(len(block.items) for block in found if isinstance(block, ListBlock)) == 50


def test_list_inside_quote_splits_the_quote() -> None:
    html = "<blockquote><p>q</p><ul><li>i</li></ul><p>r</p></blockquote>"
    assert blocks(html) == (
        Quote(items("q")),
        ListBlock(False, items("i")),
        Quote(items("r")),
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            '<img src="/img/a.png" alt="A cat">',
            (Figure("A cat", "https://news.example/img/a.png"),),
            id="img-alt",
        ),
        pytest.param(
            '<img src="a.png" title="Titled">',
            (Figure("Titled", "https://news.example/world/a.png"),),
            id="img-title",
        ),
        pytest.param(
            '<img src="https://x.example/a.png">',
            (Figure("image", "https://x.example/a.png"),),
            id="img-no-alt",
        ),
        pytest.param(
            '<img src="data:image/png;base64,AAAA" alt="inline">',
            (Figure("inline", None),),
            id="data-src-dropped",
        ),
        pytest.param(
            '<figure><img src="https://x.example/m.jpg" alt="alt"><figcaption>The <b>map</b>'
            "</figcaption></figure>",
            (Figure("The map", "https://x.example/m.jpg"),),
            id="figure-caption-wins",
        ),
        pytest.param(
            '<figure><img src="https://x.example/m.jpg" alt="Fallback alt"></figure>',
            (Figure("Fallback alt", "https://x.example/m.jpg"),),
            id="figure-alt-fallback",
        ),
        pytest.param(
            "<figure><figcaption><p>Photo:</p><p>Agency</p></figcaption><img alt=x></figure>",
            (Figure("Photo: Agency", None),),
            id="caption-is-one-line",
        ),
        pytest.param(
            "<figure><blockquote>Q</blockquote><figcaption>Someone</figcaption></figure>",
            (Quote(items("Q")), para("Someone")),
            id="figure-without-image",
        ),
        pytest.param(
            "<p>before<img alt=pic>after</p>",
            (para("before"), Figure("pic", None), para("after")),
            id="img-splits-paragraph",
        ),
        pytest.param(
            '<p>a<img src="https://t.example/p.gif" width="1" height="1">b</p>',
            (para("ab"),),
            id="tracking-pixel-dropped",
        ),
        pytest.param(
            '<p>hi <img class="wp-smiley" alt="🙂" src="https://s.example/e.png"> there</p>',
            (para("hi 🙂 there"),),
            id="emoji-image-stays-inline",
        ),
        pytest.param(
            "<h2>Title <img alt=icon></h2>", (Heading(2, Inline("Title")),), id="img-in-heading"
        ),
    ],
)
def test_images_and_figures(html: str, expected: tuple[Block, ...]) -> None:
    assert blocks(html, base_url=BASE) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            "<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>31</td></tr></table>",
            Table((items("Name", "Age"), items("Ann", "31")), has_header=True),
            id="th-row-header",
        ),
        pytest.param(
            "<table><thead><tr><td>H1<td>H2</thead><tbody><tr><td>1<td>2</tbody></table>",
            Table((items("H1", "H2"), items("1", "2")), has_header=True),
            id="thead-header",
        ),
        pytest.param(
            "<table><tr><th>Key<td>value<tr><td>a<td>b</table>",
            Table((items("Key", "value"), items("a", "b")), has_header=False),
            id="mixed-first-row-no-header",
        ),
        pytest.param(
            "<table><tr><td>a<td><td>c</table>",
            Table((items("a", "", "c"),)),
            id="empty-cell-kept",
        ),
        pytest.param(
            "<table><td>no row tag<td>x</table>",
            Table((items("no row tag", "x"),)),
            id="implicit-row",
        ),
        pytest.param(
            "<table><tr><td>out<table><tr><td>in1<td>in2</table>tail</td></tr></table>",
            Table((items("out\nin1 in2\ntail"),)),
            id="nested-table-flattened",
        ),
        pytest.param(
            "<table><tr><td><p>line one</p><ul><li>x</ul></td></tr></table>",
            Table((items("line one\nx"),)),
            id="blocks-in-cell-are-lines",
        ),
    ],
)
def test_tables(html: str, expected: Table) -> None:
    assert blocks(html) == (expected,)


def test_table_caption_and_empty_table() -> None:
    html = "<table><caption>Results</caption><tr><td>1</td></tr></table><table><tr><td> </table>"
    assert blocks(html) == (para("Results"), Table((items("1"),)))


def test_links_are_numbered_in_order_and_deduplicated() -> None:
    html = (
        '<p>See <a href="https://a.example/1">first</a> and <a href="https://b.example/">'
        'second</a>.</p><p>Again <a href="https://a.example/1">the first</a>.</p>'
    )
    document = html_to_document(html)
    assert document.links == ("https://a.example/1", "https://b.example/")
    assert document.blocks == (
        Paragraph(Inline("See first and second.", (LinkRef(4, 9, 1), LinkRef(14, 20, 2)))),
        Paragraph(Inline("Again the first.", (LinkRef(6, 15, 1),))),
    )


def test_link_range_covers_nested_markup_but_not_edge_spaces() -> None:
    document = html_to_document(
        '<p>go <a href="https://x.example/"> to <b>the</b> site </a>now</p>'
    )
    (block,) = document.blocks
    assert block == Paragraph(Inline("go to the site now", (LinkRef(3, 14, 1),)))


def test_relative_links_resolve_against_base_url() -> None:
    html = '<a href="../about">about</a> <a href="/top">top</a> <a href="//cdn.example/x">cdn</a>'
    assert html_to_document(html, base_url=BASE).links == (
        "https://news.example/about",
        "https://news.example/top",
        "https://cdn.example/x",
    )


def test_relative_links_without_base_keep_only_text() -> None:
    document = html_to_document('<p><a href="/top">top</a> <a href="#note">note</a></p>')
    assert document == Document((para("top note"),), ())


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "ftp://files.example/x",
        "http://[::1",
        "https://",
        "mailto:",
    ],
)
def test_unsafe_link_targets_are_dropped_and_text_kept(href: str) -> None:
    document = html_to_document(f'<p>click <a href="{href}">here</a></p>', base_url=BASE)
    assert document == Document((para("click here"),), ())


def test_mailto_and_http_links_kept() -> None:
    html = '<a href="mailto:desk@news.example">mail</a> <a href="http://old.example/">old</a>'
    assert html_to_document(html).links == ("mailto:desk@news.example", "http://old.example/")


def test_link_targets_lose_controls_and_whitespace() -> None:
    html = '<a href=" https://x.example/a\x1b]52;c;QQ==\x07b\u202e c\n">x</a>'
    assert html_to_document(html).links == ("https://x.example/ab%20c",)


def test_links_in_headings_items_and_cells_are_numbered() -> None:
    html = (
        '<h2><a href="https://h.example/">head</a></h2>'
        '<ul><li><a href="https://i.example/">item</a></li></ul>'
        '<table><tr><td><a href="https://h.example/">cell</a></td></tr></table>'
    )
    document = html_to_document(html)
    assert document.links == ("https://h.example/", "https://i.example/")
    assert document.blocks == (
        Heading(2, Inline("head", (LinkRef(0, 4, 1),))),
        ListBlock(False, (Inline("item", (LinkRef(0, 4, 2),)),)),
        Table(((Inline("cell", (LinkRef(0, 4, 1),)),),)),
    )


def test_link_wrapping_blocks_links_each_block() -> None:
    document = html_to_document('<a href="https://x.example/"><p>one</p><p>two</p></a>')
    assert document.blocks == (
        Paragraph(Inline("one", (LinkRef(0, 3, 1),))),
        Paragraph(Inline("two", (LinkRef(0, 3, 1),))),
    )


def test_link_in_caption_does_not_take_a_number() -> None:
    html = (
        '<figure><img alt=a><figcaption><a href="https://c.example/">credit</a>'
        '</figcaption></figure><p><a href="https://p.example/">p</a></p>'
    )
    assert html_to_document(html).links == ("https://p.example/",)


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert('x')</script>",
        "<script>document.write('</p><p>')</script>",
        "<style>p { color: red }</style>",
        "<noscript><p>Enable JS</p></noscript>",
        "<template><p>hidden</p></template>",
        "<iframe src='https://x.example'>fallback</iframe>",
        "<object data='x'><p>obj</p></object>",
        "<svg><text>vector</text><svg><text>inner</text></svg><text>more</text></svg>",
        "<math><mi>x</mi></math>",
        "<head><title>Page title</title></head>",
        "<form><input value='v'><button>Press</button><select><option>o</option></select>"
        "<textarea><p>typed</p></textarea></form>",
        "<video><source src='v.mp4'>Your browser cannot play this.</video>",
        "<!-- a comment --><!DOCTYPE html><?xml version='1.0'?>",
        "<script>never closed<p>text",
    ],
)
def test_dropped_elements_leave_nothing(html: str) -> None:
    assert blocks(f"<p>before</p>{html}") == (para("before"),)


def test_content_after_dropped_elements_survives() -> None:
    html = (
        "<html><head><title>T</title><style>x</style></head><body><p>kept</p>"
        "<svg><svg></svg><text>s</text></svg><p>also kept</p><script/><p>and this</p></body></html>"
    )
    assert blocks(html) == (para("kept"), para("also kept"), para("and this"))


def test_unclosed_head_ends_at_body() -> None:
    assert blocks("<head><title>T</title><body><p>text</p>") == (para("text"),)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("<p>  a \n\t b  </p>", "a b", id="collapse"),
        pytest.param("<p>a<b>b</b>c <i> d </i> e</p>", "abc d e", id="inline-tags-no-space"),
        pytest.param("<p>x&nbsp;&nbsp; y</p>", "x y", id="nbsp"),
        pytest.param(
            "<p>&lt;b&gt; &amp; &copy; &#8364; &#x1F600; &eacute;</p>",
            "<b> & © € 😀 é",
            id="entities",
        ),
        pytest.param("<p>AT&T &amp &unknown; &#;</p>", "AT&T & &unknown; &#;", id="odd-entities"),
        pytest.param("<p>&#" + "9" * 5000 + ";</p>", "\ufffd", id="huge-numeric-reference"),
        pytest.param("<p>&#27;[31mred&#x9b;</p>", "[31mred›", id="escape-references"),
        pytest.param(
            "<p>[bold]x[/bold] [@click=app.quit]q[/]</p>",
            "[bold]x[/bold] [@click=app.quit]q[/]",
            id="markup-literal",
        ),
        pytest.param(
            "<p>\\[escaped] [link=https://x]l[/link]</p>",
            "\\[escaped] [link=https://x]l[/link]",
            id="markup-backslash",
        ),
    ],
)
def test_text_normalisation(html: str, expected: str) -> None:
    assert blocks(html) == (para(expected),)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("<p>one<p>two", (para("one"), para("two")), id="unclosed-p"),
        pytest.param("a</div></p></li></ul></table>b", (para("a"), para("b")), id="stray-closers"),
        pytest.param("<li>one<li>two", (para("one"), para("two")), id="li-without-list"),
        pytest.param("<ul><li>a<li>b", (ListBlock(False, items("a", "b")),), id="unclosed-list"),
        pytest.param(
            "<h2>Title<p>body", (Heading(2, Inline("Title")), para("body")), id="unclosed-heading"
        ),
        pytest.param(
            "<h1>a<h2>b</h1>",
            (Heading(1, Inline("a")), Heading(2, Inline("b"))),
            id="heading-in-heading",
        ),
        pytest.param("<blockquote>q", (Quote(items("q")),), id="unclosed-quote"),
        pytest.param("<pre>code", (Preformatted("code"),), id="unclosed-pre"),
        pytest.param("<table><tr><td>a", (Table((items("a"),)),), id="unclosed-table"),
        pytest.param("<figure><img alt=x>", (Figure("x"),), id="unclosed-figure"),
        pytest.param("<b><i>x</b></i>", (para("x"),), id="misnested-inline"),
        pytest.param(
            "<ul>stray<li>a</ul>", (para("stray"), ListBlock(False, items("a"))), id="text-in-list"
        ),
        pytest.param("a < b > c", (para("a < b > c"),), id="bare-angle-brackets"),
        pytest.param("x<y", (para("x<y"),), id="lt-then-letter"),
        pytest.param('<p title="a>b">text</p>', (para("text"),), id="gt-in-attribute"),
        pytest.param("<p>a<!-- unterminated <p>b", (para("a"),), id="unterminated-comment"),
        pytest.param(
            "<p>a</p><p/>b<div/>c", (para("a"), para("b"), para("c")), id="self-closing-blocks"
        ),
        pytest.param(
            "<a href='https://x.example/'/>plain", (para("plain"),), id="self-closing-anchor"
        ),
    ],
)
def test_broken_html(html: str, expected: tuple[Block, ...]) -> None:
    assert blocks(html) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "First paragraph\nwraps here.\n\nSecond one.\n \n\n\nThird &amp; last.",
            (para("First paragraph wraps here."), para("Second one."), para("Third & last.")),
            id="blank-lines-split",
        ),
        pytest.param("one\r\n\r\ntwo", (para("one"), para("two")), id="crlf"),
        pytest.param("I <3 feeds", (para("I <3 feeds"),), id="not-a-tag"),
        pytest.param("  \n\n ", (), id="blank"),
        pytest.param("", (), id="empty"),
    ],
)
def test_plain_text_bodies(text: str, expected: tuple[Block, ...]) -> None:
    assert blocks(text) == expected
