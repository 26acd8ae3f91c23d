// Pipelines as facts, the other kinds: Bitbucket Pipelines, CircleCI and Azure Pipelines read into
// the model (order by `needs`, working directories, env, deploys located where written, unmatched
// commands, path filters, and bad input kept as skips, never a throw).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPipelines } from '../../server/src/engine/pipeline/kinds';
import { allSteps, at, deploys, read, readAll, unmatched } from './pipeline-helpers';

test('Bitbucket: one pipeline per entry, steps in sequence, parallel groups and stages, anchors, changesets', () => {
  const files = {
    'app/bitbucket-pipelines.yml': [
      'definitions:',
      '  steps:',
      '    - step: &test',
      '        name: Test',
      '        script:',
      '          - npm test',
      'pipelines:',
      '  default:',
      '    - step: *test',
      '  branches:',
      '    main:',
      '      - step: *test',
      '      - parallel:',
      '          - step:',
      '              name: Infra',
      '              condition:',
      '                changesets:',
      '                  includePaths: ["infra/**"]',
      '              script:',
      '                - export STAGE=prod',
      '                - cd infra && sam deploy --stack-name infra-$STAGE',
      '          - step:',
      '              name: Api',
      '              script:',
      '                - sls deploy --stage prod',
      '      - stage:',
      '          name: Release',
      '          steps:',
      '            - step:',
      '                deployment: production',
      '                script:',
      '                  - terraform -chdir=tf apply',
      '            - step:',
      '                name: Notify',
      '                script:',
      '                  - ./scripts/deploy-notify.sh',
      '  custom:',
      '    deploy-prod:',
      '      - variables:',
      '          - name: Stack',
      '      - step:',
      '          script:',
      '            - aws cloudformation deploy --template-file t.yaml --stack-name $Stack',
      '  pull-requests:',
      "    '**':",
      '      - step: *test',
    ].join('\n'),
  };
  const ps = readAll('app/bitbucket-pipelines.yml', files);
  assert.deepEqual(ps.map((p) => [p.id, p.kind, p.root, p.triggers.map((t) => [t.event, t.branches])]), [
    ['app/bitbucket-pipelines.yml#default', 'bitbucket', 'app', [['push', undefined]]],
    ['app/bitbucket-pipelines.yml#branches/main', 'bitbucket', 'app', [['push', ['main']]]],
    ['app/bitbucket-pipelines.yml#custom/deploy-prod', 'bitbucket', 'app', [['custom', undefined]]],
    ['app/bitbucket-pipelines.yml#pull-requests/**', 'bitbucket', 'app', [['pull_request', ['**']]]],
  ]);
  const main = ps[1];
  assert.deepEqual(main.jobs.map((j) => [j.id, j.name, j.needs, j.stage, j.changes]), [
    ['1', 'Test', [], undefined, undefined],
    ['2', 'Infra', ['1'], undefined, ['infra/**']],
    ['3', 'Api', ['1'], undefined, undefined],
    ['4', 'production', ['2', '3'], 'Release', undefined],
    ['5', 'Notify', ['4'], 'Release', undefined],
  ]);
  assert.deepEqual(main.stages, ['Release']);
  const ds = deploys(main);
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder, d.stage, d.workingDirectory]), [
    ['sam deploy', 'infra-prod', undefined, undefined, undefined, 'app/infra'],
    ['serverless deploy', undefined, undefined, 'app', 'prod', 'app'],
    ['terraform apply', undefined, undefined, 'app/tf', undefined, 'app'],
  ]);
  assert.deepEqual(ds.map((d) => at(files, d)), ['sam deploy --stack-name infra-$STAGE', 'sls deploy --stage prod', 'terraform -chdir=tf apply']);
  assert.equal(ds[0].defaultTemplate, true);
  // A deploy-looking script that is not in the workspace stays unmatched, where it is written.
  assert.deepEqual(unmatched(main).map((u) => at(files, u)), ['./scripts/deploy-notify.sh']);
  // A custom pipeline's variables are asked for when it runs: the stack name stays unknown, the template is known.
  assert.deepEqual(deploys(ps[2]).map((d) => [d.template, d.stackName]), [['app/t.yaml', undefined]]);
  // The anchored step is read where it is used, located in its definition.
  assert.deepEqual(ps[0].jobs.map((j) => [j.name, files['app/bitbucket-pipelines.yml'].slice(j.loc.start, j.loc.start + 10)]), [['Test', 'name: Test']]);
});

