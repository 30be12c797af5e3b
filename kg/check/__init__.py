"""Check: a graph against the SHACL shapes (validate), extraction against gold (evaluate), and the reference that says what both promise (docs, docs_shapes).
May import: the shared modules, kg.rdf and kg.build (evaluate builds each gold article); nothing of kg.query, kg.viz, kg.export or kg.cli."""
