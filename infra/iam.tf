# One role per function, allowed only what that function does: its own log group, the secrets it reads, and the
# S3 actions it needs on the staged prefix. issue-grant reads its signing key and invokes nothing. No statement names
# "*" as a resource.

locals {
  bucket_arn = aws_s3_bucket.staged.arn
  staged_arn = "${aws_s3_bucket.staged.arn}/${var.staged_prefix}/*"
  # Every prefix copies live under: the staged copies', and the archive's when there is one.
  copy_arns     = concat([local.staged_arn], var.archive_enabled ? ["${aws_s3_bucket.staged.arn}/${var.archive_prefix}/*"] : [])
  copy_prefixes = concat(["${var.staged_prefix}/*"], var.archive_enabled ? ["${var.archive_prefix}/*"] : [])

  # What a delete needs: find the staged copies of a session (and its unfinished uploads), and remove them.
  purge_statements = [
    {
      Sid       = "FindCopies"
      Effect    = "Allow"
      Action    = ["s3:ListBucket", "s3:ListBucketMultipartUploads"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = local.copy_prefixes } }
    },
    {
      # PutObject: the deletion marker written before the copies go, so that a staging in flight keeps nothing.
      Sid      = "RemoveCopies"
      Effect   = "Allow"
      Action   = ["s3:DeleteObject", "s3:AbortMultipartUpload", "s3:PutObject"]
      Resource = local.copy_arns
    },
  ]

  stage_statements = concat([
    {
      Sid      = "StageAndPresignCopies"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
      Resource = local.copy_arns
    },
    ], var.archive_kms_key_arn == null ? [] : [{
      # Writing archived copies with the archive's key, and reading them through presigned URLs signed by this role.
      Sid      = "UseArchiveKey"
      Effect   = "Allow"
      Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource = [var.archive_kms_key_arn]
  }])

  # Sending a staging job: receive-webhook, get-media (media too large for a request), stage-session (what is left).
  enqueue_statement = {
    Sid      = "SendStagingJobs"
    Effect   = "Allow"
    Action   = ["sqs:SendMessage"]
    Resource = [aws_sqs_queue.staging.arn]
  }

  s3_statements = {
    "get-session"    = []
    "list-media"     = []
    "get-media"      = concat(local.stage_statements, [local.enqueue_statement])
    "delete-session" = local.purge_statements
    "delete-media"   = local.purge_statements
    "stage-session" = concat(local.stage_statements, [local.enqueue_statement, {
      # What the event source mapping does with the function's role: receive, then delete what succeeded.
      Sid      = "ConsumeStagingJobs"
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
      Resource = [aws_sqs_queue.staging.arn]
    }])
    "receive-webhook" = [local.enqueue_statement]
  }

  # The session operations read the provider credentials and the grant keys; stage-session the provider credentials;
  # receive-webhook the Veriff secret (its webhooks are signed with the shared secret) and the webhook tokens, not the
  # Yoti key; issue-grant its signing key only.
  secret_resources = {
    "operation"    = [local.yoti_secret_arn, local.veriff_secret_arn, local.onfido_secret_arn, local.access_jwks_secret_arn]
    "stager"       = [local.yoti_secret_arn, local.veriff_secret_arn, local.onfido_secret_arn]
    "webhook"      = [local.veriff_secret_arn, local.webhooks_secret_arn]
    "grant-issuer" = [local.grant_signing_secret_arn]
  }

  secret_statements = {
    for f, kind in local.functions : f => [{
      Sid      = "ReadOwnSecrets"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = local.secret_resources[kind]
    }]
  }

  policies = {
    for f in keys(local.functions) : f => {
      Version = "2012-10-17"
      Statement = concat([
        {
          Sid      = "WriteOwnLogs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = ["${aws_cloudwatch_log_group.function[f].arn}:*"]
        },
      ], local.secret_statements[f], lookup(local.s3_statements, f, []))
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.functions
  name     = "${local.function_names[each.key]}-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions
  name     = "${local.function_names[each.key]}-policy"
  role     = aws_iam_role.function[each.key].id
  policy   = jsonencode(local.policies[each.key])
}