test('Bitbucket: script lines share one shell, pipes are steps of their own; deploy pipes with literal variables', () => {
  const files = {
    'bitbucket-pipelines.yml': [
      'pipelines:',
      '  default:',
      '    - step:',
      '        script:',
      '          - export STACK=orders',
      '          - pipe: atlassian/aws-sam-deploy:1.5.0',
      '            variables:',
      '              STACK_NAME: orders-api',
      '              SAM_TEMPLATE: services/orders/template.yaml',
      '          - sam deploy --stack-name $STACK -t orders.yaml',
      '          - pipe: atlassian/aws-cloudformation-deploy:0.20.0',
      '            variables:',
      '              STACK_NAME: $STACK_NAME',
      "              TEMPLATE: 'https://bucket.s3.amazonaws.com/t.yaml'",
      '          - pipe: atlassian/serverless-deploy:1.3.0',
      '            variables:',
      "              EXTRA_ARGS: '--stage prod'",
      '              CONFIG: api/serverless.yml',
      '          - pipe: atlassian/aws-lambda-deploy:1.0.0',
      '            variables:',
      '              FUNCTION_NAME: resize',
      '              COMMAND: update',
      '              ZIP_FILE: fn.zip',
      '          - pipe: atlassian/aws-sam-deploy:1.5.0',
      '            variables:',
      '              COMMAND: package-only',
      '          - pipe: atlassian/slack-notify:2.0.0',
      '        after-script:',
      '          - aws cloudformation deploy --stack-name $STACK --template-file $T',
    ].join('\n'),
  };
  const p = read('bitbucket-pipelines.yml', files);
  const steps = p.jobs[0].steps;
  assert.deepEqual(steps.map((s) => [s.kind, s.uses?.name]), [
    ['script', undefined],
    ['pipe', 'atlassian/aws-sam-deploy:1.5.0'],
    ['script', undefined],
    ['pipe', 'atlassian/aws-cloudformation-deploy:0.20.0'],
    ['pipe', 'atlassian/serverless-deploy:1.3.0'],
    ['pipe', 'atlassian/aws-lambda-deploy:1.0.0'],
    ['pipe', 'atlassian/aws-sam-deploy:1.5.0'],
    ['pipe', 'atlassian/slack-notify:2.0.0'],
    ['after-script', undefined],
  ]);
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder, d.config, d.stage, d.functionName, d.codeOnly]), [
    ['sam deploy', 'orders-api', 'services/orders/template.yaml', undefined, undefined, undefined, undefined, undefined],
    // `export STACK=orders` of an earlier line holds after the pipe.
    ['sam deploy', 'orders', 'orders.yaml', undefined, undefined, undefined, undefined, undefined],
    ['serverless deploy', undefined, undefined, 'api', 'api/serverless.yml', 'prod', undefined, undefined],
    ['lambda update-function-code', undefined, undefined, undefined, undefined, undefined, 'resize', true],
  ]);
  assert.deepEqual(ds.map((d) => at(files, d)), ['atlassian/aws-sam-deploy:1.5.0', 'sam deploy --stack-name $STACK -t orders.yaml', 'atlassian/serverless-deploy:1.3.0', 'atlassian/aws-lambda-deploy:1.0.0']);
  // A stack name from a repository variable and a template at a URL: unmatched on the pipe; after-script is its own shell.
  assert.deepEqual(unmatched(p).map((u) => [at(files, u), u.reason]), [
    ['atlassian/aws-cloudformation-deploy:0.20.0', 'neither the template nor the stack name is known statically'],
    ['aws cloudformation deploy --stack-name $STACK --template-file $T', 'neither the template nor the stack name is known statically'],
  ]);
});

