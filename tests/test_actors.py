"""The actor rules one by one, on constructed sentences parsed with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.analysis import Analysis, analyse
from briefer.analysis.actors import extract_actors
from briefer.analysis.actors.clustering import cluster_mentions
from briefer.analysis.actors.countries import state_of_government
from briefer.analysis.actors.kinds import (
    COUNTRY_VOTE,
    DESCRIBED_ORG_VOTE,
    LABEL_VOTE,
    TITLE_VOTE,
    _plural_office,
    kind_of,
    self_reference,
    vote,
)
from briefer.analysis.actors.mentions import (
    Cluster,
    Mention,
    add_untagged_mentions,
    collect_mentions,
    common_words,
    excluded_names,
    normalise,
)
from briefer.analysis.actors.roles import _says_something, role_of
from briefer.models import Actor, Article, PartialDate, source_order


def _corpus(*texts: str) -> Analysis:
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i:03d}.txt"), text=text) for i, text in enumerate(texts, 1)
    )
    return analyse(articles)


def _actors(*texts: str) -> dict[str, Actor]:
    corpus = _corpus(*texts)
    return {a.name: a for a in extract_actors(corpus.articles, corpus.sentences)}


def _voted(*texts: str) -> dict[str, Cluster]:
    corpus = _corpus(*texts)
    mentions = collect_mentions(corpus.sentences)
    common = common_words(corpus.sentences)
    clusters = cluster_mentions(corpus.sentences, mentions, excluded_names(corpus.articles), common)
    add_untagged_mentions(corpus.sentences, clusters)
    for cluster in clusters:
        vote(cluster, common)
    return {c.name: c for c in clusters}


# ---------------------------------------------------------------- kinds


def test_a_title_before_a_name_votes_person():
    cluster = _voted("Colonel Ahmed Bani told the court the rebels had retreated.")["Ahmed Bani"]
    assert cluster.votes["person"] >= LABEL_VOTE + TITLE_VOTE
    assert kind_of(cluster) == "person"


def test_a_group_in_apposition_votes_organisation():
    text = "Amnesty International, the group that documents abuses, said the trial was unfair."
    cluster = _voted(text)["Amnesty International"]
    assert cluster.votes["organisation"] >= LABEL_VOTE + DESCRIBED_ORG_VOTE
    assert kind_of(cluster) == "organisation"


def test_a_country_name_is_a_state():
    cluster = _voted("Kazakhstan said it would not extradite the refugees.")["Kazakhstan"]
    assert cluster.votes["state"] == COUNTRY_VOTE
    assert kind_of(cluster) == "state"


def test_a_name_described_as_a_drug_is_no_actor():
    # "Two drugs, X and Y": a product never acts, whatever label the model gives it.
    clusters = _voted(
        "Two drugs, Veltrix and Norasil, seem effective against the new strain.",
        "Hospitals stocked Veltrix, a drug made in Basel, for the winter.",
        "Doctors said Veltrix, the drug of choice, was in short supply.",
    )
    assert not clusters["Veltrix"].votes


def test_a_name_that_takes_an_article_and_never_acts_is_no_person():
    # "the original Bretton Woods", "a new Bretton Woods": a name used so is a thing or an event.
    texts = [
        "The original Halden Brooks took place in 1944 and set the exchange rates.",
        "Leaders want a new Halden Brooks before the end of the year.",
        "Critics doubt that the planned Halden Brooks will fix the banks.",
        "This weekend's meeting has been billed as a new Halden Brooks.",
    ]
    clusters = _voted(*texts)
    assert all(kind_of(c) != "person" for n, c in clusters.items() if "Brooks" in n and c.votes)


def test_a_name_the_text_calls_a_company_is_no_person_and_says_nothing():
    # The model may take a company's name for a person's; what the text calls it settles it,
    # and "he said" after it is not the company's.
    actors = _actors(
        "Russian oil firm Vostrak filed for bankruptcy in Houston on Monday. Vostrak said the "
        "sale was illegal.",
        "Governments should not treat companies such as Vostrak this way, the minister said. "
        '"We will appeal," he said.',
        "Vostrak sued four banks on Friday. Vostrak argued that the auction was unlawful.",
    )
    assert actors["Vostrak"].kind == "organisation"
    assert actors["Vostrak"].quotes == ()


def test_a_name_listed_after_an_organisation_noun_or_a_plural_is_no_person():
    # "firms such as A and B" calls both firms; a plural noun before one name ("auditors
    # Halden Marsh") makes the name stand for many, as a person's never does.
    actors = _actors(
        "Insurance firms such as Swiss Re and Munich Re lost value as investors worried. "
        "Munich Re, the world's biggest reinsurer, said losses would be small.",
        "Munich Re said it would pay all claims. Munich Re said its exposure was small.",
        "Ms Cooper told the jury that external auditors Halden Marsh had approved the accounts. "
        "She said Halden Marsh had given a green light to the practices.",
    )
    assert actors["Munich Re"].kind == "organisation"
    assert actors["Halden Marsh"].kind == "organisation"


def test_a_platform_is_an_actor_only_where_the_text_makes_it_act():
    posted = _actors(
        "On Twitter, Ann Lee said the minister had resigned. The video was posted on YouTube.",
        "Ann Lee wrote on Twitter that the talks had failed. Clips spread on YouTube.",
    )
    assert "Twitter" not in posted
    assert "YouTube" not in posted
    about = _actors(
        "Google has bought the video site for $1.6bn. Google said the deal would close soon.",
        "Shares in Google rose 5% on Monday. Google's chief executive met the regulators.",
    )
    assert about["Google"].kind == "organisation"


def test_a_name_whose_shares_trade_or_that_is_called_a_company_is_no_person():
    clusters = _voted(
        "Manchester United shares closed at 270p on Friday, down 3p on the day.",
        '"Manchester United are a debt-free company," the fans said.',
        "Manchester United revealed on Sunday that it had received a detailed proposal.",
    )
    assert kind_of(clusters["Manchester United"]) == "organisation"


def test_a_name_that_calls_itself_it_is_no_person():
    # The model took "Vexor" for a person's name each time; "it" says otherwise.
    clusters = _voted(
        "Vexor said it could not guarantee that a firm offer would be made.",
        "However, Vexor said it would bid for the exchange in cash.",
        "Rival suitor Vexor also upped the ante. Vexor said on Thursday that talks went well.",
    )
    assert kind_of(clusters["Vexor"]) == "organisation"


@pytest.mark.parametrize(
    ("text", "itself"),
    [
        ("Petra Lind said it would bid for the firm.", "organisation"),
        ("Petra Lind said its profits had doubled.", "organisation"),
        ("Petra Lind said it was not planning any change.", "organisation"),
        ("Petra Lind said he would bid for the firm.", "person"),
        ("Petra Lind said it was a good day for the party.", None),
        ("Petra Lind said it would take time to recover.", None),
        ("Petra Lind said it would be wrong to guess.", None),
    ],
)
def test_what_a_speaker_calls_itself(text: str, itself: str | None) -> None:
    (mention,) = _voted(text)["Petra Lind"].mentions
    assert self_reference(mention) == itself


def test_initials_before_a_surname_are_a_person_s_where_the_text_says_so():
    texts = [
        "The bid needs the approval of major shareholders John Magnier and JP McManus.",
        "It is not known whether Mr McManus and Mr Magnier would support the bid.",
        "The Irish horseracing tycoons JP McManus and John Magnier own 29% of the club.",
    ]
    assert kind_of(_voted(*texts)["JP McManus"]) == "person"
    bank = _voted("JP Morgan, the US investment bank, advised on the bid.")
    assert kind_of(bank["JP Morgan"]) == "organisation"


def test_holders_of_an_office_are_a_group():
    text = "Labour MPs criticised the plan on Monday. Labour MPs said it was unfair to families."
    assert kind_of(_voted(text)["Labour MPs"]) == "group"


@pytest.mark.parametrize(
    ("name", "office"),
    [("Labour MPs", True), ("Chelsea bosses", True), ("Labour deputies", True)]
    + [("James Masters", False), ("Lib Dems", False), ("Harry Potters", False)],
)
def test_a_plural_office_is_an_office_word_in_its_plural(name, office):
    assert _plural_office(name) is office


def test_a_title_in_apposition_votes_person():
    text = "Marta Ilves Lind, the preschool's director, met the mayor on Friday."
    cluster = _voted(text)["Marta Ilves Lind"]
    assert cluster.votes["person"] >= TITLE_VOTE
    assert kind_of(cluster) == "person"


def test_a_lone_word_only_the_model_calls_a_person_is_dropped():
    # No title, no verb of a person: "Relenza" is a drug, whatever the tagger says.
    clusters = _voted("Doctors prescribed Relenza to the patients in the ward.")
    assert "person" not in {kind_of(c) for c in clusters.values() if c.votes}


# ---------------------------------------------------------------- roles


def _role(text: str, name: str) -> str | None:
    cluster = _voted(text)[name]
    kind = kind_of(cluster)
    return next((r for m in cluster.mentions if (r := role_of(m, kind))), None)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A title after a body's name with "of" keeps the whole name …
        (
            "Association of Chief Police Officers president Chris Fox said the power was weak.",
            "Chris Fox",
            "Association of Chief Police Officers president",
        ),
        (
            "Bank of England governor Mervyn King said rates would stay on hold.",
            "Mervyn King",
            "Bank of England governor",
        ),
        # … but "of" after a common word, or before a title, ends the phrase before the title.
        (
            "He welcomed the resignation of Home Secretary Ann Lee on Monday.",
            "Ann Lee",
            "Home Secretary",
        ),
        (
            "Supporters of President Hugo Chavez marched in Caracas on Sunday.",
            "Hugo Chavez",
            "President",
        ),
        (
            "Fans of Manchester United striker Wayne Rooney queued outside the ground.",
            "Wayne Rooney",
            "Manchester United striker",
        ),
        (
            "Officials at the Office of President Mahmoud Abbas said the talks would go on.",
            "Mahmoud Abbas",
            "President",
        ),
        # A list of people is no one's role; a person the role relates to may be in it.
        (
            "News agencies reported that India's petroleum minister Mr Aiyar and Russian energy "
            "minister Viktor Khristenko would meet on Tuesday.",
            "Viktor Khristenko",
            None,
        ),
        (
            "Sidney Blumenthal, an aide to Hillary Clinton and a former journalist, said so.",
            "Sidney Blumenthal",
            "aide to Hillary Clinton and a former journalist",
        ),
        (
            "Tachi Yamada, president of global health at the Bill and Melinda Gates Foundation, "
            "said so.",
            "Tachi Yamada",
            "president of global health at the Bill and Melinda Gates Foundation",
        ),
    ],
)
def test_a_role_is_the_phrase_that_names_it_whole(text, name, role):
    assert _role(text, name) == role


def test_role_from_an_apposition():
    text = (
        "Ambassador Alice Wells, principal deputy assistant secretary for South and Central "
        "Asia, met the delegation on Tuesday."
    )
    role = _role(text, "Alice Wells")
    assert role is not None
    assert "principal deputy assistant secretary for South and Central Asia" in role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Anna Berg was confirmed as harbour secretary by the council on Tuesday.",
            "harbour secretary",
        ),
        (
            "Anna Berg was elected president of the harbour board on Wednesday.",
            "president of the harbour board",
        ),
        ("Anna Berg became mayor of Portvik in May after a long campaign.", "mayor of Portvik"),
        # still to come, a condition, an award, or no office
        ("Anna Berg will be named as harbour secretary by the council in May.", None),
        ("If Anna Berg is elected mayor of Portvik, she will cut the harbour fees.", None),
        ("Anna Berg was named best director at the Portvik Theatre Awards.", None),
        ("Anna Berg became a symbol of the dock strike in Portvik.", None),
    ],
)
def test_an_office_a_person_took_is_a_role(text, role):
    assert _role(text, "Anna Berg") == role


def test_role_from_a_title_before_the_name():
    role = _role("U.S. Secretary of State Mike Pompeo visited the capital.", "Mike Pompeo")
    assert role == "U.S. Secretary of State"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "James Holt, of the League Against Cruel Sports, said so.",
            "with the League Against Cruel Sports",
        ),
        ("James Holt, from the Harbour Trust, said so.", "with the Harbour Trust"),
    ],
)
def test_an_organisation_set_off_by_commas_after_the_name_is_an_affiliation(text, role):
    assert _role(f"{text} Mr Holt agreed.", "James Holt") == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Haitian-born rap star James Holt has urged fans to donate.", "Haitian-born rap star"),
        # another person's name and "and" before: the words after it describe this one
        (
            "The concert, led by George Clooney and Haiti-born rapper James Holt, raised money.",
            "Haiti-born rapper",
        ),
    ],
)
def test_a_hyphenated_description_before_the_name_is_a_role(text, role):
    assert _role(f"{text} Mr Holt agreed.", "James Holt") == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # the model took the rank into the name ("Constable Petra Lind")
        (
            "But Assistant Chief Constable James Holt has met the protest groups.",
            "Assistant Chief Constable",
        ),
        # "confident" says how "he" is, not what she is
        (
            "He said he was confident shadow harbour secretary James Holt would set out the plan.",
            "shadow harbour secretary",
        ),
        # the clause's verb is no word of the title; a qualifier ("acting") is
        ("Anna Berg won the award and thanked director James Holt for the part.", "director"),
        ("Harbour acting director James Holt said the port would open.", "acting director"),
    ],
)
def test_a_title_before_the_name_whole_and_without_what_the_clause_says(text, role):
    assert _role(f"{text} Mr Holt agreed.", "James Holt") == role


def test_role_from_a_descriptor_before_the_name():
    role = _role("The harbour master Petra Lind closed the port.", "Petra Lind")
    assert role == "harbour master"


def test_no_role_from_the_object_of_a_relative_clause_the_name_opens():
    # "the impact [that] manager Petra Lind has had": the parser reads one noun phrase.
    text = (
        "Gallas has been given extra confidence by the impact manager Petra Lind has had since "
        "taking over as manager."
    )
    assert _role(text, "Petra Lind") != "impact manager"
    assert _role("The striker was praised by the manager Petra Lind.", "Petra Lind") == "manager"
    text = "The priority for Finance Minister Petra Lind is to fight poverty."
    assert _role(text, "Petra Lind") == "Finance Minister"


def test_a_role_is_read_once_and_without_the_sentence_stop():
    # The parser may split "vice-president" and give "vice" in apposition on its own.
    text = "One dissenting opinion came from Petra Lind, vice-president of research at Gartner."
    assert _role(text, "Petra Lind") == "vice-president of research"
    text = "The men won no medal, with Petra Lind the only track finalist in the 1500m."
    assert _role(text, "Petra Lind") == "the only track finalist in the 1500m"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "But on Wednesday Prime Minister Yulia Tymoshenko said the government was planning "
            "to renationalise the firm.",
            "Yulia Tymoshenko",
            "Prime Minister",
        ),
        (
            "Leaders came, among them German Chancellor Petra Lind.",
            "Petra Lind",
            "German Chancellor",
        ),
        (
            "Observers claim it is a calculated snub against political rival Chancellor Petra "
            "Lind, who was supposed to lead the delegation.",
            "Petra Lind",
            "Chancellor",
        ),
        (
            "The former Defence Secretary Petra Lind spoke first.",
            "Petra Lind",
            "former Defence Secretary",
        ),
        ("Secretary of State Petra Lind met the envoys.", "Petra Lind", "Secretary of State"),
        (
            "All Blacks captain Tama Umaga said the game was won.",
            "Tama Umaga",
            "All Blacks captain",
        ),
    ],
)
def test_a_title_before_a_name_without_the_clause_before_it(
    text: str, name: str, role: str
) -> None:
    assert _role(text, name) == role


def test_a_role_split_by_the_parser_or_left_with_a_word_of_a_clause_is_mended():
    text = '"Search was always important," said Petra Lind, Vexo vice-president of operations.'
    assert _role(text, "Petra Lind") == "Vexo vice-president of operations"
    text = (
        "But for Petra Lind, a research director at analyst firm Gartner and someone who has "
        "followed the firm since 1995, the deal is a gamble."
    )
    assert _role(text, "Petra Lind") == "research director at analyst firm Gartner"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Financial Times journalist Petra Lind wrote the book.",
            "Petra Lind",
            "Financial Times journalist",
        ),
        ("The club said Chelsea boss Petra Lind would stay.", "Petra Lind", "Chelsea boss"),
        ("Online retailer Vexmart said sales rose by 5% in May.", "Vexmart", "online retailer"),
        ("Shares in Internet giant Vexmart rose by 5% in May.", "Vexmart", "Internet giant"),
        ("Teenager Petra Lind won the final on Sunday.", "Petra Lind", None),
        ("Tory MP Petra Lind joined calls for an inquiry.", "Petra Lind", "Tory MP"),
        (
            "Dovermark vice-chairman David Dein said the club would grow.",
            "David Dein",
            "vice-chairman",
        ),
        (
            "Harbourside boss Petra Lind says she has no plans. Lind's side beat Harbourside.",
            "Petra Lind",
            "Harbourside boss",
        ),
        (
            "Seven minutes later, the unfortunate Tom Dunne hooked a volley into his own net.",
            "Tom Dunne",
            None,
        ),
    ],
)
def test_a_description_written_before_the_name_is_its_role(
    text: str, name: str, role: str | None
) -> None:
    assert _role(text, name) == role


def test_a_role_keeps_the_capital_of_a_name_that_opens_sentences():
    actors = _actors(
        "Harbourside boss Petra Lind says she has no plans to sign anyone.",
        "Harbourside boss Petra Lind rested two players on Sunday.",
        "The club said Harbourside boss Petra Lind would stay.",
    )
    assert actors["Petra Lind"].role == "Harbourside boss"


def test_no_role_where_the_text_states_none():
    assert _role("Boris Johnson spoke in the city on Monday.", "Boris Johnson") is None


# ---------------------------------------------------------------- clustering


def test_a_surname_joins_the_full_name():
    actors = _actors(
        "Health Secretary Alan Johnson visited the hospital. Johnson said it was ready."
    )
    assert "Johnson" not in actors
    assert actors["Alan Johnson"].mentions == 2
    assert "Johnson" in actors["Alan Johnson"].aliases


@pytest.mark.parametrize(
    ("texts", "short", "full"),
    [
        (
            (
                "The World Health Organization warned of a pandemic on Monday. "
                "The WHO said the virus was spreading.",
            ),
            "WHO",
            "World Health Organization",
        ),
        # A short word in capitals is kept whole in the acronym.
        (
            (
                "The UK Independence Party has lost one of its two London Assembly members to a "
                "new party. UKIP said the vote had been close.",
                "UKIP members met in Leeds on Tuesday. The UK Independence Party has lost one of "
                "its two London Assembly members to a new party.",
            ),
            "UKIP",
            "UK Independence Party",
        ),
        # The one name of the text the acronym spells out, though no article names both.
        (
            (
                "American Widget Group reported a large loss on Monday.",
                "American Widget Group has 900 staff in the city.",
                "Shares in AWG fell sharply on Tuesday, traders said.",
                "Analysts expect AWG to cut jobs in the spring.",
            ),
            "AWG",
            "American Widget Group",
        ),
        # Named once, a name an acronym spells may be a joke ("CNN is branded the Communist
        # News Network"): the acronym stays its own actor.
        (
            (
                "CNN reported the vote on Monday.",
                "CNN is branded the Communist News Network by its critics.",
                "Viewers told CNN they would vote again.",
            ),
            "CNN",
            None,
        ),
        # An acronym that opens a name of its own ("CBS News") is that name's.
        (
            (
                "The Central Bureau of Statistics said prices rose in May.",
                "The Central Bureau of Statistics said exports fell in June.",
                "CBS News reported the strike on Monday.",
                "CBS said the strike would go on.",
            ),
            "CBS",
            None,
        ),
        # A body every word of whose name is a common word is no "thing" when its acronym
        # names it too.
        (
            (
                "Leaders flew to the World Economic Forum in the Swiss resort of Davos.",
                "Bankers at the World Economic Forum in Davos spoke of growth.",
                "The world is watching, and the economic forum of the town hall met in March.",
                "WEF participants were told to expect snow at the WEF this year.",
            ),
            "WEF",
            "World Economic Forum",
        ),
    ],
)
def test_an_acronym_joins_its_full_form(texts, short, full):
    actors = _actors(*texts)
    if full is None:  # it joins nothing
        assert all(short not in a.aliases for a in actors.values())
        return
    assert short not in actors
    assert short in actors[full].aliases


def test_a_double_barrelled_surname_is_one_person_in_all_its_forms():
    actors = _actors(
        "Former host Robert Kilroy-Silk launched a new party in London on Wednesday. "
        "Mr Kilroy-Silk said the party would contest most seats.",
        "Kilroy quits the party. Robert Kilroy Silk told members he was leaving. "
        "Mr Kilroy Silk said the party had lost its way.",
    )
    people = [name for name in actors if "Kilroy" in name]
    assert people == ["Robert Kilroy-Silk"]
    assert {"Kilroy", "Kilroy Silk"} <= set(actors["Robert Kilroy-Silk"].aliases)


def test_a_word_of_another_name_is_not_a_short_form_of_this_one():
    # "Re" of "Swiss Re" is not Munich Re's, though the model took "Munich Re" for a person.
    actors = _actors(
        "Reinsurance firms such as Swiss Re and Munich Re lost value as investors worried.",
        "Munich Re, the world's biggest reinsurer, said losses would be small. Munich Re said "
        "it would pay all claims.",
        "Swiss Re has said total claims are likely to be less than $10bn. Swiss Re believes "
        "the cost would be substantial.",
    )
    munich = actors["Munich Re"]
    assert munich.mentions == 3
    assert "S3" not in munich.sources


def test_a_name_written_as_one_word_is_the_name_written_as_two():
    actors = _actors(
        "Investment bank JP Morgan is advising the bidder. JP Morgan said the loan was ready.",
        "JPMorgan has arranged the finance for the takeover, the club said.",
    )
    banks = [name for name in actors if "morgan" in name.lower()]
    assert banks == ["JP Morgan"]
    assert actors["JP Morgan"].sources == ("S1", "S2")


def test_a_surname_is_not_given_to_its_bearer_where_another_name_holds_the_word():
    # "Wong" beside Wong Kar-Wai (family name first) is not Eddie Wong, named elsewhere.
    actors = _actors(
        "Eddie Wong, chief Asian strategist at ABN Amro, said markets would recover soon. Mr "
        "Wong said losses would be small.",
        "Hong Kong director Wong Kar-Wai was honoured for promoting Asian cinema. \"It's a great "
        'honour, I want to share this honour with my colleagues," Wong said.',
    )
    assert actors["Eddie Wong"].sources == ("S1",)
    assert actors["Eddie Wong"].quotes == ()


def test_a_word_after_the_is_no_surname_nor_a_firm_cut_short():
    actors = _actors(
        "Rapper Kanye West won three awards on Sunday. Kanye West thanked his fans.",
        "Asian films are made far quicker than we make them in the West, Ms Lee said.",
        "The Commons Standards and Privileges Committee met on Monday. MPs in the Commons "
        "voted on Tuesday. The Commons Standards and Privileges Committee will report soon.",
    )
    assert actors["Kanye West"].sources == ("S1",)
    committee = actors["Commons Standards and Privileges Committee"]
    assert "Commons" not in committee.aliases


def test_another_name_of_a_body_is_the_body():
    actors = _actors(
        "The Tories said the tax plan was a con. The Tories will publish their own plan.",
        "The Conservatives have promised to cut taxes. The Conservatives said so on Monday.",
    )
    parties = [name for name in actors if name in ("Tories", "Conservatives")]
    assert parties == ["Conservatives"]
    assert "Tories" in actors["Conservatives"].aliases


def test_an_actor_many_sources_name_outranks_one_a_profile_names_throughout():
    profile = " ".join(
        f"Tom Vale spoke about the harbour on day {n}. Mr Vale said the ferry was late."
        for n in range(1, 7)
    )
    corpus = _corpus(
        profile,
        "Ann Berg opened the new pier on Monday.",
        "The council thanked Ann Berg for the pier.",
        "Ann Berg will speak to the council in May.",
    )
    names = [a.name for a in extract_actors(corpus.articles, corpus.sentences)]
    assert names.index("Ann Berg") < names.index("Tom Vale")


def test_a_continent_is_not_the_state_named_after_it():
    actors = _actors(
        "South Africa pledged aid to the region on Monday. South Africa said it would help.",
        "Aid for the tsunami will not take relief from Africa, the prime minister said. Africa "
        "needs debt relief more than ever.",
    )
    assert "Africa" not in actors["South Africa"].aliases
    assert actors["South Africa"].sources == ("S1",)


def test_a_clause_after_the_name_is_no_role():
    actors = _actors(
        "Russia will not abide by any US court decisions on troubled oil firm Vostrak, a "
        "Houston court has been told.",
        "Oil firm Vostrak sued four banks on Friday. Vostrak argued that the auction was unlawful.",
    )
    assert "court" not in (actors["Vostrak"].role or "")


def test_a_word_cut_from_a_longer_name_is_no_actor():
    actors = _actors(
        "Tony Blair is to join Home Secretary David Blunkett in a visit to Sheffield on "
        "Thursday. MPs criticised Home Secretary David Blunkett last year.",
        "The Liberal Democrat parliamentary chairman Matthew Taylor said the ambition was "
        "clear. The Liberal Democrat spokesman said the plan had failed.",
    )
    assert "Home" not in actors
    assert "Liberal" not in actors
    assert actors["David Blunkett"].mentions == 2


def test_a_nickname_and_a_name_in_another_case_are_one_entity():
    actors = _actors(
        "Former Teleco boss Bernie Vossler is accused of fraud. Vossler denies the charges. "
        "Shares in TeleCom fell on Monday after TeleCom said it would cut jobs.",
        "Bernard Vossler told the court on Tuesday that he had never seen the accounts. "
        "Analysts said Telecom had lost customers. Telecom said it would appeal.",
    )
    people = [n for n in actors if "Vossler" in n]
    assert len(people) == 1
    assert {"Bernie Vossler", "Bernard Vossler"} <= {people[0], *actors[people[0]].aliases}
    assert len([n for n in actors if n.casefold() == "telecom"]) == 1


def test_a_name_cut_after_an_honorific_is_no_actor_and_hides_no_speaker():
    # "Said Mr Fogg: …" reached the model as "Said Mr"; that fragment made "he said" unclear.
    actors = _actors(
        'Analyst Ian Fogg studies music players. Said Mr Fogg: "It is a computer." '
        "Said Mr Fogg, the market was growing.",
        'Ian Fogg said sales had doubled. "Europeans care most about music," he said.',
    )
    assert not any(name.endswith("Mr") for name in actors)
    assert "Europeans care most about music" in [q.text for q in actors["Ian Fogg"].quotes]


def test_a_unit_written_onto_a_number_is_no_actor():
    actors = _actors(
        "The iPod mini model can hold 6GB compared to a previous 4GB. A 30GB version has also "
        "been added to the iPod Photo family.",
        "The 2.5GB and 5GB circular pocket hard drive from Seagate might help.",
    )
    assert "GB" not in actors


def test_a_clipped_form_of_a_body_s_name_is_the_body():
    actors = _actors(
        "The Liberal Democrats said the plan would fail. The Liberal Democrats voted against.",
        "The Lib Dems want a new tax on the rich. Lib Dem spokesman Mark Oaten said so.",
    )
    assert "Lib Dems" not in actors
    assert "Lib Dem" not in actors
    assert {"Lib Dem", "Lib Dems"} & set(actors["Liberal Democrats"].aliases)


def test_a_shared_surname_goes_to_the_person_named_in_the_same_article():
    actors = _actors(
        "Boris Johnson spoke in London on Monday.",
        "Health Secretary Alan Johnson visited the hospital. Johnson said it was ready.",
    )
    assert actors["Alan Johnson"].mentions == 2
    assert actors["Boris Johnson"].mentions == 1


# ---------------------------------------------------------------- quotes


def test_a_quote_goes_to_the_subject_of_the_speech_verb():
    actors = _actors(
        'The harbour master Petra Lind closed the port. "We cannot let ships in tonight," '
        "Lind said."
    )
    # The comma before the attribution is no part of the words.
    assert [q.text for q in actors["Petra Lind"].quotes] == ["We cannot let ships in tonight"]


def test_the_same_words_reported_by_two_sources_are_one_quote_citing_both():
    said = (
        'The harbour master Petra Lind closed the port. "We cannot let ships in tonight," '
        "Lind said."
    )
    (quote,) = _actors(said, said.replace("closed", "shut"))["Petra Lind"].quotes
    assert [c.source for c in quote.citations] == ["S1", "S2"]


def test_a_later_version_of_the_same_words_is_not_listed_again():
    first = (
        'The harbour master Petra Lind closed the port. "We cannot let the big ships in before '
        'the storm has passed over the bay tonight," Lind said.'
    )
    second = first.replace("cannot let the big", "cannot let any of the big")
    other = first.replace("closed", "shut").replace("the storm has passed over", "we repair")
    quotes = _actors(first, second, other)["Petra Lind"].quotes
    assert [q.citations[0].source for q in quotes] == ["S1", "S3"]


def test_the_second_part_of_a_split_quotation_is_not_credited_without_the_first():
    actors = _actors(
        "Tom Vale will vote for Ann Lee this time. "
        '"And if Ann wasn\'t standing," says Vale, "I wouldn\'t vote at all."'
    )
    assert all("vote at all" not in q.text for q in actors["Tom Vale"].quotes)


def test_a_split_quotation_going_on_with_but_is_credited_whole():
    # Alone, the first part says the opposite of what the harbour master meant.
    actors = _actors(
        "Petra Lind is the harbour master of Portvik. "
        '"Most ferries have secured their car decks," said Ms Lind, "but the irony is that '
        'most of them leave the passenger doors open."'
    )
    assert [q.text for q in actors["Petra Lind"].quotes] == [
        "Most ferries have secured their car decks […] but the irony is that most of them "
        "leave the passenger doors open."
    ]


def test_words_broken_off_by_a_quotation_inside_them_are_not_credited():
    actors = _actors(
        'Petra Lind is the harbour master of Portvik. Petra Lind said: "When I was first '
        'elected, he was the "Father of the Harbour" and as such took a keen interest in me.'
    )
    assert actors["Petra Lind"].quotes == ()


def test_he_is_nobody_s_when_a_line_cut_short_names_another_person():
    # The parser cuts "… his own No campaign …" after "own": the line that names Mr Berg is
    # no whole sentence, but "he" is Mr Berg, not the one person named in whole sentences.
    text = (
        "Tom Vale, the mayor, clashed on Thursday with No campaigner Tom Berg. Mr Vale said an "
        "assembly would help.\n\nThe pair met at the station as Mr Vale toured the region. But "
        "Mr Berg - who is running his own No campaign alongside the official North East Says No "
        "campaign - said he was not convinced by Mr Vale's arguments. \"The reality is that it "
        'is not going to deliver," he said.'
    )
    assert _actors(text)["Tom Vale"].quotes == ()


def test_the_one_asked_about_is_not_the_one_who_replies():
    text = (
        'Asked if Mr Vale could return to the harbour board at some point, he replied: "I have '
        'made my admiration for Tom very clear and it remains."'
    )
    assert (
        _actors("Tom Vale resigned from the harbour board on Monday.", text)["Tom Vale"].quotes
        == ()
    )


@pytest.mark.parametrize(
    "told",
    [
        "Mr Lee's book claimed that Mr Vale told the mayor:",
        "In the book Mr Vale is alleged to have told the mayor:",
        "Mr Vale reportedly told the mayor:",
    ],
)
def test_words_someone_is_said_to_have_said_are_not_credited(told: str) -> None:
    text = f'{told} "There is nothing you could ever say to me now that I could ever believe."'
    assert _actors("Tom Vale met the mayor of Portvik on Monday.", text)["Tom Vale"].quotes == ()


def test_a_quotation_whose_own_verb_is_one_of_claiming_is_credited():
    text = '"I believe the harbour will be open by the summer," Mr Vale said.'
    (quote,) = _actors("Tom Vale met the mayor of Portvik on Monday.", text)["Tom Vale"].quotes
    assert quote.text == "I believe the harbour will be open by the summer"


def test_a_quotation_opening_on_and_is_the_rest_of_words_not_quoted():
    actors = _actors(
        'The harbour master Petra Lind closed the port. "And if the storm turns, we will open '
        'again," Lind said.'
    )
    assert actors["Petra Lind"].quotes == ()


@pytest.mark.parametrize(
    ("said", "credited"),
    [
        # A phrase without a verb: alone, Bush's "significant combat operations" said the
        # opposite of what he said (he declared them over).
        ('Mayor Tomas Berg called the sale of the old ferry "a crime of negligence."', False),
        ('Mayor Tomas Berg said 100,000 crowns "would seem a minimum" for the bridge.', False),
        ('Mayor Tomas Berg said "it was not inevitable" that the old bridge would fall.', False),
        ('Mayor Tomas Berg said "the bridge is changing the town quite rapidly" this year.', True),
        # Words taken up in mid-sentence whose verb's subject is outside them: the reporter's
        # sentence, not the speaker's, says who did what.
        ('Mayor Tomas Berg said he did "not believe that the bridge plan will pass."', False),
        ('Mayor Tomas Berg said that the council "never promoted the ferry company."', False),
        ('Mayor Tomas Berg said "that adequate ferry arrangements were not provided."', True),
        ('Mayor Tomas Berg asked whether the council would "make an accounting decision?"', False),
        # a relative pronoun is no subject of its own: "who" leans on the reporter's "people"
        ('Mayor Tomas Berg said people "who have lost everything will get help from us."', False),
        # a call to act is the speaker's own voice
        ('Mayor Tomas Berg urged residents to "stay indoors and keep the windows shut."', True),
        ('Mayor Tomas Berg said residents should "stay calm and listen to the police."', True),
    ],
)
def test_quoted_words_are_credited_only_as_a_whole_clause_with_a_verb(said, credited):
    actors = _actors(f"Mayor Tomas Berg opened the bridge on Friday. {said}")
    assert bool(actors["Tomas Berg"].quotes) is credited


def test_he_said_goes_to_the_person_named_before():
    actors = _actors(
        'Mayor Tomas Berg opened the bridge on Friday. "This bridge will change the town for '
        'ever," he said.'
    )
    assert [q.text for q in actors["Tomas Berg"].quotes] == [
        "This bridge will change the town for ever"
    ]
    (quote,) = actors["Tomas Berg"].quotes
    assert quote.citations[0].source == "S1"


def test_a_quote_without_a_named_speaker_is_not_attributed():
    actors = _actors('Mayor Tomas Berg opened the bridge. "It will change everything," one said.')
    assert all(not a.quotes for a in actors.values())


# ---------------------------------------------------------------- states and places


def test_places_are_not_actors():
    actors = _actors("Officials in Xinjiang and Almaty said Kazakhstan would act.")
    assert {a.kind for a in actors.values()} <= {"person", "organisation", "state", "group"}
    assert "Xinjiang" not in actors
    assert actors["Kazakhstan"].kind == "state"


def test_a_capital_that_acts_is_its_state():
    actors = _actors("Beijing rejected the report on Monday.")
    assert actors["China"].kind == "state"
    assert "Beijing" in actors["China"].aliases


def test_a_capital_that_is_only_a_place_is_left_out():
    actors = _actors("The delegation flew to Beijing on Monday.")
    assert "China" not in actors
    assert "Beijing" not in actors


SCENE_OF_EVENTS = (
    "Lind's army fought the rebels in Chad on Monday.",
    "The rebels fled to Kuwait after the battle in Chad.",
    "Supplies arrived in Chad from Kuwait on Tuesday.",
    "Aid workers in Kuwait said the camps were full.",
    "Chad's president thanked the army. Flights to Chad resumed on Friday.",
)


@pytest.mark.parametrize(
    "scene",
    [
        "",
        "Kuwait war veteran John Smith said the talks failed.",  # a war, not who acts for it
    ],
)
def test_a_state_written_only_as_the_scene_of_events_is_no_actor(scene):
    actors = _actors(*SCENE_OF_EVENTS, *filter(None, [scene]))
    assert "Kuwait" not in actors
    assert actors["Chad"].kind == "state"


@pytest.mark.parametrize(
    "acting",
    [
        "Kuwait closed its border on Wednesday.",  # the subject
        "Kuwait's foreign minister called for calm.",  # the owner of who acts
        "Kuwait officials met the envoy.",  # those who act for it
        "Kuwait Foreign Minister Sabah Khalid said the talks failed.",  # one named who does
        "Kuwait trade representative Sabah Khalid said the talks failed.",
        "The plan was condemned by Kuwait.",  # the agent
        "Egypt and Kuwait sent doctors.",  # in a list the subject opens
    ],
)
def test_a_state_written_as_a_party_is_an_actor(acting):
    actors = _actors(*SCENE_OF_EVENTS, acting)
    assert actors["Kuwait"].kind == "state"


def test_the_state_named_most_is_an_actor_though_mostly_the_scene():
    actors = _actors(
        "The outbreak began in Chad.",
        "Flights from Chad were stopped.",
        "Cases rose in Chad on Monday.",
        "Tourists left Chad on Tuesday.",
    )
    assert actors["Chad"].kind == "state"


def test_a_government_is_its_state():
    assert state_of_government("the Chinese Government") == "China"
    assert state_of_government("Kazakh authorities") == "Kazakhstan"
    assert state_of_government("US administration") == "United States"
    assert state_of_government("Bush administration") is None


# ---------------------------------------------------------------- one entry per entity


def test_a_legal_form_is_not_part_of_the_name():
    actors = _actors("BP PLC said the leak was slowing.", "BP said it would pay for the clean-up.")
    assert "BP PLC" not in actors
    assert actors["BP"].source_count == 2


def test_a_name_stripped_of_its_accents_joins_the_full_spelling():
    actors = _actors(
        "President Felipe Calder spoke on Monday.",
        "President Felipe Calder closed the schools.",
        "President Felipe Calderon urged calm.",
    )
    names = [n for n in actors if n.startswith("Felipe")]
    assert len(names) == 1
    assert {"Felipe Calder", "Felipe Calderon"} <= {names[0], *actors[names[0]].aliases}


def test_names_that_differ_by_letters_missing_together_are_two_people():
    """An accent stripped loses one letter inside a word, or the word's end: "Simon Day" is not
    "Simon Darby" (a police inspector's words were credited to a party's deputy leader)."""
    actors = _actors(
        "Deputy leader Simon Darby criticised the aid budget on Monday.",
        'Det Insp Simon Day said: "This was obviously a well-planned scam, and drivers must be '
        'vigilant."',
    )
    assert "Simon Day" not in actors["Simon Darby"].aliases
    assert all("scam" not in q.text for q in actors["Simon Darby"].quotes)


def test_middle_initials_and_short_first_names_are_one_person():
    actors = _actors(
        "Treasury Secretary Hank Paulson spoke on Monday. Hank Paulson said banks would lend.",
        "Henry M. Paulson Jr. met the bankers.",
    )
    assert [n for n in actors if "Paulson" in n] == ["Hank Paulson"]
    assert "Henry M. Paulson" in actors["Hank Paulson"].aliases


def test_a_shared_surname_in_an_article_that_names_no_bearer_goes_to_no_one():
    # George Bush is named far more often, but this article does not say which Bush speaks.
    texts = [
        "President George Bush spoke.",
        "George Bush met the troops.",
        "President George Bush flew home.",
        "George Bush thanked the troops.",
    ]
    actors = _actors(
        *texts,
        "Singer Kate Bush released an album.",
        'Bush said: "The war is won and the troops will come home."',
    )
    assert "Bush" not in actors
    assert "Bush" not in actors["George Bush"].aliases
    assert actors["George Bush"].mentions == 4
    assert not actors["George Bush"].quotes


def test_a_shared_surname_in_an_article_that_names_both_bearers_goes_to_no_one():
    actors = _actors(
        "Health Secretary Alan Johnson visited the hospital. Johnson said it was ready.",
        "Alan Johnson spoke in the Commons. Boris Johnson, the mayor, gave away his stock. "
        'Johnson said: "I am pleased to share these supplies with the agencies."',
    )
    assert all(not a.quotes for a in actors.values())
    assert actors["Alan Johnson"].mentions == 3
    assert actors["Boris Johnson"].mentions == 1


def test_a_person_no_actor_took_still_counts_before_a_pronoun():
    # "Clinton" goes to neither Clinton, but "she" may still be her, not the president.
    actors = _actors(
        "Bill Clinton, the UN envoy, flew in on Monday.",
        "Hillary Clinton met the troops on Monday.",
        "Clinton met President Rene Preval at the airport. She said the United States was "
        '"a friend, a partner and a supporter" of the country.',
    )
    assert not actors["Rene Preval"].quotes


def test_a_first_name_two_people_bear_is_no_alias():
    actors = _actors(
        "George Galloway spoke in the Commons on Monday.",
        "President George Bush met the troops on Monday.",
        'George Galloway was angry. "George denies it absolutely," his spokesman said. '
        'George said: "I will fly to Washington tomorrow to answer them."',
    )
    assert all("George" not in a.aliases for a in actors.values())
    assert "George" not in actors
    assert not actors["George Galloway"].quotes


def test_a_first_name_joins_the_person_only_in_an_article_that_names_them():
    """ "Tariq, my friend" in a reporter's story is not the Tariq Aziz of other articles."""
    actors = _actors(
        "Deputy prime minister Tariq Aziz met the envoy in Baghdad on Monday.",
        "Tariq Aziz said the talks had failed. Tariq left the hall early.",
        "Tariq, my driver, told me not to take the road to the airport.",
    )
    assert actors["Tariq Aziz"].sources == ("S1", "S2")


