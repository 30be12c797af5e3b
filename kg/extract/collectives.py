"""Collectives: noun phrases that name groups of people ("Kurdish fighters", "foreign
tourists", "IS militants", "the Sudanese government"), unnamed persons who act ("a monitor
said"), and unnamed buildings the text places somewhere ("a factory in Khartoum")."""

from __future__ import annotations

from kg.extract.candidate import Candidate, join_words
from kg.extract.names import PART_NOUNS
from kg.extract.text import clean_surface
from kg.lexicon import Lexicon

# Words that count, grade or point at a collective rather than name it.
NOT_NAMING = frozenset(
    """many several few other more most some numerous certain various additional rising growing
    increasing large small new such all both hundreds thousands dozens tens millions just only least
    own remaining same last first second third fellow possible suspected alleged about nearly almost
    over under up to estimated total further slain dead wounded injured killed heavily armed its
    their his her our these those this that what advancing fleeing retreating remaining trapped""".split()
)
# Singular heads that can name a collective, given a modifier ("the Sudanese government").
SINGULAR_COLLECTIVES = frozenset(
    """government administration authority ministry regime cabinet coalition militia army police force
    team""".split()
)
# Heads naming a state's government: "Sudan's government", "Tunisian authorities" -> "Sudanese government".
GOVERNMENT_HEADS = frozenset("government authority regime".split())
NAMED_BODIES = frozenset("coalition army police".split())
STOP_DEPS = frozenset("det predet nummod quantmod prep advmod neg relcl acl".split())
STOP_TAGS = frozenset("CD DT PRP$ PDT PRP WP$ WDT RB RBR RBS".split())


