// Pipelines as facts: GitHub Actions, GitLab CI and CodeBuild buildspecs read into the model
// (jobs, steps in order, deploys with their targets and locations, unmatched commands, skips).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPipelines } from '../../server/src/engine/pipeline/kinds';
import { allJobs, allSteps, at, deploys, read } from './pipeline-helpers';
import { deployCommands } from '../../server/src/engine/pipeline/deploy-commands';

test('GitHub: triggers with path filters, needs, steps in order, deploys located in the run block', () => {
  const files = {
    '.github/workflows/deploy.yml': [
      'name: Release',
      'on:',
      '  push:',
      '    branches: [main]',
      "    paths: ['infra/**', 'src/**']",
      '    paths-ignore:',
      '      - docs/**',
      '  workflow_run:',
      '    workflows: [Build]',
      'env:',
      '  STAGE: prod',
      'jobs:',
      '  infra:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - name: stack',
      '        run: |',
      '          sam build -t infra/template.yaml',
      '          sam deploy --stack-name infra-$STAGE',
      '          cd tf && terraform apply -auto-approve',
      '  app:',
      '    needs: [infra]',
      '    steps:',
      '      - run: terraform -chdir=platform apply',
      '      - run: npm run deploy:prod',
    ].join('\n'),
  };
  const p = read('.github/workflows/deploy.yml', files);
  assert.equal(p.kind, 'github');
  assert.equal(p.name, 'Release');
  assert.deepEqual(p.triggers.map((t) => [t.event, t.paths, t.pathsIgnore, t.branches, t.workflows]), [
    ['push', ['infra/**', 'src/**'], ['docs/**'], ['main'], undefined],
    ['workflow_run', undefined, undefined, undefined, ['Build']],
  ]);
  assert.deepEqual(p.jobs.map((j) => [j.id, j.needs]), [['infra', []], ['app', ['infra']]]);
  assert.deepEqual(p.jobs[0].steps.map((s) => [s.kind, s.name, s.uses?.name]), [['uses', undefined, 'actions/checkout@v4'], ['run', 'stack', undefined]]);
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder]), [
    ['sam deploy', 'infra-prod', 'infra/template.yaml', undefined],
    ['terraform apply', undefined, undefined, 'tf'],
    ['terraform apply', undefined, undefined, 'platform'],
  ]);
  assert.deepEqual(ds.map((d) => at(files, d)), ['sam deploy --stack-name infra-$STAGE', 'terraform apply -auto-approve', 'terraform -chdir=platform apply']);
  const un = p.jobs[1].steps[1].unmatched;
  assert.deepEqual(un.map((u) => [u.text, at(files, u)]), [['npm run deploy:prod', 'npm run deploy:prod']]);
  assert.deepEqual(p.skipped, []);
});

test('GitHub: a literal matrix expands into one deploy per entry; include/exclude; an unknown matrix stays unknown', () => {
  const files = {
    '.github/workflows/m.yml': [
      'on: push',
      'jobs:',
      '  deploy:',
      '    strategy:',
      '      max-parallel: 1',
      '      matrix:',
      '        svc: [orders, users, billing]',
      '        exclude:',
      '          - svc: billing',
      '        include:',
      '          - svc: orders',
      '            stack: orders-api',
      '          - svc: audit',
      '    steps:',
      '      - run: sls deploy --stage dev',
      '        working-directory: services/${{ matrix.svc }}',
      '      - run: aws lambda update-function-code --function-name ${{ matrix.svc }}-handler --zip-file fileb://a.zip',
      '      - run: aws cloudformation deploy --template-file t.yaml --stack-name ${{ matrix.stack }}',
      '  dyn:',
      '    strategy:',
      '      matrix: ${{ fromJson(needs.x.outputs.m) }}',
      '    steps:',
      '      - run: aws lambda update-function-code --function-name ${{ matrix.fn }}',
    ].join('\n'),
  };
  const p = read('.github/workflows/m.yml', files);
  const m = p.jobs[0].matrix!;
  assert.deepEqual(m.combinations, [{ svc: 'orders', stack: 'orders-api' }, { svc: 'users' }, { svc: 'audit' }]);
  assert.equal(m.maxParallel, 1);
  const [sls, code, cfn] = p.jobs[0].steps;
  assert.deepEqual(sls.deploys.map((d) => [d.folder, d.stage, d.matrix?.svc]), [['services/orders', 'dev', 'orders'], ['services/users', 'dev', 'users'], ['services/audit', 'dev', 'audit']]);
  assert.deepEqual(code.deploys.map((d) => [d.functionName, d.codeOnly]), [['orders-handler', true], ['users-handler', true], ['audit-handler', true]]);
  // Each located on the command as written, `${{ }}` included.
  assert.ok(code.deploys.every((d) => at(files, d).startsWith('aws lambda update-function-code --function-name ${{ matrix.svc }}-handler')));
  // Only the entry that gives `stack` names a stack; the others stay unmatched, never guessed.
  assert.deepEqual(cfn.deploys.map((d) => [d.stackName, d.template, d.matrix?.svc]), [['orders-api', 't.yaml', 'orders'], [undefined, 't.yaml', 'users'], [undefined, 't.yaml', 'audit']]);
  assert.equal(p.jobs[1].matrix!.unknown, true);
  assert.deepEqual(p.jobs[1].steps[0].deploys, []);
  assert.match(p.jobs[1].steps[0].unmatched[0].reason, /not known statically/);
});

