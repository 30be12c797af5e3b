"""The ontology's terms as Python names. A misspelt term raises instead of minting a new IRI.

`KG` lists every term ontology/kg.ttl defines (tests/rdf/test_namespace.py checks the two
agree both ways). Other vocabularies come from rdflib's own closed namespaces.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

KG_IRI = "https://w3id.org/newskg/ontology#"
DEFAULT_BASE = "https://w3id.org/newskg/id/"
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")


class KG(DefinedNamespace):
    _NS = Namespace(KG_IRI)
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    ArmedGroup: URIRef
    Government: URIRef
    Group: URIRef
    Place: URIRef
    City: URIRef
    Country: URIRef
    Region: URIRef
    Facility: URIRef
    Document: URIRef
    Assertion: URIRef
    Quantity: URIRef
    Event: URIRef
    Attack: URIRef
    Capture: URIRef
    Retake: URIRef
    Advance: URIRef
    Siege: URIRef
    Defend: URIRef
    Statement: URIRef
    Killing: URIRef
    Meeting: URIRef
    Agreement: URIRef
    Election: URIRef
    Protest: URIRef
    Arrest: URIRef
    Acquisition: URIRef
    # event properties
    agent: URIRef
    patient: URIRef
    place: URIRef
    time: URIRef
    trigger: URIRef
    evidence: URIRef
    confidence: URIRef
    content: URIRef
    quantity: URIRef
    amount: URIRef
    bound: URIRef
    counts: URIRef
    sentenceIndex: URIRef
    # relations between entities
    memberOf: URIRef
    hasMember: URIRef
    locatedIn: URIRef
    partOf: URIRef
    capitalOf: URIRef
    controls: URIRef
    supports: URIRef
    alliedWith: URIRef
    opposes: URIRef
    leaderOf: URIRef
    role: URIRef
    # documents
    published: URIRef
    source: URIRef
    # lexicon annotations
    triggerLemma: URIRef
    triggerVerb: URIRef
    agentNoun: URIRef
    cameoCode: URIRef
    acledType: URIRef


def term(name: str) -> URIRef:
    """The KG term called `name`; AttributeError for a name the ontology does not define."""
    return getattr(KG, name)
