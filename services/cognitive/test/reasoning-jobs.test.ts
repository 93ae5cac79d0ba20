import { truthValueToJson, writeAtom } from '@ai-opencog/atomspace';
import { backwardChain, forwardChain, loadPlnRuleBase } from '@ai-opencog/reasoning';
import { atomIn, reasoningExample, spaceWith } from './support/examples';
import { call, startCognitive, StreamProbe, TOKENS, waitForJob, type Cognitive } from './support/harness';

/*
 * Forward and backward chaining over HTTP, run as jobs in worker threads: the same results and
 * truth values as the reasoning package gives in-process; progress and cancellation over the
 * WebSocket stream.
 */

const FROG_RULES = ['conditional-full-instantiation-meta-rule', 'fuzzy-conjunction-introduction-2ary-rule'];
const CRIMINAL_RULES = [
  'conditional-full-instantiation-meta-rule',
  'inheritance-deduction-rule',
  ...[1, 2, 3, 4, 5].map((n) => `fuzzy-conjunction-introduction-${n}ary-rule`),
];
/** The criminal's rule base written in the space, with the deduction rule's weight of the package's test. */
const CRIMINAL_RULE_BASE = CRIMINAL_RULES.map(
  (r) => `(MemberLink (stv ${r === 'inheritance-deduction-rule' ? 0.6 : 1} 1) (DefinedSchemaNode "${r}") (ConceptNode "criminal-rbs"))`,
).join('\n');

let cog: Cognitive;
beforeAll(async () => {
  cog = await startCognitive();
  for (const [name, text] of [
    ['frog', reasoningExample('frog.scm')],
    ['criminal', `${reasoningExample('criminal.scm')}\n${CRIMINAL_RULE_BASE}`],
    ['criminal-2', `${reasoningExample('criminal.scm')}\n${CRIMINAL_RULE_BASE}`],
    ['chain', '(Inheritance (stv 0.9 0.9) (Concept "A") (Concept "B")) (Inheritance (stv 0.8 0.9) (Concept "B") (Concept "C")) (Concept "C" (stv 0.5 0.9)) (Concept "B" (stv 0.4 0.9)) (Concept "A" (stv 0.3 0.9))'],
  ] as const) {
    expect((await call(cog.url, 'POST', '/v1/spaces', { body: { name } })).status).toBe(201);
    expect((await call(cog.url, 'POST', `/v1/spaces/${name}/atoms`, { body: { atomese: text } })).status).toBe(200);
  }
});
afterAll(() => cog.close());

const lookup = (space: string, atomese: string) => call(cog.url, 'POST', `/v1/spaces/${space}/atoms/lookup`, { body: { atomese } });

