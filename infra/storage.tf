# Staged copies of media, served to browsers through presigned URLs only; beside them, deletion markers and claims.

locals {
  # The longest any copy lives, plus a day: S3 runs lifecycle expirations up to a day late.
  deletion_marker_days = max(var.staged_copy_expiration_days, var.archive_enabled ? var.archive_retention_days : 0) + 1
  # The tag every copy is written with, and the value its expiry rule selects (the functions' IDV_MEDIA_S3_EXPIRY_TAGS).
  expiry_tag = "idv-expire"
}

resource "aws_s3_bucket" "staged" {
  bucket_prefix = "${var.name}-staged-"
  force_destroy = true
  # Object Lock is set when the bucket is made (it also turns versioning on): erasure receipts are then locked.
  object_lock_enabled = var.object_lock
  tags                = var.tags
}

resource "aws_s3_bucket_public_access_block" "staged" {
  bucket                  = aws_s3_bucket.staged.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "staged" {
  bucket = aws_s3_bucket.staged.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "staged" {
  bucket = aws_s3_bucket.staged.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "staged" {
  bucket = aws_s3_bucket.staged.id

  # Copies carry an expiry tag (idv-expire=yes), which a legal hold turns to "no" on its session's copies: a rule can
  # only select objects, never pass one over, so the rules select the copies whose tag says they may expire.
  rule {
    id     = "expire-staged-copies"
    status = "Enabled"
    filter {
      and {
        prefix = "${var.staged_prefix}/"
        tags   = { (local.expiry_tag) = "yes" }
      }
    }
    expiration {
      days = var.staged_copy_expiration_days
    }
  }

  # Archived copies of completed sessions: kept for their retention, whatever the staged copies' expiry.
  dynamic "rule" {
    for_each = var.archive_enabled ? [1] : []
    content {
      id     = "expire-archived-copies"
      status = "Enabled"
      filter {
        and {
          prefix = "${var.archive_prefix}/"
          tags   = { (local.expiry_tag) = "yes" }
        }
      }
      expiration {
        days = var.archive_retention_days
      }
    }
  }

  # Deletion markers outlive every copy they guard, so that a copy a failed purge left behind is never served again.
  rule {
    id     = "expire-deletion-markers"
    status = "Enabled"
    filter {
      prefix = "${var.deletions_prefix}/"
    }
    expiration {
      days = local.deletion_marker_days
    }
  }

  # Claims only need to outlive the webhook de-duplication window (and the few minutes a job claim lasts).
  rule {
    id     = "expire-claims"
    status = "Enabled"
    filter {
      prefix = "${var.claims_prefix}/"
    }
    expiration {
      days = ceil(var.webhook_dedupe_window_hours / 24) + 1
    }
  }

  # With Object Lock the bucket is versioned: a removed copy leaves a noncurrent version behind, gone a day later.
  dynamic "rule" {
    for_each = var.object_lock ? [1] : []
    content {
      id     = "expire-removed-versions"
      status = "Enabled"
      filter {}
      noncurrent_version_expiration {
        noncurrent_days = 1
      }
    }
  }

  dynamic "rule" {
    for_each = var.object_lock ? [1] : []
    content {
      id     = "remove-expired-delete-markers"
      status = "Enabled"
      filter {}
      expiration {
        expired_object_delete_marker = true
      }
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "staged" {
  bucket = aws_s3_bucket.staged.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.staged.arn, "${aws_s3_bucket.staged.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
  depends_on = [aws_s3_bucket_public_access_block.staged]
}
