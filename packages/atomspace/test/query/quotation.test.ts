import { queryError, run, sorted, spaceWith } from './query-helpers';

describe('QuoteLink', () => {
  it('makes the variables under it literal', () => {
    const space = spaceWith(`
      (Member (Variable "$v") (Concept "rules"))
      (Member (Concept "not a variable") (Concept "other"))`);
    expect(run(space, '(Get (Member (Variable "$w") (Variable "$s")))')).toEqual(
      sorted('(List (Variable "$v") (Concept "rules")) (List (Concept "not a variable") (Concept "other"))'),
    );
    const q = '(Get (Variable "$s") (Quote (Member (Variable "$v") (Unquote (Variable "$s")))))';
    expect(run(space, q)).toEqual(sorted('(Concept "rules")'));
  });

  it('lets UnquoteLink turn a variable back on', () => {
    const space = spaceWith(`
      (Inheritance (Variable "$x") (Concept "animal"))
      (Inheritance (Concept "cat") (Concept "animal"))
      (Inheritance (Variable "$x") (Concept "plant"))`);
    const q = '(Get (Variable "$k") (Quote (Inheritance (Variable "$x") (Unquote (Variable "$k")))))';
    expect(run(space, q)).toEqual(sorted('(Concept "animal") (Concept "plant")'));
  });

  it('matches query atoms stored as data, scope links included', () => {
    const space = spaceWith(`
      (Member (Get (Inheritance (Variable "$a") (Concept "animal"))) (Concept "saved"))
      (Member (Get (Inheritance (Variable "$a") (Concept "plant"))) (Concept "saved"))`);
    const q = `(Get (Variable "$what") (Quote (Member (Get (Inheritance (Variable "$a") (Unquote (Variable "$what"))))
                                                  (Concept "saved"))))`;
    expect(run(space, q)).toEqual(sorted('(Concept "animal") (Concept "plant")'));
  });

  it('is consumed when the rewrite is instantiated', () => {
    const space = spaceWith('(Inheritance (Concept "cat") (Concept "animal"))');
    const q = `(Bind (Variable "$x") (Inheritance (Variable "$x") (Concept "animal"))
                 (Quote (Implication (Variable "$y") (Unquote (Inheritance (Variable "$x") (Variable "$y"))))))`;
    expect(run(space, q)).toEqual(
      sorted('(Implication (Variable "$y") (Inheritance (Concept "cat") (Variable "$y")))'),
    );
  });

  it('keeps arithmetic under it unexecuted in the rewrite', () => {
    const space = spaceWith('(Evaluation (Predicate "n") (Number 2))');
    const q = `(Bind (Evaluation (Predicate "n") (Variable "$n"))
                 (List (Plus (Variable "$n") (Number 1)) (Quote (Plus (Unquote (Variable "$n")) (Number 1)))))`;
    expect(run(space, q)).toEqual(sorted('(List (Number 3) (Plus (Number 2) (Number 1)))'));
  });

  it('needs exactly one atom', () => {
    const space = spaceWith('(Member (Concept "a") (Concept "b"))');
    expect(queryError('INVALID_QUERY', space, '(Get (Member (Variable "$x") (Quote (Concept "a") (Concept "b"))))')).toMatch(
      /QuoteLink takes exactly one atom/,
    );
  });
});

describe('LocalQuoteLink', () => {
  const LOGIC = `
    (And (Concept "sun") (Concept "rain"))
    (And (Concept "wind") (Concept "snow"))
    (Inheritance (Concept "sun") (Concept "weather"))
    (Inheritance (Concept "rain") (Concept "weather"))`;

  it('matches a literal AndLink instead of meaning conjunction', () => {
    const space = spaceWith(LOGIC);
    expect(run(space, '(Get (LocalQuote (And (Concept "sun") (Variable "$x"))))')).toEqual(sorted('(Concept "rain")'));
    // Without it, the AndLink is a conjunction of two clauses, and (Concept "sun") is a constant clause.
    expect(run(space, '(Get (And (Concept "sun") (Inheritance (Variable "$x") (Concept "weather"))))')).toEqual(
      sorted('(Concept "sun") (Concept "rain")'),
    );
  });

  it('quotes only the link type: the variables inside stay variables', () => {
    const space = spaceWith(LOGIC);
    const q = `(Get (VariableList (Variable "$a") (Variable "$b"))
                 (LocalQuote (And (Variable "$a") (Variable "$b"))))`;
    const results = run(space, q);
    expect(results).toHaveLength(4);
    expect(results).toEqual(
      sorted(`(List (Concept "sun") (Concept "rain")) (List (Concept "rain") (Concept "sun"))
              (List (Concept "wind") (Concept "snow")) (List (Concept "snow") (Concept "wind"))`),
    );
  });

  it('keeps a quoted AndLink in the rewrite', () => {
    const space = spaceWith(LOGIC);
    const q = `(Bind (Inheritance (Variable "$x") (Concept "weather"))
                     (LocalQuote (And (Variable "$x") (Concept "observed"))))`;
    expect(run(space, q)).toEqual(
      sorted('(And (Concept "sun") (Concept "observed")) (And (Concept "rain") (Concept "observed"))'),
    );
  });

  it('needs exactly one atom', () => {
    const space = spaceWith(LOGIC);
    expect(queryError('INVALID_QUERY', space, '(Get (LocalQuote (And (Variable "$x")) (Concept "y")))')).toMatch(
      /LocalQuoteLink takes exactly one atom/,
    );
  });
});
