variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "idv-media"
}

variable "function_zip" {
  description = "Path of the function.zip built by ./mvnw package (one artifact for every function)."
  type        = string
  default     = "../target/function.zip"
}

variable "function_image_uri" {
  description = "URI of the functions' container image in ECR (built by ./mvnw package into target/function-image; see docs/lambda.md). When set, every function runs from it, with its own JDK and class-data archive, instead of from function_zip on the managed Java runtime."
  type        = string
  default     = null

  validation {
    condition     = var.function_image_uri == null || can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.function_image_uri))
    error_message = "Lambda runs container images from Amazon ECR: give the repository URI with a tag or a digest."
  }
}

variable "memory_size" {
  description = "Memory of each function, in MB (CPU scales with it)."
  type        = number
  default     = 1024
}

variable "api_timeout_seconds" {
  description = "Timeout of each function; API Gateway gives up after 30 s whatever this says, direct invocations may use up to 900."
  type        = number
  default     = 30

  validation {
    condition     = var.api_timeout_seconds >= 3 && var.api_timeout_seconds <= 900
    error_message = "A Lambda timeout is between 3 and 900 seconds."
  }
}

variable "snapstart" {
  description = "Whether published versions use SnapStart."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "How long function and API logs are kept."
  type        = number
  default     = 30
}

variable "cors_allowed_origins" {
  description = "Origins of the frontends allowed to call the API; no CORS when empty."
  type        = list(string)
  default     = []
}

variable "jwt_issuer" {
  description = "Issuer of the JWTs the API requires (e.g. a Cognito user pool URL); no authorizer when null."
  type        = string
  default     = null
}

variable "jwt_audience" {
  description = "Audiences accepted in those JWTs; required when jwt_issuer is set."
  type        = list(string)
  default     = []

  validation {
    condition     = var.jwt_issuer == null || length(var.jwt_audience) > 0
    error_message = "jwt_audience must name at least one audience when jwt_issuer is set: an authorizer without one accepts any token of the issuer."
  }
}

variable "access_mode" {
  description = "\"grant\": every session route needs a session-scoped grant (the default); \"open\": every caller is trusted (a private network only)."
  type        = string
  default     = "grant"

  validation {
    condition     = contains(["grant", "open"], var.access_mode)
    error_message = "access_mode is \"grant\" or \"open\"; nothing else turns grants off."
  }
}

variable "access_issuer" {
  description = "The iss every grant must carry (and issue-grant writes). Without it, grant mode answers 503 on every session route."
  type        = string
  default     = null
}

variable "access_audience" {
  description = "The audience every grant must name."
  type        = string
  default     = "idv-media-functions"
}

variable "access_jwks_url" {
  description = "An issuer's HTTPS JWKS endpoint (e.g. Cognito's or Auth0's), used beside the JWK Set secret."
  type        = string
  default     = null

  validation {
    condition     = var.access_jwks_url == null || startswith(coalesce(var.access_jwks_url, "-"), "https://")
    error_message = "access_jwks_url must be an https URL."
  }
}

variable "access_jwks_secret_arn" {
  description = "ARN of an existing secret holding the JWK Set that verifies grants; an empty secret is created when null."
  type        = string
  default     = null
}

variable "grant_signing_key_secret_arn" {
  description = "ARN of an existing secret holding issue-grant's private JWK; an empty secret is created when null."
  type        = string
  default     = null
}

variable "receipt_signing_key_secret_arn" {
  description = "ARN of an existing secret holding the private JWK (EC P-256 with a kid) erasure receipts are signed with; an empty secret is created when null."
  type        = string
  default     = null
}

variable "receipt_retired_public_keys" {
  description = "After a rotation of the receipt key: a JWK Set (JSON) of the public keys receipts were signed with before, published beside the current key so that their receipts still verify. Public keys only."
  type        = string
  default     = null

  validation {
    condition     = var.receipt_retired_public_keys == null ? true : can(jsondecode(var.receipt_retired_public_keys).keys) && !strcontains(var.receipt_retired_public_keys == null ? "" : var.receipt_retired_public_keys, "\"d\"")
    error_message = "A JWK Set ({\"keys\": [...]}) of public keys: a private key's \"d\" is never published."
  }
}

variable "grant_max_ttl_seconds" {
  description = "The longest lifetime (exp - iat) of a grant."
  type        = number
  default     = 900

  validation {
    condition     = var.grant_max_ttl_seconds >= 30 && var.grant_max_ttl_seconds <= 3600
    error_message = "A grant lives between 30 seconds and 1 hour."
  }
}

variable "throttling_burst_limit" {
  description = "API stage burst limit (requests), for every route."
  type        = number
  default     = 100
}

variable "throttling_rate_limit" {
  description = "API stage steady rate limit (requests per second), for every route."
  type        = number
  default     = 50
}