def test_a_language_is_no_surname():
    """ "in measured English" is not the principal Jane English."""
    actors = _actors(
        "The college principal, Jane English, said the girl was at home. English said the "
        "school would stay open.",
        "The leaflet warned the public in plain and measured English about the flu.",
    )
    assert actors["Jane English"].sources == ("S1",)


@pytest.mark.parametrize("name", ['Joaquin "Shorty" Morales', 'James "Whitey" Hansen'])
def test_a_name_with_a_quoted_nickname_is_one_person(name):
    """'Lewis "Scooter" Libby' is a person whatever the model tags, and his surname joins him."""
    surname = name.split()[-1]
    actors = _actors(
        f"The indictment of {name}, the chief of staff of the mayor, has reopened the debate.",
        f"Mr {surname} denied the charges in court on Friday, his lawyer said.",
    )
    assert (actors[name].kind, actors[name].sources) == ("person", ("S1", "S2"))


def test_a_word_after_the_is_no_surname():
    """ "the waning influence of the West" is not the analyst Robin West; "the West family"
    is the builder Fred West's."""
    actors = _actors(
        "Oil prices fell again, said Robin West, chairman of an energy consultancy.",
        "The crisis has accelerated the waning influence of the West, the report said.",
    )
    assert actors["Robin West"].sources == ("S1",)
    actors = _actors(
        "The builder Fred West was arrested in Gloucester in February.",
        "Police searched the West home in Gloucester for a second week.",
    )
    assert actors["Fred West"].sources == ("S1", "S2")


