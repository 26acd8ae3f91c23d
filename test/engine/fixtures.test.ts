// Every fixture in test/fixtures: the findings match the annotations, and every fix offered
// removes its finding without losing anything.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { check, checkAllFixes, useHcl } from '../harness';

before(useHcl);

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.fixture')).sort()) {
  const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  test(`fixture ${name}: findings`, () => {
    check(text);
  });
  test(`fixture ${name}: every fix removes its finding and loses nothing`, () => {
    const { fixture } = check(text);
    checkAllFixes(fixture.files);
  });
}
