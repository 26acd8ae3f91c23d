// Pipelines as facts, the other kinds: Jenkinsfiles, Amplify, Serverless Compose and CodePipeline
// read into the model (jobs and their order, working directories, env, deploys located where they
// are written, unmatched commands, path filters, and bad input that never throws nor hangs).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { pipelineKindOf, readPipelines } from '../../server/src/engine/pipeline/kinds';
import { allJobs, allSteps, at, deploys, Files, hostOf, read } from './pipeline-helpers';

// ---- Jenkins

test('Jenkins: declarative stages in order, parallel stages in any order, sh forms, dir, environment, when changeset', () => {
  const files: Files = {
    'ci/Jenkinsfile': [
      'pipeline {',
      '  agent any',
      '  environment {',
      "    STAGE = 'prod'",
      '    STACK = "orders-${STAGE}"',
      "    SECRET = credentials('x')",
      '  }',
      '  stages {',
      "    stage('Infra') {",
      '      when { changeset "infra/**" }',
      '      steps {',
      "        sh 'sam deploy --stack-name $STACK -t infra.yaml' // a comment with sls deploy",
      '        /* sls deploy in a block comment */',
      '      }',
      '    }',
      "    stage('Services') {",
      '      parallel {',
      "        stage('Orders') {",
      "          steps { dir('services/orders') { sh \"sls deploy --stage ${STAGE}\" } }",
      '        }',
      "        stage('Users') {",
      "          when { anyOf { changeset pattern: 'users/**'; not { changeset 'docs/**' } } }",
      '          steps {',
      "            sh(script: '''",
      '              cd services/users',
      '              sls deploy --stage $SECRET',
      "            ''', label: 'users')",
      '          }',
      '        }',
      '      }',
      '    }',
      "    stage('Code') {",
      '      steps {',
      '        sh "aws lambda update-function-code --function-name \\${FN} --zip-file fileb://a.zip"',
      "        sh(label: 'tf', script: 'terraform -chdir=tf apply')",
      "        sh label: 'sam', returnStatus: true, script: 'cd sam && sam deploy'",
      '      }',
      '    }',
      '  }',
      '}',
    ].join('\n'),
  };
  const p = read('ci/Jenkinsfile', files);
  assert.equal(p.kind, 'jenkins');
  assert.equal(p.root, 'ci');
  assert.deepEqual(p.jobs.map((j) => [j.id, j.needs, j.changes]), [
    ['Infra', [], ['infra/**']],
    ['Services', ['Infra'], undefined],
    ['Orders', ['Services'], undefined],
    ['Users', ['Services'], ['users/**']],
    ['Code', ['Orders', 'Users'], undefined],
  ]);
  assert.equal(at(files, p.jobs[0]), "stage('Infra')");
  assert.deepEqual(p.jobs[0].steps[0].env, { STAGE: 'prod', STACK: 'orders-prod' });
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.tool, d.stackName, d.template, d.folder, d.stage, d.workingDirectory]), [
    ['sam deploy', 'orders-prod', 'ci/infra.yaml', undefined, undefined, 'ci'],
    ['serverless deploy', undefined, undefined, 'ci/services/orders', 'prod', 'ci/services/orders'],
    ['serverless deploy', undefined, undefined, 'ci/services/users', undefined, 'ci/services/users'],
    ['terraform apply', undefined, undefined, 'ci/tf', undefined, 'ci'],
    ['sam deploy', undefined, undefined, undefined, undefined, 'ci/sam'],
  ]);
  // Located on the command as written: a substituted `${STAGE}` stands for the GString text.
  assert.deepEqual(ds.map((d) => at(files, d)), ['sam deploy --stack-name $STACK -t infra.yaml', 'sls deploy --stage ${STAGE}', 'sls deploy --stage $SECRET', 'terraform -chdir=tf apply', 'sam deploy']);
  // A credential is no literal: the stage stays unknown.
  const users = p.jobs[3].steps[0];
  assert.equal(at(files, users.script!), '\n              cd services/users\n              sls deploy --stage $SECRET\n            ');
  assert.equal(at(files, users), "sh(script: '''\n              cd services/users\n              sls deploy --stage $SECRET\n            ''', label: 'users')");
  // `\${FN}` is the shell's variable, unknown: listed, never guessed.
  const code = p.jobs[4].steps[0];
  assert.deepEqual(code.unmatched.map((u) => [u.reason, at(files, u)]), [['${FN} is not known statically', 'aws lambda update-function-code --function-name \\${FN} --zip-file fileb://a.zip']]);
  assert.deepEqual(p.skipped, []);
});