def collective_candidates(doc, lexicon: Lexicon, names: list[Candidate]) -> list[Candidate]:
    name_at = {i: c for c in names for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PROPN" and lemma not in lexicon.collective_nouns and tok.lower_.endswith("s"):
            lemma = tok.lower_[:-1]  # "Fighters of the SDF" at a sentence's start: the tagger calls it a name
        cls = lexicon.collective_nouns.get(lemma)
        if cls is None or tok.pos_ not in ("NOUN", "PROPN") or tok.i in name_at:
            continue
        plural = tok.tag_ in ("NNS", "NNPS") or (tok.text.lower() != lemma and tok.text.lower().endswith("s"))
        mods = naming_modifiers(doc, tok)
        if not plural and cls == "Group" and _someone(tok):
            # "a local museum worker was killed", "a monitor said": one unnamed person who acts
            out.append(
                Candidate(
                    min(mods, default=tok.i),
                    tok.i + 1,
                    "a " + clean_surface(join_words(doc, [*mods, tok.i])),
                    "Person",
                    "collective",
                    head=tok.i,
                )
            )
            continue
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        # "the coalition", "the army": a singular collective the text treats as one known body
        if not plural and not (lemma in SINGULAR_COLLECTIVES and (mods or (definite and lemma in NAMED_BODIES))):
            continue
        group = next((name_at[i] for i in mods if i in name_at and lexicon.is_a(name_at[i].cls, "Organization")), None)
        if len(mods) == 1 and doc[mods[0]].lemma_.lower() in NAMED_BODIES and cls == "ArmedGroup":
            # "coalition forces", "army troops": the body itself, as the text calls it elsewhere
            out.append(
                Candidate(
                    mods[0],
                    tok.i + 1,
                    doc[mods[0]].lower_,
                    cls,
                    "collective",
                    head=mods[0],
                    aliases=(clean_surface(join_words(doc, [mods[0], tok.i])),),
                )
            )
            continue
        country = _country_modifier(doc, mods, name_at, lexicon)
        for phrase, own in _conjunct_phrases(doc, tok, mods):
            text = clean_surface(phrase)
            aliases = tuple(a for a in (_counted(doc, tok, text),) if a)
            end = tok.i + 1
            kind = "collective"
            if lemma in GOVERNMENT_HEADS and country is not None:
                # one name for a state's government however the text puts it
                aliases += (text,)
                text = f"{country.demonyms[0]} government"
                cls, kind = "Government", "government"
            elif not mods and group is None:
                group = _member_of_named_group(doc, tok, name_at, lexicon) if cls == "ArmedGroup" else None
                located = None if group or cls != "ArmedGroup" else _located(doc, tok, name_at, lexicon)
                if located:
                    text = clean_surface(doc[tok.i : located].text)
            aliases += tuple(a for a in (_possessor_short_form(doc, mods, tok),) if a and a != text)
            cand = Candidate(min(mods, default=tok.i), end, text, cls, kind, aliases=aliases, head=tok.i, own=own)
            if group is not None and cls == "ArmedGroup":
                # "IS militants" fight as IS; "Taliban prisoners" are held, not the Taliban
                cand.link_to = group.start
            out.append(cand)
    return out


# Heads that say nothing of who speaks: the words after them are the name ("a person familiar
# with the matter").
GENERIC_PERSONS = frozenset("person man woman one individual".split())
SPEAKER_DETERMINERS = frozenset("a an one his her their its".split())
# What may follow a speaker's head noun inside its name: "familiar with the matter", "in the camp".
NAME_TAIL_DEPS = frozenset("amod prep acl".split())


def speaker_candidates(doc, lexicon: Lexicon, chosen: list[Candidate]) -> list[Candidate]:
    """Unnamed people who speak or suffer: 'a source said', 'officials say', 'a person familiar
    with the matter said', 'a major general was killed', 'killing two journalists'. A noun for
    a kind of person (WordNet's, in the lexicon) that is the subject of a speech verb, or what
    a killing, attack, arrest or capture is done to, is someone the graph should name; a
    plural one is a group. Named people ('spokesman John Kirby') are left to their names."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.lemma_.lower() not in lexicon.person_nouns:
            continue
        role = _event_role(tok, lexicon)
        if role is None or any(c.i in taken for c in tok.children if c.dep_ in ("compound", "appos")):
            continue
        mods = naming_modifiers(doc, tok)
        if any(i in taken for i in mods):
            if role == "speaker":
                continue  # "Tunisian security official": a name inside is read with its own mention
            # "NATO service members": the name keeps its own mention; the people start after it
            named = max(i for i in mods if i in taken)
            text_mods, mods = mods, [i for i in mods if i > named]
        else:
            text_mods = mods
        plural = tok.tag_ in ("NNS", "NNPS")
        det = next((c for c in tok.children if c.dep_ in ("det", "poss", "nummod") and c.i < tok.i), None)
        words = [*text_mods, tok.i]
        if det is not None and det.i == words[0] - 1 and det.lower_ in SPEAKER_DETERMINERS:
            words.insert(0, det.i)
        core = clean_surface(join_words(doc, words))
        tail = _name_tail(doc, tok)
        full = clean_surface(join_words(doc, [*words, *range(tok.i + 1, tail)])) if tail > tok.i + 1 else core
        text, alias = (full, core) if tok.lemma_.lower() in GENERIC_PERSONS else (core, full)
        cls = "Group" if plural else "Person"
        aliases = (alias,) if alias != text else ()
        start = min([*mods, tok.i])
        out.append(Candidate(start, tok.i + 1, text, cls, "collective", aliases=aliases, head=tok.i))
        taken |= set(range(start, tok.i + 1))
    return out


def _event_role(tok, lexicon: Lexicon) -> str | None:
    """'speaker' for the subject of a speech verb, 'victim' for what a harm is done to
    (passive subject or object of a killing or arrest verb, 'the killing of ...'), 'doer' for
    who does the harm (its subject, its by-phrase), else None."""
    noun = tok.head if tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else tok
    head = noun.head
    lemma = head.lemma_.lower()
    if noun.dep_ == "nsubj" and head.pos_ == "VERB" and lemma in lexicon.speech_verbs:
        return "speaker"
    if _right_before_speech_verb(tok, lexicon):
        return "speaker"  # "..., the source, who said he had spoken to them, told Reuters"
    if noun.dep_ in ("nsubjpass", "dobj") and head.pos_ == "VERB" and lemma in lexicon.harm_words:
        return "victim"
    if noun.dep_ == "nsubj" and head.pos_ == "VERB" and lemma in lexicon.harm_words:
        return "doer"  # "a suicide bomber blew himself up", "the gunman shot"
    if noun.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in lexicon.harm_words:
        return "doer"  # "was shot dead by a police officer"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lexicon.harm_words:
        return "victim"  # "the slaying of seven demonstrators"
    return None


def _right_before_speech_verb(noun, lexicon: Lexicon) -> bool:
    """Whether a speech verb follows the noun's phrase at once, or past a relative clause set
    off by commas, whatever head the parser gave the noun."""
    doc = noun.doc
    i = noun.i + 1
    if i < len(doc) and doc[i].text == "," and i + 1 < len(doc) and doc[i + 1].lower_ in ("who", "which"):
        i += 2
        while i < noun.sent.end and doc[i].text != ",":
            i += 1
        i += 1
    if i >= len(doc) or noun.dep_ in ("pobj", "dobj", "poss", "compound"):
        return False
    verb = doc[i]
    return verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.lemma_.lower() in lexicon.speech_verbs


def _name_tail(doc, head) -> int:
    """Where a speaker's name ends: after what describes the head ('familiar with the matter',
    'of a big petrochemical company in China'), before a comma, a clause or the verb."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in NAME_TAIL_DEPS or child.i != end:
            break
        right = child.right_edge.i + 1
        if any(doc[i].text in (",", "(", "\u2014", "-") for i in range(child.i, right)) or right - head.i > 12:
            break
        end = right
    return end


