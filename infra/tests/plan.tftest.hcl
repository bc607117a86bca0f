# Plan-mode checks with a mocked AWS provider: no credentials and no network needed.

mock_provider "aws" {
  # Mocked values (tests/mocks) are known while planning, so that policies and ARNs can be checked in plan mode.
  override_during = plan
  source          = "./tests/mocks"
}

variables {
  function_zip        = "tests/function.zip"
  url_ttl_max_seconds = 600
}

run "one_function_and_route_per_operation" {
  command = plan

  assert {
    condition     = toset(keys(aws_lambda_function.this)) == toset(jsondecode(file("handlers.json")))
    error_message = "Every Java handler (handlers.json) needs exactly one function."
  }

  assert {
    condition     = alltrue([for op, f in aws_lambda_function.this : f.environment[0].variables.QUARKUS_LAMBDA_HANDLER == op])
    error_message = "Each function must select the handler of its own operation."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.package_type == "Zip" && f.runtime == "java21" && f.publish && f.snap_start[0].apply_on == "PublishedVersions"])
    error_message = "Functions run function.zip on java21 by default, with SnapStart on published versions."
  }

  assert {
    condition = toset([for r in aws_apigatewayv2_route.this : r.route_key]) == toset([
      "GET /v1/{provider}/sessions/{sessionId}",
      "GET /v1/{provider}/sessions/{sessionId}/media",
      "GET /v1/{provider}/sessions/{sessionId}/media/{mediaId}",
      "DELETE /v1/{provider}/sessions/{sessionId}",
      "DELETE /v1/{provider}/sessions/{sessionId}/media/{mediaId}",
      "GET /v1/{provider}/sessions/{sessionId}/export",
      "PUT /v1/{provider}/sessions/{sessionId}/hold",
      "GET /v1/{provider}/sessions/{sessionId}/hold",
      "DELETE /v1/{provider}/sessions/{sessionId}/hold",
      "GET /v1/{provider}/sessions/{sessionId}/receipts",
      "GET /v1/receipts/jwks.json",
      "POST /v1/{provider}/webhooks",
    ])
    error_message = "The HTTP API needs one route per operation, and the providers' webhook route."
  }

  assert {
    condition     = alltrue([for i in aws_apigatewayv2_integration.this : i.payload_format_version == "2.0" && i.integration_type == "AWS_PROXY"])
    error_message = "Integrations use the Lambda proxy with payload 2.0."
  }
}

run "least_privilege_and_private_storage" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for p in aws_iam_role_policy.function : [
        for s in jsondecode(p.policy).Statement : [for r in flatten([s.Resource]) : r != "*" && !endswith(r, ":*:*")]
      ]
    ]))
    error_message = "No IAM statement may name \"*\" as its resource."
  }

  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.function["get-session"].policy).Statement : s if length([for a in s.Action : a if startswith(a, "s3:")]) > 0]) == 0
    error_message = "get-session needs no S3 access."
  }

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.staged.block_public_acls,
      aws_s3_bucket_public_access_block.staged.block_public_policy,
      aws_s3_bucket_public_access_block.staged.ignore_public_acls,
      aws_s3_bucket_public_access_block.staged.restrict_public_buckets,
    ])
    error_message = "The staging bucket must not be public."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.abort_incomplete_multipart_upload[0].days_after_initiation if r.id == "abort-incomplete-uploads"]) == 1
    error_message = "Incomplete multipart uploads must be aborted by the bucket."
  }
}

run "settings_reach_the_functions" {
  command = plan

  assert {
    condition     = alltrue([for k, f in aws_lambda_function.this : f.environment[0].variables.IDV_MEDIA_URL_TTL_MAX == "600s" && f.environment[0].variables.IDV_MEDIA_URL_TTL == "60s" if !contains(["issue-grant", "receive-webhook", "hold", "get-receipts"], k)])
    error_message = "The URL TTL and its cap must be passed to every function."
  }

  assert {
    condition     = alltrue([for k, f in aws_lambda_function.this : startswith(f.environment[0].variables.IDV_YOTI_PRIVATE_KEY, "aws-secretsmanager:") if !contains(["issue-grant", "receive-webhook", "hold", "get-receipts"], k)])
    error_message = "Credentials are passed as secret references, never as values."
  }

  assert {
    condition     = length(aws_apigatewayv2_authorizer.jwt) == 0 && alltrue([for r in aws_apigatewayv2_route.this : r.authorization_type == "NONE"])
    error_message = "Without an issuer there is no authorizer."
  }
}

run "jwt_authorizer_and_cors_when_asked" {
  command = plan

  variables {
    jwt_issuer           = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
    jwt_audience         = ["frontend"]
    cors_allowed_origins = ["https://app.example.com"]
  }

  assert {
    condition     = alltrue([for k, r in aws_apigatewayv2_route.this : r.authorization_type == (contains(["receive-webhook", "receipts-jwks"], k) ? "NONE" : "JWT")])
    error_message = "Every session route must use the JWT authorizer when an issuer is set; the webhook route never (providers send no JWT), nor the receipts' public keys."
  }

  assert {
    condition     = aws_apigatewayv2_api.this.cors_configuration[0].allow_origins == toset(["https://app.example.com"])
    error_message = "CORS must allow the configured origins."
  }
}

