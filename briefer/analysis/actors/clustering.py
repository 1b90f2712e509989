"""One entity per actor across its names: spellings, surnames, first names, acronyms, a
government standing for its state, and names cut short by a stripped accent."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefer.analysis.actors.countries import country_name, country_of_demonym, state_of_government
from briefer.analysis.actors.kinds import company_context
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import (
    MIN_NAME_WORDS,
    Cluster,
    Mention,
    acronym,
    follows_another_name,
    is_group_noun,
    names_a_government,
    normalise,
    spelling_key,
)
from briefer.analysis.sentence import Sentence
from briefer.models import Article

# A name whose accented letters were stripped ("Felipe Caldern" of "Felipe Calderón") lacks
# at most this many letters of the full spelling, and keeps at least this many.
MAX_STRIPPED = 3
MIN_STRIPPED_NAME = 6
# A first name this long spelled with one letter changed is the same name.
MIN_RESPELLED = 7
# A word several names end in, not all of them people's, in an article that names none of
# them, goes to the one mentioned at least this many times as often as all the others together
# (a person's surname goes only to the one bearer its own article names: `_surname_owner`).
DOMINANCE = 3
# Letters of a name that cuts an organisation's first word short ("Fed" of "Federal Reserve").
MIN_CLIPPED = 3
# A clipped form keeps at most half the word ("Fed" of "Federal"; "Congress" is no clip of
# "Congressional").
CLIPPED_SHARE = 2
# What a word derived from a name adds to it: "Islamisation" is made from "Islam", not cut to
# it, and "Marxist" from "Marx".
_DERIVING_SUFFIX = re.compile(r"(?:i[sz]ations?|isms?|ists?|ic|ical|ians?|ites?|ese)")
# Articles that name both an acronym and its full form, when no "(WHO)" introduces it.
MIN_SHARED_ARTICLES = 2

ArticleIds = dict[str, set[str]]


@dataclass
class _Index:
    """Short names that can stand for a multi-word name."""

    acronyms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first_words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # of orgs
    ordinary: frozenset[str] = frozenset()  # words the corpus also writes in lower case


def cluster_mentions(
    sentences: Sequence[Sentence],
    mentions: Iterable[Mention],
    excluded: set[str],
    common: frozenset[str],
) -> list[Cluster]:
    """Multi-word names and states found entities; single words join the one entity they are
    the surname, first name or acronym of, else stand alone. Names glued from two others'
    ("Syria Galloway") are dropped."""
    clusters, pending = _found_entities(mentions, excluded)
    pending = _rejoin_cut_names(clusters, pending)
    alone = Counter(name for name, _ in pending)
    _merge_variants(clusters, alone, sentences)
    _merge_clipped(clusters)
    clusters = {c.name: c for c in (_respell(_full_form(c), alone) for c in clusters.values())}
    index = _index(clusters, common)
    in_article: ArticleIds = {
        name: {m.sentence.article.id for m in c.mentions} for name, c in clusters.items()
    }
    linked = _linked_acronyms(sentences, clusters, index, in_article)
    spelled = _spellings(clusters)
    # A word spelled two ways is the form written most: "Yuganskneftegas", not "-gaz".
    for name, _ in alone.most_common():
        spelled.setdefault(spelling_key(name), name)
    alone_in: dict[str, set[str]] = defaultdict(set)  # articles each single word is in
    for name, mention in pending:
        alone_in[name].add(mention.sentence.article.id)
    for name, mention in pending:
        target = _owner(name, mention, index, linked, in_article, clusters)
        if target is None:
            continue  # "Clinton" beside Bill and Hillary Clinton: which one is not clear
        if _a_name_of_its_own(name, target, mention, alone_in, in_article, clusters):
            target = name
        # One entity however its name is cased: "WorldCom" and "Worldcom".
        target = spelled.setdefault(spelling_key(target), target)
        cluster = clusters.setdefault(target, Cluster(target))
        cluster.mentions.append(mention)
        cluster.aliases.add(normalise(mention.text))  # as written: "Tories"
    surnames = _surnames(clusters)
    return [c for c in clusters.values() if not _glued(c, clusters, surnames, common)]


def _spellings(clusters: dict[str, Cluster]) -> dict[str, str]:
    """Each name by its `spelling_key`, and by that key without spaces where only one name
    has it: a name written as one word is the name written as two ("JPMorgan")."""
    spelled = {spelling_key(name): name for name in clusters}
    joined = Counter(spelling_key(name).replace(" ", "") for name in clusters)
    spelled.update(
        (key, name)
        for name in clusters
        if joined[key := spelling_key(name).replace(" ", "")] == 1 and key not in spelled
    )
    return spelled


def _a_name_of_its_own(
    name: str,
    target: str,
    mention: Mention,
    alone_in: dict[str, set[str]],
    in_article: ArticleIds,
    clusters: dict[str, Cluster],
) -> bool:
    """The first word of a longer organisation's name, in an article that does not name that
    organisation, written alone in more articles without it than the longer name is in: the
    company itself ("Sony" of "Sony Ericsson", "Google" of "Google News"), not the short form
    a story of "Lehman Brothers" uses."""
    long_in = in_article.get(target, set())
    return (
        target != name
        and target.split()[0] == name
        and not _kind_word_after(target)
        and not clusters[target].named_by_model_as("PERSON")
        and mention.sentence.article.id not in long_in
        and len(alone_in[name] - long_in) > len(long_in)
    )


def _kind_word_after(name: str) -> bool:
    """The words after the first say only what kind of body it is ("Verizon Communications",
    "Veritas Party", "Lehman Brothers"): the first word alone is the same body."""
    lex = lexicon()
    generic = lex.institution_words | lex.org_nouns | lex.corporate_suffixes
    return all(w.lower().rstrip(".") in generic for w in name.split()[1:])


def _found_entities(
    mentions: Iterable[Mention], excluded: set[str]
) -> tuple[dict[str, Cluster], list[tuple[str, Mention]]]:
    """Entities of the multi-word names and states; the single words left for later."""
    clusters: dict[str, Cluster] = {}
    spellings: dict[str, str] = {}
    pending: list[tuple[str, Mention]] = []
    lex = lexicon()
    for mention in mentions:
        name = normalise(mention.text)
        name = lex.body_aliases.get(name, name)  # "Tories": the Conservatives
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if name.lower() in excluded or name.lower() in lex.place_words:
            continue  # "South" of "South and Central Asia" is a word of a name, not a place
        if (mention.label == "NORP" and not is_group_noun(mention)) or _title_phrase(name, mention):
            continue
        state = country_name(name) or state_of_government(name)
        if state:
            name = state
        if len(name.split()) >= MIN_NAME_WORDS or state:
            # One spelling per actor: "World Health Organization" and "…Organisation".
            name = spellings.setdefault(spelling_key(name), name)
            clusters.setdefault(name, Cluster(name)).mentions.append(mention)
            clusters[name].aliases.add(normalise(mention.text))
        else:
            pending.append((name, mention))
    return clusters, pending


def _rejoin_cut_names(
    clusters: dict[str, Cluster], pending: list[tuple[str, Mention]]
) -> list[tuple[str, Mention]]:
    """Give a body's name that the model cut short to the name written in full right there:
    "Independence Party" of "the UK Independence Party", "Democrats" of "the Liberal
    Democrats", when the full name is an entity of its own. The single words left over are
    returned; a person's name is left alone ("Briton Ann Barnes" is `_merge_variants`')."""
    left: list[tuple[str, Mention]] = []
    found = [(name, m) for name, c in clusters.items() for m in c.mentions]
    for name, mention in [*found, *pending]:
        full = _written_in_full(name, mention, clusters)
        if full is None:
            if name not in clusters:
                left.append((name, mention))
            continue
        clusters[full].mentions.append(mention)
        clusters[full].aliases.add(normalise(mention.text))
        if name in clusters:
            clusters[name].mentions.remove(mention)
    for name in [n for n, c in clusters.items() if not c.mentions]:
        del clusters[name]
    return left


def _written_in_full(name: str, mention: Mention, clusters: dict[str, Cluster]) -> str | None:
    """The entity whose name is the capitalised word before the mention and its own: "UK" +
    "Independence Party"; not a person's name, nor "first" + "Britons"."""
    if mention.label == "PERSON" or mention.start <= mention.sentence.span.start:
        return None
    before = mention.sentence.span.doc[mention.start - 1]
    full = f"{before.text} {name}"
    named = before.is_title or before.is_upper
    return full if named and full in clusters and full != name else None