def test_a_rank_before_a_name_or_a_month_is_no_surname():
    """ "Major Paul Hackett" is not John Major, "in May" not Robert May."""
    actors = _actors(
        "Former prime minister John Major criticised the war. Major said it was a mistake.",
        "I met Major Paul Hackett, a marine officer at the base, on a hot afternoon.",
        "Professor Robert May, an ecologist, warned of flooding. May said the rains would come.",
        "The rainy season in Haiti lasts until May, aid workers warned.",
    )
    assert actors["John Major"].sources == ("S1",)
    assert actors["Robert May"].sources == ("S3",)


def test_of_two_spellings_of_a_name_the_one_written_most_is_shown():
    # After a quotation the model may miss the name; the text still writes it.
    actors = _actors(
        "Elisabeth Byrs of the UN's aid office said the airport was open to relief flights.",
        '"Most buildings have collapsed and we do not even have roads," Elisabeth Byrs said.',
        '"Most of the bodies are still in the collapsed buildings," Elisabeth Byrs said.',
        '"We do not even have the support of the local police," Elisabeth Byrs said in Geneva.',
        "The UN spokeswoman Elizabeth Byrs says 132 people have been rescued since Tuesday.",
        "UN spokeswoman Elizabeth Byrs in Geneva said the search would end.",
    )
    assert "Elisabeth Byrs" in actors
    assert "Elizabeth Byrs" in actors["Elisabeth Byrs"].aliases