test('Bitbucket (bad input): broken YAML, an alias bomb of script lines, no pipelines: skips, never a throw', () => {
  const broken = read('bitbucket-pipelines.yml', { 'bitbucket-pipelines.yml': 'pipelines:\n  default:\n    - step:\n      script: [\n' });
  assert.match(broken.skipped[0].reason, /is not valid YAML/);
  const bomb = ['definitions:', '  a0: &a0 ["sls deploy"]'];
  for (let i = 1; i < 9; i++) bomb.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  bomb.push('pipelines:', '  default:', '    - step:', '        script: *a8');
  const start = Date.now();
  const p = read('bitbucket-pipelines.yml', { 'bitbucket-pipelines.yml': bomb.join('\n') });
  assert.ok(Date.now() - start < 3000);
  assert.ok(deploys(p).length <= 10000);
  assert.ok(p.skipped.some((s) => /the rest is not read/.test(s.reason)));
  const out = read('bitbucket-pipelines.yml', { 'bitbucket-pipelines.yml': 'pipelines:\n  default:\n    - step:\n        script:\n          - bash ../../deploy.sh\n' });
  assert.deepEqual(out.skipped.map((s) => s.reason), ['../../deploy.sh is outside the workspace: not read']);
  assert.deepEqual(unmatched(out).map((u) => u.text), ['bash ../../deploy.sh']);
  const none = read('x/bitbucket-pipelines.yml', { 'x/bitbucket-pipelines.yml': 'image: node\n' });
  assert.deepEqual([none.id, none.jobs], ['x/bitbucket-pipelines.yml', []]);
});

test('CircleCI: one pipeline per workflow, requires as needs, working directories, env, commands and parameters', () => {
  const files = {
    'repo/.circleci/config.yml': [
      'version: 2.1',
      'orbs:',
      '  aws-sam: circleci/aws-sam-serverless@3.0',
      'commands:',
      '  ship:',
      '    parameters:',
      '      stage:',
      '        type: string',
      '        default: dev',
      '    steps:',
      '      - run: sls deploy --stage << parameters.stage >>',
      '      - ship',
      'jobs:',
      '  build:',
      '    docker: [{image: cimg/node:20.0}]',
      '    steps:',
      '      - checkout',
      '      - run: npm test',
      '  deploy:',
      '    working_directory: ~/app',
      '    parameters:',
      '      stack:',
      '        type: string',
      '      region:',
      '        type: string',
      '        default: eu-west-1',
      '    environment:',
      '      TEMPLATE: infra/template.yaml',
      '    steps:',
      '      - checkout',
      '      - run:',
      '          name: stack',
      '          command: sam deploy --stack-name << parameters.stack >> -t $TEMPLATE --region << parameters.region >>',
      '      - run:',
      '          working_directory: ~/app/services/api',
      '          command: |',
      '            sls deploy --stage << parameters.stage >>',
      '      - ship:',
      '          stage: prod',
      '      - when:',
      '          condition: true',
      '          steps:',
      '            - run:',
      '                working_directory: /tmp',
      '                command: terraform apply',
      'workflows:',
      '  version: 2',
      '  release:',
      '    jobs:',
      '      - build',
      '      - deploy:',
      '          name: deploy-prod',
      '          stack: shop-prod',
      '          requires: [build]',
      '      - deploy:',
      '          name: deploy-any',
      '          requires: [deploy-prod]',
      '      - aws-sam/deploy:',
      '          requires: [build]',
      '  nightly:',
      '    triggers:',
      '      - schedule:',
      '          cron: "0 0 * * *"',
      '    jobs: [build]',
    ].join('\n'),
  };
  const ps = readAll('repo/.circleci/config.yml', files);
  assert.deepEqual(ps.map((p) => [p.id, p.kind, p.root, p.triggers.map((t) => t.event)]), [
    ['repo/.circleci/config.yml#release', 'circleci', 'repo', ['push']],
    ['repo/.circleci/config.yml#nightly', 'circleci', 'repo', ['schedule']],
  ]);
  const p = ps[0];
  assert.deepEqual(p.jobs.map((j) => [j.id, j.name, j.needs]), [
    ['build', undefined, []],
    ['deploy-prod', 'deploy', ['build']],
    ['deploy-any', 'deploy', ['deploy-prod']],
    ['aws-sam/deploy', undefined, ['build']],
  ]);
  const prod = p.jobs[1];
  assert.deepEqual(allSteps(prod.steps).map((s) => [s.kind, s.workingDirectory]), [
    ['checkout', 'repo'],
    ['run', 'repo'],
    ['run', 'repo/services/api'],
    ['command', 'repo'],
    ['run', 'repo'],
    ['command', 'repo'],
    ['run', undefined],
  ]);
  assert.deepEqual(prod.steps[1].env, { TEMPLATE: 'infra/template.yaml' });
  // `ship` calls itself: read once, the cycle skipped with a reason.
  assert.ok(p.skipped.some((s) => /command ship calls itself \(ship -> ship\)/.test(s.reason)));
  const ds = deploys({ ...p, jobs: [prod] });
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder, d.stage]), [
    ['sam deploy', 'shop-prod', 'repo/infra/template.yaml', undefined, undefined],
    // No `stage` parameter in this job: unknown, never `<<`.
    ['serverless deploy', undefined, undefined, 'repo/services/api', undefined],
    ['serverless deploy', undefined, undefined, 'repo', 'prod'],
  ]);
  // Located on the command as written (the one of `ship` in the command's definition).
  assert.deepEqual(ds.map((d) => at(files, d)), [
    'sam deploy --stack-name << parameters.stack >> -t $TEMPLATE --region << parameters.region >>',
    'sls deploy --stage << parameters.stage >>',
    'sls deploy --stage << parameters.stage >>',
  ]);
  assert.ok(ds[2].loc.start < ds[1].loc.start);
  // `/tmp` is outside the checkout: the folder is unknown, the deploy unmatched.
  assert.deepEqual(unmatched({ ...p, jobs: [prod] }).map((u) => [u.text, u.reason]), [['terraform apply', 'the folder it runs in is not known statically']]);
  // With no stack passed, `deploy-any` names no stack (its template is known); its text shows the parameter as written.
  const any = deploys({ ...p, jobs: [p.jobs[2]] });
  assert.deepEqual(any.map((d) => [d.tool, d.stackName, d.template, d.stage]), [['sam deploy', undefined, 'repo/infra/template.yaml', undefined], ['serverless deploy', undefined, undefined, undefined], ['serverless deploy', undefined, undefined, 'prod']]);
  assert.equal(any[0].text, 'sam deploy --stack-name << parameters.stack >> -t $TEMPLATE --region eu-west-1');
  // An orb's job is not read: listed as unmatched on its name.
  assert.deepEqual(unmatched({ ...p, jobs: [p.jobs[3]] }).map((u) => [at(files, u), u.reason]), [['aws-sam/deploy', "an orb's job: not read"]]);
});

