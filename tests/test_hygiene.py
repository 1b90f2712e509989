"""Text hygiene on constructed lines: each kind of furniture is cut or dropped, and the real
sentences that look like it (a place, a time, a colon, a quoted speaker at the start) stay."""

from __future__ import annotations

import json

import pytest
from conftest import write

from briefer.ingest import read_sources
from briefer.ingest.clean import clean_text
from briefer.ingest.hygiene import comment_thread_start, tidy_line, transcript_start

BODY = "The harbour council voted on Tuesday to approve the new ferry link to the island."


# ---------------------------------------------------------------- prefixes cut off real prose

TRIMMED = [
    # datelines
    ("Vessa, Nordland (CNN) -- ", "dateline"),
    ("PORTHAVEN (Reuters) - ", "dateline"),
    ("PORTHAVEN, Del., Oct. 20 -- ", "dateline"),
    ("NEW PORTHAVEN -- ", "dateline"),
    ("Ferry Link Wins Final Vote After Long Fight PORTHAVEN, Nov. 4 -- ", "dateline"),
    # bylines and credits
    ("By the Coastal Wire Staff ", "byline"),
    ("By Staff Writers ", "byline"),
    ("(By Erik Holm -- Coastal Times) ", "credit"),
    ("Photograph: Erik Holm/Coastal Press/Getty Images ", "credit"),
    ("Photograph: Harbour Board of Vessa/AP ", "credit"),
    ("Photograph: AP/Erik Holm ", "credit"),
    ("Photo: Erik Holm ", "credit"),
    ("Picture: PA ", "credit"),
    ("(Pool Photo/Erik Holm) (Erik Holm - AP) PORTHAVEN, Oct. 3 -- ", "photo credit"),
    # publication stamps after a run-together headline, standfirst or byline
    ("Tuesday 4 January 2011 08.43 GMT ", "timestamp"),
    (
        "Ferry link approved Council ends three-year dispute Tuesday 4 January 2011 08.43 GMT ",
        "timestamp",
    ),
    ("By Jane Doe Thursday 9 June 2011 11.08 BST ", "timestamp"),
    ("Jane Doe | 22:29 UK time, Wednesday, 13 January 2010 ", "timestamp"),
    ("Last updated: 14 January, 2010 - 17:26 GMT ", "timestamp"),
    ("Page last updated at 11:50 GMT, Friday, 29 January 2010 ", "timestamp"),
    ("Tuesday, September 16, 2008; 4:30 PM ", "timestamp"),
    ("Thursday, October 23, 2008; Page A01 ", "timestamp"),
    # live-blog entries and update tags
    ("1.23pm BST ", "live-blog time"),
    ("14:05 GMT: ", "live-blog time"),
    ("Updated at 3.15pm ", "live-blog time"),
    ("10.30: ", "live-blog time"),
    ("NEW: ", "update tag"),
    # an embedded clip's caption and link label
    ("Erik Holm on the harbour vote Link to this audio ", "media link"),
    ("Watch the harbour master's film Link to video: ", "media link"),
    # a pull-quote run into the standfirst
    ("' I feel the whole harbour is watching me' ", "pull quote"),
    ("“We will never give up the old pier” ", "pull quote"),
]


@pytest.mark.parametrize(("prefix", "rule"), TRIMMED)
def test_prefix_is_cut_and_the_prose_kept(prefix, rule):
    verdict = tidy_line(prefix + BODY)
    assert verdict.kept == BODY
    assert verdict.rule == rule
    assert verdict.removed == prefix.rstrip()


@pytest.mark.parametrize(("prefix", "rule"), TRIMMED)
def test_prefix_with_nothing_after_it_drops_the_line(prefix, rule):
    verdict = tidy_line(prefix + "Ferry link")
    assert verdict.kept is None
    assert verdict.removed == prefix + "Ferry link"


# ---------------------------------------------------------------- whole lines that go

