// Scripts a pipeline step calls, followed to depth 4 and read as text (follow.ts, makefile.ts):
// shell scripts, Makefile targets with prerequisites and variables, package.json scripts, node
// files; the working directory carried in; cycles, depth and paths leaving the workspace.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPipelines } from '../../server/src/engine/pipeline/kinds';
import type { Deploy, Pipeline, Unmatched } from '../../server/src/engine/pipeline/model';

function read(files: Record<string, string>, path = '.github/workflows/ci.yml'): Pipeline {
  const ps = readPipelines(path, { text: (f) => (Object.prototype.hasOwnProperty.call(files, f) ? files[f] : undefined) });
  assert.equal(ps.length, 1);
  return ps[0];
}
const steps = (p: Pipeline) => p.jobs.flatMap((j) => j.steps);
const deploys = (p: Pipeline): Deploy[] => steps(p).flatMap((s) => s.deploys);
const unmatched = (p: Pipeline): Unmatched[] => steps(p).flatMap((s) => s.unmatched);
const at = (files: Record<string, string>, d: { loc: { file: string; start: number; end: number } }) => files[d.loc.file].slice(d.loc.start, d.loc.end);
const workflow = (...run: string[]) => ['on: push', 'jobs:', '  ship:', '    steps:', ...run.map((r) => `      - run: ${r}`)].join('\n');

test('./x.sh and bash x.sh: the deploys of the script, located in it, with the call chain; the working directory carries in', () => {
  const files = {
    '.github/workflows/ci.yml': workflow('./scripts/deploy.sh prod', 'cd services/api && bash ../../scripts/api.sh'),
    'scripts/deploy.sh': '#!/bin/bash\nset -e\nsam deploy --template-file infra/template.yaml --stack-name core\ncd web\nserverless deploy --stage prod\n',
    'scripts/api.sh': 'sls deploy -s dev\n',
  };
  const p = read(files);
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.loc.file, at(files, d)]), [
    ['scripts/deploy.sh', 'sam deploy --template-file infra/template.yaml --stack-name core'],
    ['scripts/deploy.sh', 'serverless deploy --stage prod'],
    ['scripts/api.sh', 'sls deploy -s dev'],
  ]);
  assert.equal(ds[0].template, 'infra/template.yaml');
  assert.equal(ds[0].stackName, 'core');
  // The script's own `cd web` applies inside it; the caller's `cd services/api` carries into api.sh.
  assert.equal(ds[1].folder, 'web');
  assert.equal(ds[2].folder, 'services/api');
  assert.deepEqual(ds.map((d) => d.through?.map((c) => c.file)), [['scripts/deploy.sh'], ['scripts/deploy.sh'], ['scripts/api.sh']]);
  assert.equal(at(files, ds[0].through![0]), './scripts/deploy.sh prod');
  assert.ok(p.files.includes('scripts/deploy.sh') && p.files.includes('scripts/api.sh'));
  assert.deepEqual(unmatched(p), []);
});

test('make -C dir target: prerequisites first, literal variables substituted, located on the recipe', () => {
  const files = {
    '.github/workflows/ci.yml': workflow('make -C platform deploy STAGE=prod'),
    'platform/Makefile': [
      'STACK ?= orders',
      'TEMPLATE := infra/template.yaml',
      '.PHONY: deploy infra',
      'deploy: infra app ## Deploy everything',
      '\t@sls deploy --stage $(STAGE)',
      'infra:',
      '\tsam deploy -t $(TEMPLATE) --stack-name $(STACK)-infra',
      'app: infra',
      '\tcd app && $(MAKE) ship',
      'build:',
      '\tsam build',
    ].join('\n'),
    'platform/app/Makefile': 'ship:\n\tterraform apply -auto-approve\n',
  };
  const p = read(files);
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => d.tool), ['sam deploy', 'terraform apply', 'serverless deploy']);
  const sam = ds.find((d) => d.tool === 'sam deploy')!;
  assert.equal(sam.template, 'platform/infra/template.yaml');
  assert.equal(sam.stackName, 'orders-infra');
  assert.equal(sam.loc.file, 'platform/Makefile');
  assert.equal(at(files, sam).slice(0, 13), 'sam deploy -t');
  const sls = ds.find((d) => d.tool === 'serverless deploy')!;
  assert.equal(sls.stage, 'prod');
  assert.equal(sls.folder, 'platform');
  const tf = ds.find((d) => d.tool === 'terraform apply')!;
  assert.equal(tf.folder, 'platform/app');
  assert.deepEqual(tf.through?.map((c) => [c.file, c.target]), [['platform/Makefile', 'deploy'], ['platform/app/Makefile', 'ship']]);
});