def _title_phrase(name: str, mention: Mention) -> bool:
    """ "Labor MEP", "Treasury Secretary", "MEP": a title the model took for an
    organisation's name ("Ministry of Justice" is one; a person's name may end in anything)."""
    words = name.split()
    lex = lexicon()
    office = words[-1].lower().rstrip(".") in (lex.titles - lex.honorifics) | lex.role_nouns
    after_of = len(words) > 2 and words[-2] == "of"
    if len(words) == 1:
        return office and name.isupper()  # "MEP", "CEO"; "King" may be a surname
    return office and not after_of and mention.label != "PERSON"


def _written(sentences: Sequence[Sentence], names: list[str]) -> Counter[str]:
    """How often the text writes each of `names` (word for word), whether or not the model
    found it there each time: only for names that share a first or last word with another,
    the forms that may be merged."""
    firsts = Counter(n.split()[0] for n in names)
    lasts = Counter(n.split()[-1] for n in names)
    shared = {n for n in names if firsts[n.split()[0]] > 1 or lasts[n.split()[-1]] > 1}
    lengths = {len(n.split()) for n in shared}
    written: Counter[str] = Counter()
    for sentence in sentences:
        words = [t.text for t in sentence.span]
        for i, word in enumerate(words):
            if word[:1].isupper() and word in firsts:
                for length in lengths:
                    if (run := " ".join(words[i : i + length])) in shared:
                        written[run] += 1
    return written


