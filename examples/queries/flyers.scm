; Rewrite every flying thing into a new fact.
(BindLink
  (VariableNode "$x")
  (EvaluationLink (PredicateNode "can-fly") (ListLink (VariableNode "$x")))
  (InheritanceLink (VariableNode "$x") (ConceptNode "flyer")))