test('CircleCI: a matrix of parameters gives one deploy per entry; broken YAML and a missing job are skips', () => {
  const files = {
    '.circleci/config.yml': [
      'jobs:',
      '  deploy:',
      '    parameters:',
      '      svc: {type: string}',
      '    steps:',
      '      - checkout',
      '      - run: cd services/<< parameters.svc >> && sls deploy',
      'workflows:',
      '  all:',
      '    jobs:',
      '      - deploy:',
      '          matrix:',
      '            parameters:',
      '              svc: [orders, users, audit]',
      '            exclude:',
      '              - svc: audit',
      '      - ghost',
    ].join('\n'),
  };
  const p = read('.circleci/config.yml', files);
  assert.deepEqual(p.jobs[0].matrix!.combinations, [{ svc: 'orders' }, { svc: 'users' }]);
  assert.deepEqual(deploys(p).map((d) => [d.folder, d.matrix]), [['services/orders', { svc: 'orders' }], ['services/users', { svc: 'users' }]]);
  assert.ok(p.skipped.some((s) => /job ghost is not defined/.test(s.reason)));
  const out = read('.circleci/config.yml', { '.circleci/config.yml': 'jobs:\n  j:\n    steps: [checkout, {run: bash ../deploy.sh}]\nworkflows:\n  w:\n    jobs: [j]\n' });
  assert.deepEqual(out.skipped.map((s) => s.reason), ['../deploy.sh is outside the workspace: not read']);
  const broken = read('.circleci/config.yml', { '.circleci/config.yml': 'workflows:\n  w:\n    jobs: [a\n' });
  assert.match(broken.skipped[0].reason, /is not valid YAML/);
  // Commands that each call the one below twenty times: depth 4 and the budget keep it small.
  const bomb = ['commands:', '  c0:', '    steps: [{run: sls deploy}]'];
  for (let i = 1; i < 9; i++) bomb.push(`  c${i}:`, `    steps: [${Array(20).fill(`c${i - 1}`).join(', ')}]`);
  bomb.push('jobs:', '  j:', '    steps: [c8]', 'workflows:', '  w:', '    jobs: [j]');
  const start = Date.now();
  const b = read('.circleci/config.yml', { '.circleci/config.yml': bomb.join('\n') });
  assert.ok(Date.now() - start < 3000);
  assert.ok(b.skipped.some((s) => /the rest is not read/.test(s.reason)));
});