def test_two_transliterations_of_a_name_are_one_actor_shown_as_written_most():
    actors = _actors(
        "Gazprom chief Alexei Miller said the bid was fair.",
        "Gazprom chairman Aleksey Miller met the minister in Moscow on Monday.",
        "Yuganskneftegas was sold at auction. Yuganskneftegas pumps a million barrels a day.",
        "Rosneft said it now controlled Yuganskneftegaz, the main unit.",
    )
    millers = [name for name in actors if name.endswith("Miller")]
    assert len(millers) == 1
    assert "Yuganskneftegas" in actors
    assert "Yuganskneftegaz" not in actors


@pytest.mark.parametrize(
    ("first", "second"),
    [("Lexi Smith", "Lexy Smith"), ("Roxy Hart", "Roksi Hart"), ("Ben Mars", "Ben Marz")],
)
def test_short_names_that_differ_as_transliterations_stay_apart(first, second):
    actors = _actors(f"{first} said the plan would fail.", f"{second} said it would not.")
    assert {first, second} <= set(actors)


def test_a_surname_opening_on_its_particle_is_shown_by_the_full_name():
    """ "van Creveld" written five times, "Martin van Creveld" once: the full name is shown."""
    actors = _actors(
        "Martin van Creveld, a military historian, said the war was lost.",
        "Professor van Creveld said the troops should leave. van Creveld has said so before.",
        "The army should go home, van Creveld argued. Nobody listened to van Creveld.",
    )
    assert "Martin van Creveld" in actors
    assert "van Creveld" in actors["Martin van Creveld"].aliases