test('Jenkins: scripted pipelines (node, stage, parallel map); closures kept for later and methods run after nothing', () => {
  const files: Files = {
    Jenkinsfile: [
      'def branches = [:]',
      "branches['late'] = { stage('Late') { sh 'sls deploy' } }",
      "def deployApi(String stage) { sh \"cd api && sls deploy --stage ${stage}\" }",
      'node {',
      "  stage('Build') { sh 'make build' }",
      '  parallel a: {',
      "    stage('A') { sh 'cd a && sls deploy' }",
      "  }, b: { stage('B') { sh 'cd b && sls deploy' } }, failFast: true",
      "  stage('Publish') { sh 'sls deploy function -f api' }",
      "  sh 'echo done'",
      '}',
    ].join('\n'),
    'Makefile': 'build:\n\techo build\n',
  };
  const p = read('Jenkinsfile', files);
  assert.deepEqual(p.jobs.map((j) => [j.id, j.needs]), [
    ['Late', []],
    ['(no stage)', []],
    ['Build', []],
    ['A', ['Build']],
    ['B', ['Build']],
    ['Publish', ['A', 'B']],
    ['(no stage)#2', ['Publish']],
  ]);
  assert.deepEqual(deploys(p).map((d) => [d.tool, d.folder, d.functionName]), [
    ['serverless deploy', '', undefined],
    ['serverless deploy', 'api', undefined],
    ['serverless deploy', 'a', undefined],
    ['serverless deploy', 'b', undefined],
    ['serverless deploy function', '', 'api'],
  ]);
});

test('Jenkins: GString values that stay unknown, a dir from an expression, scripts held in variables or concatenated', () => {
  const files: Files = {
    'deploy.jenkinsfile': [
      'pipeline { stages {',
      "  stage('x') { steps {",
      '    sh "aws cloudformation deploy --template-file t.yaml --stack-name ${params.STACK}"',
      '    dir("svc/${env.BRANCH_NAME}") { sh "sls deploy" }',
      '    sh cmd',
      "    sh 'sls ' + 'deploy'",
      '  } }',
      '} }',
    ].join('\n'),
  };
  const p = read('deploy.jenkinsfile', files);
  const [cfn, sls] = p.jobs[0].steps;
  assert.deepEqual(cfn.deploys.map((d) => [d.template, d.stackName]), [['t.yaml', undefined]]);
  assert.equal(sls.workingDirectory, undefined);
  assert.deepEqual(sls.unmatched.map((u) => u.reason), ['the folder it runs in is not known statically']);
  assert.deepEqual(p.skipped.map((s) => [s.reason, at(files, s as { loc: { file: string; start: number; end: number } })]), [
    ['a script that is not a string literal is not read', 'sh cmd'],
    ['a script built by concatenation is not read', "sh 'sls '"],
  ]);
});