test('Azure: stages in order or by dependsOn, jobs, variables and $(NAME), working directories, tasks, filters, resources', () => {
  const files = {
    'azure-pipelines.yml': [
      'trigger:',
      '  branches:',
      '    include: [main]',
      '  paths:',
      '    include: [services/*]',
      '    exclude: [docs/*]',
      'pr: none',
      'resources:',
      '  pipelines:',
      '    - pipeline: build',
      "      source: 'Shop Build'",
      'variables:',
      '  stage: prod',
      '  - bad',
      'stages:',
      '  - stage: Infra',
      '    variables:',
      '      - name: stackName',
      '        value: infra-$(stage)',
      '      - group: secrets',
      '    jobs:',
      '      - job: Stack',
      '        steps:',
      '          - script: sam deploy --stack-name $(stackName) -t infra/template.yaml',
      '          - bash: |',
      '              cd tf',
      '              terraform apply -auto-approve',
      '            workingDirectory: $(System.DefaultWorkingDirectory)/platform',
      '          - pwsh: sls deploy --stage $env:STAGE',
      '            workingDirectory: api',
      '  - stage: App',
      '    jobs:',
      '      - job: A',
      '        steps:',
      '          - task: AWSCLI@1',
      '            inputs:',
      '              awsCommand: cloudformation',
      '              awsSubCommand: deploy',
      "              awsArguments: '--template-file app/t.yaml --stack-name app-$(stage)'",
      '      - job: B',
      '        dependsOn: A',
      '        steps:',
      '          - task: CloudFormationCreateOrUpdateStack@1',
      '            inputs:',
      '              stackName: web-$(stage)',
      '              templateFile: $(Build.SourcesDirectory)/web/template.yaml',
      '          - task: AWSShellScript@1',
      '            inputs:',
      '              scriptType: inline',
      '              inlineScript: aws lambda update-function-code --function-name resize-$(stage) --zip-file fileb://a.zip',
      '          - task: AWSShellScript@1',
      '            inputs:',
      '              scriptType: filePath',
      '              filePath: scripts/deploy.sh',
      '          - task: PublishBuildArtifacts@1',
      '  - stage: Audit',
      '    dependsOn: []',
      '    jobs:',
      '      - job: Scan',
      '        steps: [{script: echo sam deploy}]',
    ].join('\n'),
    'scripts/deploy.sh': 'sam deploy --stack-name scripted -t ../svc/template.yaml\n',
  };
  const p = read('azure-pipelines.yml', files);
  assert.equal(p.kind, 'azure');
  assert.deepEqual(p.paths, { include: ['services/*'], exclude: ['docs/*'] });
  assert.deepEqual(p.triggers.map((t) => [t.event, t.branches]), [['push', ['main']]]);
  assert.deepEqual(p.after, ['Shop Build']);
  // `dependsOn: []` makes Audit run at once: the stage order is carried by needs only.
  assert.equal(p.stages, undefined);
  assert.deepEqual(p.jobs.map((j) => [j.id, j.stage, j.needs]), [
    ['Infra.Stack', 'Infra', []],
    ['App.A', 'App', ['Infra.Stack']],
    ['App.B', 'App', ['App.A']],
    ['Audit.Scan', 'Audit', []],
  ]);
  const stack = p.jobs[0].steps;
  assert.deepEqual(stack.map((s) => [s.kind, s.workingDirectory]), [['script', ''], ['bash', 'platform'], ['pwsh', 'api']]);
  assert.equal(stack[0].env.STACKNAME, 'infra-prod');
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder, d.functionName]), [
    ['sam deploy', 'infra-prod', 'infra/template.yaml', undefined, undefined],
    ['terraform apply', undefined, undefined, 'platform/tf', undefined],
    ['serverless deploy', undefined, undefined, 'api', undefined],
    ['cloudformation deploy', 'app-prod', 'app/t.yaml', undefined, undefined],
    ['cloudformation deploy', 'web-prod', 'web/template.yaml', undefined, undefined],
    ['lambda update-function-code', undefined, undefined, undefined, 'resize-prod'],
    ['sam deploy', 'scripted', 'svc/template.yaml', undefined, undefined],
  ]);
  assert.deepEqual(ds.map((d) => at(files, d)), [
    'sam deploy --stack-name $(stackName) -t infra/template.yaml',
    'terraform apply -auto-approve',
    'sls deploy --stage $env:STAGE',
    'AWSCLI@1',
    'CloudFormationCreateOrUpdateStack@1',
    'aws lambda update-function-code --function-name resize-$(stage) --zip-file fileb://a.zip',
    'sam deploy --stack-name scripted -t ../svc/template.yaml',
  ]);
  assert.deepEqual(ds[6].through?.map((c) => c.file), ['scripts/deploy.sh']);
  assert.ok(p.skipped.some((s) => /is not valid YAML/.test(s.reason)));
});

