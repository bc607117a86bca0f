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
  # The sessions seen, and the completion index retention reads them by.
  sessions_arn  = "${aws_s3_bucket.staged.arn}/${var.records_prefix}/sessions/*"
  completed_arn = "${aws_s3_bucket.staged.arn}/${var.records_prefix}/completed/*"
  # Erasure receipts (written once, never removed) and what an unfinished delete had done.
  receipts_arn = "${aws_s3_bucket.staged.arn}/${var.records_prefix}/receipts/*"
  erasures_arn = "${aws_s3_bucket.staged.arn}/${var.records_prefix}/erasures/*"
  # The manifests of copies: a delete reads the size and SHA-256 its receipt lists of each copy it removes.
  manifest_arns = [for p in local.copy_prefixes : "${aws_s3_bucket.staged.arn}/${trimsuffix(p, "*")}*.manifest.json"]

  # Registering a session seen (a completion webhook, an export, a delete): its record, and its completion entry.
  register_statements = [
    {
      Sid      = "RegisterSessions"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = [local.sessions_arn]
    },
    {
      Sid      = "IndexCompletions"
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = [local.completed_arn]
    },
    {
      Sid       = "UnseenSessionsAre404"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = ["${var.records_prefix}/sessions/*"] } }
    },
  ]

  # What a delete adds to its purge: the copies' manifests (for its receipt), its receipt (never replaced: no
  # DeleteObject here or anywhere), what an unfinished delete did, and the Object Lock retention of receipts.
  receipt_statements = concat([
    {
      Sid      = "ReadManifestsForReceipts"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = local.manifest_arns
    },
    {
      Sid      = "KeepReceipts"
      Effect   = "Allow"
      Action   = concat(["s3:GetObject", "s3:PutObject"], var.object_lock ? ["s3:PutObjectRetention"] : [])
      Resource = [local.receipts_arn, local.erasures_arn]
    },
    {
      Sid       = "AbsentReceiptsAre404"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = ["${var.records_prefix}/receipts/*", "${var.records_prefix}/erasures/*"] } }
    },
    ], var.archive_kms_key_arn == null ? [] : [{
      # Archived manifests are encrypted with the archive's key.
      Sid      = "ReadArchivedManifests"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = [var.archive_kms_key_arn]
  }])

  # With Object Lock: the archived copies of a held session carry a legal hold, set on every version of them (hold),
  # and on what is archived while the hold is in force (stage-session, which reads the hold to know).
  legal_hold_statements = [for s in [
    {
      Sid       = "FindArchivedVersions"
      Effect    = "Allow"
      Action    = ["s3:ListBucketVersions"]
      Resource  = [local.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = ["${var.archive_prefix}/*"] } }
    },
    {
      Sid      = "LockArchivedCopies"
      Effect   = "Allow"
      Action   = ["s3:PutObjectLegalHold"]
      Resource = ["${aws_s3_bucket.staged.arn}/${var.archive_prefix}/*"]
    },
  ] : s if var.object_lock && var.archive_enabled]

  delete_statements = concat(local.hold_check_statements, local.purge_statements, local.receipt_statements,
  local.register_statements, [local.enqueue_statement])

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

  # Staging writes each copy with its expiry tag, and once it is complete reads its session's legal hold: a copy staged
  # while the session is held is re-tagged so that it outlives its lifetime too.
  stage_statements = concat(local.read_statements, local.hold_check_statements, [
    {
      Sid      = "StageCopies"
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"]
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
    local.register_statements, [local.enqueue_statement])
    "delete-session" = local.delete_statements
    "delete-media"   = local.delete_statements
    # purge-expired deletes as the deletes do, finding what is due in the completion index, whose entries it removes.
    "purge-expired" = concat(local.delete_statements, [
      {
        Sid       = "ListDueSessions"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [local.bucket_arn]
        Condition = { StringLike = { "s3:prefix" = ["${var.records_prefix}/completed/*"] } }
      },
      {
        Sid      = "ForgetPurgedSessions"
        Effect   = "Allow"
        Action   = ["s3:DeleteObject"]
        Resource = [local.completed_arn]
      },
    ])
    # get-receipts reads a session's receipts, and nothing else in the bucket.
    "get-receipts" = [
      {
        Sid      = "ReadReceipts"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [local.receipts_arn]
      },
      {
        Sid       = "ListReceipts"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [local.bucket_arn]
        Condition = { StringLike = { "s3:prefix" = ["${var.records_prefix}/receipts/*"] } }
      },
    ]
    # hold places, reads and releases legal holds, and keeps the session's copies from expiry while it holds: it
    # lists them and sets their expiry tag (and their Object Lock legal holds), never reading or writing a copy.
    "hold" = concat(local.hold_check_statements, local.legal_hold_statements, [
      {
        Sid      = "PlaceAndReleaseHolds"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:DeleteObject"]
        Resource = [local.holds_arn]
      },
      {
        Sid       = "FindHeldCopies"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [local.bucket_arn]
        Condition = { StringLike = { "s3:prefix" = local.copy_prefixes } }
      },
      {
        Sid      = "KeepHeldCopies"
        Effect   = "Allow"
        Action   = ["s3:PutObjectTagging"]
        Resource = local.copy_arns
      },
    ])
    # stage-session also runs the purges a delete could not finish, and removes what a staging raced with a delete.
    # It registers the sessions whose exports it builds (an export is evidence the service holds).
    "stage-session" = concat(local.stage_statements, [for s in local.purge_statements : s if s.Sid != "RecordDeletions"],
      local.claim_statements, local.register_statements, local.legal_hold_statements, [local.enqueue_statement, {
        # What the event source mapping does with the function's role: receive, then delete what succeeded.
        Sid      = "ConsumeStagingJobs"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
        Resource = [aws_sqs_queue.staging.arn]
    }])
    "receive-webhook" = concat(local.claim_statements, local.register_statements, [local.enqueue_statement])
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
    "purger"       = concat(values(local.provider_secret_arns), [local.receipt_signing_secret_arn])
  }

  # The deletes sign receipts; get-receipts publishes the public half of that key.
  receipt_key_readers = ["delete-session", "delete-media", "get-receipts"]

  secret_statements = {
    for f, kind in local.functions : f => [{
      Sid      = "ReadOwnSecrets"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = concat(local.secret_resources[kind], contains(local.receipt_key_readers, f) ? [local.receipt_signing_secret_arn] : [])
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