DROPPED = [
    # captions
    ("AP Apr. 21: A ferry is seen leaving the old port.", "caption"),
    ("(AP Photo) The mayor speaks to residents at the harbour.", "caption"),
    ("(Coastal Photos Via Getty Images) A boy waves from the pier.", "caption"),
    ("A still from an undated video shows the ferry in heavy seas.", "caption"),
    ("An image taken from amateur footage shows the pier collapsing.", "caption"),
    ("In this photo released by the council, the mayor signs the contract.", "caption"),
    ("This undated handout photo provided by the port shows the new ferry.", "caption"),
    ("File photo of the old ferry terminal at Porthaven.", "caption"),
    ("Photograph no 3, of a set of 12, showing the damaged breakwater.", "caption"),
    (
        "Tuesday 4 January 2011 08.43 GMT A ferry leaves the old port of Porthaven at dawn.",
        "caption",
    ),
    ("Passengers wait for the first ferry in Porthaven, Thursday, Oct. 16, 2008.", "caption"),
    ("The mayor waves from the deck on Friday, Oct. 17, 2008 in Porthaven.", "caption"),
    # transcripts
    ("BLITZER: What did the mayor tell you about the ferry?", "speaker tag"),
    ("UNIDENTIFIED MALE: We have waited years for this.", "speaker tag"),
    ("SIR JOHN SMITH FOR TONIGHT: Mr Mayor, will fares rise?", "speaker tag"),
    ("MAYOR BERG (through translator): The link will open in spring.", "speaker tag"),
    ("Petra Lind: I think the ferry will pay for itself within ten years.", "speaker tag"),
    # reader comments
    ("Porthaven, Del.: Why should island residents pay less than we do?", "reader comment"),
    ("Great news for the island at last! Report abuse", "reader comment"),
    ("Recommend (12) Reply to this comment", "reader comment"),
    ("At 11:45 pm on 13 Jan 2010, harbourfan wrote: About time too.", "reader comment"),
    ("harbourfan wrote:", "reader comment"),
    ("This comment was removed because the moderators found it broke the rules.", "reader comment"),
    # bylines, contacts, archive lists
    ("February 11, 2011 | By Jane Doe, Coastal Times", "byline"),
    ("By Jane Doe | Coastal Press, 240 pages.", "byline"),
    ("THE ISLAND LINK A History of Ferries By Jane Doe | Coastal Press.", "byline"),
    ("Jane Doe can be reached at jane.doe@coastal.example.org.", "contact"),
    ("The harbour trust can be contacted on 01234 567890 or through its website.", "contact"),
    ("Letters for publication should be sent to the editor at the usual address.", "contact"),
    ("Council approves ferry link - February 1, 2011", "archive list"),
    ("Ferry fares to be halved for island residents (March 3, 2011)", "archive list"),
    ("February 1, 2011: Council approves ferry link", "archive list"),
    (
        "Ferry link opens This article appeared on p12 of the main section on 4 May 2011.",
        "furniture",
    ),
    ("The Coast Desk is not responsible for the content of external internet sites", "furniture"),
    (
        "Your browser's settings may be preventing you from commenting on this item.",
        "furniture",
    ),
    ("To watch the ferry film, enable JavaScript in your browser.", "furniture"),
    # a book extract's credit
    ("Extracted from Ferry Tales by Petra Lind, published by Harbour Books tomorrow.", "furniture"),
    ("This is an edited extract from Ferry Tales by Petra Lind (Harbour Books, £9)", "furniture"),
    # other publishers' headlines with their age, and a column's archive
    ("Ferry link approved - 7 hrs ago Coastal Times Fares halved - 2 days ago", "link list"),
    ("Island Post Fares to be halved for residents - 50 mins ago Harbour Daily.", "link list"),
    ("November 22, leader: The ferry row shows no sign of abating.", "archive list"),
    (
        "Delayed crossings November 7, leader: The council's plan covers the fateful year.",
        "archive list",
    ),
    (
        "So bitter November 10, Petra Lind: Booking tickets seems to be all the port does.",
        "archive list",
    ),
]


