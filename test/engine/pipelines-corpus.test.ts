// Every GitHub workflow, GitLab CI file and buildspec of the shared corpus read into the pipeline
// model without a throw, locations inside their files (skipped when the corpus is not there).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusDir } from '../corpus/dir';
import { readCorpusPipelines } from '../corpus/pipelines';

const dir = corpusDir();

test('every pipeline file of the corpus is read without a throw', { skip: !dir && 'no corpus' }, () => {
  const c = readCorpusPipelines(dir!);
  console.log(`# pipelines: ${c.files} files, ${c.pipelines} pipelines ${JSON.stringify(c.byKind)}, ${c.jobs} jobs, ${c.steps} steps, deploys ${JSON.stringify(c.deploys)}, unmatched ${JSON.stringify(c.unmatched)}, ${c.skipped} skipped`);
  assert.deepEqual(c.problems, []);
  assert.ok(c.files > 300);
});