def _someone(tok) -> bool:
    """An indefinite singular person who does or undergoes something: 'a monitor said'."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return False
    role = tok.dep_ if tok.dep_ != "conj" else tok.head.dep_
    return role in ("nsubj", "nsubjpass")


def _possessor_short_form(doc, mods: list[int], head) -> str | None:
    """ "Trump's transition team" for "President-elect Donald J. Trump's transition team"."""
    for n, i in enumerate(mods):
        if doc[i].tag_ == "POS" and n >= 2:
            return doc[i - 1].text + doc[i].text + " " + join_words(doc, [*mods[n + 1 :], head.i])
    return None


def _country_modifier(doc, mods: list[int], name_at: dict, lexicon: Lexicon):
    """The country a modifier names: 'Sudan's', 'Sudanese', 'U.S.'; None when there is none."""
    for i in mods:
        entry = name_at[i].known if i in name_at else lexicon.demonym_to_entry.get(doc[i].lower_)
        if entry is not None and entry.cls == "Country" and entry.demonyms:
            return entry
    return None


def _counted(doc, head, text: str) -> str | None:
    """'two leftist politicians', '21 Christians': the number as part of how the text names them."""
    for child in head.children:
        if child.dep_ == "nummod" and child.i < head.i and child.i == head.left_edge.i:
            return f"{child.text} {text}"
    return None


def _located(doc, head, name_at: dict, lexicon: Lexicon) -> int | None:
    """'rebels in Darfur', 'rebels in neighboring South Sudan': a bare collective is known by
    where it is; returns where its words end. Read off the words, not the parse, which often
    hangs "in X" on the verb. The place keeps its own mention."""
    if head.i + 1 >= len(doc) or doc[head.i + 1].lower_ != "in":
        return None
    i = head.i + 2
    while i < min(len(doc), head.i + 5) and i not in name_at and doc[i].pos_ in ("ADJ", "VERB", "DET"):
        i += 1  # "the", "neighboring", "northern"
    cand = name_at.get(i)
    if cand is not None and cand.start == i and lexicon.is_a(cand.cls, "Place"):
        return cand.end
    return None


