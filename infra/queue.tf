# Staging jobs: receive-webhook (and get-media, for a media too large to stage within a request) send them to the
# queue; stage-session consumes it, reporting the jobs to retry as batch item failures. A job received 5 times goes
# to the dead-letter queue, and an alarm says so.

resource "aws_sqs_queue" "staging_dlq" {
  name                      = "${var.name}-staging-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_sqs_queue" "staging" {
  name = "${var.name}-staging"
  # Above the function's timeout, so that a job still running is never handed to a second consumer.
  visibility_timeout_seconds = var.stage_timeout_seconds + 60
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.staging_dlq.arn
    maxReceiveCount     = 5
  })
  tags = var.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "staging_dlq" {
  queue_url = aws_sqs_queue.staging_dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.staging.arn]
  })
}

resource "aws_lambda_event_source_mapping" "staging" {
  event_source_arn        = aws_sqs_queue.staging.arn
  function_name           = aws_lambda_alias.live["stage-session"].arn
  batch_size              = var.stage_batch_size
  function_response_types = ["ReportBatchItemFailures"]

  # However many jobs are queued, at most this many provider downloads run at once.
  scaling_config {
    maximum_concurrency = var.stage_max_concurrency
  }
}

resource "aws_cloudwatch_metric_alarm" "staging_dead_letters" {
  alarm_name          = "${var.name}-staging-dead-letters"
  alarm_description   = "Staging jobs failed 5 times and wait in the dead-letter queue; see stage-session's log."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.staging_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = var.tags
}
