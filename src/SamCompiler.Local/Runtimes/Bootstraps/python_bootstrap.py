"""samc's runtime interface client for Lambda python3.x runtimes (stdlib only).

Speaks the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API: loads _HANDLER from LAMBDA_TASK_ROOT, then loops on
invocation/next and posts each result or error in Lambda's shapes. Logs go to stderr/stdout unbuffered.
"""

import importlib
import json
import logging
import os
import socket
import sys
import time
import traceback

# Our own folder must not shadow the function's modules; the task root comes first, then /opt/python (layers).
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]
_TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
_PY = "python%d.%d" % sys.version_info[:2]
for _p in reversed([_TASK_ROOT, "/opt/python/lib/%s/site-packages" % _PY, "/opt/python"]):
    if _p not in sys.path:
        sys.path.insert(0, _p)
sys.path.remove(_TASK_ROOT)
sys.path.insert(0, _TASK_ROOT)

_API = os.environ["AWS_LAMBDA_RUNTIME_API"]
_BASE = "/2018-06-01/runtime"
_ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
_current_request_id = ""


class _Connection:
    """A keep-alive HTTP/1.1 client on a raw socket (http.client costs tens of milliseconds to import)."""

    def __init__(self):
        host, _, port = _API.rpartition(":")
        self._address = (host.strip("[]"), int(port))
        self._sock = None
        self._file = None

    def _close(self):
        for closable in (self._file, self._sock):
            if closable is not None:
                try:
                    closable.close()
                except OSError:
                    pass
        self._sock = None
        self._file = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            try:
                if self._sock is None:
                    self._sock = socket.create_connection(self._address)
                    self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    self._file = self._sock.makefile("rb")
                return self._roundtrip(method, path, body, headers or {})
            except (OSError, ValueError):
                self._close()
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def _roundtrip(self, method, path, body, headers):
        lines = ["%s %s HTTP/1.1" % (method, path), "Host: " + _API]
        if body is not None or method != "GET":
            lines.append("Content-Length: %d" % len(body or b""))
        for name, value in headers.items():
            lines.append("%s: %s" % (name, value))
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
        self._sock.sendall(head + body if body else head)
        status_line = self._file.readline()
        if not status_line:
            raise ConnectionError("the Runtime API closed the connection")
        status = int(status_line.split(None, 2)[1])
        response_headers = {}
        while True:
            line = self._file.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            response_headers[name.strip().lower()] = value.strip()
        if response_headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self._file.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self._file.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self._file.read(size))
                self._file.readline()
            data = b"".join(chunks)
        else:
            length = int(response_headers.get("content-length", "0"))
            data = self._file.read(length) if length else b""
        if response_headers.get("connection", "").lower() == "close":
            self._close()
        return status, response_headers, data


_client = _Connection()


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext:
    __slots__ = ["custom", "env", "client"]


def _make_identity(raw):
    if not raw:
        return None
    data = json.loads(raw)
    identity = CognitoIdentity()
    identity.cognito_identity_id = data.get("cognitoIdentityId")
    identity.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")
    return identity


def _make_client_context(raw):
    if not raw:
        return None
    data = json.loads(raw)
    context = ClientContext()
    context.custom = data.get("custom")
    context.env = data.get("env")
    context.client = None
    client = data.get("client")
    if client:
        context.client = Client()
        context.client.installation_id = client.get("installation_id")
        context.client.app_title = client.get("app_title")
        context.client.app_version_name = client.get("app_version_name")
        context.client.app_version_code = client.get("app_version_code")
        context.client.app_package_name = client.get("app_package_name")
    return context


class LambdaContext:
    """The context object, with the fields and method of Lambda's python runtime."""

    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context, identity, tenant_id=None):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = _make_client_context(client_context)
        self.identity = _make_identity(identity)
        self.tenant_id = tenant_id
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return int(max(self._deadline_ms - int(round(time.time() * 1000)), 0))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
            "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,identity=%s])"
            % (self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
               self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
               self.client_context, self.identity)
        )


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id
        return True


def _setup_logging():
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    if level:
        root.setLevel(level.upper())


