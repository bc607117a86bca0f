# What an operator watches: the functions write their metrics into their logs as CloudWatch embedded-metric-format
# lines (namespace var.metrics_namespace: Requests and BytesDelivered by Operation, Provider and StatusClass;
# ProviderLatency and ProviderErrors by Provider; GrantDenials by Operation; StagingJobs and StagingJobDuration by
# Outcome), with no agent and no extra call. The alarms below, and the dead-letter alarm in queue.tf, notify
# alarm_topic_arn and alarm_actions; docs/operations.md says what each means and what to do.

locals {
  alarm_actions = concat(var.alarm_actions, var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn])
}

# More than error_rate_alarm_percent of a function's answers in 5 minutes were 5xx (its own failures, a provider's
# outage seen as 502/504, the store refusing its role).
resource "aws_cloudwatch_metric_alarm" "server_errors" {
  for_each            = local.functions
  alarm_name          = "${local.function_names[each.key]}-5xx-rate"
  alarm_description   = "More than ${var.error_rate_alarm_percent}% of ${each.key}'s answers were 5xx for 5 minutes; see its log (problem types) and docs/operations.md."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.error_rate_alarm_percent
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags

  metric_query {
    id          = "rate"
    expression  = "100 * FILL(errors, 0) / total"
    label       = "5xx answers (%)"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "Requests"
      dimensions  = { Operation = each.key, StatusClass = "5xx" }
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id = "total"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "Requests"
      dimensions  = { Operation = each.key }
      stat        = "Sum"
      period      = 300
    }
  }
}

# Calls to the providers are failing: 5xx, our credentials refused (401/403), rate limits, timeouts.
resource "aws_cloudwatch_metric_alarm" "provider_errors" {
  alarm_name          = "${var.name}-provider-errors"
  alarm_description   = "More than ${var.provider_errors_alarm_threshold} provider calls failed in 5 minutes; see ProviderErrors by Provider on the dashboard and docs/operations.md."
  namespace           = var.metrics_namespace
  metric_name         = "ProviderErrors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.provider_errors_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

# Lambda refused invocations: reserved concurrency or the account's limit is reached.
resource "aws_cloudwatch_metric_alarm" "throttles" {
  for_each            = local.functions
  alarm_name          = "${local.function_names[each.key]}-throttles"
  alarm_description   = "Lambda throttled ${each.key}: its reserved concurrency or the account's limit is reached; see docs/operations.md."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = local.function_names[each.key] }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title   = "Requests by operation and status class"
          region  = data.aws_region.current.name
          stat    = "Sum"
          period  = 300
          metrics = [[{ expression = "SEARCH('{${var.metrics_namespace},Operation,StatusClass} MetricName=\"Requests\"', 'Sum', 300)", id = "requests" }]]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title   = "Bytes delivered by operation"
          region  = data.aws_region.current.name
          stat    = "Sum"
          period  = 300
          metrics = [[{ expression = "SEARCH('{${var.metrics_namespace},Operation,Provider,StatusClass} MetricName=\"BytesDelivered\"', 'Sum', 300)", id = "bytes" }]]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Provider latency (p50, p99) and errors by provider"
          region = data.aws_region.current.name
          period = 300
          metrics = [
            [{ expression = "SEARCH('{${var.metrics_namespace},Provider} MetricName=\"ProviderLatency\"', 'p50', 300)", id = "p50" }],
            [{ expression = "SEARCH('{${var.metrics_namespace},Provider} MetricName=\"ProviderLatency\"', 'p99', 300)", id = "p99" }],
            [{ expression = "SEARCH('{${var.metrics_namespace},Provider} MetricName=\"ProviderErrors\"', 'Sum', 300)", id = "errors" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title   = "Grant denials by operation"
          region  = data.aws_region.current.name
          stat    = "Sum"
          period  = 300
          metrics = [[{ expression = "SEARCH('{${var.metrics_namespace},Operation} MetricName=\"GrantDenials\"', 'Sum', 300)", id = "denials" }]]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title  = "Staging jobs by outcome, and their duration (p99)"
          region = data.aws_region.current.name
          period = 300
          metrics = [
            [{ expression = "SEARCH('{${var.metrics_namespace},Outcome} MetricName=\"StagingJobs\"', 'Sum', 300)", id = "jobs" }],
            [{ expression = "SEARCH('{${var.metrics_namespace},Outcome} MetricName=\"StagingJobDuration\"', 'p99', 300)", id = "duration" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 12, width = 12, height = 6
        properties = {
          title  = "Staging dead letters, and throttles by function"
          region = data.aws_region.current.name
          period = 300
          metrics = concat(
            [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.staging_dlq.name, { stat = "Maximum" }]],
            [for f in keys(local.functions) : ["AWS/Lambda", "Throttles", "FunctionName", local.function_names[f], { stat = "Sum" }]],
          )
        }
      },
      {
        type = "alarm", x = 0, y = 18, width = 24, height = 4
        properties = {
          title = "Alarms"
          alarms = concat([for a in aws_cloudwatch_metric_alarm.server_errors : a.arn], [for a in aws_cloudwatch_metric_alarm.throttles : a.arn],
          [aws_cloudwatch_metric_alarm.provider_errors.arn, aws_cloudwatch_metric_alarm.staging_dead_letters.arn])
        }
      },
    ]
  })
}
