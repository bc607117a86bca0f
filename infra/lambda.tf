# One function per operation, all from the same function.zip; QUARKUS_LAMBDA_HANDLER picks the handler.

locals {
  runtime_environment = {
    # Metrics as CloudWatch embedded-metric-format lines in the function's log (see monitoring.tf).
    IDV_METRICS_NAMESPACE = var.metrics_namespace
  }

  # The functions behind the API stop at C1: a caller waits for their start more than for peak speed. stage-session
  # runs jobs of minutes over gigabytes, hashing every byte it stages (SHA-256, and Veriff's HMAC-SHA256 as it
  # reads), which only C2's intrinsics make fast: 8 to 9 times the C1 speed (the benchmark's digest part).
  # A function loads about 5,000 classes, past the JVM's first high-water mark for class metadata (about 21 MB), where
  # the JVM stops for a full collection that frees none of it (30 to 40 ms, in the middle of get-media's first event):
  # -XX:MetaspaceSize puts that mark above what a function loads (docs/performance.md, cold start).
  jvm_options = {
    api    = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=64m"
    stager = "-XX:+TieredCompilation -XX:MetaspaceSize=64m"
  }

  store_environment = merge({
    IDV_MEDIA_STORE               = "s3"
    IDV_MEDIA_S3_BUCKET           = aws_s3_bucket.staged.bucket
    IDV_MEDIA_S3_PREFIX           = var.staged_prefix
    IDV_MEDIA_S3_DELETIONS_PREFIX = var.deletions_prefix
    IDV_MEDIA_S3_CLAIMS_PREFIX    = var.claims_prefix
    IDV_MEDIA_S3_RECORDS_PREFIX   = var.records_prefix
    IDV_MEDIA_S3_EXPIRY_TAGS      = "true"
    IDV_MEDIA_URL_TTL             = "${var.url_ttl_seconds}s"
    IDV_MEDIA_URL_TTL_MAX         = "${var.url_ttl_max_seconds}s"
    IDV_MEDIA_INLINE_MAX_BYTES    = tostring(var.inline_max_bytes)
    IDV_ARCHIVE_ENABLED           = tostring(var.archive_enabled)
    IDV_ARCHIVE_PREFIX            = var.archive_prefix
    IDV_ARCHIVE_RETENTION         = "${var.archive_retention_days}d"
    IDV_ARCHIVE_OBJECT_LOCK       = tostring(var.object_lock)
    }, var.archive_kms_key_arn == null ? {} : {
    IDV_ARCHIVE_KMS_KEY_ID = var.archive_kms_key_arn
  })

  jobs_environment = {
    IDV_JOBS_QUEUE_URL             = aws_sqs_queue.staging.url
    IDV_JOBS_STAGED_MAX_AGE        = "${var.staged_by_job_max_age_seconds}s"
    IDV_MEDIA_SYNC_STAGE_MAX_BYTES = tostring(var.sync_stage_max_bytes)
    # export-session serves, and stage-session builds, staged exports for this long.
    IDV_EXPORTS_MAX_AGE = "${var.export_max_age_hours}h"
  }

  # receive-webhook reads only what authenticates webhooks (see providers.tf).
  webhook_environment = merge(local.provider_webhook_environment, {
    IDV_JOBS_QUEUE_URL         = aws_sqs_queue.staging.url
    IDV_WEBHOOKS_DEDUPE_WINDOW = "${var.webhook_dedupe_window_hours}h"
    # The claims that de-duplicate webhooks, and the records of the sessions seen, live in the bucket; receive-webhook
    # touches nothing else there.
    IDV_MEDIA_STORE             = "s3"
    IDV_MEDIA_S3_BUCKET         = aws_s3_bucket.staged.bucket
    IDV_MEDIA_S3_CLAIMS_PREFIX  = var.claims_prefix
    IDV_MEDIA_S3_RECORDS_PREFIX = var.records_prefix
  })

  # What signs erasure receipts (the deletes, purge-expired) and publishes their keys (get-receipts).
  receipts_environment = merge({
    IDV_RECEIPTS_SIGNING_KEY = "aws-secretsmanager:${local.receipt_signing_secret_arn}"
    }, var.object_lock ? {
    IDV_RECEIPTS_LOCK_RETENTION = "${var.receipt_lock_days}d"
    IDV_RECEIPTS_LOCK_MODE      = var.receipt_lock_mode
    } : {}, var.receipt_retired_public_keys == null ? {} : {
    IDV_RECEIPTS_RETIRED_KEYS = var.receipt_retired_public_keys
  })

  # purge-expired: each provider's retention, and how much a run may do.
  retention_environment = merge({
    IDV_RETENTION_MAX_PER_RUN = tostring(var.retention_max_per_run)
    IDV_RETENTION_DRY_RUN     = tostring(var.retention_dry_run)
  }, { for p, d in var.retention_days : local.retention_variables[p] => "P${d}D" })

  # The setting of each provider's retention (idv.retention.{provider}).
  retention_variables = {
    yoti   = "IDV_RETENTION_YOTI"
    veriff = "IDV_RETENTION_VERIFF"
    onfido = "IDV_RETENTION_ONFIDO"
    sumsub = "IDV_RETENTION_SUMSUB"
  }

  grant_issuer_environment = merge({
    IDV_ACCESS_AUDIENCE    = var.access_audience
    IDV_ACCESS_MAX_TTL     = "${var.grant_max_ttl_seconds}s"
    IDV_ACCESS_SIGNING_KEY = "aws-secretsmanager:${local.grant_signing_secret_arn}"
    }, var.access_issuer == null ? {} : {
    IDV_ACCESS_ISSUER = var.access_issuer
  })

  environments = {
    for f, kind in local.functions : f => merge({
      QUARKUS_LAMBDA_HANDLER = f
      JAVA_TOOL_OPTIONS      = kind == "stager" ? local.jvm_options.stager : local.jvm_options.api
      }, local.runtime_environment,
      kind == "grant-issuer" ? local.grant_issuer_environment : {},
      kind == "webhook" ? local.webhook_environment : {},
      kind == "lifecycle" ? merge(local.store_environment, local.access_environment,
      f == "get-receipts" ? local.receipts_environment : {}) : {},
      kind == "purger" ? merge(local.store_environment, local.provider_environment, local.jobs_environment,
      local.receipts_environment, local.retention_environment) : {},
      kind == "stager" ? merge(local.store_environment, local.provider_environment, local.jobs_environment) : {},
      kind == "operation" ? merge(local.store_environment, local.provider_environment, local.access_environment,
        contains(["get-media", "export-session", "delete-session", "delete-media"], f) ? local.jobs_environment : {},
    contains(["delete-session", "delete-media"], f) ? local.receipts_environment : {}) : {})
  }
}