variable "reserved_concurrency" {
  description = "Reserved concurrency per function name (e.g. {\"get-media\" = 20}); unreserved when absent."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for f in keys(var.reserved_concurrency) : contains(["get-session", "list-media", "get-media", "delete-session", "delete-media", "export-session", "hold", "issue-grant", "receive-webhook", "stage-session"], f)])
    error_message = "reserved_concurrency names functions: get-session, list-media, get-media, delete-session, delete-media, export-session, hold, issue-grant, receive-webhook, stage-session."
  }
}

variable "staged_prefix" {
  description = "Key prefix of staged media copies in the bucket."
  type        = string
  default     = "staged"
}

variable "deletions_prefix" {
  description = "Key prefix of deletion markers: a delete records one before removing copies, so that no copy staged before it is ever served again. Kept as long as the longest-lived copy (archive included)."
  type        = string
  default     = "deletions"

  validation {
    condition     = length(var.deletions_prefix) > 0 && !contains([var.staged_prefix, var.archive_prefix, var.claims_prefix], var.deletions_prefix)
    error_message = "Deletion markers need a prefix of their own: the staged copies' expiry must never remove them first."
  }
}

variable "records_prefix" {
  description = "Key prefix of the records kept about sessions (legal holds, the sessions seen, erasure receipts); no lifecycle rule of the bucket expires them."
  type        = string
  default     = "records"

  validation {
    condition     = length(var.records_prefix) > 0 && !contains([var.staged_prefix, var.archive_prefix, var.deletions_prefix, var.claims_prefix], var.records_prefix)
    error_message = "Records need a prefix of their own."
  }
}

variable "claims_prefix" {
  description = "Key prefix of claims: a webhook or staging job handled once across instances (conditional writes)."
  type        = string
  default     = "claims"

  validation {
    condition     = length(var.claims_prefix) > 0 && !contains([var.staged_prefix, var.archive_prefix], var.claims_prefix)
    error_message = "Claims need a prefix of their own."
  }
}

variable "webhook_dedupe_window_hours" {
  description = "A webhook delivered again within this many hours (same event, or the same body) is acknowledged and queues nothing."
  type        = number
  default     = 24

  validation {
    condition     = var.webhook_dedupe_window_hours >= 1 && var.webhook_dedupe_window_hours <= 720
    error_message = "The webhook de-duplication window is between 1 hour and 30 days."
  }
}

variable "stage_max_concurrency" {
  description = "The most stage-session instances the staging queue runs at once (the event source mapping's maximum concurrency, at least 2): how many provider downloads can run in parallel, however many jobs are queued."
  type        = number
  default     = 4

  validation {
    condition     = var.stage_max_concurrency >= 2 && var.stage_max_concurrency <= 1000
    error_message = "stage_max_concurrency is between 2 and 1000 (what SQS event source mappings allow)."
  }
}

variable "staged_copy_expiration_days" {
  description = "Staged copies are deleted by the bucket after this many days (get-media makes them again when needed)."
  type        = number
  default     = 1
}

variable "url_ttl_seconds" {
  description = "Lifetime of a media URL when the caller does not ask for one."
  type        = number
  default     = 60
}

variable "url_ttl_max_seconds" {
  description = "The longest media URL lifetime a caller may ask for."
  type        = number
  default     = 900

  validation {
    condition     = var.url_ttl_max_seconds >= 1 && var.url_ttl_max_seconds <= 604800
    error_message = "A presigned URL lives between 1 second and 7 days."
  }
}

variable "inline_max_bytes" {
  description = "Largest media answered inline through API Gateway; larger media are redirected to a staged copy. Base64 must stay under Lambda's 6 MB response limit."
  type        = number
  default     = 4194304

  validation {
    condition     = var.inline_max_bytes <= 4500000
    error_message = "Inline media above about 4.5 MB would exceed Lambda's 6 MB response limit once base64-encoded."
  }
}

variable "yoti_base_url" {
  description = "Yoti IDV API base."
  type        = string
  default     = "https://api.yoti.com/idverify/v1"
}

variable "veriff_base_url" {
  description = "Veriff API base of the integration; Veriff is not configured when null."
  type        = string
  default     = null
}

variable "onfido_base_url" {
  description = "Onfido API base of the account's region (https://api.eu.onfido.com/v3.6, https://api.us.onfido.com/v3.6 or https://api.ca.onfido.com/v3.6); Onfido is not configured when null."
  type        = string
  default     = null

  validation {
    condition     = var.onfido_base_url == null || can(regex("^https://", var.onfido_base_url))
    error_message = "The Onfido API base is an https URL."
  }
}

variable "onfido_secret_arn" {
  description = "ARN of an existing secret with the JSON field apiToken; an empty secret is created when null."
  type        = string
  default     = null
}