test('make with no target runs the first; an unknown target stays unmatched with its command', () => {
  const files = {
    '.github/workflows/ci.yml': workflow('make', 'make release'),
    Makefile: '.PHONY: all\nall:\n\tsls deploy\n',
  };
  const p = read(files);
  assert.deepEqual(deploys(p).map((d) => [d.tool, d.folder]), [['serverless deploy', '']]);
  assert.deepEqual(unmatched(p).map((u) => [u.text, u.reason]), [['make release', 'Makefile has no rule for release']]);
});

test('npm run / yarn / pnpm: the package.json script with its pre and post scripts, located in package.json', () => {
  const files = {
    '.github/workflows/ci.yml': workflow('cd api && npm run deploy', 'yarn --cwd=x install', 'yarn ship', 'pnpm run tf'),
    'api/package.json': JSON.stringify({ scripts: { predeploy: 'sam build', deploy: 'sam deploy --stack-name api', postdeploy: 'sls deploy function -f hello' } }, null, 2),
    'package.json': '{\n  "scripts": {\n    "ship": "cd web && sls deploy",\n    "tf": "terraform -chdir=infra apply"\n  }\n}\n',
  };
  const p = read(files);
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.tool, d.loc.file, at(files, d)]), [
    ['sam deploy', 'api/package.json', 'sam deploy --stack-name api'],
    ['serverless deploy function', 'api/package.json', 'sls deploy function -f hello'],
    ['serverless deploy', 'package.json', 'sls deploy'],
    ['terraform apply', 'package.json', 'terraform -chdir=infra apply'],
  ]);
  assert.deepEqual(ds.map((d) => d.through?.map((c) => c.target)), [['deploy'], ['postdeploy'], ['ship'], ['tf']]);
  assert.equal(ds[2].folder, 'web');
  assert.equal(ds[3].folder, 'infra');
  assert.deepEqual(unmatched(p), []);
});

test('node x.js and npx ./x.js are read as text for their deploy commands; npx of a package is not followed', () => {
  const files = {
    '.github/workflows/ci.yml': workflow('node scripts/deploy.js', 'npx ts-node tools/release.ts', 'npx serverless-deploy-helper'),
    'scripts/deploy.js': "const { execSync } = require('child_process');\nexecSync('sam deploy --stack-name web --template-file template.yaml');\n",
    'tools/release.ts': "run('aws lambda update-function-code --function-name worker --zip-file fileb://w.zip');\n",
  };
  const p = read(files);
  assert.deepEqual(deploys(p).map((d) => [d.tool, d.loc.file, d.stackName ?? d.functionName]), [
    ['sam deploy', 'scripts/deploy.js', 'web'],
    ['lambda update-function-code', 'tools/release.ts', 'worker'],
  ]);
  assert.deepEqual(unmatched(p).map((u) => [u.text, u.reason]), [['npx serverless-deploy-helper', 'runs a package, not a workspace script']]);
});

test('cycles and calls deeper than 4 stop with a skip reason; paths leaving the workspace are not read', () => {
  const files = {
    '.github/workflows/ci.yml': workflow('./a.sh', './d1.sh', 'bash ../outside/deploy.sh', './missing-deploy.sh', './scripts/deploy-$TARGET.sh'),
    'a.sh': './b.sh\nsls deploy\n',
    'b.sh': './a.sh\n',
    'd1.sh': './d2.sh\n',
    'd2.sh': './d3.sh\n',
    'd3.sh': './d4.sh\n',
    'd4.sh': './d5-deploy.sh\n',
    'd5-deploy.sh': 'sls deploy\n',
  };
  const p = read(files);
  assert.deepEqual(deploys(p).map((d) => [d.loc.file, d.through?.map((c) => c.file)]), [['a.sh', ['a.sh']]]);
  const reasons = p.skipped.map((s) => s.reason);
  assert.ok(reasons.some((r) => /a cycle of script calls through a\.sh/.test(r)), reasons.join('; '));
  assert.ok(reasons.some((r) => /d5-deploy\.sh is called deeper than 4 scripts/.test(r)), reasons.join('; '));
  assert.ok(reasons.some((r) => /\.\.\/outside\/deploy\.sh is outside the workspace/.test(r)), reasons.join('; '));
  assert.deepEqual(unmatched(p).map((u) => [u.text, u.reason]), [
    ['./d5-deploy.sh', 'script calls deeper than 4 are not followed'],
    ['bash ../outside/deploy.sh', '../outside/deploy.sh is outside the workspace'],
    ['./missing-deploy.sh', 'missing-deploy.sh is not in the workspace'],
    ['./scripts/deploy-$TARGET.sh', './scripts/deploy-$TARGET.sh is not known statically'],
  ]);
});

