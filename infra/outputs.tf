output "api_url" {
  description = "Base URL of the HTTP API (append /v1/{provider}/sessions/...)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "function_names" {
  description = "Function name per operation (and issue-grant), for direct invocation."
  value       = { for op, f in aws_lambda_function.this : op => f.function_name }
}

output "function_arns" {
  description = "Alias ARN per operation (invoke these; they follow the latest published version)."
  value       = { for op, a in aws_lambda_alias.live : op => a.arn }
}

output "staging_bucket" {
  description = "The bucket of staged media copies."
  value       = aws_s3_bucket.staged.bucket
}

output "provider_secret_arns" {
  description = "Each provider's credentials secret, by provider (what each holds: its description in Secrets Manager, or docs/terraform.md)."
  value       = local.provider_secret_arns
}

output "access_jwks_secret_arn" {
  description = "Secret to fill with the JWK Set that verifies grants: {\"keys\": [...]}."
  value       = local.access_jwks_secret_arn
}

output "grant_signing_key_secret_arn" {
  description = "Secret to fill with issue-grant's private JWK (its public half goes into the JWK Set)."
  value       = local.grant_signing_secret_arn
}

output "webhook_urls" {
  description = "The URL each provider's webhooks go to (set it in the Veriff integration, as each Yoti session's notification endpoint, and as an Onfido webhook for workflow_run.completed)."
  value       = { for p in keys(local.providers) : p => "${aws_apigatewayv2_stage.default.invoke_url}v1/${p}/webhooks" }
}

output "webhooks_secret_arn" {
  description = "Secret to fill with {\"yotiNotificationToken\"}: the token set in each Yoti session's notification config."
  value       = local.webhooks_secret_arn
}

output "staging_queue_url" {
  description = "The queue of staging jobs (stage-session consumes it)."
  value       = aws_sqs_queue.staging.url
}

output "staging_dead_letter_queue_url" {
  description = "Where staging jobs that failed 5 times wait (an alarm fires when one arrives)."
  value       = aws_sqs_queue.staging_dlq.url
}

output "dashboard_name" {
  description = "The CloudWatch dashboard of the functions' metrics and alarms."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "access_log_bucket" {
  description = "The bucket that records the reads of staged copies (see copy_access_log), or null when none."
  value       = local.access_log_enabled ? aws_s3_bucket.access_logs[0].bucket : null
}
