"""The analysis layer on constructed sentences: briefer's copy of a parse answers as spaCy does,
and the sentence-level rules (prose or not, tense, quotes, leading actors) hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.analysis import analyse
from briefer.analysis.nlp import load_pipeline, parse_lines, record
from briefer.analysis.ranking import LeadingActors, usable
from briefer.analysis.sentence import quote_ranges
from briefer.models import Actor, Article, PartialDate

TEXTS = [
    "U.S. Secretary of State Mike Pompeo, the top diplomat, said on Monday that he will travel "
    "to Kazakhstan, where officials who met him were pleased.",
    "Wells and Curtis arrived in Nur-Sultan; “We are here to listen,” Wells told reporters.",
    "The new ferry link, which the mayor opened last year, carries 400 cars a day.",
]


def _article(text: str, day: int = 6) -> Article:
    return Article(id="S1", path=Path("a.txt"), text=text, published=PartialDate(2020, 1, day))


@pytest.mark.parametrize("text", TEXTS)
def test_the_copy_answers_as_spacy_does(text):
    doc = load_pipeline()(text)
    copy = record(doc)
    assert copy.text == doc.text
    assert len(copy) == len(doc)
    for ours, theirs in zip(copy, doc, strict=True):
        assert (ours.text, ours.idx, ours.lemma_, ours.pos_, ours.tag_, ours.dep_) == (
            theirs.text,
            theirs.idx,
            theirs.lemma_,
            theirs.pos_,
            theirs.tag_,
            theirs.dep_,
        )
        assert ours.head.i == theirs.head.i
        assert [c.i for c in ours.children] == [c.i for c in theirs.children]
        assert [t.i for t in ours.subtree] == [t.i for t in theirs.subtree]
        assert (ours.left_edge.i, ours.right_edge.i) == (theirs.left_edge.i, theirs.right_edge.i)
        assert (ours.is_title, ours.is_lower, ours.is_upper, ours.is_alpha, ours.is_stop) == (
            theirs.is_title,
            theirs.is_lower,
            theirs.is_upper,
            theirs.is_alpha,
            theirs.is_stop,
        )
    assert [(e.start, e.end, e.label_) for e in copy.ents] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    assert [(s.start, s.end) for s in copy.sents] == [(s.start, s.end) for s in doc.sents]
    assert [c.text for c in copy.noun_chunks] == [c.text for c in doc.noun_chunks]


@pytest.mark.parametrize("text", TEXTS)
def test_char_spans_and_roots_match_spacy(text):
    doc = load_pipeline()(text)
    copy = record(doc)
    for start in range(0, len(text), 3):
        for width in (1, 5, 12):
            ours = copy.char_span(start, min(len(text), start + width))
            theirs = doc.char_span(start, min(len(text), start + width), alignment_mode="expand")
            if theirs is None:
                assert ours is None
                continue
            assert ours is not None
            assert (ours.start, ours.end, ours.text) == (theirs.start, theirs.end, theirs.text)
            assert ours.root.i == theirs.root.i


def test_the_same_token_is_always_the_same_object():
    copy = next(parse_lines([TEXTS[0]]))
    token = copy[3]
    assert token.head.head is copy[token.head.head.i]
    assert all(child.head is token for child in token.children)


def test_sentences_cite_their_verbatim_passage_and_quotes():
    text = "Intro line.\n\n" + TEXTS[1]
    analysis = analyse((_article(text),))
    second = analysis.sentences[-1]
    assert text[second.passage.start : second.passage.end] == second.text
    assert second.block == 1
    inside = second.text.index("We are")
    assert second.quoted(inside)
    assert not second.quoted(second.text.index("Wells told"))


def test_tense_follows_the_governing_verb():
    sentence = analyse((_article(TEXTS[0]),)).sentences[0]
    assert sentence.tense_at(sentence.text.index("travel")) == "future"
    assert sentence.tense_at(sentence.text.index("Monday")) == "past"


@pytest.mark.parametrize(
    ("headline", "lead"),
    [
        ("Helping the victims of the flood", "Between 100 and 200 people may have died there."),
        ("Rescuers end search for ferry survivors", "A team of divers is returning home today."),
        ("Residents sleep on the streets", "Thousands of people spent a second night outside."),
        ("Rescuers reach the island of Vessa", "Many people there are hungry and thirsty."),
        ("Ferry families 'sleeping in the terminal'", "Islanders spent a second night there."),
        ("Ferry row: 'watch, wait, reassure'", "A 23-month-old child has become the first case."),
    ],
)
def test_a_headline_run_into_the_lead_is_split_off_and_the_lead_kept(headline, lead):
    text = f"{headline} {lead}"
    sentences = analyse((_article(text),)).sentences
    assert [(s.text, s.garbled) for s in sentences] == [(headline, True), (lead, False)]
    # The lead is still a verbatim passage of the article.
    lead = sentences[1]
    assert _article(text).text[lead.passage.start : lead.passage.end] == lead.text


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("The minister said on Tuesday that talks with the union would resume.", False),
        ("Fed Has Giant, and Opaque, Role in the crisis that began last year.", True),
        ("Updated at 19.10 BST the minister spoke again about the talks.", True),
        ("BELTON, Mo., Oct. 20 -- The sheriff said the road had reopened.", True),
        ("Markets fall sharply The index lost ten percent on Monday in heavy trading.", True),
        # A run-in headline ending on a name, or on a number's opening word.
        ("Farmers take their protest to Lisbon When Ana Sousa lost her farm, she marched.", True),
        ("Helping the victims of the flood Between 100 and 200 people may have died there.", True),
        ("Rescue teams reached Port Vila An estimated 3,000 people are homeless there.", True),
        ("Women share food fairly with their families The UN has begun handing out rice.", True),
        # …or on an article, a pronoun, a quantifier or a number word, which no name explains.
        ("Divers searched the wreck of the ferry There are fears for the crew tonight.", True),
        ("Storm damage on the scale of Vessa Many people are hungry and thirsty there.", True),
        ("Islanders sleep in the open Thousands of people spent a night outside.", True),
        # A columnist's standfirst run into the piece.
        ("Anna Berg on a man at war with the harbour board Lars Holm is a genial fellow.", True),
        ("Anna Berg on the other hand said the harbour board had met on Monday.", False),
        # A press review's attribution of the passage it quotes.
        ('Portvik Herald Editorial, Norway, May 18 "The harbour board has lost its way."', True),
        ("Portvik Herald Editorial staff met the harbour board on May 18 in the town.", False),
        # Prose: a name, then a title of a work or a name-led phrase.
        ("She said that The Quiet Valley was the best film of the year by far.", False),
        ("Every morning the farmers read The Times before they went out to the fields.", False),
        ("She told Maria Lopez about the film The Quiet Valley on Monday night.", False),
        ("Farmers marched to Lisbon on Monday, and Ana Sousa spoke at the rally.", False),
        ("The children in the camp were given Vitamin A supplements by the nurses.", False),
        ("She said that Many Happy Returns was the best film of the year by far.", False),
        ("The talks in Lisbon on Tuesday ended without a deal for the farmers.", False),
    ],
)
def test_run_in_headlines_and_timestamps_are_not_prose(text, garbled):
    sentences = analyse((_article(text),)).sentences
    assert any(s.garbled for s in sentences) is garbled


def test_usable_sentences_are_whole_and_mostly_unquoted():
    texts = [
        "The council approved the budget after a long debate on Thursday.",
        "“We will not accept this budget, not now and not ever,” she said.",
        "Budget approved.",
        "Mayor Anna Berg at the opening of the new harbour office this morning.",
        "Captain Tom Lee, who was the harbour's official spokesman during the long strike.",
        "Captain Tom Lee, who was the harbour's spokesman, resigned during the long strike.",
    ]
    analysis = analyse(tuple(_article(t) for t in texts))
    verdicts = {s.text: usable(s) for s in analysis.sentences}
    assert verdicts[texts[0]] is True
    assert verdicts[texts[1]] is False  # more than half quoted
    assert verdicts[texts[2]] is False  # too short to stand alone
    assert verdicts[texts[3]] is False  # no verb: a caption
    assert verdicts[texts[4]] is False  # a name with only a relative clause
    assert verdicts[texts[5]] is True


def test_leading_actors_are_found_by_whole_surname():
    actor = Actor("United States", "state", None, (), 3, ())
    leading = LeadingActors((actor,))
    assert leading.count_in("The United States said so.") == 1
    assert leading.count_in("A statesman of the old school.") == 0


def test_quote_ranges_run_to_the_end_when_unclosed():
    text = "He said “we will win and then"
    assert quote_ranges(text) == [(text.index("“"), len(text))]


@pytest.mark.parametrize(
    ("texts", "subject"),
    [
        (
            [
                "Officials warned about the spread of swine flu on Monday.",
                "Schools closed because of swine flu in the capital.",
                "Doctors treated patients with swine flu across the country.",
            ],
            "Swine flu",
        ),
        # written as the sources write it, not rebuilt from its words ("Cross border …")
        (
            [
                "Officials praised the cross-border aid convoy on Monday.",
                "Rebels attacked the cross-border aid convoy overnight.",
                "Doctors travelled with the cross-border aid convoy for a week.",
            ],
            "Cross-border aid convoy",
        ),
        # one hyphenated name is no phrase: a story about Haiti is not "Port-au-Prince"
        (
            [
                "Aid finally reached Port-au-Prince on Monday.",
                "Looting spread across Port-au-Prince overnight.",
                "Doctors worked in Port-au-Prince for a week.",
            ],
            None,
        ),
    ],
)
def test_the_shared_subject_names_an_untitled_story(texts, subject):
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i}.txt"), text=t) for i, t in enumerate(texts, 1)
    )
    assert analyse(articles).subject == subject


def test_a_phrase_a_quarter_of_the_sources_use_names_the_story():
    """ "Haiti earthquake" is in 17 of 60 articles, the rest each tell one part of it."""
    towns = "Arden Bexley Corby Dorset Ely Frome Goole Hythe Ilkley".split()
    texts = [f"Volunteers in {town} collected blankets for the families." for town in towns]
    texts += [
        f"The harbour strike entered its {n} week in Portvik." for n in "first second third".split()
    ]
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i}.txt"), text=t) for i, t in enumerate(texts, 1)
    )
    assert analyse(articles).subject == "Harbour strike"


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        # a headline or caption run into the lead: a new clause starts with a capital, joined
        # to the one before by neither a conjunction nor punctuation
        (
            "Ferry workers prepare to restart the island service A new timetable is being "
            "drawn up by the harbour board.",
            True,
        ),
        (
            "Residents sleep in the ferry terminal Hundreds of people have spent a second "
            "night at the pier after the storm.",
            True,
        ),
        ("Words cannot describe it The old harbour of Porthaven is not in good shape.", True),
        (
            "Island charities prepare to deliver ferry aid Vessa aid efforts are underway to "
            "help the storm-hit island, where the damage is thought to be severe.",
            True,
        ),
        # the parser coordinates the caption's verb with the lead's, though nothing joins them
        (
            "Hundreds are dead or missing in Vessa Caricom has joined the world in trying to "
            "work out how it can help the island after Tuesday's storm.",
            True,
        ),
        (
            "Island donations to the ferry appeal reach #46m Vessan funds have been used to "
            "provide shelter for families Islanders have donated a total of #46m to the appeal.",
            True,
        ),
        # prose with a clause that has no conjunction, or a capital that a name explains
        (
            "The council yesterday tried to suppress evidence that the mayor believed the sale "
            "to Portvik was illegal less than two weeks before the ferry was sold.",
            False,
        ),
        ("It was an argument Mr Berg took a lead role in making on the council's behalf.", False),
        ("It was the last time I saw the old ferry leave the harbour.", False),
        ("Fares fell, the mayor said, and the service was cut.", False),
        (
            "The entire plan would have failed had not the council stepped in, the mayor said.",
            False,
        ),
        (
            "It was a moment neither the mayor nor his advisers had anticipated, but one for "
            "which they were prepared.",
            False,
        ),
        ("The storm hit the harbour; the ferry stayed in port.", False),
        ("It was the ferry Porthaven had wanted for years.", False),
        ("The council met on Monday and Berg announced the new fares.", False),
    ],
)
def test_a_clause_run_into_another_is_not_prose(text, garbled):
    sentences = analyse((_article(text),)).sentences
    assert len(sentences) == 1 or sentences[0].headline  # a run-in headline is split off
    assert sentences[0].garbled is garbled


@pytest.mark.parametrize(
    ("opening", "garbled"),
    [
        # a caption run into the lead, where only a common word's capital shows the seam
        ("Ferry service hit by storm delays Makeshift shelters are going up at the pier.", True),
        ("Help reaches the island after the storm Scottish charities are sending blankets.", True),
        ("Crowds fill the hearing on the ferry sale Mayor Anna Berg testifies to the board.", True),
        # after a place, a plural that no entity takes in and no other sentence capitalises
        ("Help has been slow to reach survivors in Chile Criminals are using online scams.", True),
        # prose: a nationality inside a phrase, a letter as a label, a name after a verb
        ("Senior Iraqi officials met on Monday to discuss the budget for the schools.", False),
        ("She ran a one-person American aid agency in the city for many years.", False),
        ("Swine flu is caused by type A influenza viruses that spread among pigs.", False),
        ("The storm delayed the ferry and Makeshift Theatre cancelled its show there.", False),
        ("Ferries stopped after the arrival of Mayor Anna Berg delayed the boats.", False),
        ('"This is a decisive moment," Mayor Anna Berg declared in Portvik on Friday.', False),
        ('More than a million people saw "Dirty" Den Berg killed off on Friday night.', False),
        # a closing quotation mark glued to the capital of what follows: a lost line break
        (
            "Secret memo said the harbour is seen as a 'toll gate'Read the memo here The "
            "Harbour Board's top official warned the mayor a year before the storm.",
            True,
        ),
        # an apostrophe inside a name is no closing mark
        ("The Community of Sant'Egidio has run the harbour kitchen in Portvik since 2010.", False),
        # a headline sums up the lead it runs into: the same two words come twice
        (
            "Red Cross van stolen in Portvik Red Cross workers have helped deliver aid to the "
            "island after the storm.",
            True,
        ),
    ],
)
def test_a_caption_run_into_the_opening_line_is_not_prose(opening, garbled):
    # Another article writes the common word in lower case: so it is no name.
    articles = (_article(f"{opening}\nThe ferry sailed again on Tuesday."), _article(_SHELTERS))
    first = analyse(articles).sentences[0]
    assert (first.text, first.garbled) == (opening, garbled)


_SHELTERS = "Volunteers built makeshift shelters at the pier while the storm went on."


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a caption that ends on a quoted word
        (
            'Ferry boy praised by mayor Mrs Berg said he was "inspirational" The mayor has '
            "described a seven-year-old boy who raised money for the storm appeal as a hero.",
            "The mayor has described",
        ),
        # a quoted sentence run on from one that lost its full stop
        (
            'They want us to bring them food, which is what we want to do "Our biggest problem '
            'is the harbour," Anna Berg, the mayor of the island town, told reporters on Friday.',
            '"Our biggest problem',
        ),
        # a headline run into a lead that opens on a name
        (
            "Mayor accepts blame for ferry crash Board to cut fares in the winter season "
            "Mayor Anna Berg conceded yesterday that the safety checks had been skipped.",
            "Mayor Anna Berg conceded",
        ),
        # a headline ending on a quotation, a lead opening on a name and its description
        (
            "'Father' of Portvik savages ferry board Berg brands owners a cartel and stands by "
            "claim that islanders 'rule the harbour by proxy' Anna Berg, the island's "
            "longest-serving mayor, denounced the ferry company yesterday as a cartel.",
            "Anna Berg, the island's",
        ),
        # a caption before a paragraph that opens on its day
        (
            "Rescued after ten days in the rubble On Friday a fisherman was found alive under "
            "the harbour office.",
            "On Friday a fisherman",
        ),
    ],
)
def test_what_runs_into_a_sentence_is_split_off_and_left_unused(text, lead):
    before, rest = analyse((_article(text),)).sentences
    assert (before.headline, rest.garbled) == (True, False)
    assert rest.text.startswith(lead)


@pytest.mark.parametrize(
    "text",
    [
        # a quoted name in an opening phrase, then a described subject
        "After the collapse of 'Harbour Bank' Anna Berg, the mayor, promised to save the ferry.",
        # a role before the name, a clause a verb of saying reports, a name inside prose
        "When the ferry sank off the coast, harbour pilot Anna Berg swam to the shore.",
        "The mayor told his monthly news conference Portvik had the best ferry in the north.",
        "The storm closed the harbour for a week and Anna Berg cancelled the ferry service.",
    ],
)
def test_an_opening_line_with_a_name_inside_is_one_sentence_of_prose(text):
    sentences = analyse((_article(text),)).sentences
    assert [(s.text, s.headline, s.garbled) for s in sentences] == [(text, False, False)]


@pytest.mark.parametrize(
    "text",
    [
        'He called it "A Quiet Windfall for the harbour," the mayor said on Friday in Portvik.',
        'The mayor said "We will rebuild the harbour," and left the stage after a short speech.',
    ],
)
def test_a_quotation_a_sentence_leads_into_stays_in_it(text):
    assert [s.text for s in analyse((_article(text),)).sentences] == [text]


@pytest.mark.parametrize(
    ("line", "garbled"),
    [
        # a caption run into a paragraph further down
        ("Ferry service hit by storm delays Makeshift shelters are going up at the pier.", True),
        # prose there: a nationality after a noun, a present after a name
        ("It was the day Danish sailors took the harbour back from the storm.", False),
        ("Writing on Harbour Watch, Anna Berg says the pier must be rebuilt.", False),
        # a capitalised article after a participle; not a title the participle names
        ("Whole streets have been flattened The Harbour Relief Fund is sending tents.", True),
        ("The pier has been renamed The Nordvik Quay and the ferry is moving there.", False),
        ("The pier was bought by The Harbour Trust and the ferry is moving there.", False),
        ("Harbour officials have told The Observer that the pier will close.", False),
    ],
)
def test_a_caption_run_into_a_later_paragraph_is_not_prose(line, garbled):
    later = analyse((_article(f"The ferry sailed again.\n{line}"), _article(_SHELTERS)))
    assert (later.sentences[1].text, later.sentences[1].garbled) == (line, garbled)


def test_a_word_capitalised_inside_other_sentences_is_a_name_not_a_seam():
    opening = (
        "Anna Berg has said the harbour board needs its own Speaker and that members should lead."
    )
    lower = "\nThe speaker of the council said no."
    seam = analyse((_article(opening + lower),)).sentences[0]
    # Capitalised inside two sentences, "Speaker" is a title as in "the Commons Speaker".
    named = analyse((_article(opening + lower + "\nThe Commons Speaker agreed with her."),))
    assert (seam.garbled, named.sentences[0].garbled) == (True, False)


def test_a_middle_initial_does_not_end_the_sentence():
    # The parser ends a sentence after "Ben S." here (and not after "Anna S.").
    text = (
        "All the key decisions have been made by Port Board Chairman Ben S. Bernanke and "
        "Timothy F. Dahl, the mayor of Portvik."
    )
    assert [s.text for s in analyse((_article(text),)).sentences] == [text]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a corpus of one sentence a line broke at an abbreviation and after a quotation
        (
            "Rep. Anna Berg (D-Port.)\n, the committee's chairman, called the deal a big step.",
            ["Rep. Anna Berg (D-Port.)\n, the committee's chairman, called the deal a big step."],
        ),
        (
            '"We will not pass this bill in a week," Rep. Jon Dahl (R-Port.)\n'
            "said after leaving the meeting.",
            [
                '"We will not pass this bill in a week," Rep. Jon Dahl (R-Port.)\n'
                "said after leaving the meeting."
            ],
        ),
        # a line after a full stop, or one that opens on a name's particle, is a sentence
        (
            "The ferry advert was released.\nfeatures a man sneezing in a lift.",
            ["The ferry advert was released.", "features a man sneezing in a lift."],
        ),
        (
            "The general spoke of France\nde Gaulle had led the country in the war.",
            ["The general spoke of France", "de Gaulle had led the country in the war."],
        ),
    ],
)
def test_a_line_that_goes_on_the_sentence_before_is_joined_to_it(text, sentences):
    """Line breaks are kept in the passage: it stays verbatim."""
    assert [s.text for s in analyse((_article(text),)).sentences] == sentences
