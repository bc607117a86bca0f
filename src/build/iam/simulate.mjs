// The IAM simulation: every AWS call the tests recorded (target/aws-calls/*.jsonl, written by the tests'
// AwsCallRecorder) is evaluated against the policy infra/ renders for the function that made it, in every
// configuration of infra/tests/iam.tftest.hcl; so are the calls the platform makes with a function's role (its logs,
// the secrets its environment names, the queue stage-session consumes), and a list of calls each function must never
// be able to make. S3Proxy, ElasticMQ and the mocked Terraform provider enforce no IAM: this is where a policy that
// would deny a real call on AWS fails the build.
//
// usage: node simulate.mjs <terraform test -json -verbose output> <directory of recorded calls>

import { runSimulation } from '@cloud-copilot/iam-simulate'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const ACCOUNT = '123456789012'
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const ANY_ID = '00000000-0000-4000-8000-000000000000'
// Functions whose recorded calls must not be missing: an empty record would make the check pass vacuously.
const MUST_BE_RECORDED = ['get-media', 'export-session', 'delete-session', 'delete-media', 'hold', 'stage-session',
  'receive-webhook', 'get-receipts', 'purge-expired']

const [planFile, callsDir] = process.argv.slice(2)
if (!planFile || !callsDir) {
  console.error('usage: node simulate.mjs <plan.jsonl> <calls-dir>')
  process.exit(2)
}

const runs = readRuns(planFile)
const calls = readCalls(callsDir)
let failures = 0
let allowedAsRequired = 0
let deniedAsRequired = 0

const recordedFunctions = new Set(calls.map((c) => c.function))
for (const f of MUST_BE_RECORDED) {
  if (!recordedFunctions.has(f)) {
    console.log(`FAIL no AWS call of ${f} was recorded: the tests did not run, or the recorder is broken`)
    failures++
  }
}
console.log(`IAM simulation: ${calls.length} recorded AWS calls of ${recordedFunctions.size} functions, ` +
  `${runs.size} configurations (${[...runs.keys()].join(', ')})`)

for (const [runName, run] of runs) {
  const required = new Map()
  for (const call of calls) {
    for (const request of requestsOf(call, run)) {
      required.set(key(request), request)
    }
  }
  for (const request of platformRequests(run)) {
    required.set(key(request), request)
  }
  for (const request of required.values()) {
    const result = await simulate(run, request)
    if (result === 'Allowed') {
      allowedAsRequired++
    } else {
      failures++
      console.log(`FAIL [${runName}] ${request.function} needs ${request.action} on ${request.resource}` +
        `${context(request)} (${request.why}): ${result}`)
    }
  }
  for (const request of forbiddenRequests(run)) {
    const result = await simulate(run, request)
    if (result === 'Allowed') {
      failures++
      console.log(`FAIL [${runName}] ${request.function} must never be able to ${request.action} on ` +
        `${request.resource}${context(request)} (${request.why}), and is allowed`)
    } else {
      deniedAsRequired++
    }
  }
}

console.log(`IAM simulation: ${allowedAsRequired} calls allowed as required, ${deniedAsRequired} denied as required,` +
  ` ${failures} wrong`)
process.exit(failures === 0 ? 0 : 1)

// ---- The rendered configurations ----