@pytest.mark.parametrize(
    ("written", "name"),
    [("ofNew Labour", "New Labour"), ("Ofcom", "Ofcom"), ("Inverness", "Inverness")],
)
def test_a_word_run_into_a_name_is_no_part_of_it(written, name):
    """ "ofNew Labour": the source lost a space; the party is "New Labour"."""
    assert normalise(written) == name


def test_a_titled_person_is_not_the_body_named_after_him():
    actors = _actors(
        "Former civil service chief Lord Butler has criticised the government. Lord Butler said "
        "the Cabinet was bypassed.",
        "The Butler Inquiry found the dossier was thin. The Butler Inquiry reported in July.",
    )
    assert actors["Lord Butler"].kind == "person"
    assert actors["Butler Inquiry"].sources == ("S2",)


def test_a_company_is_not_the_short_form_of_a_venture_named_after_it():
    """ "Sony" in articles that never name Sony Ericsson, and more of them, is Sony; "Verizon"
    is Verizon Communications wherever it is written."""
    actors = _actors(
        "Mobile phone maker Sony Ericsson has unveiled its Walkman phone. Sony Ericsson said the "
        "phone would go on sale in June.",
        "Sony said sales of its games console rose by a third in the spring.",
        "Sony cut the price of its games console in Europe by a fifth.",
        "Verizon Communications bid for the phone firm MCI. Verizon said the bid was final.",
        "Verizon raised its offer for the phone firm MCI on Monday.",
        "Verizon won the battle for the phone firm MCI, reports said.",
    )
    assert actors["Sony"].sources == ("S2", "S3")
    assert "Verizon" not in actors
    assert actors["Verizon Communications"].sources == ("S4", "S5", "S6")


def test_a_peer_is_named_by_title_as_the_sources_name_him():
    actors = _actors(
        "The attorney general, Lord Goldsmith, warned that the war could be illegal. Lord "
        "Goldsmith said the advice was his own.",
        "Mr Blair said Goldsmith had changed his mind freely.",
    )
    assert "Lord Goldsmith" in actors
    assert "Goldsmith" in actors["Lord Goldsmith"].aliases
    # Mr and Sir are no peerage: the name stays as written.
    assert "Thomas Holt" in _actors(
        "Sir Thomas Holt, the judge, ruled on Monday. Sir Thomas said the law was clear."
    )


def test_a_people_does_not_join_a_group_named_after_it():
    actors = _actors(
        "A group called United Haitians is planning an appeal.",
        "Many Haitians have lost their homes.",
    )
    assert all("Haitians" not in a.aliases for a in actors.values())


def test_a_two_letter_acronym_needs_the_text_to_link_it():
    # "EU" is named beside "El Universal" in one article only: they are not one actor.
    actors = _actors(
        "Writing in the Mexican paper El Universal, Ricardo Rocha says the EU must act.",
        "The EU health commissioner urged calm.",
        "An EU meeting will discuss travel.",
    )
    universal = actors.get("El Universal")
    assert universal is None or "EU" not in universal.aliases


# ---------------------------------------------------------------- fragments and reporters


def test_a_name_across_a_colon_or_dash_is_no_name():
    corpus = _corpus("NATO spokesman Al-Obeidy: 'We will strike' - White House - George W Bush")
    texts = [m.text for m in collect_mentions(corpus.sentences)]
    assert not [t for t in texts if ":" in t or " - " in t]


def test_a_byline_names_no_actor():
    corpus = _corpus(
        "By Marie Arana | October 13, 2008; 7:45 AM ET",
        "Staff writer Ann Lee in Cleveland contributed to this report.",
    )
    assert collect_mentions(corpus.sentences) == []


def test_a_reporter_of_a_source_is_not_listed(tmp_path):
    from briefer.sections import BuildOptions
    from briefer.sections.actors import build

    articles = (
        Article(
            "S1",
            tmp_path / "1.txt",
            "CNN's Nic Robertson reported from the port. Mayor Tomas Berg opened the bridge.",
            publisher="CNN",
        ),
    )
    names = {a.name for a in build(analyse(articles), BuildOptions())}
    assert "Tomas Berg" in names
    assert "Nic Robertson" not in names


# ---------------------------------------------------------------- roles that name a role


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Anthony Fatayi-Williams, my son, died in the attack.", "Anthony Fatayi-Williams"),
        ("Ronald Reagan, the president and his appointees, cut taxes.", "Ronald Reagan"),
        ("Wyclef Jean, his cousin Pras Michel and Lauryn Hill sang.", "Wyclef Jean"),
    ],
)
def test_no_role_from_a_relative_or_a_list(text, name):
    assert _role(text, name) is None


# ---------------------------------------------------------------- quotes, precisely


def test_he_said_after_two_people_is_not_attributed():
    actors = _actors(
        'Mayor Tomas Berg met Governor Anna Holm on Friday. "The bridge will change the town '
        'for ever," he said.'
    )
    assert all(not a.quotes for a in actors.values())


def test_a_quote_goes_to_the_subject_of_the_verb_that_governs_it():
    actors = _actors(
        'Mayor Tomas Berg said the plan, which critics called "a waste of public money", '
        "would go ahead."
    )
    assert not actors["Tomas Berg"].quotes