run "grants_are_required_by_default" {
  command = plan

  variables {
    access_issuer = "https://backend.example.com"
  }

  assert {
    condition = alltrue([for k, f in aws_lambda_function.this : (
      f.environment[0].variables.IDV_ACCESS_MODE == "grant"
      && startswith(f.environment[0].variables.IDV_ACCESS_JWKS, "aws-secretsmanager:")
      && f.environment[0].variables.IDV_ACCESS_ISSUER == "https://backend.example.com"
      && f.environment[0].variables.IDV_ACCESS_AUDIENCE == "idv-media-functions"
    ) if !contains(["issue-grant", "receive-webhook", "stage-session", "purge-expired"], k)])
    error_message = "Every session operation checks grants (mode grant, the JWK Set secret, the issuer) unless told otherwise."
  }

  assert {
    condition     = length(aws_secretsmanager_secret.access_jwks) == 1 && length(aws_secretsmanager_secret.grant_signing_key) == 1
    error_message = "The JWK Set and the signing key secrets are created (empty) when none is given."
  }

  assert {
    condition     = !contains(keys(aws_apigatewayv2_route.this), "issue-grant") && contains(keys(aws_lambda_function.this), "issue-grant")
    error_message = "issue-grant is a function without a route."
  }

  assert {
    condition = (
      startswith(aws_lambda_function.this["issue-grant"].environment[0].variables.IDV_ACCESS_SIGNING_KEY, "aws-secretsmanager:")
      && !contains(keys(aws_lambda_function.this["issue-grant"].environment[0].variables), "IDV_YOTI_PRIVATE_KEY")
      && !contains(keys(aws_lambda_function.this["issue-grant"].environment[0].variables), "IDV_VERIFF_SHARED_SECRET")
    )
    error_message = "issue-grant gets its signing key and no provider credentials."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.function["issue-grant"].policy).Statement :
      alltrue([for a in flatten([s.Action]) : startswith(a, "logs:") || a == "secretsmanager:GetSecretValue"])
    ])
    error_message = "issue-grant may write its logs and read its key, and invoke nothing."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.function["issue-grant"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"]) == [aws_secretsmanager_secret.grant_signing_key[0].arn]
    error_message = "issue-grant reads only its signing key."
  }

  assert {
    condition     = aws_apigatewayv2_stage.default.default_route_settings[0].throttling_burst_limit == 100 && aws_apigatewayv2_stage.default.default_route_settings[0].throttling_rate_limit == 50
    error_message = "The stage throttles every route by default."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.reserved_concurrent_executions == -1])
    error_message = "No concurrency is reserved unless asked for."
  }
}

run "open_mode_only_when_named_and_limits_when_asked" {
  command = plan

  variables {
    access_mode            = "open"
    access_jwks_url        = "https://issuer.example.com/.well-known/jwks.json"
    reserved_concurrency   = { "get-media" = 20 }
    throttling_burst_limit = 10
    throttling_rate_limit  = 5
  }

  assert {
    condition     = alltrue([for k, f in aws_lambda_function.this : f.environment[0].variables.IDV_ACCESS_MODE == "open" && f.environment[0].variables.IDV_ACCESS_JWKS_URL == "https://issuer.example.com/.well-known/jwks.json" if !contains(["issue-grant", "receive-webhook", "stage-session", "purge-expired"], k)])
    error_message = "access_mode = \"open\" and the JWKS URL reach the functions."
  }

  assert {
    condition     = aws_lambda_function.this["get-media"].reserved_concurrent_executions == 20 && aws_lambda_function.this["get-session"].reserved_concurrent_executions == -1
    error_message = "Reserved concurrency applies to the functions named."
  }

  assert {
    condition     = aws_apigatewayv2_stage.default.default_route_settings[0].throttling_rate_limit == 5
    error_message = "The throttling variables reach the stage."
  }
}

run "no_other_word_turns_grants_off" {
  command = plan

  variables {
    access_mode = "none"
  }

  expect_failures = [var.access_mode]
}

run "a_jwt_authorizer_needs_an_audience" {
  command = plan

  variables {
    jwt_issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
    jwt_audience = []
  }

  expect_failures = [var.jwt_audience]
}

run "the_jwks_url_is_https" {
  command = plan

  variables {
    access_jwks_url = "http://issuer.example.com/jwks.json"
  }

  expect_failures = [var.access_jwks_url]
}

