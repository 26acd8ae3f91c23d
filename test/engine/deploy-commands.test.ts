// Deploy commands read from scripts and CI files: the template and the stack name each one names.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { deployCommands } from '../../server/src/engine/pipeline/deploy-commands';

const pick = (file: string, text: string) => deployCommands(file, text).map((c) => ({ tool: c.tool, stack: c.stackName, template: c.template, at: text.slice(c.loc.start, c.loc.end) }));

test('aws cloudformation deploy with continuations, either order of flags, a variable assigned a literal', () => {
  const text = [
    'DIR=$PWD',
    'STACK_NAME=sdlf-roles',
    'aws cloudformation deploy \\',
    '    --stack-name "$STACK_NAME" \\',
    '    --template-file "$DIR"/cicd/roles.yaml \\',
    '    --parameter-overrides A=b',
    'STACK_NAME="sdlf-prereq"',
    'aws cloudformation deploy --template-file ./cicd/prereq.yaml --stack-name ${STACK_NAME}',
  ].join('\n');
  assert.deepEqual(pick('deploy.sh', text).map(({ at, ...r }) => r), [
    { tool: 'cloudformation deploy', stack: 'sdlf-roles', template: 'cicd/roles.yaml' },
    { tool: 'cloudformation deploy', stack: 'sdlf-prereq', template: 'cicd/prereq.yaml' },
  ]);
  assert.ok(pick('deploy.sh', text)[0].at.endsWith('A=b'));
});

test('create-stack / update-stack with file:// bodies; URLs and unknown values stay unknown', () => {
  const text = [
    'aws cloudformation create-stack --stack-name net --template-body file://net.yaml',
    'aws --region eu-west-1 cloudformation update-stack --template-body=file://./net.yaml --stack-name=net',
    'aws cloudformation create-stack --stack-name "${PREFIX}-foo" --template-url https://bucket.s3.amazonaws.com/x.yaml',
    'aws cloudformation deploy --stack-name $1 --template-file t.yaml',
    'aws cloudformation deploy --stack-name $STACK --template-file t.yaml',
  ].join('\n');
  assert.deepEqual(pick('x.sh', text).map(({ at, ...r }) => r), [
    { tool: 'cloudformation create-stack', stack: 'net', template: 'net.yaml' },
    { tool: 'cloudformation update-stack', stack: 'net', template: 'net.yaml' },
    { tool: 'cloudformation create-stack', stack: undefined, template: undefined },
    { tool: 'cloudformation deploy', stack: undefined, template: 't.yaml' },
    { tool: 'cloudformation deploy', stack: undefined, template: 't.yaml' },
  ]);
});

test('sam deploy: -t, --template-file, none (template.yaml or what sam build named), --config-env', () => {
  const text = [
    'sam deploy -t api/template.yaml --stack-name api',
    'sam deploy --stack-name web --config-env prod',
    'sam build -t svc/main.yaml',
    'sam deploy --template-file .aws-sam/build/template.yaml --stack-name svc',
    'sam build -t $(TEMPLATE).yaml',
    'sam deploy --stack-name other',
  ].join('\n');
  const cmds = deployCommands('Makefile', text);
  assert.deepEqual(
    cmds.map((c) => [c.stackName, c.template, c.defaultTemplate, c.configEnv]),
    [
      ['api', 'api/template.yaml', undefined, undefined],
      ['web', undefined, true, 'prod'],
      ['svc', 'svc/main.yaml', undefined, undefined],
      ['other', undefined, undefined, undefined],
    ],
  );
});

test('a packaged template stands for its source; comments and echoed text are not commands', () => {
  const text = [
    '# aws cloudformation deploy --stack-name old --template-file old.yaml',
    'echo "run: sam deploy --stack-name nope"',
    'echo "deploying" && sam deploy --stack-name web -t web.yaml',
    'aws cloudformation package --template-file src/app.yaml --output-template-file out/packaged.yaml --s3-bucket b',
    'aws cloudformation deploy --template-file out/packaged.yaml --stack-name app',
  ].join('\n');
  assert.deepEqual(pick('ci.sh', text).map(({ at, ...r }) => r), [
    { tool: 'sam deploy', stack: 'web', template: 'web.yaml' },
    { tool: 'cloudformation deploy', stack: 'app', template: 'src/app.yaml' },
  ]);
});

test('a variable assigned two values with no command between them is unknown', () => {
  const text = ['if [ "$ENV" = prod ]; then', '  STACK=app-prod', 'else', '  STACK=app-dev', 'fi', 'sam deploy --stack-name "$STACK"'].join('\n');
  assert.equal(deployCommands('d.sh', text)[0].stackName, undefined);
  const same = ['STACK=app', 'if x; then STACK=app; fi', 'sam deploy --stack-name "$STACK"'].join('\n');
  assert.equal(deployCommands('d.sh', same)[0].stackName, 'app');
});