variable "onfido_webhook_token_fields" {
  description = "Fields of the webhooks secret whose tokens may sign Onfido webhooks (two during a rotation)."
  type        = list(string)
  default     = ["onfidoWebhookToken"]

  validation {
    condition     = length(var.onfido_webhook_token_fields) > 0
    error_message = "Name at least one field: without a token every Onfido webhook is refused."
  }
}

variable "sumsub_base_url" {
  description = "Sumsub API base; Sumsub is not configured when null."
  type        = string
  default     = null

  validation {
    condition     = var.sumsub_base_url == null || can(regex("^https://", var.sumsub_base_url))
    error_message = "The Sumsub API base is an https URL (https://api.sumsub.com)."
  }
}

variable "sumsub_secret_arn" {
  description = "ARN of an existing secret with JSON fields appToken and secretKey; an empty secret is created when null."
  type        = string
  default     = null
}

variable "sumsub_webhook_secret_fields" {
  description = "Fields of the webhooks secret whose secrets may digest Sumsub webhooks (two during a rotation)."
  type        = list(string)
  default     = ["sumsubWebhookSecret"]

  validation {
    condition     = length(var.sumsub_webhook_secret_fields) > 0
    error_message = "Name at least one field: without a secret every Sumsub webhook is refused."
  }
}

variable "yoti_secret_arn" {
  description = "ARN of an existing secret with JSON fields sdkId and privateKey; an empty secret is created when null."
  type        = string
  default     = null
}

variable "veriff_secret_arn" {
  description = "ARN of an existing secret with JSON fields apiKey and sharedSecret; an empty secret is created when null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}

variable "webhooks_secret_arn" {
  description = "ARN of an existing secret with the webhook tokens (JSON field yotiNotificationToken); an empty secret is created when null."
  type        = string
  default     = null
}

variable "yoti_notification_token_fields" {
  description = "Fields of the webhooks secret whose tokens Yoti notifications may carry (two during a rotation)."
  type        = list(string)
  default     = ["yotiNotificationToken"]

  validation {
    condition     = length(var.yoti_notification_token_fields) > 0
    error_message = "Name at least one field: without a token every Yoti notification is refused."
  }
}

variable "veriff_webhook_secret_fields" {
  description = "Fields of the Veriff secret whose values may sign Veriff webhooks (e.g. [\"sharedSecret\", \"previousSharedSecret\"] during a rotation); the shared secret alone when empty."
  type        = list(string)
  default     = []
}

variable "stage_timeout_seconds" {
  description = "Timeout of stage-session, which stages whole sessions from the queue (it stops 30 s before it and queues what is left)."
  type        = number
  default     = 900

  validation {
    condition     = var.stage_timeout_seconds >= 60 && var.stage_timeout_seconds <= 900
    error_message = "stage-session needs 60 to 900 seconds."
  }
}

variable "stage_memory_size" {
  description = "Memory (MB) of stage-session: its staging holds at most three parts of 8 MiB per media."
  type        = number
  default     = 1024
}

variable "stage_batch_size" {
  description = "Staging jobs one stage-session invocation takes from the queue."
  type        = number
  default     = 1
}

variable "sync_stage_max_bytes" {
  description = "Largest unstaged media get-media stages within an API request; larger ones are answered 202 and staged by stage-session."
  type        = number
  default     = 67108864
}

variable "staged_by_job_max_age_seconds" {
  description = "How long copies that stage-session staged (completed sessions) are served without asking the provider; under the bucket's expiry."
  type        = number
  default     = 43200

  validation {
    condition     = var.staged_by_job_max_age_seconds < var.staged_copy_expiration_days * 86400
    error_message = "Copies staged by jobs must stop being served before the bucket expires them (staged_copy_expiration_days)."
  }
}

variable "export_max_age_hours" {
  description = "How long a staged export of a session is served before the session is exported again (a delete of the session or of any of its media removes it sooner); under the bucket's expiry."
  type        = number
  default     = 24

  validation {
    condition     = var.export_max_age_hours >= 1 && var.export_max_age_hours <= var.staged_copy_expiration_days * 24
    error_message = "Staged exports must stop being served by the time the bucket expires them (at least staged_copy_expiration_days after they were written), and live at least an hour."
  }
}

variable "alarm_actions" {
  description = "ARNs notified when any alarm fires (besides alarm_topic_arn)."
  type        = list(string)
  default     = []
}

variable "archive_enabled" {
  description = "Keep the copies that staging jobs make of completed sessions in the archive prefix, for archive_retention_days."
  type        = bool
  default     = false
}

variable "archive_retention_days" {
  description = "How long archived copies are kept (the bucket expires them) and served without asking the provider."
  type        = number
  default     = 90

  validation {
    condition     = var.archive_retention_days >= 1
    error_message = "Archived copies are kept at least a day."
  }
}

variable "archive_prefix" {
  description = "Key prefix of archived copies; apart from staged_prefix, so that the staged copies' expiry never touches them."
  type        = string
  default     = "archive"

  validation {
    condition     = length(var.archive_prefix) > 0 && !startswith(var.archive_prefix, "staged")
    error_message = "The archive needs a prefix of its own, outside the staged copies'."
  }
}

variable "archive_kms_key_arn" {
  description = "A KMS key for archived copies (SSE-KMS); the bucket's default encryption when null."
  type        = string
  default     = null
}

variable "alarm_topic_arn" {
  description = "An SNS topic notified when any alarm fires (5xx rate, provider errors, throttles, dead-letter queue); null for none."
  type        = string
  default     = null
}

variable "error_rate_alarm_percent" {
  description = "A function's alarm fires when more than this percentage of its answers in 5 minutes are 5xx."
  type        = number
  default     = 5

  validation {
    condition     = var.error_rate_alarm_percent > 0 && var.error_rate_alarm_percent <= 100
    error_message = "error_rate_alarm_percent is a percentage above 0."
  }
}

variable "provider_errors_alarm_threshold" {
  description = "The provider-errors alarm fires when more provider calls than this fail in 5 minutes (5xx, credentials refused, 429, timeouts)."
  type        = number
  default     = 5
}

variable "metrics_namespace" {
  description = "The CloudWatch namespace of the functions' embedded metrics (requests, bytes, provider latency and errors, grant denials, staging jobs)."
  type        = string
  default     = "idv-media"
}

variable "copy_access_log" {
  description = "How the reads of staged copies (the presigned GETs browsers make) are recorded: \"server-access\" (S3 server access logs, naming the grant subject each URL was signed for), \"cloudtrail\" (CloudTrail data events for GetObject on the copies, naming the signing role) or \"none\". Either record goes to a log bucket of its own."
  type        = string
  default     = "server-access"
  validation {
    condition     = contains(["server-access", "cloudtrail", "none"], var.copy_access_log)
    error_message = "copy_access_log is \"server-access\", \"cloudtrail\" or \"none\"."
  }
}

variable "access_log_retention_days" {
  description = "Days the records of copy reads are kept in the log bucket."
  type        = number
  default     = 400
  validation {
    condition     = var.access_log_retention_days >= 1
    error_message = "access_log_retention_days must be at least 1."
  }
}

variable "retention_days" {
  description = "Per provider, how many days after completion its sessions are kept before purge-expired deletes them at the provider and in the bucket (a provider not named is never purged), e.g. { veriff = 30 }."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for p, d in var.retention_days : contains(["yoti", "veriff", "onfido", "sumsub"], p) && d >= 0 && floor(d) == d])
    error_message = "retention_days maps a provider (yoti, veriff, onfido, sumsub) to a whole number of days."
  }
}

