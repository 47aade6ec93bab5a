#!/usr/bin/env python3
"""moto_server with the CloudFormation execution behaviour samc's deploy tests need and moto 5.2 lacks.

moto's CloudFormationBackend.execute_change_set applies a change set in one step: it writes no per-resource events,
does not rebuild the stack's outputs (FakeChangeSet.apply only updates the resource map), and a resource that fails
makes ExecuteChangeSet itself return an error, leaving the stack *_IN_PROGRESS ("TODO: handle execution errors and
implement rollback" in moto/cloudformation/models.py). This launcher replaces that one method with CloudFormation's
documented behaviour (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks.html):

- each resource created, updated or deleted gets <ACTION>_IN_PROGRESS and <ACTION>_COMPLETE events;
- the outputs are rebuilt after the change set is applied;
- a resource that fails gets <ACTION>_FAILED with moto's error as the reason, then the stack rolls back:
  an update re-applies the previous template (UPDATE_ROLLBACK_IN_PROGRESS -> UPDATE_ROLLBACK_COMPLETE), a creation
  deletes what was created (ROLLBACK_IN_PROGRESS -> ROLLBACK_COMPLETE); ExecuteChangeSet itself succeeds, as the
  failure happens after the call in CloudFormation;
- CreateChangeSet checks the parameters as CloudFormation does: a parameter with no Default and no value, or a value
  outside AllowedValues, is a ValidationError of the call itself;
- Ref to an AWS::Lambda::LayerVersion gives the layer version ARN, as CloudFormation documents; moto's LayerVersion
  has no physical_resource_id, so Ref gave the Python object and updating a function with Layers failed
  ("'LayerVersion' object has no attribute 'replace'");
- a template whose top-level Metadata has SamcTestServer: {ExecuteDelaySeconds: N} is executed asynchronously
  after N seconds (the stack stays *_IN_PROGRESS meanwhile), so a test can interrupt a deployment in progress.

Everything else is moto_server unchanged; `GET /samc-test-server` answers 200 so tests can tell this launcher from a
plain moto_server. Usage: scripts/moto-server.py [-H 127.0.0.1] [-p PORT]   (the same arguments as moto_server)
"""
import sys
import threading
import time

from moto.cloudformation import models, parsing
from moto.server import main as moto_main

_state = threading.local()


def _ctx():
    return getattr(_state, "ctx", None)


class _Execution:
    def __init__(self, stack, action):
        self.stack = stack
        self.action = action
        self.active = []  # logical ids being created or updated (innermost last)

    def event(self, logical_id, resource_type, status, reason=None, physical_id=None):
        ev = models.Event(
            stack_id=self.stack.stack_id,
            stack_name=self.stack.name,
            logical_resource_id=logical_id,
            physical_resource_id=physical_id or "",
            resource_type=resource_type,
            resource_status=status,
            resource_status_reason=reason,
            resource_properties=None,
        )
        self.stack.events.append(ev)


def _wrap(original, verb):
    def wrapper(logical_id, resource_json, resources_map, *args, **kwargs):
        ctx = _ctx()
        if ctx is None:
            return original(logical_id, resource_json, resources_map, *args, **kwargs)
        rtype = resource_json.get("Type", "")
        ctx.event(logical_id, rtype, f"{verb}_IN_PROGRESS")
        ctx.active.append((logical_id, rtype, verb))
        resource = original(logical_id, resource_json, resources_map, *args, **kwargs)
        ctx.active.pop()
        physical = getattr(resource, "physical_resource_id", None) if resource is not None else None
        ctx.event(logical_id, rtype, f"{verb}_COMPLETE", physical_id=physical if isinstance(physical, str) else None)
        return resource

    return wrapper


from moto.awslambda import models as lambda_models  # noqa: E402

if not hasattr(lambda_models.LayerVersion, "physical_resource_id"):
    lambda_models.LayerVersion.physical_resource_id = property(lambda self: self.arn)

parsing.parse_and_create_resource = _wrap(parsing.parse_and_create_resource, "CREATE")
parsing.parse_and_update_resource = _wrap(parsing.parse_and_update_resource, "UPDATE")