test('GitHub: local composite actions and reusable workflows resolve to their steps, with inputs; external ones by name', () => {
  const files = {
    '.github/workflows/main.yml': [
      'on: [push]',
      'jobs:',
      '  build:',
      '    steps:',
      '      - uses: ./.github/actions/ship',
      '        with:',
      '          service: api',
      '  release:',
      '    needs: build',
      '    uses: ./.github/workflows/release.yml',
      '    with:',
      '      stack: shop-prod',
      '  shared:',
      '    uses: org/ci/.github/workflows/x.yml@v1',
    ].join('\n'),
    '.github/actions/ship/action.yml': [
      'inputs:',
      '  service: {required: true}',
      '  stage: {default: dev}',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - run: cd ${{ inputs.service }} && npx serverless deploy --stage ${{ inputs.stage }}',
      '      shell: bash',
    ].join('\n'),
    '.github/workflows/release.yml': [
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      stack: {type: string}',
      'jobs:',
      '  cfn:',
      '    defaults:',
      '      run:',
      '        working-directory: stacks',
      '    steps:',
      '      - run: aws cloudformation deploy --template-file app.yaml --stack-name ${{ inputs.stack }}',
    ].join('\n'),
  };
  const p = read('.github/workflows/main.yml', files);
  const action = p.jobs[0].steps[0].uses!;
  assert.equal(action.file, '.github/actions/ship/action.yml');
  const d = action.steps[0].deploys[0];
  assert.deepEqual([d.tool, d.folder, d.stage, d.loc.file], ['serverless deploy', 'api', 'dev', '.github/actions/ship/action.yml']);
  assert.equal(at(files, d), 'serverless deploy --stage ${{ inputs.stage }}');
  const called = p.jobs[1].calls!;
  assert.equal(called.file, '.github/workflows/release.yml');
  assert.deepEqual(called.jobs[0].steps[0].deploys.map((x) => [x.stackName, x.template, x.loc.file]), [['shop-prod', 'stacks/app.yaml', '.github/workflows/release.yml']]);
  assert.deepEqual(p.jobs[2].calls, { name: 'org/ci/.github/workflows/x.yml@v1', jobs: [] });
  assert.deepEqual(p.files, ['.github/workflows/main.yml', '.github/actions/ship/action.yml', '.github/workflows/release.yml']);
});

test('GitHub: a workflow in a repository folder resolves `./` from that repository; a cycle and depth are skipped with reasons', () => {
  const files: Record<string, string> = {
    'repo/.github/workflows/a.yml': 'on: push\njobs:\n  x:\n    uses: ./.github/workflows/b.yml\n  y:\n    steps:\n      - uses: ./.github/actions/deep0\n      - uses: ./../../outside\n',
    'repo/.github/workflows/b.yml': 'on: workflow_call\njobs:\n  z:\n    uses: ./.github/workflows/a.yml\n',
  };
  for (let i = 0; i < 6; i++) files[`repo/.github/actions/deep${i}/action.yml`] = `runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/deep${i + 1}\n    - run: sls deploy\n      working-directory: s${i}\n      shell: bash\n`;
  const p = read('repo/.github/workflows/a.yml', files);
  assert.equal(p.root, 'repo');
  assert.ok(p.skipped.some((s) => /uses itself/.test(s.reason)), JSON.stringify(p.skipped));
  assert.ok(p.skipped.some((s) => /deeper than 4/.test(s.reason)));
  assert.ok(p.skipped.some((s) => /leaves the workspace/.test(s.reason)));
  assert.deepEqual(deploys(p).map((d) => d.folder), ['repo/s3', 'repo/s2', 'repo/s1', 'repo/s0']);
});