def _merge_variants(
    clusters: dict[str, Cluster], alone: Counter[str], sentences: Sequence[Sentence]
) -> None:
    """Merge people's names that are forms of one another: "Felipe Calder" into "Felipe
    Calderon", "George W Bush" and "George Bush", "Briton Ann Barnes" into "Ann Barnes".
    The form kept is the one whose surname the text also writes alone ("Obama", not
    "Oabama"), else the one the text writes most ("Elisabeth Byrs" four times, not
    "Elizabeth Byrs" twice), else the most mentioned."""
    # A form the model only ever calls an organisation counts too: "Androulla Vassiliou".
    people = [n for n, c in clusters.items() if len(n.split()) >= 2 and _personal_form(n, c)]
    written = _written(sentences, people)
    people.sort(key=lambda n: (-alone[n.split()[-1]], -written[n], -len(clusters[n].mentions), n))
    by_word: dict[str, list[str]] = defaultdict(list)  # by first word, last word, initials
    for name in people:
        words = name.split()
        for key in (words[0], words[-1], _initials(words)):
            by_word[key].append(name)
    # The least mentioned form goes first into the most mentioned one it is a form of.
    for variant in reversed(people):
        words = variant.split()
        candidates = [
            *by_word[words[0]],
            *by_word[words[-1]],
            *by_word[_initials(words)],  # "Jos Angel Crdova", "Jose Angel Cordova"
            *by_word["-".join(words)],  # "Kilroy Silk", "Robert Kilroy-Silk"
            " ".join(words[1:]),
        ]
        for canonical in candidates:
            if variant in clusters and canonical in clusters and variant != canonical:
                if canonical in people and _form_of(words, canonical.split(), clusters):
                    target = clusters[canonical]
                    target.mentions.extend(clusters[variant].mentions)
                    target.aliases |= clusters.pop(variant).aliases | {variant}
                    break


def _merge_clipped(clusters: dict[str, Cluster]) -> None:
    """Merge a clipped form of a body's name into the full one: "Lib Dems" into "Liberal
    Democrats", each word the start of the other's. Only where the full form is never a
    person's: "Chris Smith" may not be "Christine Smith"."""
    bodies = [n for n, c in clusters.items() if not c.named_by_model_as("PERSON")]
    for short in sorted(clusters, key=len):
        words = short.split()
        if len(words) < MIN_NAME_WORDS:
            continue
        fuller = [n for n in bodies if n != short and _clipped_form(words, n.split())]
        if len(fuller) == 1 and short in clusters:
            target = clusters[fuller[0]]
            target.mentions.extend(clusters[short].mentions)
            target.aliases |= clusters.pop(short).aliases | {short}


def _clipped_form(short: list[str], full: list[str]) -> bool:
    """Each word of `short` opens the word of `full` in its place, one at least cut short."""

    def stem(word: str) -> str:
        return word.casefold().removesuffix("s")

    return (
        len(short) == len(full)
        and all(
            len(stem(a)) >= MIN_CLIPPED and stem(b).startswith(stem(a))
            for a, b in zip(short, full, strict=True)
        )
        and any(len(stem(a)) < len(stem(b)) for a, b in zip(short, full, strict=True))
    )