@pytest.mark.parametrize(("line", "rule"), DROPPED)
def test_furniture_line_is_dropped(line, rule):
    verdict = tidy_line(line)
    assert verdict.kept is None
    assert verdict.rule == rule
    assert verdict.removed == line


def test_caption_and_its_credit_are_cut_off_the_story_that_follows():
    line = (
        "(AP Photo/Erik Holm) (Erik Holm - AP) The mayor, centre, arrives at the pier on Friday, "
        "Oct. 17, 2008 in Porthaven. (AP Photo/Ana Berg) (Ana Berg - AP) The council approved "
        "the ferry link yesterday after a three-year dispute."
    )
    verdict = tidy_line(line)
    assert (
        verdict.kept == "The council approved the ferry link yesterday after a three-year dispute."
    )
    assert verdict.rule == "photo credit"


@pytest.mark.parametrize(
    "lead",
    [
        "A ferry leaves the old port of Porthaven at dawn, the council said.",
        "A ferry will leave the old port of Porthaven at dawn.",
        "Who would have thought a ferry could divide a town?",
        "A ferry left the old port of Porthaven at dawn.",
    ],
)
def test_a_lead_after_a_stamp_is_no_caption(lead):
    assert tidy_line(f"Tuesday 4 January 2011 08.43 GMT {lead}").kept == lead


def test_agency_credit_keeps_a_story_that_starts_with_a_name():
    verdict = tidy_line("Photograph: Erik Holm/AP Tomas Berg, the mayor, said the link would open.")
    assert verdict.kept == "Tomas Berg, the mayor, said the link would open."


# ---------------------------------------------------------------- look-alikes that are prose

KEPT = [
    # a place at the start
    "Porthaven, the island's only town, has about 2,000 residents.",
    "Vessa, Nordland and the mainland ports will share the cost.",
    "PORTHAVEN residents voted overwhelmingly for the link.",
    "The United Nations (UN) said the ferry would help the island.",
    "NATO - the alliance - has no role in the dispute, officials said.",
    # a time at the start or a date and time inside
    "At 10.30am the minister arrived at the harbour to open the link.",
    "By 11.30pm that night the council had received 88 calls.",
    "The first ferry left at 0900 GMT on Tuesday, the port said.",
    "The quake struck on Tuesday 12 January 2010 16:53 local time, officials said.",
    "The quake struck at 16:53 local time, Tuesday, 12 January 2010, officials said.",
    # a colon near the start
    "He said: “The island deserves a proper service.”",
    "One lesson is clear: the council must plan the next link earlier.",
    "The mayor's verdict: the link will pay for itself.",
    "November 4: Three councillors resign over the ferry contract.",
    "Q: Who pays for the new ferry?",
    "He is quite a character, Tariq: an engineer and a poet.",
    # bylines, photos and comments as words of the story
    "By March 2020 the pier was finished.",
    "By the time the ferry arrived, the crowd had gone home.",
    "A photo of the damaged pier was released by police on Tuesday.",
    "The mayor wrote to the minister in January asking for funds.",
    "Berg declined to comment on the contract.",
    "Photographs of the pier were shown to the council on Monday.",
    "Photo: the mayor at the opening of the pier.",
    "Residents can contact the council at any time, the mayor said.",
    "Councillors recommended that the fares be halved.",
    "The pier was finished on February 1, 2011.",
    "The council met on Thursday to approve the link, which opens on Oct. 16, 2008.",
    "“We have waited long enough,” said Petra Lind, the harbour master.",
    "The first ferry left two hours ago, and the next leaves in 3 hrs, the port said.",
    "The ship sank - 12 days ago - with nine crew aboard.",
    "The ship sank - 12 days ago.",
    "Residents asked for a link to this video, the mayor said.",
    "The council's page has a Link to video button. It plays the harbour film.",
    "Your browser history can be read by the harbour board, the mayor warned.",
    # a quotation at the start
    "'Stop the ferry now' was all the protesters chanted.",
    "“We will never give up the old pier,” Berg said.",
    "'Crazy' Tomas Berg was the name the sailors gave him.",
    "“Why would we stop now?” Berg asked the council.",
    "On November 7, the mayor said: “The link will open in spring.”",
    "The council is not responsible for the content of the leaflets, the mayor said.",
    "Adapted from a novel by Petra Lind, the ferry film opens in spring.",
    "The plan was extracted from the council's report, the mayor said.",
]


