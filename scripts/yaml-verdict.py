#!/usr/bin/env python3
"""Test-time reference verdicts for the corpus check (test/corpus/yaml-check.ts).

Reads one absolute path a line on stdin and prints one JSON object a line:
{"path": ..., "ok": true|false, "error": "..."}. The verdict is what the deploying tools say:
- a .json file: Python's json module;
- any other file: valid JSON (what CloudFormation and the SAM CLI try first), else PyYAML's
  SafeLoader with a multi-constructor for '!' tags, so CloudFormation short forms (!Ref,
  !Sub, !GetAtt...) load as the SAM CLI loads them.
Never run by the engine; only by the corpus test, when `import yaml` works.
"""
import json
import sys

import yaml


class CfnLoader(yaml.SafeLoader):
    pass


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


CfnLoader.add_multi_constructor('!', _any_tag)


def verdict(path):
    with open(path, 'rb') as f:
        raw = f.read()
    text = raw.decode('utf-8-sig', errors='replace')
    if path.lower().endswith('.json'):
        json.loads(text)
        return
    try:
        json.loads(text)
        return
    except ValueError:
        pass
    yaml.load(text, Loader=CfnLoader)


def main():
    for line in sys.stdin:
        path = line.rstrip('\n')
        if not path:
            continue
        try:
            verdict(path)
            out = {'path': path, 'ok': True}
        except Exception as e:  # noqa: BLE001 - any failure is the tool's rejection
            out = {'path': path, 'ok': False, 'error': ' '.join(str(e).split())[:300]}
        sys.stdout.write(json.dumps(out) + '\n')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