function readRuns(file) {
  const result = new Map()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue
    const entry = JSON.parse(line)
    if (entry.type !== 'test_plan' || !entry['@testrun']) continue
    const run = { policies: {}, environments: {}, bucket: null, bucketArn: null, bucketPolicy: null, queueArn: null }
    for (const change of entry.test_plan.resource_changes || []) {
      const after = change.change?.after || {}
      const name = change.index
      if (change.type === 'aws_iam_role_policy' && change.name === 'function') {
        run.policies[name] = JSON.parse(after.policy)
      } else if (change.type === 'aws_lambda_function' && change.name === 'this') {
        run.environments[name] = after.environment?.[0]?.variables || {}
      } else if (change.type === 'aws_s3_bucket' && change.name === 'staged') {
        run.bucket = after.bucket
        run.bucketArn = after.arn
      } else if (change.type === 'aws_s3_bucket_policy' && change.name === 'staged') {
        run.bucketPolicy = JSON.parse(after.policy)
      } else if (change.type === 'aws_sqs_queue' && change.name === 'staging') {
        run.queueArn = after.arn
      } else if (change.type === 'aws_cloudwatch_log_group' && change.name === 'function') {
        run.logGroups = run.logGroups || {}
        run.logGroups[name] = after.arn
      }
    }
    if (Object.keys(run.policies).length === 0) {
      throw new Error(`run ${entry['@testrun']} rendered no IAM policy`)
    }
    run.secrets = [...new Set(Object.values(run.environments).flatMap(secretArns))]
    run.kmsKey = Object.values(run.environments).map((e) => e.IDV_ARCHIVE_KMS_KEY_ID).find((k) => k) || null
    run.archive = Object.values(run.environments).some((e) => e.IDV_ARCHIVE_ENABLED === 'true')
    run.archivePrefix = Object.values(run.environments).map((e) => e.IDV_ARCHIVE_PREFIX).find((p) => p) || 'archive'
    run.objectLock = Object.values(run.environments).some((e) => e.IDV_ARCHIVE_OBJECT_LOCK === 'true')
    run.expiryTags = Object.values(run.environments).some((e) => e.IDV_MEDIA_S3_EXPIRY_TAGS === 'true')
    run.stagedPrefix = Object.values(run.environments).map((e) => e.IDV_MEDIA_S3_PREFIX).find((p) => p) || 'staged'
    run.recordsPrefix = Object.values(run.environments).map((e) => e.IDV_MEDIA_S3_RECORDS_PREFIX).find((p) => p) ||
      'records'
    result.set(entry['@testrun'], run)
  }
  if (result.size === 0) {
    throw new Error(`${file} holds no rendered plan: was it written by terraform test -json -verbose?`)
  }
  return result
}

function secretArns(environment) {
  return Object.values(environment).flatMap((value) => String(value).split(','))
    .filter((v) => v.startsWith('aws-secretsmanager:'))
    .map((v) => v.substring('aws-secretsmanager:'.length).split('#')[0])
}

function readCalls(dir) {
  let files
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'))
  } catch {
    return []
  }
  return files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l)))
}

// ---- What a recorded call asks of IAM ----

