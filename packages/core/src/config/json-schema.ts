import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from './errors.js';

type AjvInstance = { compile(schema: object): ValidateFunction };
let ajv: AjvInstance | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** Ajv, imported the first time a configuration has settings or rule options to check. */
async function getAjv(): Promise<AjvInstance> {
  if (!ajv) {
    const module = (await import('ajv')) as unknown as { default: new (options: object) => AjvInstance };
    // Rule schemas are written for ESLint's validator, which tolerates draft-04 keywords and unknown formats.
    ajv = new module.default({ allErrors: false, strict: false, validateSchema: false, validateFormats: false });
  }
  return ajv;
}

export async function compileSchema(schema: object): Promise<ValidateFunction> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = (await getAjv()).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** `/exemptions/0/expires` → `.exemptions[0].expires`. */
export function jsonPointerToKey(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/gu, '/').replace(/~0/gu, '~'))
    .map((segment) => (/^\d+$/u.test(segment) ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/u.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`))
    .join('');
}

/** One readable sentence for the first error Ajv found, with the key it is about. */
export function describeSchemaError(error: ErrorObject, schemaAt: (pointer: string) => unknown): { key: string; message: string } {
  const key = jsonPointerToKey(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys(((schemaAt(error.schemaPath.replace(/\/additionalProperties$/u, '')) as { properties?: object }) ?? {}).properties ?? {});
      return { key, message: `unknown key "${extra}"${didYouMean(extra, known)}; known keys: ${known.join(', ')}.` };
    }
    case 'enum':
      return { key, message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}.` };
    case 'required':
      return { key, message: `must have the key "${String(params.missingProperty)}".` };
    case 'pattern':
      return { key, message: `must match the pattern ${String(params.pattern)}.` };
    default:
      return { key, message: `${error.message ?? 'is not valid'}.` };
  }
}

/** Resolves a JSON pointer such as `#/properties/exemptions/items` inside a schema. */
export function schemaAtPointer(schema: unknown, pointer: string): unknown {
  let current = schema;
  for (const segment of pointer.replace(/^#/u, '').split('/').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment.replace(/~1/gu, '/').replace(/~0/gu, '~')];
  }
  return current;
}