def _form_of(variant: list[str], canonical: list[str], clusters: dict[str, Cluster]) -> bool:
    """`_variant_of` for two people; for a name the model never calls a person only a
    spelling ("Androulla Vasiliou") or a double-barrelled surname, never a nationality
    before it ("British Red Cross" is not the "Red Cross")."""
    if _double_barrelled(variant, clusters[" ".join(canonical)]):
        return True
    both = all(clusters[" ".join(w)].named_by_model_as("PERSON") for w in (variant, canonical))
    if both:
        return _variant_of(variant, canonical)
    return _stripped_of_accents(variant, canonical) or _respelled(variant, canonical)


def _double_barrelled(variant: list[str], canonical: Cluster) -> bool:
    """ "Kilroy Silk" is the surname of "Robert Kilroy-Silk" written without its hyphen."""
    hyphenated = "-".join(variant)
    return len(variant) > 1 and any(
        alias.split()[-1] == hyphenated for alias in canonical.aliases | {canonical.name}
    )


def _personal_form(name: str, cluster: Cluster) -> bool:
    """A name the model calls a person, or that could be one: capitalised words, none an
    institution's ("Androulla Vassiliou", not "Health Protection Agency")."""
    if cluster.named_by_model_as("PERSON"):
        return True
    words = name.split()
    lex = lexicon()
    return all(w[:1].isupper() and w.lower() not in lex.institution_words for w in words)


def _initials(words: list[str]) -> str:
    """ "J A C" of "Jose Angel Cordova": one key for the forms of a name a stripped accent
    changed in every word."""
    return " ".join(w[:1] for w in words)


def _full_form(cluster: Cluster) -> Cluster:
    """A surname that opens on its particle ("van Creveld", "al-Sadr") is not a full name: the
    cluster goes under the shortest full form the text also writes ("Martin van Creveld")."""
    surname = cluster.name.split()
    if not cluster.name[:1].islower():
        return cluster
    titles = lexicon().titles
    fuller = [
        alias
        for alias in cluster.aliases
        if (words := alias.split())[-len(surname) :] == surname
        and len(words) > len(surname)
        and words[0][:1].isupper()
        and words[0].lower().rstrip(".") not in titles  # "Professor van Creveld"
    ]
    if not fuller:
        return cluster
    cluster.aliases.add(cluster.name)
    cluster.name = min(fuller, key=lambda a: (len(a.split()), a))
    return cluster


def _respell(cluster: Cluster, alone: Counter[str]) -> Cluster:
    """The cluster under the fullest spelling of its name ("Felipe Calderón", else "Felipe
    Calderon", not the commoner "Felipe Caldern" a stripped accent left): a form with more
    letters whose surname the text also writes alone (not the slip "Barack Oabama")."""
    words = cluster.name.split()
    if len(words) < MIN_NAME_WORDS:
        return cluster
    fuller = [
        alias
        for alias in cluster.aliases
        if len(alias.split()) == len(words)
        and alias.split()[-1] != words[-1]  # not "Nicolas Sturgeon", a slip in the first name
        and alone[alias.split()[-1]] > 0
        and len(alias) > len(cluster.name)
        and _stripped_of_accents(words, alias.split())
    ]
    if not fuller:
        return cluster
    best = max(fuller, key=lambda a: (not a.isascii(), len(a), a))
    cluster.aliases.add(cluster.name)
    cluster.name = best
    return cluster


def _variant_of(variant: list[str], canonical: list[str]) -> bool:
    """Whether a name is a lesser form of another: with its accented letters stripped, with
    or without middle initials or a short first name ("Hank"), or after a nationality
    ("Briton")."""
    if _stripped_of_accents(variant, canonical) or _respelled(variant, canonical):
        return True
    if (
        variant[-1] == canonical[-1]
        and _same_first_name(variant[0], canonical[0])
        and (len(variant) != len(canonical) or variant[0] != canonical[0])
    ):
        middle = variant[1:-1] + canonical[1:-1]
        return all(len(w.rstrip(".")) == 1 for w in middle)
    if variant[1:] == canonical and len(canonical) >= MIN_NAME_WORDS:
        return country_of_demonym(variant[0]) is not None
    return False