def test_sources_sort_by_number():
    actor = Actor("X", "person", None, (), 3, (), sources=("S2", "S10", "S1"))
    assert actor.first_sources(2) == ("S1", "S2")
    assert actor.source_count == 3
    assert sorted(["S10", "S2", "S1"], key=source_order) == ["S1", "S2", "S10"]


def test_a_name_inside_the_quotation_is_not_who_he_is():
    actors = _actors(
        '"We learned that when Mayor Tomas Berg said he would resign, he was not telling the '
        'truth," he said.'
    )
    assert all(not a.quotes for a in actors.values())


def test_a_surname_alone_where_the_article_uses_the_first_name_is_no_one():
    # "Tomas" tells the son from the rest of the family: "Mr Ekberg" may be his father.
    family = (
        "Tomas Ekberg, a ferry pilot, died in the storm in March. His father, 61, sat by the "
        "window. Tomas loved the sea.\n"
        '"We will not rest until the harbour is made safe," said Mr Ekberg.'
    )
    actors = _actors(family)
    assert "Tomas" in actors["Tomas Ekberg"].aliases
    assert not actors["Tomas Ekberg"].quotes
    # Without the first name alone, "Mr Ekberg" is the one Ekberg the article names.
    actors = _actors(
        "Tomas Ekberg, a ferry pilot, spoke to the inquiry in March.\n"
        '"We will not rest until the harbour is made safe," said Mr Ekberg.'
    )
    assert [q.text for q in actors["Tomas Ekberg"].quotes] == [
        "We will not rest until the harbour is made safe"
    ]


def test_a_person_the_quotation_speaks_of_is_not_who_he_is():
    actors = _actors(
        'Why Mayor Tomas Berg "ever agreed to build this bridge escapes me and puzzles the '
        'whole town," he told one interviewer.'
    )
    assert not actors["Tomas Berg"].quotes


def test_a_quotation_of_someone_or_anyone_else_is_not_attributed():
    actors = _actors(
        "It is unlikely that Mayor Tomas Berg or anyone else in the council will be calling "
        'the bridge "a gift to the whole town".'
    )
    assert not actors["Tomas Berg"].quotes


def test_a_quotation_denied_is_not_attributed():
    actors = _actors('Mayor Tomas Berg did not say "the bridge will close next week".')
    assert not actors["Tomas Berg"].quotes


def test_words_another_person_expressed_are_not_the_teller_s():
    actors = _actors(
        "Mayor Tomas Berg told the inquiry that Governor Anna Holm had expressed "
        '"deep concern about the cost of the bridge".'
    )
    assert not actors["Tomas Berg"].quotes
    assert not actors["Anna Holm"].quotes


@pytest.mark.parametrize(
    "between",
    [
        "His father spoke to reporters.",
        "As a harbour master, Ekberg's father knows the sea.",
        "His spokesman, Nils Dahl, stood by.",  # the model may call "Nils Dahl" an organisation
    ],
)
def test_a_person_described_by_a_noun_may_be_who_he_is(between):
    actors = _actors(
        f"Mayor Tomas Ekberg opened the bridge on Friday. {between} "
        '"The storm came without any warning at all," he said.'
    )
    assert not actors["Tomas Ekberg"].quotes


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('But standing next to Mr Tom Ekberg he added: "The storm came without warning."', None),
        ('When Mr Tom Ekberg arrived, he added: "The storm came without warning."', "Tom Ekberg"),
    ],
)
def test_he_is_not_a_name_beside_him_in_his_own_sentence(sentence, speaker):
    """The one "he" stands next to is someone else; the subject of an earlier clause may be him."""
    actors = _actors(f"{sentence} The mayor spoke for an hour.")
    quoted = [name for name, actor in actors.items() if actor.quotes]
    assert quoted == ([speaker] if speaker else [])


@pytest.mark.parametrize(
    "words", ["He is a strong party member", "That, as a general rule, is right", "They will not"]
)
def test_a_quote_that_opens_on_a_pronoun_for_someone_outside_it_is_not_shown(words):
    actors = _actors(
        f'Minister Tom Ekberg praised his adviser. "{words}," Ekberg said. '
        '"We will rebuild the harbour by spring," Ekberg said.'
    )
    assert [q.text for q in actors["Tom Ekberg"].quotes] == [
        "We will rebuild the harbour by spring"
    ]


def test_he_is_not_the_one_his_own_words_name():
    actors = _actors(
        "The club asked about striker Tom Ekberg in the talks. "
        'He said: "We got nothing more for Tom Ekberg, and the answer was the same."'
    )
    assert not actors["Tom Ekberg"].quotes


def test_a_quote_that_trails_off_is_not_shown():
    """ "This is a very murky area..." stops before its point ("suspicions that the figures are
    being fiddled"); an ellipsis inside a quote is the publisher's cut and stays."""
    actors = _actors(
        'Shadow chancellor Tom Ekberg said: "This is a very murky area... There will be '
        'suspicions that the figures are fiddled." Ekberg said: "Our work with the port... has '
        'been hugely successful."'
    )
    assert [q.text for q in actors["Tom Ekberg"].quotes] == [
        "Our work with the port... has been hugely successful."
    ]


def test_a_noun_in_apposition_to_the_name_is_the_same_person():
    actors = _actors(
        "The harbour master, Tomas Ekberg, spoke to reporters on Friday. "
        '"The storm came without any warning at all," he said.'
    )
    assert [q.text for q in actors["Tomas Ekberg"].quotes] == [
        "The storm came without any warning at all"
    ]


def test_a_role_is_not_the_name_again():
    actors = _actors(
        "The World Health Organisation, the World Health Organisation, raised its alert. "
        "The World Health Organisation said the virus was spreading."
    )
    assert actors["World Health Organisation"].role is None


# ---------------------------------------------------------------- names that are no person


def test_a_surname_of_two_people_named_together_is_left_out():
    actors = _actors(
        "Bill Clinton, the UN envoy, flew in. Hillary Clinton, his wife, met the president. "
        "Clinton said the aid would come. Clinton met the troops."
    )
    assert "Clinton" not in actors
    assert actors["Bill Clinton"].mentions == 1
    assert actors["Hillary Clinton"].mentions == 1


def test_a_name_ending_in_a_country_is_no_person():
    actors = _actors(
        "Singer Wyclef Jean gives aid through his charity Yele Haiti. "
        "Yele Haiti collected money in New York. Haiti was hit by a quake. "
        "Aid reached Haiti on Friday and Haiti asked for doctors."
    )
    charity = actors.get("Yele Haiti")
    assert charity is None or charity.kind != "person"
    assert charity is None or charity.mentions <= 2  # "Haiti" alone is the state


def test_a_name_the_text_uses_as_a_plural_is_a_people():
    clusters = _voted(
        "Secular Shias were alarmed by the law. Shias compose the majority in Iraq. "
        "Many Shias voted on Sunday."
    )
    assert all(c.votes["person"] == 0 for n, c in clusters.items() if n.endswith("Shias"))


def test_a_role_is_not_cut_at_a_nickname():
    # "Colonel Herbert 'H' Jones": the title's phrase runs into the nickname's quotation mark.
    assert not _says_something("Colonel Herbert 'H")
    assert _says_something("Britain's chief medical officer")


def test_a_surname_joins_the_name_a_longer_one_only_lengthens():
    actors = _actors(
        "Hugo Chavez spoke in Caracas. Hugo Chavez met the ministers.",
        "The White House Hugo Chavez feud grew. Chavez said the oil would flow. "
        "Chavez met Fidel Castro.",
    )
    assert "Chavez" in actors["Hugo Chavez"].aliases


def test_one_plural_use_does_not_make_a_person_a_people():
    clusters = _voted(
        "Writer Christopher Hitchens spoke in London. Hitchens said the war was just. "
        "Neither Hitchens nor Galloway are shy."
    )
    assert clusters["Christopher Hitchens"].votes["person"] > 0
    assert kind_of(clusters["Christopher Hitchens"]) == "person"


def test_the_fuller_spelling_of_a_name_is_shown():
    # A feed that strips accents writes "Caldern" more often than anyone writes "Calderon".
    actors = _actors(
        "President Felipe Caldern spoke on Monday. Felipe Caldern closed the schools.",
        "Felipe Caldern met the doctors. Caldern said the flu was spreading.",
        "President Felipe Calderon asked for calm. Calderon said the worst was over.",
    )
    assert "Felipe Calderon" in actors
    assert "Felipe Caldern" in actors["Felipe Calderon"].aliases


def test_a_slip_that_adds_a_letter_is_not_the_name_shown():
    actors = _actors(
        "President Barack Obama spoke on Monday. Obama said the flu was serious.",
        "Barack Oabama met the doctors.",
    )
    assert "Barack Obama" in actors


def test_a_newspaper_named_as_a_medium_is_no_actor():
    actors = _actors(
        "The minister told the Observer that troops would stay. The Observer reported a deal.",
        "Critics quoted by the Observer said the plan would fail.",
    )
    assert all("Observer" not in name for name in actors)


# ---------------------------------------------------------------- media, companies, codes


def test_a_news_agency_cited_as_the_source_is_no_actor():
    actors = _actors(
        "Two cases were confirmed in Lima, Reuters reported. The ministry closed the schools, "
        "according to Reuters.",
        "A police officer told Reuters that the roads were blocked.",
    )
    assert all("Reuters" not in (a.name, *a.aliases) for a in actors.values())


def test_a_newspaper_described_as_one_is_no_actor():
    actors = _actors(
        "The Mexican paper La Vanguardia says the answer is simple. La Vanguardia says the "
        "hospitals are full.",
        "Reports in the daily La Vanguardia have described the queues.",
    )
    assert "La Vanguardia" not in actors


def test_a_clinic_that_reports_its_own_news_stays():
    # The subject of "report" alone is no medium: a state or a hospital reports what it did.
    actors = _actors(
        "Colombia has reported a suspected case. Colombia closed its border on Monday.",
        "Colombia said it would test every traveller.",
    )
    assert actors["Colombia"].kind == "state"


def test_a_name_in_s_without_a_singular_is_no_people():
    clusters = _voted(
        "Lehman Brothers collapsed on Monday. Investors sold shares of Lehman Brothers.",
        "Lehman Brothers filed for bankruptcy in New York.",
    )
    assert kind_of(clusters["Lehman Brothers"]) == "organisation"


