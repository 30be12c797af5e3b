"""Relations read off single sentences the project wrote, by the real model.

Each sentence exercises one construction of kg/extract/relations/ with names that appear
in no shared article, so a rule that only fits one article's wording fails here."""

import pytest

from kg.document import Document


def relations(extractor, text: str) -> set[tuple[str, str, str]]:
    facts = extractor.extract_one(Document(id="sentence", text=text, published="2020-03-04"))
    return {(r.subject, r.predicate, r.object) for r in facts.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle on the members of a coalition backs the coalition
        (
            "The Kurdish Peshmerga, a coalition of local militias backed by Turkey, advanced on Kirkuk.",
            {("Turkey", "supports", "Peshmerga"), ("Peshmerga", "hasMember", "local militias")},
        ),
        # a group named with its place: the place is read from the words after "in"
        (
            "Rebels in neighbouring Chad attacked a police post on Monday.",
            {("Rebels in neighbouring Chad", "locatedIn", "Chad")},
        ),
        # "the <demonym> city of X" places X in the country, when the article names it
        (
            "Hamas militants seized the Egyptian city of Rafah in 2019, and Egypt protested.",
            {("Rafah", "locatedIn", "Egypt"), ("Hamas", "controls", "Rafah")},
        ),
        # a named possessor places an organisation or a building
        (
            "Hungary's Central European University moved to Vienna last year.",
            {("Central European University", "locatedIn", "Hungary")},
        ),
        # "one of the countries in Africa": a country lies in a region the lexicon says spans countries
        ("Chad is one of the poorest countries in Africa.", {("Chad", "locatedIn", "Africa")}),
        ("Mali, a country in the Sahel, held elections.", {("Mali", "locatedIn", "Sahel")}),
        # where someone lived
        ("Abu Hamza lived in London for years.", {("Abu Hamza", "locatedIn", "London")}),
        # "in the city of X": the place noun stands for the name after "of"
        (
            "Gunmen killed five people in a car bombing outside a hotel in the city of Sousse.",
            {("hotel", "locatedIn", "Sousse")},
        ),
        # a body's name says it is one, whatever spaCy's label; "X at Y" makes it part of Y
        (
            "“The plan will fail,” said Ms. Ruiz, a senior fellow at the Bernstein Institute for Peace Studies at"
            " Columbia University.",
            {
                ("Ruiz", "memberOf", "Bernstein Institute for Peace Studies"),
                ("Bernstein Institute for Peace Studies", "partOf", "Columbia University"),
            },
        ),
        # "X and their allies": the possessive points back to the conjunct
        (
            "Government troops and their tribal allies shelled the town of Marib.",
            {("tribal allies", "alliedWith", "Government troops")},
        ),
        # a person's men: the person leads them
        (
            "In 2019, Khalifa Haftar's forces advanced on Tripoli.",
            {("Khalifa Haftar", "leaderOf", "Khalifa Haftar's forces")},
        ),
    ],
)
def test_construction(extractor, text, expected):
    assert expected <= relations(extractor, text)


def test_a_region_inside_a_country_does_not_contain_it(extractor):
    # Darfur is a region of a country, not one countries lie in
    found = relations(extractor, "Sudan sent troops to Darfur, a region in Sudan.")
    assert ("Sudan", "locatedIn", "Darfur") not in found


def test_armed_forces_in_a_place_are_not_located_there(extractor):
    # "forces in Syria" says where fighters are this week, not where the group is based
    found = relations(extractor, "Turkish-backed forces in Syria have entered the town of Afrin.")
    assert not {r for r in found if r[1] == "locatedIn" and r[2] == "Syria"}