function requestsOf(call, run) {
  const f = call.function
  // The SDK names services its own way ("S3", "Sqs"): compare them folded. Secrets are not recorded calls: a
  // function reads the ones its environment names, and platformRequests checks each of them.
  const service = call.service.toLowerCase().replace(/[^a-z0-9]/g, '')
  const why = `recorded: ${call.operation}${call.status ? ' answered ' + call.status : ''}`
  const keyArn = (k) => `${run.bucketArn}/${k.replace(UUID, ANY_ID)}`
  const archived = (k) => k && k.startsWith(run.archivePrefix + '/')
  const isCopy = (k) => k && (archived(k) || k.startsWith(run.stagedPrefix + '/'))
  if (service === 's3') {
    const keys = call.keys || (call.key ? [call.key] : [])
    // An archive exists only in configurations that enable it.
    if ((keys.some(archived) || archived(call.prefix)) && !run.archive) return []
    const object = (action) => keys.map((k) => ({ function: f, action, resource: keyArn(k), why }))
    // Object Lock legal holds exist only in configurations whose bucket has Object Lock.
    if (['ListObjectVersions', 'PutObjectLegalHold'].includes(call.operation) && !run.objectLock) return []
    // Expiry tags exist only in configurations whose functions tag copies.
    if (call.operation === 'PutObjectTagging' && !run.expiryTags) return []
    switch (call.operation) {
      case 'GetObject':
      case 'HeadObject': {
        const requests = object('s3:GetObject')
        if (call.status === 404) {
          // S3 answers 404 for an absent key only to a caller that may list it; to any other, 403 AccessDenied.
          requests.push({ function: f, action: 's3:ListBucket', resource: run.bucketArn,
            context: { 's3:prefix': call.key.replace(UUID, ANY_ID) },
            why: `${why}: an absent key answers 404 only to a role that may list it` })
        }
        if (call.status === 200 && run.kmsKey && archived(call.key)) {
          requests.push({ function: f, action: 'kms:Decrypt', resource: run.kmsKey, why: `${why}: an SSE-KMS object` })
        }
        return requests
      }
      case 'PutObject':
      case 'CreateMultipartUpload': {
        const requests = object('s3:PutObject')
        // Tags given with the write need their own permission. Where copies carry an expiry tag, every copy is written
        // with it (whether or not the test's server was told to, S3Proxy knowing no tags), and once a copy is complete
        // (its manifest written) its session's legal hold is read, absent as a rule: 404 only to a role that may list.
        if (call.tagging || (run.expiryTags && isCopy(call.key))) {
          requests.push(...object('s3:PutObjectTagging').map((r) => ({ ...r, why: `${why} with its expiry tag` })))
        }
        const session = run.expiryTags && isCopy(call.key) && call.key.endsWith('.manifest.json') &&
          !call.key.endsWith('/session.manifest.json') && call.key.split('/').slice(-3, -1)
        if (session) {
          const hold = `${run.recordsPrefix}/holds/${session[0]}/${session[1]}.json`.replace(UUID, ANY_ID)
          const complete = `${why}: a complete copy's session may be held`
          requests.push({ function: f, action: 's3:GetObject', resource: `${run.bucketArn}/${hold}`, why: complete },
            { function: f, action: 's3:ListBucket', resource: run.bucketArn, context: { 's3:prefix': hold },
              why: complete })
        }
        // In a configuration with the archive's own key, what goes to the archive is written with it (SSE-KMS).
        if (run.kmsKey && (call.kmsKeyId || archived(call.key))) {
          requests.push({ function: f, action: 'kms:GenerateDataKey', resource: run.kmsKey, why: `${why} with SSE-KMS` })
        }
        return requests
      }
      case 'UploadPart':
      case 'CompleteMultipartUpload':
        return object('s3:PutObject')
      case 'AbortMultipartUpload':
        return object('s3:AbortMultipartUpload')
      case 'DeleteObject':
      case 'DeleteObjects':
        return object('s3:DeleteObject')
      case 'ListObjectsV2':
        return [{ function: f, action: 's3:ListBucket', resource: run.bucketArn,
          context: { 's3:prefix': (call.prefix || '').replace(UUID, ANY_ID) }, why }]
      case 'ListObjectVersions':
        return [{ function: f, action: 's3:ListBucketVersions', resource: run.bucketArn,
          context: { 's3:prefix': (call.prefix || '').replace(UUID, ANY_ID) }, why }]
      case 'PutObjectLegalHold':
        return object('s3:PutObjectLegalHold')
      case 'PutObjectTagging':
        return object('s3:PutObjectTagging')
      case 'ListMultipartUploads':
        // The request names a prefix; the action has no s3:prefix condition key, which the simulator knows.
        return [{ function: f, action: 's3:ListBucketMultipartUploads', resource: run.bucketArn,
          context: { 's3:prefix': (call.prefix || '').replace(UUID, ANY_ID) }, why }]
      default:
        throw new Error(`No IAM mapping for the recorded S3 call ${call.operation}: add one`)
    }
  }
  if (service === 'sqs') {
    if (call.operation !== 'SendMessage') throw new Error(`No IAM mapping for the recorded SQS call ${call.operation}`)
    return [{ function: f, action: 'sqs:SendMessage', resource: run.queueArn, why }]
  }
  throw new Error(`No IAM mapping for the recorded call ${call.service} ${call.operation}: add one`)
}

// ---- What the platform does with a function's role ----

