// A seeded generator of serverless estates for benchmarks: Serverless services (with
// `${file()}` includes), SAM templates and CloudFormation infrastructure, wired by exports,
// `${cf:}` reads, SSM parameters and cross-unit triggers.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateEstate(units: number, seed = 42): Map<string, string> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const files = new Map<string, string>();
  const infraCount = Math.max(1, Math.floor(units / 10));
  // Infrastructure templates: queues, topics, tables, exported.
  for (let i = 0; i < infraCount; i++) {
    const lines = ["AWSTemplateFormatVersion: '2010-09-09'", `Description: Infrastructure ${i}`, 'Resources:'];
    const outs = ['Outputs:'];
    for (let q = 0; q < 5; q++) {
      lines.push(`  Queue${q}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      QueueName: infra${i}-queue${q}`);
      lines.push(`  Topic${q}:`, '    Type: AWS::SNS::Topic');
      lines.push(`  Table${q}:`, '    Type: AWS::DynamoDB::Table', '    Properties:', '      BillingMode: PAY_PER_REQUEST', `      TableName: infra${i}-table${q}`);
      lines.push(`  Param${q}:`, '    Type: AWS::SSM::Parameter', '    Properties:', `      Name: /infra${i}/queue${q}`, '      Type: String', `      Value: !GetAtt Queue${q}.Arn`);
      outs.push(`  Queue${q}Arn:`, `    Value: !GetAtt Queue${q}.Arn`, '    Export:', `      Name: !Sub '\${AWS::StackName}-Queue${q}Arn'`);
      outs.push(`  Topic${q}Arn:`, `    Value: !Ref Topic${q}`, '    Export:', `      Name: infra${i}-Topic${q}Arn`);
    }
    files.set(`infra/infra${i}/template.yaml`, [...lines, ...outs].join('\n') + '\n');
  }
  for (let u = infraCount; u < units; u++) {
    const infra = Math.floor(rnd() * infraCount);
    const q = Math.floor(rnd() * 5);
    if (rnd() < 0.5) {
      const dir = `services/svc${u}`;
      const fns: string[] = [];
      const nf = 1 + Math.floor(rnd() * 4);
      for (let f = 0; f < nf; f++) {
        const kind = pick(['http', 'sqs-cf', 'sns', 'schedule', 'sqs-local', 'ssm']);
        const ev =
          kind === 'http' ? `      - http: GET /f${f}`
          : kind === 'sqs-cf' ? `      - sqs: \${cf:infra${infra}.Queue${q}Arn}`
          : kind === 'sns' ? `      - sns: \${cf:infra${infra}.Topic${q}Arn}`
          : kind === 'schedule' ? `      - schedule: rate(${1 + f} hours)`
          : kind === 'ssm' ? `      - sqs: \${ssm:/infra${infra}/queue${q}}`
          : '      - sqs:\n          arn: !GetAtt LocalQueue.Arn';
        fns.push(`  fn${f}:`, `    handler: src/fn${f}.handler`, '    environment:', `      TABLE: infra${infra}-table${q}`, `      STAGE: \${sls:stage}`, '    events:', ev);
      }
      files.set(`${dir}/serverless.yml`, [`service: svc${u}`, 'provider:', '  name: aws', '  runtime: nodejs20.x', "  stage: ${opt:stage, 'dev'}", 'custom: ${file(./config.yml)}', 'functions:', ...fns, 'resources: ${file(./resources.yml)}'].join('\n') + '\n');
      files.set(`${dir}/config.yml`, `tableName: \${self:service}-table\nretention: ${Math.floor(rnd() * 14) + 1}\n`);
      files.set(`${dir}/resources.yml`, ['Resources:', '  LocalQueue:', '    Type: AWS::SQS::Queue', '    Properties:', '      QueueName: ${self:service}-${sls:stage}-local', 'Outputs:', '  LocalQueueArn:', '    Value: !GetAtt LocalQueue.Arn'].join('\n') + '\n');
    } else {
      const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Transform: AWS::Serverless-2016-10-31', 'Parameters:', '  Stage:', '    Type: String', '    Default: dev', 'Resources:'];
      const nf = 1 + Math.floor(rnd() * 4);
      lines.push('  Bucket:', '    Type: AWS::S3::Bucket');
      for (let f = 0; f < nf; f++) {
        lines.push(`  Fn${f}:`, '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12', `      Handler: app.fn${f}`, '      CodeUri: src/', '      Environment:', '        Variables:', `          BUCKET: !Ref Bucket`, `          URL: !Sub 'https://\${Bucket}.s3.amazonaws.com/\${Stage}'`, '      Events:');
        const kind = pick(['api', 'sqs-import', 'sns-import', 's3', 'schedule']);
        if (kind === 'api') lines.push('        Api:', '          Type: Api', '          Properties:', `            Path: /f${f}`, '            Method: get');
        else if (kind === 'sqs-import') lines.push('        Q:', '          Type: SQS', '          Properties:', `            Queue: !ImportValue infra${infra}-Queue${q}Arn`);
        else if (kind === 'sns-import') lines.push('        T:', '          Type: SNS', '          Properties:', `            Topic: !ImportValue infra${infra}-Topic${q}Arn`);
        else if (kind === 's3') lines.push('        Up:', '          Type: S3', '          Properties:', '            Bucket: !Ref Bucket', '            Events: s3:ObjectCreated:*');
        else lines.push('        Tick:', '          Type: Schedule', '          Properties:', `            Schedule: rate(${f + 1} hours)`);
      }
      files.set(`apps/app${u}/template.yaml`, lines.join('\n') + '\n');
      files.set(`apps/app${u}/samconfig.toml`, `version = 0.1\n[default.deploy.parameters]\nstack_name = "app${u}"\n`);
    }
  }
  return files;
}

/**
 * One big SAM-free CloudFormation template of about `bytes` characters: queues, functions and
 * event source mappings wired by `!Ref`/`!GetAtt`/`!Sub`, the shape of a large generated stack.
 */
export function generateBigTemplate(bytes: number): string {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:', '  Role:', '    Type: AWS::IAM::Role'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const chunk = [
      `  Fn${i}:`,
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      `      FunctionName: !Sub '\${AWS::StackName}-fn${i}'`,
      '      Handler: index.handler',
      '      Role: !GetAtt Role.Arn',
      '      Environment:',
      '        Variables:',
      `          QUEUE: !Ref Q${i}`,
      `  Q${i}:`,
      '    Type: AWS::SQS::Queue',
      `  Map${i}:`,
      '    Type: AWS::Lambda::EventSourceMapping',
      '    Properties:',
      `      FunctionName: !Ref Fn${i}`,
      `      EventSourceArn: !GetAtt [Q${i}, Arn]`,
    ];
    for (const c of chunk) {
      lines.push(c);
      size += c.length + 1;
    }
  }
  return lines.join('\n') + '\n';
}