resource "aws_cloudwatch_log_group" "function" {
  for_each          = local.functions
  name              = "/aws/lambda/${local.function_names[each.key]}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  for_each      = local.functions
  function_name = local.function_names[each.key]
  role          = aws_iam_role.function[each.key].arn
  # function.zip on the managed Java runtime, or the container image with its own JDK and class-data archive,
  # whose entry point names the handler (docs/lambda.md).
  package_type     = var.function_image_uri == null ? "Zip" : "Image"
  image_uri        = var.function_image_uri
  runtime          = var.function_image_uri == null ? "java21" : null
  handler          = var.function_image_uri == null ? "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest" : null
  filename         = var.function_image_uri == null ? var.function_zip : null
  source_code_hash = var.function_image_uri == null ? filebase64sha256(var.function_zip) : null
  architectures    = ["x86_64"]
  memory_size      = each.value == "stager" ? var.stage_memory_size : var.memory_size
  timeout          = each.value == "stager" ? var.stage_timeout_seconds : var.api_timeout_seconds
  publish          = true
  tags             = var.tags

  reserved_concurrent_executions = lookup(var.reserved_concurrency, each.key, -1)

  dynamic "snap_start" {
    for_each = var.snapstart ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = local.environments[each.key]
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]
}

# API Gateway and callers invoke the alias, which always points at the latest published (SnapStart) version.
resource "aws_lambda_alias" "live" {
  for_each         = local.functions
  name             = "live"
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}
