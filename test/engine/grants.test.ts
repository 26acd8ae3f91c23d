// Invoke grants: which IAM resources stand for which functions, and when two name patterns can meet.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANY_FUNCTION, functionPattern, patternsMeet } from '../../server/src/engine/extract/grants';

test('a statement resource is a function-name pattern only when it is a Lambda function ARN or *', () => {
  assert.equal(functionPattern('*'), ANY_FUNCTION);
  assert.equal(functionPattern('arn:aws:lambda:*:*:*'), ANY_FUNCTION);
  assert.equal(functionPattern('arn:aws:lambda:eu-west-1:123456789012:function:*'), ANY_FUNCTION);
  assert.equal(functionPattern('arn:aws:lambda:eu-west-1:123456789012:function:orders-*:live'), 'orders-*');
  assert.equal(functionPattern('arn:aws:lambda:${AWS::Region}:1:function:${Env}-Manual'), '*-Manual');
  // A function named only by a value the analysis cannot know is no wildcard.
  assert.equal(functionPattern('arn:aws:lambda:eu-west-1:1:function:\u0000'), undefined);
  assert.equal(functionPattern('arn:aws:s3:::bucket/*'), undefined);
  assert.equal(functionPattern('arn:aws:lambda:eu-west-1:1:layer:x'), undefined);
});

test('two name patterns meet when one string can match both', () => {
  assert.ok(patternsMeet('orders-*', 'orders-dev-process'));
  assert.ok(patternsMeet('*-Manual', 'prod-Manual'));
  assert.ok(patternsMeet('*-Manual', '*-Manual'));
  assert.ok(patternsMeet('sdlf-*-*', 'sdlf-team-*-redrive'));
  assert.ok(patternsMeet('a?c', 'abc'));
  assert.ok(!patternsMeet('orders-*', 'billing-dev-run'));
  assert.ok(!patternsMeet('*-Manual', '*-Report'));
  assert.ok(!patternsMeet('render', 'renderPdf'));
});