def _member_of_named_group(doc, head, name_at: dict, lexicon: Lexicon) -> Candidate | None:
    """'Fighters of the Syrian Democratic Forces' are that group, for the graph's purposes."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                cand = name_at.get(pobj.i)
                if cand is not None and lexicon.is_a(cand.cls, "Organization"):
                    return cand
    return None


def facility_phrases(doc, lexicon: Lexicon, chosen: list[Candidate]) -> list[Candidate]:
    """'a pharmaceutical factory in Khartoum', 'a synagogue in the city of Djerba': a building
    the text places somewhere named is a place of its own, though it has no name."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    name_at = {i: c for c in chosen for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.tag_ != "NN":
            continue
        if lexicon.place_nouns.get(tok.lemma_.lower()) != "Facility" or tok.lemma_.lower() in PART_NOUNS:
            continue
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        if not dets & {"a", "an", "the"}:
            continue  # headlines drop articles: "forces breach wall in Syria" names no building
        if "the" in dets and not any(c.dep_ == "amod" for c in tok.children):
            continue  # "the wall": a reference back, for coreference to resolve
        if not _placed(tok, name_at, lexicon):
            continue
        mods = [i for i in naming_modifiers(doc, tok) if i not in taken]
        text = clean_surface(join_words(doc, [*mods, tok.i]))
        out.append(Candidate(min(mods, default=tok.i), tok.i + 1, text, "Facility", "collective", head=tok.i))
    return out


def _placed(noun, name_at: dict, lexicon: Lexicon) -> bool:
    """Whether 'in X' follows the noun, X a named place (directly or as 'the city of X')."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "near", "outside"):
            for pobj in prep.children:
                named = [pobj] + [g for p in pobj.children if p.lower_ == "of" for g in p.children]
                if any(t.i in name_at and lexicon.is_a(name_at[t.i].cls, "Place") for t in named):
                    return True
    return False


def naming_modifiers(doc, head) -> list[int]:
    """Token indices of the words before `head` that belong to its name ('Tunisian security')."""
    mods: list[int] = []
    i = head.i - 1
    while i >= 0:
        tok = doc[i]
        # "US-led coalition air strikes": the parser may hang "US-led" on "strikes"; in a chain of
        # nouns, what stands right before the first one still names it
        governed = head.is_ancestor(tok) or (head.dep_ == "compound" and head.head.is_ancestor(tok))
        if not governed or tok.is_space or "\n" in tok.whitespace_:
            break
        if tok.text == ")" and i >= 2 and doc[i - 2].text == "(" and doc[i - 1].text.isupper():
            mods[:0] = [i - 2, i - 1, i]  # "Syrian Democratic Forces (SDF) fighters"
            i -= 3
            continue
        if tok.dep_ in ("cc", "conj"):
            i -= 1
            continue  # "Kurdish and Arab fighters": _conjunct_phrases keeps the conjunct
        if (
            tok.dep_ in STOP_DEPS
            or tok.like_num
            or tok.lower_ in NOT_NAMING
            or tok.tag_ in STOP_TAGS
            or (tok.is_punct and tok.text != "-")
        ):
            break
        mods.insert(0, i)
        i -= 1
    while mods and (doc[mods[0]].is_punct or doc[mods[0]].tag_ == "POS"):
        mods.pop(0)
    return mods


def _conjunct_phrases(doc, head, mods: list[int]) -> list[tuple[str, tuple[int, ...]]]:
    """'Kurdish and Arab fighters' -> [('Kurdish fighters', ()), ('Arab fighters', (Arab,))]."""
    phrases = [(join_words(doc, [*mods, head.i]), ())]
    if mods:
        for conj in doc[mods[0]].conjuncts:
            if conj.dep_ == "conj" and conj.i < head.i and conj.i not in mods:
                phrases.append((join_words(doc, [conj.i, *mods[1:], head.i]), (conj.i,)))
    return phrases