test('GitHub: broken YAML never throws; what parsed is read and the reason kept', () => {
  const files = { '.github/workflows/b.yml': 'on: push\njobs:\n  a:\n    steps:\n      - run: sam deploy --stack-name ok\n  b: [unclosed\n' };
  const p = read('.github/workflows/b.yml', files);
  assert.match(p.skipped[0].reason, /not valid YAML/);
  assert.deepEqual(deploys(p).map((d) => d.stackName), ['ok']);
  for (const text of ['', ':', '- a\n- b', 'jobs: 3', 'on:\n  push: [', 'jobs:\n  a:\n    steps: {run: 1}', '\u0000\u0001']) {
    assert.doesNotThrow(() => read('.github/workflows/x.yml', { '.github/workflows/x.yml': text }));
  }
});

test('GitLab: local includes, stages, needs, extends of templates, before_script context, rules: changes, parallel matrix', () => {
  const files = {
    '.gitlab-ci.yml': [
      'include:',
      '  - local: ci/templates.yml',
      '  - project: group/ci',
      '    file: x.yml',
      '  - https://example.com/ci.yml',
      'stages: [build, deploy]',
      'variables:',
      '  STAGE: prod',
      'infra:',
      '  extends: .deploy',
      '  script:',
      '    - sam deploy --template-file infra/template.yaml --stack-name infra-$STAGE',
      '  rules:',
      '    - changes: [infra/**/*]',
      'api:',
      '  extends: .deploy',
      '  needs: [infra, {job: lint}]',
      '  parallel:',
      '    matrix:',
      '      - SVC: [orders, users]',
      '  script:',
      '    - cd services/$SVC && sls deploy --stage $STAGE',
      '.hidden:',
      '  script: [sls deploy]',
    ].join('\n'),
    'ci/templates.yml': [
      '.deploy:',
      '  stage: deploy',
      '  variables:',
      '    REGION: eu-west-1',
      '  before_script:',
      '    - export TF_DIR=platform',
      '    - terraform -chdir=$TF_DIR apply -auto-approve',
    ].join('\n'),
  };
  const p = read('.gitlab-ci.yml', files);
  assert.equal(p.kind, 'gitlab');
  assert.deepEqual(p.stages, ['.pre', 'build', 'deploy', '.post']);
  assert.deepEqual(p.jobs.map((j) => [j.id, j.stage, j.needs, j.changes]), [
    ['infra', 'deploy', [], ['infra/**/*']],
    ['api', 'deploy', ['infra', 'lint'], undefined],
  ]);
  assert.deepEqual(p.skipped.map((s) => s.reason), ['project include is not in the workspace', 'remote include https://example.com/ci.yml is not read']);
  const [before, script] = p.jobs[0].steps;
  assert.deepEqual([before.kind, script.kind], ['before_script', 'script']);
  // The template's before_script is read where it is written, its variable assigned a line earlier.
  assert.deepEqual(before.deploys.map((d) => [d.tool, d.folder, d.loc.file]), [['terraform apply', 'platform', 'ci/templates.yml']]);
  assert.deepEqual(script.deploys.map((d) => [d.stackName, d.template, at(files, d)]), [['infra-prod', 'infra/template.yaml', 'sam deploy --template-file infra/template.yaml --stack-name infra-$STAGE']]);
  assert.deepEqual(p.jobs[1].steps[1].deploys.map((d) => [d.folder, d.stage, d.matrix]), [['services/orders', 'prod', { SVC: 'orders' }], ['services/users', 'prod', { SVC: 'users' }]]);
  assert.ok(!p.jobs.some((j) => j.id === '.hidden' || j.id === '.deploy'));
});