describe('backward chaining', () => {
  it('frog: finds that Fritz is green with the TV the reasoning package gives, and adds it to the space', async () => {
    const target = '(InheritanceLink (VariableNode "$what") (ConceptNode "green"))';
    const vardecl = '(TypedVariableLink (VariableNode "$what") (TypeNode "ConceptNode"))';
    const started = await call(cog.url, 'POST', '/v1/spaces/frog/backward-chain', {
      token: TOKENS.write,
      body: { rules: FROG_RULES, target, vardecl, maximumIterations: 20, trace: true },
    });
    expect(started.status).toBe(202);
    const job = await waitForJob(cog.url, started.json.jobId);
    expect(job.status).toBe('succeeded');
    expect(job.kind).toBe('backward-chain');

    const reference = spaceWith(reasoningExample('frog.scm'));
    const expected = backwardChain(reference, loadPlnRuleBase(reference, { rules: FROG_RULES }), atomIn(reference, target), {
      vardecl: atomIn(reference, vardecl),
      maximumIterations: 20,
    });
    expect(job.result.results.map((r: { atomese: string; tv: unknown }) => [r.atomese, r.tv])).toEqual(
      expected.results.map((r) => [writeAtom(r.atom, { style: 'compact', values: false }).replace(/^\(InheritanceLink /, '(InheritanceLink (stv 1 1) '), truthValueToJson(r.tv)]),
    );
    expect(job.result.results[0].tv).toEqual({ type: 'stv', strength: 1, confidence: 1 });
    expect(job.result.iterations).toBe(expected.iterations);
    expect(job.result.stopReason).toBe(expected.stopReason);
    expect(job.result.trace.map((s: { rule: string }) => s.rule)).toEqual(expected.trace.steps.map((s) => s.rule));

    const green = await lookup('frog', '(Inheritance (Concept "Fritz") (Concept "green"))');
    expect(green.json.atom.tv).toEqual({ type: 'stv', strength: 1, confidence: 1 });
    // As in the package, intermediate conclusions stay in the inference's frame; the rules stay out of the space.
    expect((await lookup('frog', '(Inheritance (Concept "Fritz") (Concept "frog"))')).status).toBe(404);
    expect((await lookup('frog', '(DefinedSchemaNode "fuzzy-conjunction-introduction-2ary-rule")')).status).toBe(404);
  });

  it('criminal: a rule base written in the space (weights and all) finds West, as the package does', async () => {
    const target = '(InheritanceLink (VariableNode "$who") (ConceptNode "criminal"))';
    const vardecl = '(TypedVariableLink (VariableNode "$who") (TypeNode "ConceptNode"))';
    const started = await call(cog.url, 'POST', '/v1/spaces/criminal/backward-chain', {
      body: { ruleBase: 'criminal-rbs', target, vardecl, maximumIterations: 200 },
    });
    const job = await waitForJob(cog.url, started.json.jobId, 60_000);
    expect(job.status).toBe('succeeded');

    const reference = spaceWith(reasoningExample('criminal.scm'));
    const ruleBase = loadPlnRuleBase(reference, { rules: CRIMINAL_RULES, weights: { 'inheritance-deduction-rule': 0.6 } });
    const expected = backwardChain(reference, ruleBase, atomIn(reference, target), { vardecl: atomIn(reference, vardecl), maximumIterations: 200 });
    expect(expected.results.map((r) => [r.atom.toString(), r.tv.toString()])).toEqual([['(InheritanceLink (ConceptNode "West") (ConceptNode "criminal"))', '(stv 1 1)']]);
    expect(job.result.results.map((r: { atom: unknown; tv: unknown }) => [r.atom, r.tv])).toEqual(
      expected.results.map((r) => [
        { type: 'InheritanceLink', tv: truthValueToJson(r.tv), outgoing: [{ type: 'ConceptNode', name: 'West' }, { type: 'ConceptNode', name: 'criminal' }] },
        truthValueToJson(r.tv),
      ]),
    );
    expect(job.result.trace).toBeUndefined();
  });

  it('narrows a rule base to the named rules: without deduction West is not found', async () => {
    const started = await call(cog.url, 'POST', '/v1/spaces/criminal-2/backward-chain', {
      body: {
        ruleBase: 'criminal-rbs',
        rules: CRIMINAL_RULES.filter((r) => r !== 'inheritance-deduction-rule'),
        target: '(InheritanceLink (VariableNode "$who") (ConceptNode "criminal"))',
        vardecl: '(TypedVariableLink (VariableNode "$who") (TypeNode "ConceptNode"))',
        maximumIterations: 150,
      },
    });
    const job = await waitForJob(cog.url, started.json.jobId, 60_000);
    expect(job.status).toBe('succeeded');
    expect(job.result.results.filter((r: { atom: { outgoing: { name: string }[] } }) => r.atom.outgoing[0].name === 'West')).toEqual([]);
  });

  it('fails the job with a code for an unknown rule base, rule or a target that does not parse', async () => {
    const unknownBase = await call(cog.url, 'POST', '/v1/spaces/frog/backward-chain', { body: { ruleBase: 'no-such-rbs', target: '(Concept "x")' } });
    const failed = await waitForJob(cog.url, unknownBase.json.jobId);
    expect([failed.status, failed.error.code]).toEqual(['failed', 'INVALID_QUERY']);
    expect(failed.error.message).toContain('no-such-rbs');
    const unknownRule = await waitForJob(cog.url, (await call(cog.url, 'POST', '/v1/spaces/frog/backward-chain', { body: { rules: ['no-such-rule'], target: '(Concept "x")' } })).json.jobId);
    expect(unknownRule.error.code).toBe('INVALID_QUERY');
    const bad = await waitForJob(cog.url, (await call(cog.url, 'POST', '/v1/spaces/frog/backward-chain', { body: { rules: FROG_RULES, target: '(Concept "x"' } })).json.jobId);
    expect([bad.error.code, bad.error.details.file]).toEqual(['PARSE_ERROR', 'target']);
    const noRules = await call(cog.url, 'POST', '/v1/spaces/frog/backward-chain', { body: { target: '(Concept "x")' } });
    expect([noRules.status, noRules.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('forward chaining', () => {
  it('concludes A→C by deduction with the TV the package computes, and adds it to the space', async () => {
    const started = await call(cog.url, 'POST', '/v1/spaces/chain/forward-chain', {
      body: { rules: ['inheritance-deduction-rule'], source: '(Inheritance (Concept "A") (Concept "B"))', maximumIterations: 10, trace: true },
    });
    expect(started.status).toBe(202);
    const job = await waitForJob(cog.url, started.json.jobId);
    expect(job.status).toBe('succeeded');

    const reference = spaceWith('(Inheritance (stv 0.9 0.9) (Concept "A") (Concept "B")) (Inheritance (stv 0.8 0.9) (Concept "B") (Concept "C")) (Concept "C" (stv 0.5 0.9)) (Concept "B" (stv 0.4 0.9)) (Concept "A" (stv 0.3 0.9))');
    const expected = forwardChain(reference, loadPlnRuleBase(reference, { rules: ['inheritance-deduction-rule'] }), atomIn(reference, '(Inheritance (Concept "A") (Concept "B"))'), { maximumIterations: 10 });
    const ac = expected.results.find((r) => r.atom.toString() === '(InheritanceLink (ConceptNode "A") (ConceptNode "C"))')!;
    expect(ac).toBeDefined();
    const found = job.result.results.find(
      (r: { atom: { type: string; outgoing: { name: string }[] } }) => r.atom.type === 'InheritanceLink' && r.atom.outgoing.map((o) => o.name).join() === 'A,C',
    );
    expect(found.tv).toEqual(truthValueToJson(ac.tv));
    expect(job.result.trace[0]).toEqual(expect.objectContaining({ rule: 'inheritance-deduction-rule', iteration: expect.any(Number) }));
    const stored = await lookup('chain', '(Inheritance (Concept "A") (Concept "C"))');
    expect(stored.json.atom.tv).toEqual(truthValueToJson(ac.tv));
  });
});

describe('jobs over the API and the stream', () => {
  it('reports progress, and a cancel over the API stops the job: job-cancelled on the stream, the space unchanged', async () => {
    const probe = await StreamProbe.open(cog.url);
    try {
      const before = (await call(cog.url, 'GET', '/v1/spaces/criminal')).json.atomCount;
      const started = await call(cog.url, 'POST', '/v1/spaces/criminal/backward-chain', {
        body: { rules: CRIMINAL_RULES, target: '(InheritanceLink (VariableNode "$who") (ConceptNode "nobody-knows"))', maximumIterations: 10_000_000 },
      });
      const jobId = started.json.jobId as string;
      expect(await probe.request({ type: 'subscribe-job', jobId })).toEqual(expect.objectContaining({ type: 'ack' }));
      const progress = await probe.waitFor((m) => m.type === 'job-progress' && m.jobId === jobId && m.progress.done > 1);
      expect(progress).toEqual(expect.objectContaining({ kind: 'backward-chain', progress: expect.objectContaining({ message: expect.stringMatching(/^iteration \d+$/) }) }));
      expect((await call(cog.url, 'GET', `/v1/jobs/${jobId}`)).json.status).toBe('running');

      const cancelled = await call(cog.url, 'POST', `/v1/jobs/${jobId}/cancel`, { token: TOKENS.write });
      expect([cancelled.status, cancelled.json.status]).toEqual([200, 'cancelled']);
      await probe.waitFor((m) => m.type === 'job-cancelled' && m.jobId === jobId);
      expect((await call(cog.url, 'GET', `/v1/jobs/${jobId}`)).json.status).toBe('cancelled');
      expect((await call(cog.url, 'GET', '/v1/jobs?status=cancelled', { token: TOKENS.read })).json.jobs.map((j: { id: string }) => j.id)).toContain(jobId);
      // Cancelling again changes nothing; its slot is free again (the worker stopped): a new job runs.
      expect((await call(cog.url, 'POST', `/v1/jobs/${jobId}/cancel`)).json.status).toBe('cancelled');
      const next = await call(cog.url, 'POST', '/v1/spaces/frog/backward-chain', {
        body: { rules: FROG_RULES, target: '(Inheritance (Concept "Fritz") (Concept "green"))', maximumIterations: 5 },
      });
      expect((await waitForJob(cog.url, next.json.jobId)).status).toBe('succeeded');
      expect((await call(cog.url, 'GET', '/v1/spaces/criminal')).json.atomCount).toBe(before);
    } finally {
      probe.close();
    }
  });

  it('stops a chainer at its time limit with what it found (complete false, stopReason time-limit)', async () => {
    const timed = await call(cog.url, 'POST', '/v1/spaces/criminal/backward-chain', {
      body: { rules: CRIMINAL_RULES, target: '(InheritanceLink (VariableNode "$who") (ConceptNode "nobody-knows"))', maximumIterations: 10_000_000, timeLimitMs: 300 },
    });
    const job = await waitForJob(cog.url, timed.json.jobId);
    expect(job.status).toBe('succeeded');
    expect([job.result.complete, job.result.stopReason]).toEqual([false, 'time-limit']);
  });

  it('answers the end of a job that already finished at once, and unknown jobs with 404', async () => {
    const started = await call(cog.url, 'POST', '/v1/spaces/frog/backward-chain', { body: { rules: FROG_RULES, target: '(Concept "Fritz")', maximumIterations: 2 } });
    await waitForJob(cog.url, started.json.jobId);
    const probe = await StreamProbe.open(cog.url);
    try {
      await probe.request({ type: 'subscribe-job', jobId: started.json.jobId });
      await probe.waitFor((m) => m.type === 'job-finished' && m.jobId === started.json.jobId);
      const unknown = await probe.request({ type: 'subscribe-job', jobId: 'no-such-job' });
      expect(unknown).toEqual(expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'JOB_NOT_FOUND' }) }));
    } finally {
      probe.close();
    }
    expect((await call(cog.url, 'GET', '/v1/jobs/no-such-job')).json.error.code).toBe('JOB_NOT_FOUND');
    expect((await call(cog.url, 'POST', '/v1/jobs/no-such-job/cancel')).status).toBe(404);
    const metrics = await call(cog.url, 'GET', '/metrics', { token: null });
    expect(metrics.text).toMatch(/inference_duration_seconds_count\{[^}]*kind="backward-chain"[^}]*\} [1-9]/);
    expect(metrics.text).toMatch(/jobs_finished_total\{[^}]*kind="backward-chain"[^}]*status="cancelled"[^}]*\} 1/);
  });
});