function platformRequests(run) {
  const requests = []
  for (const [f, environment] of Object.entries(run.environments)) {
    const logGroup = run.logGroups?.[f]
    if (logGroup) {
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        requests.push({ function: f, action, resource: `${logGroup}:log-stream:2026/01/01/[$LATEST]0123456789abcdef`,
          why: 'the Lambda runtime writes the function\'s log' })
      }
    }
    for (const secret of secretArns(environment)) {
      requests.push({ function: f, action: 'secretsmanager:GetSecretValue', resource: secret,
        why: 'a secret reference in its environment' })
    }
  }
  for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes',
    'sqs:ChangeMessageVisibility']) {
    requests.push({ function: 'stage-session', action, resource: run.queueArn,
      why: 'the event source mapping consumes the staging queue with its role' })
  }
  return requests
}

// ---- What each function must never be able to do ----

function forbiddenRequests(run) {
  const functions = Object.keys(run.policies)
  const copy = (prefix) => `${run.bucketArn}/${prefix}/yoti/${ANY_ID}/${ANY_ID}`
  const staged = copy(run.environments['get-media']?.IDV_MEDIA_S3_PREFIX || 'staged')
  const requests = []
  const never = (fs, action, resource, why, context) => {
    for (const f of fs) requests.push({ function: f, action, resource, why, context })
  }
  const nonStorage = ['get-session', 'list-media', 'issue-grant', 'hold', 'get-receipts']
  const records = `${run.bucketArn}/${run.environments.hold?.IDV_MEDIA_S3_RECORDS_PREFIX || 'records'}`
  const receipt = `${records}/receipts/yoti/${ANY_ID}/${'0'.repeat(64)}.json`
  const erasing = ['delete-session', 'delete-media', 'purge-expired']
  never(functions.filter((f) => !erasing.includes(f)), 's3:PutObject', receipt, 'only a delete writes a receipt')
  never(functions, 's3:DeleteObject', receipt, 'nobody removes a receipt')
  never(functions.filter((f) => !['hold', 'stage-session'].includes(f)), 's3:PutObjectLegalHold',
    copy(run.archivePrefix), 'only hold, and stage-session for what it archives, set legal holds')
  never(functions.filter((f) => f !== 'purge-expired'), 's3:DeleteObject', `${records}/completed/yoti/x`,
    'only purge-expired removes a completion entry')
  never(functions.filter((f) => f !== 'purge-expired'), 's3:ListBucket', run.bucketArn,
    'only purge-expired lists the sessions due', { 's3:prefix': `${records.split('/').pop()}/completed/` })
  const hold = `${run.bucketArn}/${run.environments.hold?.IDV_MEDIA_S3_RECORDS_PREFIX || 'records'}/holds/yoti/${ANY_ID}.json`
  never(functions.filter((f) => f !== 'hold'), 's3:PutObject', hold, 'only hold places a legal hold')
  never(functions.filter((f) => f !== 'hold'), 's3:DeleteObject', hold, 'only hold releases a legal hold')
  never(nonStorage, 's3:GetObject', staged, 'a function that serves no media reads no copy')
  never(nonStorage, 's3:PutObject', staged, 'a function that serves no media writes no copy')
  never(nonStorage.filter((f) => f !== 'hold'), 's3:ListBucket', run.bucketArn,
    'a function that serves no media lists no copy', { 's3:prefix': 'staged/' })
  never(functions.filter((f) => !['get-media', 'export-session', 'stage-session', 'hold'].includes(f)),
    's3:PutObjectTagging', staged, 'only the functions that write copies, and hold, set their expiry tags')
  never(functions, 's3:PutObjectTagging', receipt, 'nobody tags a receipt')
  never(nonStorage, 'sqs:SendMessage', run.queueArn, 'it queues no job')
  never(['receive-webhook'], 's3:GetObject', staged, 'receive-webhook only claims webhooks')
  never(['receive-webhook'], 's3:PutObject', staged, 'receive-webhook only claims webhooks')
  never(['receive-webhook', 'get-media', 'export-session'], 's3:DeleteObject', staged, 'no reader deletes a copy')
  if (run.archive) {
    never(['receive-webhook', 'get-media', 'export-session'], 's3:DeleteObject', copy(run.archivePrefix),
      'no reader deletes a copy')
  }
  never(['get-media', 'export-session', 'stage-session', 'receive-webhook', 'get-receipts'], 's3:PutObject',
    `${run.bucketArn}/deletions/yoti/${ANY_ID}/session`, 'only a delete records a deletion')
  never(functions, 's3:GetObject', `${run.bucketArn}/elsewhere/object`, 'nothing outside its prefixes')
  never(functions, 's3:PutObject', `${run.bucketArn}/elsewhere/object`, 'nothing outside its prefixes')
  never(functions, 's3:DeleteObject', `${run.bucketArn}/elsewhere/object`, 'nothing outside its prefixes')
  never(functions, 's3:ListBucket', run.bucketArn, 'no listing of the whole bucket', { 's3:prefix': '' })
  never(functions, 's3:ListBucket', run.bucketArn, 'nothing outside its prefixes', { 's3:prefix': 'elsewhere/' })
  never(functions, 's3:GetObject', `arn:aws:s3:::another-bucket/staged/yoti/${ANY_ID}/${ANY_ID}`,
    'no other bucket')
  never(functions.filter((f) => f !== 'stage-session'), 'sqs:ReceiveMessage', run.queueArn,
    'only stage-session consumes the staging queue')
  never(functions.filter((f) => f !== 'stage-session'), 'sqs:DeleteMessage', run.queueArn,
    'only stage-session consumes the staging queue')
  for (const f of functions) {
    const own = new Set(secretArns(run.environments[f] || {}))
    for (const secret of run.secrets.filter((s) => !own.has(s))) {
      requests.push({ function: f, action: 'secretsmanager:GetSecretValue', resource: secret,
        why: 'another function\'s secret' })
    }
  }
  if (run.kmsKey) {
    never(functions.filter((f) => !['get-media', 'stage-session', 'delete-session', 'delete-media',
      'purge-expired'].includes(f)), 'kms:Decrypt', run.kmsKey,
    'only the functions that stage and serve archived copies, and the deletes (which read their manifests), use the' +
      ' archive\'s key')
    never(['delete-session', 'delete-media', 'purge-expired'], 'kms:GenerateDataKey', run.kmsKey,
      'a delete writes nothing with the archive\'s key')
  }
  return requests
}