test('GitLab: include cycles, includes leaving the workspace and patterns are skipped with reasons', () => {
  const files = {
    'app/.gitlab-ci.yml': 'include:\n  - local: /ci/a.yml\n  - local: ../../etc/x.yml\n  - local: ci/*.yml\njob:\n  script: sls deploy\n',
    'app/ci/a.yml': 'include: /ci/b.yml\n',
    'app/ci/b.yml': 'include:\n  local: ci/a.yml\nb:\n  script: [echo sls deploy]\n',
  };
  const p = read('app/.gitlab-ci.yml', files);
  const reasons = p.skipped.map((s) => s.reason).join('\n');
  assert.match(reasons, /include cycle: app\/\.gitlab-ci\.yml -> app\/ci\/a\.yml -> app\/ci\/b\.yml -> app\/ci\/a\.yml/);
  assert.match(reasons, /leaves the workspace/);
  assert.match(reasons, /pattern or a variable/);
  assert.deepEqual(p.jobs.map((j) => j.id), ['b', 'job']);
  assert.deepEqual(deploys(p).map((d) => [d.folder, at(files, d)]), [['app', 'sls deploy']]);
});

test('CodeBuild: phases in their run order, one shell, env variables; unknown targets stay unmatched', () => {
  const files = {
    'ci/buildspec.yml': [
      'version: 0.2',
      'env:',
      '  variables:',
      '    STACK: orders',
      'phases:',
      '  build:',
      '    commands:',
      '      - aws cloudformation package --template-file template.yaml --s3-bucket b --output-template-file packaged.yaml',
      '      - aws cloudformation deploy --template-file packaged.yaml --stack-name $STACK-$ENV_NAME',
      '      - aws cloudformation deploy --template-file packaged.yaml --stack-name $STACK',
      '  install:',
      '    commands:',
      '      - ENV_NAME=dev',
      '  post_build:',
      '    commands:',
      '      - aws lambda update-function-code --function-name $FN --zip-file fileb://a.zip',
    ].join('\n'),
  };
  const p = read('ci/buildspec.yml', files);
  assert.equal(p.kind, 'codebuild');
  assert.deepEqual(p.jobs[0].steps.map((s) => s.kind), ['install', 'build', 'post_build']);
  const build = p.jobs[0].steps[1];
  assert.deepEqual(build.deploys.map((d) => [d.stackName, d.template]), [['orders-dev', 'template.yaml'], ['orders', 'template.yaml']]);
  const post = p.jobs[0].steps[2];
  assert.deepEqual(post.deploys, []);
  assert.deepEqual(post.unmatched.map((u) => [u.reason, at(files, u)]), [['$FN is not known statically', 'aws lambda update-function-code --function-name $FN --zip-file fileb://a.zip']]);
});

test('shell deploys: serverless flags, deploy function, sls deploy list, terraform forms, comments and echo are no deploys', () => {
  const files = {
    'buildspec.yml': [
      'phases:',
      '  build:',
      '    commands:',
      '      - sls deploy list',
      '      - serverless deploy function -f hello --stage dev',
      '      - npx sls deploy -c serverless.api.yml -s prod',
      '      - cd infra/live && terraform apply -auto-approve tfplan',
      '      - terraform plan',
      '      - echo "then run terraform apply"',
      '      - "# sam deploy"',
      '      - terragrunt run-all apply',
    ].join('\n'),
  };
  const ds = deploys(read('buildspec.yml', files));
  assert.deepEqual(ds.map((d) => [d.tool, d.functionName, d.folder, d.config, d.stage, d.codeOnly]), [
    ['serverless deploy function', 'hello', '', undefined, 'dev', true],
    ['serverless deploy', undefined, '', 'serverless.api.yml', 'prod', undefined],
    ['terraform apply', undefined, 'infra/live', undefined, undefined, undefined],
    // Buildspec commands share one shell: the `cd` of an earlier line holds.
    ['terragrunt apply', undefined, 'infra/live', undefined, undefined, undefined],
  ]);

});

test('existing callers of deployCommands() get the CloudFormation and SAM commands only', () => {
  const text = 'sls deploy\nterraform apply\naws lambda update-function-code --function-name f\nsam deploy --stack-name a\n';
  assert.deepEqual(deployCommands('d.sh', text).map((c) => c.tool), ['sam deploy']);
});