@pytest.mark.parametrize("line", KEPT)
def test_prose_that_looks_like_furniture_is_kept_whole(line):
    verdict = tidy_line(line)
    assert verdict.kept == line
    assert verdict.rule is None


# ---------------------------------------------------------------- comment threads

STORY = [BODY, "The mayor said fares would be halved for residents.", "Work starts in autumn."]
THREAD = [
    "Comments (3)",
    "harbourfan",
    "About time the island got a proper link.",
    "Recommend (4) Report abuse",
    "islander2",
    "The fares are still too high for families.",
    "Recommend (2) Report abuse",
]


GALLERY = [
    "Passengers wait for the first ferry in Porthaven, Thursday, Oct. 16, 2008.",
    "Fares on the island route rose 10 percent on Thursday, the first rise in a decade.",
    "The council said more ferries would follow.",
    "(AP Photo/Erik Holm) (Erik Holm - AP) A ferry leaves the old port of Porthaven.",
    "The new link cut the crossing to forty minutes on its first day.",
    "(AP Photo/Ana Berg) (Ana Berg - AP) PORTHAVEN, Del., Oct. 17 -- The harbour council "
    "voted on Tuesday to approve a second ferry link.",
]


def test_the_lines_a_photo_credit_ends_are_its_caption():
    """A credit trails its caption: in a gallery every line back to the previous caption's
    mark is caption; the story after a dateline stays."""
    cleaned = clean_text("\n".join(GALLERY), title=None, author=None)
    assert cleaned.text == ("The harbour council voted on Tuesday to approve a second ferry link.")


def test_a_credit_alone_on_its_line_may_be_any_picture_s():
    lead = "The harbour council voted on Tuesday to approve a new ferry link to Vessa."
    cleaned = clean_text(
        "\n".join([lead, "(Photo by Erik Holm/Getty Images)", "The link opens in May."]),
        title=None,
        author=None,
    )
    assert cleaned.text.startswith(lead)


def test_a_caption_runs_back_no_further_than_a_quoted_speaker():
    lines = [
        "Passengers wait for the first ferry in Porthaven, Thursday, Oct. 16, 2008.",
        'The mayor said the link "will change the island for ever".',
        "Fares on the island route rose 10 percent on Thursday.",
        "(AP Photo/Erik Holm) (Erik Holm - AP) A ferry leaves the old port of Porthaven.",
    ]
    cleaned = clean_text("\n".join(lines), title=None, author=None)
    assert 'The mayor said the link "will change the island for ever".' in cleaned.text
    assert "Fares on the island route" not in cleaned.text


def test_a_credit_after_a_dateline_lead_leaves_the_lead():
    lead = (
        "PORTHAVEN, Del., Oct. 20 -- The harbour council voted on Tuesday to approve a new "
        "ferry link between the old port and the island of Vessa."
    )
    cleaned = clean_text(
        "\n".join([lead, "(AP Photo/Erik Holm) (Erik Holm - AP) Gulls circle over the pier."]),
        title=None,
        author=None,
    )
    assert cleaned.text.startswith("The harbour council voted on Tuesday")


def test_a_short_line_before_a_named_credit_is_its_caption():
    lines = [
        "The harbour master, Tomas Berg.",
        "Photograph: Erik Holm/AP The harbour council voted on Tuesday to approve a new ferry "
        "link to Vessa.",
    ]
    cleaned = clean_text("\n".join(lines), title=None, author=None)
    assert cleaned.text.startswith("The harbour council voted on Tuesday")


