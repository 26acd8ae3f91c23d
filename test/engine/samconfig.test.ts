// samconfig: the parameter values `sam deploy` passes (parameter_overrides), per environment.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../server/src/engine';
import { parseOverrides } from '../../server/src/engine/units';

test('parameter_overrides is read as sam deploy reads it: Key=Value pairs, quoted values, or a list', () => {
  assert.deepEqual(parseOverrides('A=1 B="two words" C=\'x y\' D=/a/b'), { A: '1', B: 'two words', C: 'x y', D: '/a/b' });
  assert.deepEqual(parseOverrides(['A=1', 'B="q\\"uote"']), { A: '1', B: 'q"uote' });
  assert.equal(parseOverrides(''), undefined);
  assert.equal(parseOverrides(42), undefined);
});

const TEMPLATE = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Bus:\n    Type: AWS::SSM::Parameter::Value<String>\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n";
const SAMCONFIG = 'version = 0.1\n[default.deploy.parameters]\nstack_name = "app"\nparameter_overrides = "Bus=/dev/bus"\n[prod.deploy.parameters]\nstack_name = "app-prod"\nparameter_overrides = "Bus=/prod/bus"\n';

function ssmImports(stage: string | undefined): string[] {
  const ws = new Workspace({ rootName: 'w' });
  if (stage) ws.setFile('.serverless-domains.yml', `stage: ${stage}\n`);
  ws.setFile('app/template.yaml', TEMPLATE);
  ws.setFile('app/samconfig.toml', SAMCONFIG);
  const a = ws.analyze();
  return a.findings.filter((f) => f.rule === 'unresolved-import').map((f) => f.subject);
}

test("the configuration's stage picks the samconfig environment of that name; default otherwise", () => {
  assert.deepEqual(ssmImports(undefined), ['${ssm:/dev/bus}']);
  assert.deepEqual(ssmImports('prod'), ['${ssm:/prod/bus}']);
  assert.deepEqual(ssmImports('staging'), ['${ssm:/dev/bus}']);
});

test('an edit of parameter_overrides is seen by the next analysis (incremental)', () => {
  const ws = new Workspace({ rootName: 'w' });
  ws.setFile('app/template.yaml', TEMPLATE);
  ws.setFile('app/samconfig.toml', SAMCONFIG);
  assert.deepEqual(ws.analyze().findings.filter((f) => f.rule === 'unresolved-import').map((f) => f.subject), ['${ssm:/dev/bus}']);
  ws.setFile('app/samconfig.toml', SAMCONFIG.replace('/dev/bus', '/dev/bus2'));
  assert.deepEqual(ws.analyze().findings.filter((f) => f.rule === 'unresolved-import').map((f) => f.subject), ['${ssm:/dev/bus2}']);
});