class _InitError(Exception):
    def __init__(self, error_type, message, stack=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack = stack or []


def _load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise _InitError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, e))
    module_name = module_name.replace("/", ".")
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise _InitError("Runtime.BuiltInModuleConflict",
                         "Cannot use built-in module %s as a handler module" % module_name)
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise _InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise _InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e),
                         traceback.format_list(traceback.extract_tb(e.__traceback__)[1:]))
    function = getattr(module, function_name, None)
    if function is None:
        raise _InitError("Runtime.HandlerNotFound",
                         "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return function


def _error_body(error_type, message, request_id, stack):
    return json.dumps({"errorMessage": message, "errorType": error_type, "requestId": request_id,
                       "stackTrace": stack}).encode("utf-8")


def _log_error(error_type, message, stack):
    lines = "[ERROR] %s: %s\n" % (error_type, message)
    if stack:
        lines += "Traceback (most recent call last):\n" + "".join(stack)
    sys.stderr.write(lines if lines.endswith("\n") else lines + "\n")
    sys.stderr.flush()


def _decimal_default(value):
    import decimal
    if isinstance(value, decimal.Decimal):
        return float(value) if value % 1 else int(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _invoke(handler, headers, body):
    global _current_request_id
    request_id = headers.get("lambda-runtime-aws-request-id")
    _current_request_id = request_id
    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    context = LambdaContext(
        request_id,
        int(headers.get("lambda-runtime-deadline-ms") or 0),
        headers.get("lambda-runtime-invoked-function-arn"),
        headers.get("lambda-runtime-client-context"),
        headers.get("lambda-runtime-cognito-identity"),
        headers.get("lambda-runtime-aws-tenant-id"),
    )
    path = "%s/invocation/%s" % (_BASE, request_id)
    try:
        try:
            event = json.loads(body.decode("utf-8")) if body else {}
        except ValueError as e:
            raise _InitError("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
        result = handler(event, context)
        try:
            payload = json.dumps(result, default=_decimal_default).encode("utf-8")
        except (TypeError, ValueError) as e:
            raise _InitError("Runtime.MarshalError", "Unable to marshal response: %s" % e)
    except _InitError as e:
        _log_error(e.error_type, e.message, e.stack)
        _client.request("POST", path + "/error", _error_body(e.error_type, e.message, request_id, e.stack),
                        {_ERROR_TYPE_HEADER: e.error_type, "Content-Type": "application/json"})
        return
    except Exception as e:  # noqa: BLE001 - every user error becomes an error result
        stack = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
        error_type = type(e).__name__
        _log_error(error_type, str(e), stack)
        _client.request("POST", path + "/error", _error_body(error_type, str(e), request_id, stack),
                        {_ERROR_TYPE_HEADER: error_type, "Content-Type": "application/json"})
        return
    status, _, answer = _client.request("POST", path + "/response", payload, {"Content-Type": "application/json"})
    if status == 413:
        sys.stderr.write("[ERROR] %s\n" % answer.decode("utf-8", "replace"))


def main():
    _setup_logging()
    os.chdir(_TASK_ROOT)
    try:
        handler = _load_handler(os.environ.get("_HANDLER", ""))
    except _InitError as e:
        _log_error(e.error_type, e.message, e.stack)
        _client.request("POST", _BASE + "/init/error", _error_body(e.error_type, e.message, "", e.stack),
                        {_ERROR_TYPE_HEADER: e.error_type, "Content-Type": "application/json"})
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - an exception raised while importing the module
        stack = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
        error_type = type(e).__name__
        _log_error(error_type, str(e), stack)
        _client.request("POST", _BASE + "/init/error", _error_body(error_type, str(e), "", stack),
                        {_ERROR_TYPE_HEADER: "Runtime.Unknown", "Content-Type": "application/json"})
        sys.exit(1)
    while True:
        status, headers, body = _client.request("GET", _BASE + "/invocation/next")
        if status != 200:
            sys.stderr.write("samc bootstrap: unexpected status %d from invocation/next\n" % status)
            sys.exit(1)
        _invoke(handler, headers, body)


if __name__ == "__main__":
    main()