@pytest.mark.parametrize(
    "before",
    [
        # Two sentences: a standfirst, not a caption.
        "Fares rose by a tenth on Tuesday. The council said more ferries would follow soon.",
        # A headline, standfirst and caption run on: longer than any caption.
        "Ferry fares rise as island link opens Council approves second route after a year of "
        "delays and protests by islanders A ferry leaves the old port of Porthaven at dawn.",
    ],
)
def test_a_line_of_more_than_a_caption_before_a_named_credit_stays(before):
    lines = [before, "Photograph: Erik Holm/AP The harbour council voted on Tuesday."]
    cleaned = clean_text("\n".join(lines), title=None, author=None)
    assert cleaned.text.startswith(before[:30])


def test_comment_thread_starts_at_its_heading():
    assert comment_thread_start(STORY + THREAD) == len(STORY)


def test_a_lone_comment_marker_is_no_thread():
    assert comment_thread_start(STORY + ["Comments (3)", "Report abuse"]) is None
    assert comment_thread_start(["Comment", *STORY]) is None


def test_comment_thread_goes_with_its_readers_words():
    cleaned = clean_text("\n".join(STORY + THREAD), title=None, author=None)
    assert cleaned.text == "\n".join(STORY)
    assert "About time the island got a proper link." in cleaned.removed
    assert "The fares are still too high for families." in cleaned.removed


UNSIGNED = [
    "An interesting article, but the fares are the real story.",
    "I agree with the mayor. The link is long overdue.",
    "The mayor says 300 ferries ran in 1990; 300 ran in one month in 2001.",
    "I strongly disagree. The island will lose its character.",
]


def test_an_unsigned_thread_begins_at_the_first_of_several_answers_to_the_piece():
    assert comment_thread_start(STORY + UNSIGNED) == len(STORY)
    cleaned = clean_text("\n".join(STORY + UNSIGNED), title=None, author=None)
    assert cleaned.text == "\n".join(STORY)


def test_one_answer_is_a_writers_own_words():
    assert comment_thread_start([*STORY, "I agree with the council: the fares must fall."]) is None
    column = [f"The harbour fares were debated again in paragraph {n}." for n in range(30)]
    for at in (0, 14, 28):
        column[at] = "I agree with the mayor that the fares must fall."
    assert comment_thread_start(column) is None  # a columnist's refrain, far apart


# ---------------------------------------------------------------- transcripts

INTERVIEW = [
    "HARBOUR RADIO: Mayor, when we last spoke you promised the ferry by spring.",
    "Well, today, no ferry, and the council has spent twice the budget.",
    "MAYOR HOLM: The delay was the contractor's.",
    "We fixed that on Tuesday.",
]


def test_a_transcripts_turns_go_with_their_speaker_tags():
    assert transcript_start(STORY + INTERVIEW) == len(STORY)
    cleaned = clean_text("\n".join(STORY + INTERVIEW), title=None, author=None)
    assert cleaned.text == "\n".join(STORY)
    assert "Well, today, no ferry, and the council has spent twice the budget." in cleaned.removed
    assert "We fixed that on Tuesday." in cleaned.removed


def test_one_label_repeated_is_no_conversation():
    sheet = ["Subs Not Used: Holm, Berg.", "Booked: Lund.", "Subs Not Used: Vik, Dahl."]
    assert transcript_start(STORY + sheet) is None
    assert transcript_start(STORY + INTERVIEW[:2]) is None


# ---------------------------------------------------------------- through clean_text


def test_cut_prefix_is_recorded_and_the_rest_is_verbatim():
    raw = f"First line of the story goes here and is long enough.\nPORTHAVEN, Oct. 20 -- {BODY}\n"
    cleaned = clean_text(raw, title=None, author=None)
    assert BODY in cleaned.text
    assert "PORTHAVEN" not in cleaned.text
    assert "PORTHAVEN, Oct. 20 --" in cleaned.removed
    for line in cleaned.text.split("\n"):
        assert line in raw
    for piece in cleaned.removed:
        assert piece in raw