def _apply(backend, change_set, stack):
    kind = change_set.change_set_type
    ctx = _Execution(stack, kind)
    old_template, old_dict = stack.template, getattr(stack, "template_dict", None)
    old_parameters = dict(stack.resource_map.input_parameters or {}) if hasattr(stack.resource_map, "input_parameters") else None
    _state.ctx = ctx
    try:
        change_set.apply()
    except Exception as ex:  # noqa: BLE001 - any resource failure is a deployment failure
        failed = ctx.active[-1] if ctx.active else (stack.name, "AWS::CloudFormation::Stack", kind)
        reason = getattr(ex, "message", None) or str(ex) or type(ex).__name__
        ctx.event(failed[0], failed[1], f"{failed[2]}_FAILED", reason=reason)
        ctx.active.clear()
        _state.ctx = None
        if kind == "CREATE":
            stack._add_stack_event("ROLLBACK_IN_PROGRESS", resource_status_reason=f"The following resource(s) failed to create: [{failed[0]}]. Rollback requested by user.")
            try:
                stack.resource_map.delete()
            except Exception:  # noqa: BLE001 - best effort, as moto cannot always delete half-made resources
                pass
            stack._add_stack_event("ROLLBACK_COMPLETE")
            stack.status = "ROLLBACK_COMPLETE"
        else:
            stack._add_stack_event("UPDATE_ROLLBACK_IN_PROGRESS", resource_status_reason=f"The following resource(s) failed to update: [{failed[0]}].")
            try:
                stack.resource_map.update(old_dict, old_parameters)
                stack.template = old_template
                stack._add_stack_event("UPDATE_ROLLBACK_COMPLETE")
                stack.status = "UPDATE_ROLLBACK_COMPLETE"
            except Exception as rollback_error:  # noqa: BLE001
                stack._add_stack_event("UPDATE_ROLLBACK_FAILED", resource_status_reason=str(rollback_error))
                stack.status = "UPDATE_ROLLBACK_FAILED"
        change_set.execution_status = "EXECUTE_FAILED"
        return
    finally:
        _state.ctx = None

    stack.template = change_set.template
    stack._parse_template()
    stack.output_map = stack._create_output_map()
    if change_set.parameters:
        stack.parameters = change_set.parameters
    stack._add_stack_event(f"{kind}_COMPLETE")
    stack.status = f"{kind}_COMPLETE"
    change_set.execution_status = "EXECUTE_COMPLETE"


def execute_change_set(self, change_set_name, stack_name=None):
    change_set = self.change_sets.get(change_set_name)
    if change_set is None:
        for cs in self.change_sets.values():
            if cs.change_set_name == change_set_name and (stack_name is None or cs.stack_name == stack_name or cs.stack_id == stack_name):
                change_set = cs
    if change_set is None:
        raise models.ValidationError(stack_name)
    stack = self.stacks[change_set.stack_id]
    kind = change_set.change_set_type
    stack._add_stack_event(f"{kind}_IN_PROGRESS", resource_status_reason="User Initiated")
    stack.status = f"{kind}_IN_PROGRESS"
    change_set.execution_status = "EXECUTE_IN_PROGRESS"
    metadata = (change_set.template_dict or {}).get("Metadata") or {}
    delay = float(((metadata.get("SamcTestServer") or {}).get("ExecuteDelaySeconds")) or 0)
    if delay > 0:
        threading.Timer(delay, _apply, args=(self, change_set, stack)).start()
    else:
        _apply(self, change_set, stack)


models.CloudFormationBackend.execute_change_set = execute_change_set

_original_create_change_set = models.CloudFormationBackend.create_change_set


def create_change_set(self, stack_name, change_set_name, template, parameters, *args, **kwargs):
    try:
        declared = (models.Stack.parse_template(template) or {}).get("Parameters") or {}
    except Exception:  # noqa: BLE001 - moto reports template errors itself
        declared = {}
    existing = {}
    for stack in self.stacks.values():
        if stack.name == stack_name and stack.status != "REVIEW_IN_PROGRESS":
            existing = stack.parameters or {}
    missing = [k for k, v in declared.items() if isinstance(v, dict) and "Default" not in v and k not in (parameters or {}) and k not in existing]
    if missing:
        raise models.ValidationError(message=f"Parameters: [{', '.join(missing)}] must have values")
    for key, value in (parameters or {}).items():
        allowed = (declared.get(key) or {}).get("AllowedValues") if isinstance(declared.get(key), dict) else None
        if allowed and str(value) not in [str(a) for a in allowed]:
            raise models.ValidationError(message=f"Parameter '{key}' must be one of AllowedValues")
    return _original_create_change_set(self, stack_name, change_set_name, template, parameters, *args, **kwargs)


models.CloudFormationBackend.create_change_set = create_change_set


def _marker(app):
    def wrapped(environ, start_response):
        if environ.get("PATH_INFO") == "/samc-test-server":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"samc moto launcher\n"]
        return app(environ, start_response)

    return wrapped


if __name__ == "__main__":
    from moto import server as moto_server_module

    original_dispatcher = moto_server_module.DomainDispatcherApplication

    class Dispatcher(original_dispatcher):  # type: ignore[misc, valid-type]
        def __call__(self, environ, start_response):
            return _marker(super().__call__)(environ, start_response)

    moto_server_module.DomainDispatcherApplication = Dispatcher
    time.tzset() if hasattr(time, "tzset") else None
    moto_main(sys.argv[1:])