def test_a_people_whose_singular_the_article_writes_is_a_group():
    clusters = _voted(
        "Kazakh courts declined to deport ethnic Kazakhs who crossed the border. Many Kazakhs fled."
    )
    assert kind_of(clusters["Kazakhs"]) == "group"


def test_a_code_of_letters_and_digits_is_no_actor():
    actors = _actors(
        "The H5N1 strain has killed 250 people. Strains such as H5N1 worry doctors.",
        "Doctors fear H5N1 more than the new virus.",
    )
    assert "H5N1" not in actors


@pytest.mark.parametrize(
    ("name", "listed"),
    [
        ("Harbour Electronics Show", False),  # an occasion
        ("Harbour Treaty on Fisheries", False),  # a document, its head before "on"
        ("Harbour Fisheries Council", True),  # a body
        ("Convention of Harbour Authorities", True),  # an assembly
        ("Harbour Convention on Fishing Rights", False),  # a treaty
        ("Harbour Baptist Convention", True),  # a body
        ("Harbour Fisheries Agreement", False),  # a document
        ("Harbour Declaration", False),  # a document
        ("Bank of Harbour", True),  # a body, its head before "of"
    ],
)
def test_the_name_of_an_occasion_or_a_document_is_no_actor(name, listed):
    actors = _actors(
        f"The {name} opened on Monday. Ministers praised the {name} on Tuesday.",
        f"The {name} was criticised by Petra Lind. The {name} will meet again next year.",
    )
    assert (name in actors) == listed


def test_an_acronym_that_spells_an_occasion_word_is_a_name_of_its_own():
    actors = _actors(
        "The CUP said on Monday it would block the harbour plan. The CUP has ten seats.",
        "Leaders of the CUP met Petra Lind on Tuesday.",
    )
    assert "CUP" in actors


def test_a_name_that_opens_with_a_place_word_is_no_person():
    # The model calls this town a person ("said"), but "San" opens place names, not people's.
    actors = _actors(
        "San Luis Potosi said the water had run out.", "Juan Perez visited San Luis Potosi."
    )
    assert "San Luis Potosi" not in actors
    assert actors["Juan Perez"].kind == "person"


def test_a_title_word_inside_a_company_name_stays():
    actors = _actors(
        "General Motors cut 2,000 jobs on Monday. General Motors said sales had fallen.",
    )
    assert "General Motors" in actors
    assert "Motors" not in actors


def test_a_name_across_a_comma_is_no_name():
    actors = _actors("Ships from Mozambique, Cyprus and Malta arrived with food on Monday.")
    assert all("," not in name for name in actors)


def test_a_clipped_name_joins_the_organisation_it_shortens():
    actors = _actors(
        "The Federal Reserve cut rates on Tuesday. The Federal Reserve said inflation was low.",
        "The Fed expects growth to slow. Analysts said the Fed would act again.",
    )
    assert "Fed" in actors["Federal Reserve"].aliases


def _mention_of(sentence, words: str, label: str) -> Mention:
    """The mention of `words` in `sentence` a model tagging them `label` would give."""
    doc, count = sentence.span.doc, len(words.split())
    first = next(t.i for t in sentence.span if doc[t.i : t.i + count].text == words)
    return Mention(sentence, first, first + count, words, label)


@pytest.mark.parametrize(
    ("before", "words", "label", "joins"),
    [
        ("UK", "Independence Party", "ORG", True),  # a name's words cut from its start
        ("Liberal", "Democrats", "ORG", True),  # down to one word
        ("first", "Independence Party", "ORG", False),  # a lower-case word opens no name
        ("UK", "Independence Party", "PERSON", False),  # people: `_merge_variants`' business
    ],
)
def test_a_name_cut_short_is_the_name_written_in_full_there(before, words, label, joins):
    full = f"{before} {words}"
    corpus = _corpus(f"The {full} said it would fight.", f"Mr Lind quit the {full} on Friday.")
    whole = _mention_of(corpus.sentences[0], full, "ORG")
    cut = _mention_of(corpus.sentences[1], words, label)
    common = common_words(corpus.sentences)
    clusters = {c.name: c for c in cluster_mentions(corpus.sentences, [whole, cut], set(), common)}
    assert (cut in clusters[full].mentions) == joins


def test_a_name_does_not_join_the_organisation_named_by_a_word_made_from_it():
    actors = _actors(
        "The Islamisation Trust opened a school on Monday. The Islamisation Trust said more "
        "would follow.",
        "Critics say Islam is blamed for the violence. Islam forbids it, the imam said.",
    )
    trust = actors.get("Islamisation Trust")
    assert trust is None or "Islam" not in trust.aliases


def test_a_city_branch_does_not_take_the_national_bodys_short_name():
    actors = _actors(
        "The New York Fed lent the bank $29 billion. The New York Fed said the loan was safe.",
        "The Fed expects growth to slow. The Fed kept rates steady.",
    )
    branch = actors.get("New York Fed")
    assert branch is None or "Fed" not in branch.aliases


def test_an_organisation_whose_words_are_ordinary_is_kept_when_it_acts():
    # "federal" and "reserve" are ordinary words here, but the model's organisation acts.
    actors = _actors(
        "The federal budget keeps a reserve for emergencies. "
        "The Federal Reserve said on Tuesday that it would cut rates.",
    )
    assert "Federal Reserve" in actors


def test_an_organisation_is_not_given_its_kind_as_a_role():
    actors = _actors(
        "The Federal Reserve, the agency that watches banks, cut rates. "
        "The Federal Reserve said inflation was low.",
    )
    assert actors["Federal Reserve"].role is None


def test_he_said_is_not_a_woman_the_text_calls_ms():
    actors = _actors(
        "Ms Karin Dahl was missing after the quake. Nothing had been heard of Ms Dahl since. "
        'Karin Dahl worked for the mission. But he added: "Getting to the sites takes an awful '
        'lot of effort."'
    )
    assert not actors["Karin Dahl"].quotes


def test_a_caption_run_into_the_paragraph_names_no_speaker():
    # The unpunctuated caption names a person; "he" is the speaker of the paragraph before.
    actors = _actors(
        "Relatives say hope is fading for missing engineer Tomas Berg "
        'But he added: "Getting to the sites takes an awful lot of effort."'
    )
    assert all(not a.quotes for a in actors.values())


def test_the_tail_of_a_quotation_opened_in_an_earlier_sentence_is_not_quoted():
    actors = _actors(
        'Mayor Tomas Berg spoke on Friday. "We are seeing damage, from mild to severe. And of '
        'course some deaths," said Berg.'
    )
    assert all(not q.text.startswith("And of course") for q in actors["Tomas Berg"].quotes)


def test_a_role_relative_to_someone_unnamed_is_no_role():
    actors = _actors(
        "The agency met on Monday. Nora Vik, its director general, said the risk was low.",
        "Nora Vik spoke to the delegates.",
    )
    assert actors["Nora Vik"].role is None


def test_a_name_ending_in_a_hyphenated_lower_case_part_is_kept():
    actors = _actors(
        "UN Secretary General Ban Ki-moon confirmed the deaths. Mr Ban said the mission would "
        "go on."
    )
    assert "Ban Ki-moon" in actors
    assert "Ban" in actors["Ban Ki-moon"].aliases


def test_an_office_is_the_role_shown_before_a_description():
    actors = _actors(
        "Tomas Berg, the most vocal opponent of the plan, left the party.",
        "Tomas Berg, the MP for the harbour district, spoke on Monday.",
    )
    assert actors["Tomas Berg"].role == "the MP for the harbour district"


def test_a_title_before_the_name_leaves_out_the_honorific():
    actors = _actors("The WHO Director General Dr Nora Vik said the risk was low.")
    role = actors["Nora Vik"].role
    assert role is not None
    assert role.endswith("Director General")


def test_an_office_is_shown_before_a_membership():
    actors = _actors(
        "Tomas Berg, a member of the rowing club, proposed a new name.",
        "Deputy health minister Tomas Berg told a news conference the name would stay.",
    )
    assert actors["Tomas Berg"].role == "Deputy health minister"


def test_a_name_stripped_of_an_accent_in_every_word_joins_the_full_spelling():
    actors = _actors(
        "Mexico's health secretary Jose Angel Cordova said the schools would close. Cordova "
        "said more tests were due.",
        "Mexico's health secretary, Jos Angel Crdova, said the toll had risen.",
    )
    assert "Jos Angel Crdova" in actors["Jose Angel Cordova"].aliases


def test_a_nationality_before_an_organisation_makes_another_organisation():
    actors = _actors(
        "The Red Cross sent 40 doctors. The Red Cross said the camps were full.",
        "The British Red Cross opened an appeal. The British Red Cross said donations rose.",
    )
    red_cross = actors.get("Red Cross")
    assert red_cross is None or "British Red Cross" not in red_cross.aliases


def test_a_title_is_not_an_organisation():
    actors = _actors(
        "Ms Nora Vik, Labor MEP for the East Midlands, said the appeal had raised £1m. "
        "Nora Vik said fellow MEP Mr Tomas Berg was wrong.",
        "The Ministry of Justice said the courts would reopen.",
    )
    assert "Labor MEP" not in actors
    assert "MEP" not in actors
    assert "Ministry of Justice" in actors


def test_the_first_word_of_a_company_name_joins_the_company():
    actors = _actors(
        "Lehman Brothers filed for bankruptcy on Monday. Lehman Brothers had debts of $600bn.",
        "Barclays bought parts of Lehman, the fourth largest investment bank.",
    )
    assert "Lehman" in actors["Lehman Brothers"].aliases
    assert "Lehman" not in actors


def test_a_surname_shared_with_a_company_goes_to_the_company_where_the_text_says_so():
    actors = _actors(
        "The wise words of William Goldman, the screenwriter, should be heeded.",
        "Goldman Sachs reported a 70 percent drop in income. Goldman's shares fell 2 percent.",
    )
    assert actors["William Goldman"].kind == "person"
    assert actors["William Goldman"].mentions == 1
    assert "Goldman" in actors["Goldman Sachs"].aliases


def test_shares_and_a_chief_executive_make_a_company():
    clusters = _voted(
        "Shares of Tomlin Harcourt fell 5 percent on Monday. Tomlin Harcourt's chief executive "
        "resigned on Tuesday."
    )
    assert kind_of(clusters["Tomlin Harcourt"]) == "organisation"


def test_a_police_or_military_rank_is_a_title_not_a_name():
    actors = _actors("Det Insp Simon Day said the search would go on. Simon Day thanked them.")
    assert "Simon Day" in actors
    assert "Det Insp Simon Day" not in actors


