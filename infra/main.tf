locals {
  # One function per operation; the names are the @Named handlers of the Java code (handlers.json).
  handlers = toset(jsondecode(file("${path.module}/handlers.json")))

  operations = {
    "get-session"    = { route = "GET /v1/{provider}/sessions/{sessionId}" }
    "list-media"     = { route = "GET /v1/{provider}/sessions/{sessionId}/media" }
    "get-media"      = { route = "GET /v1/{provider}/sessions/{sessionId}/media/{mediaId}" }
    "delete-session" = { route = "DELETE /v1/{provider}/sessions/{sessionId}" }
    "delete-media"   = { route = "DELETE /v1/{provider}/sessions/{sessionId}/media/{mediaId}" }
    "export-session" = { route = "GET /v1/{provider}/sessions/{sessionId}/export" }
    # One function for a session's legal hold: placed (PUT), read (GET) and released (DELETE).
    "hold" = { route = "PUT /v1/{provider}/sessions/{sessionId}/hold" }
    # A session's erasure receipts; the same function serves the public keys they verify with (below).
    "get-receipts" = { route = "GET /v1/{provider}/sessions/{sessionId}/receipts" }
  }

  # Routes served by an operation's function besides its own (keyed "{function} {METHOD}").
  extra_routes = {
    "hold GET"    = { function = "hold", route = "GET /v1/{provider}/sessions/{sessionId}/hold" }
    "hold DELETE" = { function = "hold", route = "DELETE /v1/{provider}/sessions/{sessionId}/hold" }
  }

  # The API's routes: the session operations, behind grants (and the JWT authorizer when there is one), and the
  # providers' webhook route, which providers call with their own signature or token, never a JWT.
  # The receipts' JWK Set is public, like any JWKS endpoint: whoever is shown a receipt verifies it without a grant.
  routes = merge({ for op, o in local.operations : op => { route = o.route, jwt = true, function = op } },
    { for k, r in local.extra_routes : k => { route = r.route, jwt = true, function = r.function } }, {
      "receive-webhook" = { route = "POST /v1/{provider}/webhooks", jwt = false, function = "receive-webhook" }
      "receipts-jwks"   = { route = "GET /v1/receipts/jwks.json", jwt = false, function = "get-receipts" }
  })

  # Every function: the operations behind the API; issue-grant, which only the business's own functions invoke;
  # receive-webhook; and stage-session, which consumes the staging queue.
  # hold and get-receipts ask no provider: they have the store and the grant keys (get-receipts the receipt key's
  # public half too). purge-expired runs retention on its EventBridge schedule (retention.tf); no route serves it.
  functions = merge({ for op in keys(local.operations) : op => "operation" }, {
    "hold"            = "lifecycle"
    "get-receipts"    = "lifecycle"
    "issue-grant"     = "grant-issuer"
    "receive-webhook" = "webhook"
    "stage-session"   = "stager"
    "purge-expired"   = "purger"
  })

  function_names = { for f in keys(local.functions) : f => "${var.name}-${f}" }

  access_jwks_secret_arn     = var.access_jwks_secret_arn != null ? var.access_jwks_secret_arn : aws_secretsmanager_secret.access_jwks[0].arn
  grant_signing_secret_arn   = var.grant_signing_key_secret_arn != null ? var.grant_signing_key_secret_arn : aws_secretsmanager_secret.grant_signing_key[0].arn
  receipt_signing_secret_arn = var.receipt_signing_key_secret_arn != null ? var.receipt_signing_key_secret_arn : aws_secretsmanager_secret.receipt_signing_key[0].arn

  # What the session operations need to check grants; mode "open" only when asked for by name.
  access_environment = merge({
    IDV_ACCESS_MODE     = var.access_mode
    IDV_ACCESS_AUDIENCE = var.access_audience
    IDV_ACCESS_MAX_TTL  = "${var.grant_max_ttl_seconds}s"
    IDV_ACCESS_JWKS     = "aws-secretsmanager:${local.access_jwks_secret_arn}"
    }, var.access_issuer == null ? {} : {
    IDV_ACCESS_ISSUER = var.access_issuer
    }, var.access_jwks_url == null ? {} : {
    IDV_ACCESS_JWKS_URL = var.access_jwks_url
  })

  webhooks_secret_arn = var.webhooks_secret_arn != null ? var.webhooks_secret_arn : aws_secretsmanager_secret.webhooks[0].arn
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