test('bad input (Jenkins): unterminated strings and braces, stray braces, deep nesting and a huge file are skips, never a throw or a hang', () => {
  const unterminated = read('Jenkinsfile', { Jenkinsfile: "pipeline { stages { stage('a') { steps { sh 'sls deploy\n sh '''terraform apply\n" });
  assert.deepEqual(unterminated.skipped.map((s) => s.reason), [
    'an unterminated string',
    'an unterminated string: the rest of the file is not read',
    'an unclosed {: read to the end of the file',
    'an unclosed {: read to the end of the file',
    'an unclosed {: read to the end of the file',
    'an unclosed {: read to the end of the file',
  ]);
  assert.deepEqual(unterminated.jobs.map((j) => j.id), ['a']);
  const stray = read('Jenkinsfile', { Jenkinsfile: "} } pipeline { stages { stage('a') { steps { sh 'sls deploy' ) } } } }" });
  assert.deepEqual(deploys(stray).length, 1);
  const comment = read('Jenkinsfile', { Jenkinsfile: "node { sh 'sls deploy' } /* sh 'terraform apply'" });
  assert.deepEqual(comment.skipped.map((s) => s.reason), ['an unterminated comment: the rest of the file is not read']);
  assert.equal(deploys(comment).length, 1);
  const deep = read('Jenkinsfile', { Jenkinsfile: `${'a { '.repeat(5000)}sh 'sls deploy'${' }'.repeat(5000)}` });
  assert.ok(deep.skipped.some((s) => /nested deeper than/.test(s.reason)));
  const start = Date.now();
  const stages = Array.from({ length: 4000 }, (_, i) => `stage('s${i}') { steps { sh "cd s${i} && sls deploy" } }`).join('\n');
  const long = read('Jenkinsfile', { Jenkinsfile: `pipeline { stages {\n${stages}\n} }` });
  assert.equal(deploys(long).length, 4000);
  assert.ok(Date.now() - start < 5000);
  const same = read('Jenkinsfile', { Jenkinsfile: `node {\n${"stage('x') { sh 'sls deploy' }\n".repeat(3000)}stage('x#2') { }\n}` });
  assert.deepEqual(same.jobs.slice(0, 3).map((j) => [j.id, j.name, j.needs]), [['x', undefined, []], ['x#2', 'x', ['x']], ['x#3', 'x', ['x#2']]]);
  assert.deepEqual(same.jobs.slice(-1).map((j) => [j.id, j.name]), [['x#2#2', 'x#2']]);
  assert.ok(Date.now() - start < 5000);
  const huge = read('Jenkinsfile', { Jenkinsfile: `node { sh 'sls deploy' }\n${'/'.repeat(2 * 1024 * 1024)}` });
  assert.deepEqual(huge.jobs, []);
  assert.match(huge.skipped[0].reason, /larger than/);
  assert.deepEqual(read('Jenkinsfile', { Jenkinsfile: '' }).jobs, []);
  assert.deepEqual(read('Jenkinsfile', {}).skipped.map((s) => s.reason), ['does not exist in the workspace']);
});

// ---- Amplify

test('Amplify: backend then frontend, phases in order in one shell, env, amplifyPush listed as unmatched', () => {
  const files: Files = {
    'app/amplify.yml': [
      'version: 1',
      'env:',
      '  variables:',
      '    STACK: shop-backend',
      'backend:',
      '  phases:',
      '    preBuild:',
      '      commands:',
      '        - cd backend',
      '    build:',
      '      commands:',
      '        - amplifyPush --simple # the Amplify backend',
      '        - sam deploy --stack-name $STACK',
      'frontend:',
      '  phases:',
      '    build:',
      '      commands:',
      '        - npm run build',
      '        - amplify publish',
      '        - npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID',
    ].join('\n'),
  };
  const p = read('app/amplify.yml', files);
  assert.equal(p.kind, 'amplify');
  assert.deepEqual(p.jobs.map((j) => [j.id, j.needs, j.workingDirectory, j.steps.map((s) => s.kind)]), [
    ['backend', [], 'app', ['preBuild', 'build']],
    ['frontend', ['backend'], 'app', ['build']],
  ]);
  const build = p.jobs[0].steps[1];
  assert.deepEqual(build.env, { STACK: 'shop-backend' });
  // The preBuild `cd backend` holds in build (one shell).
  assert.deepEqual(build.deploys.map((d) => [d.stackName, d.workingDirectory, at(files, d)]), [['shop-backend', 'app/backend', 'sam deploy --stack-name $STACK']]);
  assert.deepEqual(build.unmatched.map((u) => [u.reason, at(files, u)]), [["Amplify's own backend deploy (amplifyPush) is not matched to units", 'amplifyPush --simple']]);
  assert.deepEqual(p.jobs[1].steps[0].unmatched.map((u) => [u.reason, at(files, u)]), [
    ["Amplify's own backend deploy (amplifyPush) is not matched to units", 'npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID'],
    ["Amplify's own backend deploy (amplifyPush) is not matched to units", 'amplify publish'],
  ]);
});

