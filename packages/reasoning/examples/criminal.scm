; The criminal example (Russell & Norvig; OpenCog's URE tests): "The law says that it is a crime
; for an American to sell weapons to hostile nations. The country Nono, an enemy of America, has
; some missiles, and all of its missiles were sold to it by Colonel West, who is American."
(ImplicationScopeLink (stv 0.99 0.99)
  (VariableList
    (TypedVariableLink (VariableNode "$x") (TypeNode "ConceptNode"))
    (TypedVariableLink (VariableNode "$y") (TypeNode "ConceptNode"))
    (TypedVariableLink (VariableNode "$z") (TypeNode "ConceptNode")))
  (AndLink
    (InheritanceLink (VariableNode "$x") (ConceptNode "American"))
    (InheritanceLink (VariableNode "$y") (ConceptNode "weapon"))
    (EvaluationLink (PredicateNode "sell") (ListLink (VariableNode "$x") (VariableNode "$y") (VariableNode "$z")))
    (InheritanceLink (VariableNode "$z") (ConceptNode "hostile")))
  (InheritanceLink (VariableNode "$x") (ConceptNode "criminal")))
(AndLink (stv 0.99 0.99)
  (InheritanceLink (stv 0.99 0.99) (ConceptNode "missile@123") (ConceptNode "missile"))
  (EvaluationLink (stv 0.99 0.99) (PredicateNode "own") (ListLink (ConceptNode "Nono") (ConceptNode "missile@123"))))
(ImplicationScopeLink (stv 0.99 0.99)
  (TypedVariableLink (VariableNode "$a") (TypeNode "ConceptNode"))
  (AndLink
    (InheritanceLink (VariableNode "$a") (ConceptNode "missile"))
    (EvaluationLink (PredicateNode "own") (ListLink (ConceptNode "Nono") (VariableNode "$a"))))
  (EvaluationLink (PredicateNode "sell") (ListLink (ConceptNode "West") (VariableNode "$a") (ConceptNode "Nono"))))
(InheritanceLink (stv 0.99 0.99) (ConceptNode "missile") (ConceptNode "weapon"))
(ImplicationScopeLink (stv 0.99 0.99)
  (TypedVariableLink (VariableNode "$b") (TypeNode "ConceptNode"))
  (EvaluationLink (PredicateNode "enemy_of") (ListLink (VariableNode "$b") (ConceptNode "America")))
  (InheritanceLink (VariableNode "$b") (ConceptNode "hostile")))
(InheritanceLink (stv 0.99 0.99) (ConceptNode "West") (ConceptNode "American"))
(EvaluationLink (stv 0.99 0.99) (PredicateNode "enemy_of") (ListLink (ConceptNode "Nono") (ConceptNode "America")))