run "webhooks_queue_staging_jobs_for_stage_session" {
  command = plan

  variables {
    yoti_secret_arn     = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:yoti-AbCdEf"
    veriff_secret_arn   = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:veriff-AbCdEf"
    webhooks_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:webhooks-AbCdEf"
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.staging.redrive_policy).maxReceiveCount == 5 && jsondecode(aws_sqs_queue.staging.redrive_policy).deadLetterTargetArn == aws_sqs_queue.staging_dlq.arn
    error_message = "A staging job received 5 times goes to the dead-letter queue."
  }

  assert {
    condition     = aws_sqs_queue.staging.visibility_timeout_seconds > aws_lambda_function.this["stage-session"].timeout && aws_lambda_function.this["stage-session"].timeout == 900
    error_message = "The queue's visibility timeout is above stage-session's timeout (15 minutes by default)."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.staging.function_response_types == toset(["ReportBatchItemFailures"]) && aws_lambda_event_source_mapping.staging.event_source_arn == aws_sqs_queue.staging.arn
    error_message = "stage-session consumes the staging queue and reports batch item failures."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.staging_dead_letters.dimensions.QueueName == aws_sqs_queue.staging_dlq.name && aws_cloudwatch_metric_alarm.staging_dead_letters.threshold == 0
    error_message = "An alarm fires as soon as a job waits in the dead-letter queue."
  }

  assert {
    condition     = aws_apigatewayv2_route.this["receive-webhook"].route_key == "POST /v1/{provider}/webhooks" && aws_apigatewayv2_route.this["receive-webhook"].authorization_type == "NONE"
    error_message = "The webhook route is open to the providers (their signature or token is checked by the function)."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.function["receive-webhook"].policy).Statement :
      alltrue([for a in flatten([s.Action]) : startswith(a, "logs:") || a == "secretsmanager:GetSecretValue" || (a == "sqs:SendMessage" && flatten([s.Resource]) == [aws_sqs_queue.staging.arn]) || (startswith(a, "s3:") && alltrue([for r in flatten([s.Resource]) : contains(["${aws_s3_bucket.staged.arn}/claims/*", "${aws_s3_bucket.staged.arn}/records/sessions/*", "${aws_s3_bucket.staged.arn}/records/completed/*"], r) || (r == aws_s3_bucket.staged.arn && a == "s3:ListBucket" && contains([["claims/*"], ["records/sessions/*"]], try(s.Condition.StringLike["s3:prefix"], [])))]))])
    ])
    error_message = "receive-webhook may only write its logs, read its secrets, claim webhooks under the claims prefix, register the sessions it hears of and send to the staging queue."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.function["receive-webhook"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"]) == [var.veriff_secret_arn, var.webhooks_secret_arn]
    error_message = "receive-webhook reads the Veriff secret and the webhook tokens, never the Yoti private key."
  }

  assert {
    condition = (
      !contains(keys(aws_lambda_function.this["receive-webhook"].environment[0].variables), "IDV_YOTI_PRIVATE_KEY")
      && startswith(aws_lambda_function.this["receive-webhook"].environment[0].variables.IDV_YOTI_NOTIFICATION_TOKEN, "aws-secretsmanager:")
      && aws_lambda_function.this["receive-webhook"].environment[0].variables.IDV_JOBS_QUEUE_URL == aws_sqs_queue.staging.url
    )
    error_message = "receive-webhook gets the notification token as a secret reference and the queue, no provider key."
  }

  assert {
    condition = length([
      for s in jsondecode(aws_iam_role_policy.function["stage-session"].policy).Statement : s
      if contains(flatten([s.Action]), "sqs:ReceiveMessage") && contains(flatten([s.Action]), "sqs:DeleteMessage") && flatten([s.Resource]) == [aws_sqs_queue.staging.arn]
    ]) == 1
    error_message = "stage-session may receive and delete messages of the staging queue only."
  }

  assert {
    condition = length([
      for s in jsondecode(aws_iam_role_policy.function["get-session"].policy).Statement : s
      if length([for a in flatten([s.Action]) : a if startswith(a, "sqs:")]) > 0
    ]) == 0 && aws_lambda_function.this["get-media"].environment[0].variables.IDV_JOBS_QUEUE_URL == aws_sqs_queue.staging.url
    error_message = "get-media can queue staging jobs; get-session has nothing to do with the queue."
  }

  assert {
    condition = aws_apigatewayv2_route.this["export-session"].route_key == "GET /v1/{provider}/sessions/{sessionId}/export" && alltrue([
      for f in ["export-session", "stage-session"] : aws_lambda_function.this[f].environment[0].variables.IDV_EXPORTS_MAX_AGE == "24h"
    ]) && aws_lambda_function.this["export-session"].environment[0].variables.IDV_JOBS_QUEUE_URL == aws_sqs_queue.staging.url
    error_message = "export-session has its route, queues the export's job, and it and stage-session know how long an export is served."
  }

  assert {
    condition = length([
      for s in jsondecode(aws_iam_role_policy.function["export-session"].policy).Statement : s
      if contains(flatten([s.Action]), "s3:DeleteObject") && !contains(flatten([s.Resource]), "${aws_s3_bucket.staged.arn}/${var.claims_prefix}/*")
    ]) == 0
    error_message = "export-session removes no copy (only its own job's claim)."
  }

  assert {
    condition = alltrue([for k in ["hold", "hold GET", "hold DELETE"] : aws_apigatewayv2_integration.this[k].integration_uri == aws_lambda_alias.live["hold"].invoke_arn]) && toset([
      for s in jsondecode(aws_iam_role_policy.function["hold"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"
    ][0]) == toset([output.access_jwks_secret_arn])
    error_message = "The three hold routes reach the hold function, which reads the grant keys and no provider's credentials."
  }

  assert {
    condition = alltrue([for f in ["delete-session", "delete-media"] : length([
      for s in jsondecode(aws_iam_role_policy.function[f].policy).Statement : s
      if s.Sid == "ReadHolds" && flatten([s.Resource]) == ["${aws_s3_bucket.staged.arn}/${var.records_prefix}/holds/*"]
      ]) == 1]) && length([
      for s in jsondecode(aws_iam_role_policy.function["hold"].policy).Statement : s
      if contains(flatten([s.Action]), "s3:PutObject") && flatten([s.Resource]) != ["${aws_s3_bucket.staged.arn}/${var.records_prefix}/holds/*"]
    ]) == 0
    error_message = "Both deletes read the session's hold first; hold writes nothing but holds."
  }

  assert {
    condition = alltrue([for k in ["get-receipts", "receipts-jwks"] : aws_apigatewayv2_integration.this[k].integration_uri == aws_lambda_alias.live["get-receipts"].invoke_arn]) && aws_apigatewayv2_route.this["receipts-jwks"].authorization_type == "NONE" && toset([
      for s in jsondecode(aws_iam_role_policy.function["get-receipts"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"
    ][0]) == toset([output.access_jwks_secret_arn, aws_secretsmanager_secret.receipt_signing_key[0].arn])
    error_message = "get-receipts serves a session's receipts and their public keys, reading the grant keys and the receipt key only."
  }

  assert {
    condition = length(flatten([for f, p in aws_iam_role_policy.function : [
      for s in jsondecode(p.policy).Statement : s
      if length(setintersection(toset(flatten([s.Action])), toset(["s3:DeleteObject", "s3:PutObject"]))) > 0 && (contains(flatten([s.Resource]), "${aws_s3_bucket.staged.arn}/${var.records_prefix}/receipts/*") || contains(flatten([s.Resource]), "${aws_s3_bucket.staged.arn}/${var.records_prefix}/*"))
      && (contains(flatten([s.Action]), "s3:DeleteObject") || !contains(["delete-session", "delete-media", "purge-expired"], f))
    ]])) == 0
    error_message = "Only the deletes and purge-expired write receipts, and no function may remove one."
  }

  assert {
    condition = aws_lambda_function.this["stage-session"].environment[0].variables.JAVA_TOOL_OPTIONS == "-XX:+TieredCompilation -XX:MetaspaceSize=64m" && alltrue([
      for k, f in aws_lambda_function.this : f.environment[0].variables.JAVA_TOOL_OPTIONS == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=64m" if k != "stage-session"
    ])
    error_message = "stage-session compiles fully (it hashes gigabytes); the API's functions stop at C1 for their start; all start with the class-metadata mark above what they load."
  }
}

run "webhook_tokens_rotate_through_lists" {
  command = plan

  variables {
    yoti_notification_token_fields = ["yotiNotificationToken", "yotiNotificationTokenNext"]
    veriff_webhook_secret_fields   = ["sharedSecret", "previousSharedSecret"]
  }

  assert {
    condition     = length(split(",", aws_lambda_function.this["receive-webhook"].environment[0].variables.IDV_YOTI_NOTIFICATION_TOKEN)) == 2 && endswith(aws_lambda_function.this["receive-webhook"].environment[0].variables.IDV_VERIFF_WEBHOOK_SECRETS, "#previousSharedSecret")
    error_message = "Every token field named reaches receive-webhook, as a list of secret references."
  }
}

run "stage_session_runs_a_bounded_number_of_downloads_at_once" {
  command = plan

  variables {
    stage_max_concurrency = 3
  }

  assert {
    condition     = aws_lambda_event_source_mapping.staging.scaling_config[0].maximum_concurrency == 3
    error_message = "The staging queue runs at most stage_max_concurrency stage-session instances at once."
  }
}

run "stage_session_concurrency_has_a_floor_sqs_accepts" {
  command = plan

  variables {
    stage_max_concurrency = 1
  }

  expect_failures = [var.stage_max_concurrency]
}

run "deletion_markers_outlive_every_copy" {
  command = plan

  variables {
    archive_enabled        = true
    archive_retention_days = 400
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.expiration[0].days if r.id == "expire-deletion-markers"]) > 400 && one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.filter[0].prefix if r.id == "expire-deletion-markers"]) == "deletions/"
    error_message = "Deletion markers live under their own prefix, longer than archived copies."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.expiration[0].days if r.id == "expire-deletion-markers"]) > one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.expiration[0].days if r.id == "expire-staged-copies"])
    error_message = "Deletion markers outlive the staged copies."
  }

  assert {
    condition     = alltrue([for f in ["get-media", "stage-session", "delete-session", "delete-media"] : aws_lambda_function.this[f].environment[0].variables.IDV_MEDIA_S3_DELETIONS_PREFIX == "deletions"])
    error_message = "The functions that read or write deletion markers know their prefix."
  }
}

