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
    condition     = alltrue([for f in keys(var.reserved_concurrency) : contains(["get-session", "list-media", "get-media", "delete-session", "delete-media", "issue-grant"], f)])
    error_message = "reserved_concurrency names functions: get-session, list-media, get-media, delete-session, delete-media, issue-grant."
  }
}

variable "staged_prefix" {
  description = "Key prefix of staged media copies in the bucket."
  type        = string
  default     = "staged"
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
