# Every IDV provider the functions serve, described once. The secrets, the functions' environments, the IAM policies
# and the outputs iterate over this map: adding a provider is one entry here, with the variables of its own settings.
#
#   secret_arn          an existing secret with the provider's credentials, or null to create an empty one
#   secret_description  what the secret holds (its JSON fields), shown in Secrets Manager
#   base_url            the provider's API base, or null for the application's default
#   credentials         what every function that calls the provider reads: environment variable => field of its secret
#   webhook_fields      what receive-webhook reads from the provider's own secret: variable => fields (a rotation
#                       lists more than one)
#   webhook_tokens      what receive-webhook reads from the webhooks secret: variable => fields
locals {
  providers = {
    yoti = {
      secret_arn         = var.yoti_secret_arn
      secret_description = "Yoti IDV credentials: JSON {\"sdkId\": \"...\", \"privateKey\": \"-----BEGIN RSA PRIVATE KEY-----...\"}"
      base_url           = var.yoti_base_url
      credentials        = { IDV_YOTI_SDK_ID = "sdkId", IDV_YOTI_PRIVATE_KEY = "privateKey" }
      webhook_fields     = {}
      webhook_tokens     = { IDV_YOTI_NOTIFICATION_TOKEN = var.yoti_notification_token_fields }
    }
    veriff = {
      secret_arn         = var.veriff_secret_arn
      secret_description = "Veriff credentials: JSON {\"apiKey\": \"...\", \"sharedSecret\": \"...\"}"
      base_url           = var.veriff_base_url
      credentials        = { IDV_VERIFF_API_KEY = "apiKey", IDV_VERIFF_SHARED_SECRET = "sharedSecret" }
      # Veriff signs its webhooks with the shared secret (or, during a rotation, the fields named).
      webhook_fields = merge({ IDV_VERIFF_API_KEY = ["apiKey"], IDV_VERIFF_SHARED_SECRET = ["sharedSecret"] },
      length(var.veriff_webhook_secret_fields) == 0 ? {} : { IDV_VERIFF_WEBHOOK_SECRETS = var.veriff_webhook_secret_fields })
      webhook_tokens = {}
    }
    onfido = {
      secret_arn         = var.onfido_secret_arn
      secret_description = "Onfido credentials: JSON {\"apiToken\": \"...\"}"
      base_url           = var.onfido_base_url
      credentials        = { IDV_ONFIDO_API_TOKEN = "apiToken" }
      webhook_fields     = {}
      webhook_tokens     = { IDV_ONFIDO_WEBHOOK_TOKENS = var.onfido_webhook_token_fields }
    }
    sumsub = {
      secret_arn         = var.sumsub_secret_arn
      secret_description = "Sumsub credentials: JSON {\"appToken\": \"...\", \"secretKey\": \"...\"}"
      base_url           = var.sumsub_base_url
      credentials        = { IDV_SUMSUB_APP_TOKEN = "appToken", IDV_SUMSUB_SECRET_KEY = "secretKey" }
      # Sumsub digests its webhooks with a secret of their own, kept with the other webhook tokens.
      webhook_fields = {}
      webhook_tokens = { IDV_SUMSUB_WEBHOOK_SECRETS = var.sumsub_webhook_secret_fields }
    }
  }

  provider_secret_arns = {
    for p, d in local.providers : p => d.secret_arn != null ? d.secret_arn : aws_secretsmanager_secret.provider[p].arn
  }

  # What the session functions and stage-session read of every provider: its base URL (when set) and credentials.
  provider_environment = merge([
    for p, d in local.providers : merge(
      d.base_url == null ? {} : { "IDV_${upper(p)}_BASE_URL" = d.base_url },
    { for name, field in d.credentials : name => "aws-secretsmanager:${local.provider_secret_arns[p]}#${field}" })
  ]...)

  # What receive-webhook reads of every provider: only what authenticates its webhooks.
  provider_webhook_environment = merge([
    for p, d in local.providers : merge(
      { for name, fields in d.webhook_fields : name => join(",", [for f in fields : "aws-secretsmanager:${local.provider_secret_arns[p]}#${f}"]) },
    { for name, fields in d.webhook_tokens : name => join(",", [for f in fields : "aws-secretsmanager:${local.webhooks_secret_arn}#${f}"]) })
  ]...)

  # The provider secrets receive-webhook may read: those of the providers whose webhooks are signed with them.
  provider_webhook_secret_arns = [for p, d in local.providers : local.provider_secret_arns[p] if length(d.webhook_fields) > 0]
}