run "claims_outlive_the_webhook_window" {
  command = plan

  variables {
    webhook_dedupe_window_hours = 72
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.expiration[0].days if r.id == "expire-claims"]) == 4
    error_message = "Claims are kept past the de-duplication window."
  }

  assert {
    condition     = aws_lambda_function.this["receive-webhook"].environment[0].variables.IDV_WEBHOOKS_DEDUPE_WINDOW == "72h" && aws_lambda_function.this["receive-webhook"].environment[0].variables.IDV_MEDIA_S3_CLAIMS_PREFIX == "claims"
    error_message = "receive-webhook gets the window and where claims live."
  }
}

run "copies_staged_by_jobs_expire_before_the_bucket_removes_them" {
  command = plan

  variables {
    staged_by_job_max_age_seconds = 172800
  }

  expect_failures = [var.staged_by_job_max_age_seconds]
}

run "no_archive_unless_asked" {
  command = plan

  assert {
    condition     = length([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r if r.id == "expire-archived-copies"]) == 0 && aws_lambda_function.this["stage-session"].environment[0].variables.IDV_ARCHIVE_ENABLED == "false"
    error_message = "Without archive_enabled there is no archive."
  }
}

run "archive_kept_for_its_retention_with_its_own_key" {
  command = plan

  variables {
    archive_enabled        = true
    archive_retention_days = 365
    archive_kms_key_arn    = "arn:aws:kms:eu-west-1:123456789012:key/archive"
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.expiration[0].days if r.id == "expire-archived-copies"]) == 365 && one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.filter[0].and[0].prefix if r.id == "expire-archived-copies"]) == "archive/"
    error_message = "The bucket expires archived copies after their retention, under their own prefix."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.filter[0].and[0].prefix if r.id == "expire-staged-copies"]) == "staged/"
    error_message = "The staged copies' expiry never reaches the archive."
  }

  assert {
    condition     = alltrue([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.filter[0].and[0].tags == tomap({ "idv-expire" = "yes" }) if contains(["expire-staged-copies", "expire-archived-copies"], r.id)]) && alltrue([for f in ["get-media", "export-session", "stage-session", "hold"] : aws_lambda_function.this[f].environment[0].variables.IDV_MEDIA_S3_EXPIRY_TAGS == "true"])
    error_message = "Copies expire only while their expiry tag says so (a legal hold turns it off), and the functions that write or hold copies tag them."
  }

  assert {
    condition = alltrue([for f in ["get-media", "stage-session", "delete-session", "delete-media"] : (
      aws_lambda_function.this[f].environment[0].variables.IDV_ARCHIVE_ENABLED == "true"
      && aws_lambda_function.this[f].environment[0].variables.IDV_ARCHIVE_RETENTION == "365d"
      && aws_lambda_function.this[f].environment[0].variables.IDV_ARCHIVE_KMS_KEY_ID == "arn:aws:kms:eu-west-1:123456789012:key/archive"
    )])
    error_message = "The functions that stage, serve or delete copies know the archive."
  }

  assert {
    condition = alltrue([for f in ["delete-session", "delete-media"] : contains(flatten([
      for s in jsondecode(aws_iam_role_policy.function[f].policy).Statement : s.Resource if s.Sid == "RemoveCopies"
    ]), "arn:aws:s3:::idv-media-staged-test/archive/*")])
    error_message = "Deletes remove archived copies too."
  }

  assert {
    condition = alltrue([for f in ["get-media", "stage-session"] : length([
      for s in jsondecode(aws_iam_role_policy.function[f].policy).Statement : s
      if s.Sid == "UseArchiveKey" && flatten([s.Resource]) == ["arn:aws:kms:eu-west-1:123456789012:key/archive"]
    ]) == 1])
    error_message = "Staging and serving archived copies may use the archive's key, and only it."
  }
}

