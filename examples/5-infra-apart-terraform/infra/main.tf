# Infrastructure pipeline (pattern 2, as the article describes it with Terraform): the queue,
# the table and a placeholder for the worker. Another pipeline ships the worker's code later.

terraform {
  backend "s3" {
    bucket = "shop-terraform-state"
    key    = "refunds/infra.tfstate"
  }
}

variable "stage" {
  default = "dev"
}

resource "aws_sqs_queue" "refunds" {
  name = "refunds-${var.stage}"
}

resource "aws_dynamodb_table" "refunds" {
  name         = "refund-requests-${var.stage}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_iam_role" "worker" {
  name = "refund-worker-${var.stage}"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# The placeholder: Terraform creates it, and ignores the code the application pipeline ships.
resource "aws_lambda_function" "worker" {
  function_name = "refund-worker"
  role          = aws_iam_role.worker.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "placeholder.zip"
  lifecycle {
    ignore_changes = [filename, source_code_hash]
  }
}

resource "aws_lambda_event_source_mapping" "refunds" {
  event_source_arn = aws_sqs_queue.refunds.arn
  function_name    = aws_lambda_function.worker.arn
}

# What the application may read: the queue's URL, through SSM.
resource "aws_ssm_parameter" "refunds_queue_url" {
  name  = "/shop/${var.stage}/refunds-queue-url"
  type  = "String"
  value = aws_sqs_queue.refunds.url
}

resource "aws_ssm_parameter" "refunds_table" {
  name  = "/shop/${var.stage}/refunds-table-name"
  type  = "String"
  value = aws_dynamodb_table.refunds.name
}