test('Azure: templates with parameters, a bare steps list, ${{ if }} branches; cycles, other repositories and paths leaving the workspace are skips', () => {
  const files = {
    '.azure-pipelines/ci.yml': [
      'variables:',
      '  - template: vars.yml',
      'jobs:',
      '  - template: templates/deploy.yml',
      '    parameters:',
      '      service: orders',
      '  - template: templates/deploy.yml@shared',
      '  - template: ../../outside.yml',
      '  - job: Loop',
      '    steps:',
      '      - template: templates/loop.yml',
      '      - ${{ if eq(variables.env, \'prod\') }}:',
      '        - script: sls deploy --stage ${{ variables.env }}',
    ].join('\n'),
    '.azure-pipelines/vars.yml': 'variables:\n  env: prod\n',
    '.azure-pipelines/templates/deploy.yml': [
      'parameters:',
      '  - name: service',
      '    type: string',
      '  - name: stage',
      '    default: dev',
      'jobs:',
      '  - job: Deploy_${{ parameters.service }}',
      '    steps:',
      '      - script: sls deploy --stage ${{ parameters.stage }}',
      '        workingDirectory: services/${{ parameters.service }}',
    ].join('\n'),
    '.azure-pipelines/templates/loop.yml': 'steps:\n  - template: loop.yml\n',
  };
  const p = read('.azure-pipelines/ci.yml', files);
  assert.equal(p.root, '');
  assert.deepEqual(p.jobs.map((j) => j.id), ['Deploy_orders', 'Loop']);
  assert.deepEqual(deploys(p).map((d) => [d.folder, d.stage, d.loc.file]), [['services/orders', 'dev', '.azure-pipelines/templates/deploy.yml'], ['', 'prod', '.azure-pipelines/ci.yml']]);
  const reasons = p.skipped.map((s) => s.reason).join('\n');
  assert.match(reasons, /templates\/deploy\.yml@shared is in another repository/);
  assert.match(reasons, /\.\.\/\.\.\/outside\.yml leaves the workspace/);
  assert.match(reasons, /template cycle: \.azure-pipelines\/ci\.yml -> \.azure-pipelines\/templates\/loop\.yml -> \.azure-pipelines\/templates\/loop\.yml/);
  assert.deepEqual(p.files.sort(), ['.azure-pipelines/ci.yml', '.azure-pipelines/templates/deploy.yml', '.azure-pipelines/templates/loop.yml', '.azure-pipelines/vars.yml']);
  const bare = read('svc/azure-pipelines.yml', { 'svc/azure-pipelines.yml': 'steps:\n  - script: sam deploy\n' });
  assert.deepEqual(bare.jobs.map((j) => [j.id, j.needs]), [['job', []]]);
  assert.deepEqual(deploys(bare).map((d) => [d.workingDirectory, d.defaultTemplate]), [['svc', true]]);
  assert.ok(readPipelines('x.azure-pipelines.yml', { text: () => 'steps: []' }).length === 1);
});

