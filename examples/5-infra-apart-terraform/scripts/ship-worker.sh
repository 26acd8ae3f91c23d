#!/bin/sh
# The application pipeline: ships the worker's code into the function Terraform created.
set -eu
zip -qr dist/refund-worker.zip src
aws lambda update-function-code \
  --function-name refund-worker \
  --zip-file fileb://dist/refund-worker.zip
