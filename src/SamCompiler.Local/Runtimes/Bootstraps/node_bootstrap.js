'use strict';
// samc's runtime interface client for Lambda nodejs runtimes (Node.js stdlib only).
// Speaks the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API: loads _HANDLER from LAMBDA_TASK_ROOT (CommonJS, .mjs,
// .cjs, "type": "module" packages, dotted handler paths), then loops on invocation/next and posts each result or
// error in Lambda's shapes. Handlers may be async or use the callback.

const fs = require('fs');
const http = require('http');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const [HOST, PORT] = (() => {
  const api = process.env.AWS_LAMBDA_RUNTIME_API || '';
  const colon = api.lastIndexOf(':');
  return [api.slice(0, colon), Number(api.slice(colon + 1))];
})();
const BASE = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let currentRequestId = '';
let onEmptyEventLoop = null;

function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port: PORT, method, path: urlPath, agent, headers: headers || {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) {
      req.end(body);
    } else {
      req.end();
    }
  });
}

// Console output in Lambda's format: timestamp, request id, level, message.
function patchConsole() {
  const write = (level) => (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId || 'undefined'}\t${level}\t${util.format(...args)}\n`);
  };
  console.log = write('INFO');
  console.info = write('INFO');
  console.debug = write('DEBUG');
  console.warn = write('WARN');
  console.error = write('ERROR');
  console.trace = write('TRACE');
}

class RuntimeError extends Error {
  constructor(errorType, message, cause) {
    super(message);
    this.errorType = errorType;
    if (cause && cause.stack) {
      this.stack = `${errorType}: ${message}\n${String(cause.stack).split('\n').slice(1).join('\n')}`;
    }
  }
}

function toErrorPayload(error) {
  if (error instanceof RuntimeError) {
    return { errorType: error.errorType, errorMessage: error.message, trace: String(error.stack || '').split('\n') };
  }
  if (error instanceof Error) {
    return {
      errorType: error.name || (error.constructor && error.constructor.name) || 'Error',
      errorMessage: error.message,
      trace: String(error.stack || '').split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function resolveModuleFile(root, moduleName) {
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const candidate = path.resolve(root, moduleName + extension);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return null;
}

function isEsmPackage(file) {
  let dir = path.dirname(file);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return false;
    }
    dir = parent;
  }
}

async function loadModule(root, moduleName) {
  const file = resolveModuleFile(root, moduleName);
  try {
    if (file && (file.endsWith('.mjs') || (file.endsWith('.js') && isEsmPackage(file)))) {
      return await import(pathToFileURL(file).href);
    }
    try {
      return require(file || path.resolve(root, moduleName));
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ESM' && file) {
        return await import(pathToFileURL(file).href);
      }
      throw e;
    }
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`, e);
    }
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new RuntimeError('Runtime.ImportModuleError', `Error: ${e.message}`, e);
    }
    throw e;
  }
}

