# The provider credentials. Their values never pass through Terraform (nor its state): the secrets are created
# empty, or referenced by ARN, and filled with the AWS CLI or console (see docs/terraform.md).

resource "aws_secretsmanager_secret" "provider" {
  for_each    = { for p, d in local.providers : p => d if d.secret_arn == null }
  name_prefix = "${var.name}-${each.key}-"
  description = each.value.secret_description
  tags        = var.tags
}

# Where the provider secrets were before they were created from the providers map.
moved {
  from = aws_secretsmanager_secret.yoti[0]
  to   = aws_secretsmanager_secret.provider["yoti"]
}

moved {
  from = aws_secretsmanager_secret.veriff[0]
  to   = aws_secretsmanager_secret.provider["veriff"]
}

moved {
  from = aws_secretsmanager_secret.onfido[0]
  to   = aws_secretsmanager_secret.provider["onfido"]
}

# What authenticates the providers' webhooks besides the Veriff shared secret: the token Yoti notifications carry,
# the token Onfido signs its webhooks with, and the secret Sumsub digests its webhooks with.
resource "aws_secretsmanager_secret" "webhooks" {
  count       = var.webhooks_secret_arn == null ? 1 : 0
  name_prefix = "${var.name}-webhooks-"
  description = "Webhook tokens: JSON {\"yotiNotificationToken\": \"...\", \"onfidoWebhookToken\": \"...\", \"sumsubWebhookSecret\": \"...\"} (more fields during a rotation, named in yoti_notification_token_fields, onfido_webhook_token_fields and sumsub_webhook_secret_fields)"
  tags        = var.tags
}

# The JWK Set that verifies grants (public keys; HMAC keys too, which is why it is a secret), and issue-grant's
# private JWK. Created empty: fill them as docs/terraform.md shows.
resource "aws_secretsmanager_secret" "access_jwks" {
  count       = var.access_jwks_secret_arn == null ? 1 : 0
  name_prefix = "${var.name}-access-jwks-"
  description = "JWK Set verifying idv-media-functions grants: {\"keys\": [...]}"
  tags        = var.tags
}

resource "aws_secretsmanager_secret" "receipt_signing_key" {
  count       = var.receipt_signing_key_secret_arn == null ? 1 : 0
  name_prefix = "${var.name}-receipt-signing-key-"
  description = "Private JWK (EC P-256 with a kid) that the deletes and purge-expired sign erasure receipts with"
  tags        = var.tags
}

resource "aws_secretsmanager_secret" "grant_signing_key" {
  count       = var.grant_signing_key_secret_arn == null ? 1 : 0
  name_prefix = "${var.name}-grant-signing-key-"
  description = "Private JWK (EC P-256 with a kid) that issue-grant signs grants with"
  tags        = var.tags
}
