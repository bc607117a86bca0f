# The provider credentials. Their values never pass through Terraform (nor its state): the secrets are created
# empty, or referenced by ARN, and filled with the AWS CLI or console (see README).

resource "aws_secretsmanager_secret" "yoti" {
  count       = var.yoti_secret_arn == null ? 1 : 0
  name_prefix = "${var.name}-yoti-"
  description = "Yoti IDV credentials: JSON {\"sdkId\": \"...\", \"privateKey\": \"-----BEGIN RSA PRIVATE KEY-----...\"}"
  tags        = var.tags
}

resource "aws_secretsmanager_secret" "veriff" {
  count       = var.veriff_secret_arn == null ? 1 : 0
  name_prefix = "${var.name}-veriff-"
  description = "Veriff credentials: JSON {\"apiKey\": \"...\", \"sharedSecret\": \"...\"}"
  tags        = var.tags
}