test('Azure (bad input): broken YAML, an alias bomb of steps, a template bomb stay small; never a throw', () => {
  const broken = read('azure-pipelines.yml', { 'azure-pipelines.yml': 'stages:\n  - stage: A\n    jobs: [\n' });
  assert.match(broken.skipped[0].reason, /is not valid YAML/);
  const tpl: Record<string, string> = { 'azure-pipelines.yml': `steps:\n${Array(20).fill('  - template: t1.yml').join('\n')}\n` };
  for (let i = 1; i < 9; i++) tpl[`t${i}.yml`] = `steps:\n${Array(20).fill(`  - template: t${i + 1}.yml`).join('\n')}\n`;
  tpl['t9.yml'] = 'steps:\n  - script: sls deploy\n';
  const start = Date.now();
  const p = read('azure-pipelines.yml', tpl);
  assert.ok(Date.now() - start < 3000);
  assert.ok(p.skipped.some((s) => /deeper than 4 levels of templates|the rest is not read/.test(s.reason)));
  assert.ok(p.skipped.length < 20000);
  // Anchored lists of `${{ if }}` branches, each holding the list below ten times.
  const bomb = ['definitions:', '  s0: &s0 [{script: sls deploy}]'];
  for (let i = 1; i < 9; i++) bomb.push(`  s${i}: &s${i} [${Array(10).fill(`{"\${{ if true }}": *s${i - 1}}`).join(', ')}]`);
  bomb.push('steps: *s8');
  const start2 = Date.now();
  const b = read('azure-pipelines.yml', { 'azure-pipelines.yml': bomb.join('\n') });
  assert.ok(Date.now() - start2 < 3000);
  assert.deepEqual(b.skipped.map((s) => s.reason), ['more than 10000 stages, jobs, steps and variables: the rest is not read']);
  assert.ok(deploys(b).length <= 10000);
});

test('Azure: a file of `.azure-pipelines/` that only declares parameters and steps (or only variables) is a template, no pipeline', () => {
  const tpl = { '.azure-pipelines/deploy-steps.yml': 'parameters:\n  - name: stage\nsteps:\n  - script: sls deploy --stage ${{ parameters.stage }}\n' };
  assert.deepEqual(readAll('.azure-pipelines/deploy-steps.yml', tpl), []);
  assert.deepEqual(readAll('.azure-pipelines/vars.yml', { '.azure-pipelines/vars.yml': 'variables:\n  a: b\n' }), []);
  // Runtime parameters of a pipeline with a trigger: a pipeline.
  const p = readAll('.azure-pipelines/ci.yml', { '.azure-pipelines/ci.yml': 'trigger: [main]\nparameters:\n  - name: stage\n    default: dev\nsteps:\n  - script: sls deploy --stage ${{ parameters.stage }}\n' });
  assert.equal(p.length, 1);
});

test('Azure: a deployment job reads its strategy steps; a matrix gives one deploy per entry only where the entry changes it', () => {
  const files = {
    'azure-pipelines.yml': [
      'jobs:',
      '  - deployment: Ship',
      '    environment: prod',
      '    strategy:',
      '      matrix:',
      '        orders: {svc: orders}',
      '        users: {svc: users}',
      '      maxParallel: 1',
      '      runOnce:',
      '        preDeploy:',
      '          steps: [{script: sam deploy --stack-name base -t base.yaml}]',
      '        deploy:',
      '          steps:',
      '            - script: sls deploy --stage prod',
      '              workingDirectory: services/$(svc)',
      '            - script: aws lambda update-function-code --function-name $FN',
    ].join('\n'),
  };
  const p = read('azure-pipelines.yml', files);
  const job = p.jobs[0];
  assert.deepEqual([job.id, job.matrix?.combinations, job.matrix?.maxParallel], ['Ship', [{ svc: 'orders' }, { svc: 'users' }], 1]);
  assert.deepEqual(deploys(p).map((d) => [d.tool, d.stackName, d.folder, d.matrix]), [
    ['sam deploy', 'base', undefined, undefined],
    ['serverless deploy', undefined, 'services/orders', { svc: 'orders' }],
    ['serverless deploy', undefined, 'services/users', { svc: 'users' }],
  ]);
  assert.deepEqual(job.steps.map((s) => s.workingDirectory), ['', undefined, '']);
  assert.deepEqual(unmatched(p).map((u) => [at(files, u), u.reason, u.matrix]), [['aws lambda update-function-code --function-name $FN', '$FN is not known statically', undefined]]);
});