test('Amplify: the monorepo form, one pipeline per application, commands start at appRoot', () => {
  const files: Files = {
    'amplify.yml': [
      'version: 1',
      'applications:',
      '  - appRoot: web',
      '    frontend:',
      '      phases:',
      '        build:',
      '          commands: [sls deploy]',
      '  - appRoot: admin',
      '    backend:',
      '      phases:',
      '        build:',
      '          commands: [cd api && sls deploy]',
      '  - appRoot: ../out',
    ].join('\n'),
  };
  const ps = readPipelines('amplify.yml', hostOf(files));
  assert.deepEqual(ps.map((p) => [p.id, p.root, p.jobs.map((j) => j.id)]), [
    ['amplify.yml#web', 'web', ['frontend']],
    ['amplify.yml#admin', 'admin', ['backend']],
    ['amplify.yml#../out', '', []],
  ]);
  assert.deepEqual(ps.flatMap(deploys).map((d) => d.folder), ['web', 'admin/api']);
  assert.ok(ps[2].skipped.some((s) => s.reason === 'appRoot ../out leaves the workspace'));
  const one = read('a/amplify.yml', { 'a/amplify.yml': 'applications:\n  - appRoot: site\n    frontend: {phases: {build: {commands: [sls deploy]}}}\n' });
  assert.deepEqual([one.id, one.root, deploys(one).map((d) => d.folder)], ['a/amplify.yml', 'a/site', ['a/site']]);
});

// ---- Serverless Compose

test('Compose: a job per service, its deploy located on the key, order from dependsOn and params', () => {
  const files: Files = {
    'stack/serverless-compose.yml': [
      'services:',
      '  database:',
      '    path: services/database',
      '  api:',
      '    path: services/api',
      '    config: serverless.api.yml',
      '    params:',
      '      TableName: ${database.TableName}',
      '      Stage: ${sls:stage}',
      '  web:',
      '    path: ./web',
      '    dependsOn: api',
      '  jobs:',
      '    path: services/jobs',
      '    dependsOn: [database, web, ghost]',
      '  outside:',
      '    path: ../../elsewhere',
    ].join('\n'),
  };
  const p = read('stack/serverless-compose.yml', files);
  assert.equal(p.kind, 'compose');
  assert.equal(p.root, 'stack');
  assert.deepEqual(p.jobs.map((j) => [j.id, j.needs, j.workingDirectory]), [
    ['database', [], 'stack/services/database'],
    ['api', ['database'], 'stack/services/api'],
    ['web', ['api'], 'stack/web'],
    ['jobs', ['database', 'web'], 'stack/services/jobs'],
    ['outside', [], undefined],
  ]);
  const ds = deploys(p);
  assert.deepEqual(ds.map((d) => [d.tool, d.folder, d.config, d.text, at(files, d)]), [
    ['serverless deploy', 'stack/services/database', undefined, 'serverless deploy --service=database', 'database'],
    ['serverless deploy', 'stack/services/api', 'stack/services/api/serverless.api.yml', 'serverless deploy --service=api', 'api'],
    ['serverless deploy', 'stack/web', undefined, 'serverless deploy --service=web', 'web'],
    ['serverless deploy', 'stack/services/jobs', undefined, 'serverless deploy --service=jobs', 'jobs'],
  ]);
  assert.deepEqual(p.jobs[4].steps[0].unmatched.map((u) => [u.reason, at(files, u)]), [['its path ../../elsewhere leaves the workspace', 'outside']]);
  assert.deepEqual(p.skipped.map((s) => s.reason), ['jobs depends on ghost, which is no service of this file']);
});

test('bad input (Compose): broken YAML keeps what parsed; no services, no jobs', () => {
  const p = read('serverless-compose.yml', { 'serverless-compose.yml': 'services:\n  a:\n    path: a\n  b: [\n' });
  assert.ok(p.skipped.some((s) => /not valid YAML/.test(s.reason)));
  assert.deepEqual(read('serverless-compose.yaml', { 'serverless-compose.yaml': 'x: 1' }).jobs, []);
});

// ---- CodePipeline

