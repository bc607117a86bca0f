# The configurations whose rendered IAM policies the build's IAM simulation checks (src/build/iam/simulate.mjs): each
# run's plan is printed by `terraform test -json -verbose -filter=tests/iam.tftest.hcl`, and every AWS call the tests
# recorded is simulated against the policies of the function that made it. Every secret has its own ARN here, so that
# one function reading another's secret shows.

mock_provider "aws" {
  # Mocked values (tests/mocks) are known while planning, so that policies and ARNs can be checked in plan mode.
  override_during = plan
  source          = "./tests/mocks"
}

variables {
  function_zip                 = "tests/function.zip"
  yoti_secret_arn              = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-yoti-Aa1111"
  veriff_secret_arn            = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-veriff-Bb2222"
  onfido_secret_arn            = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-onfido-Cc3333"
  webhooks_secret_arn          = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-webhooks-Dd4444"
  access_jwks_secret_arn       = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-jwks-Ee5555"
  grant_signing_key_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-grant-key-Ff6666"
}

run "iam_defaults" {
  command = plan

  assert {
    condition     = length(aws_iam_role_policy.function) == length(jsondecode(file("handlers.json")))
    error_message = "Every function has its policy."
  }
}

run "iam_archive_with_its_own_key" {
  command = plan

  variables {
    archive_enabled     = true
    archive_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/0b7c2d47-1f7e-4a55-9d1c-8a6a3f0e2b11"
  }

  assert {
    condition     = length(aws_iam_role_policy.function) == length(jsondecode(file("handlers.json")))
    error_message = "Every function has its policy."
  }
}

run "iam_object_lock_with_an_archive" {
  command = plan

  variables {
    archive_enabled = true
    object_lock     = true
  }

  assert {
    condition     = length(aws_iam_role_policy.function) == length(jsondecode(file("handlers.json")))
    error_message = "Every function has its policy."
  }
}