def _stripped_of_accents(variant: list[str], canonical: list[str]) -> bool:
    """ "Felipe Calder", "Felipe Caldern" and "Felipe Calderon", "Jos Angel C rdova" and "Jose
    Angel Cordova": the same letters with a few left out where an accent was stripped (or a
    typing slip: "Barack Oabama"). The more mentioned spelling is kept."""
    if variant[0][:1] != canonical[0][:1]:
        return False
    short, full = sorted(("".join(variant), "".join(canonical)), key=len)
    if not 0 < len(full) - len(short) <= MAX_STRIPPED or len(short) < MIN_STRIPPED_NAME:
        return False
    # A subsequence, in order, whose missing letters are all small ones: not "George HW Bush".
    missing: list[int] = []
    at = 0
    for ch in short:
        while at < len(full) and full[at] != ch:
            missing.append(at)
            at += 1
        if at == len(full):
            return False
        at += 1
    missing.extend(range(at, len(full)))
    return all(full[i].islower() for i in missing) and not _inner_run(missing, full)


def _inner_run(missing: list[int], full: str) -> bool:
    """Two letters or more missing together inside a word: a stripped accent loses one letter
    there ("Caldern"), or the word's end ("Calder"); "Simon Day" is not "Simon Darby"."""
    runs: list[list[int]] = []
    for i in missing:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return any(
        len(run) > 1 and run[-1] + 1 < len(full) and full[run[-1] + 1].islower() for run in runs
    )


def _same_first_name(a: str, b: str) -> bool:
    """ "George" and "George", "Hank" and "Henry"."""
    nicknames = lexicon().nicknames
    a, b = a.lower(), b.lower()
    return nicknames.get(a, a) == nicknames.get(b, b)


def _respelled(variant: list[str], canonical: list[str]) -> bool:
    """ "Elisabeth Byrs" and "Elizabeth Byrs": one letter of one long word spelled otherwise."""
    if len(variant) != len(canonical) or variant[-1] != canonical[-1]:
        return False
    differ = [(a, b) for a, b in zip(variant, canonical, strict=True) if a != b]
    if len(differ) != 1:
        return False
    a, b = differ[0]
    changed = sum(x != y for x, y in zip(a, b, strict=False))
    return len(a) == len(b) >= MIN_RESPELLED and changed == 1 and a[0] == b[0]


def _index(clusters: dict[str, Cluster], common: frozenset[str]) -> _Index:
    """Acronyms of institutions, last words of other names, first names of people."""
    index = _Index(ordinary=frozenset(w.lower() for w in common))
    for name, cluster in clusters.items():
        words = name.split()
        if len(words) < MIN_NAME_WORDS:
            continue
        person = cluster.named_by_model_as("PERSON")
        if not person:
            _index_organisation(index, name, cluster)
        if _lends_last_word(words, cluster, common):
            index.surnames[words[-1].lower()].add(name)
            for alias in cluster.aliases:  # "Obama" of "Barack Obama", a form of the name
                if len(alias.split()) >= MIN_NAME_WORDS and cluster.named_by_model_as("PERSON"):
                    index.surnames[alias.split()[-1].lower()].add(name)
        if person and words[0].lower() not in lexicon().place_words:
            index.first_names[words[0].lower()].add(name)
        # A double-barrelled surname is shortened to its first part ("Kilroy launches …").
        barrels = words[-1].split("-")
        if person and len(barrels) == 2 and all(b[:1].isupper() for b in barrels):
            index.surnames[barrels[0].lower()].add(name)
    return index


def _index_organisation(index: _Index, name: str, cluster: Cluster) -> None:
    """An institution's acronym ("WHO"); an organisation's first word, which a clipped form
    may stand for ("Fed")."""
    words = name.split()
    capitalised = [w for w in words if w[:1].isupper()]
    if not any(w.isupper() and len(w) > 1 for w in capitalised[1:]):
        index.acronyms[acronym(name).lower()].add(name)
    if cluster.named_by_model_as("ORG"):
        index.first_words[words[0].lower()].add(name)


def _lends_last_word(words: list[str], cluster: Cluster, common: frozenset[str]) -> bool:
    """Whether the last word alone names the same entity: not for "Thieves of Baghdad", nor a
    state ("South Africa" is not "Africa"), nor an institution whose last word is an ordinary
    one ("White House" is not "House"), unless after a state's name ("U.S. Treasury" is
    "Treasury"), nor a city's or region's branch of one ("New York Fed")."""
    if any(w.islower() for w in words) or country_name(" ".join(words)):
        return False  # a state is named in full or by its own short forms, not "Africa"
    institution = cluster.named_by_model_as("ORG") and not cluster.named_by_model_as("PERSON")
    if institution and words[-1].lower() in common:
        return country_name(" ".join(words[:-1])) is not None
    # A city's branch is not the national body its last word names: "New York Fed", "Fed".
    local = words[0].lower() in lexicon().place_words and not country_name(" ".join(words[:-1]))
    return not (institution and local)


