; Custom atom types, as OpenCog's bio knowledge bases use them (datasets/opencog/sample_dataset.scm).
; The IDE marks GeneNode as unknown to the kernel (a warning, not an error); to load this file, start
; the services with the type declared: ATOM_TYPES="GeneNode:ConceptNode" for the knowledge service,
; an atom_types.script file (GENE_NODE <- CONCEPT_NODE) in ATOM_TYPES_FILE for the cognitive one.
(MemberLink (stv 1 1) (GeneNode "BRCA1") (ConceptNode "DNA repair"))
(MemberLink (stv 1 1) (GeneNode "TP53") (ConceptNode "DNA repair"))
(EvaluationLink (PredicateNode "interacts-with") (ListLink (GeneNode "BRCA1") (GeneNode "TP53")))