test('files that are no pipelines give none', () => {
  assert.deepEqual(readPipelines('template.yaml', { text: () => 'x: 1' }), []);
  assert.deepEqual(readPipelines('.github/workflows/readme.md', { text: () => 'x' }), []);
});

test('GitHub: actions that wrap a deploy (CloudFormation deploy action, serverless/github-action) are deploys on their uses line', () => {
  const files = {
    '.github/workflows/w.yml': [
      'on: push',
      'jobs:',
      '  d:',
      '    strategy:',
      '      matrix:',
      '        env: [dev, prod]',
      '    steps:',
      '      - uses: aws-actions/aws-cloudformation-github-deploy@v1',
      '        with:',
      '          name: net-${{ matrix.env }}',
      '          template: infra/net.yaml',
      '      - uses: serverless/github-action@v3.2',
      '        with:',
      '          args: deploy --stage prod',
      '      - uses: serverless/github-action@v3.2',
      '        with:',
      '          args: -c "cd services/api && serverless deploy"',
      '      - uses: aws-actions/aws-cloudformation-github-deploy@v1',
      '        with:',
      '          name: ${{ secrets.STACK }}',
      '          template: https://bucket.s3.amazonaws.com/t.yaml',
    ].join('\n'),
  };
  const p = read('.github/workflows/w.yml', files);
  const [cfn, sls, shell, unknown] = p.jobs[0].steps;
  assert.deepEqual(cfn.deploys.map((d) => [d.tool, d.stackName, d.template, at(files, d)]), [
    ['cloudformation deploy', 'net-dev', 'infra/net.yaml', 'aws-actions/aws-cloudformation-github-deploy@v1'],
    ['cloudformation deploy', 'net-prod', 'infra/net.yaml', 'aws-actions/aws-cloudformation-github-deploy@v1'],
  ]);
  assert.deepEqual(sls.deploys.map((d) => [d.tool, d.stage, d.folder, at(files, d)]), [['serverless deploy', 'prod', '', 'serverless/github-action@v3.2']]);
  assert.deepEqual(shell.deploys.map((d) => [d.tool, d.folder]), [['serverless deploy', 'services/api']]);
  assert.deepEqual([unknown.deploys.length, unknown.unmatched.length], [0, 1]);
});

test('bad input: a matrix of many keys is capped, a long workflow reads in linear time', () => {
  const keys = Array.from({ length: 12 }, (_, i) => `        k${i}: [a, b, c, d]`);
  const files: Record<string, string> = { '.github/workflows/big.yml': ['on: push', 'jobs:', '  j:', '    strategy:', '      matrix:', ...keys, '    steps:', '      - run: sls deploy --stage ${{ matrix.k0 }}'].join('\n') };
  const p = read('.github/workflows/big.yml', files);
  assert.equal(p.jobs[0].matrix!.combinations.length, 256);
  assert.equal(p.jobs[0].matrix!.unknown, true);
  const steps = Array.from({ length: 5000 }, (_, i) => `      - run: aws cloudformation deploy --template-file t${i}.yaml --stack-name s${i}`);
  files['.github/workflows/long.yml'] = ['on: push', 'jobs:', '  j:', '    steps:', ...steps].join('\n');
  const start = Date.now();
  assert.equal(deploys(read('.github/workflows/long.yml', files)).length, 5000);
  assert.ok(Date.now() - start < 5000);
});

test('GitHub: job and step env built from the matrix hold per entry; secrets stay unknown', () => {
  const files = {
    '.github/workflows/e.yml': [
      'on: push',
      'env:',
      '  APP: shop',
      'jobs:',
      '  d:',
      '    strategy:',
      '      matrix:',
      '        stage: [dev, prod]',
      '    env:',
      '      STACK: ${{ env.APP }}-${{ matrix.stage }}',
      '      TOKEN: ${{ secrets.T }}',
      '    steps:',
      '      - run: sam deploy --stack-name "$STACK" --template-file app/template.yaml',
      '      - run: sam deploy --stack-name "$TOKEN" --template-file app/template.yaml',
    ].join('\n'),
  };
  const p = read('.github/workflows/e.yml', files);
  assert.deepEqual(p.jobs[0].steps[0].deploys.map((d) => [d.stackName, d.matrix]), [['shop-dev', { stage: 'dev' }], ['shop-prod', { stage: 'prod' }]]);
  assert.deepEqual(p.jobs[0].steps[1].deploys.map((d) => [d.stackName, d.template]), [[undefined, 'app/template.yaml'], [undefined, 'app/template.yaml']]);
});

