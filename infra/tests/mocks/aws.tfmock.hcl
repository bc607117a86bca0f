# Mocked values of the AWS provider for every test file: known while planning, so that policies and ARNs can be
# checked in plan mode.

mock_data "aws_region" {
  defaults = { name = "eu-west-1" }
}
mock_data "aws_caller_identity" {
  defaults = { account_id = "123456789012" }
}
mock_data "aws_partition" {
  defaults = { partition = "aws" }
}
mock_resource "aws_s3_bucket" {
  defaults = { arn = "arn:aws:s3:::idv-media-staged-test", bucket = "idv-media-staged-test" }
}
mock_resource "aws_secretsmanager_secret" {
  defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-media-test-AbCdEf" }
}
mock_resource "aws_sqs_queue" {
  defaults = {
    arn  = "arn:aws:sqs:eu-west-1:123456789012:idv-media-staging"
    url  = "https://sqs.eu-west-1.amazonaws.com/123456789012/idv-media-staging"
    id   = "https://sqs.eu-west-1.amazonaws.com/123456789012/idv-media-staging"
    name = "idv-media-staging"
  }
}
mock_resource "aws_lambda_alias" {
  defaults = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:idv-media-f:live", invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:idv-media-f:live/invocations" }
}
mock_resource "aws_cloudwatch_metric_alarm" {
  defaults = { arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:idv-media-test" }
}
mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/test" }
}