def _is_acronym(name: str) -> bool:
    return len(name) >= 2 and name.isupper()


def _linked_acronyms(
    sentences: Sequence[Sentence],
    clusters: dict[str, Cluster],
    index: _Index,
    in_article: ArticleIds,
) -> dict[str, set[str]]:
    """Acronym → the full forms the text links it to: introduced as "World Health Organization
    (WHO)", named beside it in several articles, or in every article that uses it."""
    used_in: ArticleIds = defaultdict(set)
    for sentence in sentences:
        for token in sentence.span:
            if _is_acronym(token.text) and token.text.lower() in index.acronyms:
                used_in[token.text].add(sentence.article.id)
    linked: dict[str, set[str]] = {}
    for short, articles in used_in.items():
        fulls = sorted(index.acronyms.get(short.lower(), ()))
        for full in fulls:
            shared = articles & in_article[full]
            if (
                _introduced(short, clusters[full])
                or len(shared) >= MIN_SHARED_ARTICLES
                or articles <= in_article[full]
                or _only_spelling(short, fulls, in_article[full], clusters)
            ):
                linked.setdefault(short, set()).add(full)
    return linked


MIN_SPELLED_OUT = 3  # letters of an acronym whose only full form in the text spells it out


def _only_spelling(
    short: str, fulls: list[str], articles: set[str], clusters: dict[str, Cluster]
) -> bool:
    """ "AIG" where "American International Group", an organisation several articles name, is
    the one name of the text it spells. Not a two-letter acronym, which spells too many
    things; not one named once ("CNN is branded the Communist News Network"); not one that
    opens a name of its own ("CBS News": CBS is not the "Central Bureau of Statistics")."""
    return (
        len(short) >= MIN_SPELLED_OUT
        and len(fulls) == 1
        and len(articles) >= MIN_SHARED_ARTICLES
        and clusters[fulls[0]].named_by_model_as("ORG")
        and not any(name.startswith(f"{short} ") for name in clusters)
    )


def _introduced(short: str, cluster: Cluster) -> bool:
    """ "World Health Organization (WHO)" or "WHO (World Health Organization)" in the text."""
    forms = {cluster.name, *cluster.aliases}
    return any(
        f"{form} ({short})" in m.sentence.text or f"{short} ({form})" in m.sentence.text
        for m in cluster.mentions
        for form in forms
    )


def _owner(
    name: str,
    mention: Mention,
    index: _Index,
    linked: dict[str, set[str]],
    in_article: ArticleIds,
    clusters: dict[str, Cluster],
) -> str | None:
    """The entity a single word belongs to, the word itself when it names no other, or None
    for the surname of several people its own article does not single one of out, or the
    first name of several: a third actor "Clinton" beside Bill and Hillary Clinton would be
    wrong, and so would either of them."""
    if mention.label == "LANGUAGE":
        return None  # "in measured English": no actor, nor Jane English's surname
    if mention.label == "NORP":
        return name  # a people ("Haitians") is not a group named after it ("United Haitians")
    article = mention.sentence.article.id
    if name in linked:
        return _acronym_owner(linked[name], article, in_article, clusters)
    surnames, owners = _bearers(name, mention, index, clusters)
    if _after_another_name(mention, owners):
        return None  # "Re" of "Swiss Re" is not Munich Re's
    if _a_titled_namesake(name, mention, owners, clusters):
        return name  # "Lord Butler" is not the "Butler Inquiry" named after him
    if _personal(surnames, owners, clusters, mention):
        if surnames:
            return _surname_owner(owners, mention.sentence.article, in_article)
        return _first_name_owner(name, mention, owners, in_article)
    if _another_bearer_here(name, surnames, owners, article, index, in_article):
        return None
    if len(owners) > 1:
        owners = _local(owners, article, in_article) or owners
        if len(owners) > 1 and surnames:
            owners = _dominant(owners, clusters) or _inner(owners)
    return next(iter(owners)) if len(owners) == 1 else name


def _after_another_name(mention: Mention, owners: set[str]) -> bool:
    span = mention.sentence.span
    return bool(owners) and follows_another_name(span.doc[mention.start], owners, span.start)


