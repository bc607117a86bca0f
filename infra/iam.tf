# One role per function, allowed only what that function does: its own log group, the secrets it reads, and the
# S3 actions it needs on the prefixes it uses. The build proves it: every AWS call the tests record is simulated
# against these policies, and so is a list of calls each function must never be able to make (src/build/iam/). issue-grant reads its signing key and invokes nothing. No statement names
# "*" as a resource.

locals {
  bucket_arn = aws_s3_bucket.staged.arn
  staged_arn = "${aws_s3_bucket.staged.arn}/${var.staged_prefix}/*"
  # Every prefix copies live under: the staged copies', and the archive's when there is one.
  copy_arns     = concat([local.staged_arn], var.archive_enabled ? ["${aws_s3_bucket.staged.arn}/${var.archive_prefix}/*"] : [])
  copy_prefixes = concat(["${var.staged_prefix}/*"], var.archive_enabled ? ["${var.archive_prefix}/*"] : [])
  # Deletion markers (kept as long as the longest-lived copy they guard) and claims (webhook and job de-duplication).
  deletions_arn = "${aws_s3_bucket.staged.arn}/${var.deletions_prefix}/*"
  claims_arn    = "${aws_s3_bucket.staged.arn}/${var.claims_prefix}/*"
  # Legal holds, under the records' prefix, which no lifecycle rule expires.
  holds_arn = "${aws_s3_bucket.staged.arn}/${var.records_prefix}/holds/*"

  # What a delete checks first: the session's legal hold (absent is the usual case, so ListBucket: without it S3
  # answers 403 for an absent key, and a delete would fail closed).
  hold_check_statements = [
    {
      Sid      = "ReadHolds"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = [local.holds_arn]
    },
    {
      Sid       = "AbsentHoldsAre404"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = ["${var.records_prefix}/holds/*"] } }
    },
  ]

  # What a delete needs: record the deletion first (so that a staging in flight keeps nothing), find the session's
  # copies and unfinished uploads, remove them.
  purge_statements = [
    {
      Sid       = "FindCopies"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = local.copy_prefixes } }
    },
    {
      # ListBucketMultipartUploads has no s3:prefix condition key: under one, a statement never matches. The call
      # itself asks for the session's prefix only.
      Sid      = "FindUnfinishedUploads"
      Effect   = "Allow"
      Action   = ["s3:ListBucketMultipartUploads"]
      Resource = [local.bucket_arn]
    },
    {
      Sid      = "RemoveCopies"
      Effect   = "Allow"
      Action   = ["s3:DeleteObject", "s3:AbortMultipartUpload"]
      Resource = local.copy_arns
    },
    {
      Sid      = "RecordDeletions"
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = [local.deletions_arn]
    },
  ]

  # What reading copies and deletion markers needs. Without ListBucket, S3 answers a GET of a key that does not exist
  # (a manifest not written yet, a deletion never recorded: the usual case) with 403 AccessDenied instead of 404.
  read_statements = [
    {
      Sid      = "ReadCopiesAndDeletions"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = concat(local.copy_arns, [local.deletions_arn])
    },
    {
      Sid       = "AbsentKeysAre404"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = concat(local.copy_prefixes, ["${var.deletions_prefix}/*"]) } }
    },
  ]

  # Claims: a webhook or a staging job is handled once across instances (a conditional write), its claim removed when
  # handing it over failed or its job ended.
  claim_statements = [
    {
      Sid      = "ClaimOnce"
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
      Resource = [local.claims_arn]
    },
    {
      Sid       = "AbsentClaimsAre404"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = ["${var.claims_prefix}/*"] } }
    },
  ]

  stage_statements = concat(local.read_statements, [
    {
      Sid      = "StageCopies"
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:AbortMultipartUpload"]
      Resource = local.copy_arns
    },
    ], var.archive_kms_key_arn == null ? [] : [{
      # Writing archived copies with the archive's key, and reading them through presigned URLs signed by this role.
      Sid      = "UseArchiveKey"
      Effect   = "Allow"
      Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource = [var.archive_kms_key_arn]
  }])

  # Sending a job: receive-webhook, get-media (media too large for a request), export-session (the export's job),
  # stage-session (what is left), the deletes (a purge that failed midway is retried by a job).
  enqueue_statement = {
    Sid      = "SendStagingJobs"
    Effect   = "Allow"
    Action   = ["sqs:SendMessage"]
    Resource = [aws_sqs_queue.staging.arn]
  }

  s3_statements = {
    "get-session" = []
    "list-media"  = []
    "get-media"   = concat(local.stage_statements, local.claim_statements, [local.enqueue_statement])
    # export-session reads and stages exports as get-media does copies (exports are never archived, so it has no
    # use for the archive's key), and queues the job that builds one.
    "export-session" = concat([for s in local.stage_statements : s if s.Sid != "UseArchiveKey"], local.claim_statements,
    [local.enqueue_statement])
    "delete-session" = concat(local.hold_check_statements, local.purge_statements, [local.enqueue_statement])
    "delete-media"   = concat(local.hold_check_statements, local.purge_statements, [local.enqueue_statement])
    # hold places, reads and releases legal holds, and touches nothing else in the bucket.
    "hold" = concat(local.hold_check_statements, [{
      Sid      = "PlaceAndReleaseHolds"
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:DeleteObject"]
      Resource = [local.holds_arn]
    }])
    # stage-session also runs the purges a delete could not finish, and removes what a staging raced with a delete.
    "stage-session" = concat(local.stage_statements, [for s in local.purge_statements : s if s.Sid != "RecordDeletions"],
      local.claim_statements, [local.enqueue_statement, {
        # What the event source mapping does with the function's role: receive, then delete what succeeded.
        Sid      = "ConsumeStagingJobs"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
        Resource = [aws_sqs_queue.staging.arn]
    }])
    "receive-webhook" = concat(local.claim_statements, [local.enqueue_statement])
  }

  # The session operations read the provider credentials and the grant keys; stage-session the provider credentials;
  # receive-webhook the secrets of the providers whose webhooks are signed with them (Veriff's shared secret) and the
  # webhook tokens, no other credentials; issue-grant its signing key only.
  secret_resources = {
    "operation"    = concat(values(local.provider_secret_arns), [local.access_jwks_secret_arn])
    "stager"       = values(local.provider_secret_arns)
    "webhook"      = concat(local.provider_webhook_secret_arns, [local.webhooks_secret_arn])
    "grant-issuer" = [local.grant_signing_secret_arn]
    "lifecycle"    = [local.access_jwks_secret_arn]
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
