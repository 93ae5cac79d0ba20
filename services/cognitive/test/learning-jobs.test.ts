import { atomToJson } from '@ai-opencog/atomspace';
import { AttentionBank, minePatterns } from '@ai-opencog/learning';
import { atomIn, repositoryExample, spaceWith } from './support/examples';
import { call, startCognitive, StreamProbe, waitForJob, type Cognitive } from './support/harness';

/* Pattern mining and ECAN attention cycles over HTTP, as jobs: the results the learning package gives. */

let cog: Cognitive;
beforeAll(async () => {
  cog = await startCognitive();
  for (const name of ['animals', 'attention', 'slow']) {
    await call(cog.url, 'POST', '/v1/spaces', { body: { name } });
    await call(cog.url, 'POST', `/v1/spaces/${name}/atoms`, { body: { atomese: repositoryExample('animals.scm') } });
  }
});
afterAll(() => cog.close());

describe('mining', () => {
  it('mines frequent patterns with their supports, as minePatterns does, leaving the space unchanged', async () => {
    const before = (await call(cog.url, 'GET', '/v1/spaces/animals')).json.atomCount;
    const started = await call(cog.url, 'POST', '/v1/spaces/animals/mine', { body: { minsup: 2, maximumConjuncts: 1, surprisingness: 'none' } });
    expect(started.status).toBe(202);
    const job = await waitForJob(cog.url, started.json.jobId);
    expect([job.status, job.kind, job.result.complete]).toEqual(['succeeded', 'mine', true]);

    const reference = spaceWith(repositoryExample('animals.scm'));
    const expected = minePatterns(reference, { minSupport: 2, maxConjuncts: 1 });
    expect(job.result.patterns.map((p: { support: number; pattern: unknown }) => [p.support, p.pattern])).toEqual(
      expected.patterns.map((p) => [p.support, atomToJson(p.pattern, { space: expected.space })]),
    );
    expect(job.result.patterns[0].atomese).toMatch(/^\(LambdaLink /);
    expect((await call(cog.url, 'GET', '/v1/spaces/animals')).json.atomCount).toBe(before);
  });

  it('ranks by surprisingness and returns at most maximumPatterns', async () => {
    const started = await call(cog.url, 'POST', '/v1/spaces/animals/mine', { body: { minsup: 2, maximumConjuncts: 2, surprisingness: 'nisurp', maximumPatterns: 3 } });
    const job = await waitForJob(cog.url, started.json.jobId);
    const reference = spaceWith(repositoryExample('animals.scm'));
    const expected = minePatterns(reference, { minSupport: 2, maxConjuncts: 2, surprisingness: 'nisurp' });
    expect(job.result.patterns.map((p: { surprisingness: number }) => p.surprisingness)).toEqual(expected.patterns.slice(0, 3).map((p) => p.surprisingness));
    expect(job.result.patterns[0].surprisingness).toBeCloseTo(0.8181818181818181);
  });

  it('refuses what the miner does not implement with 400', async () => {
    const jsd = await call(cog.url, 'POST', '/v1/spaces/animals/mine', { body: { minsup: 2, surprisingness: 'jsdsurp' } });
    expect([jsd.status, jsd.json.error.code]).toEqual([400, 'BAD_REQUEST']);
    const wide = await call(cog.url, 'POST', '/v1/spaces/animals/mine', { body: { minsup: 2, maximumConjuncts: 12 } });
    expect([wide.status, wide.json.error.code]).toEqual([400, 'BAD_REQUEST']);
  });
});

describe('attention', () => {
  it('stimulates atoms and runs ECAN cycles: the focus and attention values AttentionBank gives, applied to the space', async () => {
    const cat = await call(cog.url, 'POST', '/v1/spaces/attention/atoms/lookup', { body: { atomese: '(Concept "cat")' } });
    const probe = await StreamProbe.open(cog.url);
    await probe.request({ type: 'subscribe-space', space: 'attention' });
    const started = await call(cog.url, 'POST', '/v1/spaces/attention/attention', {
      body: {
        stimuli: [
          { atom: { handle: cat.json.handle }, stimulus: 5 },
          { atom: { atomese: '(Concept "dog")' }, stimulus: 3 },
        ],
        cycles: 2,
        focusSize: 6,
      },
    });
    expect(started.status).toBe(202);
    const job = await waitForJob(cog.url, started.json.jobId);
    expect(job.status).toBe('succeeded');

    const reference = spaceWith(repositoryExample('animals.scm'));
    const bank = new AttentionBank(reference);
    bank.stimulate(atomIn(reference, '(Concept "cat")'), 5);
    bank.stimulate(atomIn(reference, '(Concept "dog")'), 3);
    bank.runCycles(2);
    const focus = bank.attentionalFocus().slice(0, 6);
    expect(job.result.cycles).toBe(2);
    expect(job.result.focus.map((f: { atom: unknown; av: unknown }) => [f.atom, f.av])).toEqual(
      focus.map((a) => {
        const v = reference.getAttentionValue(a);
        return [atomToJson(a, { space: reference }), { sti: v.sti, lti: v.lti, vlti: v.vlti }];
      }),
    );
    expect(job.result.focus[0].av.sti).toBeCloseTo(46.53610379686843);
    // The attention values are now the space's, and were streamed to its subscribers.
    const after = await call(cog.url, 'GET', `/v1/spaces/attention/atoms/${cat.json.handle}`);
    expect(after.json.atom.av.sti).toBeCloseTo(46.53610379686843);
    await probe.waitFor((m) => m.type === 'value-changed' && m.handle === cat.json.handle && m.value?.kind === 'av');
    probe.close();
  });

  it('answers 404 at once for a stimulus of an atom the space does not hold', async () => {
    const answer = await call(cog.url, 'POST', '/v1/spaces/attention/attention', { body: { stimuli: [{ atom: { atomese: '(Concept "unicorn")' }, stimulus: 1 }], cycles: 1 } });
    expect([answer.status, answer.json.error.code]).toEqual([404, 'ATOM_NOT_FOUND']);
  });

  it('fails attention cycles over the job time limit with TIMEOUT, changing nothing', async () => {
    const dog = await call(cog.url, 'POST', '/v1/spaces/slow/atoms/lookup', { body: { atomese: '(Concept "dog")' } });
    const started = await call(cog.url, 'POST', '/v1/spaces/slow/attention', {
      body: { stimuli: [{ atom: { handle: dog.json.handle }, stimulus: 3 }], cycles: 100_000, timeLimitMs: 200 },
    });
    const job = await waitForJob(cog.url, started.json.jobId);
    expect([job.status, job.error.code]).toEqual(['failed', 'TIMEOUT']);
    expect((await call(cog.url, 'GET', `/v1/spaces/slow/atoms/${dog.json.handle}`)).json.atom.av).toBeUndefined();
  });
});
