; PLN deduction to try in the IDE (or with: ai-opencog reason --kb examples/reasoning.scm ...).
;   1. AtomSpace: Load Current File into Space (Ctrl+Alt+L) with this file open.
;   2. Open reasoning-targets.scm, put the cursor on the target and run
;      AtomSpace: Backward Chain to Atom under Cursor (Ctrl+Alt+B); pick the rule base "deduction-rbs".
;   3. The results view shows the groundings with their truth values, and the inference trace.

(InheritanceLink (stv 0.9 0.9) (ConceptNode "Montmartre") (ConceptNode "Paris"))
(InheritanceLink (stv 0.95 0.9) (ConceptNode "Paris") (ConceptNode "France"))
(InheritanceLink (stv 0.9 0.9) (ConceptNode "France") (ConceptNode "Europe"))
(InheritanceLink (stv 0.8 0.9) (ConceptNode "Louvre") (ConceptNode "Paris"))

; A rule base, as OpenCog's URE reads it: its rules are members of a ConceptNode (the weight is the
; truth value's strength), and its parameters are ExecutionLinks. The PLN rules themselves are built
; into the services.
(MemberLink (stv 1 1) (DefinedSchemaNode "inheritance-deduction-rule") (ConceptNode "deduction-rbs"))
(ExecutionLink (SchemaNode "URE:maximum-iterations") (ConceptNode "deduction-rbs") (NumberNode 30))
