; A target for the backward chainer (load reasoning.scm first): where is Montmartre?
(InheritanceLink (ConceptNode "Montmartre") (VariableNode "$where"))

; A source for the forward chainer: what follows from Montmartre being in Paris?
(InheritanceLink (ConceptNode "Montmartre") (ConceptNode "Paris"))