def _a_titled_namesake(
    name: str, mention: Mention, owners: set[str], clusters: dict[str, Cluster]
) -> bool:
    """The word follows an honorific and every longer name it opens is a body the model never
    calls a person ("Butler Inquiry"), not one it is the surname of ("JP McManus")."""
    return (
        bool(owners)
        and _titled(mention)
        and all(
            clusters[o].name.split()[-1] != name and not clusters[o].named_by_model_as("PERSON")
            for o in owners
        )
    )


def _titled(mention: Mention) -> bool:
    """The word stands after an honorific ("Lord Butler", "Mr Hutton"): a person's name."""
    doc = mention.sentence.span.doc
    before = doc[mention.start - 1] if mention.start > mention.sentence.span.tokens[0].i else None
    return before is not None and before.lower_.rstrip(".") in lexicon().honorifics


def _acronym_owner(
    full_forms: set[str], article: str, in_article: ArticleIds, clusters: dict[str, Cluster]
) -> str:
    """The full form of an acronym named in its article; of several, none nearby, the most
    mentioned one."""
    owners = _local(full_forms, article, in_article) or full_forms
    return min(owners, key=lambda o: (-len(clusters[o].mentions), o))


def _another_bearer_here(
    name: str,
    surnames: set[str],
    owners: set[str],
    article: str,
    index: _Index,
    in_article: ArticleIds,
) -> bool:
    """A surname whose bearers this article does not name, where a person whose name opens
    with the word is named: "Wong" where Wong Kar-Wai is named and Eddie Wong is not."""
    if not surnames or _local(owners, article, in_article):
        return False
    return bool(_local(index.first_names.get(name.lower(), set()), article, in_article))


def _first_name_owner(
    name: str, mention: Mention, owners: set[str], in_article: ArticleIds
) -> str | None:
    """A first name alone ("Tony") names a person only when no other person bears it and its
    article names them in full ("Tariq, my friend" is not Tariq Aziz); a person called only
    "George" is no actor either; another word stands alone."""
    if len(owners) == 1 and _local(owners, mention.sentence.article.id, in_article):
        return next(iter(owners))
    return None if mention.label == "PERSON" else name


def _personal(
    surnames: set[str], owners: set[str], clusters: dict[str, Cluster], mention: Mention
) -> bool:
    """Whether the word is the surname several people share, or one a government is named
    after ("the Clinton administration" is Hillary Clinton's only where her article names
    her), or a person's first name."""
    if surnames:
        government = names_a_government(mention.sentence.span.doc[mention.end - 1])
        return government or (len(owners) > 1 and _people(surnames, clusters))
    return bool(owners) and _people(owners, clusters)


def _people(names: set[str], clusters: dict[str, Cluster]) -> bool:
    return all(clusters[n].named_by_model_as("PERSON") for n in names)


def _surname_owner(owners: set[str], article: Article, in_article: ArticleIds) -> str | None:
    """The one bearer of a shared surname its own article names in full ("Johnson" where
    Boris Johnson is named and no other Johnson), else no one: a guess could misquote. A full
    name the model missed in the article counts too."""
    owners = _inner(owners) or owners  # "Hugo Chavez" of "White House Hugo Chavez"
    local = {
        o
        for o in owners
        if article.id in in_article[o] or re.search(rf"\b{re.escape(o)}\b", article.text)
    }
    return next(iter(local)) if len(local) == 1 else None


def _bearers(
    name: str, mention: Mention, index: _Index, clusters: dict[str, Cluster]
) -> tuple[set[str], set[str]]:
    """(the names whose last word the word is, the names it may stand for): an organisation
    whose name it begins ("Lehman"; a person's surname only where the text speaks of a
    company: "Goldman's shares"), a surname's, a first name's, or a clipped organisation's
    ("Fed")."""
    key = name.lower()
    doc = mention.sentence.span.doc
    surnames = index.surnames.get(key, set())
    # "the West", "the Commons": no person's surname or first name, no firm's first word
    # ("the Fed", "the Treasury" still shorten an institution's name).
    determined = mention.start > 0 and doc[mention.start - 1].lower_ == "the"
    if determined:
        surnames = {n for n in surnames if not clusters[n].named_by_model_as("PERSON")}
    firm = _firm(name, index, clusters) if mention.label == "ORG" and not determined else set()
    head = doc[mention.end - 1]
    if firm and (not surnames or company_context(head)):
        return set(), firm  # "Goldman's shares fell": Goldman Sachs, not William Goldman
    owners = surnames or (set() if determined else index.first_names.get(key, set()))
    if not owners and mention.label == "ORG":
        owners = _clipped(name, index, clusters)
    return surnames, owners