async function loadHandler(fullHandler) {
  const root = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.length - handlerString.length);
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match || !match[2]) {
    throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  }
  const [, moduleName, handlerPath] = match;
  if (moduleRoot.split(path.sep).includes('..')) {
    throw new RuntimeError('Runtime.MalformedHandlerName', "'../' not allowed in handler path");
  }
  const module = await loadModule(path.resolve(root, moduleRoot), moduleName);
  let handler = module;
  for (const part of handlerPath.split('.')) {
    handler = handler === undefined || handler === null ? undefined : handler[part];
  }
  if (handler === undefined && module && module.default && typeof module.default === 'object') {
    handler = handlerPath.split('.').reduce((o, p) => (o === undefined || o === null ? undefined : o[p]), module.default);
  }
  if (handler === undefined) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is not a function`);
  }
  return handler;
}

function makeContext(headers, finish) {
  const deadline = Number(headers['lambda-runtime-deadline-ms'] || 0);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
  if (headers['lambda-runtime-client-context']) {
    context.clientContext = JSON.parse(headers['lambda-runtime-client-context']);
  }
  if (headers['lambda-runtime-cognito-identity']) {
    const identity = JSON.parse(headers['lambda-runtime-cognito-identity']);
    context.identity = { cognitoIdentityId: identity.cognitoIdentityId, cognitoIdentityPoolId: identity.cognitoIdentityPoolId };
  }
  if (headers['lambda-runtime-aws-tenant-id']) {
    context.tenantId = headers['lambda-runtime-aws-tenant-id'];
  }
  const callback = (err, result) => {
    if (context.callbackWaitsForEmptyEventLoop) {
      onEmptyEventLoop = () => finish(err, result);
    } else {
      finish(err, result);
    }
  };
  context.done = (err, result) => callback(err, result);
  context.succeed = (result) => callback(null, result);
  context.fail = (err) => callback(err === undefined || err === null ? 'handled' : err);
  return { context, callback };
}

function invoke(handler, event, headers) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (err, result) => {
      if (!done) {
        done = true;
        onEmptyEventLoop = null;
        resolve({ err, result });
      }
    };
    const { context, callback } = makeContext(headers, finish);
    let returned;
    try {
      returned = handler(event, context, callback);
    } catch (e) {
      finish(e === undefined || e === null ? new Error(String(e)) : e);
      return;
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((r) => finish(null, r), (e) => finish(e === undefined || e === null ? new Error(String(e)) : e));
    } else if (handler.length < 3 && onEmptyEventLoop === null) {
      // A synchronous handler that never calls back ends with null once the event loop is empty.
      onEmptyEventLoop = () => finish(null, returned);
    }
  });
}

async function postError(urlPath, payload) {
  console.error('Invoke Error', JSON.stringify(payload));
  await request('POST', urlPath, JSON.stringify(payload), {
    'Content-Type': 'application/json',
    [ERROR_TYPE_HEADER]: payload.errorType,
  });
}

async function main() {
  patchConsole();
  process.on('beforeExit', () => {
    const pending = onEmptyEventLoop;
    onEmptyEventLoop = null;
    if (pending) {
      pending();
    }
  });
  const fail = async (error) => {
    const payload = toErrorPayload(error);
    if (currentRequestId) {
      await postError(`${BASE}/invocation/${currentRequestId}/error`, payload).catch(() => {});
    } else {
      await postError(`${BASE}/init/error`, payload).catch(() => {});
    }
    process.exit(129);
  };
  process.on('uncaughtException', (e) => { fail(e); });
  process.on('unhandledRejection', (reason) => {
    const error = new RuntimeError('Runtime.UnhandledPromiseRejection', `${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`, reason);
    fail(error);
  });

  let handler;
  try {
    handler = await loadHandler(process.env._HANDLER || '');
  } catch (e) {
    await postError(`${BASE}/init/error`, toErrorPayload(e)).catch(() => {});
    process.exit(1);
  }

  for (;;) {
    currentRequestId = '';
    const next = await request('GET', `${BASE}/invocation/next`);
    if (next.status !== 200) {
      process.stderr.write(`samc bootstrap: unexpected status ${next.status} from invocation/next\n`);
      process.exit(1);
    }
    currentRequestId = next.headers['lambda-runtime-aws-request-id'];
    if (next.headers['lambda-runtime-trace-id']) {
      process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
    } else {
      delete process.env._X_AMZN_TRACE_ID;
    }
    const urlPath = `${BASE}/invocation/${currentRequestId}`;
    let event;
    try {
      event = next.body.length ? JSON.parse(next.body.toString('utf8')) : {};
    } catch (e) {
      await postError(`${urlPath}/error`, { errorType: 'Runtime.UnmarshalError', errorMessage: `Unable to parse event: ${e.message}`, trace: [] });
      continue;
    }
    const { err, result } = await invoke(handler, event, next.headers);
    if (err !== null && err !== undefined) {
      await postError(`${urlPath}/error`, toErrorPayload(err));
      continue;
    }
    let body;
    try {
      body = JSON.stringify(result === undefined ? null : result);
    } catch (e) {
      await postError(`${urlPath}/error`, { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${e.message}`, trace: [] });
      continue;
    }
    const answer = await request('POST', `${urlPath}/response`, body, { 'Content-Type': 'application/json' });
    if (answer.status === 413) {
      process.stderr.write(`${answer.body.toString('utf8')}\n`);
    }
  }
}

main();