run "onfido_is_configured_by_region_with_its_token_as_a_secret" {
  command = plan

  variables {
    onfido_base_url   = "https://api.us.onfido.com/v3.6"
    onfido_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:onfido-AbCdEf"
  }

  assert {
    condition = alltrue([for k, f in aws_lambda_function.this : (
      f.environment[0].variables.IDV_ONFIDO_BASE_URL == "https://api.us.onfido.com/v3.6"
      && f.environment[0].variables.IDV_ONFIDO_API_TOKEN == "aws-secretsmanager:${var.onfido_secret_arn}#apiToken"
    ) if !contains(["issue-grant", "receive-webhook", "hold", "get-receipts"], k)])
    error_message = "Every provider-calling function gets the Onfido region's base and its token as a secret reference."
  }

  assert {
    condition     = contains(one([for s in jsondecode(aws_iam_role_policy.function["get-media"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"]), var.onfido_secret_arn) && contains(one([for s in jsondecode(aws_iam_role_policy.function["stage-session"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"]), var.onfido_secret_arn)
    error_message = "The operations and stage-session may read the Onfido secret."
  }

  assert {
    condition = (
      !contains(one([for s in jsondecode(aws_iam_role_policy.function["receive-webhook"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"]), var.onfido_secret_arn)
      && !contains(keys(aws_lambda_function.this["receive-webhook"].environment[0].variables), "IDV_ONFIDO_API_TOKEN")
      && endswith(aws_lambda_function.this["receive-webhook"].environment[0].variables.IDV_ONFIDO_WEBHOOK_TOKENS, "#onfidoWebhookToken")
    )
    error_message = "receive-webhook gets Onfido's webhook token, never its API token."
  }

  assert {
    condition     = contains(keys(output.webhook_urls), "onfido")
    error_message = "The Onfido webhook URL is an output."
  }
}

run "onfido_base_url_must_be_https" {
  command = plan

  variables {
    onfido_base_url = "http://api.eu.onfido.com/v3.6"
  }

  expect_failures = [var.onfido_base_url]
}

run "alarms_watch_every_function_and_notify_the_topic" {
  command = plan

  variables {
    alarm_topic_arn          = "arn:aws:sns:eu-west-1:123456789012:idv-media-alarms"
    error_rate_alarm_percent = 2
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.server_errors)) == toset(jsondecode(file("handlers.json"))) && toset(keys(aws_cloudwatch_metric_alarm.throttles)) == toset(jsondecode(file("handlers.json")))
    error_message = "Every function has a 5xx-rate alarm and a throttles alarm."
  }

  assert {
    condition = alltrue([for f, a in aws_cloudwatch_metric_alarm.server_errors : a.threshold == 2 && anytrue([
      for q in a.metric_query : try(q.metric[0].dimensions.Operation == f && q.metric[0].dimensions.StatusClass == "5xx" && q.metric[0].namespace == "idv-media" && q.metric[0].metric_name == "Requests", false)
    ])])
    error_message = "A function's 5xx-rate alarm divides its own 5xx answers by its answers, in the embedded metrics' namespace."
  }

  assert {
    condition = alltrue(concat(
      [for a in aws_cloudwatch_metric_alarm.server_errors : contains(a.alarm_actions, "arn:aws:sns:eu-west-1:123456789012:idv-media-alarms")],
      [for a in aws_cloudwatch_metric_alarm.throttles : contains(a.alarm_actions, "arn:aws:sns:eu-west-1:123456789012:idv-media-alarms") && a.namespace == "AWS/Lambda"],
      [contains(aws_cloudwatch_metric_alarm.provider_errors.alarm_actions, "arn:aws:sns:eu-west-1:123456789012:idv-media-alarms")],
      [contains(aws_cloudwatch_metric_alarm.staging_dead_letters.alarm_actions, "arn:aws:sns:eu-west-1:123456789012:idv-media-alarms")],
    ))
    error_message = "Every alarm notifies the alarm topic."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.provider_errors.metric_name == "ProviderErrors" && aws_cloudwatch_metric_alarm.provider_errors.namespace == "idv-media"
    error_message = "An alarm watches provider errors."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.environment[0].variables.IDV_METRICS_NAMESPACE == "idv-media"])
    error_message = "Every function writes its metrics to the namespace the alarms watch."
  }

  assert {
    condition     = strcontains(aws_cloudwatch_dashboard.this.dashboard_body, "ProviderLatency") && strcontains(aws_cloudwatch_dashboard.this.dashboard_body, "StagingJobs") && strcontains(aws_cloudwatch_dashboard.this.dashboard_body, "GrantDenials")
    error_message = "The dashboard shows the functions' metrics."
  }
}

run "copy_reads_are_recorded_in_a_log_bucket_of_their_own_by_default" {
  command = plan

  assert {
    condition     = length(aws_s3_bucket_logging.staged) == 1 && length(aws_cloudtrail.staged_reads) == 0
    error_message = "By default the copies' bucket writes S3 server access logs, and no trail is made."
  }

  assert {
    condition     = aws_s3_bucket_logging.staged[0].target_prefix == "s3-access/" && aws_s3_bucket_logging.staged[0].bucket == aws_s3_bucket.staged.id
    error_message = "The copies' bucket logs under s3-access/ of the log bucket."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.access_logs[0].restrict_public_buckets && aws_s3_bucket_ownership_controls.access_logs[0].rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "The log bucket is private and owner-enforced."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_s3_bucket_policy.access_logs[0].policy).Statement :
      try(s.Principal.Service, "") == "logging.s3.amazonaws.com" && s.Action == "s3:PutObject"
      && try(s.Condition.StringEquals["aws:SourceAccount"], "") == "123456789012"
    ])
    error_message = "Only S3's logging service, for this account's copies' bucket, may write the access logs."
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.access_logs[0].rule[0].expiration[0].days == 400
    error_message = "Access records are kept 400 days by default."
  }

  assert {
    condition = alltrue(flatten([
      for p in aws_iam_role_policy.function : [
        for s in jsondecode(p.policy).Statement : [for r in flatten([s.Resource]) : !strcontains(r, "access-logs")]
      ]
    ]))
    error_message = "No function may touch the log bucket."
  }
}