def _firm(name: str, index: _Index, clusters: dict[str, Cluster]) -> set[str]:
    """The organisation whose name begins with this one, a word that is no ordinary word,
    place or people ("Goldman" of "Goldman Sachs", "Lehman" of "Lehman Brothers"): the only
    one, or the one mentioned far more than the others together."""
    key = name.lower()
    if (
        not name.istitle()
        or key in index.ordinary
        or key in lexicon().place_words
        or country_of_demonym(name)
    ):
        return set()
    found = index.first_words.get(key, set())
    return found if len(found) == 1 else _dominant(found, clusters) if found else set()


def _clipped(name: str, index: _Index, clusters: dict[str, Cluster]) -> set[str]:
    """The organisation whose first word the name cuts to half or less ("Fed" of "Federal
    Reserve"), not one made from it ("Islamisation of Iraq" of "Islam"): the only one, or the
    one mentioned far more than the others together."""
    key = name.lower()
    if len(key) < MIN_CLIPPED or not name.istitle():
        return set()
    found = {
        full
        for first, names in index.first_words.items()
        if first.startswith(key)
        and len(first) >= CLIPPED_SHARE * len(key)
        and not _DERIVING_SUFFIX.fullmatch(first[len(key) :])
        for full in names
    }
    return found if len(found) == 1 else _dominant(found, clusters) if found else set()


def _local(owners: set[str], article: str, in_article: ArticleIds) -> set[str]:
    return {o for o in owners if article in in_article[o]}


def _inner(owners: set[str]) -> set[str]:
    """The name the others only lengthen: "Hugo Chavez" of "White House Hugo Chavez"."""
    return {o for o in owners if all(other.endswith(f" {o}") for other in owners - {o})}


def _dominant(owners: set[str], clusters: dict[str, Cluster]) -> set[str]:
    """The one bearer of a name mentioned far more often than all the others together."""
    ranked = sorted(owners, key=lambda o: (-len(clusters[o].mentions), o))
    first = len(clusters[ranked[0]].mentions)
    rest = sum(len(clusters[o].mentions) for o in ranked[1:])
    return {ranked[0]} if first >= DOMINANCE * rest else set()


def _named(name: str, clusters: dict[str, Cluster], surnames: dict[str, Cluster]) -> Cluster | None:
    return clusters.get(name) or surnames.get(name)


def _glued(
    cluster: Cluster,
    clusters: dict[str, Cluster],
    surnames: dict[str, Cluster],
    common: frozenset[str],
) -> bool:
    """A name run together from two others' ("Misrata Tripoli", "Syria Galloway", "CNN
    National Security Contributor NATO") or from ordinary words and a state ("Sick Mexico"):
    a headline, caption or list read as one name."""
    words = cluster.name.split()
    for i in range(1, len(words)):
        if all(w.lower() in common for w in words[:i]) and country_name(" ".join(words[i:])):
            return True  # "Sick Mexico": ordinary words of a headline before a state
        head = clusters.get(" ".join(words[:i]))
        if head is None or head is cluster or head.named_by_model_as("PERSON"):
            continue
        for j in range(i, len(words)):
            tail = _named(" ".join(words[j:]), clusters, surnames)
            if tail is None or tail is cluster or tail is head:
                continue
            if tail.named_by_model_as("PERSON") or _same_sort(head, tail):
                return True
    return False


def _surnames(clusters: dict[str, Cluster]) -> dict[str, Cluster]:
    """Surname → the one person of the story who bears it."""
    bearers: dict[str, list[Cluster]] = defaultdict(list)
    for name, cluster in clusters.items():
        words = name.split()
        if len(words) >= MIN_NAME_WORDS and cluster.named_by_model_as("PERSON"):
            bearers[words[-1]].append(cluster)
    return {surname: found[0] for surname, found in bearers.items() if len(found) == 1}


def _same_sort(head: Cluster, tail: Cluster) -> bool:
    """Two places ("Misrata Tripoli") or two organisations, by the model's labels."""
    labels = {m.label for m in head.mentions} & {m.label for m in tail.mentions}
    return bool(labels & {"GPE", "LOC", "FAC", "ORG"})
