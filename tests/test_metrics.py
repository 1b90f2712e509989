"""Label widths come from the font files the figures are drawn in, the user's fonts included."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from briefer.models import Briefing, Certainty, Citation, Event, PartialDate
from briefer.render.charts import TextMetrics, text_width, timeline_figure
from briefer.render.charts.metrics import Face, read_face
from briefer.render.html import environment
from briefer.render.templates import builtin_templates, template_dirs

FONTS = builtin_templates() / "fonts"
SAFETY = 1.04  # the margin metrics.py adds on top of the fonts' own advances


def fonttools_width(font: Path, text: str, size: float) -> float:
    """The width of `text` from the font file, read here independently of metrics.py."""
    with TTFont(font) as ttf:
        cmap, hmtx = ttf.getBestCmap(), ttf["hmtx"]
        units = sum(hmtx[cmap[ord(char)]][0] for char in text)
        return float(units / ttf["head"].unitsPerEm * size * SAFETY)


def user_folder(tmp_path: Path, files: dict[str, Path | str]) -> Path:
    """A `--templates` folder holding only `fonts/` (copies of font files, or text)."""
    for name, content in files.items():
        target = tmp_path / "fonts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text", ["Mike Pompeo", "Jan 2020", "only the month or year is known"])
def test_widths_are_the_shipped_open_sans_advances(text: str) -> None:
    assert text_width(text, 7.2) == pytest.approx(
        fonttools_width(FONTS / "OpenSans-Regular.ttf", text, 7.2)
    )
    assert text_width(text, 7.2, bold=True) == pytest.approx(
        fonttools_width(FONTS / "OpenSans-Bold.ttf", text, 7.2)
    )


def test_bold_letters_are_wider_and_size_scales_linearly() -> None:
    assert text_width("Mike Pompeo", 10, bold=True) > text_width("Mike Pompeo", 10) * 1.05
    assert text_width("Mike Pompeo", 20) == pytest.approx(2 * text_width("Mike Pompeo", 10))
    assert text_width("", 10) == 0


def test_missing_glyphs_fall_back_to_their_letter_or_a_full_em() -> None:
    face = read_face(TextMetrics.for_templates(template_dirs()).regular[0])
    assert ord("ṃ") not in face.advances  # the premise: Open Sans lacks both
    assert ord("中") not in face.advances
    assert text_width("ṃ", 10) == pytest.approx(text_width("m", 10))
    assert text_width("中文", 10) == pytest.approx(2 * 10 * SAFETY)
    assert text_width("e\u0301", 10) == pytest.approx(text_width("e", 10))  # combining accent


def test_a_face_measures_in_its_own_units_per_em() -> None:
    face = Face(1000, {ord("a"): 500})
    assert face.em("aa") == 1.0
    assert face.em("\u2603") == 1.0  # not in the font: a full em


def test_a_font_swapped_in_under_the_shipped_name_is_measured(tmp_path: Path) -> None:
    user = user_folder(tmp_path, {"OpenSans-Regular.ttf": FONTS / "Caladea-Regular.ttf"})
    metrics = TextMetrics.for_templates(template_dirs(user))
    text = "Sairagul Sauytbay"
    swapped = fonttools_width(FONTS / "Caladea-Regular.ttf", text, 7.2)
    assert metrics.width(text, 7.2) == pytest.approx(swapped)
    assert abs(swapped - text_width(text, 7.2)) > 0.05 * swapped  # a real difference
    # Bold was not swapped: still the shipped Open Sans Bold.
    assert metrics.width(text, 7.2, bold=True) == pytest.approx(text_width(text, 7.2, bold=True))


def test_a_users_fonts_css_chooses_the_files(tmp_path: Path) -> None:
    css = """
    /* @font-face { font-family: "Open Sans"; src: url("fonts/Caladea-BoldItalic.ttf"); } */
    @font-face { font-family: "Open Sans"; src: url("fonts/Caladea-Italic.ttf");
                 font-weight: 400; font-style: italic; }
    @font-face { font-family: 'Open Sans'; src: local("Nothing"), url(fonts/Caladea-Regular.ttf);
                 font-weight: normal; }
    @font-face { font-family: "Open Sans"; src: url('fonts/Caladea-Bold.ttf'); font-weight: 800; }
    """
    user = user_folder(tmp_path, {"fonts.css": css})  # the URLs name the shipped Caladea files
    metrics = TextMetrics.for_templates(template_dirs(user))
    assert metrics.regular[0].path == FONTS / "Caladea-Regular.ttf"  # upright, not the italic
    assert metrics.bold[0].path == FONTS / "Caladea-Bold.ttf"  # the nearest weight to bold
    assert metrics.width("Kazakhstan", 8, bold=True) == pytest.approx(
        fonttools_width(FONTS / "Caladea-Bold.ttf", "Kazakhstan", 8)
    )


def test_a_fonts_css_without_the_family_or_a_broken_font_falls_back_to_the_shipped_one(
    tmp_path: Path,
) -> None:
    plain = user_folder(tmp_path / "plain", {"fonts.css": "/* no faces */"})
    assert TextMetrics.for_templates(template_dirs(plain)) == TextMetrics.for_templates(
        template_dirs()
    )
    broken = user_folder(tmp_path / "broken", {"OpenSans-Regular.ttf": "not a font"})
    metrics = TextMetrics.for_templates(template_dirs(broken))
    assert metrics.width("Mike Pompeo", 7.2) == pytest.approx(text_width("Mike Pompeo", 7.2))


def test_the_templates_draw_figures_measured_in_the_users_fonts(tmp_path: Path) -> None:
    user = user_folder(tmp_path, {"OpenSans-Regular.ttf": FONTS / "Caladea-Regular.ttf"})
    text = "Ministers met in Brussels to agree the new sanctions package"
    events = [
        Event(PartialDate.parse(date), Certainty.STATED, text, (Citation("S1", text),))
        for date in ("2019-10", "2020-01-03", "2020-01-09")
    ]
    bound = environment(user).globals["timeline_figure"]
    assert callable(bound)
    drawn = bound(events)
    users = timeline_figure(events, TextMetrics.for_templates(template_dirs(user)))
    shipped = timeline_figure(events)
    assert drawn is not None
    assert users is not None
    assert shipped is not None
    assert drawn.svg == users.svg
    assert drawn.labels != shipped.labels


def drawn_width(pdf: Path, phrase: str) -> float:
    """How wide `phrase` is drawn in the PDF, from poppler's word boxes."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    wanted = phrase.split()
    for i in range(len(words) - len(wanted) + 1):
        if [w[2] for w in words[i : i + len(wanted)]] == wanted:
            return float(words[i + len(wanted) - 1][1]) - float(words[i][0])
    raise AssertionError(f"{phrase!r} is not in the PDF")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_the_pdf_draws_labels_as_wide_as_measured_in_the_users_font(
    sample_briefing: Briefing, tmp_path: Path
) -> None:
    from briefer.render import render_bytes
    from briefer.render.charts.primitives import SMALL_SIZE

    user = user_folder(tmp_path, {"OpenSans-Regular.ttf": FONTS / "Caladea-Regular.ttf"})
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(render_bytes(sample_briefing, "pdf", str(user)))
    caption = "only the month or year is known"  # a legend caption of the timeline
    measured = TextMetrics.for_templates(template_dirs(user)).width(caption, SMALL_SIZE) / SAFETY
    # The figure is 482 units drawn across the 170 mm text width: about a point per unit.
    assert drawn_width(pdf, caption) == pytest.approx(measured, rel=0.01)
    assert abs(text_width(caption, SMALL_SIZE) / SAFETY - measured) > 0.05 * measured