const PIPELINE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Build:',
  '    Type: AWS::CodeBuild::Project',
  '    Properties:',
  '      Name: !Sub ${AWS::StackName}-build',
  '      Environment:',
  '        EnvironmentVariables:',
  '          - { Name: STAGE, Value: dev }',
  '          - { Name: TOKEN, Value: t, Type: SECRETS_MANAGER }',
  '      Source:',
  '        Type: CODEPIPELINE',
  '        BuildSpec: ci/buildspec-deploy.yml',
  '  Tests:',
  '    Type: AWS::CodeBuild::Project',
  '    Properties:',
  '      Source:',
  '        Type: CODEPIPELINE',
  '        BuildSpec: |',
  '          version: 0.2',
  '          phases:',
  '            build:',
  '              commands:',
  '                - cd tests && sls deploy --stage test',
  '  Default:',
  '    Type: AWS::CodeBuild::Project',
  '    Properties:',
  '      Source: { Type: CODEPIPELINE }',
  '  Pipeline:',
  '    Type: AWS::CodePipeline::Pipeline',
  '    Properties:',
  '      Name: orders-pipeline',
  '      Triggers:',
  '        - ProviderType: CodeStarSourceConnection',
  '          GitConfiguration:',
  '            Push:',
  '              - FilePaths: { Includes: [services/orders/**], Excludes: [docs/**] }',
  '      Stages:',
  '        - Name: Source',
  '          Actions:',
  '            - Name: Checkout',
  '              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: "1" }',
  '        - Name: Deploy',
  '          Actions:',
  '            - Name: Infra',
  '              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1" }',
  '              RunOrder: 1',
  '              Configuration:',
  '                ActionMode: CHANGE_SET_REPLACE',
  '                StackName: orders-infra',
  '                TemplatePath: Source::infra/template.yaml',
  '            - Name: Execute',
  '              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1" }',
  '              RunOrder: 2',
  '              Configuration: { ActionMode: CHANGE_SET_EXECUTE, StackName: orders-infra }',
  '            - Name: App',
  '              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1" }',
  '              RunOrder: 2',
  '              Configuration:',
  '                ActionMode: CREATE_UPDATE',
  "                StackName: !Sub '${AWS::StackName}-app'",
  '                TemplatePath: BuildOutput::packaged.yaml',
  '            - Name: Delete',
  '              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1" }',
  '              RunOrder: 3',
  '              Configuration: { ActionMode: DELETE_ONLY, StackName: old }',
  '            - Name: Unknown',
  '              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1" }',
  '              RunOrder: 3',
  '              Configuration: { ActionMode: CREATE_UPDATE, StackName: !Ref Name }',
  '        - Name: Build',
  '          Actions:',
  '            - Name: Services',
  '              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1" }',
  '              Configuration:',
  '                ProjectName: !Sub ${AWS::StackName}-build',
  "                EnvironmentVariables: '[{\"name\":\"REGION\",\"value\":\"eu-west-1\"},{\"name\":\"X\",\"value\":\"${Y}\"}]'",
  '            - Name: Tests',
  '              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1" }',
  '              Configuration: { ProjectName: !Ref Tests }',
  '            - Name: Default',
  '              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1" }',
  '              Configuration: { ProjectName: !Ref Default }',
  '            - Name: Elsewhere',
  '              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1" }',
  '              Configuration: { ProjectName: other-project }',
].join('\n');

