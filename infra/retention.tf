# Retention: purge-expired runs on an EventBridge schedule, deleting at the provider and in the bucket every session
# completed longer ago than its provider's retention_days (none when the map is empty: the schedule still runs, and
# finds nothing to do), each with a signed erasure receipt requested by "retention".

resource "aws_cloudwatch_event_rule" "purge_expired" {
  name                = "${var.name}-purge-expired"
  description         = "Runs purge-expired: retention of identity-verification sessions"
  schedule_expression = var.retention_schedule
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "purge_expired" {
  rule = aws_cloudwatch_event_rule.purge_expired.name
  arn  = aws_lambda_alias.live["purge-expired"].arn
}

# Only this rule may invoke purge-expired.
resource "aws_lambda_permission" "purge_schedule" {
  statement_id  = "AllowPurgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["purge-expired"].function_name
  qualifier     = aws_lambda_alias.live["purge-expired"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.purge_expired.arn
}