def _surname_role(text: str) -> str | None:
    """The role of the sentence's last-but-one token read as a one-word mention."""
    sentence = _corpus(text).sentences[0]
    token = sentence.span[len(sentence.span) - 3]
    return role_of(Mention(sentence, token.i, token.i + 1, token.text, "PERSON"), "person")


def test_a_rank_before_a_surname_is_its_role_but_not_before_another_first_name():
    # "Sergeant Simon Hale" may be another Hale than the one the surname was given to.
    assert _surname_role("The crash killed Colonel Simon Hale yesterday.") is None
    assert _surname_role("The crash killed Colonel Hale yesterday.") == "Colonel"
    assert _surname_role("The crash killed Sergeant Hale yesterday.") == "Sergeant"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Tomas Berg, whose Swindon-based firm runs the tours, said the trip was off.",
            "Tomas Berg",
        ),
        ("Tomas Berg, then agency chief, and his deputy, Anna Holm, both resigned.", "Tomas Berg"),
    ],
)
def test_no_role_from_a_relative_clause_or_two_peoples_role(text, name):
    assert _role(text, name) is None


# ---------------------------------------------------------------- journalists are no actors


def test_an_interviewer_of_an_organisation_is_no_actor():
    actors = _actors(
        "Nordvision's Ann Lindqvist asked Mayor Tomas Berg about the bridge in her interview "
        "with the mayor. Tomas Berg said the bridge would open in May."
    )
    assert "Tomas Berg" in actors
    assert "Ann Lindqvist" not in actors
    assert "Nordvision" not in actors  # named only as her employer


def test_a_journalist_of_a_medium_the_text_cites_is_no_actor():
    actors = _actors(
        "Mayor Tomas Berg told Nordvision on Monday that the port would reopen. "
        "Nordvision's Ann Lindqvist says the quay is still closed.",
    )
    assert "Tomas Berg" in actors
    assert "Ann Lindqvist" not in actors


def test_a_companys_person_written_with_a_possessive_stays():
    actors = _actors(
        "Shares of Halvorsen Capital fell on Monday. Halvorsen Capital's Lars Petersen asked "
        "the Treasury for help. Lars Petersen declined to say how much.",
    )
    assert actors["Lars Petersen"].role == "with Halvorsen Capital"


# ---------------------------------------------------------------- the role as it stands now


def _dated_actors(*texts: tuple[str, PartialDate]) -> dict[str, Actor]:
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i:03d}.txt"), text=text, published=date)
        for i, (text, date) in enumerate(texts, 1)
    )
    corpus = analyse(articles)
    return {a.name: a for a in extract_actors(corpus.articles, corpus.sentences)}


def test_the_office_shown_is_the_latest_sources():
    actors = _dated_actors(
        (
            "Senator Anna Holm spoke in the debate. Senator Anna Holm voted against the bill.",
            PartialDate(2008, 9, 1),
        ),
        ("President-elect Anna Holm named her cabinet.", PartialDate(2008, 11, 20)),
    )
    role = actors["Anna Holm"].role
    assert role == "President-elect"
    assert role in actors["Anna Holm"].citations[0].quote  # the passage cited states it


def test_a_former_office_is_not_shown_as_held():
    actors = _dated_actors(
        ("Former harbour commissioner Tomas Berg blamed the pilots.", PartialDate(2008, 9, 7)),
        (
            "Harbour commissioner Tomas Berg had warned of it. Harbour commissioner Tomas Berg "
            "said so again.",
            PartialDate(2008, 10, 15),
        ),
    )
    assert actors["Tomas Berg"].role == "Former harbour commissioner"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("In early 1989, Treasury Secretary Tomas Berg visited the allies.", None),
        # The year dates what he did: he was President then.
        ("But President Tomas Berg decided in 2002 not to order a vaccination program.", None),
        (
            "But President Tomas Berg decided on Monday not to order a vaccination program.",
            "President",
        ),
        # "Since" says he holds it still; a year in the object dates a thing, not the act.
        ("President Tomas Berg has ruled the island since 1981.", "President"),
        ("President Tomas Berg defended the 2002 harbour law on Tuesday.", "President"),
    ],
)
def test_an_office_told_of_a_past_year_is_no_office_now(text, role):
    actors = _dated_actors((text, PartialDate(2008, 10)))
    assert actors["Tomas Berg"].role == role


def test_a_year_later_in_the_sentence_does_not_date_the_role():
    actors = _dated_actors(
        (
            "Tomas Berg, director of the Nordic Institute, was a junior minister from 1977 to "
            "1981.",
            PartialDate(2008, 11),
        )
    )
    assert actors["Tomas Berg"].role == "director of the Nordic Institute"


def test_a_role_of_the_time_told_keeps_its_then():
    role = _role(
        "Tomas Berg, then chief executive of Halvorsen, complained to the editor.", "Tomas Berg"
    )
    assert role == "then chief executive of Halvorsen"


def test_a_role_told_with_its_end_is_former():
    role = _role(
        "Tomas Berg, the governor of the harbour until June last year, complained to the editor.",
        "Tomas Berg",
    )
    assert role == "former governor of the harbour"


def test_a_present_office_comes_before_a_role_of_the_time_told():
    actors = _dated_actors(
        ("Tomas Berg, then a junior minister, signed the order.", PartialDate(2005, 2, 1)),
        ("Tomas Berg, the lord chancellor, defended the order.", PartialDate(2005, 1, 20)),
    )
    assert actors["Tomas Berg"].role == "the lord chancellor"


def test_a_role_held_now_comes_before_a_former_office():
    actors = _dated_actors(
        (
            "Tomas Berg, the UN special envoy for Vessa, arrived on Monday.",
            PartialDate(2010, 1, 14),
        ),
        ("Ex-President Tomas Berg visited the harbour in Portvik.", PartialDate(2010, 1, 30)),
    )
    assert actors["Tomas Berg"].role == "the UN special envoy for Vessa"


def test_a_bare_title_counts_for_its_fuller_form():
    actors = _dated_actors(
        ("Nordic President Anna Holm arrived on Monday.", PartialDate(2008, 10, 1)),
        (
            "President Anna Holm spoke. President Anna Holm left. President Anna Holm returned.",
            PartialDate(2008, 12, 5),
        ),
    )
    assert actors["Anna Holm"].role == "Nordic President"


# ---------------------------------------------------------------- roles that are no roles


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A jubilant Mr Tomas Berg told reporters it was a victory.", "Tomas Berg"),
        ("The presence of 72-year-old Mr Tomas Berg will prove decisive.", "Tomas Berg"),
        ('"We will rebuild," said Mr Tomas Berg, indignant.', "Tomas Berg"),
        (
            "The service was attended by Mr Tomas Berg, the Queen and the Duke of Nordmark.",
            "Tomas Berg",
        ),
    ],
)
def test_no_role_from_an_adjective_or_a_list_of_others(text, name):
    assert _role(text, name) is None


def test_a_role_split_at_its_hyphen_is_whole():
    role = _role(
        "Did the firm win the contract because the vice-president, Tomas Berg, used to work there?",
        "Tomas Berg",
    )
    assert role is not None
    assert role.endswith("vice-president")


def test_a_role_that_opens_on_another_is_the_role_alone():
    role = _role("Another UN worker, Ann Lindqvist, 59, is feared dead.", "Ann Lindqvist")
    assert role == "UN worker"


def test_a_former_office_is_not_now_former():
    role = _role("Voters backed (now former) Mayor Tomas Berg in the poll.", "Tomas Berg")
    assert role == "former Mayor"


def test_an_organisations_name_after_an_owner_is_no_role():
    actors = _actors(
        "Please give to registered charities, and the UK's Harbour Relief Committee (HRC) appeal "
        "for the islands. The Harbour Relief Committee said it had raised a million."
    )
    assert actors["Harbour Relief Committee"].role is None


# ---------------------------------------------------------------- who is listed beyond the top


@pytest.mark.parametrize(
    ("articles", "sources", "kept"),
    [(60, ("S7",), False), (60, ("S7", "S9"), True), (20, ("S7",), True)],
)
def test_a_large_set_lists_one_articles_interviewee_only_among_the_most_salient(
    articles, sources, kept
):
    from briefer.sections.actors import kept_beyond_limit

    director = Actor("Ann Lee", "person", "the preschool's director", (), 3, (), sources)
    assert kept_beyond_limit(director, articles) is kept


@pytest.mark.parametrize(
    ("role", "kept"),
    [
        ("chief market analyst at Jefferies & Company", False),
        ("professor of law at Harbour University", False),
        ("Treasury Secretary", True),
        ("the harbour's chief executive", True),
        # who act in the story: an analyst of an army, a bare title
        ("Army intelligence analyst", True),
        ("Professor", True),
    ],
)
def test_beyond_the_most_salient_a_commentator_is_not_listed(role, kept):
    """Someone quoted to explain the story ("chief market analyst at …") does not act in it."""
    from briefer.sections.actors import kept_beyond_limit

    person = Actor("Ann Lee", "person", role, (), 3, (), ("S7", "S9"))
    assert kept_beyond_limit(person, 60) is kept


def test_a_government_named_after_a_surname_is_not_another_bearers():
    """ "the Berg administration" is the head of government's: the senator Anna Berg of
    another article is not credited with it."""
    actors = _actors(
        "Senator Anna Berg said the harbour bill would pass. Ms Berg spoke in Portvik.",
        "He advised the Berg administration on the harbour crisis of the 1990s.",
    )
    berg = actors["Anna Berg"]
    assert berg.sources == ("S1",)


def test_an_actor_cites_what_it_does_in_the_story_not_an_aside():
    """In a set on a strike, the ferry company's poetry prize is no passage to cite it by."""
    strike = [
        "Nordvik Lines said the dock workers' strike had stopped its ferries in the harbour.",
        "The dock workers' strike kept the ferries of Nordvik Lines in the harbour again.",
        "Nordvik Lines asked the dock workers to end the strike and free the harbour ferries.",
        "Dock workers said the strike would go on until Nordvik Lines raised harbour wages.",
    ]
    prize = "Nordvik Lines gave its poetry prize to a young novelist from the far north."
    actors = _actors(f"{prize} {strike[0]}", *strike[1:])
    quotes = [c.quote for c in actors["Nordvik Lines"].citations]
    assert prize not in quotes
    assert len(quotes) == 3
