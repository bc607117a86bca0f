# Who fetched which staged copy: the presigned GETs of copies are made by browsers, not by the functions, so only S3
# can record them. Server access logs (the default) record every request to the copies' bucket, with the query string
# of the presigned URL: the functions sign an `x-idv-subject` parameter into each URL (S3 ignores parameters that begin
# with "x-" and logs them), so each line names the grant subject the URL was made for. CloudTrail data events are the
# other choice: delivered within minutes rather than hours, and queryable in CloudTrail Lake, but they name the role
# that presigned the URL, not the subject. Either way the records go to a log bucket of their own, apart from the
# copies and readable by nothing the functions run as.

locals {
  access_log_enabled = var.copy_access_log != "none"
  access_log_prefix  = var.copy_access_log == "server-access" ? "s3-access/" : "cloudtrail/"
}

resource "aws_s3_bucket" "access_logs" {
  count         = local.access_log_enabled ? 1 : 0
  bucket_prefix = "${var.name}-access-logs-"
  force_destroy = false
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  count                   = local.access_log_enabled ? 1 : 0
  bucket                  = aws_s3_bucket.access_logs[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "access_logs" {
  count  = local.access_log_enabled ? 1 : 0
  bucket = aws_s3_bucket.access_logs[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Server access logs may only be delivered to a bucket encrypted with S3-managed keys.
resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  count  = local.access_log_enabled ? 1 : 0
  bucket = aws_s3_bucket.access_logs[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  count  = local.access_log_enabled ? 1 : 0
  bucket = aws_s3_bucket.access_logs[0].id
  rule {
    id     = "expire-access-records"
    status = "Enabled"
    filter {
      prefix = local.access_log_prefix
    }
    expiration {
      days = var.access_log_retention_days
    }
  }
}

# Only the logging service may write, only under its prefix, and only for this deployment's copies' bucket.
locals {
  access_log_bucket_arn = local.access_log_enabled ? aws_s3_bucket.access_logs[0].arn : ""
  access_log_statements = {
    "server-access" = [
      {
        Sid       = "S3ServerAccessLogs"
        Effect    = "Allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${local.access_log_bucket_arn}/${local.access_log_prefix}*"
        Condition = {
          ArnLike      = { "aws:SourceArn" = aws_s3_bucket.staged.arn }
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
    "cloudtrail" = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = local.access_log_bucket_arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${local.access_log_bucket_arn}/${local.access_log_prefix}AWSLogs/${data.aws_caller_identity.current.account_id}/*"
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
    ]
    "none" = []
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  count  = local.access_log_enabled ? 1 : 0
  bucket = aws_s3_bucket.access_logs[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.access_log_statements[var.copy_access_log], [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.access_log_bucket_arn, "${local.access_log_bucket_arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ])
  })
}

resource "aws_s3_bucket_logging" "staged" {
  count         = var.copy_access_log == "server-access" ? 1 : 0
  bucket        = aws_s3_bucket.staged.id
  target_bucket = aws_s3_bucket.access_logs[0].id
  target_prefix = local.access_log_prefix
  # One prefix per day (s3-access/{account}/{region}/{bucket}/{yyyy}/{mm}/{dd}/): a day's records are one listing.
  target_object_key_format {
    partitioned_prefix {
      partition_date_source = "EventTime"
    }
  }
  depends_on = [aws_s3_bucket_policy.access_logs]
}

locals {
  trail_name = "${var.name}-staged-copy-reads"
  trail_arn  = "arn:${data.aws_partition.current.partition}:cloudtrail:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:trail/${local.trail_name}"
}

# Data events for the reads of staged and archived copies only: not the markers, not the claims, not the writes.
resource "aws_cloudtrail" "staged_reads" {
  count                         = var.copy_access_log == "cloudtrail" ? 1 : 0
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.access_logs[0].id
  s3_key_prefix                 = trimsuffix(local.access_log_prefix, "/")
  include_global_service_events = false
  is_multi_region_trail         = false
  enable_log_file_validation    = true
  tags                          = var.tags

  advanced_event_selector {
    name = "Reads of staged copies"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "eventName"
      equals = ["GetObject"]
    }
    field_selector {
      field       = "resources.ARN"
      starts_with = concat(["${aws_s3_bucket.staged.arn}/${var.staged_prefix}/"], var.archive_enabled ? ["${aws_s3_bucket.staged.arn}/${var.archive_prefix}/"] : [])
    }
  }

  depends_on = [aws_s3_bucket_policy.access_logs]
}
