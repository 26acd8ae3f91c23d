#!/bin/sh
# Ships the worker's code into the function the infrastructure pipeline created.
set -eu
zip -qr dist/worker.zip src
aws lambda update-function-code \
  --function-name invoice-worker \
  --zip-file fileb://dist/worker.zip
