; A small taxonomy to try the AtomSpace with:
;   ai-opencog load examples/animals.scm
;   ai-opencog query --kb examples/animals.scm @examples/queries/mammals.scm

(InheritanceLink (stv 0.95 0.9) (ConceptNode "cat") (ConceptNode "mammal"))
(InheritanceLink (stv 0.95 0.9) (ConceptNode "dog") (ConceptNode "mammal"))
(InheritanceLink (stv 0.9 0.9) (ConceptNode "whale") (ConceptNode "mammal"))
(InheritanceLink (stv 0.98 0.95) (ConceptNode "mammal") (ConceptNode "animal"))
(InheritanceLink (stv 0.97 0.95) (ConceptNode "bird") (ConceptNode "animal"))
(InheritanceLink (stv 0.9 0.8) (ConceptNode "sparrow") (ConceptNode "bird"))
(InheritanceLink (stv 0.9 0.8) (ConceptNode "penguin") (ConceptNode "bird"))

; Short type names work too.
(Evaluation (stv 1 0.9)
  (Predicate "can-fly")
  (List (Concept "sparrow")))
(Evaluation (stv 0.05 0.9)
  (Predicate "can-fly")
  (List (Concept "penguin")))
(Evaluation (stv 1 0.9)
  (Predicate "lives-in")
  (List (Concept "whale") (Concept "ocean")))

; Unordered links are one atom whatever the order of their members.
(SimilarityLink (stv 0.6 0.7) (ConceptNode "cat") (ConceptNode "dog"))