variable "retention_schedule" {
  description = "When purge-expired runs (an EventBridge schedule expression)."
  type        = string
  default     = "rate(1 hour)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.retention_schedule))
    error_message = "retention_schedule is an EventBridge schedule expression: rate(...) or cron(...)."
  }
}

variable "retention_max_per_run" {
  description = "The most sessions one purge run deletes; the rest wait for the next run."
  type        = number
  default     = 100

  validation {
    condition     = var.retention_max_per_run >= 1 && floor(var.retention_max_per_run) == var.retention_max_per_run
    error_message = "retention_max_per_run is a whole number of at least 1."
  }
}

variable "retention_dry_run" {
  description = "A dry run lists in purge-expired's log and report what it would delete, and deletes nothing."
  type        = bool
  default     = false
}

variable "object_lock" {
  description = "Whether the bucket has S3 Object Lock (only when it is created): each erasure receipt is then locked for receipt_lock_days, in receipt_lock_mode."
  type        = bool
  default     = false
}

variable "receipt_lock_days" {
  description = "With object_lock: how long each erasure receipt is locked against removal or replacement."
  type        = number
  default     = 2555

  validation {
    condition     = var.receipt_lock_days >= 1 && floor(var.receipt_lock_days) == var.receipt_lock_days
    error_message = "receipt_lock_days is a whole number of at least 1."
  }
}

variable "receipt_lock_mode" {
  description = "With object_lock: COMPLIANCE (nobody, the account's root included, removes a receipt early) or GOVERNANCE (principals with s3:BypassGovernanceRetention can)."
  type        = string
  default     = "COMPLIANCE"

  validation {
    condition     = contains(["COMPLIANCE", "GOVERNANCE"], var.receipt_lock_mode)
    error_message = "receipt_lock_mode is COMPLIANCE or GOVERNANCE."
  }
}
