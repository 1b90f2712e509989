"""Reading a folder of articles: every input format, the manifest, encodings and odd files."""

from __future__ import annotations

import logging

import pytest
from conftest import SAMPLES, write

from briefer.errors import SourceError
from briefer.ingest import read_sources
from briefer.ingest.limits import LONG_LINE, LONG_RUN
from briefer.models import PartialDate

BODY = (
    "The harbour council voted to approve a new ferry link between the old port and the "
    "island of Vessa, ending a dispute that had lasted almost three years.\n\n"
    "Councillors backed the plan by eleven votes to four after a debate that ran late into "
    "the evening.\n"
)
SENTENCE = "The harbour council voted to approve a new ferry link"


def only(folder):
    articles = read_sources(folder)
    assert len(articles) == 1, [a.path for a in articles]
    return articles[0]


def by_name(articles):
    return {a.path.name: a for a in articles}


def warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# ---------------------------------------------------------------- plain text


def test_txt_headline_becomes_the_title(tmp_path):
    write(tmp_path, "a.txt", "Harbour council approves ferry link\n\n" + BODY)
    article = only(tmp_path)
    assert article.title == "Harbour council approves ferry link"
    assert "Harbour council approves ferry link" not in article.text
    assert article.text.startswith(SENTENCE)
    assert article.id == "S1"


def test_html_entities_a_text_export_kept_are_characters(tmp_path):
    write(
        tmp_path,
        "a.txt",
        "Ferry caf&#233; opens\n\nThe caf&eacute; &amp; the G7 communiqu&#xE9; AT&T.\n",
    )
    article = only(tmp_path)
    assert article.title == "Ferry café opens"
    assert article.text == "The café & the G7 communiqué AT&T."


def test_a_pound_sign_an_ascii_export_wrote_as_a_hash_is_a_pound_sign(tmp_path):
    write(tmp_path, "a.txt", "The EU pledged 400m euros (#354m); C# and issue #5a stay.\n")
    assert only(tmp_path).text == "The EU pledged 400m euros (£354m); C# and issue #5a stay."
    write(tmp_path, "a.txt", "It cost £5 and #5m.\n")
    assert only(tmp_path).text == "It cost £5 and #5m."


def test_txt_title_is_the_first_non_empty_line(tmp_path):
    write(tmp_path, "a.txt", "\n\n   \nHarbour council approves ferry link\n\n" + BODY)
    assert only(tmp_path).title == "Harbour council approves ferry link"


def test_txt_first_sentence_is_not_a_title(tmp_path):
    write(tmp_path, "a.txt", BODY)
    article = only(tmp_path)
    assert article.title is None
    assert article.text.startswith(SENTENCE)


def test_txt_first_line_running_into_the_next_is_not_a_title(tmp_path):
    text = "The council met on the ferry question\nand voted to approve the new link.\n\n" + BODY
    write(tmp_path, "a.txt", text)
    article = only(tmp_path)
    assert article.title is None


def test_txt_without_any_date_has_no_publication_date(tmp_path):
    write(tmp_path, "a.txt", "Harbour council approves ferry link\n\n" + BODY)
    article = only(tmp_path)
    assert article.published is None  # unknown, never today
    assert article.author is None
    assert article.publisher is None
    assert article.url is None


# ---------------------------------------------------------------- front matter