test('CodePipeline: stages in order, RunOrder, CloudFormation deploys with their stack names and templates', () => {
  const files: Files = { 'ops/pipeline.yaml': PIPELINE, 'ci/buildspec-deploy.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - sls deploy --stage $STAGE --region $REGION\n' };
  const p = read('ops/pipeline.yaml', files);
  assert.equal(p.kind, 'codepipeline');
  assert.equal(p.id, 'ops/pipeline.yaml#Pipeline');
  assert.equal(p.name, 'orders-pipeline');
  assert.deepEqual(p.stages, ['Source', 'Deploy', 'Build']);
  assert.deepEqual(p.paths, { include: ['services/orders/**'], exclude: ['docs/**'] });
  assert.deepEqual(p.jobs.map((j) => [j.id, j.stage, j.needs]), [
    ['Source/Checkout', 'Source', []],
    ['Deploy/Infra', 'Deploy', []],
    ['Deploy/Execute', 'Deploy', ['Deploy/Infra']],
    ['Deploy/App', 'Deploy', ['Deploy/Infra']],
    ['Deploy/Delete', 'Deploy', ['Deploy/Infra', 'Deploy/Execute', 'Deploy/App']],
    ['Deploy/Unknown', 'Deploy', ['Deploy/Infra', 'Deploy/Execute', 'Deploy/App']],
    ['Build/Services', 'Build', []],
    ['Build/Tests', 'Build', []],
    ['Build/Default', 'Build', []],
    ['Build/Elsewhere', 'Build', []],
  ]);
  assert.equal(at(files, p.jobs[1]), 'Infra');
  const cfn = p.jobs.slice(1, 4).flatMap((j) => j.steps.flatMap((s) => s.deploys));
  // A stack named after the pipeline's own stack stays unknown; its text is kept.
  assert.deepEqual(cfn.map((d) => [d.tool, d.stackName, d.template, d.text, at(files, d)]), [
    ['cloudformation deploy', 'orders-infra', 'infra/template.yaml', 'orders-infra', 'orders-infra'],
    ['cloudformation deploy', 'orders-infra', 'infra/template.yaml', 'orders-infra', 'orders-infra'],
    ['cloudformation deploy', undefined, 'packaged.yaml', "!Sub '${AWS::StackName}-app'", "!Sub '${AWS::StackName}-app'"],
  ]);
  assert.deepEqual(p.jobs[4].steps, []);
  assert.deepEqual(p.jobs[5].steps[0].unmatched.map((u) => [u.reason, at(files, u)]), [['neither the template nor the stack name is known statically', '!Ref Name']]);
});

test('CodePipeline: CodeBuild actions run their project buildspec (a file, the default, inline), with the literal variables they start with', () => {
  const files: Files = {
    'ops/pipeline.yaml': PIPELINE,
    'ci/buildspec-deploy.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - sls deploy --stage $STAGE --region $REGION\n',
    'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - cd default && sls deploy\n',
  };
  const p = read('ops/pipeline.yaml', files);
  const [services, tests, dflt, elsewhere] = p.jobs.slice(6);
  assert.deepEqual([services.calls!.name, services.calls!.file], ['Build', 'ci/buildspec-deploy.yml']);
  const sd = deploys({ ...p, jobs: [services] });
  assert.deepEqual(sd.map((d) => [d.stage, d.folder, at(files, d)]), [['dev', '', 'sls deploy --stage $STAGE --region $REGION']]);
  assert.deepEqual(services.calls!.jobs[0].steps[0].env, { STAGE: 'dev', REGION: 'eu-west-1' });
  // An inline buildspec: located in the template itself.
  const td = deploys({ ...p, jobs: [tests] });
  assert.deepEqual(td.map((d) => [d.loc.file, d.folder, at(files, d)]), [['ops/pipeline.yaml', 'tests', 'sls deploy --stage test']]);
  assert.equal(at(files, tests.calls!.jobs[0].steps[0]), 'build');
  assert.deepEqual([dflt.calls!.file, deploys({ ...p, jobs: [dflt] }).map((d) => d.folder)], ['buildspec.yml', ['default']]);
  assert.deepEqual(elsewhere.calls, { name: 'other-project', jobs: [] });
  assert.ok(p.files.includes('ci/buildspec-deploy.yml') && p.files.includes('buildspec.yml'));
  // Without the buildspec files: skipped with the reason, nothing thrown.
  const bare = read('ops/pipeline.yaml', { 'ops/pipeline.yaml': PIPELINE });
  assert.deepEqual(bare.skipped.map((s) => [s.file, s.reason]), [
    ['ci/buildspec-deploy.yml', 'does not exist in the workspace'],
    ['buildspec.yml', 'does not exist in the workspace'],
  ]);
});