test('a straight-line step follows `cd` lines; control flow or a subshell before the command makes the folder unknown', () => {
  const files = {
    '.github/workflows/cd.yml': [
      'on: push',
      'env:',
      '  ENVIRONMENT: staging',
      'jobs:',
      '  a:',
      '    steps:',
      '      - run: |',
      '          VERSION=$(cat version.txt)',
      '          cd aws',
      '          cd "env/${{ env.ENVIRONMENT }}/common"',
      '          terragrunt apply --terragrunt-non-interactive',
      '          cd ../ecr; sam deploy --stack-name ecr-$VERSION',
      '      - run: |',
      '          if [ -n "$X" ]; then cd a; fi',
      '          cd b',
      '          terraform apply',
      '      - run: |',
      '          (cd sub && make)',
      '          terraform apply',
    ].join('\n'),
  };
  const p = read('.github/workflows/cd.yml', files);
  const [a, b, c] = p.jobs[0].steps;
  assert.deepEqual(a.deploys.map((d) => [d.tool, d.folder ?? d.workingDirectory]), [['terragrunt apply', 'aws/env/staging/common'], ['sam deploy', 'aws/env/staging/ecr']]);
  assert.deepEqual([b.deploys.length, b.unmatched.length, c.deploys.length, c.unmatched.length], [0, 1, 0, 1]);
});

test('bad input (GitLab): an alias bomb of script lines and a lattice of extends stay small and fast', () => {
  const bomb = ['.a0: &a0 ["sls deploy"]'];
  for (let i = 1; i < 9; i++) bomb.push(`.a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  bomb.push('job:', '  script: *a8');
  for (let i = 0; i < 10; i++) bomb.push(`.t${i}:`, `  extends: [${i ? `.t${i - 1}, .u${i - 1}` : '.base'}]`, `.u${i}:`, `  extends: [${i ? `.t${i - 1}, .u${i - 1}` : '.base'}]`);
  bomb.push('.base:', '  stage: deploy', 'lattice:', '  extends: .t9', '  script: [terraform apply]', 'self:', '  extends: self', '  script: [x]');
  const start = Date.now();
  const p = read('.gitlab-ci.yml', { '.gitlab-ci.yml': bomb.join('\n') });
  assert.ok(Date.now() - start < 3000);
  assert.ok(deploys(p).length <= 10000);
  assert.equal(p.jobs.find((j) => j.id === 'lattice')!.stage, 'deploy');
  assert.ok(p.skipped.some((s) => /extends self: a cycle/.test(s.reason)));
});

test('GitLab: a trigger of a local child pipeline is read with its jobs; another project by name; a trigger cycle is skipped', () => {
  const files = {
    '.gitlab-ci.yml': 'api:\n  trigger:\n    include: services/api/.ci.yml\nother:\n  trigger: group/infra\n',
    'services/api/.ci.yml': 'deploy:\n  script:\n    - cd services/api && sls deploy --stage prod\nagain:\n  trigger:\n    include:\n      - local: .gitlab-ci.yml\n',
  };
  const p = read('.gitlab-ci.yml', files);
  assert.deepEqual(p.jobs.map((j) => [j.id, j.calls?.name, j.calls?.file]), [['api', 'services/api/.ci.yml', 'services/api/.ci.yml'], ['other', 'group/infra', undefined]]);
  const child = p.jobs[0].calls!.jobs;
  assert.deepEqual(child.flatMap((j) => j.steps.flatMap((s) => s.deploys.map((d) => [d.folder, d.stage, d.loc.file]))), [['services/api', 'prod', 'services/api/.ci.yml']]);
  assert.match(p.skipped.map((s) => s.reason).join('\n'), /trigger cycle: \.gitlab-ci\.yml -> services\/api\/\.ci\.yml -> \.gitlab-ci\.yml/);
});