def test_cut_leaves_a_headline_it_then_drops():
    """What is left after a stamp is judged like any line: a bare headline still goes."""
    cleaned = clean_text(
        f"Tuesday 4 January 2011 08.43 GMT Ferry link approved\n{BODY}", title=None, author=None
    )
    assert cleaned.text == BODY
    assert "Tuesday 4 January 2011 08.43 GMT Ferry link approved" in cleaned.removed


FERRY = "\n".join(
    [
        "Ferry link approved",
        "PORTHAVEN, Del., Oct. 20 -- The harbour council voted on Tuesday to approve a new ferry "
        "link between the old port and the island of Vessa, ending a three-year dispute.",
        "(AP Photo/Erik Holm) (Erik Holm - AP) Gulls circle over the old pier in Porthaven.",
        "The mayor, Tomas Berg, said the link would cut the journey from two hours to forty "
        "minutes.",
        "BLITZER: Mayor Berg, will the fares rise next year?",
        "Island residents will pay half the normal fare, Berg announced on Friday.",
        "Ferry fares to be reviewed - March 3, 2009",
        "Comments (2)",
        "Brilliant news for Vessa at last, well done to the council!",
        "Recommend (4) Report abuse",
        "Fares will rise again within a year, you watch.",
        "Recommend (2) Report abuse",
    ]
)
FERRY_JUNK = [
    "PORTHAVEN",
    "Del.",
    "Gulls",
    "Erik Holm",
    "BLITZER",
    "March 3, 2009",
    "Brilliant",
    "you watch",
    "Recommend",
]


@pytest.fixture(scope="module")
def ferry_json(tmp_path_factory):
    from briefer.pipeline import build_briefing
    from briefer.render import briefing_to_json

    folder = tmp_path_factory.mktemp("ferry")
    write(folder, "ferry.txt", FERRY)
    write(
        folder,
        "fares.txt",
        "Fares set\nPORTHAVEN (Reuters) - The new ferry link will charge "
        "island residents half fare from the spring, the mayor, Tomas Berg, said on Friday.\n",
    )
    return folder, briefing_to_json(build_briefing(folder))


def test_no_junk_reaches_any_section(ferry_json):
    _, briefing = ferry_json
    said = json.dumps({k: v for k, v in briefing.items() if k not in ("sources", "title")})
    assert "ferry" in said
    for junk in FERRY_JUNK:
        assert junk not in said, junk


def test_the_story_behind_a_dateline_is_read(ferry_json):
    folder, _ = ferry_json
    articles = {a.path.stem: a for a in read_sources(folder)}
    assert articles["ferry"].text.startswith("The harbour council voted on Tuesday")
    assert articles["fares"].text.startswith("The new ferry link will charge")
    assert "PORTHAVEN (Reuters) -" in articles["fares"].removed_lines


# ---------------------------------------------------------------- other publishers' headlines


def test_pieces_broken_off_a_link_list_go_with_it():
    lines = [
        BODY,
        "Island Post Stranded at the pier by the storm?",
        "Fares halved - 50 mins ago Harbour Daily Ferry link approved - 3 hrs ago Coastal Times",
        "'Free at last!'",
        "Pier reopens - 4 hrs ago Island Post.",
    ]
    cleaned = clean_text("\n".join(lines), title=None, author=None)
    assert cleaned.text == BODY
    assert set(lines[1:]) <= set(cleaned.removed)


def test_prose_beside_a_link_list_stays():
    lines = [
        "Is the island ready for tourists?",
        "The mayor thinks so.",
        "Fares halved - 50 mins ago Harbour Daily Ferry link approved - 3 hrs ago Coastal Times",
    ]
    cleaned = clean_text("\n".join(lines), title=None, author=None)
    assert cleaned.text == "\n".join(lines[:2])
