; Two clauses sharing a variable: what is a kind of a kind of animal?
(GetLink
  (VariableList (VariableNode "$x") (VariableNode "$y"))
  (AndLink
    (InheritanceLink (VariableNode "$x") (VariableNode "$y"))
    (InheritanceLink (VariableNode "$y") (ConceptNode "animal"))))