FRONT_MATTER = """---
title: Ferry link approved after three-year dispute
author: Jane Doe
publisher: The Coastal Times
published: {published}
url: https://coastal.example.org/news/ferry-link
---
"""


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_front_matter_gives_the_metadata(tmp_path, suffix):
    write(tmp_path, f"a{suffix}", FRONT_MATTER.format(published="2020-02-03") + BODY)
    article = only(tmp_path)
    assert article.title == "Ferry link approved after three-year dispute"
    assert article.author == "Jane Doe"
    assert article.publisher == "The Coastal Times"
    assert article.published == PartialDate(2020, 2, 3)
    assert article.url == "https://coastal.example.org/news/ferry-link"
    assert "---" not in article.text
    assert "publisher:" not in article.text
    assert article.text.startswith(SENTENCE)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2020-02-03", PartialDate(2020, 2, 3)),
        ('"2020-02"', PartialDate(2020, 2)),
        ("2020-02", PartialDate(2020, 2)),
        ("2020", PartialDate(2020)),
        ("2021-03-14T09:30:00Z", PartialDate(2021, 3, 14)),
        ('""', None),
    ],
)
def test_front_matter_date_keeps_its_precision(tmp_path, published, expected):
    write(tmp_path, "a.md", FRONT_MATTER.format(published=published) + BODY)
    assert only(tmp_path).published == expected