run "copy_reads_may_be_recorded_by_cloudtrail_instead" {
  command = plan

  variables {
    copy_access_log           = "cloudtrail"
    access_log_retention_days = 30
  }

  assert {
    condition     = length(aws_s3_bucket_logging.staged) == 0 && length(aws_cloudtrail.staged_reads) == 1
    error_message = "With cloudtrail, a trail records the reads and server access logging is off."
  }

  assert {
    condition = alltrue([
      for s in aws_cloudtrail.staged_reads[0].advanced_event_selector[0].field_selector :
      s.field != "eventName" || try(join(",", s.equals), "") == "GetObject"
      ]) && anytrue([
      for s in aws_cloudtrail.staged_reads[0].advanced_event_selector[0].field_selector :
      s.field == "resources.ARN" && alltrue([for p in(s.starts_with == null ? [] : s.starts_with) : endswith(p, "/staged/") || endswith(p, "/archive/")])
    ])
    error_message = "The trail records GetObject data events on the copies' prefixes only."
  }

  assert {
    condition     = aws_cloudtrail.staged_reads[0].enable_log_file_validation && aws_cloudtrail.staged_reads[0].s3_key_prefix == "cloudtrail"
    error_message = "The trail's files are validated and written under cloudtrail/ of the log bucket."
  }
}

