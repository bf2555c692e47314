/**
 * A structural check of an OpenAPI 3.1 document, enough to catch what a generator can get wrong: the
 * version, operations without answers, path parameters not declared, unknown security schemes and
 * `$ref`s that lead nowhere. Each problem is one line naming where it is.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value a local reference (`#/a/b`) points at, or undefined (RFC 6901 escapes honoured). */
function resolve(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (isObject(node) || Array.isArray(node) ? (node as Json)[token] : undefined), document);
}

function refProblems(document: Json, node: unknown, at: string, problems: string[]) {
  if (Array.isArray(node)) node.forEach((item, index) => refProblems(document, item, `${at}/${index}`, problems));
  if (!isObject(node)) return;
  if (typeof node.$ref === 'string' && resolve(document, node.$ref) === undefined) problems.push(`${at}: $ref ${node.$ref} does not resolve`);
  for (const [key, value] of Object.entries(node)) refProblems(document, value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, problems);
}

function operationProblems(document: Json, path: string, method: string, operation: Json, problems: string[]) {
  const where = `${method.toUpperCase()} ${path}`;
  const responses = operation.responses;
  if (!isObject(responses) || Object.keys(responses).length === 0) problems.push(`${where}: no responses`);
  else {
    for (const [status, response] of Object.entries(responses)) {
      if (!isObject(response) || typeof response.description !== 'string') problems.push(`${where} ${status}: no description`);
    }
  }
  const parameters = Array.isArray(operation.parameters) ? operation.parameters.filter(isObject) : [];
  const declared = parameters.filter((parameter) => parameter.in === 'path');
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    const parameter = declared.find((candidate) => candidate.name === name);
    if (!parameter) problems.push(`${where}: path parameter {${name}} is not declared`);
    else if (parameter.required !== true) problems.push(`${where}: path parameter {${name}} must be required`);
  }
  for (const parameter of declared) {
    if (!path.includes(`{${String(parameter.name)}}`)) problems.push(`${where}: path parameter ${String(parameter.name)} is not in the path`);
  }
  const schemes = isObject(document.components) && isObject(document.components.securitySchemes) ? document.components.securitySchemes : {};
  for (const requirement of Array.isArray(operation.security) ? operation.security : []) {
    for (const name of Object.keys(isObject(requirement) ? requirement : {})) {
      if (!(name in schemes)) problems.push(`${where}: unknown security scheme ${name}`);
    }
  }
}

/** What is structurally wrong with `document` as OpenAPI 3.1; empty when nothing is. */
export function documentProblems(document: unknown): string[] {
  if (!isObject(document)) return ['the document is not an object'];
  const problems: string[] = [];
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) problems.push(`openapi is ${String(document.openapi)}, not 3.1.x`);
  if (!isObject(document.info) || typeof document.info.title !== 'string' || typeof document.info.version !== 'string') {
    problems.push('info needs a title and a version');
  }
  if (!isObject(document.paths)) problems.push('no paths');
  else {
    for (const [path, item] of Object.entries(document.paths)) {
      if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
      if (!isObject(item)) continue;
      for (const method of METHODS) {
        if (isObject(item[method])) operationProblems(document, path, method, item[method], problems);
      }
    }
  }
  refProblems(document, document, '#', problems);
  return problems;
}
