// The graph's edges name the node each end concerns (issue 11): a trigger crossing units joins the
// trigger's domain in the trigger's unit and the function's domain in the function's unit; a
// hard-coded reference joins the referencing function's domain and the referenced resource's, or
// the unit when the resource belongs to no domain; contracts stay between units.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Query } from '../../server/src/engine/query';
import { parseFixture, workspaceOf } from '../harness';
import { ESTATE } from './edges-estate';

function graph() {
  const ws = workspaceOf(parseFixture(ESTATE).files);
  return new Query(ws, ws.analyze()).graph();
}

test('a trigger crossing units names the function\'s domain and the trigger\'s: the two parts of one split domain', () => {
  const g = graph();
  const e = g.edges.find((x) => x.kind === 'trigger');
  assert.ok(e, JSON.stringify(g.edges));
  assert.equal(e.label, 'OneMacTable invokes handleOneStream');
  assert.equal(e.from, 'stream/serverless.yml');
  assert.equal(e.to, 'tables/template.yaml');
  assert.equal(e.fromDomain, 'OneMacTable');
  assert.equal(e.toDomain, 'OneMacTable', 'not Nightly, the first domain of the trigger\'s unit');
  const d = g.domains.find((x) => x.name === 'OneMacTable')!;
  assert.deepEqual([...d.units].sort(), ['stream/serverless.yml', 'tables/template.yaml']);
});

test('a hard-coded reference names the referencing function\'s domain, and no domain for a resource outside every domain', () => {
  const g = graph();
  const e = g.edges.find((x) => x.kind === 'hardcoded');
  assert.ok(e, JSON.stringify(g.edges));
  assert.equal(e.from, 'stream/serverless.yml');
  assert.equal(e.to, 'parking/template.yaml');
  assert.equal(e.fromDomain, 'caller');
  assert.equal(e.toDomain, undefined);
});

test('contracts attach to the unit boxes', () => {
  const e = graph().edges.find((x) => x.kind === 'contract');
  assert.ok(e);
  assert.equal(e.fromDomain, undefined);
  assert.equal(e.toDomain, undefined);
});