test('CodePipeline: JSON templates; one pipeline per resource; files without one give none; other kinds still win', () => {
  const json = JSON.stringify(
    {
      Resources: {
        A: { Type: 'AWS::CodePipeline::Pipeline', Properties: { Stages: [{ Name: 'D', Actions: [{ Name: 'X', ActionTypeId: { Provider: 'CloudFormation' }, Configuration: { ActionMode: 'REPLACE_ON_FAILURE', StackName: 'x', TemplatePath: 'Src::./a/../t.json' } }] }] } },
        B: { Type: 'AWS::CodePipeline::Pipeline', Properties: { Name: { 'Fn::Sub': '${AWS::StackName}' }, Stages: [] } },
      },
    },
    null,
    1,
  );
  const files: Files = { 'p.json': json };
  const ps = readPipelines('p.json', hostOf(files));
  assert.deepEqual(ps.map((p) => [p.id, p.name]), [['p.json#A', 'A'], ['p.json#B', 'B']]);
  assert.deepEqual(deploys(ps[0]).map((d) => [d.stackName, d.template, at(files, d)]), [['x', 't.json', '"x"']]);
  assert.deepEqual(readPipelines('template.yaml', { text: () => 'Resources:\n  Q: {Type: AWS::SQS::Queue}\n' }), []);
  assert.deepEqual(readPipelines('package.json', { text: () => '{"name": "x"}' }), []);
  assert.deepEqual(readPipelines('missing.yaml', { text: () => undefined }), []);
  assert.equal(pipelineKindOf('.github/workflows/x.yml')?.kind, 'github');
  assert.equal(pipelineKindOf('buildspec.yml')?.kind, 'codebuild');
  assert.equal(pipelineKindOf('.gitlab-ci.yml')?.kind, 'gitlab');
  assert.equal(pipelineKindOf('serverless-compose.yml')?.kind, 'compose');
  assert.equal(pipelineKindOf('amplify.yml')?.kind, 'amplify');
  assert.equal(pipelineKindOf('a/Jenkinsfile')?.kind, 'jenkins');
  assert.equal(pipelineKindOf('t.template')?.kind, 'codepipeline');
  assert.equal(pipelineKindOf('node_modules/x/t.yaml'), undefined);
  assert.equal(pipelineKindOf('README.md'), undefined);
});

test('bad input (CodePipeline): broken YAML, a template named only in text, too many actions, a huge file', () => {
  const broken = readPipelines('p.yaml', hostOf({ 'p.yaml': 'Resources:\n  P:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      Stages: [\n' }));
  assert.equal(broken.length, 1);
  assert.ok(broken[0].skipped.some((s) => /not valid YAML/.test(s.reason)));
  const jinja = readPipelines('p.yaml', hostOf({ 'p.yaml': '{% if x %}\nResources: {% endif %}\n  # AWS::CodePipeline::Pipeline\n' }));
  assert.deepEqual(jinja.map((p) => [p.id, p.jobs.length]), [['p.yaml', 0]]);
  const many = Array.from({ length: 150 }, (_, i) => `            - {Name: a${i}, RunOrder: ${i + 1}, ActionTypeId: {Provider: CloudFormation}, Configuration: {ActionMode: CREATE_UPDATE, StackName: s${i}}}`);
  const wide = read('p.yaml', { 'p.yaml': ['Resources:', '  P:', '    Type: AWS::CodePipeline::Pipeline', '    Properties:', '      Stages:', '        - Name: S', '          Actions:', ...many].join('\n') });
  assert.equal(wide.jobs.length, 100);
  assert.equal(wide.jobs[99].needs.length, 99);
  assert.deepEqual(wide.skipped.map((s) => s.reason), ['more than 100 actions in stage S (CodePipeline allows 50): the rest are not read']);
  const huge = readPipelines('p.yaml', hostOf({ 'p.yaml': `# AWS::CodePipeline::Pipeline\n${'#'.repeat(2 * 1024 * 1024)}` }));
  assert.equal(huge.length, 1);
  assert.match(huge[0].skipped[0].reason, /larger than/);
  const quoted: Files = {
    'p.yaml': [
      'Resources:',
      '  B:',
      '    Type: AWS::CodeBuild::Project',
      '    Properties:',
      '      Source:',
      '        BuildSpec: "version: 0.2\\nphases: {build: {commands: [sls deploy]}}"',
      '  P:',
      '    Type: AWS::CodePipeline::Pipeline',
      '    Properties:',
      '      Stages:',
      '        - Name: S',
      '          Actions:',
      '            - Name: A',
      '              ActionTypeId: {Provider: CodeBuild}',
      '              Configuration: {ProjectName: !Ref B}',
    ].join('\n'),
  };
  // An inline buildspec that is no literal block: its deploys are located on the whole value.
  const d = deploys(read('p.yaml', quoted));
  assert.deepEqual(d.map((x) => at(quoted, x)), ['"version: 0.2\\nphases: {build: {commands: [sls deploy]}}"']);
});
