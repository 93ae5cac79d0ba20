; The frog example of OpenCog's URE (examples/ure/frog): if X croaks and eats flies, X is a
; frog; if X is a frog, X is green. Fritz croaks and eats flies; Tweety chirps.
(ImplicationScopeLink (stv 1 1)
  (TypedVariableLink (VariableNode "$X") (TypeNode "ConceptNode"))
  (AndLink
    (EvaluationLink (PredicateNode "croaks") (VariableNode "$X"))
    (EvaluationLink (PredicateNode "eats_flies") (VariableNode "$X")))
  (InheritanceLink (VariableNode "$X") (ConceptNode "frog")))
(ImplicationScopeLink (stv 1 1)
  (TypedVariableLink (VariableNode "$X") (TypeNode "ConceptNode"))
  (InheritanceLink (VariableNode "$X") (ConceptNode "frog"))
  (InheritanceLink (VariableNode "$X") (ConceptNode "green")))
(EvaluationLink (stv 1 1) (PredicateNode "croaks") (ConceptNode "Fritz"))
(EvaluationLink (stv 1 1) (PredicateNode "eats_flies") (ConceptNode "Fritz"))
(EvaluationLink (stv 1 1) (PredicateNode "chirps") (ConceptNode "Tweety"))
