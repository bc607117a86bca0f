/**
 * AWS requests without the AWS SDK's client pipeline: signed with the SDK's Signature Version 4 signer and sent over
 * the JDK's HTTP client, for the few calls a function makes (Secrets Manager's GetSecretValue, the S3 store's calls).
 */
package io.idvmedia.aws;
