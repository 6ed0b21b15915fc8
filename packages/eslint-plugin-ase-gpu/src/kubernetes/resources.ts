import { findProperty, isObject, isStringLiteral, keyName, type JSONObject } from '../manifest/json-ast.js';
import { isExtendedResource, k8sMember } from '../manifest/k8s-experimental.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { isQuantity, parseQuantity } from './quantities.js';
import { originIn, type ModuleScope } from './scope.js';
import type { ResourceQuantity, Resources } from './types.js';

function readQuantities(scope: ModuleScope, resources: JSONObject, kind: 'limits' | 'requests'): ResourceQuantity[] {
  const list = findProperty(resources, kind, { ignoreCase: true })?.value;
  if (!isObject(list)) return [];
  const result: ResourceQuantity[] = [];
  for (const property of list.properties) {
    const node = property.value;
    const quantity = node.type === 'JSONLiteral' && (typeof node.value === 'string' || typeof node.value === 'number') ? node.value : undefined;
    if (quantity === undefined) continue;
    const resource = keyName(property);
    const origin = originIn(scope, property.key);
    const valid = typeof quantity === 'number' ? Number.isFinite(quantity) : isQuantity(quantity);
    if (!valid && !(typeof quantity === 'string' && isPlaceholder(quantity))) {
      scope.sink.fail('quantity-invalid', originIn(scope, node), `"${quantity}" for ${kind}.${resource} is not a Kubernetes quantity; the agent throws while reading the module.`, { resource, kind, quantity });
    }
    result.push({ resource, kind, quantity, valid, origin });
  }
  return result;
}

/** What the API server checks across limits and requests (extended resources, requests ≤ limits). */
function checkPairs(scope: ModuleScope, limits: readonly ResourceQuantity[], requests: readonly ResourceQuantity[]): void {
  for (const limit of limits) {
    if (!limit.valid || !isExtendedResource(limit.resource)) continue;
    const value = parseQuantity(limit.quantity)!;
    if (!Number.isInteger(value)) {
      scope.sink.fail('extended-resource-invalid', limit.origin, `The extended resource ${limit.resource} must be a whole number; Kubernetes rejects "${limit.quantity}".`, { resource: limit.resource, kind: 'limits', quantity: limit.quantity });
    }
  }
  for (const request of requests) {
    if (!request.valid) continue;
    const limit = limits.find((candidate) => candidate.resource === request.resource);
    const requested = parseQuantity(request.quantity)!;
    const limited = limit?.valid ? parseQuantity(limit.quantity) : undefined;
    if (isExtendedResource(request.resource)) {
      if (!limit) {
        scope.sink.fail('extended-resource-invalid', request.origin, `The extended resource ${request.resource} is requested without a limit; Kubernetes requires a limit for it.`, { resource: request.resource, kind: 'requests', quantity: request.quantity });
      } else if (limited !== undefined && limited !== requested) {
        scope.sink.fail('extended-resource-invalid', request.origin, `The extended resource ${request.resource} has different requests and limits; Kubernetes requires them equal.`, { resource: request.resource, kind: 'requests', quantity: request.quantity });
      }
    } else if (limited !== undefined && requested > limited) {
      scope.sink.fail('requests-exceed-limits', request.origin, `requests.${request.resource} (${request.quantity}) is above limits.${request.resource} (${limit!.quantity}); Kubernetes rejects the Deployment.`, { resource: request.resource, request: request.quantity, limit: limit!.quantity });
    }
  }
}

export function translateResources(scope: ModuleScope): Resources | undefined {
  const member = k8sMember(scope.createOptions, 'resources');
  if (!member || !isObject(member.value)) return undefined;
  const limits = readQuantities(scope, member.value, 'limits');
  const requests = readQuantities(scope, member.value, 'requests');
  checkPairs(scope, limits, requests);
  return { limits, requests, origin: originIn(scope, member.key) };
}

/** `strategy` is passed verbatim: the API server accepts Recreate or RollingUpdate, rollingUpdate only with the latter. */
export function checkStrategy(scope: ModuleScope, strategy: JSONObject): void {
  const type = findProperty(strategy, 'type', { ignoreCase: true })?.value;
  const rollingUpdate = findProperty(strategy, 'rollingUpdate', { ignoreCase: true });
  const typeName = isStringLiteral(type) ? type.value : undefined;
  if (type && typeName !== 'Recreate' && typeName !== 'RollingUpdate' && !(typeName && isPlaceholder(typeName))) {
    scope.sink.fail('strategy-invalid', originIn(scope, type), `strategy.type must be "Recreate" or "RollingUpdate"; Kubernetes rejects ${JSON.stringify(typeName ?? 'this value')}.`, { type: typeName ?? '' });
  } else if (typeName === 'Recreate' && rollingUpdate) {
    scope.sink.fail('strategy-invalid', originIn(scope, rollingUpdate.key), 'strategy.rollingUpdate may not be given with type "Recreate"; Kubernetes rejects the Deployment.', { type: typeName });
  }
}
