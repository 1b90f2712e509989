"""Media named as where the news came from ("Reuters reported", "told the BBC", "according to
AFP", "the Mexican paper X says"): sources of the story, not actors in it."""

from __future__ import annotations

from briefer.analysis.actors.countries import country_name
from briefer.analysis.actors.kinds import titled
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import Cluster, Mention

# How many words before a name a cue may stand: "told the Observer", "told news agency AFP",
# "a correspondent for the Observer".
_CUE_WINDOW = 3
# A name is a medium when at least this share of its mentions cite it as one.
_MEDIUM_SHARE = 0.5


def is_medium(cluster: Cluster) -> bool:
    """A newspaper, agency or broadcaster the text cites as where something was said or
    reported, never as an actor of the story: a name ending in a newspaper's word ("the
    Herald") with one such use; any other name whose uses are mostly such ("Reuters reported",
    "told AFP news agency"), one at least more than a subject of "report", unless it names a
    state, an institution ("the WHO reported") or a titled person ("Dr Gupta told")."""
    words = cluster.name.split()
    lex = lexicon()
    cited = [m for m in cluster.mentions if _cited_as_medium(m)]
    if words[-1].lower() in lex.publication_words and cited:
        return True
    if (
        country_name(cluster.name)
        or {w.lower() for w in words} & lex.institution_words
        or any(titled(m) for m in cluster.mentions)
    ):
        return False
    # A subject of "report" alone is no medium: "the clinic reported a death" is the clinic's.
    named_as_medium = any(not _reports(m) for m in cited)
    return named_as_medium and len(cited) >= _MEDIUM_SHARE * len(cluster.mentions)


def _cited_as_medium(mention: Mention) -> bool:
    """ "told Reuters", "according to AFP", "Reuters reported", "the BBC's correspondent",
    "a Reuters reporter", "the Mexican paper La Jornada"."""
    lex = lexicon()
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    before = doc[max(mention.sentence.span.start, mention.start - _CUE_WINDOW) : mention.start]
    cues = {t.lower_ for t in before} | {t.lemma_.lower() for t in before}
    if mention.label == "PERSON":
        cues.discard("according")  # "according to Richard Fontaine, McCain's adviser"
    if cues & lex.medium_cues or _reports(mention):
        return True
    if head.dep_ in ("poss", "compound") and head.head.lemma_.lower() in lex.journalism_nouns:
        return True
    # "the Reuters news agency", "AFP news agency reported"
    after = doc[mention.end : min(mention.sentence.span.end, mention.end + 2)]
    return head.dep_ == "compound" and any(t.lower_ == "news" for t in after)


def _reports(mention: Mention) -> bool:
    """ "Reuters reported …", "AFP reports …": the subject of a verb of publishing."""
    head = mention.sentence.span.doc[mention.end - 1]
    return head.dep_ == "nsubj" and head.head.lemma_ in lexicon().medium_verbs
