"""Map to RDF: DocumentFacts become triples under minted IRIs (mapping, iri, graph), written as Turtle and TriG by kg itself (turtle, serialize).
May import: the shared modules (kg.facts, kg.errors) and rdflib; nothing of spaCy (kg.extract) or of a later stage."""
