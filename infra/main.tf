locals {
  # One function per operation; the names are the @Named handlers of the Java code (handlers.json).
  handlers = toset(jsondecode(file("${path.module}/handlers.json")))

  operations = {
    "get-session"    = { route = "GET /v1/{provider}/sessions/{sessionId}" }
    "list-media"     = { route = "GET /v1/{provider}/sessions/{sessionId}/media" }
    "get-media"      = { route = "GET /v1/{provider}/sessions/{sessionId}/media/{mediaId}" }
    "delete-session" = { route = "DELETE /v1/{provider}/sessions/{sessionId}" }
    "delete-media"   = { route = "DELETE /v1/{provider}/sessions/{sessionId}/media/{mediaId}" }
  }

  function_names = { for op in keys(local.operations) : op => "${var.name}-${op}" }

  yoti_secret_arn   = var.yoti_secret_arn != null ? var.yoti_secret_arn : aws_secretsmanager_secret.yoti[0].arn
  veriff_secret_arn = var.veriff_secret_arn != null ? var.veriff_secret_arn : aws_secretsmanager_secret.veriff[0].arn
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