def test_front_matter_date_key_is_accepted(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Ferry link approved\ndate: 2019-06\n---\n" + BODY)
    assert only(tmp_path).published == PartialDate(2019, 6)


def test_front_matter_nonsense_date_is_unknown_with_a_warning(tmp_path, briefer_log):
    write(tmp_path, "a.md", FRONT_MATTER.format(published="next Tuesday") + BODY)
    assert only(tmp_path).published is None
    assert any("a.md" in message for message in warnings(briefer_log))


def test_markdown_markup_is_stripped(tmp_path):
    text = (
        "---\ntitle: Ferry link approved\n---\n"
        "## The vote\n\n"
        "The **harbour council** voted to approve a [new ferry link](https://x.example/f) "
        "between the old port and the island.\n\n"
        "- Councillors backed the plan by eleven votes to four after a long debate.\n\n"
        "> The mayor said the link would cut the journey to forty minutes.\n"
    )
    write(tmp_path, "a.md", text)
    article = only(tmp_path)
    assert "The harbour council voted to approve a new ferry link between" in article.text
    assert "Councillors backed the plan by eleven votes" in article.text
    assert "The mayor said the link would cut" in article.text
    for markup in ("**", "](", "https://x.example", "## ", "> ", "- Councillors"):
        assert markup not in article.text


def test_markdown_without_front_matter_takes_its_heading_as_title(tmp_path):
    write(tmp_path, "a.md", "# Harbour council approves ferry link\n\n" + BODY)
    article = only(tmp_path)
    assert article.title == "Harbour council approves ferry link"
    assert article.text.startswith(SENTENCE)


def test_malformed_front_matter_is_a_source_error(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\n" + BODY)
    with pytest.raises(SourceError, match="a.md"):
        read_sources(tmp_path)


# ---------------------------------------------------------------- HTML

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour council approves new ferry link | The Coastal Times</title>
<meta property="og:title" content="Harbour council approves new ferry link">
<meta property="og:site_name" content="The Coastal Times">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2021-03-14T09:30:00Z">
<meta property="og:url" content="https://coastal.example.org/news/ferry-link">
<link rel="canonical" href="https://coastal.example.org/news/ferry-link">
</head>
<body>
<header>
<nav><ul>
<li><a href="/">Home</a></li>
<li><a href="/news">Regional news navigation menu</a></li>
<li><a href="/sport">Weekend sport results section</a></li>
</ul></nav>
</header>
<main>
<article>
<h1>Harbour council approves new ferry link</h1>
<p>The harbour council voted on Tuesday to approve a new ferry link between the old port and
the island of Vessa, ending a dispute that had lasted almost three years.</p>
<p>Councillors backed the plan by eleven votes to four after a debate that ran late into the
evening, with several members warning that the cost of the new pier could rise further.</p>
<p>The mayor, Tomas Berg, said the link would cut the journey for island residents from two
hours to forty minutes and would bring new visitors to the harbour shops.</p>
<p>Opponents argued that the money should have gone to repairing the existing breakwater,
which was badly damaged in the storms of last winter.</p>
<p>Work on the pier is expected to begin in the autumn, and the first crossings are planned
for the following summer if the contractor keeps to its schedule.</p>
</article>
</main>
<footer>
<p>Contact the Coastal Times newsroom at our harbour office.</p>
<p>Coastal Times Media Group, registered in the county of Vessa.</p>
</footer>
</body>
</html>
"""


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_main_text_and_metadata(tmp_path, suffix):
    write(tmp_path, f"page{suffix}", HTML_PAGE)
    article = only(tmp_path)
    assert article.title == "Harbour council approves new ferry link"
    assert article.author == "Maria Lopez"
    assert article.publisher == "The Coastal Times"
    assert article.published == PartialDate(2021, 3, 14)
    assert article.url == "https://coastal.example.org/news/ferry-link"
    assert "The harbour council voted on Tuesday to approve a new ferry link" in " ".join(
        article.text.split()
    )
    assert "the first crossings are planned" in article.text
    for furniture in (
        "Regional news navigation menu",
        "Weekend sport results section",
        "Contact the Coastal Times newsroom",
        "registered in the county of Vessa",
        "<p>",
    ):
        assert furniture not in article.text


def test_html_page_without_an_article_is_skipped(tmp_path, briefer_log):
    write(tmp_path, "empty.html", "<html><head><title>x</title></head><body></body></html>")
    write(tmp_path, "b.txt", BODY)
    articles = read_sources(tmp_path)
    assert [a.path.name for a in articles] == ["b.txt"]
    assert any("empty.html" in message for message in warnings(briefer_log))


# ---------------------------------------------------------------- the manifest


def test_manifest_gives_per_file_metadata(tmp_path):
    write(tmp_path, "day.txt", BODY)
    write(tmp_path, "month.txt", BODY.replace("harbour", "river"))
    write(tmp_path, "year.txt", BODY.replace("harbour", "lake"))
    write(tmp_path, "none.txt", BODY.replace("harbour", "canal"))
    write(
        tmp_path,
        "sources.toml",
        """
["day.txt"]
title = "Ferry link approved"
author = "Jane Doe"
publisher = "The Daily"
published = 2020-02-03
url = "https://example.org/ferry"

["month.txt"]
published = "2020-02"

["year.txt"]
published = 2020
""",
    )
    articles = by_name(read_sources(tmp_path))
    day = articles["day.txt"]
    assert (day.title, day.author, day.publisher, day.url) == (
        "Ferry link approved",
        "Jane Doe",
        "The Daily",
        "https://example.org/ferry",
    )
    assert day.published == PartialDate(2020, 2, 3)
    assert articles["month.txt"].published == PartialDate(2020, 2)
    assert articles["month.txt"].published.iso() == "2020-02"
    assert articles["year.txt"].published == PartialDate(2020)
    assert articles["none.txt"].published is None
    assert articles["none.txt"].title is None


def test_manifest_wins_over_front_matter(tmp_path):
    write(tmp_path, "a.md", FRONT_MATTER.format(published="2020-02-03") + BODY)
    write(tmp_path, "sources.toml", '["a.md"]\ntitle = "Manifest title"\npublished = "2019"\n')
    article = only(tmp_path)
    assert article.title == "Manifest title"
    assert article.published == PartialDate(2019)
    assert article.author == "Jane Doe"  # not in the manifest: the file's own


def test_manifest_key_may_be_a_path_inside_the_folder(tmp_path):
    write(tmp_path, "2020/a.txt", BODY)
    write(tmp_path, "sources.toml", '["2020/a.txt"]\npublisher = "The Daily"\n')
    assert only(tmp_path).publisher == "The Daily"


def test_manifest_applies_to_a_single_file_given_as_sources(tmp_path):
    path = write(tmp_path, "a.txt", BODY)
    write(tmp_path, "sources.toml", '["a.txt"]\npublished = "2018-05"\n')
    assert only(path).published == PartialDate(2018, 5)


def test_sources_toml_itself_is_not_an_article(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "sources.toml", '["a.txt"]\npublisher = "The Daily"\n')
    assert [a.path.name for a in read_sources(tmp_path)] == ["a.txt"]


@pytest.mark.parametrize(
    "manifest",
    [
        '["a.txt"\ntitle = "unclosed',  # not TOML
        'title = "not a table"\n',  # a value where a table belongs
        '["a.txt"]\nheadline = "unknown key"\n',  # unknown key
        '["a.txt"]\npublished = "last week"\n',  # a date that is no date
        '["a.txt"]\npublished = "2020-13"\n',  # no such month
    ],
)
def test_malformed_manifest_is_a_clear_source_error(tmp_path, manifest):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "sources.toml", manifest)
    with pytest.raises(SourceError) as caught:
        read_sources(tmp_path)
    message = str(caught.value)
    assert "sources.toml" in message
    assert "\n" not in message


def test_manifest_naming_a_missing_file_warns(tmp_path, briefer_log):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "sources.toml", '["gone.txt"]\ntitle = "Gone"\n')
    article = only(tmp_path)
    assert article.title is None
    assert any("gone.txt" in message for message in warnings(briefer_log))


# ---------------------------------------------------------------- the folder's edge (issue 12)


def test_symlink_to_a_file_outside_the_folder_is_not_read(tmp_path, briefer_log):
    secret = write(tmp_path, "elsewhere/secret.txt", "SECRET-LINE-xyz private notes.\n")
    folder = tmp_path / "sources"
    write(folder, "a.txt", BODY)
    (folder / "leak.txt").symlink_to(secret)
    articles = read_sources(folder)
    assert [a.path.name for a in articles] == ["a.txt"]
    assert not any("SECRET-LINE" in a.text for a in articles)
    assert any("leak.txt: a link to" in m for m in warnings(briefer_log))


def test_symlink_to_a_file_inside_the_folder_is_read(tmp_path, briefer_log):
    write(tmp_path, "2020/a.txt", BODY)
    (tmp_path / "b.txt").symlink_to(tmp_path / "2020" / "a.txt")
    assert sorted(a.path.name for a in read_sources(tmp_path)) == ["a.txt", "b.txt"]
    assert warnings(briefer_log) == []


def test_sources_folder_reached_through_a_symlink_is_read(tmp_path, briefer_log):
    write(tmp_path, "real/a.txt", BODY)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert only(tmp_path / "link").path.name == "a.txt"
    assert warnings(briefer_log) == []


@pytest.mark.parametrize("key", ["/etc/passwd", "../x.txt", "sub/../../x.txt"])
def test_manifest_key_outside_the_folder_is_ignored_with_a_warning(tmp_path, briefer_log, key):
    folder = tmp_path / "sources"
    write(folder, "a.txt", BODY)
    write(tmp_path, "x.txt", BODY)
    write(folder, "sources.toml", f'["{key}"]\ntitle = "Outside"\n\n["a.txt"]\ntitle = "Inside"\n')
    assert only(folder).title == "Inside"
    assert any(f"ignoring [{key!r}], a path outside" in m for m in warnings(briefer_log))


def test_manifest_that_links_outside_the_folder_is_ignored(tmp_path, briefer_log):
    other = write(tmp_path, "other/sources.toml", '["a.txt"]\ntitle = "From elsewhere"\n')
    folder = tmp_path / "sources"
    write(folder, "a.txt", BODY)
    (folder / "sources.toml").symlink_to(other)
    assert only(folder).title is None
    assert any("sources.toml: a link to" in m for m in warnings(briefer_log))


# ---------------------------------------------------------------- encodings

ACCENTED = (
    "Café owners in Zürich said the “new rules” were unfair – they’d lose customers.\n\n"
    "Señora Muñoz, who runs a bakery near the façade of the old cathedral, agreed.\n"
)
ACCENTED_LATIN1 = (
    "Café owners in Zürich said the new rules were unfair, and Señora Muñoz agreed.\n\n"
    "The bakery near the façade of the cathedral will stay open until Noël.\n"
)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", ACCENTED),
        ("utf-8-sig", ACCENTED),
        ("utf-16", ACCENTED),  # with BOM
        ("utf-16-le", ACCENTED),  # without BOM
        ("utf-16-be", ACCENTED),  # without BOM
        ("cp1252", ACCENTED),
        ("latin-1", ACCENTED_LATIN1),
    ],
)
def test_encodings_are_decoded(tmp_path, encoding, text):
    (tmp_path / "a.txt").write_bytes(("Café owners protest\n\n" + text).encode(encoding))
    article = only(tmp_path)
    assert article.title == "Café owners protest"
    assert article.text == text.strip()
    assert "\ufeff" not in article.text
    assert "\ufffd" not in article.text


def test_utf8_with_one_stray_latin1_byte_stays_utf8(tmp_path):
    """Only the stray byte is read as Windows-1252: the UTF-8 "é" does not become "Ã©" (whose
    "©" would then trip the copyright filter and lose the line)."""
    data = (
        ("Café owners protest\n\n" + ACCENTED)
        .encode("utf-8")
        .replace("Muñoz".encode(), "Muñoz".encode("latin-1"))
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    write(tmp_path, "a.txt", data)
    article = only(tmp_path)
    assert article.title == "Café owners protest"
    assert article.text == ACCENTED.strip()


def test_cp1252_with_crlf_and_front_matter(tmp_path):
    text = "---\r\ntitle: Café owners protest\r\npublished: 2020-02\r\n---\r\n" + ACCENTED.replace(
        "\n", "\r\n"
    )
    (tmp_path / "a.md").write_bytes(text.encode("cp1252"))
    article = only(tmp_path)
    assert article.title == "Café owners protest"
    assert article.published == PartialDate(2020, 2)
    assert article.text == ACCENTED.strip()


def test_bom_does_not_hide_front_matter(tmp_path):
    (tmp_path / "a.md").write_bytes(
        (FRONT_MATTER.format(published="2020") + BODY).encode("utf-8-sig")
    )
    article = only(tmp_path)
    assert article.title == "Ferry link approved after three-year dispute"
    assert article.published == PartialDate(2020)


# ---------------------------------------------------------------- odd files


def test_empty_file_is_skipped(tmp_path, briefer_log):
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "b.txt", BODY)
    assert [a.path.name for a in read_sources(tmp_path)] == ["b.txt"]
    assert any("empty.txt" in message for message in warnings(briefer_log))


def test_whitespace_only_file_is_skipped(tmp_path, briefer_log):
    write(tmp_path, "blank.txt", "  \n\n\t\n   \r\n")
    write(tmp_path, "b.txt", BODY)
    assert [a.path.name for a in read_sources(tmp_path)] == ["b.txt"]
    assert any("blank.txt" in message for message in warnings(briefer_log))


def test_folder_of_only_empty_files_is_a_source_error(tmp_path):
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.txt", "\n\n   \n")
    with pytest.raises(SourceError, match="no article"):
        read_sources(tmp_path)


def test_binary_junk_named_txt_is_skipped_and_the_rest_read(tmp_path, briefer_log):
    junk = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    write(tmp_path, "a_junk.txt", junk)
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "c.txt", BODY.replace("harbour", "river"))
    articles = read_sources(tmp_path)
    assert [a.path.name for a in articles] == ["b.txt", "c.txt"]
    assert [a.id for a in articles] == ["S1", "S2"]
    assert any("a_junk.txt" in message for message in warnings(briefer_log))


def test_only_binary_junk_is_a_source_error(tmp_path):
    write(tmp_path, "junk.txt", bytes(range(256)) * 10)
    with pytest.raises(SourceError):
        read_sources(tmp_path)


def test_very_long_line_is_read_whole_in_pieces_cut_at_sentence_ends(tmp_path):
    """Over a million characters on one line, which spaCy refuses as one text ([E088]): read
    whole, as lines the model takes, each cut after a sentence."""
    line = "The council met again and the ferry question was raised once more. " * 20_000
    write(tmp_path, "a.txt", "Council meets again\n\n" + line + "\n")
    article = only(tmp_path)
    pieces = article.text.split("\n")
    assert " ".join(pieces) == line.strip()
    assert len(pieces) > 100
    assert all(len(p) <= LONG_LINE and p.endswith("once more.") for p in pieces)


def test_line_without_sentence_ends_is_cut_at_spaces(tmp_path):
    words = " ".join(f"word{i}" for i in range(60_000))
    write(tmp_path, "a.txt", "Words without end\n\n" + words + "\n")
    article = only(tmp_path)
    pieces = article.text.split("\n")
    assert " ".join(pieces) == words
    assert all(len(p) <= LONG_RUN for p in pieces)


def test_crlf_line_endings(tmp_path):
    text = "Harbour council approves ferry link\r\n\r\n" + BODY.replace("\n", "\r\n")
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    article = only(tmp_path)
    assert article.title == "Harbour council approves ferry link"
    assert "\r" not in article.text
    assert article.text == BODY.strip()


def test_old_mac_line_endings(tmp_path):
    text = "Harbour council approves ferry link\r\r" + BODY.replace("\n", "\r")
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    article = only(tmp_path)
    assert article.title == "Harbour council approves ferry link"
    assert "\r" not in article.text


# ---------------------------------------------------------------- what a folder holds


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "a/z.txt", BODY.replace("harbour", "river"))
    write(tmp_path, "a/y.md", BODY.replace("harbour", "lake"))
    articles = read_sources(tmp_path)
    assert [a.path.relative_to(tmp_path).as_posix() for a in articles] == [
        "a/y.md",
        "a/z.txt",
        "b.txt",
    ]
    assert [a.id for a in articles] == ["S1", "S2", "S3"]


def test_hidden_files_and_folders_are_ignored(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, ".hidden.txt", BODY.replace("harbour", "secret"))
    write(tmp_path, ".git/notes.txt", BODY.replace("harbour", "git"))
    write(tmp_path, "sub/.draft.md", BODY.replace("harbour", "draft"))
    assert [a.path.name for a in read_sources(tmp_path)] == ["a.txt"]


def test_unsupported_extensions_are_ignored_in_a_folder(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "notes.docx", b"PK\x03\x04 not really a docx")
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0 jpeg")
    write(tmp_path, "data.csv", "a,b\n1,2\n")
    write(tmp_path, "README", "Some notes about these files that are not an article.")
    assert [a.path.name for a in read_sources(tmp_path)] == ["a.txt"]


def test_uppercase_suffix_is_read(tmp_path):
    write(tmp_path, "A.TXT", BODY)
    assert only(tmp_path).path.name == "A.TXT"


def test_single_file_with_unsupported_extension_is_a_source_error(tmp_path):
    path = write(tmp_path, "a.docx", "text")
    with pytest.raises(SourceError, match="unsupported"):
        read_sources(path)


def test_missing_sources_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        read_sources(tmp_path / "nowhere")


def test_folder_without_articles_is_a_source_error(tmp_path):
    write(tmp_path, "data.csv", "a,b\n")
    with pytest.raises(SourceError, match="no articles"):
        read_sources(tmp_path)


def test_sources_given_as_a_string(tmp_path):
    write(tmp_path, "a.txt", BODY)
    assert len(read_sources(str(tmp_path))) == 1


def test_the_samples():
    """The two samples with their manifest: the contract the rest of the suite relies on."""
    first, second = read_sources(SAMPLES)
    assert first.id == "S1"
    assert first.author == "Owen Churchill"
    assert first.publisher == "South China Morning Post"
    assert first.published == PartialDate(2019, 12, 31)
    assert second.publisher == "The Diplomat"
    assert second.published == PartialDate(2020, 2)
    assert second.title == "US Looks to Central Asia to Stand Up to China on Xinjiang"