run "copy_reads_may_go_unrecorded" {
  command = plan

  variables {
    copy_access_log = "none"
  }

  assert {
    condition     = length(aws_s3_bucket.access_logs) == 0 && length(aws_s3_bucket_logging.staged) == 0 && length(aws_cloudtrail.staged_reads) == 0
    error_message = "With none, no log bucket, logging or trail is made."
  }
}

run "copy_access_log_is_one_of_three" {
  command = plan

  variables {
    copy_access_log = "everything"
  }

  expect_failures = [var.copy_access_log]
}

run "each_provider_of_the_map_gets_a_secret_its_credentials_and_a_webhook_url" {
  command = plan

  variables {
    veriff_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:veriff-AbCdEf"
  }

  assert {
    condition     = toset(keys(aws_secretsmanager_secret.provider)) == toset(["yoti", "onfido", "sumsub"])
    error_message = "A secret is created for each provider of the map whose secret is not given, and only for those."
  }

  assert {
    condition     = toset(keys(output.provider_secret_arns)) == toset(["yoti", "veriff", "onfido", "sumsub"]) && output.provider_secret_arns["veriff"] == var.veriff_secret_arn
    error_message = "Every provider's secret is an output, the given one as given."
  }

  assert {
    condition     = toset(keys(output.webhook_urls)) == toset(["yoti", "veriff", "onfido", "sumsub"])
    error_message = "Every provider of the map has a webhook URL."
  }

  assert {
    condition = alltrue([for k in ["get-session", "get-media", "stage-session"] : alltrue([
      for name in ["IDV_YOTI_SDK_ID", "IDV_YOTI_PRIVATE_KEY", "IDV_VERIFF_API_KEY", "IDV_VERIFF_SHARED_SECRET", "IDV_ONFIDO_API_TOKEN", "IDV_SUMSUB_APP_TOKEN", "IDV_SUMSUB_SECRET_KEY"] :
      startswith(aws_lambda_function.this[k].environment[0].variables[name], "aws-secretsmanager:")
    ])])
    error_message = "Every provider-calling function reads every provider's credentials from its secret."
  }

  assert {
    condition     = toset([for s in jsondecode(aws_iam_role_policy.function["get-media"].policy).Statement : s.Resource if s.Sid == "ReadOwnSecrets"][0]) == toset(concat(values(output.provider_secret_arns), [output.access_jwks_secret_arn]))
    error_message = "The session functions may read every provider's secret and the grant keys, nothing else."
  }

  assert {
    condition = (
      startswith(aws_lambda_function.this["receive-webhook"].environment[0].variables["IDV_SUMSUB_WEBHOOK_SECRETS"], "aws-secretsmanager:${output.webhooks_secret_arn}#")
      && !contains(keys(aws_lambda_function.this["receive-webhook"].environment[0].variables), "IDV_SUMSUB_APP_TOKEN")
      && !contains(keys(aws_lambda_function.this["receive-webhook"].environment[0].variables), "IDV_SUMSUB_SECRET_KEY")
    )
    error_message = "receive-webhook reads Sumsub's webhook secret from the webhooks secret, and none of Sumsub's API credentials."
  }
}

