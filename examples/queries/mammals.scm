; Which things are mammals?
(GetLink
  (TypedVariableLink (VariableNode "$x") (TypeNode "ConceptNode"))
  (InheritanceLink (VariableNode "$x") (ConceptNode "mammal")))
