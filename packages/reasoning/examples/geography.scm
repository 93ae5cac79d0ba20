; A user rule base in Atomese: transitivity of "is in" with the PLN deduction formula, its weight
; and its parameters, and a few facts.
(DefineLink (DefinedSchemaNode "part-of-transitivity")
  (BindLink
    (VariableList
      (TypedVariableLink (VariableNode "$A") (TypeNode "ConceptNode"))
      (TypedVariableLink (VariableNode "$B") (TypeNode "ConceptNode"))
      (TypedVariableLink (VariableNode "$C") (TypeNode "ConceptNode")))
    (AndLink
      (PresentLink (InheritanceLink (VariableNode "$A") (VariableNode "$B")) (InheritanceLink (VariableNode "$B") (VariableNode "$C")))
      (NotLink (IdenticalLink (VariableNode "$A") (VariableNode "$C"))))
    (ExecutionOutputLink (GroundedSchemaNode "scm: deduction-formula")
      (ListLink
        (InheritanceLink (VariableNode "$A") (VariableNode "$C"))
        (VariableNode "$A") (VariableNode "$B") (VariableNode "$C")
        (InheritanceLink (VariableNode "$A") (VariableNode "$B"))
        (InheritanceLink (VariableNode "$B") (VariableNode "$C"))))))
(MemberLink (stv 1 1) (DefinedSchemaNode "part-of-transitivity") (ConceptNode "geography"))
(ExecutionLink (SchemaNode "URE:maximum-iterations") (ConceptNode "geography") (NumberNode 4))

(InheritanceLink (stv 0.9 0.9) (ConceptNode "Montmartre") (ConceptNode "Paris"))
(InheritanceLink (stv 0.95 0.9) (ConceptNode "Paris") (ConceptNode "France"))
(InheritanceLink (stv 0.99 0.9) (ConceptNode "France") (ConceptNode "Europe"))