// ---- The simulator ----

async function simulate(run, request) {
  const policy = run.policies[request.function]
  if (!policy) return `no policy for ${request.function}`
  const s3 = request.action.startsWith('s3:') && request.resource.startsWith(run.bucketArn)
  const kms = request.action.startsWith('kms:')
  const simulation = {
    identityPolicies: [{ name: `${request.function}-policy`, policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    // The bucket's own policy (it denies insecure transport), and a KMS key policy that lets IAM policies decide,
    // as the default key policy does (a key whose policy does not would deny whatever the role says).
    resourcePolicy: s3 ? run.bucketPolicy : kms ? defaultKeyPolicy() : undefined,
    request: {
      action: request.action,
      principal: `arn:aws:iam::${ACCOUNT}:role/idv-media-${request.function}-role`,
      resource: { resource: request.resource, accountId: ACCOUNT },
      contextVariables: { 'aws:SecureTransport': 'true', ...(request.context || {}) },
    },
  }
  const response = await runSimulation(simulation, {})
  if (response.resultType === 'error') {
    return `the simulator refused the request: ${JSON.stringify(response.errors)}`
  }
  return response.overallResult
}

function defaultKeyPolicy() {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*', Resource: '*' }],
  }
}

function key(request) {
  return JSON.stringify([request.function, request.action, request.resource, request.context || {}])
}

function context(request) {
  return request.context ? ` with ${JSON.stringify(request.context)}` : ''
}