test("the step's literal env reaches the scripts it calls (a Makefile reads it as variables, `?=` keeps it)", () => {
  const files = {
    '.github/workflows/ci.yml': ['on: push', 'jobs:', '  ship:', '    env:', '      ENV: dev', '      REGION: eu-west-1', '    steps:', '      - run: make sam', '      - run: ./deploy.sh'].join('\n'),
    Makefile: 'ENV ?= prod\nREGION := us-east-1\nsam:\n\tsam deploy --stack-name orders-${ENV}-$(REGION)\n',
    'deploy.sh': 'sam deploy --stack-name web-$ENV\n',
  };
  assert.deepEqual(deploys(read(files)).map((d) => d.stackName), ['orders-dev-us-east-1', 'web-dev']);
});

test('a fan-out of calls is bounded per step; `bash -c` and `make -j 4` are read as such', () => {
  const files: Record<string, string> = {
    '.github/workflows/ci.yml': workflow('./fan.sh', 'bash -c "./deploy.sh"', 'make -j 4 ship'),
    'fan.sh': Array.from({ length: 10 }, () => './fan1.sh').join('\n'),
    'fan1.sh': Array.from({ length: 10 }, () => './fan2.sh').join('\n'),
    'fan2.sh': Array.from({ length: 10 }, () => './fan3.sh').join('\n'),
    'fan3.sh': 'sls deploy\n',
    Makefile: 'ship:\n\tsam deploy --stack-name s\n',
  };
  const p = read(files);
  assert.equal(p.skipped.filter((s) => /more than 64 script calls in one step/.test(s.reason)).length, 1);
  assert.ok(deploys(p).filter((d) => d.tool === 'serverless deploy').length < 64);
  assert.deepEqual(deploys(p).filter((d) => d.tool === 'sam deploy').map((d) => d.stackName), ['s']);
  assert.deepEqual(unmatched(p).filter((u) => /bash -c/.test(u.text)), []);
});

test('GitLab (a script named by its path, no ./) and CodeBuild steps follow scripts too', () => {
  const files = {
    '.gitlab-ci.yml': 'deploy:\n  script:\n    - ci/deploy.sh --prod\n',
    'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - make ship\n',
    'ci/deploy.sh': 'sam deploy --stack-name gl\n',
    Makefile: 'ship:\n\tsam deploy --stack-name cb\n',
  };
  assert.deepEqual(deploys(read(files, '.gitlab-ci.yml')).map((d) => d.stackName), ['gl']);
  assert.deepEqual(deploys(read(files, 'buildspec.yml')).map((d) => d.stackName), ['cb']);
});

test('npm run x -- args: the arguments are appended to the script (`"sls": "sls"` then `npm run sls -- deploy`)', () => {
  const files = {
    '.github/workflows/ci.yml': workflow('npm run sls -- deploy --stage dev'),
    'package.json': '{\n  "scripts": {\n    "sls": "sls"\n  }\n}\n',
  };
  const ds = deploys(read(files));
  assert.deepEqual(ds.map((d) => [d.tool, d.folder, d.stage, d.loc.file]), [['serverless deploy', '', 'dev', 'package.json']]);
});

test('a literal if test decides its branch: the matrix entry it excludes deploys nothing there; other tests keep both branches', () => {
  const files = {
    '.github/workflows/ci.yml': [
      'on: push',
      'jobs:',
      '  ship:',
      '    strategy:',
      '      matrix:',
      '        lambda: [api, blazer]',
      '    steps:',
      '      - run: |',
      '          if [[ "${{ matrix.lambda }}" != "blazer" ]]; then',
      '            aws lambda update-function-code --function-name ${{ matrix.lambda }} --zip-file fileb://x.zip',
      '          else',
      '            echo skipped',
      '          fi',
      '          if [ "$X" = "1" ]; then sls deploy; fi',
    ].join('\n'),
  };
  const ds = deploys(read(files));
  assert.deepEqual(ds.map((d) => [d.tool, d.functionName ?? null, d.matrix?.lambda]), [
    ['lambda update-function-code', 'api', 'api'],
    ['serverless deploy', null, 'api'],
    ['serverless deploy', null, 'blazer'],
  ]);
});