run "retention_purges_on_a_schedule_with_signed_receipts" {
  command = plan

  variables {
    retention_days              = { veriff = 30, yoti = 7 }
    retention_schedule          = "rate(30 minutes)"
    retention_max_per_run       = 50
    receipt_retired_public_keys = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"receipts-2025\",\"x\":\"Ty1yI1rE-aFw5NA58lKAlrHJg-HpRnsKmV3u0eRENCo\",\"y\":\"t9mEejkbcLuIgHQbdGqvoofLiI7LUKDITdogbsxWKrg\"}]}"
  }

  assert {
    condition     = jsondecode(aws_lambda_function.this["get-receipts"].environment[0].variables.IDV_RECEIPTS_RETIRED_KEYS).keys[0].kid == "receipts-2025"
    error_message = "get-receipts publishes the retired receipt keys beside the current one."
  }

  assert {
    condition     = aws_cloudwatch_event_rule.purge_expired.schedule_expression == "rate(30 minutes)" && aws_lambda_permission.purge_schedule.principal == "events.amazonaws.com" && aws_lambda_permission.purge_schedule.function_name == aws_lambda_function.this["purge-expired"].function_name
    error_message = "purge-expired runs on its EventBridge schedule, which alone may invoke it."
  }

  assert {
    condition = (aws_lambda_function.this["purge-expired"].environment[0].variables.IDV_RETENTION_VERIFF == "P30D"
      && aws_lambda_function.this["purge-expired"].environment[0].variables.IDV_RETENTION_YOTI == "P7D"
      && !contains(keys(aws_lambda_function.this["purge-expired"].environment[0].variables), "IDV_RETENTION_ONFIDO")
      && aws_lambda_function.this["purge-expired"].environment[0].variables.IDV_RETENTION_MAX_PER_RUN == "50"
      && aws_lambda_function.this["purge-expired"].environment[0].variables.IDV_RETENTION_DRY_RUN == "false"
      && alltrue([for f in ["delete-session", "delete-media", "purge-expired", "get-receipts"] : startswith(aws_lambda_function.this[f].environment[0].variables.IDV_RECEIPTS_SIGNING_KEY, "aws-secretsmanager:")])
    && !contains(keys(aws_lambda_function.this["get-session"].environment[0].variables), "IDV_RECEIPTS_SIGNING_KEY"))
    error_message = "Each provider's retention reaches purge-expired; the deletes, purge-expired and get-receipts have the receipt key, no other function."
  }

  assert {
    condition = length([
      for s in jsondecode(aws_iam_role_policy.function["purge-expired"].policy).Statement : s
      if contains(flatten([s.Action]), "s3:DeleteObject") && !contains(flatten([s.Resource]), "${aws_s3_bucket.staged.arn}/${var.records_prefix}/completed/*") && !contains(flatten([s.Resource]), "${aws_s3_bucket.staged.arn}/${var.staged_prefix}/*")
    ]) == 0 && length([for s in jsondecode(aws_iam_role_policy.function["purge-expired"].policy).Statement : s if s.Sid == "ReadHolds"]) == 1
    error_message = "purge-expired removes copies and completion entries only, and reads holds first."
  }

  assert {
    condition     = aws_s3_bucket.staged.object_lock_enabled == false && !contains(keys(aws_lambda_function.this["delete-session"].environment[0].variables), "IDV_RECEIPTS_LOCK_RETENTION")
    error_message = "No Object Lock unless asked for."
  }
}

run "object_lock_keeps_receipts" {
  command = plan

  variables {
    object_lock       = true
    archive_enabled   = true
    receipt_lock_days = 3650
    receipt_lock_mode = "GOVERNANCE"
  }

  assert {
    condition = (alltrue([for f, p in aws_iam_role_policy.function : length([
      for s in jsondecode(p.policy).Statement : s if contains(flatten([s.Action]), "s3:PutObjectLegalHold")
      ]) == (contains(["hold", "stage-session"], f) ? 1 : 0)])
      && aws_lambda_function.this["hold"].environment[0].variables.IDV_ARCHIVE_OBJECT_LOCK == "true"
    && aws_lambda_function.this["stage-session"].environment[0].variables.IDV_ARCHIVE_OBJECT_LOCK == "true")
    error_message = "With Object Lock, hold (and stage-session, for what it archives while held) set the legal holds of archived copies, no other function."
  }

  assert {
    condition = (aws_s3_bucket.staged.object_lock_enabled
      && aws_lambda_function.this["delete-media"].environment[0].variables.IDV_RECEIPTS_LOCK_RETENTION == "3650d"
      && aws_lambda_function.this["purge-expired"].environment[0].variables.IDV_RECEIPTS_LOCK_MODE == "GOVERNANCE"
      && length([for s in jsondecode(aws_iam_role_policy.function["delete-session"].policy).Statement : s if s.Sid == "KeepReceipts" && contains(flatten([s.Action]), "s3:PutObjectRetention")]) == 1
    && contains([for r in aws_s3_bucket_lifecycle_configuration.staged.rule : r.id], "expire-removed-versions"))
    error_message = "With Object Lock, receipts are written locked, and removed copies' versions expire a day later."
  }
}

run "retired_receipt_keys_are_public_only" {
  command = plan

  variables {
    receipt_retired_public_keys = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"old\",\"x\":\"a\",\"y\":\"b\",\"d\":\"c\"}]}"
  }

  expect_failures = [var.receipt_retired_public_keys]
}

run "the_container_image_replaces_the_zip_when_named" {
  command = plan

  variables {
    function_image_uri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/idv-media-functions:0.1.0"
  }

  assert {
    condition = alltrue([for f in aws_lambda_function.this : f.package_type == "Image"
      && f.image_uri == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/idv-media-functions:0.1.0"
    && f.runtime == null && f.handler == null && f.filename == null])
    error_message = "With an image named, every function runs from it: no runtime, handler or zip of Lambda's."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.publish && f.snap_start[0].apply_on == "PublishedVersions"])
    error_message = "The image keeps SnapStart on published versions."
  }

  assert {
    condition     = aws_lambda_function.this["get-session"].environment[0].variables.JAVA_TOOL_OPTIONS == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=64m"
    error_message = "The image's functions get the JVM options the zip's get."
  }
}

run "the_container_image_comes_from_ecr" {
  command = plan

  variables {
    function_image_uri = "idv-media-functions:latest"
  }

  expect_failures = [var.function_image_uri]
}