test('package.json scripts and workflow steps', () => {
  const pkg = '{ "scripts": { "deploy": "sam deploy --stack-name \\"orders\\" -t infra/template.yaml", "x": "echo" } }';
  assert.deepEqual(pick('package.json', pkg).map(({ at, ...r }) => r), [{ tool: 'sam deploy', stack: 'orders', template: 'infra/template.yaml' }]);
  const wf = ['jobs:', '  d:', '    steps:', '      - run: aws cloudformation deploy --stack-name ${{ env.STACK }} --template-file a.yaml', '      - run: |', '          aws cloudformation deploy --stack-name b-stack \\', '            --template-file b.yaml'].join('\n');
  assert.deepEqual(pick('.github/workflows/d.yml', wf).map(({ at, ...r }) => r), [
    { tool: 'cloudformation deploy', stack: undefined, template: 'a.yaml' },
    { tool: 'cloudformation deploy', stack: 'b-stack', template: 'b.yaml' },
  ]);
  const dir = ['SCRIPT_DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"', 'sam deploy --stack-name x -t "$SCRIPT_DIR/t.yaml"'].join('\n');
  assert.equal(deployCommands('a/d.sh', dir)[0].template, 't.yaml');
});

test('a buildspec list item assigns a variable for the commands after it', () => {
  const text = ['phases:', '  build:', '    commands:', '      - export STACK_NAME="orders-api"', '      - aws cloudformation deploy --stack-name $STACK_NAME --template-file template.yaml'].join('\n');
  assert.equal(deployCommands('buildspec.yml', text)[0].stackName, 'orders-api');
});

test('cd on the command line is followed (a Makefile line starts afresh); after an earlier cd the folder is unknown unless the path is anchored', () => {
  const text = ['ROOT=$(pwd)', 'cd api && sam deploy --stack-name api -t template.yaml', 'cd web && sam deploy --stack-name web', 'cd somewhere', 'sam deploy --stack-name x -t t.yaml', 'sam deploy --stack-name y -t "$ROOT/infra/t.yaml"'].join('\n');
  assert.deepEqual(
    deployCommands('d.sh', text).map((c) => [c.stackName, c.template, c.defaultTemplate, c.cwd]),
    [
      ['api', 'api/template.yaml', undefined, undefined],
      ['web', undefined, undefined, undefined],
      ['x', undefined, undefined, undefined],
      ['y', 'infra/t.yaml', undefined, undefined],
    ],
  );
  const mk = ['deploy:', '\tcd api && sam deploy --stack-name api', '\tcd web && sam deploy --stack-name web'].join('\n');
  assert.deepEqual(deployCommands('Makefile', mk).map((c) => [c.stackName, c.defaultTemplate, c.cwd]), [['api', true, 'api'], ['web', true, 'web']]);
  const wf = ['defaults:', '  run:', '    working-directory: backend', 'jobs:', '  d:', '    steps:', '      - run: sam deploy --stack-name b -t template.yaml'].join('\n');
  assert.equal(deployCommands('.github/workflows/d.yml', wf)[0].template, undefined);
});

test('pathological scripts stay linear: many options, assignments and commands, unclosed quotes', () => {
  const t0 = Date.now();
  deployCommands('a.sh', 'aws ' + '--opt-a --opt-b '.repeat(20000) + 's3 ls');
  const many = 'S=a\n'.repeat(20000) + 'sam deploy --stack-name "$S" -t t.yaml\n'.repeat(20000);
  assert.equal(deployCommands('b.sh', many).length, 20000);
  deployCommands('c.sh', 'sam deploy --stack-name "' + 'x'.repeat(100000));
  deployCommands('d.sh', 'X=$(' + '('.repeat(50000));
  deployCommands('e.sh', 'aws -a '.repeat(50000));
  deployCommands('f.sh', 'sam deploy '.repeat(50000));
  deployCommands('g.sh', 'echo ' + 'sam deploy '.repeat(50000));
  deployCommands('h.sh', 'cd x && '.repeat(50000) + 'sam deploy --stack-name a');
  assert.equal(deployCommands('i.sh', 'sam deploy --stack-name a -t t.yaml; '.repeat(50000)).length, 50000);
  // A guard against a quadratic blow-up (minutes at these sizes), not a benchmark: loaded CI machines take a few seconds.
  assert.ok(Date.now() - t0 < 20000, `took ${Date.now() - t0} ms`);
});

test('sam package with no template packages the folder template.yaml (or what sam build built): its output stands for it', () => {
  const cmds = deployCommands('Makefile.sh', 'sam package --s3-bucket b --output-template-file packaged.yaml && aws cloudformation deploy --template-file packaged.yaml --stack-name booking\n');
  assert.deepEqual(cmds.map((c) => [c.tool, c.template, c.stackName]), [['cloudformation deploy', 'template.yaml', 'booking']]);
  const built = deployCommands('b.sh', 'sam build -t src/app.yaml\nsam package --output-template-file out.yaml\nsam deploy -t out.yaml --stack-name app\n');
  assert.deepEqual(built.map((c) => [c.tool, c.template]), [['sam deploy', 'src/app.yaml']]);
});
